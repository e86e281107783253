package dev.workbench.server.cli;

import dev.workbench.core.WorkbenchException;
import dev.workbench.core.review.HumanApproval;
import dev.workbench.core.review.SshSignatures;
import dev.workbench.core.review.StageId;
import dev.workbench.core.review.Stages;
import dev.workbench.server.Main;
import dev.workbench.server.mcp.ElicitationApproval;
import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code aw approve <area | experiment:<slug>> [--key <file>]}: a person approves (or sends back) a reviewed area's
 * or experiment's stage, asked on the terminal; {@code aw approve claim:<slug> --status <s>} sets a claim's status the
 * same way ({@link ApproveClaim}). Without a terminal it refuses. A terminal is a convention, not a proof: an agent with a shell can fake
 * one ({@code script -qc "aw approve x"}). A project that needs more sets {@code .aw/policy.json}
 * {@code {"approval": "signed"}}: then the decision is signed with {@code --key} by ssh-keygen (a private key, or a
 * public key whose private half is in ssh-agent, so a hardware key asks for a touch) and must verify against
 * {@code .aw/allowed_signers}.
 */
@Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        description =
                "Approve a reviewed area (or experiment:<slug>, or claim:<slug> --status <s>), as a person at a terminal"
                        + " (refused without one); --key signs the approval.")
public final class ApproveCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "STAGE",
            description = "The stage to approve: an area, experiment:<slug> for an experiment's review, or"
                    + " claim:<slug> with --status.")
    String area;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            description = "With claim:<slug>: the status to set, supported, refuted or mixed (a person's decision).")
    String status;

    @Option(
            names = "--key",
            paramLabel = "FILE",
            description =
                    "Sign the approval with this SSH key (ssh-keygen -Y sign"
                            + " -n aw-approval): a private key, or a public key whose private half is in ssh-agent. Needed when"
                            + " .aw/policy.json says {\"approval\": \"signed\"}; the key must be listed in .aw/allowed_signers.")
    Path key;

    @Override
    public Integer call() {
        if (key != null && !Files.isRegularFile(key)) {
            spec.commandLine()
                    .getErr()
                    .println("aw approve: --key " + key + " is not a file; give the SSH key to sign"
                            + " with (a private key, or a public key whose private half is in ssh-agent)");
            return Main.USAGE;
        }
        if (area.startsWith(ApproveClaim.PREFIX)) {
            return ApproveClaim.run(parent.workbench(), spec.commandLine().getErr(), area, status, key);
        }
        if (status != null) {
            spec.commandLine()
                    .getErr()
                    .println("aw approve: --status is for a claim (claim:<slug>), not for " + area
                            + "; a stage is approved or sent back (nothing changed)");
            return Main.USAGE;
        }
        if (key == null && parent.workbench().stages().policy().signed()) {
            spec.commandLine()
                    .getErr()
                    .println("aw approve: APPROVAL_UNSIGNED: this project requires signed approvals"
                            + " (.aw/policy.json); run `aw approve " + area
                            + " --key <your ssh key>` (nothing changed)");
            return Main.TOOL_ERROR;
        }
        Console console = System.console();
        if (console == null) {
            spec.commandLine()
                    .getErr()
                    .println("aw approve: approval is a person's decision and needs a terminal;"
                            + " run it yourself in one (nothing changed)");
            return Main.USAGE;
        }
        try {
            SshSignatures ssh = SshSignatures.system();
            Stages.Signer signer = key == null ? null : statement -> ssh.sign(key.toAbsolutePath(), statement);
            Stages.Result result = parent.workbench().stages().approve(area, request -> ask(console, request), signer);
            console.printf(
                    "%s %s is now %s%s.%n",
                    area.startsWith(StageId.EXPERIMENT_PREFIX) ? "Stage" : "Area",
                    area,
                    result.state(),
                    result.approval() != null && result.approval().signer() != null
                            ? ", signed by " + result.approval().signer()
                            : "");
            return 0;
        } catch (WorkbenchException e) {
            console.printf("aw approve: %s%n", e);
            return Main.TOOL_ERROR;
        }
    }

    private static Optional<HumanApproval.Answer> ask(Console console, HumanApproval.Request request) {
        console.printf(
                "%s%n",
                ElicitationApproval.message(request).replace("Accept to approve, decline to send it back.", ""));
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
        return Optional.of(
                new HumanApproval.Answer(approve, by, feedback == null || feedback.isBlank() ? null : feedback.trim()));
    }
}
