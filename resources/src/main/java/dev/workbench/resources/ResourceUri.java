package dev.workbench.resources;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.Checkpoints;
import dev.workbench.core.review.Stages;
import dev.workbench.core.run.Runs;

/**
 * Which resource an {@code aw://} URI names: a fixed resource, or a template with its variables checked by the
 * rules the views themselves apply (slugs, run ids, checkpoint references, stage areas and files). Reading and
 * subscribing parse through here, so a URI a client may subscribe to is one it could read once the thing exists.
 *
 * @param template the fixed URI or the template, one of the constants of {@link WorkbenchResources}
 * @param name     the template's first variable (slug, checkpoint, run id or area); null for a fixed resource
 * @param file     the stage file for {@link WorkbenchResources#STAGE_FILE}; else null
 */
record ResourceUri(String template, String name, String file) {
    private static final String EXPERIMENTS = "aw://experiments/";
    private static final String ANALYSIS = "/analysis";
    private static final String ANALYSES = "/analyses";
    private static final String CHECKPOINTS = "aw://checkpoints/";
    private static final String RUNS = "aw://runs/";
    private static final String STAGES = "aw://stages/";

    /**
     * @throws WorkbenchException {@code NOT_FOUND} for a URI of no resource or template; {@code INVALID_INPUT}
     *                            for a template whose variable breaks its rule; both name the URI and the forms
     */
    static ResourceUri parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, "uri: required; " + forms());
        }
        if (WorkbenchResources.FIXED.contains(uri)) {
            return new ResourceUri(uri, null, null);
        }
        try {
            if (uri.startsWith(EXPERIMENTS) && uri.endsWith(ANALYSES)) {
                return new ResourceUri(WorkbenchResources.ANALYSES,
                        Check.slug(uri.substring(EXPERIMENTS.length(), uri.length() - ANALYSES.length()), "slug"), null);
            }
            if (uri.startsWith(EXPERIMENTS) && uri.endsWith(ANALYSIS)) {
                return new ResourceUri(WorkbenchResources.ANALYSIS,
                        Check.slug(uri.substring(EXPERIMENTS.length(), uri.length() - ANALYSIS.length()), "slug"), null);
            }
            if (uri.startsWith(EXPERIMENTS)) {
                return new ResourceUri(WorkbenchResources.EXPERIMENT, Check.slug(uri.substring(EXPERIMENTS.length()), "slug"), null);
            }
            if (uri.startsWith(CHECKPOINTS)) {
                return new ResourceUri(WorkbenchResources.CHECKPOINT, canonical(Checkpoints.checkRef(uri.substring(CHECKPOINTS.length()))), null);
            }
            if (uri.startsWith(RUNS)) {
                return new ResourceUri(WorkbenchResources.RUN, Runs.checkId(uri.substring(RUNS.length())), null);
            }
            if (uri.startsWith(STAGES)) {
                String[] parts = uri.substring(STAGES.length()).split("/", -1);
                if (parts.length == 2) {
                    return new ResourceUri(WorkbenchResources.STAGE_FILE, Check.word(parts[0], "area"), Stages.checkFile(parts[1]));
                }
            }
        } catch (WorkbenchException e) {
            throw new WorkbenchException(e.code(), uri + ": " + e.getMessage() + "; " + forms());
        }
        throw new WorkbenchException(ErrorCode.NOT_FOUND, "no resource " + uri + "; " + forms());
    }

    /** A checkpoint number in one of the two forms changes are reported under: {@code 2} or {@code 02}. */
    private static String canonical(String ref) {
        if (ref.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(ref);
            if (!ref.equals(Integer.toString(n)) && !ref.equals(String.format("%02d", n))) {
                throw new WorkbenchException(ErrorCode.INVALID_INPUT, "checkpoint: write the number as " + n + " or "
                        + String.format("%02d", n) + ", got " + ref);
            }
        }
        return ref;
    }

    private static String forms() {
        return "the resources are " + String.join(", ", WorkbenchResources.FIXED) + " and the templates "
                + String.join(", ", WorkbenchResources.TEMPLATE_URIS);
    }
}
