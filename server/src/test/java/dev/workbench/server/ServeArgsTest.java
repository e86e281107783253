package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which command lines {@code Main} serves over stdio without picocli's tree, and that picocli reads them alike. */
class ServeArgsTest {
    @Test
    void plainServeLines_skipPicocli_withTheRootPicocliWouldGive() {
        List<List<String>> lines = List.of(
                List.of("serve"),
                List.of("serve", "--root", "/p"),
                List.of("--root", "/p", "serve"),
                List.of("--root=/p", "serve"),
                List.of("serve", "--root=/p"),
                List.of("serve", "--root", "rel/dir"));
        for (List<String> line : lines) {
            String[] args = line.toArray(String[]::new);
            ServeArgs fast = ServeArgs.parse(args);
            assertThat(fast).as("%s", line).isNotNull();
            Main main = new Main();
            CommandLine.ParseResult parsed = new CommandLine(main).parseArgs(args);
            assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("serve");
            assertThat(fast.root()).as("%s", line).isEqualTo(main.root);
        }
        assertThat(ServeArgs.parse(new String[] {"serve", "--root", "/p"})).isEqualTo(new ServeArgs(Path.of("/p")));
        assertThat(ServeArgs.parse(new String[] {"serve"})).isEqualTo(new ServeArgs(null));
    }

    @Test
    void anythingElse_goesThroughPicocli() {
        assertThat(ServeArgs.parse(new String[] {})).isNull();
        assertThat(ServeArgs.parse(new String[] {"serve", "--http"})).isNull();
        assertThat(ServeArgs.parse(new String[] {"serve", "--port", "1"})).isNull();
        assertThat(ServeArgs.parse(new String[] {"serve", "--help"})).isNull();
        assertThat(ServeArgs.parse(new String[] {"serve", "-h"})).isNull();
        assertThat(ServeArgs.parse(new String[] {"serve", "serve"})).isNull();
        assertThat(ServeArgs.parse(new String[] {"serve", "--root"}))
                .as("an option without its value")
                .isNull();
        assertThat(ServeArgs.parse(new String[] {"serve", "--root", "--http"}))
                .as("a value that looks like an option")
                .isNull();
        assertThat(ServeArgs.parse(new String[] {"--root", "/a", "serve", "--root", "/b"}))
                .as("given twice")
                .isNull();
        assertThat(ServeArgs.parse(new String[] {"get-project"})).isNull();
        assertThat(ServeArgs.parse(new String[] {"hook", "stop"})).isNull();
        assertThat(ServeArgs.parse(new String[] {"--root", "/p"}))
                .as("no command")
                .isNull();
    }
}
