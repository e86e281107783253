package dev.workbench.server;

import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.server.cli.ApproveCommand;
import dev.workbench.server.cli.DemoCommand;
import dev.workbench.server.cli.InitCommand;
import dev.workbench.server.cli.ReportCommand;
import dev.workbench.server.cli.ToolCommand;
import dev.workbench.server.hooks.HookCommand;
import dev.workbench.server.hooks.HookEndpoint;
import dev.workbench.server.http.HttpServer;
import dev.workbench.server.http.HttpToken;
import dev.workbench.server.stdio.StdioServer;
import dev.workbench.tools.Tool;
import dev.workbench.tools.Tools;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The {@code aw} command: {@code serve} (MCP over stdio), one sub-command per tool (what hooks call),
 * {@code demo}. Exit codes: 0 success, 1 a tool error (its JSON on stdout), 2 a usage error (on stderr).
 */
@Command(
        name = "aw",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "The Workbench: an MCP server that keeps data analysis and experiments honest.",
        footer = {
            "",
            "Tool commands take --json '{...}' or key=value pairs (values are JSON when they parse as JSON, "
                    + "dotted keys nest: area.name=cleaning).",
            "Exit codes: 0 success, 1 tool error, 2 usage error."
        },
        subcommands = {
            Main.ServeCommand.class,
            DemoCommand.class,
            ApproveCommand.class,
            ReportCommand.class,
            InitCommand.class,
            HookCommand.class
        })
public final class Main implements Callable<Integer> {
    public static final int TOOL_ERROR = 1;
    public static final int USAGE = 2;

