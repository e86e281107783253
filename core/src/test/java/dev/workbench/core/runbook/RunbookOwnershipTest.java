package dev.workbench.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** write-runbook never overwrites a file it did not write, and keep blocks never swallow generated text. */
class RunbookOwnershipTest {
    @TempDir
    Path root;

    @Test
    void aHandWrittenFile_isNeverOverwritten() throws Exception {
        Files.writeString(root.resolve("runbook.md"), "# Our runbook, by hand\n");
        Files.writeString(root.resolve("README.md"), "# Project\n");
        Workbench wb = new Workbench(root);
        for (String path : new String[] {null, "README.md"}) {
            assertThatThrownBy(() -> new RunbookWriter(wb).write(path, false))
                    .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("not written by write-runbook");
                    });
        }
        assertThat(root.resolve("runbook.md")).hasContent("# Our runbook, by hand");
        assertThat(root.resolve("README.md")).hasContent("# Project");
        assertThat(new RunbookWriter(wb).write("docs/runbook.md", false).changed())
                .isTrue();
        assertThat(new RunbookWriter(wb).write("docs/runbook.md", false).changed())
                .isFalse();
    }

    @Test
    void anUnclosedBlock_endsAtTheNextOpeningMarker_evenOnALineThatAlsoCloses() {
        String text = String.join(
                "\n",
                "## Troubleshooting",
                "### Failed runs",
                "<!-- keep -->",
                "mine",
                "### Decisions and rollbacks",
                "- generated entry",
                "<!-- keep --> also mine <!-- /keep -->",
                "");
        List<KeepBlocks.Block> blocks = KeepBlocks.parse(text);
        assertThat(blocks).hasSize(2);
        assertThat(String.join("\n", blocks.get(0).lines())).contains("mine").doesNotContain("generated entry");
    }
}
