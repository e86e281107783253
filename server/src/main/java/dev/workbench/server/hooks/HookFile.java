package dev.workbench.server.hooks;

import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a running server advertises its hook endpoint: {@code .aw/run/hook.json} (folder mode 0700, file mode 0600
 * from its first byte), one line of JSON with the port on 127.0.0.1, a token of 256 random bits made for this
 * server's life, and the server's pid. Only a process that can read that file, i.e. the same user, can use the
 * endpoint: every request carries the token, compared in constant time, and is refused without effect otherwise.
 *
 * <p>Two servers for one root: the newest wins. Each server publishes its file when it starts, replacing the
 * file of any other; an older server keeps serving the connections it has but is no longer advertised, and
 * publishes itself again when the file goes away, because the newer server exited, or when the file names a process
 * that no longer runs (a server killed with {@code -9}). At exit the file is removed only while it is still this
 * server's. A stale file is harmless: the caller checks the pid, and a port nobody listens on, or a listener
 * without the token, makes it run the hook itself.
 */
final class HookFile {
    static final String FILE = "run/hook.json";
    private static final Logger LOG = LoggerFactory.getLogger(HookEndpoint.class);
    private static final Pattern FILE_FORM =
            Pattern.compile("\\{\"port\": ([0-9]{1,5}), \"token\": \"([0-9a-f]{64})\", \"pid\": ([0-9]{1,19})}\n");

    private final Store store;
    private final int port;
    private final byte[] token;
    private final long pid;

    HookFile(Store store, int port, String token, long pid) {
        this.store = store;
        this.port = port;
        this.token = token.getBytes(StandardCharsets.US_ASCII);
        this.pid = pid;
    }

    /** What a published file says, or null when it is not in the form this class writes. */
    record Published(int port, String token, long pid) {
        static Published parse(String text) {
            Matcher m = FILE_FORM.matcher(text);
            return m.matches()
                    ? new Published(Integer.parseInt(m.group(1)), m.group(2), Long.parseLong(m.group(3)))
                    : null;
        }
    }

    /** The published file's text for this server. */
    private byte[] bytes() {
        return ("{\"port\": " + port + ", \"token\": \"" + new String(token, StandardCharsets.US_ASCII)
                        + "\", \"pid\": " + pid + "}\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The published file's content, or null when there is none (or it cannot be read). */
    String current() {
        try {
            return Files.readString(store.path(FILE), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** Whether {@code text} (a published file's content) names this server. */
    boolean ours(String text) {
        Published p = text == null ? null : Published.parse(text);
        return p != null
                && p.pid() == pid
                && MessageDigest.isEqual(p.token().getBytes(StandardCharsets.US_ASCII), token);
    }

    /**
     * Writes the file when {@code .aw/} exists and ({@code force}, at start: the newest wins) the file is missing,
     * unreadable, or names a process that no longer runs; never once {@code closed}. Under the store's lock, so that
     * of two servers deciding at once, one writes and the other sees its file.
     */
    void publish(boolean force, BooleanSupplier closed) {
        store.transaction(() -> {
            if (closed.getAsBoolean() || !store.initialized()) {
                return; // with no .aw/ the body runs unlocked and must write nothing
            }
            String text = current();
            if (ours(text)) {
                return;
            }
            Published other = text == null ? null : Published.parse(text);
            if (!force
                    && other != null
                    && ProcessHandle.of(other.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                return; // a newer server's: it answers hooks now
            }
            store.privateFolder("run");
            store.writePrivate(FILE, bytes());
            LOG.debug(
                    "hook endpoint published in {} (port {}{})",
                    store.path(FILE),
                    port,
                    other == null ? "" : ", replacing the endpoint of pid " + other.pid());
        });
    }

    /** Removes the file while it is still this server's; a failure is logged, not thrown (the file is harmless). */
    void remove() {
        try {
            store.transaction(() -> {
                if (store.initialized() && ours(current())) {
                    try {
                        Files.deleteIfExists(store.path(FILE));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("cannot remove {}: {}", store.path(FILE), e.toString());
        }
    }
}
