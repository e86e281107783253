package dev.workbench.server.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.server.Processes;
import dev.workbench.server.stdio.RobustStdio;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** bin/aw's forwarder refuses a payload over the limit the endpoint and stdio enforce (moved from HookArgsTest). */
class HookPayloadLimitTest {
    @Test
    void bashsPayloadLimit_isTheJavaOne_andWrittenOnce() throws Exception {
        String aw = Files.readString(Processes.REPO.resolve("bin/aw"));
        Matcher m = Pattern.compile("(?m)^aw_max_payload=\\$\\(\\(([0-9]+) \\* ([0-9]+) \\* ([0-9]+)\\)\\)$")
                .matcher(aw);
        assertThat(m.find()).as("bin/aw sets aw_max_payload").isTrue();
        long bash = Long.parseLong(m.group(1)) * Long.parseLong(m.group(2)) * Long.parseLong(m.group(3));
        assertThat(bash).isEqualTo(RobustStdio.MAX_LINE_BYTES).isEqualTo(HookEndpoint.MAX_PAYLOAD);
        assertThat(aw.split("1024 \\* 1024", -1)).as("the limit written once").hasSize(2);
    }
}
