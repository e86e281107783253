package dev.workbench.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.journal.JournalEntry;
import dev.workbench.core.project.ActivityEntry;
import dev.workbench.core.store.EventLogs.Log;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every back end's {@link EventLogs} does, in the services' terms: entries come back in the order they were
 * appended, counted, from the end. A back end passes by subclassing this with its {@link #open}.
 */
public abstract class EventLogsContract {
    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.089Z"), ZoneOffset.UTC);

    @TempDir
    protected Path root;

    /** A back end for {@code root}; opened twice on one root, both see the same records (two processes). */
    protected abstract Backend open(Path root, Clock clock);

    protected static ActivityEntry activity(int i) {
        String detail = i % 2 == 0 ? null : "detail " + i;
        return new ActivityEntry("2026-03-04T05:06:07.089Z", "test.step", "Step " + i, detail);
    }

    protected static JournalEntry decision(long id) {
        return new JournalEntry(
                id,
                "2026-03-04T05:06:07.089Z",
                id == 1 ? null : "rollback",
                "context " + id,
                List.of("a", "b"),
                "b",
                "because",
                id == 1 ? "cleaning" : null,
                null);
    }

    @Test
    void aLogNeverWritten_isEmpty_countsZero_andRecordsNothing() {
        Backend backend = open(root, CLOCK);
        for (Log log : Log.values()) {
            assertThat(backend.events().count(log)).isZero();
            assertThat(backend.events().tail(log, 10, ActivityEntry.class)).isEmpty();
        }
        assertThat(backend.initialized()).isFalse();
    }

    @Test
    void append_thenTail_givesTheEntriesBackOldestFirst_asAppended() {
        EventLogs events = open(root, CLOCK).events();
        List<ActivityEntry> appended = IntStream.rangeClosed(1, 5)
                .mapToObj(EventLogsContract::activity)
                .toList();
        appended.forEach(e -> events.append(Log.ACTIVITY, e));
        assertThat(events.count(Log.ACTIVITY)).isEqualTo(5);
        assertThat(events.tail(Log.ACTIVITY, 10, ActivityEntry.class)).containsExactlyElementsOf(appended);
        assertThat(events.tail(Log.ACTIVITY, 2, ActivityEntry.class)).containsExactly(appended.get(3), appended.get(4));
        assertThat(events.tail(Log.ACTIVITY, 0, ActivityEntry.class)).isEmpty();
    }

    @Test
    void everyFieldOfAnEntry_comesBack_absentOnesAsNull() {
        EventLogs events = open(root, CLOCK).events();
        events.append(Log.JOURNAL, decision(1));
        events.append(Log.JOURNAL, decision(2));
        assertThat(events.tail(Log.JOURNAL, 2, JournalEntry.class)).containsExactly(decision(1), decision(2));
    }

    @Test
    void theLogsAreSeparate() {
        EventLogs events = open(root, CLOCK).events();
        events.append(Log.JOURNAL, decision(1));
        events.append(Log.ACTIVITY, activity(1));
        events.append(Log.ACTIVITY, activity(2));
        assertThat(events.count(Log.JOURNAL)).isEqualTo(1);
        assertThat(events.count(Log.ACTIVITY)).isEqualTo(2);
        assertThat(events.tail(Log.JOURNAL, 10, JournalEntry.class)).containsExactly(decision(1));
    }

    @Test
    void tail_ofALongLog_readsOnlyTheLastEntries_inOrder() {
        EventLogs events = open(root, CLOCK).events();
        String pad = "x".repeat(1000); // entries larger than any read-ahead, so the tail spans many chunks
        open(root, CLOCK).transactions().transaction(() -> {
            for (int i = 0; i < 300; i++) {
                events.append(Log.ACTIVITY, new ActivityEntry("t", "test.step", "Step " + i, pad));
            }
        });
        List<ActivityEntry> last = events.tail(Log.ACTIVITY, 120, ActivityEntry.class);
        assertThat(last).hasSize(120);
        assertThat(last.get(0).title()).isEqualTo("Step 180");
        assertThat(last.get(119).title()).isEqualTo("Step 299");
        assertThat(events.count(Log.ACTIVITY)).isEqualTo(300);
    }

    /** Two back ends on one root stand for two processes: each sees what the other appended, in order. */
    @Test
    void appendsFromTwoBackendsOnOneRoot_areSeenByBoth_inOrder() {
        EventLogs first = open(root, CLOCK).events();
        EventLogs second = open(root, CLOCK).events();
        for (int i = 1; i <= 6; i++) {
            (i % 2 == 0 ? second : first).append(Log.ACTIVITY, activity(i));
            assertThat(first.count(Log.ACTIVITY)).isEqualTo(i);
            assertThat(second.count(Log.ACTIVITY)).isEqualTo(i);
        }
        assertThat(first.tail(Log.ACTIVITY, 6, ActivityEntry.class))
                .extracting(ActivityEntry::title)
                .containsExactly("Step 1", "Step 2", "Step 3", "Step 4", "Step 5", "Step 6");
        assertThat(open(root, CLOCK).initialized()).isTrue();
    }
}
