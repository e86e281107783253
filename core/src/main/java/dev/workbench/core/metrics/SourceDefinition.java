package dev.workbench.core.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One named source of {@code .aw/sources.json}: where it is and how to reach it, with no secret in it. The user
 * name and password come from the environment variables it names, read at each connection and never kept.
 *
 * @param name           the key in {@code sources}
 * @param url            the JDBC URL, without a password, secret or token in it
 * @param userEnv        the environment variable holding the user name (null: the URL or driver decides)
 * @param passwordEnv    the environment variable holding the password (null: none sent)
 * @param properties     non-secret driver properties (a property whose name says password, secret, token, key … is refused)
 * @param driver         the {@link java.sql.Driver} class to use (null: the first driver that accepts the URL)
 * @param timeoutSeconds the longest a query may run; the engine is told to stop it then
 * @param maxRows        the most rows a result may have; a query returning more fails (the engine aggregates)
 */
public record SourceDefinition(
        String name,
        String url,
        String userEnv,
        String passwordEnv,
        Map<String, String> properties,
        String driver,
        int timeoutSeconds,
        int maxRows) {
    /** Ten minutes: a grouped query over tens of millions of rows takes seconds on any engine the workbench names. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 600;

    /** Results hold aggregates (a row per variant, per day, per column profiled), not tables. */
    public static final int DEFAULT_MAX_ROWS = 100_000;

    /**
     * Names that say a value is a credential: a URL parameter or property named so is refused, so that secrets stay in
     * environment variables. Compared with the name lower-cased and without {@code _}, {@code -} and {@code .}.
     */
    private static final Pattern SECRET_NAME = Pattern.compile(
            ".*(password|passwd|pwd|secret|token|credential|apikey|accesskey|privatekey|sslkey|sslpassword).*");

    public SourceDefinition {
        properties = Map.copyOf(properties);
    }

    /** Which dialect the URL's engine speaks. */
    public SqlSource.Engine engine() {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) {
            return SqlSource.Engine.POSTGRESQL;
        }
        if (u.startsWith("jdbc:duckdb:")) {
            return SqlSource.Engine.DUCKDB;
        }
        return SqlSource.Engine.OTHER;
    }

    /** Whether a parameter or property name says its value is a credential. */
    static boolean secretName(String name) {
        return SECRET_NAME
                .matcher(name.toLowerCase(Locale.ROOT).replaceAll("[_.\\-]", ""))
                .matches();
    }

    /**
     * What in a JDBC URL carries a credential, or null: a {@code user:password@} part, Oracle's
     * {@code jdbc:oracle:thin:user/password@…}, or a parameter ({@code ?k=v}, {@code &k=v}, {@code ;k=v}) whose name
     * is a {@linkplain #secretName secret name}.
     */
    static String secretInUrl(String url) {
        if (ORACLE_CREDENTIALS.matcher(url).find()) {
            return "a user/password@ part";
        }
        int scheme = url.indexOf("//");
        if (scheme >= 0) {
            int end = indexOfAny(url, scheme + 2, "/?;");
            String authority = url.substring(scheme + 2, end < 0 ? url.length() : end);
            int at = authority.lastIndexOf('@');
            if (at >= 0 && authority.substring(0, at).contains(":")) {
                return "a user:password@ part";
            }
        }
        for (String part : url.split("[?&;]")) {
            int eq = part.indexOf('=');
            if (eq > 0 && secretName(part.substring(0, eq).trim())) {
                return "the parameter " + part.substring(0, eq).trim();
            }
        }
        return null;
    }

    /** {@code jdbc:oracle:<driver>:user/password@…}: the part before {@code @} names a user and a password. */
    private static final java.util.regex.Pattern ORACLE_CREDENTIALS = java.util.regex.Pattern.compile(
            "^jdbc:oracle:[a-z0-9]+:[^@/]+/[^@]+@", java.util.regex.Pattern.CASE_INSENSITIVE);

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
