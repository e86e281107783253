package dev.workbench.core.provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** A real git repository in a temporary folder, made with JGit's porcelain, plus ways to look into it. */
final class GitFixture implements AutoCloseable {
    static final PersonIdent AUTHOR = new PersonIdent("Test Author", "author@example.org");

    final Path dir;
    final Git git;

    private GitFixture(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    static GitFixture init(Path dir) {
        JGitTimestamps.measureNow();
        try {
            return new GitFixture(
                    dir,
                    Git.init()
                            .setDirectory(dir.toFile())
                            .setInitialBranch("main")
                            .call());
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    Repository repository() {
        return git.getRepository();
    }

    GitFixture write(String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    GitFixture delete(String path) {
        try {
            Files.delete(dir.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stages everything ({@code git add -A}) and commits it. */
    RevCommit commitAll(String message) {
        try {
            git.add().addFilepattern(".").setAll(true).call();
            return git.commit()
                    .setMessage(message)
                    .setAuthor(AUTHOR)
                    .setCommitter(AUTHOR)
                    .setSign(false)
                    .call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] indexBytes() throws IOException {
        return Files.readAllBytes(repository().getIndexFile().toPath());
    }

    /** Every ref but the snapshot refs, by name, with what it points to (HEAD as its symbolic target too). */
    Map<String, String> refsOtherThanSnapshots() throws IOException {
        Map<String, String> refs = new TreeMap<>();
        for (Ref ref : repository().getRefDatabase().getRefs()) {
            if (!ref.getName().startsWith("refs/aw/")) {
                refs.put(ref.getName(), String.valueOf(ref.getObjectId()));
            }
        }
        Ref head = repository().exactRef("HEAD");
        refs.put("HEAD", (head.isSymbolic() ? head.getTarget().getName() + " " : "") + head.getObjectId());
        return refs;
    }

    /** Loose objects in .git/objects/xx/ folders. */
    long looseObjectCount() throws IOException {
        try (Stream<Path> files =
                Files.walk(repository().getDirectory().toPath().resolve("objects"), 2)) {
            return files.filter(p -> p.getParent().getFileName().toString().matches("[0-9a-f]{2}"))
                    .count();
        }
    }

    RevCommit commit(String id) throws IOException {
        try (RevWalk walk = new RevWalk(repository())) {
            return walk.parseCommit(ObjectId.fromString(id));
        }
    }

    /** Path to "mode content" of every file in a commit's tree. */
    Map<String, String> treeOf(RevCommit commit) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (TreeWalk walk = new TreeWalk(repository())) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                byte[] content = repository().open(walk.getObjectId(0)).getBytes();
                files.put(
                        walk.getPathString(),
                        describe(walk.getFileMode(0), new String(content, StandardCharsets.UTF_8)));
            }
        }
        return files;
    }

    /** Path to "mode content" of every file on disk, outside .git and the paths given as ignored. */
    Map<String, String> workingTree(Set<String> ignored) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) all::iterator) {
                String path = dir.relativize(file).toString().replace('\\', '/');
                if (path.isEmpty()
                        || path.equals(".git")
                        || path.startsWith(".git/")
                        || ignored.stream().anyMatch(i -> path.equals(i) || path.startsWith(i + "/"))) {
                    continue;
                }
                if (Files.isSymbolicLink(file)) {
                    files.put(
                            path,
                            describe(
                                    FileMode.SYMLINK,
                                    Files.readSymbolicLink(file).toString()));
                } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    FileMode mode = Files.isExecutable(file) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
                    files.put(path, describe(mode, Files.readString(file)));
                }
            }
        }
        return files;
    }

    private static String describe(FileMode mode, String content) {
        return mode.toString() + " " + content;
    }

    @Override
    public void close() {
        git.close();
    }
}
