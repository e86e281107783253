package dev.workbench.core.review;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * SSH signatures made and checked by {@code ssh-keygen -Y} itself, run as a subprocess with a timeout: the
 * workbench holds no cryptography of its own. Every signature is in the namespace {@value #NAMESPACE}, so a
 * signature made for anything else (a git commit, a file) is not an approval.
 *
 * <p>When ssh-keygen cannot be run, nothing verifies: verification fails closed, with that reason.
 */
public final class SshSignatures {
    public static final String NAMESPACE = "aw-approval";
    /** A person may need to type a passphrase or touch a hardware key. */
    static final long SIGN_SECONDS = 120;

    static final long VERIFY_SECONDS = 20;

    private final String program;
    private final Map<String, String> environment;

    /** Runs {@code program} (a path to ssh-keygen, or its name on the PATH). */
    public SshSignatures(String program) {
        this(program, Map.of());
    }

    /** As {@link #SshSignatures(String)}, with these variables set for ssh-keygen (SSH_AUTH_SOCK, say). */
    public SshSignatures(String program, Map<String, String> environment) {
        this.program = program;
        this.environment = Map.copyOf(environment);
    }

    /** ssh-keygen from the PATH, or the one the system property {@code workbench.sshKeygen} names. */
    public static SshSignatures system() {
        return new SshSignatures(System.getProperty("workbench.sshKeygen", "ssh-keygen"));
    }

    /** What a run of ssh-keygen said. */
    record Outcome(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    /** Thrown when ssh-keygen could not be run or did not finish; the message says why. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * Signs {@code data} with the key in {@code keyFile}: a private key, or a public key whose private half is in
     * ssh-agent (a hardware key then asks for a touch). Prompts reach the person through the terminal.
     *
     * @return the armored signature ({@code -----BEGIN SSH SIGNATURE-----} ...)
     */
    public String sign(Path keyFile, byte[] data) {
        Outcome o = run(
                List.of(program, "-Y", "sign", "-f", keyFile.toString(), "-n", NAMESPACE), data, SIGN_SECONDS, true);
        if (!o.ok() || !o.out().contains("BEGIN SSH SIGNATURE")) {
            throw new Unavailable("ssh-keygen -Y sign -f " + keyFile + " failed (exit " + o.exit() + ")"
                    + (o.err().isBlank() ? "" : ": " + o.err().strip()));
        }
        return o.out().strip() + "\n";
    }

    /**
     * The principals of {@code allowedSigners} (the file's bytes, in ssh-keygen's ALLOWED SIGNERS format) whose key
     * made {@code signature}; empty when none is listed.
     */
    public List<String> principals(byte[] allowedSigners, String signature) {
        return withFiles(signature, allowedSigners, (sig, signers) -> {
            Outcome o = run(
                    List.of(program, "-Y", "find-principals", "-s", sig.toString(), "-f", signers.toString()),
                    new byte[0],
                    VERIFY_SECONDS,
                    false);
            List<String> found = new ArrayList<>();
            if (o.ok()) {
                o.out().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(found::add);
            }
            return found;
        });
    }

    /**
     * Whether {@code signature} is a good signature of {@code data} in the namespace {@value #NAMESPACE} by a key
     * that {@code allowedSigners} lists for {@code principal}; null when it is, else what ssh-keygen said.
     */
    public String verify(byte[] allowedSigners, String principal, String signature, byte[] data) {
        return withFiles(signature, allowedSigners, (sig, signers) -> {
            Outcome o = run(
                    List.of(
                            program,
                            "-Y",
                            "verify",
                            "-f",
                            signers.toString(),
                            "-I",
                            principal,
                            "-n",
                            NAMESPACE,
                            "-s",
                            sig.toString()),
                    data,
                    VERIFY_SECONDS,
                    false);
            if (o.ok()) {
                return null;
            }
            String said = (o.err().isBlank() ? o.out() : o.err()).strip();
            return said.isEmpty()
                    ? "ssh-keygen -Y verify exited " + o.exit()
                    : said.lines().reduce((a, b) -> b).orElse(said);
        });
    }

    /**
     * Runs {@code body} with the signature and the allowed signers in temporary files, as ssh-keygen reads them:
     * the signers come from the store, which need not be files.
     */
    private static <T> T withFiles(String signature, byte[] allowedSigners, BiFunction<Path, Path, T> body) {
        Path sig = null;
        Path signers = null;
        try {
            sig = Files.createTempFile("aw-approval", ".sig");
            Files.writeString(sig, signature, StandardCharsets.UTF_8);
            signers = Files.createTempFile("aw-allowed-signers", "");
            Files.write(signers, allowedSigners);
            return body.apply(sig, signers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (Path p : new Path[] {sig, signers}) {
                try {
                    if (p != null) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException ignored) {
                    // a temporary file left behind holds only a public signature or public keys
                }
            }
        }
    }

    private Outcome run(List<String> command, byte[] stdin, long seconds, boolean interactive) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        if (interactive) {
            pb.redirectError(ProcessBuilder.Redirect.INHERIT); // "Enter passphrase", "Confirm user presence"
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new Unavailable("ssh-keygen could not be run (" + e.getMessage() + "); install OpenSSH's ssh-keygen"
                    + " (Debian/Ubuntu: openssh-client), since signatures are checked with it");
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = interactive
                ? CompletableFuture.completedFuture(new byte[0])
                : CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // it exited without reading: its exit code and error say why
        }
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new Unavailable(
                        String.join(" ", command.subList(0, 3)) + " did not finish within " + seconds + " s");
            }
            return new Outcome(
                    p.exitValue(),
                    new String(out.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8),
                    new String(err.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while ssh-keygen ran");
        } catch (ExecutionException | TimeoutException e) {
            throw new Unavailable("could not read what ssh-keygen wrote: " + e.getMessage());
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
