package dev.workbench.core.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a recorded command line invokes, read the way a POSIX shell splits words (quotes and backslashes; no
 * expansion). Used to tell runs of one pipeline step apart from other steps, and which programs a step needs.
 */
final class Commands {
    /** Programs that run a script named by their first argument (or given with -c, -e, -m, -jar, -f). */
    private static final Set<String> INTERPRETERS = Set.of(
            "python", "python2", "python3", "Rscript", "R", "node", "nodejs", "java", "julia", "sh", "bash", "zsh",
            "dash", "ksh", "ruby", "perl", "php", "deno", "bun", "awk");
    /** Options of interpreters whose next word is the script or the code itself. */
    private static final Set<String> SCRIPT_OPTIONS =
            Set.of("-c", "-e", "-m", "-jar", "-f", "--file", "--eval", "-cp", "-classpath", "--class-path");
    /** Programs whose first word says what they do ({@code make train}, {@code uv run}): part of the step. */
    private static final Set<String> DISPATCHERS = Set.of(
            "make",
            "npm",
            "npx",
            "yarn",
            "pnpm",
            "cargo",
            "go",
            "mvn",
            "gradle",
            "dvc",
            "git",
            "uv",
            "poetry",
            "conda",
            "docker",
            "just",
            "snakemake",
            "dbt",
            "pixi",
            "hatch");

    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh");
    /** Shell built-ins that set the scene for the command after them ({@code cd src && python3 fit.py}). */
    private static final Set<String> SETUP =
            Set.of("cd", "pushd", "popd", "source", ".", "export", "set", "true", "unset", "umask", "alias");

    private Commands() {}

    /** The words of a command line; a line that does not parse (an open quote) gives what was read so far. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < command.length()) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** The words from the program on: leading {@code NAME=value} assignments and {@code env} are skipped. */
    private static List<String> fromProgram(List<String> words) {
        int i = 0;
        while (i < words.size()
                && (words.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*")
                        || words.get(i).equals("env"))) {
            i++;
        }
        return words.subList(i, words.size());
    }

    /**
     * The program's file name ({@code /usr/bin/python3} gives {@code python3}); null for an empty command and
     * for a program of the project itself, named by a relative path ({@code ./fit.sh}, {@code bin/run}).
     */
    static String program(List<String> words) {
        List<String> rest = fromProgram(words);
        if (rest.isEmpty()) {
            return null;
        }
        String p = rest.get(0);
        if (p.contains("/") && !p.startsWith("/")) {
            return null;
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /**
     * What makes runs one pipeline step: the program and the script it runs (an interpreter's script, module or
     * code; a dispatcher's first word such as {@code make train}); other arguments are the run's parameters.
     * {@code python3 fit.py --alpha 1} and {@code python3 fit.py --alpha 2} share a key; {@code sh -c 'a'} and
     * {@code sh -c 'b'} do not. In a compound command the first simple command that is not a scene-setting built-in
     * decides: {@code cd src && python3 fit.py --alpha 1} is a run of {@code python3 fit.py}.
     */
    static String stepKey(String command) {
        List<String> parts = simpleCommands(command);
        for (String part : parts) {
            List<String> rest = fromProgram(words(part));
            if (!rest.isEmpty() && !SETUP.contains(rest.get(0))) {
                return simpleKey(rest);
            }
        }
        return parts.isEmpty() ? "" : simpleKey(fromProgram(words(parts.get(0))));
    }

    private static String simpleKey(List<String> rest) {
        if (rest.isEmpty()) {
            return "";
        }
        String program = rest.get(0);
        String name = program.substring(program.lastIndexOf('/') + 1);
        boolean interpreter = INTERPRETERS.contains(name) || name.matches("python3?(\\.\\d+)?");
        if (!interpreter && !DISPATCHERS.contains(name)) {
            return program;
        }
        for (int i = 1; i < rest.size(); i++) {
            String w = rest.get(i);
            if (interpreter && SCRIPT_OPTIONS.contains(w)) {
                return program + " " + w + " " + (i + 1 < rest.size() ? rest.get(i + 1) : "");
            }
            if (!w.startsWith("-")) {
                return program + " " + w;
            }
        }
        return program;
    }

    /**
     * The simple commands of a command line, split at {@code ;}, {@code &&}, {@code ||}, {@code |} and newlines
     * outside quotes: {@code cd src && python3 fit.py} is {@code cd src} then {@code python3 fit.py}.
     */
    static List<String> simpleCommands(String command) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
                    part.append(c);
                    c = command.charAt(++i);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\' && i + 1 < command.length()) {
                part.append(c);
                c = command.charAt(++i);
            } else if (c == ';'
                    || c == '\n'
                    || c == '|'
                    || (c == '&' && i + 1 < command.length() && command.charAt(i + 1) == '&')) {
                if (!part.toString().isBlank()) {
                    parts.add(part.toString().strip());
                }
                part.setLength(0);
                if ((c == '|' || c == '&') && i + 1 < command.length() && command.charAt(i + 1) == c) {
                    i++;
                }
                continue;
            }
            part.append(c);
        }
        if (!part.toString().isBlank()) {
            parts.add(part.toString().strip());
        }
        return parts;
    }

    /**
     * The programs a command runs, as far as its words tell: the first program of each simple command (split at
     * {@code ;}, {@code &&}, {@code ||} and {@code |}), and for {@code sh -c '...'} those of its script; shell
     * built-ins that set the scene ({@code cd}, {@code export}, ...) and the project's own scripts are left out.
     */
    static List<String> programs(String command) {
        List<String> out = new ArrayList<>();
        for (String part : simpleCommands(command)) {
            List<String> rest = fromProgram(words(part));
            String program = program(rest);
            if (program == null || program.isEmpty() || SETUP.contains(program)) {
                continue;
            }
            if (!out.contains(program)) {
                out.add(program);
            }
            int c = rest.indexOf("-c");
            if (SHELLS.contains(program) && c > 0 && c + 1 < rest.size()) {
                programs(rest.get(c + 1)).stream().filter(p -> !out.contains(p)).forEach(out::add);
            }
        }
        return out;
    }
}
