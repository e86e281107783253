package dev.workbench.server.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * A socket's input with one deadline across all reads: each read waits at most until the deadline (the socket's
 * timeout shrinks to what is left), then fails with {@link SocketTimeoutException}.
 */
final class DeadlineInput extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private volatile long deadline;

    DeadlineInput(Socket socket, long deadline) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.deadline = deadline;
    }

    /** A new deadline, {@code nanos} from now. */
    void extend(long nanos) {
        deadline = System.nanoTime() + nanos;
    }

    private void arm() throws IOException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
    }

    @Override
    public int read() throws IOException {
        arm();
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        arm();
        return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }
}
