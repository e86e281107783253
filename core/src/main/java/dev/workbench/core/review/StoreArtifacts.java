package dev.workbench.core.review;

import dev.workbench.core.Check;
import dev.workbench.core.Sha256;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.store.ExperimentRecords;
import dev.workbench.core.store.StageFiles;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few records of the workbench a stage's execution may pin, named by the paths a person sees: an experiment's
 * clean result ({@code aw://experiments/<slug>/result}, the text a person approves, pinned by every execution of its
 * stage: {@link Stages.Documents}), its record ({@code .aw/experiments/<slug>.json}) and the stage's own plan
 * ({@code .aw/stages/<area>/plan.md} or {@code plans/v<K>.md}, {@code .aw/experiments/<slug>/plan.md} or
 * {@code plans/v<K>.md}). They are read through the ports, so whatever back end holds them, their digest is the
 * SHA-256 of the bytes stored. Everything else under {@code .aw/} is no artifact.
 */
final class StoreArtifacts {
    static final String AW = ".aw/";
    private static final Pattern RESULT = Pattern.compile("aw://experiments/([^/]+)/result");
    private static final Pattern RECORD = Pattern.compile("\\.aw/experiments/([^/]+)\\.json");
    private static final Pattern PLAN =
            Pattern.compile("\\.aw/(stages|experiments)/([^/]+)/(plan\\.md|plans/v([1-9][0-9]{0,8})\\.md)");

    private final StageFiles files;
    private final ExperimentRecords experiments;
    private final Stages.Documents documents;

    StoreArtifacts(StageFiles files, ExperimentRecords experiments, Stages.Documents documents) {
        this.files = files;
        this.experiments = experiments;
        this.documents = documents;
    }

    /** The path an experiment's clean result is pinned as. */
    static String resultPath(String slug) {
        return "aw://experiments/" + slug + "/result";
    }

    /** The path an experiment's record is pinned as. */
    static String recordPath(String slug) {
        return AW + "experiments/" + slug + ".json";
    }

    /** The path of {@code stage}'s plan: {@code plan.md} when {@code version} is null, else {@code plans/v<K>.md}. */
    static String planPath(StageId stage, Integer version) {
        String folder = AW + (stage.experiment() ? "experiments/" : "stages/") + stage.name() + "/";
        return folder + (version == null ? "plan.md" : "plans/v" + version + ".md");
    }

    /** Whether {@code path} (relative to the root, with '/') is under {@code .aw/}, or a document of the workbench. */
    static boolean inStore(String path) {
        return path.equals(".aw") || path.startsWith(AW) || path.startsWith("aw://");
    }

    /** Whether {@code stage}'s execution may pin {@code path}: its experiment's record, or its own plan. */
    static boolean allowed(StageId stage, String path) {
        if (stage.experiment() && path.equals(recordPath(stage.name()))) {
            return true;
        }
        Matcher m = PLAN.matcher(path);
        return m.matches()
                && m.group(1).equals(stage.experiment() ? "experiments" : "stages")
                && m.group(2).equals(stage.name());
    }

    /** The digest of the record {@code path} names, as stored now: a {@code file}, or {@code missing}. */
    PathDigest digest(String path) {
        return bytes(path)
                .map(b -> new PathDigest(path, "file", (long) b.length, null, Sha256.of(b)))
                .orElse(new PathDigest(path, "missing", null, null, null));
    }

    private Optional<byte[]> bytes(String path) {
        Matcher result = RESULT.matcher(path);
        if (result.matches()) {
            return Check.isSlug(result.group(1))
                    ? documents.of(result.group(1)).map(t -> t.getBytes(StandardCharsets.UTF_8))
                    : Optional.empty();
        }
        Matcher record = RECORD.matcher(path);
        if (record.matches()) {
            return Check.isSlug(record.group(1)) ? experiments.storedBytes(record.group(1)) : Optional.empty();
        }
        Matcher plan = PLAN.matcher(path);
        if (!plan.matches()) {
            return Optional.empty();
        }
        boolean experiment = plan.group(1).equals("experiments");
        String name = plan.group(2);
        if (experiment ? !Check.isSlug(name) : !StageId.isAreaName(name)) {
            return Optional.empty();
        }
        StageId stage = new StageId(experiment, name);
        Optional<String> text = plan.group(4) == null
                ? files.text(stage, StageFile.PLAN)
                : files.planVersion(stage, Integer.parseInt(plan.group(4)));
        return text.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }
}
