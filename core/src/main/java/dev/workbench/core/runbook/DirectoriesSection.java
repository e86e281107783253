package dev.workbench.core.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The folders runs and checkpoints touched, whether they exist now and whether git tracks them. */
final class DirectoriesSection implements Section {
    @Override
    public String name() {
        return "Key directories";
    }

    @Override
    public void render(RunbookState state, MarkdownLines out) {
        out.heading(2, name());
        if (state.directories().isEmpty()) {
            out.paragraph("No run or checkpoint has touched a folder yet.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (KeyDirectories.Folder f : state.directories()) {
            rows.add(List.of(
                    Md.code(f.path().equals(".") ? "." : f.path() + "/"),
                    f.exists() ? "yes" : "no",
                    f.git(),
                    Md.cell(touchedBy(f))));
        }
        out.table(List.of("folder", "exists", "git", "touched by"), rows);
    }

    private static String touchedBy(KeyDirectories.Folder f) {
        List<String> parts = new ArrayList<>();
        if (!f.readBy().isEmpty()) {
            parts.add("read by " + steps(f.readBy()));
        }
        if (!f.writtenBy().isEmpty()) {
            parts.add("written by " + steps(f.writtenBy()));
        }
        if (!f.checkpoints().isEmpty()) {
            parts.add("checkpoint" + (f.checkpoints().size() == 1 ? " " : "s ") + String.join(", ", f.checkpoints()));
        }
        return String.join("; ", parts);
    }

    private static String steps(Set<Integer> steps) {
        return (steps.size() == 1 ? "step " : "steps ")
                + steps.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
