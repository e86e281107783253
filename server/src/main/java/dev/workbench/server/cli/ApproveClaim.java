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

    /** The terminal a person answers at: {@link Console} in use, a scripted one in tests. */
    interface Terminal {
        void print(String text);

        /** The line the person typed after {@code prompt}; null at end of input. */
        String readLine(String prompt);
    }

    /** The person cancelled at the prompt: nothing is decided and nothing changes. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    static int run(Workbench wb, PrintWriter err, String subject, String given, Path key) {
        Console console = System.console();
        Terminal terminal = console == null
                ? null
                : new Terminal() {
                    @Override
                    public void print(String text) {
                        console.printf("%s", text);
                    }

                    @Override
                    public String readLine(String prompt) {
                        return console.readLine("%s", prompt);
                    }
                };
        return run(wb, err, subject, given, key, terminal);
    }

    static int run(Workbench wb, PrintWriter err, String subject, String given, Path key, Terminal terminal) {
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
        try {
            wb.claims().get(slug);
        } catch (WorkbenchException e) {
            err.println("aw approve: " + e + " (nothing changed)");
            return Main.TOOL_ERROR;
        }
        String command = "aw approve " + subject + " --status " + status.wireName();
        if (key == null && wb.stages().policy().signed()) {
            err.println("aw approve: APPROVAL_UNSIGNED: this project requires signed approvals (.aw/policy.json);"
                    + " run `" + command + " --key <your ssh key>` (nothing changed)");
            return Main.TOOL_ERROR;
        }
        if (terminal == null) {
            err.println("aw approve: a claim's status is a person's decision and needs a terminal;"
                    + " run it yourself in one (nothing changed)");
            return Main.USAGE;
        }
        try {
            SshSignatures ssh = SshSignatures.system();
            Stages.Signer signer = key == null ? null : statement -> ssh.sign(key.toAbsolutePath(), statement);
            Claims.Result r = wb.claims()
                    .upsert(new ClaimInput(slug, null, status, null, null), new AtTerminal(terminal), signer);
            if (r.note() != null) {
                terminal.print(r.note() + ".\n");
            } else {
                Claim c = r.claim();
                terminal.print("Claim " + slug + " is now "
                        + c.status().wireName().toUpperCase(Locale.ROOT)
                        + (c.statusApproval() != null && c.statusApproval().signer() != null
                                ? ", signed by " + c.statusApproval().signer()
                                : "")
                        + ".\n");
            }
            return 0;
        } catch (Cancelled cancelled) {
            terminal.print("Cancelled; nothing changed.\n");
            return Main.TOOL_ERROR;
        } catch (WorkbenchException e) {
            terminal.print("aw approve: " + e + "\n");
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

    /** The person at the terminal, shown the claim and its roll-up; anything but yes or no cancels. */
    private record AtTerminal(Terminal terminal) implements HumanApproval {
        @Override
        public Optional<Answer> ask(Request request) {
            return Optional.empty(); // an area's approval is not asked here
        }

        @Override
        public Optional<Answer> decide(Question question) {
            terminal.print(question.text() + "\n");
            String choice = terminal.readLine("Approve? [y] approve, [n] decline, anything else cancels: ");
            if (choice == null) {
                throw new Cancelled();
            }
            boolean approve =
                    choice.trim().equalsIgnoreCase("y") || choice.trim().equalsIgnoreCase("yes");
            boolean decline =
                    choice.trim().equalsIgnoreCase("n") || choice.trim().equalsIgnoreCase("no");
            if (!approve && !decline) {
                throw new Cancelled();
            }
            String feedback = terminal.readLine(approve ? "Feedback (optional): " : "Why not? ");
            String by = System.getProperty("user.name", "someone") + " at a terminal";
            return Optional.of(
                    new Answer(approve, by, feedback == null || feedback.isBlank() ? null : feedback.trim()));
        }
    }
}
