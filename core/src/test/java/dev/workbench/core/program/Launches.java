package dev.workbench.core.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.ExperimentAnalysis;
import dev.workbench.core.experiment.ExperimentPatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Decided, launched experiments and their analysed checkpoints, built through the services as a user would. */
final class Launches {
    static final String METRIC = "purchase";

    private Launches() {}

    /** The workbench of {@code root} on {@code day} (10:00 UTC). */
    static Workbench on(Path root, String day) {
        return new Workbench(root, Clock.fixed(Instant.parse(day + "T10:00:00Z"), ZoneOffset.UTC));
    }

    static ExperimentPatch patch(String json) {
        try {
            return Json.strict().readValue(json, ExperimentPatch.class);
        } catch (IOException e) {
            if (e.getCause() instanceof WorkbenchException we) {
                throw we;
            }
            throw new UncheckedIOException(e);
        }
    }

    static Experiment upsert(Workbench wb, String json) {
        return wb.experiments().upsert(patch(json)).experiment();
    }

    /**
     * A decided experiment {@code slug}, control {@code control} and treatment {@code shipped} split 50/50 on
     * {@link #METRIC}, whose stored analysis reads {@code original}; {@code extra} adds record fields (a JSON
     * fragment ending in a comma, or empty). Decided on the workbench's day, which becomes its observationEnd.
     */
    static Experiment decided(
            Workbench wb, String slug, SeedHoldoutSeries.Point original, boolean inverse, String extra) {
        upsert(
                wb,
                "{\"slug\":\"" + slug + "\"," + extra + "\"method\":\"bayesian_ab\",\"primaryMetricEvent\":\"" + METRIC
                        + "\",\"controlVariant\":\"control\",\"treatmentVariants\":[\"shipped\"],"
                        + "\"trafficWeights\":{\"control\":0.5,\"shipped\":0.5},\"observationStart\":\"2026-05-01\"}");
        analysed(wb, slug, SeedHoldoutSeries.inputData(original, METRIC, "control", "shipped", 0.5, inverse));
        return upsert(
                wb,
                "{\"slug\":\"" + slug + "\",\"status\":\"decided\",\"decision\":\"ship\","
                        + "\"decisionSummary\":\"shipped wins\",\"decisionReason\":\"chance to win above threshold\"}");
    }

    /** Moves {@code slug} to collecting with {@code data} and stores its Bayesian analysis. */
    static Experiment analysed(Workbench wb, String slug, ObjectNode data) {
        ObjectNode move = Json.mapper().createObjectNode().put("slug", slug).put("status", "collecting");
        move.set("inputData", data);
        upsert(wb, move.toString());
        new ExperimentAnalysis(wb.experiments(), wb.backend())
                .bayesian(new ExperimentAnalysis.Target(slug, null, false, null));
        return wb.experiments().get(slug);
    }

    /** The checkpoint of {@code day} analysed on data that reads {@code point} at a {@code percentage} % holdout. */
    static Experiment checkpointAnalysed(
            Workbench wb, String parent, SeedHoldoutSeries.Point point, double percentage, boolean inverse) {
        return analysed(
                wb,
                HoldoutCheckpoints.slug(parent, point.day()),
                SeedHoldoutSeries.inputData(point, METRIC, "control", "shipped", percentage / 100, inverse));
    }

    static HoldoutRequest request(String slug, double percentage, String launchedAt, List<Integer> days) {
        return new HoldoutRequest(slug, percentage, launchedAt, days, null, null);
    }

    /** Every file under {@code root}'s .aw/ (but the lock) with its content. */
    static Map<String, String> files(Path root) {
        Path aw = root.resolve(".aw");
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(aw)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().equals(".lock")) {
                    files.put(aw.relativize(p).toString(), Files.readString(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** {@code call} fails with {@code code}, and nothing under .aw/ changed; returns its message. */
    static String refused(Path root, ErrorCode code, Runnable call) {
        Map<String, String> before = files(root);
        String[] message = new String[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            message[0] = e.getMessage();
        });
        assertThat(files(root)).as("files under .aw/ after a refused call").isEqualTo(before);
        return message[0];
    }
}
