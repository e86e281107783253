package dev.workbench.core.capture;

import dev.workbench.core.Json;
import dev.workbench.core.Sha256;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of the tracked paths before a shell command, {@code .aw/run/pre/<key>.json}, from its PreToolUse hook
 * until its PostToolUse (or PostToolUseFailure) hook reads and deletes it. The key is the agent's tool-call id
 * (sanitised), else a hash of the session and the command. Written atomically, readable by the owner alone (file
 * 0600 in a 0700 folder); one left behind (a command whose after-hook never came) is swept after a day.
 *
 * @param at        when the command was about to run (the duration of a run counts from here)
 * @param roots     the tracked paths walked
 * @param truncated those whose walk was cut short ({@link Snapshot#MAX_ENTRIES})
 * @param files     the walk, as {@link Snapshot#files}
 */
record PendingState(String at, String command, String sessionId, String toolUseId, List<String> roots,
                    List<String> truncated, Map<String, long[]> files) {
    static final String DIR = "run/pre";
    static final Duration STALE = Duration.ofDays(1);

    Snapshot snapshot() {
        return new Snapshot(files, truncated == null ? List.of() : truncated);
    }

    /** The keys a command's pending state may be under: its tool-call id first, then the hash of session and command. */
    static List<String> keys(HookEvent e) {
        String hash = Sha256.of(((e.sessionId() == null ? "" : e.sessionId()) + "\0" + e.command()).getBytes(StandardCharsets.UTF_8))
                .substring(0, 32);
        if (e.toolUseId() == null || e.toolUseId().isBlank()) {
            return List.of(hash);
        }
        String id = e.toolUseId().replaceAll("[^A-Za-z0-9_.-]", "_");
        if (id.length() > 100 || id.startsWith(".")) {
            id = "id-" + Sha256.of(e.toolUseId().getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        }
        return List.of(id, hash);
    }

    /** Saves the state under the event's first key, and sweeps states older than {@link #STALE}. */
    void save(Store store, HookEvent e) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(this); // compact: a walk may hold thousands of files
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        store.transaction(() -> {
            store.privateFolder(DIR);
            store.writePrivate(DIR + "/" + keys(e).get(0) + ".json", bytes);
            sweep(store);
        });
    }

    /** Reads and deletes the event's pending state, if any; one that cannot be read is deleted and ignored. */
    static Optional<PendingState> claim(Store store, HookEvent e) {
        if (!Files.isDirectory(store.path(DIR))) {
            return Optional.empty();
        }
        return store.transaction(() -> {
            for (String key : keys(e)) {
                String rel = DIR + "/" + key + ".json";
                Optional<PendingState> found;
                try {
                    found = store.read(rel, PendingState.class);
                } catch (WorkbenchException ex) {
                    store.delete(rel);
                    continue;
                }
                if (found.isPresent()) {
                    store.delete(rel);
                    return found;
                }
            }
            return Optional.empty();
        });
    }

    private static void sweep(Store store) {
        Instant cutoff = Instant.now().minus(STALE);
        for (String name : store.list(DIR, ".json")) {
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
