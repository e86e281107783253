package dev.workbench.core.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.FileHashes;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.StageFiles;
import dev.workbench.core.store.Transactions;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The review state machine of each area (CONTRACT section 5), kept in the area's {@link StageFile}s: the agent
 * executes (artifacts and their hashes) and reviews (checks on exactly those artifacts); only a person approves.
 *
 * <p>The state every reader sees is {@link #status}: derived on read from the stored state and the artifacts as
 * they are now, so a review or approval holds only while its artifacts do. Under the signed policy
 * ({@link ApprovalPolicy}) an approval also holds only while its SSH signature verifies.
 */
public final class Stages {
    /** The files a stage folder may hold, as the aw://stages/{area}/{file} resource serves them. */
    public static final List<String> FILES = StageFile.NAMES;

    public static final int MAX_ARTIFACTS = 100;
    public static final int MAX_CHECKS = 100;

    /** The stat cache of artifact hashes and the root the artifacts are in: local files whatever the back end. */
    private final Store store;

    private final Backend backend;
    private final StageFiles files;
    private final Transactions transactions;
    private final ActivityLog activity;
    private final StageArtifacts artifacts;
    private final ApprovalSignatures signatures;
    private final StageWrites writes;
    private final ApprovalRequests requests;

    public Stages(Store store, Backend backend, ActivityLog activity) {
        this(store, backend, activity, SshSignatures.system());
    }

    public Stages(Store store, Backend backend, ActivityLog activity, SshSignatures ssh) {
        this.store = store;
        this.backend = backend;
        this.files = backend.stages();
        this.transactions = backend.transactions();
        this.activity = activity;
        this.artifacts = new StageArtifacts(store);
        this.signatures = new ApprovalSignatures(files, ssh);
        this.writes = new StageWrites(files);
        this.requests = new ApprovalRequests(backend, files, writes, signatures);
    }

    /**
     * Signs the statement of an approval (its canonical bytes, {@link StageRecords.Statement#bytes}) and returns the
     * armored SSH signature: {@code aw approve --key} runs ssh-keygen, which may ask for a passphrase or a touch.
     */
    @FunctionalInterface
    public interface Signer {
        String sign(byte[] statement);
    }

    /** The project's approval policy (.aw/policy.json). */
    public ApprovalPolicy policy() {
        return ApprovalPolicy.load(files);
    }

    /** What a review-stage action did. */
    public record Result(
            String area,
            StageState state,
            StageState previous,
            List<PathDigest> artifacts,
            Boolean passed,
            List<String> problems,
            StageRecords.Approval approval) {}

    private StageReading reading() {
        return new StageReading(store, files, artifacts, signatures);
    }

    /**
     * The area's state as it holds now: the stored state, except that a {@code REVIEWED} or {@code APPROVED} area
     * reads {@code STALE}, with {@code staleReason}, when an artifact no longer matches its recorded hash (changed,
     * missing), or, for {@code APPROVED}, when approval.json does not approve exactly those artifacts or, under the
     * signed policy, its signature does not verify. The one place every reader (get-project, the resources, the
     * session-start hook, the runbook) gets the state from. It writes nothing: status.json keeps the state last
     * written, and a new {@code execute} starts over. Unchanged artifacts are not read again (the stat cache).
     */
    public StageRecords.Status status(String area) {
        Check.word(area, "area");
        return reading().effective(stored(area));
    }

    /** {@link #status} of every area with a stage folder, sorted by area. */
    public List<StageRecords.Status> statuses() {
        StageReading reading = reading();
        return areas().stream().map(a -> reading.effective(stored(a))).toList();
    }

    private StageRecords.Status stored(String area) {
        Check.word(area, "area");
        return StageReading.stored(files, area);
    }

    /** The areas that have a stage folder, sorted. */
    public List<String> areas() {
        return files.areas();
    }

    /** {@code name} when it is one of the {@link #FILES} a stage folder may hold, else {@code INVALID_INPUT}. */
    public static String checkFile(String name) {
        return StageFile.parse(name).fileName();
    }

    /** One stage file's text as stored; empty when it does not exist. */
    public Optional<String> read(String area, String name) {
        Check.word(area, "area");
        return files.text(area, StageFile.parse(name));
    }

    /**
     * One stage file as a reader should see it (the aw://stages/{area}/{file} resource): status.json is
     * {@link #status}; approval.json and review.json of an area that reads STALE say {@code "stale": true} with
     * the {@code staleReason}, though the files themselves are not rewritten; the rest as stored.
     */
    public Optional<String> view(String area, String name) {
        Check.word(area, "area");
        StageFile file = StageFile.parse(name);
        if (file == StageFile.STATUS) {
            return Optional.of(new String(Json.toFileBytes(status(area)), StandardCharsets.UTF_8));
        }
        Optional<String> text = files.text(area, file);
        if (text.isEmpty() || !(file == StageFile.APPROVAL || file == StageFile.REVIEW)) {
            return text;
        }
        StageRecords.Status now = status(area);
        if (now.staleReason() == null) {
            return text;
        }
        try {
            JsonNode tree = Json.mapper().readTree(text.get());
            if (!(tree instanceof ObjectNode o) || o.path("stale").asBoolean(false)) {
                return text;
            }
            o.put("stale", true);
            o.put("staleReason", now.staleReason());
            return Optional.of(new String(Json.toFileBytes(o), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return text; // served as it is; status.json says the area is stale
        }
    }

    // ---------------------------------------------------------------- actions

    /** Records the artifacts of a new execution; a previous approval becomes stale. */
    public Result execute(String area, List<String> artifacts) {
        Check.word(area, "area");
        Check.notEmpty(artifacts, "artifacts");
        if (artifacts.size() > MAX_ARTIFACTS) {
            throw Check.invalid("artifacts", "at most " + MAX_ARTIFACTS + " paths", artifacts.size());
        }
        FileHashes hashes = FileHashes.load(store);
        List<PathDigest> digests = this.artifacts.digests(artifacts, hashes);
        return transactions.transaction(() -> {
            StageRecords.Status before = stored(area);
            StageState shownBefore = reading().effective(before).state();
            String now = backend.now();
            hashes.save();
            files.write(area, StageFile.MANIFEST, new StageRecords.Manifest(now, digests));
            writes.markReviewStale(area, now);
            if (before.state() == StageState.APPROVED) {
                writes.markApprovalStale(area);
            }
            StageRecords.Status next = writes.move(before, StageState.EXECUTED, now, true);
            activity.append(
                    now,
                    "stage.executed",
                    "Area " + area + " executed: " + digests.size() + " artifact" + (digests.size() == 1 ? "" : "s")
                            + (before.state() == StageState.APPROVED ? " (the approval is now stale)" : ""),
                    null);
            // previous: the state every reader showed (STALE for an approval whose files changed), not the stored one
            return new Result(area, next.state(), shownBefore, digests, null, null, null);
        });
    }

    /** The agent's review: passes only when every check passed and every artifact is there, non-empty and unchanged. */
    public Result review(String area, List<StageCheck> checks, String interpretation) {
        Check.word(area, "area");
        Check.notEmpty(checks, "checks");
        if (checks.size() > MAX_CHECKS) {
            throw Check.invalid("checks", "at most " + MAX_CHECKS + " checks", checks.size());
        }
        Check.text(interpretation, "interpretation");
        return transactions.transaction(() -> {
            StageRecords.Status before = status(area);
            if (before.state() != StageState.EXECUTED && before.state() != StageState.REVIEWED) {
                throw StageWrites.transition(
                        before, "review", before.staleReason() != null ? "execute it again first" : "execute it first");
            }
            StageRecords.Manifest manifest = writes.manifest(area);
            FileHashes hashes = FileHashes.load(store);
            List<String> problems = new ArrayList<>();
            for (StageCheck c : checks) {
                if (!c.passed()) {
                    problems.add("check \"" + c.name() + "\" failed" + (c.detail() == null ? "" : ": " + c.detail()));
                }
            }
            problems.addAll(artifacts.problems(manifest.artifacts(), hashes));
            boolean passed = problems.isEmpty();
            String now = backend.now();
            hashes.save();
            StageRecords.Review review = new StageRecords.Review(now, passed, checks, interpretation, problems, false);
            files.write(area, StageFile.REVIEW, review);
            files.writeText(area, StageFile.REVIEW_MARKDOWN, ReviewMarkdown.render(area, review, manifest));
            StageRecords.Status next =
                    writes.move(before, passed ? StageState.REVIEWED : StageState.EXECUTED, now, false);
            activity.append(
                    now,
                    passed ? "stage.reviewed" : "stage.review-failed",
                    "Area " + area + ": review "
                            + (passed
                                    ? "passed " + checks.size() + " checks"
                                    : "did not pass (" + problems.size() + " problems)"),
                    passed ? interpretation : String.join("; ", problems));
            return new Result(area, next.state(), before.state(), manifest.artifacts(), passed, problems, null);
        });
    }

    /**
     * Asks a person to approve a reviewed area. The question is asked without holding the workspace lock (a
     * person may take minutes); the answer is recorded only if the area did not change meanwhile.
     */
    public Result approve(String area, HumanApproval human) {
        return approve(area, human, null);
    }

    /**
     * As {@link #approve(String, HumanApproval)}, the decision signed by {@code signer} when one is given. Under
     * the signed policy (.aw/policy.json) an approval without a signer is refused before anyone is asked
     * ({@code APPROVAL_UNSIGNED}: elicitation cannot sign), and a signature by a key .aw/allowed_signers does not
     * list, or that does not verify, is refused too.
     */
    public Result approve(String area, HumanApproval human, Signer signer) {
        StageRecords.Status before = status(area);
        if (before.state() != StageState.REVIEWED) {
            throw StageWrites.transition(
                    before,
                    "approve",
                    before.staleReason() != null
                            ? "execute and review it again"
                            : before.state() == StageState.EXECUTED
                                    ? "review it first"
                                    : "execute and review it first");
        }
        StageRecords.Approval approval = requests.ask(area, human, signer);
        return decide(area, before, approval);
    }

    /** Sends the area back; the agent may do this itself, with the reason. */
    public Result reject(String area, String feedback, String by) {
        Check.requiredText(feedback, "feedback");
        StageRecords.Status before = stored(area);
        if (before.state() != StageState.EXECUTED && before.state() != StageState.REVIEWED) {
            throw StageWrites.transition(before, "reject", "only executed or reviewed work can be sent back");
        }
        List<PathDigest> artifacts = writes.manifest(area).artifacts();
        return decide(
                area,
                before,
                new StageRecords.Approval(backend.now(), "rejected", by, feedback, artifacts, false, null, null));
    }

    private Result decide(String area, StageRecords.Status asked, StageRecords.Approval approval) {
        String decision = approval.decision();
        return transactions.transaction(() -> {
            StageRecords.Status before = stored(area);
            if (before.revision() != asked.revision()) {
                throw new WorkbenchException(
                        ErrorCode.CONFLICT,
                        "area \"" + area + "\" changed while the decision was" + " being made (now " + before.state()
                                + "); look at it again");
            }
            String now = backend.now();
            files.write(area, StageFile.APPROVAL, approval);
            if (approval.signature() != null) {
                signatures.remember(area);
            }
            StageState target = decision.equals("approved") ? StageState.APPROVED : StageState.REJECTED;
            StageRecords.Status next = writes.move(before, target, now, false);
            activity.append(
                    now,
                    "stage." + decision,
                    "Area " + area + " " + decision + " by " + approval.by()
                            + (approval.signer() == null ? "" : " (signed by " + approval.signer() + ")"),
                    approval.feedback());
            return new Result(area, next.state(), before.state(), approval.artifacts(), null, null, approval);
        });
    }
}
