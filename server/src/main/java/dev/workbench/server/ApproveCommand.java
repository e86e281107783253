package dev.workbench.server;

import dev.workbench.core.WorkbenchException;
import dev.workbench.core.review.HumanApproval;
import dev.workbench.core.review.Stages;
import java.io.Console;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code aw approve <area>}: a person approves (or sends back) a reviewed area, asked on the terminal. Without a
 * terminal it refuses, so no script, hook or agent can approve on a person's behalf.
 */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Approve a reviewed area, as a person at a terminal (refused without one).")
final class ApproveCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "AREA", description = "The area to approve.")
    String area;

    @Override
    public Integer call() {
        Console console = System.console();
        if (console == null) {
            spec.commandLine().getErr().println("aw approve: approval is a person's decision and needs a terminal;"
                    + " run it yourself in one (nothing changed)");
            return Main.USAGE;
        }
        try {
            Stages.Result result = parent.workbench().stages().approve(area, request -> ask(console, request));
            console.printf("Area %s is now %s.%n", area, result.state());
            return 0;
        } catch (WorkbenchException e) {
            console.printf("aw approve: %s%n", e);
            return Main.TOOL_ERROR;
        }
    }

    private static Optional<HumanApproval.Answer> ask(Console console, HumanApproval.Request request) {
        console.printf("%s%n", ElicitationApproval.message(request).replace("Accept to approve, decline to send it back.", ""));
        String choice = console.readLine("Approve? [y] approve, [n] send back, anything else cancels: ");
        if (choice == null) {
            return Optional.empty();
        }
        boolean approve = choice.trim().equalsIgnoreCase("y") || choice.trim().equalsIgnoreCase("yes");
        boolean reject = choice.trim().equalsIgnoreCase("n") || choice.trim().equalsIgnoreCase("no");
        if (!approve && !reject) {
            console.printf("Cancelled; nothing changed.%n");
            return Optional.empty();
        }
        String feedback = console.readLine(approve ? "Feedback (optional): " : "What must change? ");
        String by = System.getProperty("user.name", "someone") + " at a terminal";
        return Optional.of(new HumanApproval.Answer(approve, by, feedback == null || feedback.isBlank() ? null : feedback.trim()));
    }
}
