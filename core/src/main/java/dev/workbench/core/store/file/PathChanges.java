package dev.workbench.core.store.file;

import dev.workbench.core.Check;
import dev.workbench.core.review.ApprovalPolicy;
import dev.workbench.core.review.StageFile;
import dev.workbench.core.review.StageId;
import dev.workbench.core.run.Runs;
import dev.workbench.core.runbook.RunbookStatus;
import dev.workbench.core.store.Change;
import dev.workbench.core.store.Change.Kind;
import dev.workbench.core.store.ChangeBatch;
import dev.workbench.core.workspace.Store;
import dev.workbench.core.workspace.StoreWatcher;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a batch of changed files ({@link StoreWatcher.Changes}) holds, as typed {@link Change}s: the one place
 * that knows which file holds what.
 *
 * <pre>
 * runbook.md                          RUNBOOK
 * .aw/status.json                     PROJECT
 * .aw/journal.jsonl                   JOURNAL
 * .aw/activity.jsonl                  ACTIVITY
 * .aw/policy.json, allowed_signers    APPROVAL_POLICY
 * .aw/experiments/&lt;slug&gt;.json        EXPERIMENT slug
 * .aw/analyses/&lt;slug&gt;.jsonl          ANALYSES slug
 * .aw/claims/&lt;slug&gt;.json             CLAIM slug
 * .aw/runs/&lt;name&gt;.json               RUN name (a run id or not: the runs views list every file)
 * .aw/checkpoints/&lt;NN_op&gt;.json       CHECKPOINT NN_op
 * .aw/stages/&lt;area&gt;/&lt;file&gt;          STAGE area/file (a {@link StageFile} only)
 * .aw/stages/&lt;area&gt;/plans/v&lt;K&gt;.md    STAGE area/plans/v&lt;K&gt;.md
 * .aw/stages/&lt;area&gt; (the folder)     STAGE area (so does its plans/ folder)
 * .aw/experiments/&lt;slug&gt;/...          STAGE experiment:&lt;slug&gt;[/file], as an area's (the experiment's stage)
 * .aw, or a records folder itself     everything (the folder came or went as a whole)
 * </pre>
 *
 * Slugs and areas that are not valid names are no records, and change nothing. The known experiment slugs, run ids
 * and checkpoint names are listed once, then kept up to date from each batch by asking whether each changed file
 * exists now; {@code listChanged} says one came or went. An overflow, or {@code .aw/} or a records folder coming or
 * going, lists them again and sets {@code everything}.
 *
 * <p>Meant for the watcher's one thread; {@link #apply} is synchronized all the same.
 */
public final class PathChanges {
    private static final String AW = Store.DIR + "/";
    private static final String JSON = ".json";
    private static final String JSONL = ".jsonl";

    private final Store store;
    private Known known;

    public PathChanges(Store store) {
        this.store = store;
        this.known = Known.list(store);
    }

    public synchronized ChangeBatch apply(StoreWatcher.Changes changes) {
        Set<Change> found = new LinkedHashSet<>();
        boolean everything = changes.overflow();
        boolean listChanged = false;
        for (String path : changes.paths()) {
            if (path.equals(RunbookStatus.FILE)) {
                found.add(Change.of(Kind.RUNBOOK));
            } else if (path.equals(Store.DIR)) {
                everything = true;
            } else if (path.startsWith(AW)) {
                String[] parts = path.substring(AW.length()).split("/", -1);
                everything |= parts.length == 1 && isRecordsFolder(parts[0]);
                listChanged |= map(parts, found);
            }
        }
        if (everything) {
            Known now = Known.list(store);
            listChanged |= !now.equals(known);
            known = now;
        }
        return new ChangeBatch(new ArrayList<>(found), listChanged, everything);
    }

    private static boolean isRecordsFolder(String name) {
        return name.equals(FileExperimentRecords.DIR)
                || name.equals(FileRunRecords.DIR)
                || name.equals(FileCheckpointManifests.DIR)
                || name.equals(FileStageFiles.DIR)
                || name.equals(FileClaimRecords.DIR)
                || name.equals(FileExperimentRecords.ANALYSES_DIR);
    }

