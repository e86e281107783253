package dev.workbench.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.capture.ShellWords.Word;
import dev.workbench.core.run.RunRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shell's word rules, and that no command line, however broken, makes the params fail a run record. */
class ShellWordsTest {

    private static List<List<String>> texts(String line) {
        return ShellWords.commands(line).stream()
                .map(c -> c.stream().map(Word::text).toList())
                .toList();
    }

    @Test
    void quotesEscapesAndContinuations_asBashReadsThem() {
        assertThat(texts("a 'b c' \"d \\\"e\\\" \\$f\" g\\ h $'i\\tj\\'k' \"l\"'m'n \\\n o"))
                .containsExactly(List.of("a", "b c", "d \"e\" $f", "g h", "i\tj'k", "lmn", "o"));
    }

    @Test
    void listsPipesAndSubshells_splitIntoSimpleCommands() {
        assertThat(texts("a 1; b 2 && c || d | e |& f & (g; h) { i; }\nj"))
                .containsExactly(
                        List.of("a", "1"),
                        List.of("b", "2"),
                        List.of("c"),
                        List.of("d"),
                        List.of("e"),
                        List.of("f"),
                        List.of("g"),
                        List.of("h"),
                        List.of("{", "i"),
                        List.of("}"),
                        List.of("j"));
    }

    @Test
    void redirectionsAndHereDocs_leftOut() {
        assertThat(texts("p a > o.txt 2>&1 b >> log 2> err < in c &> all d 3<> rw e <<< 'word' f"))
                .containsExactly(List.of("p", "a", "b", "c", "d", "e", "f"));
        assertThat(texts("cat <<-EOF > x\n\tp --k 1\n\tEOF\nq --k 2"))
                .containsExactly(List.of("cat"), List.of("q", "--k", "2"));
        assertThat(texts("p 2 >x")).containsExactly(List.of("p", "2")); // a digit with a space before '>' is a word
    }

    @Test
    void expansions_markedDynamic_keptAsWritten() {
        List<Word> words = ShellWords.commands(
                        "p $w \"$HOME/x\" $(date +%s) `id -u` {3,7,14} ${A:-1} lit\\$ '$q' <(sort x) $")
                .get(0);
        assertThat(words)
                .extracting(Word::text)
                .containsExactly(
                        "p",
                        "$w",
                        "$HOME/x",
                        "$(date +%s)",
                        "`id -u`",
                        "{3,7,14}",
                        "${A:-1}",
                        "lit$",
                        "$q",
                        "<(sort x)",
                        "$");
        assertThat(words)
                .extracting(Word::dynamic)
                .containsExactly(false, true, true, true, true, true, true, false, false, true, false);
    }

    @Test
    void comments_endTheLine() {
        assertThat(texts("p a # b; c\nd e#f")).containsExactly(List.of("p", "a"), List.of("d", "e#f"));
    }

    private static final String[] FRAGMENTS = {
        "python3",
        "x.py",
        "--k",
        "-n",
        "5",
        "0.1",
        "=",
        "a=b",
        "+a.b=1",
        "~c",
        "'",
        "\"",
        "\\",
        "$",
        "$(",
        ")",
        "(",
        "`",
        "{",
        "}",
        ",",
        ";",
        "&&",
        "|",
        ">",
        "<<",
        "EOF",
        "\n",
        " ",
        "\t",
        "#",
        "--",
        "-",
        "é",
        "\u0000",
        "\u0007",
        "\uD800",
        "x".repeat(300),
        "env",
        "A=1",
        "sh",
        "-c",
        "for",
        "do",
        "done",
        "timeout",
        "uv",
        "run",
        "${",
        "$'",
        "\\\n",
        "key=",
        "=value",
        "--=",
        "---"
    };

    /** Whatever is typed, the params found are a valid part of a run record: names, types, sizes. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void anyCommandLine_givesParamsARunRecordAccepts(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int withParams = 0;
        for (int round = 0; round < 300; round++) {
            StringBuilder line = new StringBuilder();
            int n = rng.nextInt(40);
            for (int i = 0; i < n; i++) {
                line.append(FRAGMENTS[rng.nextInt(FRAGMENTS.length)]).append(rng.nextInt(3) == 0 ? "" : " ");
            }
            Map<String, JsonNode> params =
                    RunParams.of(Path.of("."), line.toString(), List.of()).params();
            new RunRequest("x", null, null, null, null, null, null, params, null, null); // throws on a bad key or value
            withParams += params.isEmpty() ? 0 : 1;
        }
        System.err.printf("ShellWordsTest seed %d: 300 command lines, %d with params%n", seed, withParams);
        assertThat(withParams).isPositive();
    }

    /** A value quoted the way a program would quote it for the shell comes back as typed. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void singleQuotedValues_comeBackAsTyped(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        String alphabet = "ab 1.0e'\"\\$`(){};&|<>#*?~!\t,:/";
        for (int round = 0; round < 300; round++) {
            StringBuilder v = new StringBuilder("v");
            int n = rng.nextInt(12);
            for (int i = 0; i < n; i++) {
                v.append(alphabet.charAt(rng.nextInt(alphabet.length())));
            }
            String quoted = "'" + v.toString().replace("'", "'\\''") + "'";
            Map<String, JsonNode> params = CommandLineParams.parse("python x.py --value_key " + quoted + " | tee log");
            assertThat(params)
                    .as("%s", quoted)
                    .containsExactly(Map.entry("value_key", ParamValues.scalar(v.toString())));
        }
    }
}
