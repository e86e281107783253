package dev.workbench.core.runbook;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.provenance.Environment;
import dev.workbench.core.provenance.EnvironmentSnapshot;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.workspace.AtomicFile;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code write-runbook} (CONTRACT section 5): derives a Markdown runbook from the recorded state and writes it
 * to {@value RunbookStatus#FILE} at the root, or to another {@code .md} file inside it.
 *
 * <ul>
 *   <li>Deterministic: the text depends on the recorded state, the configuration files and runtimes found, and
 *       the keep blocks of the current file; never on the clock. When it equals the file, nothing is written
 *       and no activity is logged ({@code changed: false}).</li>
 *   <li>A real write replaces the file atomically and appends one {@value RunbookStatus#WRITTEN} activity
 *       entry, inside a store transaction so it is serialised with other writers of the state.</li>
 *   <li>A dry run writes nothing and returns a unified diff, cut to fit a response.</li>
 * </ul>
 */
public final class RunbookWriter {
    private final Workbench wb;

    public RunbookWriter(Workbench wb) {
        this.wb = wb;
    }

    /**
     * @param path   where to write, relative to the root; null for {@value RunbookStatus#FILE}
     * @param dryRun compute and diff only
     * @throws dev.workbench.core.WorkbenchException {@code PATH_OUTSIDE_ROOT} for a path leaving the root,
     *                                               {@code INVALID_INPUT} for one that is not a {@code .md} file
     *                                               or lies in {@code .aw/} or {@code .git/}
     */
    public RunbookResult write(String path, boolean dryRun) {
        RunbookTarget target = RunbookTarget.resolve(wb.store(), path);
        // Asking runtimes for their versions can take seconds: never while holding the lock.
        EnvironmentSnapshot environment = environment();
        if (dryRun) {
            return dryRun(target, environment);
        }
        boolean[] wrote = {false};
        return wb.store().transaction(() -> {
            byte[] before = ours(target, target.read());
            RunbookRenderer.Rendered rendered =
                    RunbookRenderer.render(RunbookState.read(wb, environment), text(before));
            byte[] after = rendered.bytes();
            // wrote[0]: this body already ran once and wrote before the store asked to run it again under the lock
            boolean changed = wrote[0] || !Arrays.equals(before, after);
            if (changed) {
                AtomicFile.write(target.file(), after);
                wrote[0] = true;
                wb.activity()
                        .append(
                                RunbookStatus.WRITTEN,
                                "Runbook written: " + target.relative() + " (" + after.length + " bytes)",
                                String.join(", ", rendered.sections()));
            }
            return new RunbookResult(target.relative(), changed, after.length, rendered.sections(), null);
        });
    }

    private RunbookResult dryRun(RunbookTarget target, EnvironmentSnapshot environment) {
        byte[] before = ours(target, target.read());
        RunbookRenderer.Rendered rendered = RunbookRenderer.render(RunbookState.read(wb, environment), text(before));
        byte[] after = rendered.bytes();
        String diff = UnifiedDiff.of(
                before == null ? null : "a/" + target.relative(),
                lines(text(before)),
                "b/" + target.relative(),
                lines(rendered.text()));
        RunbookResult result = new RunbookResult(
                target.relative(), !Arrays.equals(before, after), after.length, rendered.sections(), diff);
        return ResponseBudget.fitsTool(result) ? result : truncated(result, diff);
    }

    /** The result with the longest prefix of the diff (whole lines) that keeps the response within budget. */
    private static RunbookResult truncated(RunbookResult result, String diff) {
        List<String> lines = diff.lines().toList();
        int low = 0;
        int high = lines.size();
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (ResponseBudget.fitsTool(withDiff(result, lines, mid))) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return withDiff(result, lines, low);
    }

    private static RunbookResult withDiff(RunbookResult result, List<String> lines, int shown) {
        String diff = String.join("\n", lines.subList(0, shown)) + "\n... diff truncated: " + shown + " of "
                + lines.size() + " lines shown; write the runbook and compare the files for the rest\n";
        return new RunbookResult(result.path(), result.changed(), result.bytes(), result.sections(), diff);
    }

    /**
     * The existing file, if write-runbook wrote it (its first line is the rule it writes); a file written by
     * a person (a hand-made runbook.md, a README) is never overwritten.
     */
    private static byte[] ours(RunbookTarget target, byte[] existing) {
        if (existing != null && !text(existing).startsWith(RunbookRenderer.RULE.substring(0, 40))) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "path: " + target.relative() + " exists and was not"
                            + " written by write-runbook; give another path, or move the file away (text to keep can then go"
                            + " between <!-- keep --> and <!-- /keep --> in the generated runbook)");
        }
        return existing;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().toList();
    }

    /**
     * The environment the runbook describes: the one recorded with the latest run, so that writing the runbook
     * again with no new state gives the same bytes in any process (a runtime whose version command was slow
     * once must not come and go); the machine's own only before any run was recorded.
     */
    private EnvironmentSnapshot environment() {
        List<RunRecord> runs = wb.runs().all();
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (runs.get(i).environment() != null) {
                return runs.get(i).environment();
            }
        }
        return Environment.capture(wb.backend().root());
    }
}
