package dev.workbench.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.server.AwProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One project built as an agent builds it, through the jar's {@code aw <tool> --json …}: two areas (one reviewed,
 * one stale), a frequentist experiment, a Bayesian one whose stored analysis went stale, a bandit with two rounds,
 * a decided launch with a 5 % holdout and two analysed checkpoints, a sweep of three runs in a git work tree, and a
 * checkpoint rolled back. The tests read what they check from {@code .aw/} (see {@link #json}), not from here.
 */
final class ViewsProject {
    static final String REVIEWED_AREA = "revenue-audit";
    static final String STALE_AREA = "cleaning";
    static final String FREQUENTIST = "checkout-button";
    static final String BAYESIAN = "hero-copy";
    static final String BANDIT = "pricing-bandit";
    static final String LAUNCH = "launch";
    static final List<Double> SWEEP = List.of(0.3, 0.1, 0.2);

    private final Path root;
    /** What {@code aw rollback} answered: the checkpoint, the safety checkpoint, what it restored and removed. */
    JsonNode rollback;

    private ViewsProject(Path root) {
        this.root = root;
    }

    static ViewsProject build(Path root) throws IOException, InterruptedException {
        ViewsProject p = new ViewsProject(root);
        p.files();
        p.areas();
        p.experiments();
        p.launchWithHoldout();
        p.sweep();
        p.checkpointAndRollback();
        return p;
    }

    private void files() throws IOException, InterruptedException {
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/raw.csv"), "id,amount\n1,10\n");
        Files.writeString(root.resolve("audit.md"), "# Revenue audit\n");
        Files.writeString(root.resolve("clean.md"), "# Cleaning\n");
        Files.writeString(root.resolve("train.py"), "print('train')\n");
        git("init", "-q", ".");
        git("add", "-A");
        git("-c", "user.name=page-test", "-c", "user.email=page-test@example.invalid", "commit", "-qm", "start");
    }

    private void areas() throws IOException {
        aw("update-project", Map.of("area", Map.of("name", REVIEWED_AREA, "mode", "explore")));
        aw("update-project", Map.of("area", Map.of("name", STALE_AREA, "mode", "operate")));
        for (String[] a : List.of(new String[] {REVIEWED_AREA, "audit.md"}, new String[] {STALE_AREA, "clean.md"})) {
            aw("review-stage", Map.of("area", a[0], "action", "execute", "artifacts", List.of(a[1])));
            aw(
                    "review-stage",
                    Map.of(
                            "area",
                            a[0],
                            "action",
                            "review",
                            "checks",
                            List.of(Map.of("name", "totals", "passed", true))));
        }
        Files.writeString(root.resolve("clean.md"), "# Cleaning, changed after the review\n");
    }

    private void experiments() {
        aw(
                "upsert-experiment",
                experiment(
                        FREQUENTIST,
                        "frequentist",
                        "click",
                        "a",
                        List.of("b"),
                        1000,
                        Map.of("a", cell(2000, 200), "b", cell(2000, 260))));
        aw("analyze-frequentist", Map.of("slug", FREQUENTIST));

        aw(
                "upsert-experiment",
                experiment(
                        BAYESIAN,
                        "bayesian_ab",
                        "signup",
                        "control",
                        List.of("short", "long"),
                        5000,
                        Map.of("control", cell(3000, 300), "short", cell(2950, 340), "long", cell(3020, 290))));
        aw("analyze-bayesian", Map.of("slug", BAYESIAN));
        aw(
                "upsert-experiment",
                Map.of(
                        "slug",
                        BAYESIAN,
                        "inputData",
                        data(
                                "signup",
                                Map.of(
                                        "control",
                                        cell(3100, 310),
                                        "short",
                                        cell(3050, 352),
                                        "long",
                                        cell(3120, 300)))));

        aw(
                "upsert-experiment",
                experiment(
                        BANDIT,
                        "bandit",
                        "buy",
                        "p10",
                        List.of("p12", "p15"),
                        null,
                        Map.of("p10", cell(500, 50), "p12", cell(500, 60), "p15", cell(500, 40))));
        aw("analyze-bandit", Map.of("slug", BANDIT));
        aw(
                "upsert-experiment",
                Map.of(
                        "slug",
                        BANDIT,
                        "inputData",
                        data("buy", Map.of("p10", cell(660, 66), "p12", cell(1320, 160), "p15", cell(520, 41)))));
        aw("analyze-bandit", Map.of("slug", BANDIT));
    }

    /** Dates relative to today: the checkpoints of a launch 100 days ago are due, so they can be analysed. */
    private void launchWithHoldout() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> launch = experiment(
                LAUNCH,
                "bayesian_ab",
                "purchase",
                "control",
                List.of("shipped"),
                null,
                Map.of("control", cell(20000, 2000), "shipped", cell(20000, 2200)));
        launch.put("observationStart", today.minusDays(140).toString());
        aw("upsert-experiment", launch);
        aw("analyze-bayesian", Map.of("slug", LAUNCH));
        aw(
                "upsert-experiment",
                Map.of(
                        "slug",
                        LAUNCH,
                        "status",
                        "decided",
                        "observationEnd",
                        today.minusDays(101).toString(),
                        "decision",
                        "ship",
                        "decisionSummary",
                        "shipped wins",
                        "decisionReason",
                        "chance to win above 99 %"));
        aw(
                "plan-holdout",
                Map.of(
                        "slug",
                        LAUNCH,
                        "percentage",
                        5,
                        "launchedAt",
                        today.minusDays(100).toString()));
        int day = 30;
        for (int k : List.of(100, 200)) {
            String slug = LAUNCH + "-holdout-" + day + "d";
            aw(
                    "upsert-experiment",
                    Map.of(
                            "slug",
                            slug,
                            "status",
                            "collecting",
                            "inputData",
                            data("purchase", Map.of("control", cell(10 * k, k), "shipped", cell(190 * k, 21 * k)))));
            aw("analyze-bayesian", Map.of("slug", slug));
            day += 30;
        }
    }

    private void sweep() throws IOException {
        for (double lr : SWEEP) {
            Files.writeString(root.resolve("model.txt"), "model trained with lr " + lr + "\n");
            aw(
                    "record-run",
                    Map.of(
                            "command", "python train.py --lr " + lr,
                            "inputs", List.of("data/raw.csv", "train.py"),
                            "outputs", List.of("model.txt"),
                            "params", Map.of("lr", lr, "depth", 3),
                            "metrics", Map.of("auc", 0.6 + lr / 2, "loss", 1 - lr),
                            "exitCode", 0,
                            "durationMs", 1200));
        }
    }

    private void checkpointAndRollback() throws IOException {
        aw("checkpoint", Map.of("paths", List.of("data"), "operation", "raw", "area", STALE_AREA));
        Files.writeString(root.resolve("data/raw.csv"), "id,amount\n1,-10\n");
        Files.writeString(root.resolve("data/extra.csv"), "made after the checkpoint\n");
        rollback = aw("rollback", Map.of("checkpoint", 1, "reason", "the cleaning broke the amounts"));
    }

    private static Map<String, Object> experiment(
            String slug,
            String method,
            String event,
            String control,
            List<String> treatments,
            Integer minimum,
            Map<String, Object> cells) {
        Map<String, Object> weights = new LinkedHashMap<>();
        weights.put(control, 1.0 / (treatments.size() + 1));
        treatments.forEach(t -> weights.put(t, 1.0 / (treatments.size() + 1)));
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("slug", slug);
        e.put("method", method);
        e.put("hypothesis", "the change moves " + event);
        e.put("primaryMetricEvent", event);
        e.put("controlVariant", control);
        e.put("treatmentVariants", treatments);
        e.put("observationStart", LocalDate.now(ZoneOffset.UTC).minusDays(20).toString());
        e.put("trafficWeights", weights);
        if (minimum != null) {
            e.put("minimumSample", minimum);
        }
        e.put("status", "collecting");
        e.put("inputData", data(event, cells));
        return e;
    }

    private static Map<String, Object> data(String event, Map<String, Object> cells) {
        return Map.of("metrics", Map.of(event, cells));
    }

    private static Map<String, Object> cell(int n, int k) {
        return Map.of("n", n, "k", k);
    }

    /** Runs {@code aw <tool> --json <arguments>} in the project and returns its JSON answer. */
    JsonNode aw(String tool, Map<String, Object> arguments) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        AwProcess r = AwProcess.run(root, tool, "--json", json);
        assertThat(r.exitCode())
                .as("aw " + tool + " " + json + ": " + r.stderr() + r.stdout())
                .isZero();
        try {
            return Json.mapper().readTree(r.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file under {@code .aw/} as JSON. */
    JsonNode json(String path) {
        try {
            return Json.mapper().readTree(root.resolve(".aw").resolve(path).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("git " + String.join(" ", args) + ": " + out).isZero();
    }
}
