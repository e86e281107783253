package dev.workbench.core.capture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.capture.ShellWords.Word;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The params a shell command line gives its programs, read without running it (see the README, "Params and
 * metrics"). Every simple command that runs a program counts ({@code cd}, {@code source}, file and text utilities
 * do not, nor the workbench's own {@code aw}); wrappers ({@code env}, {@code timeout 60}, {@code uv run}, {@code conda run -n x}, …) and an
 * interpreter's own options ({@code python -u -m pkg}) are stepped over, {@code sh -c '…'} is read inside.
 * When a key is given twice the last value wins, as with argparse and Hydra; keys keep the place they first had.
 */
final class CommandLineParams {
    /** Shell keywords that may stand before a command: stepped over. */
    private static final Set<String> KEYWORDS = Set.of(
            "!", "{", "}", "do", "done", "then", "else", "elif", "fi", "if", "while", "until", "esac", "time",
            "coproc");
    /** Keywords whose simple command is a loop or case header, not a program. */
    private static final Set<String> HEADERS = Set.of("for", "select", "case", "function");
    /** Built-ins and file, text and version-control utilities: their arguments are not a run's params. */
    private static final Set<String> UTILITIES = Set.of(
            "cd",
            "pushd",
            "popd",
            "source",
            ".",
            "set",
            "unset",
            "alias",
            "true",
            "false",
            "exit",
            "return",
            "echo",
            "printf",
            "test",
            "[",
            "[[",
            "read",
            "wait",
            "sleep",
            "shift",
            "trap",
            "eval",
            "local",
            "declare",
            "typeset",
            "readonly",
            "mkdir",
            "rmdir",
            "rm",
            "cp",
            "mv",
            "ln",
            "touch",
            "ls",
            "cat",
            "head",
            "tail",
            "tee",
            "grep",
            "egrep",
            "fgrep",
            "rg",
            "sort",
            "uniq",
            "cut",
            "wc",
            "tr",
            "sed",
            "awk",
            "xargs",
            "parallel",
            "date",
            "pwd",
            "which",
            "type",
            "chmod",
            "chown",
            "find",
            "du",
            "df",
            "stat",
            "file",
            "diff",
            "cmp",
            "md5sum",
            "sha1sum",
            "sha256sum",
            "tree",
            "less",
            "more",
            "git",
            "jq",
            "yq",
            "column",
            "gzip",
            "gunzip",
            "zcat",
            "tar",
            "zip",
            "unzip",
            "curl",
            "wget",
            "clear",
            "kill",
            "ps",
            "basename",
            "dirname",
            "realpath",
            "readlink",
            "seq",
            "nproc",
            "open",
            "xdg-open",
            "pip",
            "pip3",
            "npm",
            "apt",
            "apt-get",
            "brew",
            "pbcopy",
            "dd",
            "watch",
            "ssh",
            "scp",
            "rsync",
            "mktemp",
            "printenv",
            "hash",
            "history",
            "umask");
    /** Environment variables that say where things are, not how the run goes: not params. */
    private static final Set<String> ENV_NOT_PARAMS = Set.of(
            "PATH",
            "PYTHONPATH",
            "LD_LIBRARY_PATH",
            "DYLD_LIBRARY_PATH",
            "LD_PRELOAD",
            "CLASSPATH",
            "HOME",
            "PWD",
            "OLDPWD",
            "SHELL",
            "USER",
            "TERM",
            "LANG",
            "LANGUAGE",
            "TMPDIR",
            "JAVA_HOME",
            "VIRTUAL_ENV",
            "CONDA_PREFIX",
            "PYTHONUNBUFFERED",
            "PYTHONDONTWRITEBYTECODE",
            "NO_COLOR",
            "FORCE_COLOR",
            "COLUMNS",
            "PAGER",
            "EDITOR",
            "DISPLAY");

    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh");

    private final Map<String, JsonNode> params = new LinkedHashMap<>();

    private CommandLineParams() {}

    /** The params of {@code command}, in the order their keys first appear. */
    static Map<String, JsonNode> parse(String command) {
        CommandLineParams p = new CommandLineParams();
        p.line(command, 0);
        return p.params;
    }

    private void line(String command, int depth) {
        for (List<Word> words : ShellWords.commands(command)) {
            simple(words, depth);
        }
    }

    private void simple(List<Word> all, int depth) {
        int i = 0;
        while (i < all.size()
                && KEYWORDS.contains(all.get(i).text())
                && !all.get(i).dynamic()) {
            i++;
        }
        if (i < all.size() && HEADERS.contains(all.get(i).text())) {
            return;
        }
        int assignments = i;
        while (i < all.size()
                && ParamValues.SHELL_ASSIGNMENT.matcher(all.get(i).text()).matches()) {
            i++; // SEED=$RANDOM too: an assignment, whose value is unknown (left out below)
        }
        if (i == all.size()) {
            return; // NAME=value alone sets a shell variable, which no program sees unless it is exported
        }
        environment(all.subList(assignments, i));
        List<Word> words = Wrappers.unwrap(all.subList(i, all.size()), this::environment);
        if (words.isEmpty()) {
            return;
        }
        Word program = words.get(0);
        String name = program.text().substring(program.text().lastIndexOf('/') + 1);
        if (!program.dynamic() && name.equals("export")) {
            environment(words.subList(1, words.size()));
            return;
        }
        if ((!program.dynamic() && UTILITIES.contains(name)) || CommandWords.own(program)) {
            return;
        }
        if (!program.dynamic() && SHELLS.contains(name)) {
            int script = shellScript(words);
            if (script > 0) {
                if (!words.get(script).dynamic() && depth < 3) {
                    line(words.get(script).text(), depth + 1);
                }
                return;
            }
        }
        if (!program.dynamic() && name.equals("papermill")) {
            papermill(words);
            return;
        }
        int from = program.dynamic() ? 1 : Interpreters.argumentsFrom(name, words);
        new ProgramArguments(this::put).read(words.subList(Math.min(from, words.size()), words.size()));
    }

    /**
     * The index of the command string of {@code sh -c '…'}, {@code bash -lc '…'} (Codex runs every command so) or
     * {@code bash -e -c '…'}: the first word after the options when a bundle of them holds {@code c}; -1 otherwise.
     */
    private static int shellScript(List<Word> words) {
        boolean command = false;
        for (int i = 1; i < words.size(); i++) {
            String t = words.get(i).text();
            if (t.equals("-o") || t.equals("+o") || t.equals("-O") || t.equals("+O")) {
                i++;
            } else if (t.startsWith("-") && !t.startsWith("--") && t.length() > 1) {
                command |= t.indexOf('c') > 0;
            } else if (!t.startsWith("--") && !t.startsWith("+")) {
                return command ? i : -1;
            }
        }
        return -1;
    }

    /** Papermill's {@code -p name value} (and {@code -r} for a raw string) parameters of a notebook run. */
    private void papermill(List<Word> words) {
        for (int i = 1; i + 2 < words.size(); i++) {
            String t = words.get(i).text();
            boolean raw = t.equals("-r") || t.equals("--parameters_raw");
            if ((raw || t.equals("-p") || t.equals("--parameters"))
                    && !words.get(i + 2).dynamic()) {
                String v = words.get(i + 2).text();
                put(words.get(i + 1).text(), raw ? ParamValues.text(v) : ParamValues.scalar(v));
                i += 2;
            }
        }
    }

    /** {@code NAME=value} words a program's environment gets; those that say where things are left out. */
    private void environment(List<Word> words) {
        for (Word w : words) {
            if (w.dynamic()) {
                continue;
            }
            ParamValues.Assignment a = ParamValues.assignment(w.text());
            if (a != null
                    && !ENV_NOT_PARAMS.contains(a.name())
                    && !a.name().startsWith("LC_")
                    && ParamValues.SHELL_NAME.matcher(a.name()).matches()) {
                put(a.name(), ParamValues.scalar(a.value()));
            }
        }
    }

    private void put(String name, JsonNode value) {
        String key = ParamValues.key(name);
        if (key == null || value == null) {
            return;
        }
        params.put(key, value);
    }
}
