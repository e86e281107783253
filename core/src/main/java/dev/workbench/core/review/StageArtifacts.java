package dev.workbench.core.review;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.FileHashes;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.workspace.RootPaths;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A stage's artifacts against the project's files as they are now: what an execution records, what a review finds
 * wrong with them, how they drifted since. Artifacts are project files, so they are read here whatever holds the
 * stage records; unchanged ones are not read again ({@link FileHashes}, the stat cache). The few records under
 * {@code .aw/} a stage may pin (its experiment's record, its own plan) are read through the ports
 * ({@link StoreArtifacts}).
 */
final class StageArtifacts {
    private final Store store;
    private final StoreArtifacts records;

    StageArtifacts(Store store, StoreArtifacts records) {
        this.store = store;
        this.records = records;
    }

    /**
     * What an execution of {@code stage} pins: an experiment's clean result first (for an experiment's stage: the
     * text the person approves), then the paths named ({@link #digests}), each path once.
     */
    List<PathDigest> pinned(StageId stage, List<String> named, FileHashes hashes) {
        List<PathDigest> all = new ArrayList<>();
        if (stage.experiment()) {
            all.add(records.digest(StoreArtifacts.resultPath(stage.name())));
        }
        all.addAll(digests(stage, named, hashes));
        Set<String> seen = new HashSet<>(); // a path named twice is pinned once
        return all.stream().filter(d -> seen.add(d.path())).toList();
    }

    /**
     * The digests of the paths an execution of {@code stage} names; refuses paths outside the root, under .aw/
     * (but for the records {@link StoreArtifacts#allowed} lets the stage pin), or not files or folders.
     */
    List<PathDigest> digests(StageId stage, List<String> artifacts, FileHashes hashes) {
        List<PathDigest> digests = new ArrayList<>();
        for (int i = 0; i < artifacts.size(); i++) {
            Path p = RootPaths.resolve(store.root(), artifacts.get(i), "artifacts[" + i + "]");
            if (p.startsWith(store.dir())) {
                String relative = store.root().relativize(p).toString().replace('\\', '/');
                if (!StoreArtifacts.allowed(stage, relative)) {
                    throw new WorkbenchException(
                            ErrorCode.PATH_OUTSIDE_ROOT,
                            "artifacts[" + i + "]: \"" + artifacts.get(i) + "\" is in .aw/, the workbench's own"
                                    + " records; of those a stage may pin only its own plan (" + plans(stage) + ")"
                                    + (stage.experiment() ? ", and its experiment's record is always pinned" : ""));
                }
                digests.add(records.digest(relative));
                continue;
            }
            PathDigest digest = PathDigest.of(store.root(), p, hashes);
            if ("special".equals(digest.type())) {
                throw Check.invalid(
                        "artifacts[" + i + "]", "a file or a folder", artifacts.get(i) + " (a pipe, socket or device)");
            }
            digests.add(digest);
        }
        return digests;
    }

    private static String plans(StageId stage) {
        String plan = StoreArtifacts.planPath(stage, null);
        return plan + " or " + plan.substring(0, plan.length() - "plan.md".length()) + "plans/v<K>.md";
    }

    /** The records under .aw/ among {@code digests} read again, as they are stored now (under the lock). */
    List<PathDigest> refreshRecords(List<PathDigest> digests) {
        return digests.stream()
                .map(d -> StoreArtifacts.inStore(d.path()) ? records.digest(d.path()) : d)
                .toList();
    }

    /** How artifacts differ from what was recorded: "data/clean.csv changed", "out/ is missing". */
    List<String> drift(List<PathDigest> recorded, FileHashes hashes) {
        List<String> drift = new ArrayList<>();
        for (PathDigest r : recorded) {
            if (StoreArtifacts.inStore(r.path())) {
                PathDigest now = records.digest(r.path());
                if ("missing".equals(now.type())) {
                    drift.add(r.path() + " is missing");
                } else if (!Objects.equals(now.sha256(), r.sha256())) {
                    drift.add(r.path() + " changed");
                }
                continue;
            }
            Path path;
            try {
                path = resolve(r.path());
            } catch (WorkbenchException e) {
                drift.add(r.path() + " now leads outside the root");
                continue;
            }
            if (!Files.exists(path)) {
                drift.add(r.path() + " is missing");
            } else if ("file".equals(r.type())
                    && Files.isRegularFile(path)
                    && r.size() != null
                    && size(path) != r.size()) {
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
                } else if (!Objects.equals(now.sha256(), r.sha256())) {
                    drift.add(r.path() + " changed");
                }
            }
        }
        return drift;
    }

    /** Artifacts that are missing, empty, not files or folders, led outside the root, or not what was executed. */
    List<String> problems(List<PathDigest> artifacts, FileHashes hashes) {
        List<String> problems = new ArrayList<>();
        for (PathDigest recorded : artifacts) {
            PathDigest now;
            try {
                now = StoreArtifacts.inStore(recorded.path())
                        ? records.digest(recorded.path())
                        : PathDigest.of(store.root(), resolve(recorded.path()), hashes);
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

    private Path resolve(String recorded) {
        return RootPaths.resolve(store.root(), recorded, "artifact");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
