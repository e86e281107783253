package dev.workbench.core.runbook;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a Markdown document being built. Every block ends with a blank line, so blocks can be
 * appended in any order and keep blocks can be inserted before any heading without touching their neighbours.
 */
final class MarkdownLines {
    private final List<String> lines = new ArrayList<>();

    MarkdownLines heading(int level, String text) {
        lines.add("#".repeat(level) + " " + text);
        lines.add("");
        return this;
    }

    /** A paragraph of free text, on one line. */
    MarkdownLines paragraph(String text) {
        lines.add(text);
        lines.add("");
        return this;
    }

    /** Lines of a list or table, followed by a blank line. */
    MarkdownLines block(List<String> block) {
        if (!block.isEmpty()) {
            lines.addAll(block);
            lines.add("");
        }
        return this;
    }

    /** A fenced code block; {@code text} is kept verbatim, line breaks included. */
    MarkdownLines code(String info, String text) {
        String fence = Md.fence(text);
        lines.add(fence + info);
        lines.addAll(List.of(text.split("\n", -1)));
        lines.add(fence);
        lines.add("");
        return this;
    }

    /** A table; cells are escaped by the caller with {@link Md#cell} or {@link Md#code}. */
    MarkdownLines table(List<String> header, List<List<String>> rows) {
        List<String> block = new ArrayList<>();
        block.add("| " + String.join(" | ", header) + " |");
        block.add("|" + "---|".repeat(header.size()));
        for (List<String> row : rows) {
            block.add("| " + String.join(" | ", row) + " |");
        }
        return block(block);
    }

    List<String> lines() {
        return lines;
    }
}
