package dev.workbench.core.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.ClaimRecordsContract;
import dev.workbench.core.workspace.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class FileClaimRecordsTest extends ClaimRecordsContract {
    @Override
    protected Backend open(Path root, Clock clock) {
        return new FileBackend(new Store(root, clock));
    }

    @Test
    void aClaim_isItsPrettyJsonFileUnderAwClaims() throws Exception {
        Backend backend = open(root, CLOCK);
        backend.transactions().transaction(() -> backend.claims().write(supported("forms", 1)));
        String text = Files.readString(root.resolve(".aw/claims/forms.json"));
        assertThat(text)
                .contains("\"status\": \"supported\"")
                .contains("\"statusApproval\": {")
                .endsWith("\n");
    }

    @Test
    void filesWhoseNamesAreNotSlugs_areNotClaims_andADamagedOneIsAStoreError() throws Exception {
        Backend backend = open(root, CLOCK);
        backend.transactions().transaction(() -> backend.claims().write(supported("forms", 1)));
        Files.writeString(root.resolve(".aw/claims/Not A Slug.json"), "{}");
        Files.writeString(root.resolve(".aw/claims/notes.txt"), "");
        Files.writeString(root.resolve(".aw/claims/torn.json"), "{torn");
        assertThat(backend.claims().slugs()).containsExactly("forms", "torn");
        assertThatThrownBy(() -> backend.claims().find("torn"))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_ERROR));
    }

    @Test
    void aClaimsFileCopiedUnderAnotherName_isAStoreError_notThatClaim() throws Exception {
        Backend backend = open(root, CLOCK);
        backend.transactions().transaction(() -> backend.claims().write(supported("forms", 1)));
        Files.copy(root.resolve(".aw/claims/forms.json"), root.resolve(".aw/claims/other.json"));
        assertThatThrownBy(() -> backend.claims().find("other")).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.STORE_ERROR);
            assertThat(e.getMessage()).contains("holds claim \"forms\"");
        });
        assertThat(backend.claims().find("forms")).isPresent();
    }
}
