package dev.workbench.server;

import dev.workbench.core.Workbench;
import dev.workbench.server.hooks.HookEndpoint;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Opens the hook endpoint of an {@code aw serve} over stdio once the client has its first answer (the one to
 * {@code initialize}), on a thread of its own. Opened at once, the endpoint (a socket, a {@code SecureRandom}
 * seeded by the system, the published {@code .aw/run/hook.json}) competed with the making of that answer for the
 * machine's cores and class loading; no hook comes before the session has started. A client that stays silent
 * still gets the endpoint after {@link #MAX_WAIT_MS}. Hooks that come before it is published run in their own JVM,
 * as they do with no server.
 */
final class HookStart {
    static final long MAX_WAIT_MS = 1000;

    private final CountDownLatch answered = new CountDownLatch(1);
    private HookEndpoint endpoint;
    private boolean stopped;

    /** The protocol stream, which tells this object when the first answer has been written out. */
    OutputStream watch(OutputStream protocol) {
        return new FilterOutputStream(protocol) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
                answered.countDown();
            }
        };
    }

    /** Opens the endpoint on a daemon thread after the first answer; returns at once. */
    void start(Workbench wb) {
        Thread thread = new Thread(() -> open(wb), "aw-hook-start");
        thread.setDaemon(true);
        thread.start();
    }

    private void open(Workbench wb) {
        try {
            answered.await(MAX_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return;
        }
        synchronized (this) {
            if (!stopped) {
                endpoint = HookEndpoint.start(wb);
            }
        }
    }

    /** Closes the endpoint when the session ends, or keeps it from opening when it has not yet. */
    void stop() {
        HookEndpoint open;
        synchronized (this) {
            stopped = true;
            open = endpoint;
        }
        if (open != null) {
            open.close();
        }
    }
}
