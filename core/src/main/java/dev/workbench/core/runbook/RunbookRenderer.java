package dev.workbench.core.runbook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Renders the state into Markdown, section by section, and carries over the keep blocks of the previous file. */
final class RunbookRenderer {
    /** The first line of every runbook: how it is made and how to keep one's own text in it. */
    static final String RULE = "<!-- Derived from .aw/ by write-runbook, which rewrites this file: only text you "
            + "wrap in the comments \"keep\" and \"/keep\" (written like this one, each on its own line) survives, "
            + "in its section; when that section is gone it moves to the end. -->";

    private static final List<Section> SECTIONS = List.of(
            new SummarySection(),
            new PrerequisitesSection(),
            new PipelineSection(),
            new StepsSection(),
            new ConfigurationSection(),
            new DirectoriesSection(),
            new TroubleshootingSection());

    /** The new file's text and the names of its sections. */
    record Rendered(String text, List<String> sections) {
        byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    private RunbookRenderer() {}

    /** @param previous the current file's text, or null when there is none */
    static Rendered render(RunbookState state, String previous) {
        MarkdownLines out = new MarkdownLines();
        out.paragraph(RULE);
        List<String> names = new ArrayList<>();
        for (Section section : SECTIONS) {
            section.render(state, out);
            names.add(section.name());
        }
        List<String> generated = out.lines().stream().map(KeepBlocks::defuse).toList();
        KeepBlocks.Merged merged =
                KeepBlocks.merge(generated, previous == null ? List.of() : KeepBlocks.parse(previous));
        if (merged.orphans()) {
            names.add(KeepBlocks.NOTES);
        }
        return new Rendered(join(merged.lines()), names);
    }

    /** Lines joined with '\n', ending in exactly one line break. */
    private static String join(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return String.join("\n", lines.subList(0, end)) + "\n";
    }
}
