package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InitCommandTest {
    @Test
    void launcherPaths_areQuotedForTheShellOnlyWhenNeeded() {
        assertThat(InitCommand.shellWord("/opt/workbench/bin/aw")).isEqualTo("/opt/workbench/bin/aw");
        assertThat(InitCommand.shellWord("/tmp/sp ace/bin/aw")).isEqualTo("'/tmp/sp ace/bin/aw'");
        assertThat(InitCommand.shellWord("/tmp/it's/aw")).isEqualTo("'/tmp/it'\\''s/aw'");
    }

    @Test
    void readOnlyCommands_areRecognised() {
        assertThat(HookCommand.readOnly("ls -la data")).isTrue();
        assertThat(HookCommand.readOnly("head -n3 data/raw.csv | wc -l")).isTrue();
        assertThat(HookCommand.readOnly("cat a.csv > b.csv")).isFalse();
        assertThat(HookCommand.readOnly("python clean.py data")).isFalse();
        assertThat(HookCommand.words("python fit.py --out=models/m.bin -v data")).containsExactly("python", "fit.py", "models/m.bin", "data");
    }
}
