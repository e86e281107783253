package dev.workbench.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.capture.CommandWords;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class InitCommandTest {
    @Test
    void launcherPaths_areQuotedForTheShellOnlyWhenNeeded() {
        assertThat(InitCommand.shellWord("/opt/workbench/bin/aw")).isEqualTo("/opt/workbench/bin/aw");
        assertThat(InitCommand.shellWord("/tmp/sp ace/bin/aw")).isEqualTo("'/tmp/sp ace/bin/aw'");
        assertThat(InitCommand.shellWord("/tmp/it's/aw")).isEqualTo("'/tmp/it'\\''s/aw'");
    }

    @Test
    void agents_areTakenInOrderWithoutRepeats_allIsEveryOne_andNoneIsClaude() {
        assertThat(InitCommand.agents(null)).containsExactly("claude");
        assertThat(InitCommand.agents(List.of("Gemini", "claude", "gemini"))).containsExactly("gemini", "claude");
        assertThat(InitCommand.agents(List.of("cursor", "all"))).containsExactly("cursor", "claude", "codex", "gemini");
        Assertions.assertThatThrownBy(() -> InitCommand.agents(List.of("claude", "aider")))
                .hasMessage("--agent: expected claude, codex, gemini, cursor or all, got \"aider\"");
    }

    @Test
    void theWordsOfACommand_thatMayNameItsInputs_includeOptionValues() {
        // Capture is by effect now: which command reads or writes is not judged from its words; they only name inputs.
        assertThat(CommandWords.words("python fit.py --out=models/m.bin -v data"))
                .containsExactly("python", "fit.py", "models/m.bin", "data");
    }
}
