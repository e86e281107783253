package dev.workbench.server.hooks;

import dev.workbench.server.stdio.RobustStdio;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hook endpoint's wire format, what {@code bin/aw} writes with bash's {@code /dev/tcp}: the lines
 * {@code AW-HOOK 1}, the token, the event, the agent (empty for the default) and the payload's length in bytes, each
 * ended by {@code \n}, then the payload (at most {@link #MAX_PAYLOAD} bytes). The answer is one line
 * {@code AW-HOOK <exit code> <stdout bytes> <stderr bytes>} then those bytes, or {@code AW-HOOK refused <reason>}
 * when the request was not run (a bad token, an oversized, malformed or too slow request, a server busy or shutting
 * down), after which the caller runs the hook itself. A connection closed without either line (a server that stopped
 * or crashed mid-call) may have run the hook: the caller must not run it again.
 */
final class HookWire {
    static final String MAGIC = "AW-HOOK";
    static final String VERSION = "1";
    /** As on stdio and HTTP: one request may carry at most this many bytes of payload. */
    static final int MAX_PAYLOAD = RobustStdio.MAX_LINE_BYTES;
    /** A header line (token, event, agent, length) longer than this is refused. */
    static final int MAX_HEADER_LINE = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HookEndpoint.class);

    private HookWire() {}

    /** A request's header, read and checked; its payload is still to be read from {@code in}. */
    record Request(Socket socket, DeadlineInput deadline, InputStream in, String event, String agent, int length) {}

    /** The header, checked against {@code token}, or null when it was refused (and the connection closed). */
    static Request header(Socket s, DeadlineInput timed, InputStream in, byte[] token) throws IOException {
        if (!(MAGIC + " " + VERSION).equals(line(in))) {
            refuse(s, "expected " + MAGIC + " " + VERSION);
            return null;
        }
        String presented = line(in);
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token)) {
            LOG.warn("hook request refused: wrong token");
            refuse(s, "wrong token");
            return null;
        }
        String event = line(in);
        String agent = line(in);
        String length = line(in);
        long n = length != null && length.matches("[0-9]{1,12}") ? Long.parseLong(length) : -1;
        if (event == null || agent == null || n < 0) {
            refuse(s, "malformed request");
            return null;
        }
        if (n > MAX_PAYLOAD) {
            LOG.warn("hook request refused: a payload of {} bytes, over the limit of {}", n, MAX_PAYLOAD);
            refuse(s, "payload over " + MAX_PAYLOAD + " bytes");
            return null;
        }
        return new Request(s, timed, in, event, agent, (int) n);
    }

    /** Writes the answer to a request that ran: its header line, then stdout's and stderr's bytes, in one write. */
    static void answer(Socket s, Hooks.Result r) throws IOException {
        byte[] out = r.stdout().getBytes(StandardCharsets.UTF_8);
        byte[] err = r.stderr().getBytes(StandardCharsets.UTF_8);
        s.setSoTimeout(0); // the answer is written whole; the caller reads it
        OutputStream o = s.getOutputStream();
        ByteArrayOutputStream reply = new ByteArrayOutputStream(32 + out.length + err.length);
        reply.writeBytes((MAGIC + " " + r.exitCode() + " " + out.length + " " + err.length + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        reply.writeBytes(out);
        reply.writeBytes(err);
        o.write(reply.toByteArray());
        o.flush();
    }

    /** A header line in ASCII up to {@code \n}, or null at the end of input or past {@link #MAX_HEADER_LINE}. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0 || buf.size() >= MAX_HEADER_LINE) {
                return null;
            }
            buf.write(c);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** Answers that the request was not run, and closes the connection: the caller runs the hook itself. */
    static void refuse(Socket s, String reason) {
        try (s) {
            s.getOutputStream().write((MAGIC + " refused " + reason + "\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        } catch (IOException e) {
            // the caller is gone; it runs the hook itself when it sees no answer
        }
    }

    static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }
}
