package dev.workbench.core.review;

import dev.workbench.core.run.PathDigest;
import java.util.List;

/** The files of {@code .aw/stages/<area>/}. */
public final class StageRecords {
    private StageRecords() {}

    /** status.json: the area's state. */
    public record Status(String area, StageState state, long revision, String updatedAt, String executedAt,
                         String reviewedAt, String decidedAt) {}

    /** manifest.json: the artifacts of the last execution, with their hashes. */
    public record Manifest(String at, List<PathDigest> artifacts) {}

    /** review.json: the last review, passed or not, and why not; {@code stale} once the area was executed again. */
    public record Review(String at, boolean passed, List<StageCheck> checks, String interpretation,
                         List<String> problems, boolean stale) {}

    /** approval.json: the last decision by a person; {@code stale} once a new execution replaced its artifacts. */
    public record Approval(String at, String decision, String by, String feedback, List<PathDigest> artifacts,
                           boolean stale) {}
}
