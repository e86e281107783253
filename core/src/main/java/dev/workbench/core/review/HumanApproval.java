package dev.workbench.core.review;

import dev.workbench.core.run.PathDigest;
import java.util.List;
import java.util.Optional;

/**
 * How a person is asked to approve an area (or another decision that is a person's, {@link #decide}): over MCP by elicitation when the client supports it, on a terminal by
 * {@code aw approve}. Approval is never given by the agent itself.
 */
@FunctionalInterface
public interface HumanApproval {
    /** No person can be asked here (a client without elicitation, a hook, a script). */
    HumanApproval NONE = request -> Optional.empty();

    /**
     * What the person sees: the stage, its artifacts, the agent's checks and interpretation, and for an experiment's
     * stage the text they approve ({@code document}: its clean result; null for an area).
     */
    record Request(
            String area, List<PathDigest> artifacts, List<StageCheck> checks, String interpretation, String document) {
        public Request(String area, List<PathDigest> artifacts, List<StageCheck> checks, String interpretation) {
            this(area, artifacts, checks, interpretation, null);
        }
    }

    /**
     * The person's answer.
     *
     * @param approved whether they approved (false: they sent it back)
     * @param by       who answered, as far as the channel knows
     * @param feedback what they said, if anything
     */
    record Answer(boolean approved, String by, String feedback) {}

    /** Asks a person; empty when no person can be asked, or when they dismissed the question. */
    Optional<Answer> ask(Request request);

    /**
     * A decision other than an area's approval (a claim's status): what it is about ({@code claim:<slug>}), the
     * whole text the person reads, and the command a person runs in a terminal instead
     * ({@code aw approve claim:<slug> --status supported}).
     */
    record Question(String subject, String text, String command) {}

    /**
     * Asks a person {@code question}; accepting approves what it proposes, declining leaves things as they are.
     * By default it is put as a {@link Request} about {@code subject} with the text as its interpretation; a channel
     * that shows text (elicitation, a terminal) shows the text alone.
     */
    default Optional<Answer> decide(Question question) {
        return ask(new Request(question.subject(), List.of(), List.of(), question.text()));
    }
}
