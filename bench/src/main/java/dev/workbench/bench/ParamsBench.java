package dev.workbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.core.capture.RunParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark, not a test: what finding a run's params and metrics ({@link RunParams}) adds to a recording hook.
 * Cold numbers are the first call in a fresh JVM whose Jackson is already warm (as in a hook, which has parsed its
 * payload), median of 10 child JVMs; warm numbers are microseconds per call after a warm-up, median of 15 rounds.
 * Run: {@code java -cp bench/target/classes:<deps> dev.workbench.bench.ParamsBench}.
 */
public final class ParamsBench {
    static final List<String> COMMANDS = List.of(
            "python3 scripts/model.py --window 7",
            "cd src && PYTHONHASHSEED=0 python3 -u -m pkg.train --lr=3e-4 --epochs 10 --no-cuda 2>&1 | tee ../log.txt",
            "python train.py lr=0.01 +model.depth=3 ~trainer.logger 'model.layers=[64,128]' -m seed=1,2,3",
            "for w in 3 7 14; do python3 m.py --window $w --out \"results/$w\"; done",
            "timeout 600 uv run --with pandas python fit.py --alpha 0.05 --data data/x.csv > out.txt");

    private ParamsBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2) { // a child: one cold call, its time on stdout
            Path root = Path.of(args[1]);
            new ObjectMapper().readTree("{\"hook_event_name\": \"PostToolUse\"}");
            long start = System.nanoTime();
            List<String> outputs = args[0].equals("parse") ? List.of() : List.of(args[0]);
            RunParams.of(root, COMMANDS.get(1), outputs);
            System.out.println((System.nanoTime() - start) / 1e6);
            return;
        }
        Path root = Files.createTempDirectory("aw-params-bench-");
        String run = "outputs/2026-12-01/10-00-00";
        Files.createDirectories(root.resolve(run + "/.hydra"));
        Files.writeString(
                root.resolve(run + "/.hydra/config.yaml"),
                "lr: 0.01\nmodel:\n  depth: 3\n  layers: [64, 128]\n"
                        + "trainer:\n  max_epochs: 20\n  logger: tensorboard\ndata:\n  path: data/x.csv\n  split: 0.2\n");
        Files.writeString(root.resolve(run + "/.hydra/overrides.yaml"), "- lr=0.01\n- +model.depth=3\n");
        Files.writeString(
                root.resolve(run + "/metrics.json"), "{\"rmse\": 2.5, \"train\": {\"loss\": 0.25}, \"mae\": 1.5}");
        Files.createDirectories(root.resolve("results"));
        Files.writeString(root.resolve("results/metrics.json"), "{\"rmse\": 2.5, \"mae\": 1.5}");

        System.out.println("what | median | min | max");
        System.out.println("---|---|---|---");
        cold("command line, first call in a fresh JVM", "parse", root);
        cold("command line + metrics.json, first call", "results/metrics.json", root);
        cold("command line + Hydra run folder (YAML), first call", run, root);
        warm("command line (5 real lines), warm", root, List.of());
        warm("command line + Hydra run folder, warm", root, List.of(run));
    }

    private static void cold(String what, String output, Path root) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        double[] ms = new double[10];
        for (int i = 0; i < ms.length; i++) {
            Process p = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            ParamsBench.class.getName(),
                            output,
                            root.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            ms[i] = Double.parseDouble(new String(p.getInputStream().readAllBytes()).strip());
            p.waitFor();
        }
        print(what, ms, "ms");
    }

    private static void warm(String what, Path root, List<String> outputs) {
        int calls = outputs.isEmpty() ? 20_000 : 2_000;
        double[] us = new double[15];
        for (int round = -5; round < us.length; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                RunParams.of(root, COMMANDS.get(i % COMMANDS.size()), outputs);
            }
            if (round >= 0) {
                us[round] = (System.nanoTime() - start) / 1e3 / calls;
            }
        }
        print(what, us, "µs");
    }

    private static void print(String what, double[] values, String unit) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%s | %.2f %s | %.2f | %.2f%n",
                what,
                sorted[sorted.length / 2],
                unit,
                sorted[0],
                sorted[sorted.length - 1]);
    }
}
