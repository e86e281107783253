package dev.workbench.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonRpcShapeTest {

    /** A parse error says what was wrong and where, in words a client can show, without the parser's settings. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "NaN|{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\",\"params\":NaN}|Non-standard token 'NaN'",
                "deep|DEEP|nesting depth (1001) exceeds the maximum allowed (1000)",
                "truncated|{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"pi|Unexpected end-of-input",
                "trailing|{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"} {\"id\":9}|Trailing token (of type START_OBJECT) found after value",
            })
    void parseErrors_areReadable(String kind, String line, String expected) {
        String text = line.equals("DEEP") ? "{\"jsonrpc\":\"2.0\",\"id\":9,\"params\":" + "[".repeat(1001) : line;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        JsonRpcShape.Verdict verdict = JsonRpcShape.check(bytes, bytes.length);
        assertThat(verdict).isInstanceOf(JsonRpcShape.Reject.class);
        String message = ((JsonRpcShape.Reject) verdict).message();
        if (!kind.equals("deep")) { // the depth limit is reported without a place
            assertThat(message).contains(" at line 1, column ");
        }
        assertThat(message)
                .startsWith("Parse error: ")
                .contains(expected)
                .doesNotContain(
                        "`",
                        "JsonReadFeature",
                        "StreamReadConstraints",
                        "DeserializationFeature",
                        "com.fasterxml",
                        "Source:",
                        "REDACTED",
                        "enable");
    }
}