    /** Adds what the file at {@code parts} (under {@code .aw/}) holds; returns whether a record came or went. */
    private boolean map(String[] parts, Set<Change> found) {
        if (parts.length == 1) {
            switch (parts[0]) {
                case FileProjectRecord.FILE -> found.add(Change.of(Kind.PROJECT));
                case FileEventLogs.JOURNAL -> found.add(Change.of(Kind.JOURNAL));
                case FileEventLogs.ACTIVITY -> found.add(Change.of(Kind.ACTIVITY));
                case ApprovalPolicy.FILE, ApprovalPolicy.SIGNERS -> found.add(Change.of(Kind.APPROVAL_POLICY));
                default -> {} // no record (http-token, a person's notes)
            }
            return false;
        }
        if (parts[0].equals(FileStageFiles.DIR)) {
            if (StageId.isAreaName(parts[1])) {
                stage(parts[1], parts, found); // Stages reads areas that are words only
            }
            return false;
        }
        if (parts[0].equals(FileExperimentRecords.DIR) && !(parts.length == 2 && parts[1].endsWith(JSON))) {
            if (Check.isSlug(parts[1])) { // the experiment's stage folder, beside its record
                stage(StageId.EXPERIMENT_PREFIX + parts[1], parts, found);
            }
            return false;
        }
        if (parts[0].equals(FileExperimentRecords.ANALYSES_DIR)) {
            String name = parts[parts.length - 1];
            String stem = name.endsWith(JSONL) ? name.substring(0, name.length() - JSONL.length()) : "";
            if (parts.length == 2 && Check.isSlug(stem)) {
                found.add(new Change(Kind.ANALYSES, stem));
            }
            return false; // a history comes with its experiment, which the experiments folder lists
        }
        if (parts.length != 2 || !parts[1].endsWith(JSON)) {
            return false;
        }
        String stem = parts[1].substring(0, parts[1].length() - JSON.length());
        boolean exists = Files.exists(store.dir().resolve(parts[0]).resolve(parts[1]), LinkOption.NOFOLLOW_LINKS);
        switch (parts[0]) {
            case FileExperimentRecords.DIR -> {
                if (!Check.isSlug(stem)) {
                    return false; // not a record: Experiments lists slugs only
                }
                found.add(new Change(Kind.EXPERIMENT, stem));
                return track(known.slugs(), stem, exists);
            }
            case FileClaimRecords.DIR -> {
                if (Check.isSlug(stem)) {
                    found.add(new Change(Kind.CLAIM, stem));
                }
                return false; // claims are no resources of their own: aw://claims/{slug} is a template
            }
            case FileRunRecords.DIR -> {
                found.add(new Change(Kind.RUN, stem));
                return Runs.isId(stem) && track(known.runs(), stem, exists);
            }
            case FileCheckpointManifests.DIR -> {
                found.add(new Change(Kind.CHECKPOINT, stem));
                return track(known.checkpoints(), stem, exists);
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * A stage file by the stage's key and the file's name; a plan version as {@code plans/v<K>.md}; a stage folder
     * (or its plans folder) that came or went, as the stage as a whole.
     */
    private static void stage(String key, String[] parts, Set<Change> found) {
        if (parts.length == 2 || (parts.length == 3 && parts[2].equals(FileStageFiles.PLANS))) {
            found.add(new Change(Kind.STAGE, key));
        } else if (parts.length == 3 && StageFile.named(parts[2]).isPresent()) {
            found.add(new Change(Kind.STAGE, key + "/" + parts[2]));
        } else if (parts.length == 4
                && parts[2].equals(FileStageFiles.PLANS)
                && FileStageFiles.PLAN_VERSION.matcher(parts[3]).matches()) {
            found.add(new Change(Kind.STAGE, key + "/" + FileStageFiles.PLANS + "/" + parts[3]));
        }
    }

    private static boolean track(Set<String> known, String item, boolean exists) {
        return exists ? known.add(item) : known.remove(item);
    }

    /** The records that exist, from folder listings alone (the filters the services list them with). */
    private record Known(Set<String> slugs, Set<String> runs, Set<String> checkpoints) {
        static Known list(Store store) {
            return new Known(
                    stems(store, FileExperimentRecords.DIR, true, false),
                    stems(store, FileRunRecords.DIR, false, true),
                    stems(store, FileCheckpointManifests.DIR, false, false));
        }

        private static Set<String> stems(Store store, String folder, boolean slugs, boolean runIds) {
            Set<String> stems = new HashSet<>();
            for (String name : store.list(folder, JSON)) {
                String stem = name.substring(0, name.length() - JSON.length());
                if ((!slugs || Check.isSlug(stem)) && (!runIds || Runs.isId(stem))) {
                    stems.add(stem);
                }
            }
            return stems;
        }
    }
}
