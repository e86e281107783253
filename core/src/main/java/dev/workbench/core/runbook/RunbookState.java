package dev.workbench.core.runbook;

import dev.workbench.core.Workbench;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.journal.JournalEntry;
import dev.workbench.core.project.ActivityEntry;
import dev.workbench.core.project.ProjectState;
import dev.workbench.core.provenance.EnvironmentSnapshot;
import dev.workbench.core.run.RunRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Everything the runbook is derived from, read once: the recorded state of {@code .aw/} plus what the
 * sections look up on disk (configuration files, key folders). Rendering is a pure function of this.
 *
 * @param runs        every run, in the order they were recorded
 * @param plan        which runs are the steps to follow, which were undone or changed nothing
 * @param reviews     area to its review state as {@link dev.workbench.core.review.Stages#status} reads it, for
 *                    the areas of the project, of the runs and of the stage folders
 * @param checkpoints every checkpoint manifest, by number
 * @param journal     the latest {@link #MAX_JOURNAL} journal entries, oldest first
 * @param journalSize how many entries the journal holds in all
 * @param asOf        the latest recorded change (ISO-8601 UTC), or null when nothing was recorded
 */
record RunbookState(
        Path root,
        ProjectState project,
        List<RunRecord> runs,
        RunbookPlan plan,
        Map<String, String> reviews,
        List<Checkpoint> checkpoints,
        List<JournalEntry> journal,
        long journalSize,
        String asOf,
        EnvironmentSnapshot environment,
        List<ConfigFiles.ConfigFile> configFiles,
        List<KeyDirectories.Folder> directories) {
    /** The troubleshooting section lists at most this many journal entries, the newest. */
    static final int MAX_JOURNAL = 200;

    static RunbookState read(Workbench wb, EnvironmentSnapshot environment) {
        Path root = wb.backend().root();
        ProjectState project = wb.project().get();
        List<RunRecord> runs = wb.runs().all().stream()
                .sorted(Comparator.comparing((RunRecord r) -> orEpoch(r.recordedAt()))
                        .thenComparing(RunRecord::id))
                .toList();
        List<Checkpoint> checkpoints = wb.checkpoints().all();
        List<JournalEntry> journal = wb.journal().recent(MAX_JOURNAL);
        long journalSize = wb.journal().count();
        String asOf = latest(wb.activity().recent(RunbookStatus.LOOK_BACK), project, runs, checkpoints, journal);
        RunbookPlan plan = RunbookPlan.of(runs, checkpoints);
        Map<String, String> reviews = reviews(wb, project, runs);
        return new RunbookState(
                root,
                project,
                runs,
                plan,
                reviews,
                checkpoints,
                journal,
                journalSize,
                asOf,
                environment,
                ConfigFiles.find(root, environment.lockfiles()),
                KeyDirectories.collect(root, runs, plan.stepOf(), checkpoints));
    }

    /** Each area's review state, read through the Stages API; "not reviewed" for an area without a stage folder. */
    private static Map<String, String> reviews(Workbench wb, ProjectState project, List<RunRecord> runs) {
        Map<String, String> staged =
                new TreeMap<>(); // one reading of every stage: artifacts and signatures checked once
        wb.stages()
                .statuses()
                .forEach(s -> staged.put(
                        s.area(), s.state().name() + (s.staleReason() == null ? "" : " (" + s.staleReason() + ")")));
        Set<String> areas = new TreeSet<>(project.areas().keySet());
        runs.stream().map(RunRecord::area).filter(Objects::nonNull).forEach(areas::add);
        areas.addAll(staged.keySet());
        Map<String, String> reviews = new TreeMap<>();
        for (String area : areas) {
            reviews.put(area, staged.getOrDefault(area, "not reviewed"));
        }
        return reviews;
    }

    boolean isEmpty() {
        return runs.isEmpty() && checkpoints.isEmpty() && journal.isEmpty() && project.revision() == 0;
    }

    static boolean failed(RunRecord run) {
        return run.unsuccessful();
    }

    static Instant orEpoch(String at) {
        Instant instant = Md.instant(at);
        return instant == null ? Instant.EPOCH : instant;
    }

    /**
     * When the state last changed: the latest activity other than writing the runbook, or of the records
     * themselves when the feed does not go back that far. Never the clock, so that the runbook of an unchanged
     * state is byte for byte the same.
     */
    private static String latest(
            List<ActivityEntry> activity,
            ProjectState project,
            List<RunRecord> runs,
            List<Checkpoint> checkpoints,
            List<JournalEntry> journal) {
        Stream<String> times = Stream.of(
                        activity.stream()
                                .filter(e -> !RunbookStatus.WRITTEN.equals(e.type()))
                                .map(ActivityEntry::at),
                        Stream.of(project.updatedAt()),
                        runs.stream().map(RunRecord::recordedAt),
                        checkpoints.stream().map(Checkpoint::createdAt),
                        journal.stream().map(JournalEntry::at))
                .flatMap(s -> s);
        return times.map(Md::instant)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .map(Instant::toString)
                .orElse(null);
    }
}
