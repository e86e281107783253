package dev.workbench.core.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.core.store.StageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * How approvals are given in this project, from {@code .aw/policy.json}: {@code {"approval": "signed"}} means an
 * approval counts only with an SSH signature, by a key {@code .aw/allowed_signers} lists, over its
 * {@link StageRecords.Statement}; {@code "terminal"} (or no file) means a person's word at a terminal or through
 * elicitation, a convention an agent with a shell could imitate.
 *
 * <p>A policy file that cannot be read, or names another value, fails closed: approvals must be signed, and
 * {@code problem} says what is wrong with the file.
 *
 * @param signed  whether approvals must be signed
 * @param problem what is wrong with policy.json, or null
 */
public record ApprovalPolicy(boolean signed, String problem) {
    public static final String FILE = "policy.json";
    public static final String SIGNERS = "allowed_signers";
    public static final String SIGNED = "signed";
    public static final String TERMINAL = "terminal";

    static ApprovalPolicy load(StageFiles files) {
        Optional<byte[]> bytes;
        try {
            bytes = files.policy();
        } catch (UncheckedIOException e) {
            return new ApprovalPolicy(
                    true, ".aw/" + FILE + " cannot be read (" + e.getCause().getMessage() + ")");
        }
        if (bytes.isEmpty()) {
            return new ApprovalPolicy(false, null);
        }
        JsonNode approval;
        try {
            approval = Json.mapper().readTree(bytes.get()).path("approval");
        } catch (IOException e) {
            return new ApprovalPolicy(true, ".aw/" + FILE + " is not JSON");
        }
        if (approval.isMissingNode() || approval.isNull() || approval.asText().equals(TERMINAL)) {
            return new ApprovalPolicy(false, null);
        }
        if (approval.isTextual() && approval.asText().equals(SIGNED)) {
            return new ApprovalPolicy(true, null);
        }
        return new ApprovalPolicy(
                true, ".aw/" + FILE + ": approval must be \"" + SIGNED + "\" or \"" + TERMINAL + "\", not " + approval);
    }
}
