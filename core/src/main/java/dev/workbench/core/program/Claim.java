package dev.workbench.core.program;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.workbench.core.Json;
import dev.workbench.core.review.SshSignatures;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One claim of the program ({@code .aw/claims/<slug>.json}): a statement the experiments that name it
 * ({@code claim: <slug>}) bear on, and what a person concluded from them. Before, a claim was free text on each
 * experiment, so nothing tied several experiments to one conclusion; here it is a record of its own, and many
 * experiments roll up to it (issue 16, Deliver 3).
 *
 * @param slug           the claim's name, as experiments point to it
 * @param statement      what is claimed, in plain words
 * @param status         {@code open} until a person concludes {@code supported}, {@code refuted} or {@code mixed}
 * @param statusApproval the person's approval of a status other than {@code open}; null while open
 * @param revision       the stored revision, 0 before the first write
 */
public record Claim(
        String slug,
        String statement,
        Status status,
        StatusApproval statusApproval,
        long revision,
        String createdAt,
        String updatedAt) {

    public Claim {
        status = status == null ? Status.OPEN : status;
    }

    /** What the experiments showed, as a person concluded it; only {@code open} is the agent's to set. */
    public enum Status {
        @JsonProperty("open")
        OPEN,
        @JsonProperty("supported")
        SUPPORTED,
        @JsonProperty("refuted")
        REFUTED,
        @JsonProperty("mixed")
        MIXED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A person's approval of {@code status} for the claim as it read then ({@code statementSha256}: the SHA-256 of
     * the statement's UTF-8 bytes). Under the signed policy it carries {@code signature} (ssh-keygen's armored
     * signature, namespace {@code aw-approval}, over {@link #signed}'s bytes) and {@code signer}, the principal of
     * {@code .aw/allowed_signers} whose key made it.
     */
    public record StatusApproval(
            String at,
            Status status,
            String by,
            String feedback,
            String statementSha256,
            String signature,
            String signer) {

        /** What this approval of the claim {@code slug} signs. */
        public Signed signed(String slug) {
            return new Signed(SshSignatures.NAMESPACE, subject(slug), status.wireName(), statementSha256, feedback, at);
        }

        StatusApproval withSignature(String newSignature, String newSigner) {
            return new StatusApproval(at, status, by, feedback, statementSha256, newSignature, newSigner);
        }
    }

    /**
     * What a signed claim approval signs. Its bytes are {@link Json#canonical} of this record, UTF-8: compact JSON,
     * keys in exactly this order, nulls written out, e.g.
     * <pre>{"namespace":"aw-approval","subject":"claim:short-forms","status":"supported",
     * "statementSha256":"9f86…","feedback":null,"at":"2026-12-01T03:00:00.000Z"}</pre>
     * (one line). The subject {@code claim:<slug>} keeps it apart from an area's approval statement.
     */
    public record Signed(
            String namespace, String subject, String status, String statementSha256, String feedback, String at) {
        public byte[] bytes() {
            return Json.canonical(this).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** {@code claim:<slug>}: how approvals and {@code aw approve} name a claim. */
    public static String subject(String slug) {
        return "claim:" + slug;
    }

    /** This claim as written at {@code newRevision}. */
    Claim written(long newRevision, String newCreatedAt, String newUpdatedAt) {
        return new Claim(slug, statement, status, statusApproval, newRevision, newCreatedAt, newUpdatedAt);
    }
}
