package dev.workbench.core.review;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The review state machine of each stage (CONTRACT section 5), kept in the stage's {@link StageFile}s: the agent
 * executes (artifacts and their hashes) and reviews (checks on exactly those artifacts); only a person approves.
 * A stage is an area's, or (the Program issue) an experiment's: every method takes the stage's text
 * ({@link StageId#parse}: {@code cleaning} or {@code experiment:<slug>}); an experiment's stage pins the experiment's
 * record in every execution, so its review and approval go stale when the record changes.
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

    /**
     * The text a person approves when they approve an experiment's stage, by slug; empty when there is no such
     * experiment. The workbench's is the experiment's clean result without its banner; by default, the record as
     * stored.
     */
    @FunctionalInterface
    public interface Documents {
        Optional<String> of(String slug);
    }

    public Stages(Store store, Backend backend, ActivityLog activity, Documents documents) {
        this(store, backend, activity, SshSignatures.system(), documents);
    }

    public Stages(Store store, Backend backend, ActivityLog activity, SshSignatures ssh) {
        this(
                store,
                backend,
                activity,
                ssh,
                slug -> backend.experiments().storedBytes(slug).map(b -> new String(b, StandardCharsets.UTF_8)));
    }

    public Stages(Store store, Backend backend, ActivityLog activity, SshSignatures ssh, Documents documents) {
        this.store = store;
        this.backend = backend;
        this.files = backend.stages();
        this.transactions = backend.transactions();
        this.activity = activity;
        this.artifacts = new StageArtifacts(store, new StoreArtifacts(files, backend.experiments(), documents));
        this.signatures = new ApprovalSignatures(files, ssh);
        this.writes = new StageWrites(files);
        this.requests = new ApprovalRequests(backend, files, writes, signatures, documents);
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

    /**
     * What a review-stage action did; {@code area} is the stage's key (an area, or {@code experiment:<slug>}).
     */
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
    public StageRecords.Status status(String stage) {
        StageId id = StageId.parse(stage);
        return reading().effective(id, stored(id));
    }

    /** {@link #status} of every area with a stage folder, sorted by area (experiments' stages are not listed). */
    public List<StageRecords.Status> statuses() {
        StageReading reading = reading();
        return areas().stream()
                .map(StageId::area)
                .map(a -> reading.effective(a, stored(a)))
                .toList();
    }

    private StageRecords.Status stored(StageId stage) {
        return StageReading.stored(files, stage);
    }

    /**
     * The stage {@code text} names ({@link StageId#parse}) for an action; an experiment's must be on record
     * ({@code NOT_FOUND}). Reads take any well-formed stage: an experiment's without a record reads like an area
     * never executed, or STALE when its pinned record went missing.
     */
    public StageId stage(String text) {
        return resolve(text, backend);
    }

    static StageId resolve(String text, Backend backend) {
        StageId id = StageId.parse(text);
        if (id.experiment() && backend.experiments().find(id.name()).isEmpty()) {
            throw new WorkbenchException(
                    ErrorCode.NOT_FOUND,
                    "experiment: no experiment \"" + id.name()
                            + "\" on record; create it with upsert-experiment first");
        }
        return id;
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
    public Optional<String> read(String stage, String name) {
        return files.text(StageId.parse(stage), StageFile.parse(name));
    }

    /** The versions of the stage's plan ({@code plans/v<K>.md}), ascending. */
    public List<Integer> planVersions(String stage) {
        return files.planVersions(StageId.parse(stage));
    }

    /** The text of the stage's plan version {@code version}; empty when there is none. */
    public Optional<String> planVersion(String stage, int version) {
        return files.planVersion(StageId.parse(stage), version);
    }

    /**
     * One stage file as a reader should see it (the aw://stages/{area}/{file} resource): status.json is
     * {@link #status}; approval.json and review.json of an area that reads STALE say {@code "stale": true} with
     * the {@code staleReason}, though the files themselves are not rewritten; the rest as stored.
     */
    public Optional<String> view(String stage, String name) {
        StageId id = StageId.parse(stage);
        StageFile file = StageFile.parse(name);
        if (file == StageFile.STATUS) {
            return Optional.of(new String(Json.toFileBytes(status(stage)), StandardCharsets.UTF_8));
        }
        Optional<String> text = files.text(id, file);
        if (text.isEmpty() || !(file == StageFile.APPROVAL || file == StageFile.REVIEW)) {
            return text;
        }
        String staleReason = status(stage).staleReason();
        return staleReason == null ? text : Optional.of(StageReading.markedStale(text.get(), staleReason));
    }

    // ---------------------------------------------------------------- actions

    /**
     * Records the artifacts of a new execution; a previous approval becomes stale. An experiment's stage always pins
     * the experiment's record ({@code .aw/experiments/<slug>.json}, first), so {@code artifacts} may be empty there.
     */
    public Result execute(String stage, List<String> artifacts) {
        StageId id = stage(stage);
        List<String> named = artifacts == null ? List.of() : artifacts;
        if (!id.experiment()) {
            Check.notEmpty(artifacts, "artifacts");
        }
        if (named.size() > MAX_ARTIFACTS) {
            throw Check.invalid("artifacts", "at most " + MAX_ARTIFACTS + " paths", named.size());
        }
        FileHashes hashes = FileHashes.load(store);
        List<PathDigest> hashed = this.artifacts.pinned(id, named, hashes);
        return transactions.transaction(() -> {
            List<PathDigest> digests = this.artifacts.refreshRecords(hashed); // the records as they are now
            StageRecords.Status before = stored(id);
            StageState shownBefore = reading().effective(id, before).state();
            String now = backend.now();
            hashes.save();
            files.write(id, StageFile.MANIFEST, new StageRecords.Manifest(now, digests));
            writes.markReviewStale(id, now);
            if (before.state() == StageState.APPROVED) {
                writes.markApprovalStale(id);
            }
            StageRecords.Status next = writes.move(id, before, StageState.EXECUTED, now, true);
            activity.append(
                    now,
                    "stage.executed",
                    StageWrites.title(id) + " executed: " + digests.size() + " artifact"
                            + (digests.size() == 1 ? "" : "s")
                            + (before.state() == StageState.APPROVED ? " (the approval is now stale)" : ""),
                    null);
            // previous: the state every reader showed (STALE for an approval whose files changed), not the stored one
            return new Result(id.key(), next.state(), shownBefore, digests, null, null, null);
        });
    }

    /** The agent's review: passes only when every check passed and every artifact is there, non-empty and unchanged. */
    public Result review(String stage, List<StageCheck> checks, String interpretation) {
        StageId id = stage(stage);
        Check.notEmpty(checks, "checks");
        if (checks.size() > MAX_CHECKS) {
            throw Check.invalid("checks", "at most " + MAX_CHECKS + " checks", checks.size());
        }
        Check.text(interpretation, "interpretation");
        return transactions.transaction(() -> {
            StageRecords.Status before = status(stage);
            if (before.state() != StageState.EXECUTED && before.state() != StageState.REVIEWED) {
                throw StageWrites.transition(
                        id,
                        before,
                        "review",
                        before.staleReason() != null ? "execute it again first" : "execute it first");
            }
            StageRecords.Manifest manifest = writes.manifest(id);
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
            files.write(id, StageFile.REVIEW, review);
            files.writeText(id, StageFile.REVIEW_MARKDOWN, ReviewMarkdown.render(id.key(), review, manifest));
            StageRecords.Status next =
                    writes.move(id, before, passed ? StageState.REVIEWED : StageState.EXECUTED, now, false);
            activity.append(
                    now,
                    passed ? "stage.reviewed" : "stage.review-failed",
                    StageWrites.title(id) + ": review "
                            + (passed
                                    ? "passed " + checks.size() + " checks"
                                    : "did not pass (" + problems.size() + " problems)"),
                    passed ? interpretation : String.join("; ", problems));
            return new Result(id.key(), next.state(), before.state(), manifest.artifacts(), passed, problems, null);
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
    public Result approve(String stage, HumanApproval human, Signer signer) {
        StageId id = stage(stage);
        StageRecords.Status before = status(stage);
        if (before.state() != StageState.REVIEWED) {
            throw StageWrites.transition(
                    id,
                    before,
                    "approve",
                    before.staleReason() != null
                            ? "execute and review it again"
                            : before.state() == StageState.EXECUTED
                                    ? "review it first"
                                    : "execute and review it first");
        }
        StageRecords.Approval approval = requests.ask(id, human, signer);
        return decide(id, before, approval);
    }

    /** Sends the area back; the agent may do this itself, with the reason. */
    public Result reject(String stage, String feedback, String by) {
        StageId id = stage(stage);
        Check.requiredText(feedback, "feedback");
        StageRecords.Status before = stored(id);
        if (before.state() != StageState.EXECUTED && before.state() != StageState.REVIEWED) {
            throw StageWrites.transition(id, before, "reject", "only executed or reviewed work can be sent back");
        }
        List<PathDigest> artifacts = writes.manifest(id).artifacts();
        return decide(
                id,
                before,
                new StageRecords.Approval(backend.now(), "rejected", by, feedback, artifacts, false, null, null));
    }

    private Result decide(StageId id, StageRecords.Status asked, StageRecords.Approval approval) {
        String decision = approval.decision();
        return transactions.transaction(() -> {
            StageRecords.Status before = stored(id);
            if (before.revision() != asked.revision()) {
                throw new WorkbenchException(
                        ErrorCode.CONFLICT,
                        StageWrites.name(id) + " changed while the decision was" + " being made (now " + before.state()
                                + "); look at it again");
            }
            String now = backend.now();
            files.write(id, StageFile.APPROVAL, approval);
            if (approval.signature() != null) {
                signatures.remember(id);
            }
            StageState target = decision.equals("approved") ? StageState.APPROVED : StageState.REJECTED;
            StageRecords.Status next = writes.move(id, before, target, now, false);
            activity.append(
                    now,
                    "stage." + decision,
                    StageWrites.title(id) + " " + decision + " by " + approval.by()
                            + (approval.signer() == null ? "" : " (signed by " + approval.signer() + ")"),
                    approval.feedback());
            return new Result(id.key(), next.state(), before.state(), approval.artifacts(), null, null, approval);
        });
    }
}
