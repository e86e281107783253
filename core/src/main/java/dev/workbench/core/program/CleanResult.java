package dev.workbench.core.program;

import dev.workbench.core.experiment.Decision;
import dev.workbench.core.experiment.Holdout;
import dev.workbench.core.experiment.Learning;
import dev.workbench.core.experiment.Method;
import dev.workbench.core.experiment.Preregistration;
import dev.workbench.core.experiment.Prior;
import dev.workbench.core.experiment.Status;
import dev.workbench.core.experiment.Window;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An experiment's clean result (the Program issue, Deliver 6): everything a reader with no prior knowledge needs, in
 * the order they read it, taken from the workbench's state by {@link CleanResults} and nothing else. One model for
 * every way it is shown ({@link CleanResultMarkdown} for {@code aw://experiments/{slug}/result}; an HTML page or a
 * report later). It follows the seed's {@code decision.md} (experiment-workspace's
 * {@code references/experiment-folder-spec.md}: "Evidence Summary … referencing numbers from analysis.md",
 * "Hypothesis Verdict", "Next Action") and its learning capture's five parts.
 *
 * @param banner    whether a person approved it, and if not why not
 * @param question  what the project asks, and where this experiment sits in it
 * @param numbers   the stored analysis; null when there is none yet
 * @param caveats   what a reader must keep in mind, each derived from the record ({@link CleanResultCaveats})
 * @param followUps experiments whose parent is this one and that are not holdout checkpoints
 * @param holdout   the holdout plan, its checkpoints and their trend; null without a plan or checkpoints
 * @param links     the records behind it, as {@code aw://} URIs
 */
public record CleanResult(
        String slug,
        Banner banner,
        Question question,
        String hypothesis,
        Design design,
        CleanResultNumbers numbers,
        Status status,
        Decision decision,
        List<Learning> learnings,
        List<String> caveats,
        List<Related> followUps,
        HoldoutSection holdout,
        Links links) {

    public CleanResult {
        learnings = List.copyOf(learnings);
        caveats = List.copyOf(caveats);
        followUps = List.copyOf(followUps);
    }

    /**
     * The review of the clean result: the experiment's stage {@code experiment:<slug>}.
     *
     * @param approved true only when the stage reads {@code APPROVED} and not stale
     * @param why      when not approved: not reviewed, reviewed and waiting for a person, rejected, or stale because …
     * @param by       who approved; null when not approved
     * @param at       when, ISO-8601 UTC
     * @param signer   the principal whose SSH key signed the approval, under the signed policy; else null
     */
    public record Banner(boolean approved, String why, String by, String at, String signer) {}

    /**
     * The question the experiment answers.
     *
     * @param project       the project's name
     * @param question      the project's hypothesis, the question it is working on
     * @param primaryMetric the project's primary metric
     * @param claim         the claim the experiment bears on (a claim's slug, or free text in older records)
     * @param parent        the experiment this one follows from, or null
     * @param holdoutDay    for a holdout checkpoint of {@code parent}: the day it measures; else null
     */
    public record Question(
            String project, String question, String primaryMetric, String claim, String parent, Integer holdoutDay) {}

    /**
     * What was done.
     *
     * @param sample           units per variant of the primary metric in the data on record, control first
     * @param assignmentSource the source exposures were collected from, or null when the data was written by hand
     * @param definitions      the metric definitions by event, when the data is collected from them
     */
    public record Design(
            Method method,
            String primaryMetric,
            List<String> guardrails,
            String control,
            List<String> treatments,
            Map<String, Double> trafficWeights,
            Window window,
            Long minimumSample,
            String minimumSampleBasis,
            Map<String, Long> sample,
            String assignmentSource,
            Map<String, String> definitions,
            Preregistration preregistration,
            Prior prior) {
        public Design {
            guardrails = guardrails == null ? List.of() : List.copyOf(guardrails);
            treatments = treatments == null ? List.of() : List.copyOf(treatments);
            sample = Collections.unmodifiableMap(new LinkedHashMap<>(sample));
            definitions = definitions == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(definitions));
        }
    }

    /**
     * Another experiment of the program linked to this one.
     *
     * @param holdoutDay for a holdout checkpoint, the day after the launch it measures; else null
     * @param decision   its decision, when decided
     */
    public record Related(String slug, Status status, Integer holdoutDay, String hypothesis, String decision) {}

    /**
     * The holdout of a launched experiment.
     *
     * @param plan        the plan on the record, or null (checkpoints without a plan)
     * @param checkpoints the checkpoint experiments on record, by day
     * @param report      the trend ({@link Holdouts#report}); null without a plan
     */
    public record HoldoutSection(Holdout plan, List<Related> checkpoints, HoldoutReport report) {
        public HoldoutSection {
            checkpoints = List.copyOf(checkpoints);
        }
    }

    /**
     * The records behind the result.
     *
     * @param runs        runs whose record names this experiment, oldest first
     * @param checkpoints workbench checkpoints those runs or this experiment's journal entries name
     */
    public record Links(List<RunLink> runs, List<String> checkpoints) {
        public Links {
            runs = List.copyOf(runs);
            checkpoints = List.copyOf(checkpoints);
        }
    }

    /** A run: its id, when, and what it ran. */
    public record RunLink(String id, String recordedAt, String command, Integer exitCode) {}
}
