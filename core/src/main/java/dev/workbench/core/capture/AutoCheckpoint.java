package dev.workbench.core.capture;

import dev.workbench.core.Check;
import dev.workbench.core.Sha256;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.CheckpointEntry;
import dev.workbench.core.checkpoint.CheckpointName;
import dev.workbench.core.checkpoint.Checkpoints;
import dev.workbench.core.checkpoint.FileHashes;
import dev.workbench.core.run.PathDigest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The checkpoint {@code Capture.pre} takes before a shell command when {@code autoCheckpoint} is on: of each tracked
 * path whose files differ from its latest checkpoint (a file new, changed or deleted since, or never checkpointed),
 * so every state a command could overwrite can be restored with {@code rollback}. A file is compared by the hash the
 * checkpoint stat cache remembers for its stat; only a file whose stat it does not know is read. When nothing
 * differs, nothing is written.
 */
final class AutoCheckpoint {
    private AutoCheckpoint() {}

    /** What differs in one tracked path since its latest checkpoint. */
    record Difference(String root, int created, int changed, int deleted) {}

    /**
     * Where the last comparison that found nothing to checkpoint is remembered: a digest of the walk (every path's
     * type, size, modification time and inode) and of the checkpoints' names. A walk with the same digest needs no
     * comparison at all, so a command in a quiet workspace costs the walk alone, not reading the stat cache and the
     * manifests (tens of megabytes for a folder of 10^5 files).
     */
    static final String VERIFIED = "cache/auto-checkpoint.json";

    /**
     * The form of {@link #VERIFIED}; {@code failed} says why the automatic checkpoint of that walk failed (null when
     * nothing was to checkpoint). A failed one is not tried again, nor reported again by every hook, until the walk or
     * the checkpoints change; the session-start summary shows it meanwhile ({@link Capture#trackingWarnings}).
     */
    record Verified(String digest, String failed) {}

    /**
     * Checkpoints the tracked paths that differ from their latest checkpoint; empty when none does. A tracked path
     * whose walk was cut short ({@link Snapshot#MAX_ENTRIES}) is not checkpointed automatically: copying that many
     * files would hold up every command that follows a change; checkpoint it by hand.
     */
    static Optional<Checkpoints.Created> before(Workbench wb, String command, List<String> roots, Snapshot now) {
        List<String> names = newestFirst(wb.checkpoints().names());
        String digest = digest(roots, now, names);
        try {
            if (wb.store()
                    .read(VERIFIED, Verified.class)
                    .map(v -> digest.equals(v.digest()))
                    .orElse(false)) {
                return Optional.empty();
            }
        } catch (WorkbenchException | UncheckedIOException e) {
            // a damaged cache: compare
        }
        FileHashes hashes = FileHashes.load(wb.store());
        List<Difference> differences = new ArrayList<>();
        Map<String, Checkpoint> read = new HashMap<>();
        for (String root : roots) {
            if (now.truncated().contains(root) || now.outside().contains(root)) {
                continue;
            }
            Difference d = difference(wb, root, now, hashes, names, read);
            if (d != null) {
                differences.add(d);
            }
        }
        if (differences.isEmpty()) {
            wb.store().transaction(() -> wb.store().write(VERIFIED, new Verified(digest, null)));
            return Optional.empty();
        }
        List<String> paths = differences.stream().map(Difference::root).toList();
        String what = String.join(
                "; ",
                differences.stream()
                        .map(d -> d.root() + ": " + d.created() + " new, " + d.changed() + " changed, " + d.deleted()
                                + " deleted")
                        .toList());
        String note = "automatic, before the shell command `" + Check.cut(command, 200)
                + "`: tracked files differed from their latest checkpoint (" + what + ")";
        wb.store().transaction(hashes::save); // what was learned while comparing spares the checkpoint reading it again
        Checkpoints.Created created;
        try {
            created = wb.checkpoints().createAutomatic(paths, operation(command), Check.cut(note, 1000));
        } catch (WorkbenchException | UncheckedIOException e) {
            try {
                String why = Check.cut(String.valueOf(e.getMessage()), 1000);
                wb.store().transaction(() -> wb.store().write(VERIFIED, new Verified(digest, why)));
            } catch (WorkbenchException | UncheckedIOException again) {
                e.addSuppressed(again); // not remembered (a full disk): the next command tries again
            }
            throw e;
        }
        // every path compared is now in the state of its latest checkpoint: the next command with this walk compares
        // nothing
        String after = digest(roots, now, newestFirst(wb.checkpoints().names()));
        wb.store().transaction(() -> wb.store().write(VERIFIED, new Verified(after, null)));
        return Optional.of(created);
    }

