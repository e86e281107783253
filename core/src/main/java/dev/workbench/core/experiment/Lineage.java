package dev.workbench.core.experiment;

/**
 * Where an experiment stands in the program: the experiment it follows from ({@code parent}: a follow-up, or a
 * holdout checkpoint, which also says its {@code holdoutDay}), and its own {@link Holdout} plan once launched.
 *
 * @param parent     the slug of the experiment this one follows from; null for a first experiment
 * @param holdoutDay for a holdout checkpoint of {@code parent}: the day after the launch it measures; else null
 * @param holdout    this experiment's holdout plan, set after it was launched; else null
 */
public record Lineage(String parent, Integer holdoutDay, Holdout holdout) {
    /** A first experiment, without a holdout. */
    public static final Lineage NONE = new Lineage(null, null, null);

    public Lineage withParent(String newParent) {
        return new Lineage(newParent, holdoutDay, holdout);
    }

    public Lineage withHoldout(Holdout newHoldout) {
        return new Lineage(parent, holdoutDay, newHoldout);
    }

    /** Whether this is a holdout checkpoint of its parent. */
    public boolean checkpoint() {
        return parent != null && holdoutDay != null;
    }
}
