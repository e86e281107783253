package dev.workbench.resources;

import dev.workbench.core.Workbench;
import dev.workbench.core.journal.JournalEntry;
import dev.workbench.core.store.Change;
import java.util.List;
import java.util.stream.Stream;

/** {@code aw://journal}: the decisions logged, newest last, as Markdown. */
final class JournalView implements ResourceView {
    static final String URI = "aw://journal";
    private static final ResourceInfo INFO =
            new ResourceInfo(URI, "journal", "Decision journal", "The decisions logged, newest last.", Render.MARKDOWN);

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        return new ResourceContent(uri.uri(), Render.MARKDOWN, Render.fit(n -> journal(wb, n)));
    }

    private static String journal(Workbench wb, int max) {
        List<JournalEntry> entries = wb.journal().recent(max);
        long total = wb.journal().count();
        StringBuilder md = new StringBuilder("# Decision journal\n\n");
        if (entries.isEmpty()) {
            return md.append("No decisions logged yet (log-decision adds one).\n")
                    .toString();
        }
        if (total > entries.size()) {
            md.append("_The last ")
                    .append(entries.size())
                    .append(" of ")
                    .append(total)
                    .append(" decisions; all are in .aw/journal.jsonl._\n\n");
        }
        for (JournalEntry e : entries) {
            md.append("## ")
                    .append(e.id())
                    .append(". ")
                    .append(e.kind() == null ? "" : e.kind() + ": ")
                    .append(e.chosen())
                    .append("\n\n");
            md.append("- **When:** ").append(e.at()).append('\n');
            if (e.area() != null) md.append("- **Area:** ").append(e.area()).append('\n');
            if (e.experiment() != null)
                md.append("- **Experiment:** ").append(e.experiment()).append('\n');
            md.append("- **Context:** ").append(e.context()).append('\n');
            md.append("- **Options:** ").append(String.join("; ", e.options())).append('\n');
            md.append("- **Rationale:** ").append(e.rationale()).append("\n\n");
        }
        return md.toString();
    }

    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return change.kind() == Change.Kind.JOURNAL ? Stream.of(URI) : Stream.empty();
    }
}