    /** A digest of the walk's stats and the checkpoints' names. */
    static String digest(List<String> roots, Snapshot now, List<String> names) {
        MessageDigest md = Sha256.digest();
        Consumer<String> add = text -> md.update((text + "\n").getBytes(StandardCharsets.UTF_8));
        roots.forEach(r -> add.accept("root " + r));
        now.truncated().forEach(t -> add.accept("cut " + t));
        now.outside().forEach(t -> add.accept("outside " + t));
        names.forEach(n -> add.accept("checkpoint " + n));
        now.files().forEach((path, s) -> add.accept(path + "\0" + s[0] + " " + s[1] + " " + s[2] + " " + s[3]));
        return HexFormat.of().formatHex(md.digest());
    }

    /** {@code auto-before-<program>}: the command's first program, as a name. */
    static String operation(String command) {
        String program = CommandWords.program(command);
        String word = program.replaceAll("^.*/", "")
                .replaceAll("[^A-Za-z0-9_.:-]", "-")
                .replaceAll("^[^A-Za-z0-9]+", "");
        if (word.length() > 40) {
            word = word.substring(0, 40);
        }
        return Checkpoints.AUTOMATIC_PREFIX + (word.isEmpty() ? "command" : word);
    }

    /** Checkpoint names, the newest (highest number) first. */
    private static List<String> newestFirst(List<String> names) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparingInt(AutoCheckpoint::number).reversed());
        return sorted;
    }

    private static int number(String name) {
        return CheckpointName.parse(name).map(CheckpointName::number).orElse(-1);
    }

    /**
     * How the files of {@code root} now differ from what its latest checkpoints hold, or null when they do not. Each
     * path's state is taken from the newest checkpoint whose paths cover it (a covered path with no entry was
     * absent then); checkpoints are read newest first until one covers the whole of {@code root}.
     */
    private static Difference difference(
            Workbench wb,
            String root,
            Snapshot now,
            FileHashes hashes,
            List<String> names,
            Map<String, Checkpoint> read) {
        Map<String, String> state = new HashMap<>(); // path -> sha256 (files) or "link:<target>"
        List<String> covered = new ArrayList<>();
        for (String name : names) {
            Checkpoint c = read.computeIfAbsent(name, n -> manifest(wb, n));
            if (c == null || c.paths() == null || c.entries() == null) {
                continue;
            }
            List<String> scopes = c.paths().stream()
                    .filter(p -> TrackedPaths.inside(p, root) || TrackedPaths.inside(root, p))
                    .toList();
            if (scopes.isEmpty()) {
                continue;
            }
            for (CheckpointEntry e : c.entries()) {
                if (TrackedPaths.inside(e.path(), root)
                        && TrackedPaths.insideAny(e.path(), scopes)
                        && !TrackedPaths.insideAny(e.path(), covered)) {
                    if (CheckpointEntry.FILE.equals(e.type())) {
                        state.put(e.path(), e.sha256());
                    } else if (CheckpointEntry.SYMLINK.equals(e.type())) {
                        state.put(e.path(), "link:" + e.target());
                    }
                }
            }
            covered.addAll(scopes);
            if (scopes.stream().anyMatch(s -> TrackedPaths.inside(root, s))) {
                break; // the whole of root is covered: older checkpoints say nothing more about it
            }
        }
        int created = 0;
        int changed = 0;
        Map<String, String> left = new HashMap<>(state);
        for (Map.Entry<String, long[]> f : now.files().entrySet()) {
            String path = f.getKey();
            if (!TrackedPaths.inside(path, root)) {
                continue;
            }
            String was = left.remove(path);
            long type = f.getValue()[0];
            if (type == Snapshot.OTHER) {
                continue; // pipes, sockets and devices are not data; checkpoints skip them too
            }
            if (was == null) {
                created++;
            } else if (!was.equals(current(wb, path, f.getValue(), hashes))) {
                changed++;
            }
        }
        int deleted = (int) left.keySet().stream()
                .filter(p -> !TrackedPaths.insideAny(p, now.truncated()))
                .count();
        return created + changed + deleted == 0 ? null : new Difference(root, created, changed, deleted);
    }

    /** The state of a file now, as a checkpoint would record it: its hash (remembered when possible) or a link's target. */
    private static String current(Workbench wb, String path, long[] stat, FileHashes hashes) {
        Path p = wb.backend().root().resolve(path);
        if (stat[0] == Snapshot.LINK) {
            try {
                return "link:" + Files.readSymbolicLink(p);
            } catch (IOException e) {
                return null;
            }
        }
        String sha = hashes.remembered(path, stat[1], stat[2] / 1000, stat[4], stat[3]);
        if (sha != null) {
            return sha;
        }
        try {
            PathDigest d = PathDigest.of(wb.backend().root(), p, hashes); // read through the confined walk, remembered
            return "file".equals(d.type()) ? d.sha256() : null;
        } catch (WorkbenchException | UncheckedIOException e) {
            return null; // unreadable now: counted as changed, and the checkpoint says why it cannot store it
        }
    }

    private static Checkpoint manifest(Workbench wb, String name) {
        try {
            return wb.backend().checkpoints().read(name).orElse(null);
        } catch (WorkbenchException e) {
            return null; // a damaged manifest says nothing; rollback reports it when asked for
        }
    }
}
