package dev.workbench.core.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.journal.JournalEntry;
import dev.workbench.core.project.ActivityEntry;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.EventLogs;
import dev.workbench.core.store.EventLogs.Log;
import dev.workbench.core.store.EventLogsContract;
import dev.workbench.core.workspace.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileEventLogsTest extends EventLogsContract {
    @Override
    protected Backend open(Path root, Clock clock) {
        return new FileBackend(new Store(root, clock));
    }

    @Test
    void eachEntry_isOneJsonLine_ofItsFileUnderAw_withoutAbsentFields() throws Exception {
        EventLogs events = open(root, CLOCK).events();
        events.append(Log.ACTIVITY, new ActivityEntry("2026-03-04T05:06:07.089Z", "data.cleaned", "Cleaned", null));
        events.append(Log.JOURNAL, decision(1));
        assertThat(Files.readString(root.resolve(".aw/activity.jsonl")))
                .isEqualTo("{\"at\":\"2026-03-04T05:06:07.089Z\",\"type\":\"data.cleaned\",\"title\":\"Cleaned\"}\n");
        assertThat(Files.readString(root.resolve(".aw/journal.jsonl")))
                .isEqualTo(
                        "{\"id\":1,\"at\":\"2026-03-04T05:06:07.089Z\",\"context\":\"context 1\",\"options\":[\"a\",\"b\"],"
                                + "\"chosen\":\"b\",\"rationale\":\"because\",\"area\":\"cleaning\"}\n");
    }

    /**
     * A line torn by a crash is skipped by readers but still counted (so no number is given twice), and the next
     * append closes it off first, so the new entry stays whole.
     */
    @Test
    void aTornLastLine_isSkipped_counted_andClosedOffByTheNextAppend() throws Exception {
        EventLogs events = open(root, CLOCK).events();
        events.append(Log.JOURNAL, decision(1));
        Files.writeString(root.resolve(".aw/journal.jsonl"), "{\"id\": 2, \"con", StandardOpenOption.APPEND);
        assertThat(events.tail(Log.JOURNAL, 10, JournalEntry.class)).containsExactly(decision(1));
        assertThat(events.count(Log.JOURNAL)).isEqualTo(1);
        events.append(Log.JOURNAL, decision(3));
        assertThat(events.tail(Log.JOURNAL, 10, JournalEntry.class)).containsExactly(decision(1), decision(3));
        assertThat(events.count(Log.JOURNAL)).isEqualTo(3);
        assertThat(Files.readAllLines(root.resolve(".aw/journal.jsonl"))).hasSize(3);
    }

    @Test
    void fileNames_areTheOnesPeopleAndResourcesKnow() {
        assertThat(List.of(Log.values()))
                .extracting(FileEventLogs::file)
                .containsExactly("journal.jsonl", "activity.jsonl");
    }
}
