package dev.workbench.core.capture;

import dev.workbench.core.capture.ShellWords.Word;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Programs that run another program ({@code env A=1 python …}, {@code timeout 60 …}, {@code uv run …}): stepped
 * over with their own options, so that the program they run is the one whose arguments are read.
 */
final class Wrappers {
    /** A wrapper: its options that take the next word as their value, and how many positional words it takes. */
    private record Wrapper(Set<String> valued, int positional) {}

    private static final Wrapper PLAIN = new Wrapper(Set.of(), 0);
    private static final Map<String, Wrapper> WRAPPERS = Map.ofEntries(
            Map.entry("env", new Wrapper(Set.of("-u", "--unset", "-C", "--chdir"), 0)),
            Map.entry("nohup", PLAIN),
            Map.entry("command", PLAIN),
            Map.entry("builtin", PLAIN),
            Map.entry("caffeinate", PLAIN),
            Map.entry("exec", new Wrapper(Set.of("-a"), 0)),
            Map.entry("time", new Wrapper(Set.of("-f", "-o", "--format", "--output"), 0)),
            Map.entry("nice", new Wrapper(Set.of("-n", "--adjustment"), 0)),
            Map.entry("ionice", new Wrapper(Set.of("-c", "-n", "--class", "--classdata"), 0)),
            Map.entry("stdbuf", new Wrapper(Set.of("-i", "-o", "-e"), 0)),
            Map.entry("timeout", new Wrapper(Set.of("-s", "--signal", "-k", "--kill-after"), 1)),
            Map.entry("sudo", new Wrapper(Set.of("-u", "-g", "-C", "-h", "-p", "-U", "--user", "--group"), 0)));
    /** {@code <tool> run …}: a project runner; its options that take a value. */
    private static final Map<String, Set<String>> RUNNERS = Map.of(
            "uv",
            Set.of(
                    "--with",
                    "-w",
                    "--python",
                    "-p",
                    "--env-file",
                    "--extra",
                    "--group",
                    "--package",
                    "--directory",
                    "--project",
                    "--index",
                    "--from"),
            "poetry",
            Set.of("-C", "--directory", "-P", "--project"),
            "pipenv",
            Set.of(),
            "pdm",
            Set.of("-p", "--project"),
            "hatch",
            Set.of(),
            "rye",
            Set.of(),
            "pixi",
            Set.of("-e", "--environment", "--manifest-path"),
            "conda",
            Set.of("-n", "--name", "-p", "--prefix", "--cwd"),
            "mamba",
            Set.of("-n", "--name", "-p", "--prefix", "--cwd"),
            "micromamba",
            Set.of("-n", "--name", "-p", "--prefix", "--cwd"));

    private Wrappers() {}

    /**
     * The words from the wrapped program on; {@code NAME=value} words that {@code env} sets go to {@code environment}.
     * A wrapper with nothing after it gives an empty list.
     */
    static List<Word> unwrap(List<Word> words, Consumer<List<Word>> environment) {
        for (int guard = 0; guard < 8 && !words.isEmpty() && !words.get(0).dynamic(); guard++) {
            String name = name(words.get(0));
            Wrapper w = WRAPPERS.get(name);
            int i;
            if (w != null) {
                i = skipOptions(words, 1, w.valued());
                i += w.positional();
                if (name.equals("env")) {
                    int from = i;
                    while (i < words.size()
                            && ParamValues.SHELL_ASSIGNMENT
                                    .matcher(words.get(i).text())
                                    .matches()) {
                        i++;
                    }
                    environment.accept(words.subList(Math.min(from, words.size()), Math.min(i, words.size())));
                }
            } else if (RUNNERS.containsKey(name)
                    && words.size() > 1
                    && words.get(1).text().equals("run")) {
                i = skipOptions(words, 2, RUNNERS.get(name));
            } else {
                return words;
            }
            if (i < words.size() && words.get(i).text().equals("--")) {
                i++;
            }
            words = words.subList(Math.min(i, words.size()), words.size());
        }
        return words;
    }

    static String name(Word program) {
        return program.text().substring(program.text().lastIndexOf('/') + 1);
    }

    /** The index of the first word from {@code i} on that is not an option (nor the value of one in {@code valued}). */
    static int skipOptions(List<Word> words, int i, Set<String> valued) {
        while (i < words.size()) {
            String t = words.get(i).text();
            if (!t.startsWith("-") || t.equals("-") || t.equals("--")) {
                return i;
            }
            i += valued.contains(t) ? 2 : 1;
        }
        return i;
    }
}
