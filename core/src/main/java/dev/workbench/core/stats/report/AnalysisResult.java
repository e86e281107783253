package dev.workbench.core.stats.report;

/**
 * What an analysis returns ({@link BayesianResult}, {@link BanditResult}): a typed record whose JSON is the
 * {@code analysisResult} the contract fixes, key for key. A result stored on an experiment also records which data it
 * read ({@code input_sha256}, the last key); the experiment binds it, the analysis never sees it.
 *
 * @param <R> the result type itself
 */
public interface AnalysisResult<R extends AnalysisResult<R>> {
    /** The key of the hash of the {@code inputData} a stored result read; absent inline. */
    String INPUT_SHA256 = "input_sha256";

    /** This result bound to the data it read, as it is stored on the experiment. */
    R withInputSha256(String inputSha256);

    /** One line for the activity feed: the primary verdict, or where the bandit stands. */
    String headline();
}
