package dev.workbench.core.capture;

import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.FileHashes;
import dev.workbench.core.run.RunRecord;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the tool hooks do around a shell command, by its effect, whatever its wording: {@link #pre} notes the state
 * (stat) of the tracked paths ({@link TrackedPaths}) and, with {@code autoCheckpoint}, checkpoints tracked data that
 * changed since its last checkpoint; {@link #post} compares, and records a run when a tracked file was created,
 * changed or deleted. Other tools, the workbench's own {@code aw} commands and a folder without {@code .aw/} are left
 * alone.
 */
public final class Capture {

    private Capture() {}

    /**
     * Before a shell command runs: the state of the tracked paths under {@code .aw/run/pre/}, then the automatic
     * checkpoint. The state is saved first, so the command is captured even when the checkpoint fails.
     */
    public static void pre(Workbench wb, HookEvent event) {
        if (!applies(wb, event)) {
            return;
        }
        CaptureConfig config = CaptureConfig.load(wb.store());
        List<String> roots = TrackedPaths.roots(wb, config);
        if (roots.isEmpty()) {
            return; // nothing tracked: nothing to compare after the command either
        }
        Snapshot now = Snapshot.walk(wb.backend().root(), roots);
        // saved before the checkpoint (which changes no tracked file): a checkpoint that fails, or that the agent's
        // hook
        // timeout cuts short, loses nothing, and a previous identical command's .done marker is gone before it matters
        new PendingState(
                        wb.backend().now(),
                        event.command(),
                        event.sessionId(),
                        event.toolUseId(),
                        roots,
                        now.truncated(),
                        now.outside(),
                        now.files())
                .save(wb.store(), event);
        noteTracking(wb, now);
        if (config.autoCheckpoint()
                && AutoCheckpoint.before(wb, event.command(), roots, now).isPresent()) {
            TrackedPaths.roots(wb, config); // the cache learns the new checkpoint now, not in the next command's hook
        }
    }

    /**
     * After a shell command (its success or its failure): compares the tracked paths with their state before it and
     * records a run when a tracked file was created, changed or deleted. Without a state from before (hooks installed
     * during the command, or no PreToolUse), it compares with what the workbench last saw, and the run's note says so;
     * when another after-hook for the same call claimed that state already (two hook set-ups installed, an agent
     * running its handlers at once), it does nothing. A command that changed nothing tracked records nothing.
     */
    public static Optional<RunRecord> post(Workbench wb, HookEvent event) {
        if (!applies(wb, event)) {
            return Optional.empty();
        }
        // read once per hook, and first: a malformed config is reported after every command, not silently ignored
        CaptureConfig config = CaptureConfig.load(wb.store());
        Optional<PendingState.Claim> claim = PendingState.claim(wb.store(), event);
        if (claim.isEmpty()) {
            return compare(wb, event, null, config);
        }
        if (claim.get().claimedElsewhere()) {
            return Optional.empty();
        }
        Optional<RunRecord> run;
        try {
            run = compare(wb, event, claim.get().state(), config);
        } catch (RuntimeException e) {
            try {
                PendingState.giveBack(wb.store(), claim.get());
            } catch (RuntimeException again) {
                e.addSuppressed(again); // the claim stays, for the sweep
            }
            throw e;
        }
        PendingState.settle(wb.store(), claim.get(), run.isPresent());
        return run;
    }

    /** Compares with {@code before} (null: with what the workbench last saw) and records a run when something changed. */
    private static Optional<RunRecord> compare(
            Workbench wb, HookEvent event, PendingState before, CaptureConfig config) {
        Path root = wb.backend().root();
        Snapshot.Diff diff;
        Snapshot after;
        List<String> roots;
        String how;
        Long durationMs = null;
        FileHashes hashes = null; // the stat cache (it can be large) is read once, and only when needed
        if (before != null) {
            roots = before.roots();
            after = Snapshot.walk(root, roots);
            diff = Snapshot.diff(before.snapshot(), after);
            how = "compared with the tracked files' state before the command";
            try {
                durationMs = Math.max(
                        0,
                        Duration.between(
                                        Instant.parse(before.at()),
                                        Instant.parse(wb.backend().now()))
                                .toMillis());
            } catch (DateTimeParseException e) {
                durationMs = null; // a pending state edited by hand: no duration rather than a wrong one
            }
        } else {
            roots = TrackedPaths.roots(wb, config);
            if (roots.isEmpty()) {
                return Optional.empty();
            }
            after = Snapshot.walk(root, roots);
            hashes = FileHashes.load(wb.store());
            diff = LastSeen.diff(wb, roots, after, hashes);
            how =
                    "no state from before the command (the hooks were installed while it ran, or its pre-tool-use hook did "
                            + "not run): compared with what the workbench last saw of the tracked files, so a change may be older "
                            + "than this command";
        }
        if (diff.isEmpty()) {
            return Optional.empty();
        }
        RunRecord run = CapturedRun.record(
                wb, event, diff, roots, after, how, durationMs, hashes != null ? hashes : FileHashes.load(wb.store()));
        TrackedPaths.roots(wb, config); // the cache learns the new run now
        return Optional.of(run);
    }

    /** What the session-start summary says about what the hooks cannot see: the last walk's, kept in {@link #TRACKING}. */
    record Tracking(List<String> truncated, List<String> outside) {}

    /** Where {@link #pre} keeps {@link Tracking}, written only when it changes. */
    static final String TRACKING = "cache/tracking.json";

    static void noteTracking(Workbench wb, Snapshot now) {
        Tracking seen = new Tracking(now.truncated(), now.outside());
        try {
            Tracking known = wb.store().read(TRACKING, Tracking.class).orElse(new Tracking(List.of(), List.of()));
            if (!seen.equals(known)) {
                wb.store().transaction(() -> wb.store().write(TRACKING, seen));
            }
        } catch (WorkbenchException | UncheckedIOException e) {
            // a cache: failing to keep it costs the session-start summary its warning, never the capture
        }
    }

    /**
     * Lines for the session-start summary on what the hooks do not see (most agents show a hook's error output to no
     * one): tracked paths too large to walk whole, tracked paths that lead out of the root, an automatic checkpoint that
     * failed. Empty when all is well. Reads two small caches the pre-tool-use hook keeps; walks nothing.
     */
    public static List<String> trackingWarnings(Workbench wb) {
        List<String> lines = new ArrayList<>();
        if (!wb.backend().initialized()) {
            return lines;
        }
        try {
            wb.store().read(TRACKING, Tracking.class).ifPresent(t -> {
                if (t.truncated() != null && !t.truncated().isEmpty()) {
                    lines.add("Tracking: " + String.join(", ", t.truncated())
                            + (t.truncated().size() == 1 ? " holds" : " hold")
                            + " more entries than a hook walks (" + Snapshot.MAX_ENTRIES + " per path, "
                            + Snapshot.MAX_TOTAL
                            + " in all): changes past them are"
                            + " not captured nor checkpointed automatically; checkpoint and record-run by hand, or track"
                            + " smaller folders in .aw/config.json");
                }
                if (t.outside() != null && !t.outside().isEmpty()) {
                    lines.add("Tracking: " + String.join(", ", t.outside())
                            + (t.outside().size() == 1 ? " leads" : " lead")
                            + " out of the root through a symbolic link: not tracked");
                }
            });
            wb.store()
                    .read(AutoCheckpoint.VERIFIED, AutoCheckpoint.Verified.class)
                    .map(AutoCheckpoint.Verified::failed)
                    .ifPresent(f -> lines.add("Automatic checkpoint failed before a shell command: " + f
                            + "; until it succeeds, what commands overwrite is not restorable"));
        } catch (WorkbenchException | UncheckedIOException e) {
            lines.add("Tracking: its cache cannot be read (" + e.getMessage() + ")");
        }
        return lines;
    }

    private static boolean applies(Workbench wb, HookEvent event) {
        return event.shellCommand() && wb.backend().initialized() && !CommandWords.ownCall(event.command());
    }
}
