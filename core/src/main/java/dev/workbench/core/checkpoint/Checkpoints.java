package dev.workbench.core.checkpoint;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.provenance.GitProvenance;
import dev.workbench.core.workspace.ConfinedFiles;
import dev.workbench.core.workspace.ConfinedFolder;
import dev.workbench.core.workspace.RootPaths;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Numbered, immutable snapshots of files and folders under the root (CONTRACT section 3). Contents go to the
 * {@link ObjectStore} once per distinct content; a file whose size, modification time and inode are unchanged
 * since it was last stored is not read again. {@code .aw/} and {@code .git/} are never included, and symbolic
 * links are recorded as links, never followed.
 */
public final class Checkpoints {
    public static final String DIR = "checkpoints";
    private final Store store;
    private final ObjectStore objects;
    private final ActivityLog activity;
    private final ConfinedFiles files;

    public Checkpoints(Store store, ActivityLog activity) {
        this.store = store;
        this.files = new ConfinedFiles(store.root());
        this.objects = new ObjectStore(store);
        this.activity = activity;
    }

    ObjectStore objects() {
        return objects;
    }

    /** File access under the root, confined at the moment of use. */
    ConfinedFiles files() {
        return files;
    }

    /** What creating a checkpoint reports. */
    public record Created(String name, int files, long bytes, long newBytes) {}

    /** Checkpoints {@code paths}, each of which must exist, in no area. */
    public Created create(List<String> paths, String operation, String note) {
        return create(paths, operation, note, null);
    }

