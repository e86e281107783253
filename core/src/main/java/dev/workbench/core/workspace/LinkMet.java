package dev.workbench.core.workspace;

import java.io.IOException;

/** Thrown inside a confined walk when a name is a link; never escapes the package. */
final class LinkMet extends IOException {
    static final LinkMet INSTANCE = new LinkMet();

    private LinkMet() {
        super("a symbolic link");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
