package dev.workbench.core.runbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Text a person wrote between {@code <!-- keep -->} and {@code <!-- /keep -->} in the runbook, carried over to the
 * regenerated file. The markers may share a line with text; whole lines are kept, markers included.
 *
 * <p>A block is tracked by the heading that precedes it (any level; the title counts as one heading whatever it
 * says) and by the {@code ##} section it was in. It goes back at the end of that heading's own text, before the
 * next heading; if that heading is gone, at the end of its section; if the section is gone too, under
 * {@value #NOTES} at the end of the file. A block whose closing marker is missing ends before the next heading
 * (or the next opening marker), and gets its closing marker. Headings inside code fences and inside keep blocks
 * do not count; a block opened inside a code fence is kept all the same, and goes back outside the fence.
 */
final class KeepBlocks {
    static final String OPEN = "<!-- keep -->";
    static final String CLOSE = "<!-- /keep -->";
    static final String NOTES = "Notes kept from earlier versions";
    private static final String TITLE = "#";
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+\\S.*$");

    /** One block: its lines, the heading before it and the {@code ##} section it sat in. */
    record Block(String anchor, String section, List<String> lines) {}

    /** The merged document, and whether some blocks lost their section. */
    record Merged(List<String> lines, boolean orphans) {}

    private KeepBlocks() {}

    /** The keep blocks of an existing runbook, in file order. */
    static List<Block> parse(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        List<Block> blocks = new ArrayList<>();
        String anchor = TITLE;
        String section = TITLE;
        Fence fence = new Fence();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains(OPEN)) { // even inside a code fence: a person's text is never dropped
                int end = blockEnd(lines, i);
                List<String> block = new ArrayList<>(lines.subList(i, Math.min(end + 1, lines.size())));
                boolean closed =
                        end == i ? closesOnSameLine(line) : lines.get(end).contains(CLOSE);
                if (!closed) {
                    block = trimTrailingBlanks(block);
                    block.add(CLOSE);
                }
                blocks.add(new Block(anchor, section, block));
                i = end;
            } else if (!fence.track(line) && HEADING.matcher(line).matches()) {
                anchor = key(line);
                if (level(line) <= 2) {
                    section = anchor;
                }
            }
        }
        return blocks;
    }

    /** Index of the block's last line: its closing marker, or the line before the next heading or opening marker. */
    private static int blockEnd(List<String> lines, int open) {
        if (closesOnSameLine(lines.get(open))) {
            return open;
        }
        for (int j = open + 1; j < lines.size(); j++) {
            // An opening marker first: a line with both markers is a block of its own, not this one's end.
            if (lines.get(j).contains(OPEN)) {
                return unclosedEnd(lines, open, j);
            }
            if (lines.get(j).contains(CLOSE)) {
                return j;
            }
        }
        return unclosedEnd(lines, open, lines.size());
    }

    private static int unclosedEnd(List<String> lines, int open, int limit) {
        for (int j = open + 1; j < limit; j++) {
            if (HEADING.matcher(lines.get(j)).matches()) {
                return j - 1;
            }
        }
        return limit - 1;
    }

    private static boolean closesOnSameLine(String line) {
        return line.indexOf(CLOSE, line.indexOf(OPEN) + OPEN.length()) >= 0;
    }

    private static List<String> trimTrailingBlanks(List<String> block) {
        List<String> trimmed = new ArrayList<>(block);
        while (trimmed.size() > 1 && trimmed.get(trimmed.size() - 1).isBlank()) {
            trimmed.remove(trimmed.size() - 1);
        }
        return trimmed;
    }

    /** Puts {@code blocks} into the generated lines (whose blocks all end with a blank line). */
    static Merged merge(List<String> generated, List<Block> blocks) {
        List<int[]> headings = headings(generated); // {index, level}
        Map<Integer, List<Block>> inserts = new LinkedHashMap<>();
        List<Block> orphans = new ArrayList<>();
        for (Block block : blocks) {
            int at = position(generated, headings, block);
            if (at < 0) {
                orphans.add(block);
            } else {
                inserts.computeIfAbsent(at, k -> new ArrayList<>()).add(block);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= generated.size(); i++) {
            for (Block block : inserts.getOrDefault(i, List.of())) {
                out.addAll(block.lines());
                out.add("");
            }
            if (i < generated.size()) {
                out.add(generated.get(i));
            }
        }
        if (!orphans.isEmpty()) {
            out.add("## " + NOTES);
            out.add("");
            out.add("These notes were kept under headings the runbook no longer has; move them where they belong.");
            out.add("");
            for (Block block : orphans) {
                out.addAll(block.lines());
                out.add("");
            }
        }
        return new Merged(out, !orphans.isEmpty());
    }

    private static int position(List<String> generated, List<int[]> headings, Block block) {
        for (int h = 0; h < headings.size(); h++) {
            if (key(generated.get(headings.get(h)[0])).equals(block.anchor())) {
                return h + 1 < headings.size() ? headings.get(h + 1)[0] : generated.size();
            }
        }
        for (int h = 0; h < headings.size(); h++) {
            if (headings.get(h)[1] <= 2
                    && key(generated.get(headings.get(h)[0])).equals(block.section())) {
                for (int next = h + 1; next < headings.size(); next++) {
                    if (headings.get(next)[1] <= 2) {
                        return headings.get(next)[0];
                    }
                }
                return generated.size();
            }
        }
        return -1;
    }

    private static List<int[]> headings(List<String> lines) {
        List<int[]> headings = new ArrayList<>();
        Fence fence = new Fence();
        for (int i = 0; i < lines.size(); i++) {
            if (!fence.track(lines.get(i)) && HEADING.matcher(lines.get(i)).matches()) {
                headings.add(new int[] {i, level(lines.get(i))});
            }
        }
        return headings;
    }

    private static String key(String heading) {
        return level(heading) == 1 ? TITLE : heading.strip();
    }

    private static int level(String heading) {
        int level = 0;
        while (level < heading.length() && heading.charAt(level) == '#') {
            level++;
        }
        return level;
    }

    /** Markers in generated text (a command that prints one, say) are defused so they never start a block. */
    static String defuse(String line) {
        return line.replace(OPEN, "<!-- keep -- >").replace(CLOSE, "<!-- /keep -- >");
    }

    /** Tracks fenced code blocks ({@code ```} or {@code ~~~}, three or more) line by line. */
    private static final class Fence {
        private String marker;

        /** @return whether {@code line} is part of a fence (its opening, content or closing line) */
        boolean track(String line) {
            String t = line.strip();
            if (marker == null) {
                if (t.startsWith("```") || t.startsWith("~~~")) {
                    char c = t.charAt(0);
                    int n = 0;
                    while (n < t.length() && t.charAt(n) == c) {
                        n++;
                    }
                    marker = String.valueOf(c).repeat(n);
                    return true;
                }
                return false;
            }
            if (t.startsWith(marker) && t.chars().allMatch(ch -> ch == marker.charAt(0))) {
                marker = null;
            }
            return true;
        }
    }
}
