package dev.workbench.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnifiedDiffTest {
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@$");

    @Test
    void equalTexts_haveAnEmptyDiff() {
        assertThat(UnifiedDiff.of("a/x", List.of("1", "2"), "b/x", List.of("1", "2")))
                .isEmpty();
    }

    @Test
    void oneChangedLine_isShownWithThreeLinesOfContext_likeDiffU() {
        List<String> a = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9");
        List<String> b = List.of("1", "2", "3", "4", "five", "6", "7", "8", "9");
        assertThat(UnifiedDiff.of("a/x", a, "b/x", b)).isEqualTo("""
                --- a/x
                +++ b/x
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """);
    }

    @Test
    void newFile_isAddedFromDevNull() {
        assertThat(UnifiedDiff.of(null, List.of(), "b/x", List.of("a", "b"))).isEqualTo("""
                --- /dev/null
                +++ b/x
                @@ -0,0 +1,2 @@
                +a
                +b
                """);
    }

    @Test
    void distantChanges_makeSeparateHunks_closeOnesShareOne() {
        List<String> a = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            a.add(String.valueOf(i));
        }
        List<String> b = new ArrayList<>(a);
        b.set(1, "two");
        b.set(25, "twenty-six");
        assertThat(UnifiedDiff.of("a", a, "b", b))
                .containsOnlyOnce("@@ -1,5 +1,5 @@")
                .contains("@@ -23,7 +23,7 @@");
        List<String> c = new ArrayList<>(a);
        c.set(1, "two");
        c.set(8, "nine"); // six unchanged lines apart: one hunk, as diff -u makes it
        assertThat(UnifiedDiff.of("a", a, "c", c)
                        .lines()
                        .filter(l -> l.startsWith("@@"))
                        .count())
                .isEqualTo(1);
    }

    /** Whatever the two texts, applying the diff to the first gives the second. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void applyingTheDiff_givesTheNewText(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        for (int round = 0; round < 50; round++) {
            List<String> a = random(rng);
            List<String> b = rng.nextBoolean() ? random(rng) : mutate(rng, a);
            assertThat(apply(a, UnifiedDiff.of("a", a, "b", b)))
                    .as("seed %d round %d", seed, round)
                    .isEqualTo(b);
        }
    }

    @Test
    void manyDifferences_fallBackToReplacingTheMiddle_stillCorrect() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            a.add("a" + i);
            b.add("b" + i);
        }
        assertThat(apply(a, UnifiedDiff.of("a", a, "b", b))).isEqualTo(b);
    }

    private static List<String> random(UniformRandomProvider rng) {
        List<String> lines = new ArrayList<>();
        int n = rng.nextInt(40);
        for (int i = 0; i < n; i++) {
            lines.add(String.valueOf((char) ('a' + rng.nextInt(4))));
        }
        return lines;
    }

    private static List<String> mutate(UniformRandomProvider rng, List<String> a) {
        List<String> b = new ArrayList<>(a);
        for (int edits = rng.nextInt(5); edits > 0; edits--) {
            int at = rng.nextInt(b.size() + 1);
            if (rng.nextBoolean() && at < b.size()) {
                b.remove(at);
            } else {
                b.add(at, "new" + rng.nextInt(3));
            }
        }
        return b;
    }

    /** A strict patcher: context and removed lines must match exactly where the hunk header says. */
    static List<String> apply(List<String> a, String diff) {
        List<String> out = new ArrayList<>();
        int next = 0; // next line of a not yet copied
        for (String line : diff.lines().toList()) {
            Matcher hunk = HUNK.matcher(line);
            if (hunk.matches()) {
                int start = Integer.parseInt(hunk.group(1));
                int count = hunk.group(2) == null ? 1 : Integer.parseInt(hunk.group(2));
                int from = count == 0 ? start : start - 1;
                out.addAll(a.subList(next, from));
                next = from;
            } else if (line.startsWith("---") || line.startsWith("+++")) {
                continue;
            } else if (line.startsWith(" ") || line.startsWith("-")) {
                assertThat(a.get(next)).isEqualTo(line.substring(1));
                if (line.startsWith(" ")) {
                    out.add(a.get(next));
                }
                next++;
            } else if (line.startsWith("+")) {
                out.add(line.substring(1));
            }
        }
        out.addAll(a.subList(next, a.size()));
        return out;
    }
}