    /** Checkpoints {@code paths}, each of which must exist; {@code area} (a word, or null) places it in the runbook. */
    public Created create(List<String> paths, String operation, String note, String area) {
        if (area != null) {
            Check.word(area, "area");
        }
        Check.notEmpty(paths, "paths");
        List<Path> resolved = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Path p = resolve(paths.get(i), "paths[" + i + "]");
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new WorkbenchException(ErrorCode.NOT_FOUND, "paths[" + i + "]: \"" + paths.get(i)
                        + "\" does not exist; checkpoint existing files or folders");
            }
            resolved.add(p);
        }
        Check.word(operation, "operation");
        if (operation.startsWith(SAFETY_PREFIX)) {
            // The runbook reads rollbacks from their safety checkpoints by this name: a user checkpoint may not pose as one.
            throw Check.invalid("operation", "a name not starting with \"" + SAFETY_PREFIX + "\" (kept for the safety "
                    + "checkpoints rollback takes)", operation);
        }
        return write(resolved, operation, Check.text(note, "note"), area, Map.of());
    }

    /**
     * A checkpoint the workbench takes by itself (the hooks' automatic checkpoint before a shell command): like
     * {@link #create}, but a path that does not exist is recorded as absent rather than refused, so a rollback to it
     * removes what appeared later.
     */
    public Created createAutomatic(List<String> paths, String operation, String note) {
        Check.notEmpty(paths, "paths");
        List<Path> resolved = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            resolved.add(resolve(paths.get(i), "paths[" + i + "]"));
        }
        Check.word(operation, "operation");
        if (operation.startsWith(SAFETY_PREFIX)) {
            throw Check.invalid("operation", "a name not starting with \"" + SAFETY_PREFIX + "\"", operation);
        }
        return write(resolved, operation, Check.text(note, "note"), null, Map.of());
    }

    /** The start of the operation name of the checkpoint a rollback takes first: {@code pre-rollback-to-MM}. */
    public static final String SAFETY_PREFIX = "pre-rollback-to-";

    /**
     * A file whose hash was just computed at this stat and which the caller is about to replace or delete, so
     * that its object may be a hard link rather than a copy ({@link ObjectStore#adopt}).
     */
    record Known(FileStat stat, String sha256) {}

    /**
     * A checkpoint of paths that may not exist (the safety checkpoint before a rollback records their absence),
     * reusing what the caller knows of files it will replace.
     */
    Created createAllowingAbsent(List<Path> paths, String operation, String note, Map<String, Known> replaced) {
        return write(paths, operation, note, null, replaced);
    }

    /**
     * Resolves a path given by a caller: inside the root, and neither inside {@code .aw/} (the workbench's own
     * state) nor inside a {@code .git/} folder (git's), as written or through a symbolic link.
     */
    Path resolve(String given, String field) {
        Path p = RootPaths.resolve(store.root(), given, field);
        String why = reserved(p);
        if (why == null) {
            why = reserved(RootPaths.real(p));
        }
        if (why != null) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, field + ": \"" + given + "\" is inside " + why
                    + ", which is never checkpointed or restored");
        }
        return p;
    }

    /** Why a path under the root may not be checkpointed or restored, or null when it may. */
    String reserved(Path p) {
        if (p.startsWith(store.dir())) {
            return ".aw/, the workbench's own state";
        }
        if (p.startsWith(store.root())) {
            for (Path part : store.root().relativize(p)) {
                if (part.toString().equals(".git")) {
                    return ".git/, git's own state";
                }
            }
        }
        return null;
    }

    String relative(Path p) {
        String rel = store.root().relativize(p).toString().replace('\\', '/');
        return rel.isEmpty() ? "." : rel;
    }

    private Created write(List<Path> paths, String operation, String note, String area, Map<String, Known> replaced) {
        List<String> given = paths.stream().map(this::relative).distinct().toList();
        var git = GitProvenance.describe(store.root());
        // The scan runs under the lock too: a checkpoint is a state that existed, never a mix with a rollback's.
        return store.transaction(() -> {
            StatCache cache = StatCache.load(store);
            Map<String, CheckpointEntry> entries = new LinkedHashMap<>();
            long[] newBytes = {0};
            for (Path p : paths) {
                scan(p, cache, entries, newBytes, replaced); // a path absent now is recorded as absent
            }
            int number = nextNumber();
            String name = String.format("%02d_%s", number, operation);
            List<CheckpointEntry> list = entries.values().stream()
                    .sorted(java.util.Comparator.comparing(CheckpointEntry::path)).toList();
            int files = (int) list.stream().filter(CheckpointEntry::isFile).count();
            long bytes = list.stream().filter(CheckpointEntry::isFile).mapToLong(CheckpointEntry::size).sum();
            String now = store.now();
            store.write(DIR + "/" + name + ".json",
                    new Checkpoint(name, number, operation, note, area, now, git, given, files, bytes, newBytes[0], list));
            cache.save(store);
            activity.append(now, "checkpoint.created", "Checkpoint " + name + ": " + files + " files, "
                    + bytes + " bytes (" + newBytes[0] + " new)", note);
            return new Created(name, files, bytes, newBytes[0]);
        });
    }

    /**
     * Walks {@code start} through {@link ConfinedFiles}: every folder is opened relative to its parent's handle
     * without following a link, and every file is read through its folder's handle, so a folder swapped for a link
     * after the paths were checked cannot lead the walk, or a read, outside the root.
     */
    private void scan(Path start, StatCache cache, Map<String, CheckpointEntry> entries, long[] newBytes,
                      Map<String, Known> replaced) {
        long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        String rel0 = relative(start);
        try {
            files.walkTree(rel0, (rel, folder, name, attrs) -> {
                Path where = folder == null ? store.root() : folder.path(name);
                if (attrs.isDirectory()) {
                    if (reserved(store.root().resolve(rel).normalize()) != null || reserved(where) != null) {
                        return false;
                    }
                    entries.put(rel, new CheckpointEntry(rel, CheckpointEntry.DIR, null, FileStat.of(where, attrs).permissions(), null, null));
                    return true;
                }
                if (attrs.isSymbolicLink()) {
                    entries.put(rel, new CheckpointEntry(rel, CheckpointEntry.SYMLINK, null, null, null, folder.readLink(name)));
                } else if (attrs.isRegularFile()) {
                    try {
                        entries.put(rel, storeFile(folder, name, attrs, rel, cache, newBytes, nowMicros, replaced.get(rel)));
                    } catch (UncheckedIOException e) {
                        if (e.getCause() instanceof java.nio.file.NoSuchFileException gone) {
                            throw gone; // removed while it was being read: the walk leaves it out
                        }
                        if (e.getCause() instanceof java.nio.file.AccessDeniedException) {
                            throw new WorkbenchException(ErrorCode.INVALID_INPUT, "paths: cannot read " + rel
                                    + " (permission denied); make it readable or leave it out");
                        }
                        throw e;
                    }
                }
                return false; // sockets, pipes and devices are not data
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + start, e);
        }
    }

    private CheckpointEntry storeFile(ConfinedFolder folder, String name, PosixFileAttributes attrs, String rel,
                                      StatCache cache, long[] newBytes, long nowMicros, Known known) throws IOException {
        FileStat stat = FileStat.of(folder.path(name), attrs);
        String sha = cache.lookup(rel, stat);
        if (known != null && known.stat().equals(stat)) {
            sha = known.sha256();
            if (!objects.has(sha) && objects.adopt(folder, name, attrs, sha)) {
                newBytes[0] += stat.size();
            }
        }
        if (sha == null || !objects.has(sha)) {
            ObjectStore.Stored stored = objects.put(() -> folder.read(name), stat.size(), rel);
            sha = stored.sha256();
            if (stored.added()) {
                newBytes[0] += stored.size();
            }
            if (stored.size() != stat.size()) {
                // it changed while being copied: remember what was stored, not what is there
                stat = FileStat.of(folder.path(name), folder.stat(name));
            }
        }
        cache.remember(rel, stat, sha, nowMicros);
        return new CheckpointEntry(rel, CheckpointEntry.FILE, stat.size(), stat.permissions(), sha, null);
    }

    private int nextNumber() {
        int max = 0;
        for (String name : store.list(DIR, ".json")) {
            int underscore = name.indexOf('_');
            if (underscore > 0) {
                try {
                    max = Math.max(max, Integer.parseInt(name.substring(0, underscore)));
                } catch (NumberFormatException ignored) {
                    // not a checkpoint manifest
                }
            }
        }
        return max + 1;
    }

    /** Every readable checkpoint manifest, oldest first; each file is read once (validation happens in {@link #get}). */
    public List<Checkpoint> all() {
        List<Checkpoint> all = new ArrayList<>();
        for (String name : store.list(DIR, ".json")) {
            try {
                store.read(DIR + "/" + name, Checkpoint.class).ifPresent(all::add);
            } catch (WorkbenchException e) {
                // a damaged manifest is reported when it is asked for by name
            }
        }
        all.sort(java.util.Comparator.comparingInt(Checkpoint::number));
        return all;
    }

    /** Every checkpoint's summary, oldest first. */
    public List<Checkpoint.Summary> list() {
        return all().stream().map(Checkpoint::summary).toList();
    }

    /** A checkpoint by number ({@code 2}, {@code "02"}) or name ({@code "02_cleaned"}). */
    public Checkpoint get(String ref) {
        return find(ref).orElseThrow(() -> new WorkbenchException(ErrorCode.NOT_FOUND, "no checkpoint \"" + ref
                + "\"; list them with the aw://checkpoints resource"));
    }

    /**
     * {@code ref} when it can name a checkpoint, a number ({@code 2}, {@code "02"}) or a name ({@code "02_cleaned"}),
     * whether or not such a checkpoint exists; else {@code INVALID_INPUT}.
     */
    public static String checkRef(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, "checkpoint: required, a number or a name such as 02_cleaned");
        }
        if (number(ref) == null) {
            Check.word(ref, "checkpoint");
        }
        return ref;
    }

    /** The checkpoint number a reference gives, digits only ("+2" and "-1" are no numbers); null for a name. */
    private static Integer number(String ref) {
        return ref.matches("\\d{1,9}") ? Integer.parseInt(ref) : null;
    }

    private Optional<Checkpoint> find(String ref) {
        Integer number = number(checkRef(ref));
        for (String file : store.list(DIR, ".json")) {
            String name = file.substring(0, file.length() - ".json".length());
            int underscore = name.indexOf('_');
            boolean match = number != null
                    ? underscore > 0 && name.substring(0, underscore).matches("\\d+")
                            && Integer.parseInt(name.substring(0, underscore)) == number
                    : name.equals(ref);
            if (match) {
                try {
                    return store.read(DIR + "/" + file, Checkpoint.class).map(this::validated);
                } catch (WorkbenchException e) {
                    throw new WorkbenchException(ErrorCode.CHECKPOINT_CORRUPT, "checkpoint manifest " + file
                            + " cannot be read (" + e.getMessage() + "); nothing was changed");
                }
            }
        }
        return Optional.empty();
    }

    private static final java.util.regex.Pattern SHA = java.util.regex.Pattern.compile("[0-9a-f]{64}");
    private static final java.util.regex.Pattern MODE = java.util.regex.Pattern.compile("[0-7]{3,4}");

    /**
     * A manifest as read, checked entry by entry: manifests are plain files that people edit and git merges, and
     * a rollback must never write where no checkpoint could have recorded (outside the root, into .aw/ or .git/).
     */
    private Checkpoint validated(Checkpoint c) {
        List<String> problems = new ArrayList<>();
        if (c.entries() == null || c.paths() == null) {
            problems.add("no entries or paths");
        } else {
            for (String given : c.paths()) {
                checkPath(given, problems);
            }
            for (CheckpointEntry e : c.entries()) {
                checkPath(e.path(), problems);
                if (e.type() == null || !List.of(CheckpointEntry.FILE, CheckpointEntry.DIR, CheckpointEntry.SYMLINK).contains(e.type())) {
                    problems.add(e.path() + ": unknown type " + e.type());
                } else if (e.isFile() && (e.sha256() == null || !SHA.matcher(e.sha256()).matches() || e.size() == null
                        || e.size() < 0 || e.mode() == null || !MODE.matcher(e.mode()).matches())) {
                    problems.add(e.path() + ": a file needs sha256, size and mode");
                } else if (e.isDir() && (e.mode() == null || !MODE.matcher(e.mode()).matches())) {
                    problems.add(e.path() + ": a folder needs a mode");
                } else if (CheckpointEntry.SYMLINK.equals(e.type()) && (e.target() == null || e.target().isEmpty())) {
                    problems.add(e.path() + ": a link needs a target");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new WorkbenchException(ErrorCode.CHECKPOINT_CORRUPT, "checkpoint " + c.name() + " has invalid entries ("
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size()))) + "); nothing was changed");
        }
        return c;
    }

    private void checkPath(String rel, List<String> problems) {
        if (rel == null || rel.isEmpty() || rel.startsWith("/") || rel.contains("\0")) {
            problems.add("path " + rel + " is not relative");
            return;
        }
        Path p = store.root().resolve(rel).normalize();
        if (!p.startsWith(store.root())) {
            problems.add("path " + rel + " leaves the root");
        } else if (reserved(p) != null) {
            problems.add("path " + rel + " is inside " + reserved(p));
        }
    }

    public long count() {
        return store.list(DIR, ".json").size();
    }

    /** The names of the stored manifests (e.g. {@code 02_cleaned}), sorted, from the folder listing alone. */
    public List<String> names() {
        return store.list(DIR, ".json").stream().map(n -> n.substring(0, n.length() - ".json".length())).toList();
    }
}
