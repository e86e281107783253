package dev.workbench.core.runbook;

import dev.workbench.core.project.AreaState;
import dev.workbench.core.project.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An ASCII diagram: per area, its checkpoints and runs in the order they happened, wrapped at 100 columns. */
final class PipelineSection implements Section {
    static final int WIDTH = 100;
    private static final String ARROW = " --> ";

    @Override
    public String name() {
        return "Pipeline overview";
    }

    @Override
    public void render(RunbookState state, MarkdownLines out) {
        out.heading(2, name());
        Map<String, List<PipelineLanes.Event>> lanes = PipelineLanes.of(state);
        List<String> idle = state.project().areas().keySet().stream()
                .filter(a -> !lanes.containsKey(a))
                .toList();
        if (lanes.isEmpty()) {
            out.paragraph("Nothing recorded yet: no runs or checkpoints"
                    + (idle.isEmpty()
                            ? "."
                            : " in the areas "
                                    + String.join(
                                            ", ", idle.stream().map(Md::code).toList()) + "."));
            return;
        }
        out.paragraph("Per area, in the order they happened: checkpoints as `[NN_name]`, steps as `(#step command)`, "
                + "runs a rollback undid as `(undone: command)`; `-->` means \"then\". Checkpoints taken without an area "
                + "are in the lane without an area.");
        List<String> diagram = new ArrayList<>();
        lanes.forEach((area, events) -> {
            if (!diagram.isEmpty()) {
                diagram.add("");
            }
            diagram.add(title(state, area, lanes.size()));
            diagram.addAll(wrap(events.stream().map(PipelineLanes.Event::label).toList()));
        });
        for (String area : idle) {
            diagram.add("");
            diagram.add(title(state, area, lanes.size()));
            diagram.add("  (nothing recorded yet)");
        }
        out.code("text", String.join("\n", diagram));
    }

    private static String title(RunbookState state, String area, int lanes) {
        if (area.equals(PipelineLanes.NO_AREA)) {
            return lanes == 1 ? "all work (no area given)" : "no area";
        }
        AreaState s = state.project().areas().get(area);
        if (s == null || s.mode() == null) {
            return "area " + area;
        }
        return "area " + area + " (" + mode(s.mode()) + (s.nextMode() == null ? "" : ", next: " + mode(s.nextMode()))
                + ")";
    }

    private static String mode(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /** Boxes joined by arrows, a new line whenever the next one would pass {@link #WIDTH}. */
    static List<String> wrap(List<String> boxes) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < boxes.size(); i++) {
            String box = boxes.get(i);
            if (i == 0) {
                line.append(box);
            } else if (line.length() + ARROW.length() + box.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder("  -->").append(' ').append(box);
            } else {
                line.append(ARROW).append(box);
            }
        }
        lines.add(line.toString());
        return lines;
    }
}
