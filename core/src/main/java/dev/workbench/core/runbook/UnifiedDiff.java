package dev.workbench.core.runbook;

import java.util.ArrayList;
import java.util.List;

/**
 * A line-based unified diff ({@code diff -u} format, {@value #CONTEXT} lines of context). The common beginning
 * and end are set aside first, then the middle is compared with Myers' O(ND) algorithm (E. W. Myers, "An O(ND)
 * Difference Algorithm and Its Variations", Algorithmica 1, 1986), keeping only the part of each round's
 * frontier it needs, so memory grows with D², not with the file. Past {@value #MAX_EDITS} differing lines the
 * middle is shown as removed and added whole: a correct diff, only not the shortest.
 */
final class UnifiedDiff {
    static final int CONTEXT = 3;
    static final int MAX_EDITS = 2000;

    private enum Op {
        KEEP,
        DELETE,
        INSERT
    }

    private record Edit(Op op, int a, int b) {}

    private UnifiedDiff() {}

    /** The diff from {@code a} to {@code b}; empty when they are equal. A null label means the file is absent. */
    static String of(String labelA, List<String> a, String labelB, List<String> b) {
        List<Edit> script = script(a, b);
        if (script.stream().allMatch(e -> e.op() == Op.KEEP)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(labelA == null ? "/dev/null" : labelA).append('\n');
        out.append("+++ ").append(labelB == null ? "/dev/null" : labelB).append('\n');
        int i = 0;
        while (i < script.size()) {
            if (script.get(i).op() == Op.KEEP) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = hunkEnd(script, i);
            hunk(out, script.subList(start, end), a, b);
            i = end;
        }
        return out.toString();
    }

    /** The end (exclusive) of the hunk whose first change is at {@code i}: changes at most 2·CONTEXT unchanged lines apart share one. */
    private static int hunkEnd(List<Edit> script, int i) {
        int lastChange = i;
        for (int j = i; j < script.size() && j - lastChange <= 2 * CONTEXT + 1; j++) {
            if (script.get(j).op() != Op.KEEP) {
                lastChange = j;
            }
        }
        return Math.min(script.size(), lastChange + 1 + CONTEXT);
    }

    private static void hunk(StringBuilder out, List<Edit> edits, List<String> a, List<String> b) {
        int aStart = edits.get(0).a();
        int bStart = edits.get(0).b();
        int aCount = (int) edits.stream().filter(e -> e.op() != Op.INSERT).count();
        int bCount = (int) edits.stream().filter(e -> e.op() != Op.DELETE).count();
        out.append("@@ -")
                .append(range(aStart, aCount))
                .append(" +")
                .append(range(bStart, bCount))
                .append(" @@\n");
        for (Edit e : edits) {
            switch (e.op()) {
                case KEEP -> out.append(' ').append(a.get(e.a()));
                case DELETE -> out.append('-').append(a.get(e.a()));
                case INSERT -> out.append('+').append(b.get(e.b()));
            }
            out.append('\n');
        }
    }

    /** {@code diff -u} ranges: 1-based start, count left out when 1, start of the line before when empty. */
    private static String range(int start, int count) {
        if (count == 0) {
            return start + ",0";
        }
        return count == 1 ? String.valueOf(start + 1) : (start + 1) + "," + count;
    }

    /** The edit script; each edit carries the positions in a and b it stands at. */
    private static List<Edit> script(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix
                && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> script = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            script.add(new Edit(Op.KEEP, i, i));
        }
        script.addAll(
                middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), prefix, prefix));
        for (int i = suffix; i > 0; i--) {
            script.add(new Edit(Op.KEEP, a.size() - i, b.size() - i));
        }
        return script;
    }

    private static List<Edit> middle(List<String> a, List<String> b, int aOffset, int bOffset) {
        int n = a.size();
        int m = b.size();
        int max = Math.min(n + m, MAX_EDITS);
        int[] v = new int[2 * max + 3];
        int zero = max + 1;
        List<int[]> trace = new ArrayList<>();
        for (int d = 0; d <= max; d++) {
            // what round d reads of the frontier: k in [-d-1, d+1]
            int[] saved = new int[2 * d + 3];
            System.arraycopy(v, zero - d - 1, saved, 0, saved.length);
            trace.add(saved);
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || k != d && v[zero + k - 1] < v[zero + k + 1] ? v[zero + k + 1] : v[zero + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[zero + k] = x;
                if (x >= n && y >= m) {
                    return backtrack(trace, n, m, aOffset, bOffset, a, b);
                }
            }
        }
        List<Edit> whole = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            whole.add(new Edit(Op.DELETE, aOffset + i, bOffset));
        }
        for (int j = 0; j < m; j++) {
            whole.add(new Edit(Op.INSERT, aOffset + n, bOffset + j));
        }
        return whole;
    }

    private static List<Edit> backtrack(
            List<int[]> trace, int n, int m, int aOffset, int bOffset, List<String> a, List<String> b) {
        List<Edit> reversed = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = trace.size() - 1; d > 0; d--) {
            int[] v = trace.get(d);
            int zero = d + 1;
            int k = x - y;
            boolean down = k == -d || k != d && v[zero + k - 1] < v[zero + k + 1];
            int prevK = down ? k + 1 : k - 1;
            int prevX = v[zero + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                x--;
                y--;
                reversed.add(new Edit(Op.KEEP, aOffset + x, bOffset + y));
            }
            if (down) {
                reversed.add(new Edit(Op.INSERT, aOffset + x, bOffset + prevY));
            } else {
                reversed.add(new Edit(Op.DELETE, aOffset + prevX, bOffset + y));
            }
            x = prevX;
            y = prevY;
        }
        while (x > 0 && y > 0) {
            x--;
            y--;
            reversed.add(new Edit(Op.KEEP, aOffset + x, bOffset + y));
        }
        List<Edit> script = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) {
            script.add(reversed.get(i));
        }
        return script;
    }
}
