package dev.workbench.core.capture;

import dev.workbench.core.capture.ShellWords.Word;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a program's own arguments start when it is an interpreter: after the script, the module ({@code -m}) or the
 * code ({@code -c}, {@code -e}), so that {@code python -u -W ignore -m pkg.train --lr 1} gives {@code lr} and not
 * {@code W} or {@code m}. Any other program's arguments start right after it.
 */
final class Interpreters {
    /** An interpreter: its options that take a value, and those whose value is the code or module to run. */
    private record Interpreter(Set<String> valued, Set<String> running) {}

    private static final Interpreter PYTHON =
            new Interpreter(Set.of("-W", "-X", "--check-hash-based-pycs"), Set.of("-m", "-c"));
    private static final Interpreter SHELL = new Interpreter(Set.of("-o", "-O", "+o", "+O"), Set.of("-c"));
    private static final Interpreter NODE = new Interpreter(
            Set.of("-r", "--require", "--import", "--loader", "-C", "--conditions"),
            Set.of("-e", "--eval", "-p", "--print"));
    private static final Map<String, Interpreter> INTERPRETERS = Map.ofEntries(
            Map.entry("Rscript", new Interpreter(Set.of(), Set.of("-e"))),
            Map.entry("node", NODE),
            Map.entry("nodejs", NODE),
            Map.entry(
                    "julia",
                    new Interpreter(
                            Set.of(
                                    "-t",
                                    "--threads",
                                    "-p",
                                    "--procs",
                                    "-J",
                                    "--sysimage",
                                    "-L",
                                    "--load",
                                    "-C",
                                    "--cpu-target"),
                            Set.of("-e", "-E", "--eval", "--print"))),
            Map.entry(
                    "java",
                    new Interpreter(
                            Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path", "--add-modules"),
                            Set.of("-jar", "-m", "--module"))),
            Map.entry("ruby", new Interpreter(Set.of("-I", "-r"), Set.of("-e"))),
            Map.entry("perl", new Interpreter(Set.of("-I"), Set.of("-e", "-E"))),
            Map.entry("php", new Interpreter(Set.of("-c", "-d"), Set.of("-r", "-f"))),
            Map.entry("sh", SHELL),
            Map.entry("bash", SHELL),
            Map.entry("zsh", SHELL),
            Map.entry("dash", SHELL),
            Map.entry("ksh", SHELL));

    private static final Pattern PYTHONS = Pattern.compile("python[0-9.]*|pypy[0-9.]*");
    /** Python's short options, bundled, that end with the one taking the module or the code: -um, -Bc. */
    private static final Pattern PYTHON_RUNNING = Pattern.compile("-[a-zA-Z]*[mc]");

    private Interpreters() {}

    /** The index in {@code words} (the program first) of the first word that is the program's own argument. */
    static int argumentsFrom(String name, List<Word> words) {
        Interpreter in = PYTHONS.matcher(name).matches() ? PYTHON : INTERPRETERS.get(name);
        if (in == null) {
            return 1;
        }
        int i = 1;
        while (i < words.size()) {
            String t = words.get(i).text();
            if (t.equals("-") || t.equals("--")) {
                return i + 1; // the program from stdin, or the end of the interpreter's options
            }
            if (!t.startsWith("-") && !t.startsWith("+")) {
                return i + 1; // the script
            }
            if (in.running().contains(t)
                    || (in == PYTHON && PYTHON_RUNNING.matcher(t).matches())) {
                return i + 2; // -m module, -c code, python -um module
            }
            i += in.valued().contains(t) ? 2 : 1;
        }
        return i;
    }
}
