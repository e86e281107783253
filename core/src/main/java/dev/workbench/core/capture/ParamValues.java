package dev.workbench.core.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.workbench.core.Check;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How a param's name and value are read from text, the same for the command line and for the files. */
final class ParamValues {
    /** A string value longer than this is left out: a table cell, not a document (and a run record stays small). */
    static final int MAX_TEXT = 200;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern DECIMAL =
            Pattern.compile("[-+]?(([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)");
    /**
     * {@code key=value}, Hydra's {@code +key=value} and {@code ++key=value}; a key may hold Hydra's '/' and '@'. A
     * value starting with '=' is a version pin ({@code pandas==2.2}), not an assignment.
     */
    private static final Pattern ASSIGNMENT =
            Pattern.compile("(\\+{1,2})?([A-Za-z0-9_][A-Za-z0-9_.:/@-]*)=(?!=)(.*)", Pattern.DOTALL);
    /** Hydra's {@code ~key} and {@code ~key=value}: a removal, which gives the key no value. */
    private static final Pattern REMOVAL = Pattern.compile("~[A-Za-z0-9_][A-Za-z0-9_.:/@-]*(=.*)?", Pattern.DOTALL);

    /** A shell variable assignment {@code NAME=value}, as the shell reads one before a program. */
    static final Pattern SHELL_ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

    static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ParamValues() {}

    /**
     * A value as typed: {@code 7} and {@code -3} are integers, {@code 0.1}, {@code 3e-4} and {@code .5} numbers,
     * {@code true}/{@code false} (any case as YAML writes them: {@code True}, {@code FALSE}) booleans, anything else
     * a string. {@code 007} stays a string (an id, a date, a zip code). Null when nothing fits a run record: a
     * blank, a control character, or more than {@value #MAX_TEXT} characters.
     */
    static JsonNode scalar(String text) {
        if (INTEGER.matcher(text).matches()) {
            try {
                long v = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
                return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
            } catch (NumberFormatException tooLong) {
                return text(text);
            }
        }
        if (DECIMAL.matcher(text).matches()) {
            double v = Double.parseDouble(text);
            return Double.isFinite(v) ? NODES.numberNode(v) : text(text);
        }
        switch (text) {
            case "true", "True", "TRUE" -> {
                return NODES.booleanNode(true);
            }
            case "false", "False", "FALSE" -> {
                return NODES.booleanNode(false);
            }
            default -> {
                return text(text);
            }
        }
    }

    /** A string value, or null when it cannot be one (see {@link #scalar}). */
    static JsonNode text(String text) {
        if (text.isBlank() || text.length() > MAX_TEXT) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((Character.isISOControl(c) && c != '\t') || (Character.isSurrogate(c) && !pairedAt(text, i))) {
                return null;
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return NODES.textNode(text);
    }

    private static boolean pairedAt(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i))
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    /**
     * A name as a key: {@code /} becomes {@code .} (Hydra's config groups {@code model/encoder}, W&B's
     * {@code train/loss}), runs of spaces {@code _}; null when the result is not a {@link Check#word}.
     */
    static String key(String name) {
        String k = SPACES.matcher(name.replace('/', '.').strip()).replaceAll("_");
        return Check.isWord(k) ? k : null;
    }

    /** A {@code key=value} word (Hydra's {@code +}/{@code ++} forms included), or null. */
    static Assignment assignment(String word) {
        Matcher m = ASSIGNMENT.matcher(word);
        if (!m.matches()) {
            return null;
        }
        return new Assignment(m.group(2), m.group(3));
    }

    /** Whether the word is Hydra's {@code ~key} removal. */
    static boolean removal(String word) {
        return REMOVAL.matcher(word).matches();
    }

    /** A {@code key=value} word; the key as written (it may still fail {@link #key}). */
    record Assignment(String name, String value) {
        /**
         * The value the way Hydra reads an override: {@code 'text'} or {@code "text"} wholly quoted is that text, as
         * a string even when it looks like a number; anything else as {@link #scalar}.
         */
        JsonNode node() {
            String v = value.strip();
            if (v.length() >= 2
                    && (v.charAt(0) == '\'' || v.charAt(0) == '"')
                    && v.charAt(v.length() - 1) == v.charAt(0)) {
                return text(v.substring(1, v.length() - 1));
            }
            return scalar(v);
        }
    }

    /** A number as a command line writes one: an integer or decimal, possibly negative ({@code -1}, {@code -0.5}). */
    static boolean number(String text) {
        return INTEGER.matcher(text).matches() || DECIMAL.matcher(text).matches();
    }
}
