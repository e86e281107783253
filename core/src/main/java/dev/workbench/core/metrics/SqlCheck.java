package dev.workbench.core.metrics;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.util.Locale;
import java.util.Set;

/**
 * The first of three guards that keep a definition from writing: its text must be one query, a {@code SELECT} or
 * {@code WITH … SELECT} (or {@code VALUES}, {@code TABLE}, {@code FROM} for DuckDB), without a data-modifying
 * {@code WITH} ({@code name AS (DELETE …)}) and without {@code INTO}.
 * The other two: the workbench runs it only as a subquery of its own query, and on a read-only connection.
 *
 * <p>Comments, string literals, quoted identifiers and PostgreSQL dollar-quoted strings are skipped, so a keyword
 * inside them does not count; a trailing semicolon is allowed, a second statement is not.
 */
public final class SqlCheck {
    /** A definition's text is at most 64 KiB. */
    public static final int MAX_SQL = 64 * 1024;

    private static final Set<String> FIRST = Set.of("SELECT", "WITH", "VALUES", "TABLE", "FROM");
    private static final Set<String> WRITES =
            Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE", "CREATE", "DROP", "ALTER", "COPY", "CALL");

    private SqlCheck() {}

    /**
     * {@code sql}, when it is a single read-only query.
     *
     * @throws WorkbenchException {@code INVALID_INPUT} naming {@code field} and what was found
     */
    public static String requireQuery(String sql, String field) {
        Check.required(sql, field);
        if (sql.isBlank()) {
            throw Check.invalid(field, "a SELECT (or WITH … SELECT) query", "blank text");
        }
        if (sql.length() > MAX_SQL) {
            throw new WorkbenchException(
                    ErrorCode.INPUT_TOO_LARGE, field + ": at most " + MAX_SQL + " characters, got " + sql.length());
        }
        new Scan(sql, field).run();
        return sql;
    }

    private static final class Scan {
        private final String sql;
        private final String field;
        private int i;
        /** Whether the next word starts a statement of a {@code WITH}: after {@code AS (} or {@code MATERIALIZED (}. */
        private boolean statementStart;

        private String previousWord = "";

        /** Parentheses open at {@code i}. */
        private int depth;

        /**
         * Whether the last token closed a parenthesis back to the top level: a word that writes there starts the
         * main statement of a {@code WITH} ({@code WITH x AS (…) DELETE FROM t}).
         */
        private boolean afterTopLevelClose;

        private boolean first = true;

        Scan(String sql, String field) {
            this.sql = sql;
            this.field = field;
        }

        void run() {
            int n = sql.length();
            while (i < n) {
                char c = sql.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '-' && at("--")) {
                    int end = sql.indexOf('\n', i);
                    i = end < 0 ? n : end + 1;
                } else if (c == '/' && at("/*")) {
                    blockComment();
                } else if (c == '\'' || c == '"' || c == '`') {
                    quoted(c);
                    word(null);
                } else if (c == '$' && dollarTag() != null) {
                    String tag = dollarTag();
                    int end = sql.indexOf(tag, i + tag.length());
                    if (end < 0) {
                        throw refuse("an unterminated dollar-quoted string " + tag);
                    }
                    i = end + tag.length();
                    word(null);
                } else if (c == ';') {
                    i++;
                    if (!rest().isBlank()) {
                        throw refuse("a second statement after ';'");
                    }
                } else if (c == '(') {
                    i++;
                    depth++;
                    statementStart = previousWord.equals("AS") || previousWord.equals("MATERIALIZED");
                    previousWord = "";
                    afterTopLevelClose = false;
                } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                    // E'…': a string whose backslashes escape (PostgreSQL, DuckDB), so \' does not end it
                    i++;
                    escapedString();
                    word(null);
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                        i++;
                    }
                    word(sql.substring(start, i).toUpperCase(Locale.ROOT));
                } else {
                    i++;
                    statementStart = false;
                    previousWord = "";
                    if (c == ')' && --depth < 0) {
                        // would close the workbench's own parenthesis around the definition
                        throw refuse("a ')' without its '('");
                    }
                    afterTopLevelClose = c == ')' && depth == 0;
                    if (first) {
                        throw refuse("'" + c + "' before the query");
                    }
                }
            }
            if (first) {
                throw refuse("no query");
            }
            if (depth > 0) {
                throw refuse("a '(' that is never closed");
            }
        }

        /** From the opening quote at {@code i}: a string in which a backslash escapes the next character. */
        private void escapedString() {
            int j = i + 1;
            while (j < sql.length()) {
                char c = sql.charAt(j);
                if (c == '\\') {
                    j += 2;
                } else if (c == '\'') {
                    if (j + 1 < sql.length() && sql.charAt(j + 1) == '\'') {
                        j += 2;
                        continue;
                    }
                    i = j + 1;
                    return;
                } else {
                    j++;
                }
            }
            throw refuse("an unterminated E'…' string");
        }

        private void word(String upper) {
            if (first) {
                if (upper == null || !FIRST.contains(upper)) {
                    throw refuse(
                            upper == null ? "a literal before the query" : upper + " where SELECT or WITH belongs");
                }
                first = false;
            } else if (upper != null
                    && (upper.equals("INTO") || ((statementStart || afterTopLevelClose) && WRITES.contains(upper)))) {
                throw refuse(upper
                        + (upper.equals("INTO") ? " (SELECT … INTO writes a table)" : " (it writes or changes state)"));
            }
            statementStart = false;
            afterTopLevelClose = false;
            previousWord = upper == null ? "" : upper;
        }

        private boolean at(String s) {
            return sql.startsWith(s, i);
        }

        private String rest() {
            return stripComments(sql.substring(i));
        }

        private void blockComment() {
            int nesting = 0;
            while (i < sql.length()) {
                if (at("/*")) {
                    nesting++;
                    i += 2;
                } else if (at("*/")) {
                    nesting--;
                    i += 2;
                    if (nesting == 0) {
                        return;
                    }
                } else {
                    i++;
                }
            }
            throw refuse("an unterminated /* comment");
        }

        private void quoted(char quote) {
            int j = i + 1;
            while (j < sql.length()) {
                if (sql.charAt(j) == quote) {
                    if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
                        j += 2;
                        continue;
                    }
                    i = j + 1;
                    return;
                }
                j++;
            }
            throw refuse("an unterminated " + quote + " quote");
        }

        /** The {@code $tag$} opening a dollar-quoted string at {@code i}, or null ({@code $1} is a parameter). */
        private String dollarTag() {
            int j = i + 1;
            while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                j++;
            }
            if (j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
                return sql.substring(i, j + 1);
            }
            return null;
        }

        private WorkbenchException refuse(String found) {
            return Check.invalid(field, "a single read-only query: SELECT … or WITH … SELECT …", found);
        }
    }

    /** {@code sql} with its comments removed (for the test of what follows a semicolon). */
    private static String stripComments(String sql) {
        return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
    }
}
