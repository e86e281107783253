package dev.workbench.core.capture;

import dev.workbench.core.Check;
import dev.workbench.core.Json;
import dev.workbench.core.Sha256;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of the tracked paths before a shell command, {@code .aw/run/pre/<key>.json}, from its PreToolUse hook
 * until its PostToolUse (or PostToolUseFailure) hook claims it. The key is the agent's tool-call id (sanitised), else a
 * hash of the session and the command. Written atomically, readable by the owner alone (file 0600 in a 0700 folder).
 *
 * <p>A claim renames the file to {@code <key>.claimed}; the claimer, once its run is written, replaces that with an
 * empty {@code <key>.done} (or, when nothing changed, just removes it); if recording fails, the claim is given back. A
 * second after-hook for the same call (the plugin's and {@code aw init}'s hooks both installed, an agent running its
 * handlers at once) finds the marker and does nothing, rather than comparing with older records and recording the run
 * again.
 *
 * <p>Sweeping: a {@code .done} marker is kept an hour (a duplicate hook comes within seconds); a state or claim whose
 * after-hook never came is kept {@link #STALE}, a week, so that a command running for days (a training run) still
 * finds its state from before when it ends, while the folder does not grow without end.
 *
 * @param at        when the command was about to run (the duration of a run counts from here)
 * @param command   the command's first {@link #COMMAND_SHOWN} characters, for a person reading the file (the key is
 *                  what matches it to its after-hook)
 * @param roots     the tracked paths walked
 * @param truncated those whose walk was cut short ({@link Snapshot#MAX_ENTRIES})
 * @param outside   those not walked, since they lead out of the root
 * @param files     the walk, as {@link Snapshot#files}
 */
record PendingState(
        String at,
        String command,
        String sessionId,
        String toolUseId,
        List<String> roots,
        List<String> truncated,
        List<String> outside,
        Map<String, long[]> files) {
    static final String DIR = "run/pre";
    static final Duration STALE = Duration.ofDays(7);
    static final Duration DONE_STALE = Duration.ofHours(1);
    static final int COMMAND_SHOWN = 1000;
    private static final String STATE = ".json";
    private static final String CLAIMED = ".claimed";
    private static final String DONE = ".done";

    PendingState {
        command = command == null ? null : Check.cut(command, COMMAND_SHOWN);
    }

    Snapshot snapshot() {
        return new Snapshot(files, truncated == null ? List.of() : truncated, outside == null ? List.of() : outside);
    }

    /** The keys a command's pending state may be under: its tool-call id first, then the hash of session and command. */
    static List<String> keys(HookEvent e) {
        String hash = Sha256.of(((e.sessionId() == null ? "" : e.sessionId()) + "\0" + e.command())
                        .getBytes(StandardCharsets.UTF_8))
                .substring(0, 32);
        if (e.toolUseId() == null || e.toolUseId().isBlank()) {
            return List.of(hash);
        }
        String id = e.toolUseId().replaceAll("[^A-Za-z0-9_.-]", "_");
        if (id.length() > 100 || id.startsWith(".")) {
            id = "id-"
                    + Sha256.of(e.toolUseId().getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        }
        return List.of(id, hash);
    }

    /** Saves the state under the event's first key, and sweeps what is older than its age allows. */
    void save(Store store, HookEvent e) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(this); // compact: a walk may hold thousands of files
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        store.transaction(() -> {
            store.privateFolder(DIR);
            String key = keys(e).get(0);
            store.delete(
                    DIR + "/" + key + DONE); // a new command under a reused key (no tool-call id) is not a duplicate
            store.writePrivate(DIR + "/" + key + STATE, bytes);
            sweep(store);
        });
    }

    /**
     * What a claim found: the state from before the command under {@code key}, or none ({@code state} null) because
     * another after-hook claimed it already.
     */
    record Claim(String key, PendingState state) {
        boolean claimedElsewhere() {
            return state == null;
        }
    }

    /**
     * Claims the event's pending state: renamed to a {@code .claimed} marker, which {@link #settle} or {@link #giveBack}
     * settles. Empty when there is none (one that cannot be read is deleted and ignored); a claim with no state when
     * another after-hook claimed it, or already recorded it.
     */
    static Optional<Claim> claim(Store store, HookEvent e) {
        if (!Files.isDirectory(store.path(DIR))) {
            return Optional.empty();
        }
        return store.transaction(() -> {
            List<String> keys = keys(e);
            for (String key : keys) {
                String rel = DIR + "/" + key + STATE;
                Optional<PendingState> found;
                try {
                    found = store.read(rel, PendingState.class);
                } catch (WorkbenchException ex) {
                    store.delete(rel);
                    continue;
                }
                if (found.isPresent()) {
                    move(store, rel, DIR + "/" + key + CLAIMED);
                    return Optional.of(new Claim(key, found.get()));
                }
            }
            String first = DIR + "/" + keys.get(0);
            if (Files.exists(store.path(first + CLAIMED)) || Files.exists(store.path(first + DONE))) {
                return Optional.of(new Claim(keys.get(0), null));
            }
            return Optional.empty();
        });
    }

    /**
     * The claimed command is settled. When it recorded a run, an empty {@code .done} marker says so for an hour, so a
     * duplicate after-hook does not record it again. When it changed nothing, the claim is simply removed, so a
     * command that touches nothing writes nothing (and costs no file sync); a duplicate after-hook for it then
     * compares with what the workbench last saw, which finds nothing unless tracked files changed outside every
     * record (by hand, with automatic checkpoints off).
     */
    static void settle(Store store, Claim claim, boolean recorded) {
        store.transaction(() -> {
            String rel = DIR + "/" + claim.key();
            store.delete(rel + CLAIMED);
            if (recorded) {
                store.writePrivate(rel + DONE, new byte[0]);
            }
        });
    }

    /** Recording the claimed command failed: its state is put back, for a later after-hook or the sweep. */
    static void giveBack(Store store, Claim claim) {
        store.transaction(() -> {
            String rel = DIR + "/" + claim.key();
            if (Files.exists(store.path(rel + CLAIMED)) && !Files.exists(store.path(rel + STATE))) {
                move(store, rel + CLAIMED, rel + STATE);
            }
        });
    }

    private static void move(Store store, String from, String to) {
        try {
            Files.move(
                    store.path(from),
                    store.path(to),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot rename " + store.path(from) + " to " + store.path(to), ex);
        }
    }

    private static void sweep(Store store) {
        Instant now = Instant.now();
        for (String suffix : List.of(STATE, CLAIMED, DONE)) {
            Instant cutoff = now.minus(suffix.equals(DONE) ? DONE_STALE : STALE);
            for (String name : store.list(DIR, suffix)) {
                Path p = store.path(DIR + "/" + name);
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                        store.delete(DIR + "/" + name);
                    }
                } catch (IOException ex) {
                    // gone meanwhile
                }
            }
        }
    }
}
