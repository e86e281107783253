package dev.workbench.core.review;

import dev.workbench.core.Check;

/**
 * Whose review stage: an area's ({@code .aw/stages/<area>/}) or, since the Program issue, an experiment's (its clean
 * result and its plans). Written as one text wherever a stage is named (tool results, activity, {@code aw approve},
 * signed statements): the area's name, or {@code experiment:<slug>}; so an area may not be named
 * {@code experiment:…}, nor {@code claim:…}, which {@code aw approve claim:<slug>} reads as a claim's status.
 *
 * @param experiment whether this is an experiment's stage
 * @param name       the area (a word) or the experiment's slug
 */
public record StageId(boolean experiment, String name) {
    public static final String EXPERIMENT_PREFIX = "experiment:";
    /** What names a claim where a stage is named ({@code aw approve claim:<slug>}): reserved, no area's name. */
    public static final String CLAIM_PREFIX = "claim:";

    public StageId {
        if (experiment) {
            Check.slug(name, "experiment");
        } else {
            Check.word(name, "area");
            if (name.startsWith(EXPERIMENT_PREFIX)) {
                throw Check.invalid(
                        "area", "an area name (experiments' stages are named by the experiment field)", name);
            }
            if (name.startsWith(CLAIM_PREFIX)) {
                throw Check.invalid(
                        "area",
                        "an area name (claim:<slug> names a claim, whose status is decided"
                                + " with upsert-claim or aw approve claim:<slug> --status <s>)",
                        name);
            }
        }
    }

    /** Whether {@code name} can be an area's stage: a word that names no experiment's stage and no claim. */
    public static boolean isAreaName(String name) {
        return Check.isWord(name) && !name.startsWith(EXPERIMENT_PREFIX) && !name.startsWith(CLAIM_PREFIX);
    }

    public static StageId area(String area) {
        return new StageId(false, area);
    }

    public static StageId experiment(String slug) {
        return new StageId(true, slug);
    }

    /** The stage {@code text} names: {@code experiment:<slug>} or an area. */
    public static StageId parse(String text) {
        Check.required(text, "stage");
        return text.startsWith(EXPERIMENT_PREFIX) ? experiment(text.substring(EXPERIMENT_PREFIX.length())) : area(text);
    }

    /** The stage's one-text name. */
    public String key() {
        return experiment ? EXPERIMENT_PREFIX + name : name;
    }

    @Override
    public String toString() {
        return key();
    }
}
