package dev.workbench.core.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.FileHashes;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.store.StageFiles;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One read of stages' states ({@link Stages#status}), with what it looks at loaded once: the stat cache of hashes
 * and the policy. It writes nothing.
 */
final class StageReading {
    /** How many changed artifacts a staleReason names; the rest are counted. */
    static final int REASONS = 3;

    private final Store store;
    private final StageFiles files;
    private final StageArtifacts artifacts;
    private final ApprovalSignatures signatures;
    private FileHashes hashes;
    private ApprovalPolicy policy;

    StageReading(Store store, StageFiles files, StageArtifacts artifacts, ApprovalSignatures signatures) {
        this.store = store;
        this.files = files;
        this.artifacts = artifacts;
        this.signatures = signatures;
    }

    /**
     * The state last written (a stage never executed is {@code STALE}), without any staleReason it was written with;
     * its {@code area} is the stage's key ({@code cleaning}, {@code experiment:<slug>}).
     */
    static StageRecords.Status stored(StageFiles files, StageId stage) {
        return files.read(stage, StageFile.STATUS, StageRecords.Status.class)
                .map(s -> s.staleReason() == null
                        ? s
                        : new StageRecords.Status(
                                s.area(),
                                s.state(),
                                s.revision(),
                                s.updatedAt(),
                                s.executedAt(),
                                s.reviewedAt(),
                                s.decidedAt(),
                                null))
                .orElse(new StageRecords.Status(stage.key(), StageState.STALE, 0, null, null, null, null, null));
    }

    /**
     * A stage file's JSON ({@code review.json}, {@code approval.json}) as readers see it when the stage reads STALE:
     * with {@code "stale": true} and the {@code staleReason}; as it is when it says so already or is no JSON object.
     */
    static String markedStale(String text, String staleReason) {
        try {
            JsonNode tree = Json.mapper().readTree(text);
            if (!(tree instanceof ObjectNode o) || o.path("stale").asBoolean(false)) {
                return text;
            }
            o.put("stale", true);
            o.put("staleReason", staleReason);
            return new String(Json.toFileBytes(o), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return text; // served as it is; status.json says the stage is stale
        }
    }

    private FileHashes hashes() {
        return hashes == null ? hashes = FileHashes.load(store) : hashes;
    }

    /** {@code s} as it holds now: {@code STALE}, with why, when its review or approval no longer holds. */
    StageRecords.Status effective(StageId stage, StageRecords.Status s) {
        String reason = staleReason(stage, s);
        return reason == null
                ? s
                : new StageRecords.Status(
                        s.area(),
                        StageState.STALE,
                        s.revision(),
                        s.updatedAt(),
                        s.executedAt(),
                        s.reviewedAt(),
                        s.decidedAt(),
                        reason);
    }

    private String staleReason(StageId stage, StageRecords.Status s) {
        if (s.state() != StageState.REVIEWED && s.state() != StageState.APPROVED) {
            return null;
        }
        boolean approved = s.state() == StageState.APPROVED;
        String since = approved ? " since approval" : " since review";
        StageRecords.Manifest manifest;
        StageRecords.Approval approval;
        try {
            manifest = files.read(stage, StageFile.MANIFEST, StageRecords.Manifest.class)
                    .orElse(null);
            approval = approved
                    ? files.read(stage, StageFile.APPROVAL, StageRecords.Approval.class)
                            .orElse(null)
                    : null;
        } catch (WorkbenchException e) {
            return e.getMessage();
        }
        if (manifest == null) {
            return "manifest.json is missing, so nothing says which artifacts were "
                    + (approved ? "approved" : "reviewed");
        }
        List<String> drift = artifacts.drift(manifest.artifacts(), hashes());
        if (!drift.isEmpty()) {
            return String.join("; ", drift.subList(0, Math.min(drift.size(), REASONS)))
                    + (drift.size() > REASONS ? " and " + (drift.size() - REASONS) + " more" : "")
                    + since;
        }
        if (!approved) {
            return null;
        }
        if (approval == null || !"approved".equals(approval.decision())) {
            return "approval.json does not record an approval";
        }
        if (!signed(approval.artifacts()).equals(signed(manifest.artifacts()))) {
            return "approval.json approves other artifacts than the ones executed";
        }
        if (policy == null) {
            policy = ApprovalPolicy.load(files);
        }
        if (policy.signed()) {
            String bad = signatures.verification(stage, approval, policy);
            if (bad != null) {
                return "the approval's signature does not verify: " + bad;
            }
        }
        return null;
    }

    private static List<StageRecords.SignedArtifact> signed(List<PathDigest> artifacts) {
        return artifacts == null
                ? List.of()
                : artifacts.stream()
                        .map(a -> new StageRecords.SignedArtifact(a.path(), a.sha256()))
                        .toList();
    }
}
