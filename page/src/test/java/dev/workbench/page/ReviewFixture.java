package dev.workbench.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.ExperimentAnalysis;
import dev.workbench.core.experiment.ExperimentPatch;
import dev.workbench.core.program.ClaimInput;
import dev.workbench.core.project.Mode;
import dev.workbench.core.project.ProjectUpdate;
import dev.workbench.core.review.HumanApproval;
import dev.workbench.core.review.StageCheck;
import dev.workbench.core.review.StageState;
import dev.workbench.core.run.RunRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A project built through the real services for the overview, review and report tests: areas in each review state,
 * experiments taken through their lifecycle and analysed by the Bayesian analysis, a claim, runs and checkpoints.
 */
final class ReviewFixture {
    static final String CLICK_DATA = "{\"metrics\":{"
            + "\"click\":{\"a\":{\"n\":1971,\"k\":219},\"b\":{\"n\":2029,\"k\":283}},"
            + "\"refund\":{\"a\":{\"n\":1971,\"k\":40},\"b\":{\"n\":2029,\"k\":41}}}}";
    static final List<StageCheck> PASSING =
            List.of(new StageCheck("row count", true, "1,000 rows"), new StageCheck("no duplicates", true, null));

    final Path root;
    final Workbench wb;

    ReviewFixture(Path root) {
        this.root = root;
        this.wb = new Workbench(root, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
    }

    static ExperimentPatch patch(String json) {
        try {
            return Json.strict().readValue(json, ExperimentPatch.class);
        } catch (Exception e) {
            if (e.getCause() instanceof WorkbenchException we) {
                throw we;
            }
            throw new AssertionError(e);
        }
    }

    void write(String path, String text) {
        try {
            Files.createDirectories(root.resolve(path).getParent());
            Files.writeString(root.resolve(path), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void area(String name, Mode mode, String surface) {
        wb.project()
                .update(new ProjectUpdate(
                        "Checkout",
                        null,
                        null,
                        null,
                        null,
                        new ProjectUpdate.Area(name, mode, null, surface),
                        null,
                        null));
    }

    /** The area {@code name} executed on {@code file} and reviewed by the agent: waiting for a person. */
    void reviewedArea(String name, String file, String interpretation) {
        write(file, "day,sales\n1,10\n");
        wb.stages().execute(name, List.of(file));
        wb.stages().review(name, PASSING, interpretation);
        assertThat(wb.stages().status(name).state()).isEqualTo(StageState.REVIEWED);
    }

    /** A Bayesian click experiment in status {@code collecting}; analysed (status analyzing) when {@code analyse}. */
    void experiment(String slug, boolean analyse) {
        wb.claims()
                .upsert(
                        new ClaimInput("shorter-forms", "Shorter forms convert better", null, null, null),
                        HumanApproval.NONE,
                        null);
        wb.experiments()
                .upsert(patch("{\"slug\":\"" + slug + "\",\"method\":\"bayesian_ab\",\"primaryMetricEvent\":\"click\","
                        + "\"guardrailEvents\":[\"refund\"],\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\"],"
                        + "\"observationStart\":\"2026-11-01\",\"minimumSample\":100,"
                        + "\"claim\":\"shorter-forms\","
                        + "\"assignment\":{\"source\":\"local\",\"sql\":\"SELECT unit_id, variant, exposed_at FROM"
                        + " read_csv('e.csv')\"},"
                        + "\"metricDefinitions\":{\"click\":{\"sql\":\"SELECT unit_id, at, value FROM"
                        + " read_csv('c.csv')\",\"type\":\"binary\"},\"refund\":{\"sql\":\"SELECT unit_id, at, value"
                        + " FROM read_csv('r.csv')\",\"type\":\"binary\"}}}"));
        wb.experiments()
                .upsert(patch(
                        "{\"slug\":\"" + slug + "\",\"status\":\"collecting\",\"inputData\":" + CLICK_DATA + "}"));
        if (analyse) {
            new ExperimentAnalysis(wb.experiments(), wb.backend())
                    .bayesian(new ExperimentAnalysis.Target(slug, null, false, null));
        }
    }

    void run(String command, String experiment) {
        wb.runs().record(new RunRequest(command, null, experiment, 0, 10L, null, null, null, null, null));
    }

    static Document parse(Page page) {
        return Jsoup.parse(page.body());
    }

    /** Every file under .aw/ with its bytes' text: what a refused action must leave as it was. */
    Map<String, String> state() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root.resolve(".aw"))) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** A signed policy with one listed ed25519 key made here by the real ssh-keygen. */
    void signedPolicy(Path keys) throws Exception {
        Process p = new ProcessBuilder(
                        "ssh-keygen",
                        "-q",
                        "-t",
                        "ed25519",
                        "-N",
                        "",
                        "-C",
                        "alice",
                        "-f",
                        keys.resolve("alice").toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
        write(".aw/policy.json", "{\"approval\": \"signed\"}\n");
        write(".aw/allowed_signers", "alice@example.com " + Files.readString(keys.resolve("alice.pub")));
    }
}
