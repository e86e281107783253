package dev.workbench.core.review;

import dev.workbench.core.Sha256;
import dev.workbench.core.store.StageFiles;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed approvals (the signed {@link ApprovalPolicy}): signing one as it is given, and verifying one each time the
 * area's state is read, against the allowed signers the stage files hold.
 */
final class ApprovalSignatures {
    static final int MAX_VERIFIED = 1000;

    private final StageFiles files;
    private final SshSignatures ssh;
    private final SignedStatements statements;
    /**
     * Verifications this process made, keyed by content (area, approval.json, allowed_signers): empty when good,
     * else why not. Kept in memory only: a verification cache under .aw/ could be written by the very agent the
     * signatures guard against, turning "verified" into a claim anyone can make.
     */
    private final Map<String, Optional<String>> verified = new ConcurrentHashMap<>();

    ApprovalSignatures(StageFiles files, SshSignatures ssh) {
        this.files = files;
        this.ssh = ssh;
        this.statements = new SignedStatements(files, ssh);
    }

    /** See {@link SignedStatements#requireSignable}. */
    ApprovalPolicy requireSignable(Stages.Signer signer, String signedCommand) {
        return statements.requireSignable(signer, signedCommand);
    }

    /**
     * Null when {@code approval}'s signature verifies for {@code stage} (its statement names the stage's key) against .aw/allowed_signers, else why not.
     * The answer is kept per content (area, approval.json, allowed_signers) for the life of this process: a
     * server runs ssh-keygen once per approval, a fresh process (the session-start hook) once per signed area.
     */
    String verification(StageId stage, StageRecords.Approval approval, ApprovalPolicy policy) {
        if (policy.problem() != null) {
            return policy.problem();
        }
        if (approval.signature() == null || approval.signer() == null) {
            return "it is not signed (review-stage execute and review the stage again, then a person runs `aw approve "
                    + stage.key() + " --key <their key>`)";
        }
        byte[] signers;
        String written;
        try {
            Optional<byte[]> listed = files.signers();
            Optional<String> text = files.text(stage, StageFile.APPROVAL);
            if (listed.isEmpty() || text.isEmpty()) {
                return ".aw/" + ApprovalPolicy.SIGNERS + " is missing";
            }
            signers = listed.get();
            written = text.get();
        } catch (UncheckedIOException e) {
            return "cannot read " + e.getCause().getMessage();
        }
        String key = key(stage, written, signers);
        Optional<String> known = verified.get(key);
        if (known != null) {
            return known.orElse(null);
        }
        String bad;
        try {
            bad = ssh.verify(
                    signers,
                    approval.signer(),
                    approval.signature(),
                    approval.statement(stage.key()).bytes());
        } catch (SshSignatures.Unavailable e) {
            return e.getMessage(); // fails closed, and is tried again next time
        }
        memo(key, bad);
        return bad;
    }

    /** The approval with its signature, checked as every reader will check it; refused when it does not verify. */
    StageRecords.Approval sign(StageId stage, StageRecords.Approval approval, Stages.Signer signer) {
        SignedStatements.Signed signed =
                statements.sign(approval.statement(stage.key()).bytes(), signer);
        return new StageRecords.Approval(
                approval.at(),
                approval.decision(),
                approval.by(),
                approval.feedback(),
                approval.artifacts(),
                false,
                signed.signature(),
                signed.signer());
    }

    /** Keeps the verification of a signed approval just written, so this process need not run ssh-keygen for it. */
    void remember(StageId stage) {
        try {
            Optional<byte[]> signers = files.signers();
            Optional<String> written = files.text(stage, StageFile.APPROVAL);
            if (signers.isPresent() && written.isPresent()) {
                memo(key(stage, written.get(), signers.get()), null);
            }
        } catch (UncheckedIOException e) {
            // not remembered: the next read verifies it
        }
    }

    private void memo(String key, String bad) {
        if (verified.size() >= MAX_VERIFIED) {
            verified.clear(); // approvals are few; a process that saw this many just verifies again
        }
        verified.put(key, Optional.ofNullable(bad));
    }

    private static String key(StageId stage, String approval, byte[] signers) {
        MessageDigest d = Sha256.digest();
        d.update(stage.key().getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
        d.update(Sha256.of(approval.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII));
        d.update((byte) 0);
        d.update(signers);
        return HexFormat.of().formatHex(d.digest());
    }
}
