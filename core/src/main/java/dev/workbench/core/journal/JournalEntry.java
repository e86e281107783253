package dev.workbench.core.journal;

import java.util.List;

/**
 * One entry of the decision log: a numbered, timestamped decision. {@code kind} is absent for decisions an
 * agent logged and names what the workbench recorded otherwise ({@code rollback}).
 */
public record JournalEntry(
        long id,
        String at,
        String kind,
        String context,
        List<String> options,
        String chosen,
        String rationale,
        String area,
        String experiment) {}
