package dev.workbench.core.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.review.StageFile;
import dev.workbench.core.review.StageId;
import dev.workbench.core.review.StageRecords;
import dev.workbench.core.review.StageState;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.StageFilesContract;
import dev.workbench.core.workspace.Store;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** {@link FileStageFiles}: the contract, and the files people see under {@code .aw/}. */
class FileStageFilesTest extends StageFilesContract {
    @Override
    protected Backend open(Path root, Clock clock) {
        return new FileBackend(new Store(root, clock));
    }

    @Test
    void thePolicyAndTheSigners_readAsAPersonWroteThem() throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        Files.writeString(root.resolve(".aw/policy.json"), "{\"approval\": \"signed\"}");
        Files.writeString(root.resolve(".aw/allowed_signers"), "ada ssh-ed25519 AAAA\n");
        assertThat(files.policy())
                .get()
                .extracting(b -> new String(b, StandardCharsets.UTF_8))
                .isEqualTo("{\"approval\": \"signed\"}");
        assertThat(files.signers())
                .get()
                .extracting(b -> new String(b, StandardCharsets.UTF_8))
                .isEqualTo("ada ssh-ed25519 AAAA\n");
    }

    @Test
    void recordsAreFilesUnderAwStages_andOnlyFoldersNamedByWordsAreAreas() throws Exception {
        backend.transactions()
                .transaction(() -> files.write(
                        StageId.area("cleaning"),
                        StageFile.STATUS,
                        new StageRecords.Status("cleaning", StageState.STALE, 0, null, null, null, null, null)));
        assertThat(root.resolve(".aw/stages/cleaning/status.json")).content().contains("\"state\": \"STALE\"");
        Files.createDirectories(root.resolve(".aw/stages/Not An Area"));
        Files.writeString(root.resolve(".aw/stages/notes.txt"), "a file, not an area");
        assertThat(files.areas()).containsExactly("cleaning");
    }

    @Test
    void anExperimentsStage_isTheFolderBesideItsRecord_withItsPlanVersions() throws Exception {
        StageId checkout = StageId.experiment("checkout");
        backend.transactions().transaction(() -> {
            files.writeText(checkout, StageFile.PLAN, "# Plan\n");
            files.writePlanVersion(checkout, 1, "# Plan\n");
        });
        assertThat(root.resolve(".aw/experiments/checkout/plan.md")).hasContent("# Plan\n");
        assertThat(root.resolve(".aw/experiments/checkout/plans/v1.md")).hasContent("# Plan\n");
        Files.writeString(root.resolve(".aw/experiments/checkout/plans/v7.md.bak"), "not a version");
        Files.writeString(root.resolve(".aw/experiments/checkout/plans/notes.md"), "not a version");
        assertThat(files.planVersions(checkout)).containsExactly(1);
        assertThat(files.areas()).isEmpty();
        assertThat(new FileExperimentRecords(new Store(root)).slugs()).isEmpty();
    }

    @Test
    void aPolicyThatCannotBeRead_isAnError_notAMissingPolicy() throws Exception {
        Files.createDirectories(root.resolve(".aw/policy.json")); // a folder where the file belongs
        assertThatThrownBy(files::policy).isInstanceOf(UncheckedIOException.class);
    }
}
