package dev.workbench.core.review;

import dev.workbench.core.Check;
import dev.workbench.core.checkpoint.FileHashes;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.workspace.RootPaths;
import dev.workbench.core.workspace.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The review state machine of each area (CONTRACT section 5), kept in {@code .aw/stages/<area>/}: the agent
 * executes (artifacts and their hashes) and reviews (checks on exactly those artifacts); only a person approves.
 *
 * <p>The state every reader sees is {@link #status}: derived on read from the stored state and the artifacts as
 * they are now, so a review or approval holds only while its artifacts do. Under the signed policy
 * ({@link ApprovalPolicy}) an approval also holds only while its SSH signature verifies.
 */
public final class Stages {
    public static final String DIR = "stages";
    /** The files a stage folder may hold, as the aw://stages/{area}/{file} resource serves them. */
    public static final List<String> FILES = List.of("plan.md", "status.json", "review.md", "manifest.json",
            "review.json", "approval.json");
    public static final int MAX_ARTIFACTS = 100;
    public static final int MAX_CHECKS = 100;
    /** How many changed artifacts a staleReason names; the rest are counted. */
    static final int REASONS = 3;

    private final Store store;
    private final ActivityLog activity;
    private final SshSignatures ssh;
    /**
     * Verifications this process made, keyed by content (area, approval.json, allowed_signers): empty when good,
     * else why not. Kept in memory only: a verification cache under .aw/ could be written by the very agent the
     * signatures guard against, turning "verified" into a claim anyone can make.
     */
    private final java.util.Map<String, java.util.Optional<String>> verified = new java.util.concurrent.ConcurrentHashMap<>();
    static final int MAX_VERIFIED = 1000;

    public Stages(Store store, ActivityLog activity) {
        this(store, activity, SshSignatures.system());
    }

    public Stages(Store store, ActivityLog activity, SshSignatures ssh) {
        this.store = store;
        this.activity = activity;
        this.ssh = ssh;
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
        return ApprovalPolicy.load(store);
    }

    /** What a review-stage action did. */
    public record Result(String area, StageState state, StageState previous, List<PathDigest> artifacts, Boolean passed,
                         List<String> problems, StageRecords.Approval approval) {}

    private static String file(String area, String name) {
        return DIR + "/" + area + "/" + name;
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
        return new Reading().effective(stored(area));
    }

    /** {@link #status} of every area with a stage folder, sorted by area. */
    public List<StageRecords.Status> statuses() {
        Reading reading = new Reading();
        return areas().stream().map(a -> reading.effective(stored(a))).toList();
    }

    private StageRecords.Status stored(String area) {
        Check.word(area, "area");
        return store.read(file(area, "status.json"), StageRecords.Status.class)
                .map(s -> s.staleReason() == null ? s : new StageRecords.Status(s.area(), s.state(), s.revision(),
                        s.updatedAt(), s.executedAt(), s.reviewedAt(), s.decidedAt(), null))
                .orElse(new StageRecords.Status(area, StageState.STALE, 0, null, null, null, null, null));
    }

    /** What one read looks at, loaded once: the stat cache of hashes and the policy. */
    private final class Reading {
        private FileHashes hashes;
        private ApprovalPolicy policy;

        FileHashes hashes() {
            return hashes == null ? hashes = FileHashes.load(store) : hashes;
        }

        StageRecords.Status effective(StageRecords.Status s) {
            String reason = staleReason(s);
            return reason == null ? s : new StageRecords.Status(s.area(), StageState.STALE, s.revision(), s.updatedAt(),
                    s.executedAt(), s.reviewedAt(), s.decidedAt(), reason);
        }

        private String staleReason(StageRecords.Status s) {
            if (s.state() != StageState.REVIEWED && s.state() != StageState.APPROVED) {
                return null;
            }
            boolean approved = s.state() == StageState.APPROVED;
            String since = approved ? " since approval" : " since review";
            StageRecords.Manifest manifest;
            StageRecords.Approval approval;
            try {
                manifest = store.read(file(s.area(), "manifest.json"), StageRecords.Manifest.class).orElse(null);
                approval = approved ? store.read(file(s.area(), "approval.json"), StageRecords.Approval.class).orElse(null) : null;
            } catch (WorkbenchException e) {
                return e.getMessage();
            }
            if (manifest == null) {
                return "manifest.json is missing, so nothing says which artifacts were " + (approved ? "approved" : "reviewed");
            }
            List<String> drift = drift(manifest.artifacts(), hashes());
            if (!drift.isEmpty()) {
                return String.join("; ", drift.subList(0, Math.min(drift.size(), REASONS)))
                        + (drift.size() > REASONS ? " and " + (drift.size() - REASONS) + " more" : "") + since;
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
                policy = ApprovalPolicy.load(store);
            }
            if (policy.signed()) {
                String bad = verification(s.area(), approval, policy);
                if (bad != null) {
                    return "the approval's signature does not verify: " + bad;
                }
            }
            return null;
        }
    }

    private static List<StageRecords.SignedArtifact> signed(List<PathDigest> artifacts) {
        return artifacts == null ? List.of() : artifacts.stream()
                .map(a -> new StageRecords.SignedArtifact(a.path(), a.sha256())).toList();
    }

    /** How artifacts differ from what was recorded: "data/clean.csv changed", "out/ is missing". */
    private List<String> drift(List<PathDigest> recorded, FileHashes hashes) {
        List<String> drift = new ArrayList<>();
        for (PathDigest r : recorded) {
            Path path;
            try {
                path = RootPaths.resolve(store.root(), r.path(), "artifact");
            } catch (WorkbenchException e) {
                drift.add(r.path() + " now leads outside the root");
                continue;
            }
            if (!Files.exists(path)) {
                drift.add(r.path() + " is missing");
            } else if ("file".equals(r.type()) && Files.isRegularFile(path) && r.size() != null && size(path) != r.size()) {
                drift.add(r.path() + " changed"); // no need to read it
            } else {
                PathDigest now;
                try {
                    now = PathDigest.of(store.root(), path, hashes);
                } catch (WorkbenchException e) {
                    drift.add(r.path() + " now leads outside the root");
                    continue;
                }
                if (!now.type().equals(r.type())) {
                    drift.add(r.path() + " is no longer a " + ("dir".equals(r.type()) ? "folder" : r.type()));
                } else if (!java.util.Objects.equals(now.sha256(), r.sha256())) {
                    drift.add(r.path() + " changed");
                }
            }
        }
        return drift;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /**
     * Null when {@code approval}'s signature verifies for {@code area} against .aw/allowed_signers, else why not.
     * The answer is kept per content (area, approval.json, allowed_signers) for the life of this process: a
     * server runs ssh-keygen once per approval, a fresh process (the session-start hook) once per signed area.
     */
    private String verification(String area, StageRecords.Approval approval, ApprovalPolicy policy) {
        if (policy.problem() != null) {
            return policy.problem();
        }
        if (approval.signature() == null || approval.signer() == null) {
            return "it is not signed (review-stage execute and review the area again, then a person runs `aw approve "
                    + area + " --key <their key>`)";
        }
        byte[] signers;
        byte[] approvalBytes;
        try {
            signers = Files.readAllBytes(ApprovalPolicy.signers(store));
            approvalBytes = Files.readAllBytes(store.path(file(area, "approval.json")));
        } catch (java.nio.file.NoSuchFileException e) {
            return ".aw/" + ApprovalPolicy.SIGNERS + " is missing";
        } catch (java.io.IOException e) {
            return "cannot read " + e.getMessage();
        }
        String key = verificationKey(area, approvalBytes, signers);
        java.util.Optional<String> known = verified.get(key);
        if (known != null) {
            return known.orElse(null);
        }
        String bad;
        try {
            bad = ssh.verify(ApprovalPolicy.signers(store), approval.signer(), approval.signature(),
                    approval.statement(area).bytes());
        } catch (SshSignatures.Unavailable e) {
            return e.getMessage(); // fails closed, and is tried again next time
        }
        memo(key, bad);
        return bad;
    }

    private void memo(String key, String bad) {
        if (verified.size() >= MAX_VERIFIED) {
            verified.clear(); // approvals are few; a process that saw this many just verifies again
        }
        verified.put(key, java.util.Optional.ofNullable(bad));
    }

    private static String verificationKey(String area, byte[] approval, byte[] signers) {
        java.security.MessageDigest d = dev.workbench.core.Sha256.digest();
        d.update(area.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
        d.update(dev.workbench.core.Sha256.of(approval).getBytes(StandardCharsets.US_ASCII));
        d.update((byte) 0);
        d.update(signers);
        return java.util.HexFormat.of().formatHex(d.digest());
    }

    /** The areas that have a stage folder, sorted. */
    public List<String> areas() {
        Path dir = store.path(DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(Check::isWord).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code name} when it is one of the {@link #FILES} a stage folder may hold, else {@code INVALID_INPUT}. */
    public static String checkFile(String name) {
        if (!FILES.contains(name)) {
            throw Check.invalid("file", "one of " + FILES, name);
        }
        return name;
    }

    /** One stage file's text as stored; empty when it does not exist. */
    public Optional<String> read(String area, String name) {
        Check.word(area, "area");
        checkFile(name);
        Path p = store.path(file(area, name));
        try {
            return Files.exists(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * One stage file as a reader should see it (the aw://stages/{area}/{file} resource): status.json is
     * {@link #status}; approval.json and review.json of an area that reads STALE say {@code "stale": true} with
     * the {@code staleReason}, though the files themselves are not rewritten; the rest as stored.
     */
    public Optional<String> view(String area, String name) {
        Check.word(area, "area");
        checkFile(name);
        if (name.equals("status.json")) {
            return Optional.of(new String(dev.workbench.core.Json.toFileBytes(status(area)), StandardCharsets.UTF_8));
        }
        Optional<String> text = read(area, name);
        if (text.isEmpty() || !(name.equals("approval.json") || name.equals("review.json"))) {
            return text;
        }
        StageRecords.Status now = status(area);
        if (now.staleReason() == null) {
            return text;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode tree = dev.workbench.core.Json.mapper().readTree(text.get());
            if (!(tree instanceof com.fasterxml.jackson.databind.node.ObjectNode o) || o.path("stale").asBoolean(false)) {
                return text;
            }
            o.put("stale", true);
            o.put("staleReason", now.staleReason());
            return Optional.of(new String(dev.workbench.core.Json.toFileBytes(o), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
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
        List<PathDigest> digests = new ArrayList<>();
        FileHashes hashes = FileHashes.load(store);
        for (int i = 0; i < artifacts.size(); i++) {
            Path p = RootPaths.resolve(store.root(), artifacts.get(i), "artifacts[" + i + "]");
            if (p.startsWith(store.dir())) {
                throw Check.invalid("artifacts[" + i + "]", "a path outside .aw/", artifacts.get(i));
            }
            PathDigest digest = PathDigest.of(store.root(), p, hashes);
            if ("special".equals(digest.type())) {
                throw Check.invalid("artifacts[" + i + "]", "a file or a folder", artifacts.get(i) + " (a pipe, socket or device)");
            }
            digests.add(digest);
        }
        return store.transaction(() -> {
            StageRecords.Status before = stored(area);
            StageState shownBefore = new Reading().effective(before).state();
            String now = store.now();
            hashes.save();
            store.write(file(area, "manifest.json"), new StageRecords.Manifest(now, digests));
            markReviewStale(area, now);
            if (before.state() == StageState.APPROVED) {
                store.read(file(area, "approval.json"), StageRecords.Approval.class).ifPresent(a -> store.write(
                        file(area, "approval.json"), new StageRecords.Approval(a.at(), a.decision(), a.by(), a.feedback(),
                                a.artifacts(), true, a.signature(), a.signer())));
            }
            StageRecords.Status next = move(before, StageState.EXECUTED, now, true);
            activity.append(now, "stage.executed", "Area " + area + " executed: " + digests.size() + " artifact"
                    + (digests.size() == 1 ? "" : "s") + (before.state() == StageState.APPROVED ? " (the approval is now stale)" : ""), null);
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
        return store.transaction(() -> {
            StageRecords.Status before = status(area);
            if (before.state() != StageState.EXECUTED && before.state() != StageState.REVIEWED) {
                throw transition(before, "review", before.staleReason() != null ? "execute it again first" : "execute it first");
            }
            StageRecords.Manifest manifest = manifest(area);
            FileHashes hashes = FileHashes.load(store);
            List<String> problems = new ArrayList<>();
            for (StageCheck c : checks) {
                if (!c.passed()) {
                    problems.add("check \"" + c.name() + "\" failed" + (c.detail() == null ? "" : ": " + c.detail()));
                }
            }
            problems.addAll(artifactProblems(manifest.artifacts(), hashes));
            boolean passed = problems.isEmpty();
            String now = store.now();
            hashes.save();
            StageRecords.Review review = new StageRecords.Review(now, passed, checks, interpretation, problems, false);
            store.write(file(area, "review.json"), review);
            store.writeBytes(file(area, "review.md"), ReviewMarkdown.render(area, review, manifest).getBytes(StandardCharsets.UTF_8));
            StageRecords.Status next = move(before, passed ? StageState.REVIEWED : StageState.EXECUTED, now, false);
            activity.append(now, passed ? "stage.reviewed" : "stage.review-failed", "Area " + area + ": review "
                    + (passed ? "passed " + checks.size() + " checks" : "did not pass (" + problems.size() + " problems)"),
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
            throw transition(before, "approve", before.staleReason() != null ? "execute and review it again"
                    : before.state() == StageState.EXECUTED ? "review it first" : "execute and review it first");
        }
        ApprovalPolicy policy = ApprovalPolicy.load(store);
        if (policy.signed() && signer == null) {
            throw new WorkbenchException(ErrorCode.APPROVAL_UNSIGNED, "this project requires signed approvals"
                    + (policy.problem() == null ? " (.aw/policy.json)" : " (" + policy.problem() + ")")
                    + ", and this channel cannot sign; a person runs `aw approve " + area + " --key <their ssh key>`"
                    + " in a terminal (nothing changed)");
        }
        if (signer != null && policy.problem() != null) {
            throw new WorkbenchException(ErrorCode.APPROVAL_UNSIGNED, policy.problem() + "; fix it first (nothing changed)");
        }
        if (signer != null && !Files.isRegularFile(ApprovalPolicy.signers(store))) {
            throw new WorkbenchException(ErrorCode.APPROVAL_UNSIGNED, "a signed approval is checked against .aw/"
                    + ApprovalPolicy.SIGNERS + " (ssh-keygen's allowed-signers format: `<principal> <public key>` per"
                    + " line), which is missing (nothing changed)");
        }
        StageRecords.Manifest manifest = manifest(area);
        StageRecords.Review review = store.read(file(area, "review.json"), StageRecords.Review.class).orElse(null);
        HumanApproval.Answer answer = human.ask(new HumanApproval.Request(area, manifest.artifacts(),
                review == null ? List.of() : review.checks(), review == null ? null : review.interpretation()))
                .orElseThrow(() -> new WorkbenchException(ErrorCode.HUMAN_APPROVAL_REQUIRED, "approving area \"" + area
                        + "\" is a person's decision and none could be asked here; a person runs `aw approve " + area
                        + (policy.signed() ? " --key <their ssh key>" : "") + "` in a terminal (nothing changed)"));
        StageRecords.Approval approval = new StageRecords.Approval(store.now(), answer.approved() ? "approved" : "rejected",
                answer.by(), answer.feedback(), manifest.artifacts(), false, null, null);
        if (signer != null) {
            approval = sign(area, approval, signer);
        }
        return decide(area, before, approval);
    }

    /** The approval with its signature, checked as every reader will check it; refused when it does not verify. */
    private StageRecords.Approval sign(String area, StageRecords.Approval approval, Signer signer) {
        byte[] statement = approval.statement(area).bytes();
        Path signers = ApprovalPolicy.signers(store);
        try {
            String signature = signer.sign(statement);
            List<String> principals = ssh.principals(signers, signature);
            if (principals.isEmpty()) {
                throw new WorkbenchException(ErrorCode.APPROVAL_UNSIGNED, "the key that signed is not listed in .aw/"
                        + ApprovalPolicy.SIGNERS + "; a person adds `<principal> <their public key>` there, or signs with"
                        + " a listed key (nothing changed)");
            }
            String bad = ssh.verify(signers, principals.get(0), signature, statement);
            if (bad != null) {
                throw new WorkbenchException(ErrorCode.APPROVAL_UNSIGNED, "the signature does not verify for "
                        + principals.get(0) + ": " + bad + " (nothing changed)");
            }
            return new StageRecords.Approval(approval.at(), approval.decision(), approval.by(), approval.feedback(),
                    approval.artifacts(), false, signature, principals.get(0));
        } catch (SshSignatures.Unavailable e) {
            throw new WorkbenchException(ErrorCode.APPROVAL_UNSIGNED, "could not sign: " + e.getMessage() + " (nothing changed)");
        }
    }

    /** Sends the area back; the agent may do this itself, with the reason. */
    public Result reject(String area, String feedback, String by) {
        Check.requiredText(feedback, "feedback");
        StageRecords.Status before = stored(area);
        if (before.state() != StageState.EXECUTED && before.state() != StageState.REVIEWED) {
            throw transition(before, "reject", "only executed or reviewed work can be sent back");
        }
        return decide(area, before, new StageRecords.Approval(store.now(), "rejected", by, feedback,
                manifest(area).artifacts(), false, null, null));
    }

    private Result decide(String area, StageRecords.Status asked, StageRecords.Approval approval) {
        String decision = approval.decision();
        String by = approval.by();
        String feedback = approval.feedback();
        List<PathDigest> artifacts = approval.artifacts();
        return store.transaction(() -> {
            StageRecords.Status before = stored(area);
            if (before.revision() != asked.revision()) {
                throw new WorkbenchException(ErrorCode.CONFLICT, "area \"" + area + "\" changed while the decision was"
                        + " being made (now " + before.state() + "); look at it again");
            }
            String now = store.now();
            store.write(file(area, "approval.json"), approval);
            if (approval.signature() != null) {
                remember(area);
            }
            StageState target = decision.equals("approved") ? StageState.APPROVED : StageState.REJECTED;
            StageRecords.Status next = move(before, target, now, false);
            activity.append(now, "stage." + decision, "Area " + area + " " + decision + " by " + by
                    + (approval.signer() == null ? "" : " (signed by " + approval.signer() + ")"), feedback);
            return new Result(area, next.state(), before.state(), artifacts, null, null, approval);
        });
    }

    // ---------------------------------------------------------------- helpers

    private StageRecords.Manifest manifest(String area) {
        return store.read(file(area, "manifest.json"), StageRecords.Manifest.class).orElseThrow(() ->
                new WorkbenchException(ErrorCode.INVALID_TRANSITION, "area \"" + area + "\" has no executed artifacts"));
    }

    /** A review of earlier artifacts no longer speaks for the area: say so in its files. */
    private void markReviewStale(String area, String now) {
        store.read(file(area, "review.json"), StageRecords.Review.class).filter(r -> !r.stale()).ifPresent(r -> {
            store.write(file(area, "review.json"), new StageRecords.Review(r.at(), r.passed(), r.checks(),
                    r.interpretation(), r.problems(), true));
            read(area, "review.md").ifPresent(md -> store.writeBytes(file(area, "review.md"), ("> **Stale:** the area was"
                    + " executed again at " + now + "; this review is of the earlier artifacts.\n\n" + md)
                    .getBytes(StandardCharsets.UTF_8)));
        });
    }

    /** Artifacts that are missing, empty, not files or folders, led outside the root, or not what was executed. */
    private List<String> artifactProblems(List<PathDigest> artifacts, FileHashes hashes) {
        List<String> problems = new ArrayList<>();
        for (PathDigest recorded : artifacts) {
            Path path;
            try {
                path = RootPaths.resolve(store.root(), recorded.path(), "artifact");
            } catch (WorkbenchException e) {
                problems.add("artifact " + recorded.path() + " now leads outside the root");
                continue;
            }
            PathDigest now;
            try {
                now = PathDigest.of(store.root(), path, hashes);
            } catch (WorkbenchException e) {
                problems.add("artifact " + recorded.path() + " now leads outside the root");
                continue;
            }
            if ("missing".equals(now.type())) {
                problems.add("artifact " + recorded.path() + " is missing");
            } else if ("special".equals(now.type())) {
                problems.add("artifact " + recorded.path() + " is no longer a file or a folder");
            } else if (now.size() == 0 || (now.files() != null && now.files() == 0)) {
                problems.add("artifact " + recorded.path() + " is empty");
            } else if (!now.sha256().equals(recorded.sha256())) {
                problems.add("artifact " + recorded.path() + " changed since it was executed");
            }
        }
        return problems;
    }

    private StageRecords.Status move(StageRecords.Status s, StageState to, String now, boolean executed) {
        StageRecords.Status next = new StageRecords.Status(s.area(), to, s.revision() + 1, now,
                executed ? now : s.executedAt(),
                to == StageState.REVIEWED ? now : s.reviewedAt(),
                to == StageState.APPROVED || to == StageState.REJECTED ? now : s.decidedAt(), null);
        store.write(file(s.area(), "status.json"), next);
        return next;
    }

    private static WorkbenchException transition(StageRecords.Status from, String action, String hint) {
        return new WorkbenchException(ErrorCode.INVALID_TRANSITION, "area \"" + from.area() + "\" is " + from.state()
                + (from.staleReason() == null ? "" : " (" + from.staleReason() + ")") + ", so it cannot " + action + "; " + hint);
    }

    /** Keeps the verification of a signed approval just written, so this process need not run ssh-keygen for it. */
    private void remember(String area) {
        try {
            byte[] signers = Files.readAllBytes(ApprovalPolicy.signers(store));
            byte[] written = Files.readAllBytes(store.path(file(area, "approval.json")));
            memo(verificationKey(area, written, signers), null);
        } catch (java.io.IOException e) {
            // not remembered: the next read verifies it
        }
    }
}
