package dev.workbench.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.CheckpointName;
import dev.workbench.core.checkpoint.Checkpoints;
import dev.workbench.core.store.Change;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code aw://checkpoints/{name}}: one checkpoint's manifest, by name ({@code 02_cleaned}) or number ({@code 02},
 * {@code 2}), its file list cut to fit the response limit (the whole list is in the file).
 */
final class CheckpointView implements ResourceView {
    static final String TEMPLATE = "aw://checkpoints/{name}";
    private static final String PREFIX = "aw://checkpoints/";
    private static final ResourceInfo INFO = new ResourceInfo(
            TEMPLATE,
            "checkpoint",
            "Checkpoint manifest",
            "One checkpoint's manifest by name (e.g. 02_cleaned).",
            Render.JSON);

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public List<String> check(List<String> variables) {
        return List.of(canonical(Checkpoints.checkRef(variables.get(0))));
    }

    /** A checkpoint number in one of the two forms changes are reported under: {@code 2} or {@code 02}. */
    private static String canonical(String ref) {
        if (ref.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(ref);
            if (!ref.equals(Integer.toString(n)) && !ref.equals(String.format("%02d", n))) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "checkpoint: write the number as " + n + " or " + String.format("%02d", n) + ", got " + ref);
            }
        }
        return ref;
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        return new ResourceContent(
                uri.uri(), Render.JSON, manifest(wb.checkpoints().get(uri.variable(0))));
    }

    private static String manifest(Checkpoint c) {
        return Render.fit(n -> {
            if (n >= c.entries().size()) {
                return Render.pretty(c);
            }
            ObjectNode out = (ObjectNode) Json.toTree(c);
            out.set("entries", Json.toTree(c.entries().subList(0, n)));
            out.put("entriesShown", n);
            out.put("entriesTotal", c.entries().size());
            out.put("more", "the full list is in .aw/checkpoints/" + c.name() + ".json");
            return Render.pretty(out);
        });
    }

    /** A checkpoint is read by name and by number ({@code 02_cleaned}, {@code 02}, {@code 2}). */
    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        if (change.kind() != Change.Kind.CHECKPOINT) {
            return Stream.empty();
        }
        String name = change.key();
        Stream<String> byName = Check.isWord(name) ? Stream.of(PREFIX + name) : Stream.empty();
        Stream<String> byNumber = CheckpointName.parse(name).stream()
                .flatMap(n -> Stream.of(PREFIX + String.format("%02d", n.number()), PREFIX + n.number()));
        return Stream.concat(byName, byNumber).distinct();
    }
}
