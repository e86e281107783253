package dev.workbench.core.checkpoint;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.provenance.GitProvenance;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.CheckpointManifests;
import dev.workbench.core.workspace.ConfinedFolder;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes a checkpoint: walks the paths ({@link CheckpointTree}), stores each file's content once ({@link ObjectStore}),
 * forces the new contents to disk, then writes the manifest, which is the commit point. A file whose stat is
 * unchanged since it was last stored is not read again ({@link FileHashes}).
 */
final class CheckpointWriter {
    /**
     * A file whose hash was just computed at this stat and which the caller is about to replace or delete, so that
     * its object may be a hard link rather than a copy ({@link ObjectStore#adopt}).
     */
    record Known(FileStat stat, String sha256) {}

    private final Backend backend;
    private final Store content;
    private final CheckpointManifests manifests;
    private final CheckpointTree tree;
    private final ObjectStore objects;
    private final ActivityLog activity;

    CheckpointWriter(Backend backend, Store content, CheckpointTree tree, ActivityLog activity) {
        this.backend = backend;
        this.content = content;
        this.manifests = backend.checkpoints();
        this.tree = tree;
        this.objects = new ObjectStore(content);
        this.activity = activity;
    }

    /**
     * Checkpoints {@code paths} (a path absent now is recorded as absent) as {@code NN_operation}, numbered after
     * the highest stored; {@code replaced} says what the caller knows of files it is about to replace.
     */
    Checkpoints.Created write(
            List<Path> paths, String operation, String note, String area, Map<String, Known> replaced) {
        List<String> given = paths.stream().map(tree::relative).distinct().toList();
        var git = GitProvenance.describe(backend.root());
        // The scan runs under the lock too: a checkpoint is a state that existed, never a mix with a rollback's.
        return backend.transactions().transaction(() -> {
            FileHashes hashes = FileHashes.load(content);
            Map<String, CheckpointEntry> entries = new LinkedHashMap<>();
            long[] newBytes = {0};
            try (ObjectBatch batch = objects.batch()) {
                Scan scan = new Scan(hashes, batch, entries, newBytes, FileHashes.nowMicros(), replaced);
                for (Path p : paths) {
                    tree.walk(p, scan);
                }
                batch.commit(); // the contents are durable before the manifest names them
            }
            CheckpointName name = new CheckpointName(nextNumber(), operation);
            List<CheckpointEntry> list = entries.values().stream()
                    .sorted(Comparator.comparing(CheckpointEntry::path))
                    .toList();
            int files = (int) list.stream().filter(CheckpointEntry::isFile).count();
            long bytes = list.stream()
                    .filter(CheckpointEntry::isFile)
                    .mapToLong(CheckpointEntry::size)
                    .sum();
            String now = backend.now();
            manifests.write(new Checkpoint(
                    name.toString(),
                    name.number(),
                    operation,
                    note,
                    area,
                    now,
                    git,
                    given,
                    files,
                    bytes,
                    newBytes[0],
                    list));
            hashes.save();
            activity.append(
                    now,
                    "checkpoint.created",
                    "Checkpoint " + name + ": " + files + " files, " + bytes + " bytes (" + newBytes[0] + " new)",
                    note);
            return new Checkpoints.Created(name.toString(), files, bytes, newBytes[0]);
        });
    }

    /** The number after the highest stored one. */
    int nextNumber() {
        return manifests.names().stream()
                        .map(CheckpointName::parse)
                        .flatMap(n -> n.stream())
                        .mapToInt(CheckpointName::number)
                        .max()
                        .orElse(0)
                + 1;
    }

    /** What the walk records for each path it meets. */
    private final class Scan implements CheckpointTree.Visitor {
        private final FileHashes hashes;
        private final ObjectBatch batch;
        private final Map<String, CheckpointEntry> entries;
        private final long[] newBytes;
        private final long nowMicros;
        private final Map<String, Known> replaced;

        Scan(
                FileHashes hashes,
                ObjectBatch batch,
                Map<String, CheckpointEntry> entries,
                long[] newBytes,
                long nowMicros,
                Map<String, Known> replaced) {
            this.hashes = hashes;
            this.batch = batch;
            this.entries = entries;
            this.newBytes = newBytes;
            this.nowMicros = nowMicros;
            this.replaced = replaced;
        }

        @Override
        public void folder(String rel, String mode) {
            entries.put(rel, CheckpointEntry.dir(rel, mode));
        }

        @Override
        public void link(String rel, String target) {
            entries.put(rel, CheckpointEntry.symlink(rel, target));
        }

        @Override
        public void file(String rel, ConfinedFolder folder, String name, PosixFileAttributes attrs, FileStat stat)
                throws IOException {
            try {
                entries.put(rel, store(folder, name, attrs, rel, stat, replaced.get(rel)));
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof NoSuchFileException gone) {
                    throw gone; // removed while it was being read: the walk leaves it out
                }
                if (e.getCause() instanceof AccessDeniedException) {
                    throw new WorkbenchException(
                            ErrorCode.INVALID_INPUT,
                            "paths: cannot read " + rel + " (permission denied); make it readable or leave it out");
                }
                throw e;
            }
        }

        private CheckpointEntry store(
                ConfinedFolder folder, String name, PosixFileAttributes attrs, String rel, FileStat stat, Known known)
                throws IOException {
            String sha = hashes.lookup(rel, stat);
            if (known != null && known.stat().equals(stat)) {
                sha = known.sha256();
                if (!batch.has(sha) && objects.adopt(folder, name, attrs, sha)) {
                    newBytes[0] += stat.size();
                }
            }
            if (sha == null || !batch.has(sha)) {
                ObjectBatch.Stored stored = batch.put(() -> folder.readChannel(name), stat.size(), rel);
                sha = stored.sha256();
                if (stored.added()) {
                    newBytes[0] += stored.size();
                }
                if (stored.size() != stat.size()) {
                    // it changed while being copied: remember what was stored, not what is there
                    stat = FileStat.of(folder.path(name), folder.stat(name));
                }
            }
            hashes.remember(rel, stat, sha, nowMicros);
            return CheckpointEntry.file(rel, stat, sha);
        }
    }
}