    @Option(
            names = "--root",
            scope = CommandLine.ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "The project folder whose .aw/ holds the state (default: the current folder).")
    public Path root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) throws IOException {
        configureLogging();
        HookArgs hook = HookArgs.parse(args);
        ServeArgs serve = hook == null ? ServeArgs.parse(args) : null;
        System.exit(hook != null ? hook.run() : serve != null ? serve.run() : run(args));
    }

    /**
     * A plain hook command line, {@code [--root DIR] hook EVENT [--agent AGENT]} (options in any order after
     * {@code hook}, as picocli takes them), run without building the command tree: picocli's classes are too old
     * for the class-data-sharing archive and building every tool's sub-command cost most of a hook's start-up.
     * Anything else ({@code --help}, a repeated or unknown option, a missing event) goes through picocli as before.
     */
    record HookArgs(Path root, String event, String agent) {
        static HookArgs parse(String[] args) {
            String root = null;
            String event = null;
            String agent = null;
            boolean seenHook = false;
            try {
                for (int i = 0; i < args.length; i++) {
                    String a = args[i];
                    String value = null;
                    String option = a;
                    int eq = a.indexOf('=');
                    if (a.startsWith("--") && eq > 0) {
                        option = a.substring(0, eq);
                        value = a.substring(eq + 1);
                    }
                    if (option.equals("--root") || (seenHook && option.equals("--agent"))) {
                        if (value == null) {
                            if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
                                return null; // picocli says the option needs a value
                            }
                            value = args[++i];
                        }
                        if (option.equals("--root") ? root != null : agent != null) {
                            return null; // picocli says it may be given once
                        }
                        if (option.equals("--root")) {
                            root = value;
                        } else {
                            agent = value;
                        }
                    } else if (!seenHook && a.equals("hook")) {
                        seenHook = true;
                    } else if (seenHook && event == null && !a.startsWith("-")) {
                        event = a;
                    } else {
                        return null;
                    }
                }
                return seenHook && event != null
                        ? new HookArgs(root == null ? null : Path.of(root), event, agent)
                        : null;
            } catch (InvalidPathException e) {
                return null; // picocli names the option and the value
            }
        }

        int run() throws IOException {
            try {
                return HookCommand.run(root, event, agent);
            } catch (WorkbenchException e) {
                System.err.println("aw: " + e); // as the command tree's handler says it
                return USAGE;
            }
        }
    }

    /** Runs the command line and returns its exit code; stdout is only written by commands that own it. */
    static int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        for (Tool<?, ?> tool : Tools.all()) {
            CommandLine sub = new CommandLine(new ToolCommand(tool.name()));
            sub.getCommandSpec().usageMessage().description(tool.description());
            // Rendered only when help is asked for: reading the schemas is not paid on every start.
            sub.getHelpSectionMap()
                    .put(
                            CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
                            help -> String.join(System.lineSeparator(), ToolCommand.fieldsHelp(tool))
                                    + System.lineSeparator());
            cli.addSubcommand(tool.name(), sub);
        }
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof WorkbenchException we) {
                cmd.getErr().println("aw: " + we);
                return USAGE;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public Integer call() {
        if (System.console() == null) {
            // Started by an MCP client with no sub-command: serve, as `aw serve` would.
            return new ServeCommand().serve(workbench());
        }
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    public Workbench workbench() {
        return new Workbench(root == null ? Path.of("") : root);
    }

    /** slf4j-simple reads these once; logs always go to stderr, at warn unless AW_LOG_LEVEL says otherwise. */
    static void configureLogging() {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        String level = System.getenv("AW_LOG_LEVEL");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level == null ? "warn" : level);
        if (level == null) {
            // The SDK logs an error with a stack trace for every notification a session cannot take (one that never
            // opened its event stream, or closed it), per URI and per change; LiveResources notes them at debug.
            System.setProperty("org.slf4j.simpleLogger.log.io.modelcontextprotocol.server.McpAsyncServer", "off");
        }
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }

    /** The real stdout, for the commands whose output is their result. */
    public static PrintStream stdout() {
        return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"aw " + Version.get() + " (Java " + Runtime.version() + ")"};
        }
    }

    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            description = {
                "Serve MCP over stdio (the default when started by an MCP client), or over HTTP with --http.",
                "HTTP: Streamable HTTP at /mcp and HTTP+SSE at /sse for older clients; every request needs "
                        + "Authorization: Bearer <token> (AW_HTTP_TOKEN, --token-file, or generated into .aw/http-token).",
                "The page for people is at /: open the one-time login link printed on stderr (a fresh one after each "
                        + "login) when started in a terminal, or with --login-link; --no-auth does not open it."
            })
    static final class ServeCommand implements Callable<Integer> {
        @ParentCommand
        Main parent;

        @Option(names = "--http", description = "Serve MCP over HTTP instead of stdio.")
        boolean http;

        @Option(names = "--host", paramLabel = "HOST", description = "The address to listen on (default: 127.0.0.1).")
        String host;

        @Option(
                names = "--port",
                paramLabel = "PORT",
                description = "The port to listen on (default: 8765; 0: any free port).")
        Integer port;

        @Option(names = "--token-file", paramLabel = "FILE", description = "Read the bearer token from FILE.")
        Path tokenFile;

        @Option(names = "--no-auth", description = "Accept requests without a token (loopback hosts only).")
        boolean noAuth;

        @Option(
                names = "--allow-host",
                paramLabel = "NAME",
                description = "Also accept this name in Host and Origin (e.g. the machine's DNS name); repeatable.")
        List<String> allowHosts = new ArrayList<>();

        @Option(
                names = "--login-link",
                description = "Print the page's one-time login link on stderr even without a terminal, e.g. under "
                        + "systemd or tmux logging.")
        boolean loginLink;

        @Override
        public Integer call() throws Exception {
            if (http) {
                return serveHttp(parent.workbench());
            }
            if (host != null || port != null || tokenFile != null || noAuth || !allowHosts.isEmpty() || loginLink) {
                throw new CommandLine.ParameterException(
                        parent.spec.commandLine().getSubcommands().get("serve"),
                        "--host, --port, --token-file, --no-auth, --allow-host and --login-link only apply with --http");
            }
            return serve(parent.workbench());
        }

        int serve(Workbench wb) {
            // stdout carries MCP messages only: anything printed by mistake goes to stderr instead.
            FileOutputStream protocol = new FileOutputStream(FileDescriptor.out);
            System.setOut(System.err);
            HookStart hooks = new HookStart(); // hooks for this root are answered here while the session lasts
            StdioServer server = StdioServer.start(wb, System.in, hooks.watch(protocol));
            hooks.start(wb);
            try {
                server.awaitInputEnd();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            hooks.stop();
            server.close();
            return 0;
        }

        private int serveHttp(Workbench wb) throws Exception {
            System.setOut(System.err);
            if (noAuth && tokenFile != null) {
                throw new CommandLine.ParameterException(
                        parent.spec.commandLine().getSubcommands().get("serve"),
                        "--no-auth and --token-file contradict each other");
            }
            String bind = host == null ? "127.0.0.1" : host;
            HttpToken token = noAuth ? null : HttpToken.resolve(tokenFile, System.getenv(HttpToken.ENV), wb.store());
            // The link logs in as the person who runs the server, who may approve on the page: as aw approve, it is
            // only shown to a person at a terminal (an agent that started the server reads its stderr too), unless
            // asked for explicitly.
            boolean showLinks = loginLink || System.console() != null;
            HttpServer server = HttpServer.start(
                    wb, new HttpServer.Settings(bind, port == null ? 8765 : port, token, allowHosts), link -> {
                        if (showLinks) {
                            System.err.println("aw: the page: open " + link + " (works once, for 15 minutes; "
                                    + "a fresh link is printed here after each login)");
                        }
                    });
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> server.shutdown(Duration.ofSeconds(30)), "aw-http-stop"));
            String base = "http://" + (bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind) + ":"
                    + server.port();
            // One write for both lines: whoever waits for "serving" (a script, a test) finds how to authenticate too.
            System.err.println("aw: serving " + wb.backend().root() + " at " + base + HttpServer.MCP + " (HTTP+SSE: "
                    + base + HttpServer.SSE + ")" + System.lineSeparator()
                    + (token == null
                            ? "aw: no authentication (--no-auth"
                                    + (System.getenv(HttpToken.ENV) == null ? "" : "; " + HttpToken.ENV + " is ignored")
                                    + "): any local process can call the tools"
                            : "aw: bearer token from " + token.source()));
            if (!showLinks) {
                System.err.println("aw: the page needs a one-time login link, printed only to a person at a terminal:"
                        + " start aw serve --http in one, or add --login-link to print it here anyway");
            }
            server.announceLogin();
            HookEndpoint hooks = HookEndpoint.start(wb); // closed by its own shutdown hook
            server.join();
            if (hooks != null) {
                hooks.close();
            }
            return 0;
        }
    }
}
