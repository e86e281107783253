package dev.workbench.page;

import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the views of several experiments read alike, read once for one rendering: the experiments' records (which
 * name their parents) and the latest journal entries. The report renders a hundred experiments from one; a served page
 * builds a fresh one per request, so nothing is kept across requests and a live page always shows the store as it is.
 * Alone, a served view asks only for its own children: they are then found by scanning the records' bytes for the
 * slug, parsing only those that hold it, instead of binding every record.
 */
final class ExperimentReading {
    private final Workbench wb;
    private Map<String, Experiment> records;
    private Map<String, List<Experiment>> children;
    private List<JournalEntry> journal;
    private long journalTotal;

    ExperimentReading(Workbench wb) {
        this.wb = wb;
    }

    /** Every readable experiment record by slug, in the order of the slugs; read on the first call. */
    Map<String, Experiment> records() {
        if (records == null) {
            records = new LinkedHashMap<>();
            for (String slug : wb.experiments().slugs()) {
                try {
                    wb.experiments().find(slug).ifPresent(e -> records.put(slug, e));
                } catch (WorkbenchException unreadable) {
                    // its own view says what is wrong with it
                }
            }
        }
        return records;
    }

    /** The experiments that name {@code slug} as their parent, in the order of the slugs. */
    List<Experiment> children(String slug) {
        if (records == null) {
            return scan(slug);
        }
        if (children == null) {
            children = new HashMap<>();
            for (Experiment e : records.values()) {
                if (e.parent() != null) {
                    children.computeIfAbsent(e.parent(), p -> new ArrayList<>()).add(e);
                }
            }
        }
        return children.getOrDefault(slug, List.of());
    }

    private List<Experiment> scan(String slug) {
        List<Experiment> found = new ArrayList<>();
        byte[] named = ("\"" + slug + "\"").getBytes(StandardCharsets.UTF_8);
        for (String other : wb.experiments().slugs()) {
            try {
                if (other.equals(slug)
                        || !wb.backend()
                                .experiments()
                                .storedBytes(other)
                                .map(b -> ExperimentView.contains(b, named))
                                .orElse(false)) {
                    continue;
                }
                Optional<Experiment> child = wb.experiments().find(other).filter(c -> slug.equals(c.parent()));
                child.ifPresent(found::add);
            } catch (WorkbenchException unreadable) {
                // the experiments list names a damaged record with its problem; it links to nothing here
            }
        }
        return found;
    }

    /** The latest {@code look} journal entries, oldest first; read on the first call. */
    List<JournalEntry> journal(int lookBack) {
        if (journal == null) {
            journalTotal = wb.journal().count();
            journal = wb.journal().recent((int) Math.min(journalTotal, lookBack));
        }
        return journal;
    }

    /** How many journal entries there are, as counted when {@link #journal} read them. */
    long journalTotal() {
        return journalTotal;
    }
}
