package dev.workbench.core.review;

import dev.workbench.core.Check;
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
 */
public final class Stages {
    public static final String DIR = "stages";
    /** The files a stage folder may hold, as the aw://stages/{area}/{file} resource serves them. */
    public static final List<String> FILES = List.of("plan.md", "status.json", "review.md", "manifest.json",
            "review.json", "approval.json");
    public static final int MAX_ARTIFACTS = 100;
    public static final int MAX_CHECKS = 100;

    private final Store store;
    private final ActivityLog activity;

    public Stages(Store store, ActivityLog activity) {
        this.store = store;
        this.activity = activity;
    }

    /** What a review-stage action did. */
    public record Result(String area, StageState state, StageState previous, List<PathDigest> artifacts, Boolean passed,
                         List<String> problems, StageRecords.Approval approval) {}

    private static String file(String area, String name) {
        return DIR + "/" + area + "/" + name;
    }

    public StageRecords.Status status(String area) {
        Check.word(area, "area");
        return store.read(file(area, "status.json"), StageRecords.Status.class)
                .orElse(new StageRecords.Status(area, StageState.STALE, 0, null, null, null, null));
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

    /** One stage file's text, for the resource; empty when it does not exist. */
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

    // ---------------------------------------------------------------- actions

    /** Records the artifacts of a new execution; a previous approval becomes stale. */
    public Result execute(String area, List<String> artifacts) {
        Check.word(area, "area");
        Check.notEmpty(artifacts, "artifacts");
        if (artifacts.size() > MAX_ARTIFACTS) {
            throw Check.invalid("artifacts", "at most " + MAX_ARTIFACTS + " paths", artifacts.size());
        }
        List<PathDigest> digests = new ArrayList<>();
        for (int i = 0; i < artifacts.size(); i++) {
            Path p = RootPaths.resolve(store.root(), artifacts.get(i), "artifacts[" + i + "]");
            if (p.startsWith(store.dir())) {
                throw Check.invalid("artifacts[" + i + "]", "a path outside .aw/", artifacts.get(i));
            }
            PathDigest digest = PathDigest.of(store.root(), p);
            if ("special".equals(digest.type())) {
                throw Check.invalid("artifacts[" + i + "]", "a file or a folder", artifacts.get(i) + " (a pipe, socket or device)");
            }
            digests.add(digest);
        }
        return store.transaction(() -> {
            StageRecords.Status before = status(area);
            String now = store.now();
            store.write(file(area, "manifest.json"), new StageRecords.Manifest(now, digests));
            markReviewStale(area, now);
            if (before.state() == StageState.APPROVED) {
                store.read(file(area, "approval.json"), StageRecords.Approval.class).ifPresent(a -> store.write(
                        file(area, "approval.json"), new StageRecords.Approval(a.at(), a.decision(), a.by(), a.feedback(),
                                a.artifacts(), true)));
            }
            StageRecords.Status next = move(before, StageState.EXECUTED, now, true);
            activity.append(now, "stage.executed", "Area " + area + " executed: " + digests.size() + " artifact"
                    + (digests.size() == 1 ? "" : "s") + (before.state() == StageState.APPROVED ? " (the approval is now stale)" : ""), null);
            return new Result(area, next.state(), before.state(), digests, null, null, null);
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
                throw transition(area, before.state(), "review", "execute it first");
            }
            StageRecords.Manifest manifest = manifest(area);
            List<String> problems = new ArrayList<>();
            for (StageCheck c : checks) {
                if (!c.passed()) {
                    problems.add("check \"" + c.name() + "\" failed" + (c.detail() == null ? "" : ": " + c.detail()));
                }
            }
            problems.addAll(artifactProblems(manifest.artifacts()));
            boolean passed = problems.isEmpty();
            String now = store.now();
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
        StageRecords.Status before = status(area);
        if (before.state() != StageState.REVIEWED) {
            throw transition(area, before.state(), "approve", before.state() == StageState.EXECUTED
                    ? "review it first" : "execute and review it first");
        }
        StageRecords.Manifest manifest = manifest(area);
        List<String> changed = artifactProblems(manifest.artifacts());
        if (!changed.isEmpty()) {
            throw new WorkbenchException(ErrorCode.INVALID_TRANSITION, "area \"" + area + "\" changed since its review ("
                    + String.join("; ", changed) + "); execute and review it again");
        }
        StageRecords.Review review = store.read(file(area, "review.json"), StageRecords.Review.class).orElse(null);
        HumanApproval.Answer answer = human.ask(new HumanApproval.Request(area, manifest.artifacts(),
                review == null ? List.of() : review.checks(), review == null ? null : review.interpretation()))
                .orElseThrow(() -> new WorkbenchException(ErrorCode.HUMAN_APPROVAL_REQUIRED, "approving area \"" + area
                        + "\" is a person's decision and none could be asked here; a person runs `aw approve " + area
                        + "` in a terminal (nothing changed)"));
        return decide(area, before, answer.approved() ? "approved" : "rejected", answer.by(), answer.feedback(),
                manifest.artifacts());
    }

    /** Sends the area back; the agent may do this itself, with the reason. */
    public Result reject(String area, String feedback, String by) {
        Check.requiredText(feedback, "feedback");
        StageRecords.Status before = status(area);
        if (before.state() != StageState.EXECUTED && before.state() != StageState.REVIEWED) {
            throw transition(area, before.state(), "reject", "only executed or reviewed work can be sent back");
        }
        return decide(area, before, "rejected", by, feedback, manifest(area).artifacts());
    }

    private Result decide(String area, StageRecords.Status asked, String decision, String by, String feedback,
                          List<PathDigest> artifacts) {
        return store.transaction(() -> {
            StageRecords.Status before = status(area);
            if (before.revision() != asked.revision()) {
                throw new WorkbenchException(ErrorCode.CONFLICT, "area \"" + area + "\" changed while the decision was"
                        + " being made (now " + before.state() + "); look at it again");
            }
            String now = store.now();
            StageRecords.Approval approval = new StageRecords.Approval(now, decision, by, feedback, artifacts, false);
            store.write(file(area, "approval.json"), approval);
            StageState target = decision.equals("approved") ? StageState.APPROVED : StageState.REJECTED;
            StageRecords.Status next = move(before, target, now, false);
            activity.append(now, "stage." + decision, "Area " + area + " " + decision + " by " + by, feedback);
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
    private List<String> artifactProblems(List<PathDigest> artifacts) {
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
                now = PathDigest.of(store.root(), path);
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
                to == StageState.APPROVED || to == StageState.REJECTED ? now : s.decidedAt());
        store.write(file(s.area(), "status.json"), next);
        return next;
    }

    private static WorkbenchException transition(String area, StageState from, String action, String hint) {
        return new WorkbenchException(ErrorCode.INVALID_TRANSITION, "area \"" + area + "\" is " + from
                + ", so it cannot " + action + "; " + hint);
    }
}
