package dev.workbench.core;

import java.util.Objects;

/**
 * An error the caller can act on: a code from {@link ErrorCode} and a message that says what was wrong
 * and what to do instead. Tools answer it as an {@code isError} result, never as a protocol error.
 */
public final class WorkbenchException extends RuntimeException {
    private final ErrorCode code;

    public WorkbenchException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public WorkbenchException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** The contract's text form of a failed call: {@code "<CODE>: <message>"}. */
    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
