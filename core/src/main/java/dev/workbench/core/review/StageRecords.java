package dev.workbench.core.review;

import dev.workbench.core.Json;
import dev.workbench.core.run.PathDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The files of a stage folder: {@code .aw/stages/<area>/}, or an experiment's {@code .aw/experiments/<slug>/}. Where a
 * record says {@code area}, it holds the stage's key ({@link StageId#key}): the area's name, or
 * {@code experiment:<slug>}.
 */
public final class StageRecords {
    private StageRecords() {}

    /**
     * status.json: the area's state. As read ({@link Stages#status}), a {@code REVIEWED} or {@code APPROVED} area
     * whose artifacts no longer match their hashes, or whose approval does not hold, reads {@code STALE} with
     * {@code staleReason}; the file itself keeps the state last written (readers never write).
     */
    public record Status(
            String area,
            StageState state,
            long revision,
            String updatedAt,
            String executedAt,
            String reviewedAt,
            String decidedAt,
            String staleReason) {}

    /** manifest.json: the artifacts of the last execution, with their hashes. */
    public record Manifest(String at, List<PathDigest> artifacts) {}

    /** review.json: the last review, passed or not, and why not; {@code stale} once the area was executed again. */
    public record Review(
            String at,
            boolean passed,
            List<StageCheck> checks,
            String interpretation,
            List<String> problems,
            boolean stale) {}

    /**
     * approval.json: the last decision by a person; {@code stale} once a new execution replaced its artifacts.
     * A signed approval carries {@code signature} (ssh-keygen's armored SSH signature, namespace
     * {@code aw-approval}, over {@link Statement#bytes}) and {@code signer}, the principal of
     * {@code .aw/allowed_signers} whose key made it.
     */
    public record Approval(
            String at,
            String decision,
            String by,
            String feedback,
            List<PathDigest> artifacts,
            boolean stale,
            String signature,
            String signer) {

        /**
         * What this approval of the stage {@code area} signs; {@code area} is the stage's key ({@link StageId#key}):
         * an area's name, or {@code experiment:<slug>}, so an approval signed for one can never pass for the other.
         */
        public Statement statement(String area) {
            return new Statement(
                    SshSignatures.NAMESPACE,
                    area,
                    artifacts.stream()
                            .map(a -> new SignedArtifact(a.path(), a.sha256()))
                            .toList(),
                    decision,
                    feedback,
                    at);
        }
    }

    /** One artifact as a signature covers it. */
    public record SignedArtifact(String path, String sha256) {}

    /**
     * What a signed approval signs. Its bytes are {@link Json#canonical} of this record, UTF-8:
     * compact JSON, keys in exactly this order, nulls written out, e.g.
     * <pre>{"namespace":"aw-approval","area":"cleaning","artifacts":[{"path":"data/clean.csv","sha256":"9f86…"}],
     * "decision":"approved","feedback":null,"at":"2026-12-01T03:00:00.000Z"}</pre>
     * (one line), with the artifacts in the order the execution recorded them. For an experiment's stage {@code area}
     * is {@code "experiment:<slug>"} and the first artifact is {@code .aw/experiments/<slug>.json}.
     */
    public record Statement(
            String namespace,
            String area,
            List<SignedArtifact> artifacts,
            String decision,
            String feedback,
            String at) {
        public byte[] bytes() {
            return Json.canonical(this).getBytes(StandardCharsets.UTF_8);
        }
    }
}
