package dev.workbench.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.review.StageCheck;
import dev.workbench.core.review.StageFile;
import dev.workbench.core.review.StageId;
import dev.workbench.core.review.StageRecords;
import dev.workbench.core.review.StageState;
import dev.workbench.core.run.PathDigest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every back end's {@link StageFiles} does, in the review stages' terms: records per stage (an area's or an
 * experiment's) and file, the Markdown beside them, the plan's versions, the areas that have a stage; no policy or signers until a person gives them (how a person
 * does is the back end's own, so its test checks that). A back end passes by subclassing this with its {@link #open}.
 */
public abstract class StageFilesContract {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T03:00:00Z"), ZoneOffset.UTC);

    @TempDir
    protected Path root;

    protected Backend backend;
    protected StageFiles files;

    /** A back end for {@code root}, empty (nothing recorded yet). */
    protected abstract Backend open(Path root, Clock clock);

    @BeforeEach
    void openBackend() {
        backend = open(root, CLOCK);
        files = backend.stages();
    }

    private void write(Runnable body) {
        backend.transactions().transaction(body);
    }

    static final StageId CLEANING = StageId.area("cleaning");
    static final StageId REPORT = StageId.area("report");
    static final StageId CHECKOUT = StageId.experiment("checkout");

    static StageRecords.Status status(String area, StageState state, long revision) {
        return new StageRecords.Status(area, state, revision, "2026-12-01T03:00:00.000Z", null, null, null, null);
    }

    @Test
    void anEmptyBackEnd_hasNoAreas_andNoFiles() {
        assertThat(files.areas()).isEmpty();
        assertThat(files.read(CLEANING, StageFile.STATUS, StageRecords.Status.class))
                .isEmpty();
        assertThat(files.text(CLEANING, StageFile.PLAN)).isEmpty();
        assertThat(files.policy()).isEmpty();
        assertThat(files.signers()).isEmpty();
    }

    @Test
    void aRecordWritten_readsBack_andItsAreaIsListed_sorted() {
        write(() -> {
            files.write(REPORT, StageFile.STATUS, status("report", StageState.EXECUTED, 1));
            files.write(CLEANING, StageFile.STATUS, status("cleaning", StageState.STALE, 0));
        });
        assertThat(files.areas()).containsExactly("cleaning", "report");
        assertThat(files.read(REPORT, StageFile.STATUS, StageRecords.Status.class))
                .contains(status("report", StageState.EXECUTED, 1));
        assertThat(files.read(REPORT, StageFile.MANIFEST, StageRecords.Manifest.class))
                .isEmpty();
    }

    @Test
    void everyRecord_roundTrips() {
        List<PathDigest> artifacts = List.of(new PathDigest("out/report.md", "file", 9L, null, "ab".repeat(32)));
        StageRecords.Manifest manifest = new StageRecords.Manifest("2026-12-01T03:00:00.000Z", artifacts);
        StageRecords.Review review = new StageRecords.Review(
                "2026-12-01T03:00:00.000Z",
                true,
                List.of(new StageCheck("rows", true, "120 rows")),
                "fine",
                List.of(),
                false);
        StageRecords.Approval approval = new StageRecords.Approval(
                "2026-12-01T03:00:00.000Z", "approved", "Ada", null, artifacts, false, null, null);
        write(() -> {
            files.write(CLEANING, StageFile.MANIFEST, manifest);
            files.write(CLEANING, StageFile.REVIEW, review);
            files.write(CLEANING, StageFile.APPROVAL, approval);
        });
        assertThat(files.read(CLEANING, StageFile.MANIFEST, StageRecords.Manifest.class))
                .contains(manifest);
        assertThat(files.read(CLEANING, StageFile.REVIEW, StageRecords.Review.class))
                .contains(review);
        assertThat(files.read(CLEANING, StageFile.APPROVAL, StageRecords.Approval.class))
                .contains(approval);
        assertThat(files.text(CLEANING, StageFile.APPROVAL)).get().asString().contains("\"decision\": \"approved\"");
    }

    @Test
    void markdown_isKeptAsWritten_andReplaced() {
        write(() -> files.writeText(CLEANING, StageFile.REVIEW_MARKDOWN, "# Review of cleaning\n\nÄ ok\n"));
        assertThat(files.text(CLEANING, StageFile.REVIEW_MARKDOWN)).contains("# Review of cleaning\n\nÄ ok\n");
        write(() -> files.writeText(CLEANING, StageFile.REVIEW_MARKDOWN, "> **Stale**\n"));
        assertThat(files.text(CLEANING, StageFile.REVIEW_MARKDOWN)).contains("> **Stale**\n");
    }

    @Test
    void delete_removesOneFile_andSaysWhetherItWasThere() {
        write(() -> {
            files.write(CLEANING, StageFile.STATUS, status("cleaning", StageState.EXECUTED, 1));
            files.writeText(CLEANING, StageFile.PLAN, "# Plan\n");
        });
        write(() -> assertThat(files.delete(CLEANING, StageFile.PLAN)).isTrue());
        write(() -> assertThat(files.delete(CLEANING, StageFile.PLAN)).isFalse());
        assertThat(files.text(CLEANING, StageFile.PLAN)).isEmpty();
        assertThat(files.read(CLEANING, StageFile.STATUS, StageRecords.Status.class))
                .isPresent();
    }

    @Test
    void aRecordThatDoesNotBind_isAStoreError_namingIt() {
        write(() -> files.writeText(CLEANING, StageFile.STATUS, "[\"not a status\"]"));
        assertThatThrownBy(() -> files.read(CLEANING, StageFile.STATUS, StageRecords.Status.class))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("status.json");
    }

    @Test
    void anExperimentsStage_isKeptApartFromTheAreaOfTheSameName_andIsNoArea() {
        StageId area = StageId.area("checkout");
        write(() -> {
            files.write(CHECKOUT, StageFile.STATUS, status("experiment:checkout", StageState.EXECUTED, 1));
            files.writeText(CHECKOUT, StageFile.PLAN, "# Experiment plan\n");
        });
        assertThat(files.read(CHECKOUT, StageFile.STATUS, StageRecords.Status.class))
                .contains(status("experiment:checkout", StageState.EXECUTED, 1));
        assertThat(files.read(area, StageFile.STATUS, StageRecords.Status.class))
                .isEmpty();
        assertThat(files.text(area, StageFile.PLAN)).isEmpty();
        assertThat(files.areas()).isEmpty();
        assertThat(backend.experiments().slugs()).isEmpty(); // a stage is no experiment record
    }

    @Test
    void planVersions_areKeptInOrder_perStage_andNeverRewritten() {
        write(() -> {
            files.writePlanVersion(CLEANING, 1, "one\n");
            files.writePlanVersion(CLEANING, 2, "two\n");
            files.writePlanVersion(CLEANING, 10, "ten\n");
            files.writePlanVersion(CHECKOUT, 1, "experiment one\n");
        });
        assertThat(files.planVersions(CLEANING)).containsExactly(1, 2, 10);
        assertThat(files.planVersions(CHECKOUT)).containsExactly(1);
        assertThat(files.planVersions(REPORT)).isEmpty();
        assertThat(files.planVersion(CLEANING, 2)).contains("two\n");
        assertThat(files.planVersion(CHECKOUT, 1)).contains("experiment one\n");
        assertThat(files.planVersion(CLEANING, 3)).isEmpty();
        assertThatThrownBy(() -> write(() -> files.writePlanVersion(CLEANING, 2, "rewritten\n")))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(files.planVersion(CLEANING, 2)).contains("two\n");
    }
}
