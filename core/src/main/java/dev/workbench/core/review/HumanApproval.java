package dev.workbench.core.review;

import dev.workbench.core.run.PathDigest;
import java.util.List;
import java.util.Optional;

/**
 * How a person is asked to approve an area: over MCP by elicitation when the client supports it, on a terminal by
 * {@code aw approve}. Approval is never given by the agent itself.
 */
@FunctionalInterface
public interface HumanApproval {
    /** No person can be asked here (a client without elicitation, a hook, a script). */
    HumanApproval NONE = request -> Optional.empty();

    /** What the person sees. */
    record Request(String area, List<PathDigest> artifacts, List<StageCheck> checks, String interpretation) {}

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
}
