package dev.workbench.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.ExperimentPatch;
import dev.workbench.core.program.Claim;
import dev.workbench.core.program.ClaimInput;
import dev.workbench.core.review.HumanApproval;
import dev.workbench.core.workspace.StoreWatcher;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** aw://claims and aw://claims/{slug}: what they show, and which changes name them. */
class ClaimViewsTest {
    @TempDir
    Path root;

    Workbench wb;
    WorkbenchResources resources;

    static final HumanApproval APPROVES = new HumanApproval() {
        @Override
        public Optional<Answer> ask(Request request) {
            return Optional.empty();
        }

        @Override
        public Optional<Answer> decide(Question question) {
            return Optional.of(new Answer(true, "Ada", null));
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        wb = new Workbench(root);
        resources = new WorkbenchResources(wb);
        wb.claims()
                .upsert(new ClaimInput("forms", "Shorter forms convert", null, null, null), HumanApproval.NONE, null);
        wb.claims().upsert(new ClaimInput("speed", "Fast pages sell", null, null, null), HumanApproval.NONE, null);
        wb.claims().upsert(new ClaimInput("forms", null, Claim.Status.SUPPORTED, null, null), APPROVES, null);
        patch("{\"slug\":\"short-form\",\"claim\":\"forms\"}");
        patch("{\"slug\":\"short-form-2\",\"parent\":\"short-form\"}");
    }

    private void patch(String json) throws Exception {
        wb.experiments().upsert(Json.strict().readValue(json, ExperimentPatch.class));
    }

    private JsonNode read(String uri) throws Exception {
        return Json.mapper().readTree(resources.read(uri).text());
    }

    @Test
    void theList_showsEachClaimsStatus_approval_andExperimentCount() throws Exception {
        JsonNode list = read("aw://claims");
        assertThat(list.get("total").asInt()).isEqualTo(2);
        JsonNode forms = list.at("/items/0");
        assertThat(forms.get("slug").asText()).isEqualTo("forms");
        assertThat(forms.get("statement").asText()).isEqualTo("Shorter forms convert");
        assertThat(forms.get("status").asText()).isEqualTo("supported");
        assertThat(forms.get("approved").asBoolean()).isTrue();
        assertThat(forms.get("experiments").asInt()).isEqualTo(2);
        assertThat(list.at("/items/1/status").asText()).isEqualTo("open");
        assertThat(list.at("/items/1/approved").asBoolean()).isFalse();
        assertThat(list.at("/items/1/experiments").asInt()).isZero();
    }

    @Test
    void theRollUp_showsTheClaimAndItsExperimentsWithTheirDescendants() throws Exception {
        JsonNode r = read("aw://claims/forms");
        assertThat(r.at("/claim/statement").asText()).isEqualTo("Shorter forms convert");
        assertThat(r.get("approved").asBoolean()).isTrue();
        assertThat(r.at("/experiments/0/slug").asText()).isEqualTo("short-form");
        assertThat(r.at("/experiments/0/status").asText()).isEqualTo("draft");
        assertThat(r.at("/experiments/1/slug").asText()).isEqualTo("short-form-2");
        assertThat(r.at("/experiments/1/parent").asText()).isEqualTo("short-form");
        assertThatThrownBy(() -> resources.read("aw://claims/none"))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> resources.read("aw://claims/Not_A_Slug"))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void aClaimFile_namesItsViewAndTheList_andAnExperimentOrThePolicy_everyClaim() {
        assertThat(new Notifier(wb).apply(changes(".aw/claims/forms.json")).updated())
                .containsExactlyInAnyOrder("aw://claims", "aw://claims/forms");
        assertThat(new Notifier(wb)
                        .apply(changes(".aw/experiments/short-form-2.json"))
                        .updated())
                .contains("aw://claims", "aw://claims/forms", "aw://claims/speed");
        assertThat(new Notifier(wb).apply(changes(".aw/allowed_signers")).updated())
                .contains("aw://claims", "aw://claims/forms", "aw://claims/speed");
    }

    private static StoreWatcher.Changes changes(String... paths) {
        return new StoreWatcher.Changes(Set.of(paths), false);
    }
}
