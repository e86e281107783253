package dev.workbench.core.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell command line split the way a POSIX shell (bash) splits it, without running or expanding anything: into
 * simple commands (at {@code ;}, {@code &}, {@code &&}, {@code ||}, {@code |}, {@code |&}, parentheses and newlines),
 * each a list of words with quotes and backslashes removed. Redirections and their targets ({@code > out.txt},
 * {@code 2>&1}, {@code <<EOF} with its here-document) are left out; comments too.
 *
 * <p>A word whose value the shell would only know when it runs ({@code $w}, {@code "$HOME/x"}, {@code $(date)},
 * a backquote, a brace expansion such as {@code {3,7,14}}, a process substitution) is marked {@link Word#dynamic}:
 * its text is kept as written, but it is not what the program received. A line that does not parse (an open
 * quote) gives what was read up to its end.
 */
final class ShellWords {
    /** One word as the program receives it, or as written when {@link #dynamic}. */
    record Word(String text, boolean dynamic) {}

    private final String s;
    private int i;
    private final List<List<Word>> commands = new ArrayList<>();
    private final List<Word> targets = new ArrayList<>();
    private List<Word> current = new ArrayList<>();
    private final List<String[]> hereDocs = new ArrayList<>(); // {delimiter, "-" when tabs are stripped}
    private boolean skipNextWord; // the target of a redirection
    private String lastRaw = ""; // the last word as written

    private ShellWords(String s) {
        this.s = s;
    }

    /** The simple commands of {@code line}, in order; empty ones left out. */
    static List<List<Word>> commands(String line) {
        return parse(line).commands();
    }

    /**
     * A line read: its simple commands, and the targets of its redirections ({@code data/in.csv} of
     * {@code < data/in.csv}, {@code out.txt} of {@code > out.txt}), which are files the line reads or writes.
     */
    record Parsed(List<List<Word>> commands, List<Word> targets) {}

    static Parsed parse(String line) {
        ShellWords w = new ShellWords(line);
        w.run();
        return new Parsed(w.commands, w.targets);
    }

    private void run() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i += 2; // a line continuation
            } else if (c == '\n') {
                i++;
                end();
                skipHereDocs();
            } else if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if ((c == '<' || c == '>') && i + 1 < s.length() && s.charAt(i + 1) == '(') {
                word(); // a process substitution is a word (a /dev/fd path)
            } else if (c == '<' || c == '>' || (c == '&' && i + 1 < s.length() && s.charAt(i + 1) == '>')) {
                redirection();
            } else if (c == ';' || c == '|' || c == '&' || c == '(' || c == ')') {
                i++;
                if (i < s.length() && (s.charAt(i) == c || (c == '|' && s.charAt(i) == '&'))) {
                    i++; // && || ;; |&
                }
                end();
            } else {
                word();
            }
        }
        end();
    }

    private void end() {
        if (!current.isEmpty()) {
            commands.add(current);
            current = new ArrayList<>();
        }
        skipNextWord = false;
    }

    private void redirection() {
        String op;
        if (s.startsWith("<<<", i) || s.startsWith("<<-", i) || s.startsWith("&>>", i)) {
            op = s.substring(i, i + 3);
        } else if (s.startsWith("<<", i)
                || s.startsWith(">>", i)
                || s.startsWith(">&", i)
                || s.startsWith("<&", i)
                || s.startsWith(">|", i)
                || s.startsWith("<>", i)
                || s.startsWith("&>", i)) {
            op = s.substring(i, i + 2);
        } else {
            op = s.substring(i, i + 1);
        }
        i += op.length();
        if (op.startsWith("<<") && !op.equals("<<<")) {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            Word delimiter = readWord();
            if (delimiter != null) {
                hereDocs.add(new String[] {delimiter.text(), op.equals("<<-") ? "-" : ""});
            }
            return;
        }
        skipNextWord = true;
    }

    /** Skips the bodies of the here-documents opened on the line just ended. */
    private void skipHereDocs() {
        for (String[] doc : hereDocs) {
            while (i < s.length()) {
                int eol = s.indexOf('\n', i);
                String line = s.substring(i, eol < 0 ? s.length() : eol);
                i = eol < 0 ? s.length() : eol + 1;
                if ((doc[1].isEmpty() ? line : stripTabs(line)).equals(doc[0])) {
                    break;
                }
            }
        }
        hereDocs.clear();
    }

    private void word() {
        Word w = readWord();
        if (w == null) {
            return;
        }
        if (skipNextWord) {
            skipNextWord = false;
            targets.add(w);
            return;
        }
        // "2>": a word of digits right before a redirection is its file descriptor, not an argument
        if (!w.dynamic()
                && i < s.length()
                && (s.charAt(i) == '<' || s.charAt(i) == '>')
                && digits(w.text())
                && lastRaw.equals(w.text())) {
            return;
        }
        current.add(w);
    }

    private static String stripTabs(String line) {
        int t = 0;
        while (t < line.length() && line.charAt(t) == '\t') {
            t++;
        }
        return line.substring(t);
    }

    private static boolean digits(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Reads one word from {@code i}; null when there is none. */
    private Word readWord() {
        StringBuilder text = new StringBuilder();
        boolean dynamic = false;
        boolean any = false;
        int braceOpen = -1;
        boolean braceList = false;
        int start = i;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '|' || c == '&' || c == ')') {
                break;
            }
            if ((c == '<' || c == '>') && !(i + 1 < s.length() && s.charAt(i + 1) == '(')) {
                break;
            }
            any = true;
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                text.append(s, i + 1, end < 0 ? s.length() : end);
                i = end < 0 ? s.length() : end + 1;
            } else if (c == '"') {
                dynamic |= doubleQuoted(text);
            } else if (c == '\\') {
                if (i + 1 < s.length() && s.charAt(i + 1) != '\n') {
                    text.append(s.charAt(i + 1));
                }
                i = Math.min(i + 2, s.length()); // a backslash at the very end stands for nothing
            } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                ansiC(text);
            } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                i++; // $"..." (a translated string) reads as "..."
            } else if (c == '$' || c == '`') {
                dynamic |= expansion(text);
            } else if ((c == '<' || c == '>') && s.charAt(i + 1) == '(') {
                int from = i;
                i = balanced(i + 1, '(', ')');
                text.append(s, from, i);
                dynamic = true;
            } else if (c == '(') {
                int from = i; // inside a word: an array a=(1 2), a glob group @(a|b): kept as written
                i = balanced(i, '(', ')');
                text.append(s, from, i);
                dynamic = true;
            } else {
                if (c == '{') {
                    braceOpen = text.length();
                } else if (c == ',' && braceOpen >= 0) {
                    braceList = true;
                } else if (c == '.' && braceOpen >= 0 && i + 1 < s.length() && s.charAt(i + 1) == '.') {
                    braceList = true;
                } else if (c == '}' && braceList) {
                    dynamic = true; // {3,7,14} or {1..5}: the shell makes several words of it
                }
                text.append(c);
                i++;
            }
        }
        lastRaw = s.substring(start, i);
        return any ? new Word(text.toString(), dynamic) : null;
    }

    /** A "..." part, from its opening quote; returns whether it held an expansion. */
    private boolean doubleQuoted(StringBuilder text) {
        boolean dynamic = false;
        i++;
        while (i < s.length() && s.charAt(i) != '"') {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && "\"\\$`\n".indexOf(s.charAt(i + 1)) >= 0) {
                if (s.charAt(i + 1) != '\n') {
                    text.append(s.charAt(i + 1));
                }
                i += 2;
            } else if (c == '$' || c == '`') {
                dynamic |= expansion(text);
            } else {
                text.append(c);
                i++;
            }
        }
        i = Math.min(i + 1, s.length()); // the closing quote, when there is one
        return dynamic;
    }

    /** A $... or `...` expansion from {@code i}, appended as written; false for a lone '$', which stays a '$'. */
    private boolean expansion(StringBuilder text) {
        int from = i;
        char c = s.charAt(i);
        if (c == '`') {
            int j = i + 1;
            while (j < s.length() && s.charAt(j) != '`') {
                j += s.charAt(j) == '\\' ? 2 : 1;
            }
            i = Math.min(j + 1, s.length());
        } else if (i + 1 < s.length() && s.charAt(i + 1) == '(') {
            i = balanced(i + 1, '(', ')');
        } else if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
            i = balanced(i + 1, '{', '}');
        } else if (i + 1 < s.length() && (Character.isLetterOrDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '_')) {
            i++;
            if (Character.isDigit(s.charAt(i))) {
                i++; // $1: one digit
            } else {
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
            }
        } else if (i + 1 < s.length() && "@*#?$!-".indexOf(s.charAt(i + 1)) >= 0) {
            i += 2;
        } else {
            text.append('$');
            i++;
            return false;
        }
        text.append(s, from, i);
        return true;
    }

    /** The index after the bracket that closes the one at {@code open}, quotes and nesting respected. */
    private int balanced(int open, char opening, char closing) {
        int depth = 0;
        int j = open; // every step below may pass the end by one: the result is clamped
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '\'') {
                int end = s.indexOf('\'', j + 1);
                j = end < 0 ? s.length() : end + 1;
                continue;
            }
            if (c == '"') {
                j++;
                while (j < s.length() && s.charAt(j) != '"') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                j++;
                continue;
            }
            if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return Math.min(j + 1, s.length());
            }
            j++;
        }
        return s.length();
    }

    /** A $'...' part: backslash escapes as bash reads them there. */
    private void ansiC(StringBuilder text) {
        i += 2;
        while (i < s.length() && s.charAt(i) != '\'') {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(i + 1);
                switch (e) {
                    case 'n' -> text.append('\n');
                    case 't' -> text.append('\t');
                    case 'r' -> text.append('\r');
                    case '0' -> text.append('\0');
                    case 'a' -> text.append('\u0007');
                    case 'e', 'E' -> text.append('\u001b');
                    default -> text.append(e); // \\ \' \" and anything else: the character itself
                }
                i += 2;
            } else {
                text.append(c);
                i++;
            }
        }
        i = Math.min(i + 1, s.length());
    }
}
