package dev.workbench.page;

import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.program.Claim;
import dev.workbench.core.program.Claims;
import dev.workbench.core.program.CleanResults;
import dev.workbench.core.review.ApprovalPolicy;
import dev.workbench.core.review.StageCheck;
import dev.workbench.core.review.StageId;
import dev.workbench.core.review.StageRecords;
import dev.workbench.core.review.StageState;
import dev.workbench.core.run.PathDigest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What waits for a person ({@code /review}): every stage the agent reviewed, with what a person approves (its artifacts
 * and their hashes, the agent's checks and interpretation, and for an experiment the clean result's text), then the
 * way to decide. Served under the default policy, the page's own approve and reject forms; under the signed policy no
 * approve button (the browser cannot sign) but the exact {@code aw approve … --key} command, and the reject form,
 * since sending work back needs no signature ({@code Stages.reject}). In the report, no forms: the commands only.
 * Open claims follow the same rule, and last, briefly, the stages not ready yet, so a person sees what is coming.
 */
final class ReviewView implements Dashboard.Route {
    /** The key a person signs with in the command shown; they replace it with their own. */
    static final String KEY = "~/.ssh/id_ed25519";

    static final String APPROVE = "/actions/approve";
    static final String REJECT = "/actions/reject";
    static final String CLAIM = "/actions/claim";

    private static final List<Claim.Status> DECISIONS =
            List.of(Claim.Status.SUPPORTED, Claim.Status.REFUTED, Claim.Status.MIXED);

    private final Workbench wb;

    ReviewView(Workbench wb) {
        this.wb = wb;
    }

    @Override
    public Optional<Page> render(String rest, PageRequest request) {
        if (!rest.isEmpty()) {
            return Optional.empty();
        }
        ApprovalPolicy policy = wb.stages().policy();
        List<StageRecords.Status> stages = ReviewStages.all(wb);
        List<StageRecords.Status> pending =
                stages.stream().filter(s -> s.state() == StageState.REVIEWED).toList();
        Html h = new Html();
        h.el("h1", "Review");
        h.open("p", "data-test", "policy", "data-signed", Boolean.toString(policy.signed()));
        h.text(
                policy.signed()
                        ? "This project requires signed approvals (.aw/policy.json): a person approves with their SSH key"
                                + " in a terminal; work can be sent back here."
                        : "A person approves or sends back the reviewed work"
                                + (request.links().served() ? " here." : "."));
        if (policy.problem() != null) {
            h.text(" ").el("span", policy.problem(), "class", "bad");
        }
        h.close("p");

        h.el("h2", "Waiting for a person (" + pending.size() + ")");
        h.open("div", "data-test", "pending");
        if (pending.isEmpty()) {
            h.el("p", "Nothing waits for a person.", "class", "muted");
        }
        for (StageRecords.Status s : pending) {
            stage(h, s, policy, request);
        }
        h.close("div");

        claims(h, policy, request);
        upcoming(h, stages, request.links());
        return Optional.of(new Page("Review", "review", h.toString()));
    }

    private void stage(Html h, StageRecords.Status s, ApprovalPolicy policy, PageRequest request) {
        StageId id = StageId.parse(s.area());
        h.open("section", "data-test", "stage", "data-stage", id.key());
        h.open("h3");
        if (id.experiment()) {
            h.text("Experiment ").link(request.links().experiment(id.name()), id.name());
        } else {
            h.text("Area " + id.name());
        }
        h.close("h3");
        h.el(
                "p",
                "Reviewed " + Format.when(s.reviewedAt()) + ", executed " + Format.when(s.executedAt()),
                "class",
                "muted");
        StageRecords.Manifest manifest = read(id, "manifest.json", StageRecords.Manifest.class);
        StageRecords.Review review = read(id, "review.json", StageRecords.Review.class);
        artifacts(h, manifest == null ? List.of() : manifest.artifacts());
        checks(h, review == null ? List.of() : review.checks());
        if (review != null && review.interpretation() != null) {
            h.el("h4", "Interpretation");
            h.el("p", review.interpretation(), "data-test", "interpretation");
        }
        if (id.experiment()) {
            new CleanResults(wb)
                    .document(id.name())
                    .ifPresent(text -> h.open("details", "data-test", "clean-result")
                            .el("summary", "The clean result a person approves")
                            .el("pre", text, "class", "doc")
                            .close("details"));
        }
        decide(h, id.key(), s.revision(), policy, request);
        h.close("section");
    }

