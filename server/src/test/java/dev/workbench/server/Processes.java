package dev.workbench.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** How the integration tests start the built jar: the same JVM binary that runs the tests. */
public final class Processes {
    /** The repository's root: the tests run in the server module's folder. */
    public static final Path REPO = Path.of("").toAbsolutePath().getParent();

    private Processes() {}

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("workbench.jar", "target/aw.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `mvn package`");
        }
        return jar;
    }

    /** JVM options as bin/aw passes them to the commands that hash files (the full JIT), then {@code rest}. */
    public static List<String> jvmArgs(String... rest) {
        List<String> args = new ArrayList<>(List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+UseSerialGC"));
        args.addAll(Arrays.asList(rest));
        return args;
    }

    /** A command line that runs {@code aw} with the given arguments. */
    public static List<String> aw(String... awArgs) {
        return aw(List.of(), awArgs);
    }

    /** The same with extra JVM options (a small heap, say). */
    public static List<String> aw(List<String> jvmOptions, String... awArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmOptions);
        cmd.addAll(jvmArgs("-jar", jar().toString()));
        cmd.addAll(Arrays.asList(awArgs));
        return cmd;
    }
}
