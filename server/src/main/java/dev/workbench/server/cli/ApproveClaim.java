package dev.workbench.server.cli;

import dev.workbench.core.Check;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.program.Claim;
import dev.workbench.core.program.ClaimInput;
import dev.workbench.core.program.Claims;
import dev.workbench.core.review.HumanApproval;
import dev.workbench.core.review.SshSignatures;
import dev.workbench.core.review.Stages;
import dev.workbench.server.Main;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code aw approve claim:<slug> --status <s> [--key <file>]}: a person sets a claim's status to supported, refuted
 * or mixed, having read the claim and its experiments on the terminal; signed with {@code --key} under the signed
 * policy. The same refusals as an area's approval: no terminal, or no key where one is required, changes nothing.
 */
final class ApproveClaim {
    static final String PREFIX = "claim:";

    private ApproveClaim() {}

    static int run(Workbench wb, PrintWriter err, String subject, String given, Path key) {
        String slug = subject.substring(PREFIX.length());
        if (!Check.isSlug(slug)) {
            err.println("aw approve: " + subject + " names no claim; give claim:<slug> (kebab-case)");
            return Main.USAGE;
        }
        Claim.Status status = parse(given);
        if (status == null || status == Claim.Status.OPEN) {
            err.println("aw approve: " + subject + " needs --status supported, refuted or mixed"
                    + (status == null ? "" : " (moving a claim back to open is the agent's: upsert-claim)"));
            return Main.USAGE;
        }
        String command = "aw approve " + subject + " --status " + status.wireName();
        if (key == null && wb.stages().policy().signed()) {
            err.println("aw approve: APPROVAL_UNSIGNED: this project requires signed approvals (.aw/policy.json);"
                    + " run `" + command + " --key <your ssh key>` (nothing changed)");
            return Main.TOOL_ERROR;
        }
        Console console = System.console();
        if (console == null) {
            err.println("aw approve: a claim's status is a person's decision and needs a terminal;"
                    + " run it yourself in one (nothing changed)");
            return Main.USAGE;
        }
        try {
            SshSignatures ssh = SshSignatures.system();
            Stages.Signer signer = key == null ? null : statement -> ssh.sign(key.toAbsolutePath(), statement);
            Claims.Result r =
                    wb.claims().upsert(new ClaimInput(slug, null, status, null, null), new AtTerminal(console), signer);
            if (r.note() != null) {
                console.printf("%s.%n", r.note());
            } else {
                Claim c = r.claim();
                console.printf(
                        "Claim %s is now %s%s.%n",
                        slug,
                        c.status().wireName().toUpperCase(Locale.ROOT),
                        c.statusApproval() != null && c.statusApproval().signer() != null
                                ? ", signed by " + c.statusApproval().signer()
                                : "");
            }
            return 0;
        } catch (WorkbenchException e) {
            console.printf("aw approve: %s%n", e);
            return Main.TOOL_ERROR;
        }
    }

    private static Claim.Status parse(String given) {
        for (Claim.Status s : Claim.Status.values()) {
            if (s.wireName().equals(given)) {
                return s;
            }
        }
        return null;
    }

    /** The person at the terminal, shown the claim and its roll-up. */
    private record AtTerminal(Console console) implements HumanApproval {
        @Override
        public Optional<Answer> ask(Request request) {
            return Optional.empty(); // an area's approval is not asked here
        }

        @Override
        public Optional<Answer> decide(Question question) {
            console.printf("%s%n", question.text());
            String choice = console.readLine("Approve? [y] approve, [n] decline, anything else cancels: ");
            if (choice == null) {
                return Optional.empty();
            }
            boolean approve =
                    choice.trim().equalsIgnoreCase("y") || choice.trim().equalsIgnoreCase("yes");
            boolean decline =
                    choice.trim().equalsIgnoreCase("n") || choice.trim().equalsIgnoreCase("no");
            if (!approve && !decline) {
                console.printf("Cancelled; nothing changed.%n");
                return Optional.empty();
            }
            String feedback = console.readLine(approve ? "Feedback (optional): " : "Why not? ");
            String by = System.getProperty("user.name", "someone") + " at a terminal";
            return Optional.of(
                    new Answer(approve, by, feedback == null || feedback.isBlank() ? null : feedback.trim()));
        }
    }
}
