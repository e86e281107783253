package dev.workbench.resources;

import dev.workbench.core.Check;
import dev.workbench.core.Workbench;
import dev.workbench.core.checkpoint.Checkpoints;
import dev.workbench.core.experiment.AnalysisHistory;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.review.ApprovalPolicy;
import dev.workbench.core.review.Stages;
import dev.workbench.core.run.Runs;
import dev.workbench.core.runbook.RunbookStatus;
import dev.workbench.core.store.file.FileEventLogs;
import dev.workbench.core.store.file.FileProjectRecord;
import dev.workbench.core.workspace.Store;
import dev.workbench.core.workspace.StoreWatcher;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which resources a batch of file changes ({@link StoreWatcher.Changes}) may have changed, so that subscribers
 * are told (CONTRACT section 7). Each file maps to every view that reads it (see {@link WorkbenchResources#read}):
 *
 * <pre>
 * runbook.md                          aw://runbook
 * .aw/status.json                     aw://project
 * .aw/journal.jsonl                   aw://journal
 * .aw/activity.jsonl                  aw://activity
 * .aw/experiments/&lt;slug&gt;.json        aw://experiments, aw://experiments/&lt;slug&gt;, aw://experiments/&lt;slug&gt;/analysis(es)
 * .aw/analyses/&lt;slug&gt;.jsonl          aw://experiments/&lt;slug&gt;/analyses
 * .aw/runs/&lt;id&gt;.json                 aw://runs, aw://runs/comparison, aw://runs/&lt;id&gt;
 * .aw/checkpoints/&lt;NN_op&gt;.json       aw://checkpoints, aw://checkpoints/&lt;NN_op&gt;, aw://checkpoints/&lt;NN&gt;, aw://checkpoints/&lt;N&gt;
 * .aw/stages/&lt;area&gt;/&lt;file&gt;          aw://stages/&lt;area&gt;/&lt;file&gt;
 * .aw/stages/&lt;area&gt; (the folder)     aw://stages/&lt;area&gt;/&lt;each file&gt;
 * .aw, or a records folder itself     everything (the folder came or went as a whole)
 * </pre>
 *
 * A missed notification is a bug and an extra one is harmless, so the mapping errs on the generous side. The
 * known experiment slugs, run ids and checkpoint names are listed once, then kept up to date from each batch by
 * asking whether each changed file exists now; {@code listChanged} says one came or went. An overflow, or
 * {@code .aw/} or a records folder coming or going, lists them again and sets {@code everything}.
 *
 * <p>Meant for the watcher's one thread; {@link #apply} is synchronized all the same.
 */
public final class ResourceChanges {
    /**
     * What a batch changed.
     *
     * @param updated     the URIs whose content may have changed
     * @param listChanged an experiment, run or checkpoint came or went
     * @param everything  anything may have changed: notify every subscribed URI, whatever {@code updated} holds
     */
    public record Effect(Set<String> updated, boolean listChanged, boolean everything) {
        public Effect {
            updated = Set.copyOf(updated);
        }
    }

    private static final String AW = Store.DIR + "/";
    private static final String JSON = ".json";

    private final Workbench wb;
    private final Path aw;
    private Known known;

    public ResourceChanges(Workbench wb) {
        this.wb = wb;
        this.aw = wb.store().dir();
        this.known = Known.list(wb);
    }

    public synchronized Effect apply(StoreWatcher.Changes changes) {
        Set<String> updated = new TreeSet<>();
        boolean everything = changes.overflow();
        boolean listChanged = false;
        for (String path : changes.paths()) {
            if (path.equals(RunbookStatus.FILE)) {
                updated.add(WorkbenchResources.RUNBOOK);
            } else if (path.equals(Store.DIR)) {
                everything = true;
            } else if (path.startsWith(AW)) {
                String[] parts = path.substring(AW.length()).split("/", -1);
                everything |= parts.length == 1 && isRecordsFolder(parts[0]);
                listChanged |= map(parts, updated);
            }
        }
        if (everything) {
            Known now = Known.list(wb);
            listChanged |= !now.equals(known);
            known = now;
        }
        return new Effect(updated, listChanged, everything);
    }

    private static boolean isRecordsFolder(String name) {
        return name.equals(Experiments.DIR) || name.equals(Runs.DIR) || name.equals(Checkpoints.DIR) || name.equals(Stages.DIR)
                || name.equals(AnalysisHistory.DIR);
    }

    /** Adds the URIs that read the file at {@code parts} (under {@code .aw/}); returns whether a list changed. */
    private boolean map(String[] parts, Set<String> updated) {
        if (parts.length == 1) {
            switch (parts[0]) {
                case FileProjectRecord.FILE -> updated.add(WorkbenchResources.PROJECT);
                case FileEventLogs.JOURNAL -> updated.add(WorkbenchResources.JOURNAL);
                case FileEventLogs.ACTIVITY -> updated.add(WorkbenchResources.ACTIVITY);
                case ApprovalPolicy.FILE, ApprovalPolicy.SIGNERS -> wb.stages().areas()
                        .forEach(area -> derivedStageUris(area, updated)); // whether approvals hold
                default -> { } // not read by any view (http-token, a person's notes)
            }
            return false;
        }
        if (parts[0].equals(Stages.DIR)) {
            stageUris(parts, updated);
            return false;
        }
        if (parts[0].equals(AnalysisHistory.DIR)) {
            String name = parts[parts.length - 1];
            String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : "";
            if (parts.length == 2 && Check.isSlug(stem)) {
                updated.add("aw://experiments/" + stem + "/analyses");
            }
            return false; // a history comes with its experiment, which the experiments folder lists
        }
        if (parts.length != 2 || !parts[1].endsWith(JSON)) {
            return false;
        }
        String stem = parts[1].substring(0, parts[1].length() - JSON.length());
        boolean exists = Files.exists(aw.resolve(parts[0]).resolve(parts[1]), LinkOption.NOFOLLOW_LINKS);
        switch (parts[0]) {
            case Experiments.DIR -> {
                if (!Check.isSlug(stem)) {
                    return false; // not a record: Experiments lists slugs only
                }
                updated.add(WorkbenchResources.EXPERIMENTS);
                updated.add("aw://experiments/" + stem);
                updated.add("aw://experiments/" + stem + "/analysis");
                updated.add("aw://experiments/" + stem + "/analyses"); // NOT_FOUND while the experiment does not exist
                return track(known.slugs(), stem, exists);
            }
            case Runs.DIR -> {
                updated.add(WorkbenchResources.RUNS); // both list every *.json, a record or not
                updated.add(WorkbenchResources.COMPARISON);
                if (!Runs.isId(stem)) {
                    return false;
                }
                updated.add("aw://runs/" + stem);
                return track(known.runs(), stem, exists);
            }
            case Checkpoints.DIR -> {
                updated.add(WorkbenchResources.CHECKPOINTS);
                checkpointUris(stem, updated);
                return track(known.checkpoints(), stem, exists);
            }
            default -> {
                return false;
            }
        }
    }

    /** A stage file is read by area and name; a stage folder that came or went changes all its files. */
    private static void stageUris(String[] parts, Set<String> updated) {
        if (!Check.isWord(parts[1])) {
            return; // Stages reads areas that are words only
        }
        if (parts.length == 2) {
            Stages.FILES.forEach(file -> updated.add("aw://stages/" + parts[1] + "/" + file));
        } else if (parts.length == 3 && Stages.FILES.contains(parts[2])) {
            updated.add("aw://stages/" + parts[1] + "/" + parts[2]);
            derivedStageUris(parts[1], updated); // the state read depends on manifest.json and approval.json too
        }
    }

    /** The stage views derived on read (Stages.view): status.json, and approval.json and review.json saying stale. */
    private static void derivedStageUris(String area, Set<String> updated) {
        for (String file : List.of("status.json", "approval.json", "review.json")) {
            updated.add("aw://stages/" + area + "/" + file);
        }
    }

    /** A checkpoint is read by name and by number ({@code 02_cleaned}, {@code 02}, {@code 2}). */
    private static void checkpointUris(String name, Set<String> updated) {
        if (Check.isWord(name)) {
            updated.add("aw://checkpoints/" + name);
        }
        int underscore = name.indexOf('_');
        String number = underscore > 0 ? name.substring(0, underscore) : "";
        if (!number.isEmpty() && number.chars().allMatch(Character::isDigit) && number.length() <= 9) {
            updated.add("aw://checkpoints/" + number);
            updated.add("aw://checkpoints/" + Integer.parseInt(number));
        }
    }

    private static boolean track(Set<String> known, String item, boolean exists) {
        return exists ? known.add(item) : known.remove(item);
    }

    /** The records that exist, from folder listings alone. */
    private record Known(Set<String> slugs, Set<String> runs, Set<String> checkpoints) {
        static Known list(Workbench wb) {
            return new Known(new HashSet<>(wb.experiments().slugs()), new HashSet<>(wb.runs().ids()),
                    new HashSet<>(wb.checkpoints().names()));
        }
    }
}
