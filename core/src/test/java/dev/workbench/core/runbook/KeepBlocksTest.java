package dev.workbench.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeepBlocksTest {
    private static final List<String> GENERATED = List.of(
            "# Runbook: new name",
            "",
            "Summary.",
            "",
            "## Steps",
            "",
            "```sh",
            "# not a heading",
            "```",
            "",
            "### Step 1",
            "",
            "text",
            "",
            "## Troubleshooting",
            "",
            "none",
            "");

    private static String merge(String previous) {
        List<String> lines =
                KeepBlocks.merge(GENERATED, KeepBlocks.parse(previous)).lines();
        return String.join("\n", lines);
    }

    @Test
    void blockUnderTheTitle_followsTheTitle_evenWhenTheProjectIsRenamed() {
        String merged =
                merge("# Runbook: old name\n\nold summary\n\n<!-- keep -->\nmine\n<!-- /keep -->\n\n## Steps\n");
        assertThat(merged)
                .startsWith("# Runbook: new name\n\nSummary.\n\n<!-- keep -->\nmine\n<!-- /keep -->\n\n## Steps");
    }

    @Test
    void headingsInsideCodeFences_doNotAnchorBlocks() {
        String merged =
                merge("## Steps\n\n```sh\n# not a heading\n```\n\n<!-- keep -->\nafter the fence\n<!-- /keep -->\n");
        assertThat(merged).contains("```\n\n<!-- keep -->\nafter the fence\n<!-- /keep -->\n\n### Step 1");
    }

    @Test
    void blockOpenedInsideACodeFence_isKept_outsideTheFence() {
        String merged = merge("## Steps\n\n```sh\n# not a heading\n<!-- keep -->\nmine\n<!-- /keep -->\n```\n");
        assertThat(merged).contains("```\n\n<!-- keep -->\nmine\n<!-- /keep -->\n\n### Step 1");
    }

    @Test
    void unclosedBlock_endsBeforeTheNextHeading_andGetsItsClosingMarker() {
        String merged = merge("## Troubleshooting\n\n<!-- keep -->\nforgot to close\n\n## Gone\n\ngenerated\n");
        assertThat(merged).endsWith("none\n\n<!-- keep -->\nforgot to close\n" + KeepBlocks.CLOSE + "\n");
    }

    @Test
    void headingsInsideAClosedBlock_stayInTheBlock() {
        String merged = merge("### Step 1\n\n<!-- keep -->\n#### My checks\n\n- one\n<!-- /keep -->\n");
        assertThat(merged)
                .contains("text\n\n<!-- keep -->\n#### My checks\n\n- one\n<!-- /keep -->\n\n## Troubleshooting");
    }

    @Test
    void blockWhoseHeadingAndSectionAreGone_isAnOrphan() {
        KeepBlocks.Merged merged =
                KeepBlocks.merge(GENERATED, KeepBlocks.parse("## Old\n\n<!-- keep -->x<!-- /keep -->\n"));
        assertThat(merged.orphans()).isTrue();
        assertThat(String.join("\n", merged.lines()))
                .endsWith("## " + KeepBlocks.NOTES + "\n\n"
                        + "These notes were kept under headings the runbook no longer has; move them where they belong.\n\n"
                        + "<!-- keep -->x<!-- /keep -->\n");
    }

    @Test
    void markersInGeneratedText_areDefused() {
        assertThat(KeepBlocks.parse(KeepBlocks.defuse("echo '<!-- keep -->'"))).isEmpty();
    }
}
