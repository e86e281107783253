package dev.workbench.core.runbook;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What {@code write-runbook} did, or with {@code dryRun} would do.
 *
 * @param path     the runbook's path relative to the root
 * @param changed  whether the content differs from the file (a real write only writes when it does)
 * @param bytes    size of the new content in bytes
 * @param sections the runbook's sections, in order
 * @param diff     dry runs only: a unified diff from the file to the new content, empty when unchanged,
 *                 cut short with a "diff truncated" line when it would not fit a response
 */
public record RunbookResult(
        String path,
        boolean changed,
        long bytes,
        List<String> sections,

        @JsonPropertyDescription("dry runs only: unified diff from the current file to the new content")
        String diff) {
    public RunbookResult {
        sections = List.copyOf(sections);
    }
}
