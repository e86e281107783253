package dev.workbench.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.workbench.core.Workbench;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.run.RunRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbook reproduces the work: a project is replayed with real commands (a checkpoint, a bad step that
 * truncates the data, a rollback, a command that changes nothing, then the real steps, one of them a sweep), the
 * runbook's numbered commands are run in a fresh copy of the project as it was before any step, and the files come
 * out byte for byte the same.
 */
class RunbookReplayTest {
    @TempDir
    Path root;

    @TempDir
    Path initial;

    @TempDir
    Path fresh;

    private static final String MAE = """
            import csv, sys
            rows = list(csv.DictReader(open("data/days.csv")))
            values = [float(r["value"]) for r in rows]
            mean = sum(values) / len(values)
            mae = sum(abs(v - mean) for v in values) / len(values)
            import os
            os.makedirs("out", exist_ok=True)
            open("out/mae.txt", "w").write("days=%d mae=%.4f\\n" % (len(values), mae))
            """;
    private static final String FIT = """
            import csv, sys, os
            alpha = float(sys.argv[sys.argv.index("--alpha") + 1])
            rows = list(csv.DictReader(open("data/days.csv")))
            level = float(rows[0]["value"])
            err = 0.0
            for r in rows[1:]:
                v = float(r["value"])
                err += abs(v - level)
                level = alpha * v + (1 - alpha) * level
            os.makedirs("out", exist_ok=True)
            open("out/fit_%s.txt" % sys.argv[sys.argv.index("--alpha") + 1], "w").write("alpha=%s mae=%.4f\\n" % (alpha, err / (len(rows) - 1)))
            """;

