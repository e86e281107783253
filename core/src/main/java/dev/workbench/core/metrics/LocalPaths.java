package dev.workbench.core.metrics;

import java.util.Locale;
import java.util.Set;

/**
 * Makes the file paths of a {@code local} query absolute, under the root. DuckDB refuses relative paths once
 * {@code enable_external_access} is off (its {@code allowed_directories} compare path text), so {@code
 * read_parquet('data/events.parquet')} is sent as {@code read_parquet('/root/data/events.parquet')}; the engine
 * then checks the absolute path itself (a {@code ..} or a symbolic link leading out of the allowed folders is
 * refused by DuckDB, not here).
 *
 * <p>A literal is a path where DuckDB reads one: the first argument of a file-reading table function (a string or a
 * list of strings) and a string right after {@code FROM} or {@code JOIN} (DuckDB's {@code FROM 'events.csv'}). Paths
 * with a scheme ({@code s3://}), absolute paths and {@code ~} are left as written.
 */
final class LocalPaths {
    private static final Set<String> READERS = Set.of(
            "READ_CSV",
            "READ_CSV_AUTO",
            "READ_PARQUET",
            "PARQUET_SCAN",
            "READ_JSON",
            "READ_JSON_AUTO",
            "READ_NDJSON",
            "READ_NDJSON_AUTO",
            "READ_JSON_OBJECTS",
            "READ_NDJSON_OBJECTS",
            "READ_TEXT",
            "READ_BLOB",
            "GLOB",
            "SNIFF_CSV",
            "PARQUET_METADATA",
            "PARQUET_SCHEMA",
            "PARQUET_FILE_METADATA",
            "PARQUET_KV_METADATA",
            "READ_XLSX");

    private final String sql;
    private final String root;
    private final StringBuilder out = new StringBuilder();
    private int i;

    private LocalPaths(String sql, String root) {
        this.sql = sql;
        this.root = root.endsWith("/") ? root : root + "/";
    }

    /** {@code sql} with its relative file paths resolved against {@code root} (an absolute folder). */
    static String absolute(String sql, String root) {
        LocalPaths p = new LocalPaths(sql, root);
        p.run();
        return p.out.toString();
    }

    private void run() {
        // 0: nothing expected; 1: after a reader's name ('(' expected); 2: first argument expected;
        // 3: inside the first argument's list; 4: after FROM/JOIN (a literal is a path)
        int state = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                copy(1);
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                copy((end < 0 ? sql.length() : end + 1) - i);
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                copy((end < 0 ? sql.length() : end + 2) - i);
            } else if (c == '\'') {
                int end = endOfQuote('\'');
                if (end < 0) {
                    copy(sql.length() - i);
                    break;
                }
                String text = sql.substring(i + 1, end - 1).replace("''", "'");
                if (state == 2 || state == 3 || state == 4) {
                    out.append('\'').append(resolve(text).replace("'", "''")).append('\'');
                    i = end;
                } else {
                    copy(end - i);
                }
                state = state == 3 ? 3 : 0;
            } else if (c == '"') {
                int end = endOfQuote('"');
                copy((end < 0 ? sql.length() : end) - i);
                state = 0;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                String word = sql.substring(start, i);
                out.append(word);
                String upper = word.toUpperCase(Locale.ROOT);
                state = READERS.contains(upper) ? 1 : upper.equals("FROM") || upper.equals("JOIN") ? 4 : 0;
            } else {
                copy(1);
                if (c == '(' && state == 1) {
                    state = 2;
                } else if (c == '[' && state == 2) {
                    state = 3;
                } else if (c == ',' && state == 3) {
                    state = 3;
                } else {
                    state = 0;
                }
            }
        }
    }

    private String resolve(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.startsWith("~") || path.contains("://")) {
            return path;
        }
        return root + (path.startsWith("./") ? path.substring(2) : path);
    }

    /** The index after the quote starting at {@code i} (doubled quotes inside); -1 when unterminated (the engine reports it). */
    private int endOfQuote(char quote) {
        int j = i + 1;
        while (j < sql.length()) {
            if (sql.charAt(j) == quote) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return -1;
    }

    private void copy(int n) {
        out.append(sql, i, i + n);
        i += n;
    }
}
