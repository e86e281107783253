package dev.workbench.server.http;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The bearer token of {@code aw serve --http}: from {@code --token-file} when given, else from
 * {@code AW_HTTP_TOKEN}, else {@code .aw/http-token}, generated on first use (256 random bits, mode 0600, kept
 * across restarts so that configured clients keep working; {@code .aw/.gitignore} keeps it out of git).
 */
public record HttpToken(String value, String source) {
    static final String FILE = "http-token";
    public static final String ENV = "AW_HTTP_TOKEN";
    static final int MIN_LENGTH = 16;

    public static HttpToken resolve(Path tokenFile, String env, Store store) {
        if (tokenFile != null) {
            requireOwnerOnly(tokenFile, "--token-file");
            return checked(read(tokenFile, "--token-file"), "the file " + tokenFile);
        }
        if (env != null && !env.isBlank()) {
            return checked(env.trim(), ENV);
        }
        Path file = store.path(FILE);
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            // Checked again under the lock: of two servers starting at once, one writes, the other reads its token.
            boolean written = store.transaction(() -> {
                if (Files.exists(file)) {
                    return false;
                }
                store.writePrivate(FILE, (token + "\n").getBytes(StandardCharsets.UTF_8));
                return true;
            });
            if (written) {
                return new HttpToken(token, file + " (generated now, mode 0600)");
            }
        }
        requireOwnerOnly(file, ".aw/" + FILE);
        return checked(read(file, ".aw/" + FILE), file.toString());
    }

    private static HttpToken checked(String token, String source) {
        if (token.length() < MIN_LENGTH || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "the token from " + source + " must be at least " + MIN_LENGTH
                            + " printable ASCII characters without spaces (e.g. openssl rand -hex 32)");
        }
        return new HttpToken(token, source);
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT, what + " " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** A token file others can read protects nothing: refuse it rather than serve with a leaked secret. */
    private static void requireOwnerOnly(Path file, String what) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null || !Files.isRegularFile(file)) {
            return; // reading it says what is wrong with it
        }
        try {
            Set<PosixFilePermission> others =
                    EnumSet.copyOf(view.readAttributes().permissions());
            others.retainAll(EnumSet.of(
                    PosixFilePermission.GROUP_READ,
                    PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.OTHERS_WRITE));
            if (!others.isEmpty()) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        what + " " + file + " can be read or written by "
                                + "others; run chmod 600 " + file
                                + (what.equals("--token-file") ? "" : " (or delete it to have a new token generated)"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
