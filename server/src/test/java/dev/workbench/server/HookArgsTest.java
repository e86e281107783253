package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which command lines {@code Main} runs as a hook before building picocli's tree (bin/aw's forwarder parses alike). */
class HookArgsTest {
    private static Main.HookArgs parse(String... args) {
        return Main.HookArgs.parse(args);
    }

    @Test
    void theLinesAwInitWrites_andTheirVariants_areHooks() {
        assertThat(parse("hook", "post-tool-use")).isEqualTo(new Main.HookArgs(null, "post-tool-use", null));
        assertThat(parse("--root", "/p", "hook", "stop")).isEqualTo(new Main.HookArgs(Path.of("/p"), "stop", null));
        assertThat(parse("--root=/p", "hook", "PreToolUse", "--agent", "codex"))
                .isEqualTo(new Main.HookArgs(Path.of("/p"), "PreToolUse", "codex"));
        assertThat(parse("hook", "--agent=gemini", "session-start", "--root", "/p"))
                .isEqualTo(new Main.HookArgs(Path.of("/p"), "session-start", "gemini"));
    }

    @Test
    void anythingElse_goesThroughPicocli() {
        assertThat(parse()).isNull();
        assertThat(parse("serve")).isNull();
        assertThat(parse("hook")).as("no event").isNull();
        assertThat(parse("hook", "--help")).isNull();
        assertThat(parse("hook", "-h", "stop")).isNull();
        assertThat(parse("hook", "stop", "extra")).isNull();
        assertThat(parse("hook", "stop", "--agent"))
                .as("an option without its value")
                .isNull();
        assertThat(parse("--root", "--agent", "hook", "stop"))
                .as("a value that looks like an option")
                .isNull();
        assertThat(parse("hook", "stop", "--agent", "a", "--agent", "b"))
                .as("given twice")
                .isNull();
        assertThat(parse("--root", "/a", "hook", "stop", "--root", "/b")).isNull();
        assertThat(parse("--agent", "codex", "hook", "stop"))
                .as("--agent belongs to the hook command")
                .isNull();
        assertThat(parse("get-project", "hook", "stop")).isNull();
        assertThat(parse("hook", "stop", "--verbose")).isNull();
    }
}
