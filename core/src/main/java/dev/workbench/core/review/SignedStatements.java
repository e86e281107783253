package dev.workbench.core.review;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Sha256;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.store.StageFiles;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signing and verifying the canonical statement of any approval (an area's, a claim's status) against
 * {@code .aw/allowed_signers}: what the signed {@link ApprovalPolicy} asks of every decision that is a person's.
 * {@link ApprovalSignatures} signs areas' approvals through it; the claims service signs and checks claims' with it.
 */
public final class SignedStatements {
    private final StageFiles files;
    private final SshSignatures ssh;
    /** Verifications this process made, by content; kept in memory only, as {@link ApprovalSignatures} explains. */
    private final Map<String, Optional<String>> verified = new ConcurrentHashMap<>();

    public SignedStatements(StageFiles files, SshSignatures ssh) {
        this.files = files;
        this.ssh = ssh;
    }

    /** A signature and the principal of {@code .aw/allowed_signers} whose key made it. */
    public record Signed(String signature, String signer) {}

    /** The project's approval policy (.aw/policy.json). */
    public ApprovalPolicy policy() {
        return ApprovalPolicy.load(files);
    }

    /**
     * The policy, once what it requires before a person is asked holds: a signer when approvals must be signed
     * ({@code signedCommand} is what a person runs instead), a readable policy and allowed signers to check a
     * signature against. {@code APPROVAL_UNSIGNED}, with nothing changed, otherwise.
     */
    public ApprovalPolicy requireSignable(Stages.Signer signer, String signedCommand) {
        ApprovalPolicy policy = policy();
        if (policy.signed() && signer == null) {
            throw new WorkbenchException(
                    ErrorCode.APPROVAL_UNSIGNED,
                    "this project requires signed approvals"
                            + (policy.problem() == null ? " (.aw/policy.json)" : " (" + policy.problem() + ")")
                            + ", and this channel cannot sign; a person runs `" + signedCommand
                            + "` in a terminal (nothing changed)");
        }
        if (signer != null && policy.problem() != null) {
            throw new WorkbenchException(
                    ErrorCode.APPROVAL_UNSIGNED, policy.problem() + "; fix it first (nothing changed)");
        }
        if (signer != null && !anySigners()) {
            throw new WorkbenchException(
                    ErrorCode.APPROVAL_UNSIGNED,
                    "a signed approval is checked against .aw/" + ApprovalPolicy.SIGNERS
                            + " (ssh-keygen's allowed-signers format: `<principal> <public key>` per line), which is"
                            + " missing (nothing changed)");
        }
        return policy;
    }

    /** Whether anyone is listed as a signer (an allowed-signers file that cannot be read lists nobody). */
    public boolean anySigners() {
        try {
            return files.signers().isPresent();
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /**
     * {@code statement} signed by {@code signer}, checked as every reader will check it; {@code APPROVAL_UNSIGNED}
     * when the key is not listed or the signature does not verify, or ssh-keygen cannot be run.
     */
    public Signed sign(byte[] statement, Stages.Signer signer) {
        byte[] signers = files.signers().orElse(new byte[0]); // callers check it present before asking anyone
        try {
            String signature = signer.sign(statement);
            List<String> principals = ssh.principals(signers, signature);
            if (principals.isEmpty()) {
                throw new WorkbenchException(
                        ErrorCode.APPROVAL_UNSIGNED,
                        "the key that signed is not listed in .aw/"
                                + ApprovalPolicy.SIGNERS
                                + "; a person adds `<principal> <their public key>` there, or signs with"
                                + " a listed key (nothing changed)");
            }
            String bad = ssh.verify(signers, principals.get(0), signature, statement);
            if (bad != null) {
                throw new WorkbenchException(
                        ErrorCode.APPROVAL_UNSIGNED,
                        "the signature does not verify for " + principals.get(0) + ": " + bad + " (nothing changed)");
            }
            return new Signed(signature, principals.get(0));
        } catch (SshSignatures.Unavailable e) {
            throw new WorkbenchException(
                    ErrorCode.APPROVAL_UNSIGNED, "could not sign: " + e.getMessage() + " (nothing changed)");
        }
    }

    /**
     * Null when {@code signature} by {@code signer} verifies over {@code statement} against .aw/allowed_signers,
     * else why not. Answers are kept per content (statement, signature, allowed_signers) for the life of this
     * process; ssh-keygen that cannot be run fails closed and is tried again next time.
     */
    public String verify(byte[] statement, String signer, String signature) {
        if (signature == null || signer == null) {
            return "it is not signed";
        }
        byte[] signers;
        try {
            Optional<byte[]> listed = files.signers();
            if (listed.isEmpty()) {
                return ".aw/" + ApprovalPolicy.SIGNERS + " is missing";
            }
            signers = listed.get();
        } catch (UncheckedIOException e) {
            return "cannot read " + e.getCause().getMessage();
        }
        String key = key(statement, signer, signature, signers);
        Optional<String> known = verified.get(key);
        if (known != null) {
            return known.orElse(null);
        }
        String bad;
        try {
            bad = ssh.verify(signers, signer, signature, statement);
        } catch (SshSignatures.Unavailable e) {
            return e.getMessage();
        }
        if (verified.size() >= ApprovalSignatures.MAX_VERIFIED) {
            verified.clear();
        }
        verified.put(key, Optional.ofNullable(bad));
        return bad;
    }

    private static String key(byte[] statement, String signer, String signature, byte[] signers) {
        MessageDigest d = Sha256.digest();
        for (byte[] part : new byte[][] {
            statement, signer.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8), signers
        }) {
            d.update(Sha256.of(part).getBytes(StandardCharsets.US_ASCII));
            d.update((byte) 0);
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
