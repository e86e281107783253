package dev.workbench.core.program;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Contract;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.ExperimentPatch;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.experiment.Learning;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.store.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code propose-follow-ups}: one to three {@code draft} experiments that follow from an analysed or decided one
 * ({@code parent} set), pre-filled from it so that the next cycle does not start from scratch: the hypothesis (by
 * default its latest learning's {@code nextHypothesis}, the seed's "input to the next cycle"), the method, the
 * metrics, the variants, the data definitions (assignment and metric SQL) and the claim are copied; the prior comes
 * from its posterior ({@link FollowUpPrior}) and the minimum sample from its observed baseline
 * ({@link FollowUpSample}). Nothing starts: a person or an agent moves a draft to {@code collecting}, after setting
 * its window. The parent must have a result (analyzing, decided, archived): a pilot that is analysed but not decided
 * is the seed's own case for a prior, and without a result there is nothing to carry forward.
 *
 * <p>One transaction: every check (the parent, the hypotheses, the slugs, the drafts' fields) is made before the
 * first draft is written, so a refusal changes nothing.
 */
public final class FollowUps {
    /** The activity entry's type for the proposal (each draft also has its own {@code experiment.created}). */
    public static final String ACTIVITY = "experiment.follow-ups";

    private final Transactions transactions;
    private final Experiments experiments;
    private final ActivityLog activity;
    private final Supplier<String> now;

    public FollowUps(Transactions transactions, Experiments experiments, ActivityLog activity, Supplier<String> now) {
        this.transactions = transactions;
        this.experiments = experiments;
        this.activity = activity;
        this.now = now;
    }

    /** Creates the follow-ups {@code in} asks for; see the type's description. */
    public FollowUpProposal propose(FollowUpRequest in) {
        return transactions.transaction(() -> {
            Experiment parent = experiments.get(in.slug());
            Learnings.requireAnalysed(parent, "slug");
            List<String> hypotheses = new ArrayList<>();
            List<String> from = new ArrayList<>();
            hypotheses(parent, in, hypotheses, from);
            List<String> slugs = nextSlugs(parent.slug(), hypotheses.size());

            String[] missing = {null};
            FollowUpPrior.Posterior posterior = FollowUpPrior.posterior(parent, missing);
            FollowUpPrior prior = FollowUpPrior.of(parent, posterior, missing[0], in.reusesData());
            FollowUpSample sample = FollowUpSample.of(parent, posterior == null ? null : posterior.treatment());
            List<ExperimentPatch> drafts = new ArrayList<>();
            for (int i = 0; i < slugs.size(); i++) {
                drafts.add(draft(
                        parent, experiments.inheritedClaim(parent), slugs.get(i), hypotheses.get(i), prior, sample));
            }

            List<FollowUpProposal.Created> created = new ArrayList<>();
            for (int i = 0; i < drafts.size(); i++) {
                Experiment e = experiments.upsert(drafts.get(i)).experiment();
                created.add(new FollowUpProposal.Created(
                        e.slug(), e.revision(), hypotheses.get(i), from.get(i), prior, sample));
            }
            activity.append(
                    now.get(),
                    ACTIVITY,
                    "Follow-ups of " + parent.slug() + " proposed as drafts: " + String.join(", ", slugs)
                            + (prior.proper() ? " (prior from its posterior)" : " (no prior)"),
                    null);
            return new FollowUpProposal(parent.slug(), created);
        });
    }

    /** The hypotheses sent, or the latest learning's next hypothesis; INVALID_INPUT naming hypotheses without one. */
    private static void hypotheses(Experiment parent, FollowUpRequest in, List<String> hypotheses, List<String> from) {
        if (in.hypotheses() != null) {
            for (int i = 0; i < in.hypotheses().size(); i++) {
                hypotheses.add(in.hypotheses().get(i));
                from.add("hypotheses[" + i + "]");
            }
            return;
        }
        List<Learning> learnings = parent.learnings();
        Learning latest = learnings.isEmpty() ? null : learnings.get(learnings.size() - 1);
        if (latest == null || latest.nextHypothesis() == null) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "hypotheses: required, 1 to " + FollowUpRequest.MAX_FOLLOW_UPS + " texts, because \""
                            + parent.slug() + "\" has "
                            + (latest == null
                                    ? "no learning"
                                    : "no nextHypothesis in its latest learning (learnings[" + (learnings.size() - 1)
                                            + "])")
                            + " to start from; send hypotheses, or record-learning with nextHypothesis first");
        }
        hypotheses.add(latest.nextHypothesis());
        from.add("learnings[" + (learnings.size() - 1) + "].nextHypothesis of " + parent.slug());
    }

    /** {@code count} slugs {@code <parent>-follow-up-<n>}, numbered after the highest one on record. */
    private List<String> nextSlugs(String parent, int count) {
        Pattern numbered = Pattern.compile(Pattern.quote(parent + "-follow-up-") + "([1-9][0-9]{0,8})");
        int highest = 0;
        for (String slug : experiments.slugs()) {
            Matcher m = numbered.matcher(slug);
            if (m.matches()) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            }
        }
        List<String> slugs = new ArrayList<>();
        for (int n = highest + 1; n <= highest + count; n++) {
            String slug = parent + "-follow-up-" + n;
            if (!Check.isSlug(slug)) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "slug: the follow-up \"" + slug + "\" would be " + slug.length() + " characters, over the "
                                + Check.MAX_NAME + " a slug may have; create it with upsert-experiment under a shorter"
                                + " slug, with parent: \"" + parent + "\"");
            }
            slugs.add(slug);
        }
        return slugs;
    }

    /** The draft's fields: the parent's contract, data definitions and claim, the new hypothesis, prior and sample. */
    private static ExperimentPatch draft(
            Experiment parent,
            String claim,
            String slug,
            String hypothesis,
            FollowUpPrior prior,
            FollowUpSample sample) {
        Contract c = parent.contract();
        return new ExperimentPatch(
                slug,
                0L, // only if new: the slug was free when it was chosen, in this same transaction
                hypothesis,
                c.method(),
                c.primaryMetricEvent(),
                c.guardrailEvents(),
                c.controlVariant(),
                c.treatmentVariants(),
                null,
                sample.minimumSample(),
                sample.minimumSampleBasis(),
                null,
                null,
                prior.proper(),
                prior.mean(),
                prior.stddev(),
                c.assignment(),
                c.metricDefinitions(),
                null,
                null,
                null,
                null,
                null,
                claim,
                parent.slug(),
                null);
    }
}
