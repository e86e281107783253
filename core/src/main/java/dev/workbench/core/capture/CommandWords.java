package dev.workbench.core.capture;

import dev.workbench.core.capture.ShellWords.Word;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a shell command line is, as far as the hooks need to know without running it: whether it is only the
 * workbench's own commands, the first program it runs, and the words that may name files ({@link ShellWords}).
 */
public final class CommandWords {
    private CommandWords() {}

    /** Simple commands that only set the scene for the next one ({@code cd x && …}). */
    private static final Set<String> SCENE = Set.of("cd", "pushd", "popd", "export", "set", "true");

    /** The workbench's own program ({@code aw}, {@code bin/aw}, {@code /path/to/aw}), by its file name. */
    static boolean own(Word program) {
        return !program.dynamic() && Wrappers.name(program).equals("aw");
    }

    /**
     * A line of the workbench's own commands ({@code aw …}, {@code FOO=1 bin/aw …; aw …}, after {@code cd …} at most):
     * each leaves its own trace (a rollback takes its own safety checkpoint), so the line is neither checkpointed before
     * nor recorded as a run. A line that also runs anything else ({@code aw status; python clean.py}) is captured whole.
     */
    static boolean ownCall(String command) {
        boolean own = false;
        for (List<Word> words : ShellWords.commands(command)) {
            List<Word> program = programWords(words);
            if (program.isEmpty()) {
                continue; // NAME=value alone
            }
            if (own(program.get(0))) {
                own = true;
            } else if (program.get(0).dynamic() || !SCENE.contains(Wrappers.name(program.get(0)))) {
                return false;
            }
        }
        return own;
    }

    /**
     * The first program a command line runs, past variable assignments, wrappers, {@code cd …&&}-style set-up and the
     * workbench's own commands (in {@code aw status; rm -rf data} it is {@code rm}).
     */
    static String program(String command) {
        for (List<Word> words : ShellWords.commands(command)) {
            List<Word> program = programWords(words);
            if (!program.isEmpty() && !own(program.get(0))) {
                String name = Wrappers.name(program.get(0));
                if (program.get(0).dynamic() || !(SCENE.contains(name) || name.equals("source") || name.equals("."))) {
                    return program.get(0).text();
                }
            }
        }
        return "";
    }

    /** A simple command's words from its program on: past {@code NAME=value} words and wrappers ({@code env}, {@code timeout}, …). */
    private static List<Word> programWords(List<Word> words) {
        int i = 0;
        while (i < words.size()
                && ParamValues.SHELL_ASSIGNMENT.matcher(words.get(i).text()).matches()) {
            i++;
        }
        return Wrappers.unwrap(words.subList(i, words.size()), environment -> {});
    }

    /**
     * The words of a command that may be paths, as its programs receive them ({@link ShellWords}), with
     * {@code --option=path} values included, other options left out, and the targets of its redirections last. A word
     * whose value only the shell knows ({@code $HOME/x}) is left out.
     */
    public static Set<String> words(String command) {
        ShellWords.Parsed parsed = ShellWords.parse(command);
        List<Word> all = new ArrayList<>();
        parsed.commands().forEach(all::addAll);
        all.addAll(parsed.targets());
        Set<String> words = new LinkedHashSet<>();
        for (Word w : all) {
            String word = w.text();
            if (w.dynamic()) {
                continue;
            }
            if (word.startsWith("-")) {
                int eq = word.indexOf('=');
                word = eq > 0 ? word.substring(eq + 1) : "";
            }
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
