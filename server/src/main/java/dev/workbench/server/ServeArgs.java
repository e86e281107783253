package dev.workbench.server;

import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.server.mcp.InitializeWarmUp;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A plain stdio {@code serve} command line, {@code [--root DIR] serve [--root DIR]} (what MCP clients start),
 * run without building the command tree, as {@link Main.HookArgs} does for hooks: picocli's classes are too old
 * for the class-data-sharing archive, and building every tool's sub-command by reflection came before the answer
 * to {@code initialize}. Anything else ({@code --http}, {@code --help}, a repeated or unknown option) goes
 * through picocli as before, which answers the same for these lines.
 */
record ServeArgs(Path root) {
    /** The arguments as a plain serve, or null for picocli to handle. */
    static ServeArgs parse(String[] args) {
        String root = null;
        boolean seenServe = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (!seenServe && a.equals("serve")) {
                    seenServe = true;
                    continue;
                }
                String value;
                if (a.startsWith("--root=")) {
                    value = a.substring("--root=".length());
                } else if (a.equals("--root") && i + 1 < args.length && !args[i + 1].startsWith("-")) {
                    value = args[++i];
                } else {
                    return null;
                }
                if (root != null) {
                    return null; // picocli says it may be given once
                }
                root = value;
            }
            return seenServe ? new ServeArgs(root == null ? null : Path.of(root)) : null;
        } catch (InvalidPathException e) {
            return null; // picocli names the option and the value
        }
    }

    /** Serves until stdin ends; the exit code as the command tree's handler gives it. */
    int run() {
        InitializeWarmUp.start(); // on the second core while the workbench is opened
        try {
            return new Main.ServeCommand().serve(new Workbench(root == null ? Path.of("") : root));
        } catch (WorkbenchException e) {
            System.err.println("aw: " + e); // as the command tree's handler says it
            return Main.USAGE;
        } catch (RuntimeException e) {
            e.printStackTrace(); // as picocli reports an unexpected failure of a command
            return 1;
        }
    }
}
