package dev.workbench.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.experiment.Contract;
import dev.workbench.core.experiment.Decision;
import dev.workbench.core.experiment.DecisionOverride;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Method;
import dev.workbench.core.experiment.Preregistration;
import dev.workbench.core.experiment.Prior;
import dev.workbench.core.experiment.Status;
import dev.workbench.core.experiment.Window;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every back end's {@link ExperimentRecords} does, in the services' terms: a record written under its slug
 * comes back equal, part for part; a second write replaces it; slugs are listed sorted; each slug's analysis history
 * keeps its entries in order, apart from the others; and a second back end on the same root sees all of it. A back
 * end passes by subclassing this with its {@link #open}.
 */
public abstract class ExperimentRecordsContract {
    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    protected Path root;

    /** A back end for {@code root}; opened twice on one root, both see the same records (two processes). */
    protected abstract Backend open(Path root, Clock clock);

    /** A record with every part set, data and analysis included. */
    protected static Experiment decided(String slug, long revision) {
        ObjectNode data = (ObjectNode) Json.toTree(Map.of(
                "metrics",
                Map.of("click", Map.of("a", Map.of("n", 1000, "k", 100), "b", Map.of("n", 1000, "k", 120)))));
        ObjectNode analysis =
                Json.mapper().createObjectNode().put("type", "bayesian").put("computed_at", "2026-11-20T09:00:00Z");
        return Experiment.draft(slug, "Shorter forms convert better")
                .withContract(new Contract(
                        "Shorter forms convert better",
                        Method.BAYESIAN_AB,
                        "click",
                        List.of("spend"),
                        "a",
                        List.of("b"),
                        100L,
                        new Prior(true, 0.0, 0.1)))
                .withTrafficWeights(Map.of("a", 0.5, "b", 0.5))
                .withWindow(new Window("2026-11-01", null))
                .withInputData(data)
                .withAnalysis(Experiment.boundTo(analysis, data))
                .withDecision(new Decision(
                        "ship b",
                        "b converts better",
                        "P(b > a) = 0.97",
                        new DecisionOverride("an outage", "2026-11-21T10:00:00Z", List.of("sample_ok"))))
                .withClaim("forms: shorter is better")
                .withLifecycle(
                        Status.DECIDED, new Preregistration("2026-11-02T08:00:00Z", "ab".repeat(32)), "2026-11-21")
                .withRevision(revision, "2026-11-01T07:00:00Z", "2026-11-21T10:00:00Z");
    }

    private static void write(Backend backend, Experiment e) {
        backend.transactions().transaction(() -> backend.experiments().write(e));
    }

    private static JsonNode entry(int revision) {
        return Json.mapper()
                .createObjectNode()
                .put("at", "2026-11-2" + revision + "T00:00:00Z")
                .put("revision", revision);
    }

    @Test
    void nothingStored_findsNothing_listsNothing() {
        ExperimentRecords records = open(root, CLOCK).experiments();
        assertThat(records.find("cta")).isEmpty();
        assertThat(records.slugs()).isEmpty();
        assertThat(records.count()).isZero();
        assertThat(records.recentAnalyses("cta", 10)).isEmpty();
        assertThat(records.analysisCount("cta")).isZero();
    }

    @Test
    void aWrittenRecord_comesBackEqual_partForPart() {
        Backend backend = open(root, CLOCK);
        write(backend, decided("cta", 7));
        write(
                backend,
                Experiment.draft("banner", null).withRevision(1, "2026-11-22T10:00:00Z", "2026-11-22T10:00:00Z"));
        assertThat(backend.experiments().find("cta")).contains(decided("cta", 7));
        assertThat(backend.experiments().find("cta").orElseThrow().analysisStale())
                .isFalse();
        assertThat(backend.experiments().find("banner").orElseThrow().contract())
                .isEqualTo(Contract.of(null));
    }

    @Test
    void aSecondWrite_replacesTheRecord() {
        Backend backend = open(root, CLOCK);
        write(backend, decided("cta", 1));
        Experiment next = decided("cta", 2).withClaim(null).withTrafficWeights(null);
        write(backend, next);
        assertThat(backend.experiments().find("cta")).contains(next);
        assertThat(backend.experiments().count()).isEqualTo(1);
    }

    @Test
    void slugs_areSorted_andCounted() {
        Backend backend = open(root, CLOCK);
        for (String slug : List.of("checkout-cta", "banner", "a1", "zeta")) {
            write(backend, decided(slug, 1));
        }
        assertThat(backend.experiments().slugs()).containsExactly("a1", "banner", "checkout-cta", "zeta");
        assertThat(backend.experiments().count()).isEqualTo(4);
    }

    @Test
    void slugs_areSortedAsSlugs_aPrefixFirst() {
        // A holdout's checkpoints are named after their parent: "checkout" must come before "checkout-holdout-30d"
        // (file names sort the other way, "-" before "."), or a page's cursor is looked for in an unsorted list.
        Backend backend = open(root, CLOCK);
        for (String slug : List.of("checkout-holdout-30d", "checkout", "checkout-holdout-60d")) {
            write(backend, decided(slug, 1));
        }
        assertThat(backend.experiments().slugs())
                .containsExactly("checkout", "checkout-holdout-30d", "checkout-holdout-60d");
    }

    @Test
    void analysisHistory_keepsEntriesInOrder_perSlug() {
        Backend backend = open(root, CLOCK);
        backend.transactions().transaction(() -> {
            for (int i = 1; i <= 5; i++) {
                backend.experiments().appendAnalysis("cta", entry(i));
            }
            backend.experiments().appendAnalysis("banner", entry(9));
        });
        ExperimentRecords records = backend.experiments();
        assertThat(records.recentAnalyses("cta", 2)).containsExactly(entry(4), entry(5));
        assertThat(records.recentAnalyses("cta", 10)).containsExactly(entry(1), entry(2), entry(3), entry(4), entry(5));
        assertThat(records.analysisCount("cta")).isEqualTo(5);
        assertThat(records.recentAnalyses("banner", 10)).containsExactly(entry(9));
        assertThat(records.analysisCount("banner")).isEqualTo(1);
        assertThat(records.slugs()).as("a history alone is not a record").isEmpty();
    }

    @Test
    void anotherBackEndOnTheSameRoot_seesTheRecordsAndHistories() {
        Backend first = open(root, CLOCK);
        write(first, decided("cta", 3));
        first.transactions().transaction(() -> first.experiments().appendAnalysis("cta", entry(3)));
        ExperimentRecords second = open(root, CLOCK).experiments();
        assertThat(second.find("cta")).contains(decided("cta", 3));
        assertThat(second.slugs()).containsExactly("cta");
        assertThat(second.recentAnalyses("cta", 5)).containsExactly(entry(3));
        assertThat(second.analysisCount("cta")).isEqualTo(1);
    }
}
