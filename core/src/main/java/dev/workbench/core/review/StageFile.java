package dev.workbench.core.review;

import dev.workbench.core.Check;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The files an area's stage holds, by the names people and the {@code aw://stages/{area}/{file}} resource know them.
 * The set is closed: a stage holds these and nothing else a reader is shown.
 */
public enum StageFile {
    /** The plan a person or the agent writes by hand. */
    PLAN("plan.md"),
    /** The stored state ({@link StageRecords.Status}). */
    STATUS("status.json"),
    /** The review as a person reads it. */
    REVIEW_MARKDOWN("review.md"),
    /** The artifacts of the last execution ({@link StageRecords.Manifest}). */
    MANIFEST("manifest.json"),
    /** The last review ({@link StageRecords.Review}). */
    REVIEW("review.json"),
    /** The last decision by a person ({@link StageRecords.Approval}). */
    APPROVAL("approval.json");

    /** The file names, in the order above. */
    public static final List<String> NAMES =
            Arrays.stream(values()).map(StageFile::fileName).toList();

    private final String fileName;

    StageFile(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public boolean markdown() {
        return fileName.endsWith(".md");
    }

    /** The stage file named {@code name}, if it is one. */
    public static Optional<StageFile> named(String name) {
        return Arrays.stream(values()).filter(f -> f.fileName.equals(name)).findFirst();
    }

    /** The stage file named {@code name}; else {@code INVALID_INPUT} naming the field {@code file} and the names. */
    public static StageFile parse(String name) {
        return named(name).orElseThrow(() -> Check.invalid("file", "one of " + NAMES, name));
    }

    @Override
    public String toString() {
        return fileName;
    }
}
