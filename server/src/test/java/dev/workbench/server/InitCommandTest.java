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
        assertThat(dev.workbench.core.capture.Capture.readOnly("ls -la data")).isTrue();
        assertThat(dev.workbench.core.capture.Capture.readOnly("head -n3 data/raw.csv | wc -l")).isTrue();
        assertThat(dev.workbench.core.capture.Capture.readOnly("cat a.csv > b.csv")).isFalse();
        assertThat(dev.workbench.core.capture.Capture.readOnly("python clean.py data")).isFalse();
        assertThat(dev.workbench.core.capture.Capture.words("python fit.py --out=models/m.bin -v data")).containsExactly("python", "fit.py", "models/m.bin", "data");
    }
}