    private <T> T read(StageId id, String file, Class<T> type) {
        Optional<String> text = wb.stages().read(id.key(), file);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Json.mapper().readValue(text.get(), type);
        } catch (IOException | RuntimeException unreadable) {
            return null; // the stage's state already says what is wrong; the page shows what it can
        }
    }

    private static void artifacts(Html h, List<PathDigest> artifacts) {
        h.el("h4", "Artifacts (" + artifacts.size() + ")");
        h.open("div", "class", "scroll")
                .open("table", "class", "data", "data-test", "artifacts")
                .open("thead")
                .open("tr")
                .el("th", "Path")
                .el("th", "Size", "class", "num")
                .el("th", "SHA-256")
                .close("tr")
                .close("thead")
                .open("tbody");
        for (PathDigest a : artifacts) {
            h.open("tr", "data-test", "artifact", "data-path", a.path(), "data-sha256", a.sha256());
            h.open("td").open("code").text(a.path()).close("code").close("td");
            h.el("td", a.size() == null ? "–" : Format.bytes(a.size()), "class", "num");
            h.open("td")
                    .el("code", Format.shortHash(a.sha256()), "title", a.sha256(), "data-test", "sha256")
                    .close("td");
            h.close("tr");
        }
        h.close("tbody").close("table").close("div");
    }

    private static void checks(Html h, List<StageCheck> checks) {
        h.el("h4", "Checks (" + checks.size() + ")");
        h.open("ul", "data-test", "checks");
        for (StageCheck c : checks) {
            boolean passed = Boolean.TRUE.equals(c.passed());
            h.open("li", "data-test", "check", "data-passed", Boolean.toString(passed));
            h.el("span", passed ? "passed" : "failed", "class", "badge " + (passed ? "ok" : "bad"));
            h.text(" " + c.name());
            if (c.detail() != null) {
                h.text(": ").el("span", c.detail(), "class", "muted");
            }
            h.close("li");
        }
        h.close("ul");
    }

    /** The approve and reject forms, or the command where the page may not approve (signed) or post (report). */
    private static void decide(Html h, String stage, long revision, ApprovalPolicy policy, PageRequest request) {
        boolean served = request.links().served();
        if (served && !policy.signed()) {
            h.open("form", "class", "decide", "method", "post", "action", APPROVE);
            hidden(h, "csrf", request.csrf());
            hidden(h, "stage", stage);
            hidden(h, "revision", Long.toString(revision)); // what the person read: a newer one is refused
            h.el("button", "Approve", "type", "submit", "data-test", "approve");
            h.close("form");
        } else {
            String command = "aw approve " + stage + (policy.signed() ? " --key " + KEY : "");
            h.open("p")
                    .text(policy.signed() ? "To approve, sign it in a terminal with your key:" : "To decide, run:")
                    .close("p");
            h.el("code", command, "class", "cmd", "data-test", "approve-command");
            if (!served) {
                h.el("p", "It shows what you approve; answer y to approve, n to send it back.", "class", "muted");
            }
        }
        if (served) {
            h.open("form", "class", "decide", "method", "post", "action", REJECT);
            hidden(h, "csrf", request.csrf());
            hidden(h, "stage", stage);
            hidden(h, "revision", Long.toString(revision)); // what the person read: a newer one is refused
            String field = "feedback-" + stage.replace(':', '-');
            h.el("label", "What must change?", "for", field);
            h.el("textarea", "", "id", field, "name", "feedback", "required", "", "rows", "2", "data-test", "feedback");
            h.el("button", "Send back", "type", "submit", "data-test", "reject");
            h.close("form");
        }
    }

    private static void hidden(Html h, String name, String value) {
        h.open("input", "type", "hidden", "name", name, "value", value == null ? "" : value);
    }

    /** Claims a person decides: open ones, and those whose approved status no longer holds. */
    private void claims(Html h, ApprovalPolicy policy, PageRequest request) {
        if (wb.backend().claims().slugs().isEmpty()) {
            return; // listing claims reads every experiment again for their counts
        }
        List<Claims.Summary> open = wb.claims().list().stream()
                .filter(c -> c.status() == Claim.Status.OPEN || c.approvalProblem() != null)
                .filter(c -> c.statement() != null)
                .toList();
        if (open.isEmpty()) {
            return;
        }
        boolean buttons = request.links().served() && !policy.signed();
        h.el("h2", "Claims to decide (" + open.size() + ")");
        h.open("div", "data-test", "claims");
        for (Claims.Summary c : open) {
            h.open(
                    "section",
                    "data-test",
                    "claim",
                    "data-slug",
                    c.slug(),
                    "data-status",
                    c.status().wireName());
            h.el("h3", "Claim " + c.slug());
            h.el("p", c.statement(), "data-test", "statement");
            h.open("p", "class", "muted")
                    .text("Now " + c.status().wireName() + ", " + c.experiments() + " experiment"
                            + (c.experiments() == 1 ? "" : "s") + " roll up to it");
            if (c.approvalProblem() != null) {
                h.text("; ").el("span", c.approvalProblem(), "class", "warn");
            }
            h.close("p");
            String revision = wb.backend()
                    .claims()
                    .find(c.slug())
                    .map(claim -> Long.toString(claim.revision()))
                    .orElse("0");
            for (Claim.Status s : DECISIONS) {
                if (buttons) {
                    h.open("form", "class", "decide", "method", "post", "action", CLAIM);
                    hidden(h, "csrf", request.csrf());
                    hidden(h, "slug", c.slug());
                    hidden(h, "status", s.wireName());
                    hidden(h, "revision", revision);
                    h.el(
                            "button",
                            s.wireName(),
                            "type",
                            "submit",
                            "data-test",
                            "claim-decide",
                            "data-status",
                            s.wireName());
                    h.close("form");
                } else {
                    h.el(
                            "code",
                            "aw approve " + Claim.subject(c.slug()) + " --status " + s.wireName()
                                    + (policy.signed() ? " --key " + KEY : ""),
                            "class",
                            "cmd",
                            "data-test",
                            "claim-command",
                            "data-status",
                            s.wireName());
                }
            }
            h.close("section");
        }
        h.close("div");
    }

    /** The stages not ready for a person yet (executed, stale, sent back): one line each. */
    private static void upcoming(Html h, List<StageRecords.Status> stages, Links links) {
        List<StageRecords.Status> coming = stages.stream()
                .filter(s -> s.state() != StageState.REVIEWED && s.state() != StageState.APPROVED)
                .toList();
        h.el("h2", "Coming up (" + coming.size() + ")");
        if (coming.isEmpty()) {
            h.el("p", "No other stage is in progress.", "class", "muted", "data-test", "upcoming");
            return;
        }
        h.open("ul", "data-test", "upcoming");
        for (StageRecords.Status s : coming) {
            StageId id = StageId.parse(s.area());
            h.open(
                    "li",
                    "data-test",
                    "upcoming-stage",
                    "data-stage",
                    id.key(),
                    "data-state",
                    s.state().name());
            if (id.experiment()) {
                h.link(links.experiment(id.name()), id.key());
            } else {
                h.text(id.key());
            }
            h.text(" ");
            ReviewStages.badge(h, s.state());
            h.text(" "
                    + switch (s.state()) {
                        case EXECUTED -> "executed " + Format.when(s.executedAt()) + ", not reviewed yet";
                        case REJECTED -> "sent back " + Format.when(s.decidedAt()) + "; to be executed again";
                        default -> s.staleReason() != null ? s.staleReason() : "not executed yet";
                    });
            h.close("li");
        }
        h.close("ul");
    }
}
