package dev.workbench.core.metrics;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/**
 * A driver's failure as the workbench reports it: {@code SOURCE_UNAVAILABLE} when the source could not be reached or
 * would not let us in (SQLSTATE classes 08 connection, 28 authorization, 3D unknown database), {@code QUERY_FAILED}
 * with the engine's own message otherwise. The password is replaced by {@code ***} wherever a message repeats it,
 * and the driver's exception is not attached, so no stack trace or log can carry it further.
 */
final class SourceErrors {
    private SourceErrors() {}

    static WorkbenchException of(String source, SQLException e, String password, int timeoutSeconds) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = describe(e, password);
        if (state.startsWith("08") || state.startsWith("28") || state.startsWith("3D")) {
            return new WorkbenchException(
                    ErrorCode.SOURCE_UNAVAILABLE, "source \"" + source + "\" cannot be reached: " + message);
        }
        if (e instanceof SQLTimeoutException || state.equals("57014")) {
            message = "stopped after the source's timeout of " + timeoutSeconds + " s (timeoutSeconds in"
                    + " .aw/sources.json): " + message;
        }
        return new WorkbenchException(ErrorCode.QUERY_FAILED, "source \"" + source + "\" failed the query: " + message);
    }

    /** The message of {@code e} and of its causes (a driver often says the real reason in a cause), scrubbed. */
    static String describe(Throwable e, String password) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()).strip());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
            String m = cause.getMessage();
            if (m != null && !m.isBlank() && text.indexOf(m.strip()) < 0) {
                text.append(" (")
                        .append(cause.getClass().getSimpleName())
                        .append(": ")
                        .append(m.strip())
                        .append(')');
            }
        }
        return scrub(text.toString(), password);
    }

    /** {@code text} without {@code secret} in it. */
    static String scrub(String text, String secret) {
        if (secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, "***");
    }
}
