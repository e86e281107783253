package dev.workbench.core.program;

import java.util.List;

/**
 * What {@code propose-follow-ups} answers: the drafts it created, each with where its hypothesis came from, its prior
 * and its minimum sample, and why.
 *
 * @param parent  the experiment they follow from
 * @param created the new drafts, in the order of their hypotheses
 */
public record FollowUpProposal(String parent, List<Created> created) {
    public FollowUpProposal {
        created = List.copyOf(created);
    }

    /**
     * One draft created.
     *
     * @param slug           its slug, {@code <parent>-follow-up-<n>}
     * @param revision       its revision (1: just created)
     * @param hypothesis     its hypothesis
     * @param hypothesisFrom {@code hypotheses[i]} when sent, else the learning it came from ({@code learnings[i]})
     * @param prior          its prior and why
     * @param sample         its minimumSample and why
     */
    public record Created(
            String slug,
            long revision,
            String hypothesis,
            String hypothesisFrom,
            FollowUpPrior prior,
            FollowUpSample sample) {}
}