    @Test
    void replayedProject_runbookCommandsInAFreshCopy_giveTheSameFiles() throws Exception {
        sh(root, "git init -q . && git config user.email t@example.org && git config user.name t");
        StringBuilder days = new StringBuilder("day,value\n");
        for (int d = 1; d <= 365; d++) {
            days.append(d).append(',').append((d * 37 % 101) / 10.0).append('\n');
        }
        write("data/days.csv", days.toString());
        write("scripts/mae.py", MAE);
        write("scripts/fit.py", FIT);
        write("requirements.txt", "# the standard library only\n");
        sh(root, "git add -A && git commit -qm start");
        copyTree(root, initial); // the project before any step

        Workbench wb = new Workbench(root);
        wb.checkpoints().create(List.of("data"), "raw", "as delivered", "cleaning");
        // the bad step: it keeps 221 days of 365
        RunRecord bad = run(
                wb,
                "sh -c 'head -n 222 data/days.csv > data/days.tmp && mv data/days.tmp data/days.csv'",
                "cleaning",
                List.of(),
                List.of("data/days.csv"),
                Map.of());
        assertThat(Files.readAllLines(root.resolve("data/days.csv"))).hasSize(222);
        wb.rollback().rollback("01", null, false, "the cut dropped 144 days");
        assertThat(Files.readAllLines(root.resolve("data/days.csv"))).hasSize(366);

        RunRecord timing = run(wb, "echo timing", null, List.of(), List.of(), Map.of());
        run(wb, "python3 scripts/mae.py", "modelling", List.of("data/days.csv"), List.of("out/mae.txt"), Map.of());
        for (String alpha : List.of("0.1", "0.5", "0.9")) {
            run(
                    wb,
                    "python3 scripts/fit.py --alpha " + alpha,
                    "modelling",
                    List.of("data/days.csv"),
                    List.of("out/fit_" + alpha + ".txt"),
                    Map.of("alpha", JsonNodeFactory.instance.numberNode(Double.parseDouble(alpha))));
        }
        RunRecord again = run(
                wb, "python3 scripts/mae.py", "modelling", List.of("data/days.csv"), List.of("out/mae.txt"), Map.of());
        run(
                wb,
                "sh -c 'cat out/mae.txt out/fit_*.txt > out/report.txt'",
                "reporting",
                List.of("out"),
                List.of("out/report.txt"),
                Map.of());

        new RunbookWriter(wb).write(null, false);
        String md = Files.readString(root.resolve("runbook.md"));

        assertThat(md).contains("The runs make 3 steps; 1 undone by a rollback; 2 changed nothing tracked.");
        // what the runbook says of the runs that are no step
        String steps = section(md, "## Steps");
        assertThat(steps).doesNotContain("```sh\nsh -c 'head -n 222").doesNotContain("```sh\necho timing");
        assertThat(steps)
                .contains(
                        "- `sh -c 'head -n 222 data/days.csv > data/days.tmp && mv data/days.tmp data/days.csv'` (run `"
                                + bad.id() + "`, area `cleaning`, recorded " + bad.recordedAt()
                                + ") — undone by the rollback to 01_raw at ")
                .contains("(safety checkpoint 02_pre-rollback-to-01)");
        assertThat(steps)
                .contains(
                        "- `echo timing` (run `" + timing.id() + "`",
                        "- `python3 scripts/mae.py` (run `" + again.id() + "`");
        assertThat(steps).contains("### Step 2 (modelling) — `python3 scripts/fit.py` — 3 runs");
        // out/ is written by the steps and not kept by git: a fresh clone has to make it first
        assertThat(steps)
                .contains("first create the folders the steps write to that git does not keep:\n\n"
                        + "```sh\nmkdir -p out\n```");

        // prerequisites: what the runs invoked, with the recorded version; not everything on the machine
        String prerequisites = section(md, "## Prerequisites");
        String python = bad.environment().runtimes().get("python3");
        assertThat(prerequisites)
                .contains("| `python3` | " + (python == null ? "not recorded" : Md.cell(python)) + " | 1, 2 |")
                .contains("The steps also call `cat`, `sh`")
                .contains("`requirements.txt`");
        for (String runtime : bad.environment().runtimes().keySet()) {
            if (!runtime.equals("python3")) {
                assertThat(prerequisites)
                        .as("found on the machine, not invoked")
                        .doesNotContain("`" + runtime + "`");
            }
        }

        // follow the runbook in a fresh copy of the project as it was before any step
        List<String> blocks = numberedCommands(md);
        assertThat(blocks).hasSize(3);
        copyTree(initial, fresh);
        sh(fresh, "mkdir -p out");
        for (String block : blocks) {
            sh(fresh, block);
        }
        assertThat(files(fresh))
                .isEqualTo(files(root).entrySet().stream()
                        .filter(e -> !e.getKey().equals("runbook.md"))
                        .collect(TreeMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), TreeMap::putAll));
        assertThat(Files.readString(fresh.resolve("out/mae.txt"))).startsWith("days=365 ");
    }

    /** The code blocks of the steps "### Step N", in order, checking that N counts 1, 2, 3, ... */
    static List<String> numberedCommands(String md) {
        Matcher m = Pattern.compile("(?m)^### Step (\\d+)\\b.*\\n(?:(?!^#)[\\s\\S])*?^(`{3,})sh\\n([\\s\\S]*?)\\n\\2$")
                .matcher(md);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(blocks.size() + 1);
            blocks.add(m.group(3));
        }
        return blocks;
    }

    private RunRecord run(
            Workbench wb,
            String command,
            String area,
            List<String> inputs,
            List<String> outputs,
            Map<String, JsonNode> params)
            throws Exception {
        long start = System.nanoTime();
        int exit = sh(root, command);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return wb.runs().record(new RunRequest(command, area, null, exit, ms, inputs, outputs, params, null, null));
    }

    private static int sh(Path dir, String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-ec", script)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        assertThat(exit).as("%s in %s: %s", script, dir, output).isZero();
        return exit;
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Every file under {@code dir} but .aw/ and .git/, by relative path, with its bytes as text (hex-safe). */
    private static TreeMap<String, String> files(Path dir) throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (!rel.startsWith(".aw/") && !rel.startsWith(".git/")) {
                    files.put(rel, HexFormat.of().formatHex(Files.readAllBytes(f)));
                }
            }
        }
        return files;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                String rel = from.relativize(p).toString();
                if (rel.startsWith(".aw") || rel.startsWith(".git")) {
                    continue;
                }
                Path target = to.resolve(rel);
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static String section(String md, String heading) {
        int start = md.indexOf("\n" + heading + "\n");
        int end = md.indexOf("\n## ", start + heading.length() + 2);
        return md.substring(start + 1, end < 0 ? md.length() : end + 1);
    }
}
