package dev.workbench.core.journal;

import java.util.List;

/** One line of {@code .aw/journal.jsonl}: a numbered, timestamped decision. */
public record JournalEntry(long id, String at, String context, List<String> options, String chosen, String rationale,
                           String area, String experiment) {}
