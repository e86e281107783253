package dev.workbench.core.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.workbench.core.capture.ShellWords.Word;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * How a program's own argument words become params: {@code --lr 0.1}, {@code --lr=0.1}, {@code -n 5}, {@code --fp16},
 * {@code key=value} and Hydra overrides. {@link CommandLineParams} finds which words are a program's arguments (past
 * wrappers, interpreters and shells); this class only reads them, and guesses which options are switches.
 */
final class ProgramArguments {
    /** Options that are switches by name: a word after one is never its value, unless it is a number or boolean. */
    private static final Set<String> SWITCHES = Set.of(
            "verbose",
            "quiet",
            "silent",
            "debug",
            "help",
            "version",
            "force",
            "dry-run",
            "dry_run",
            "dryrun",
            "overwrite",
            "resume",
            "recursive",
            "cpu",
            "gpu",
            "cuda",
            "fp16",
            "bf16",
            "amp",
            "deterministic",
            "shuffle",
            "plot",
            "strict",
            "multirun",
            "execute",
            "inplace",
            "stdout",
            "allow-errors",
            "v",
            "vv",
            "q");

    private static final List<String> SWITCH_PREFIXES = List.of("no-", "no_", "use-", "use_", "enable-", "disable-");

    /** Where each param goes: the command line's params, which normalise its key and let the last value win. */
    private final BiConsumer<String, JsonNode> put;

    ProgramArguments(BiConsumer<String, JsonNode> put) {
        this.put = put;
    }

    /** A program's arguments: options, {@code key=value} words and Hydra overrides; other words are positional. */
    void read(List<Word> words) {
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            String t = w.text();
            Word next = i + 1 < words.size() ? words.get(i + 1) : null;
            if (w.dynamic() || t.equals("--") || t.equals("-")) {
                continue;
            }
            if (t.startsWith("-") && !ParamValues.number(t)) {
                i += option(t, next);
            } else if (ParamValues.removal(t)) {
                continue; // Hydra's ~key removes it: no value to record (the resolved config shows what remains)
            } else {
                ParamValues.Assignment a = ParamValues.assignment(t);
                if (a != null) {
                    put.accept(a.name(), a.node());
                }
            }
        }
    }

    /** An option word and the one after it; returns how many words after it were taken (0 or 1). */
    private int option(String t, Word next) {
        boolean isLong = t.startsWith("--");
        String body = t.substring(isLong ? 2 : 1);
        while (body.startsWith("-")) {
            body = body.substring(1);
        }
        int eq = body.indexOf('=');
        if (eq > 0) {
            put.accept(body.substring(0, eq), ParamValues.scalar(body.substring(eq + 1)));
            return 0;
        }
        if (next == null || (next.text().startsWith("-") && !ParamValues.number(next.text()) && !next.dynamic())) {
            if (isLong) {
                put.accept(body, BooleanNode.TRUE);
            }
            return 0;
        }
        if (next.dynamic()) {
            return 1; // --window $w: the value is only known when the shell runs it
        }
        String v = next.text();
        if (ParamValues.assignment(v) != null || ParamValues.removal(v)) {
            return 0; // dvc -S train.lr=0.1, snakemake --config a=1, hydra -m lr=0.1,0.01: the word is its own param
        }
        boolean valueLike = ParamValues.number(v) || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
        if (!isLong) {
            // -n 5: a short option's value is taken only when it is a number; -v data.csv, -o out.txt are too often
            // a switch followed by a file to tell apart
            if (ParamValues.number(v)) {
                put.accept(body, ParamValues.scalar(v));
                return 1;
            }
            return 0;
        }
        if (switchName(body) && !valueLike) {
            put.accept(body, BooleanNode.TRUE);
            return 0;
        }
        put.accept(body, ParamValues.scalar(v));
        return 1;
    }

    private static boolean switchName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SWITCHES.contains(n) || SWITCH_PREFIXES.stream().anyMatch(n::startsWith);
    }
}
