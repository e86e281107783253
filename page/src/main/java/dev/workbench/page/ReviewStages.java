package dev.workbench.page;

import dev.workbench.core.Workbench;
import dev.workbench.core.review.StageId;
import dev.workbench.core.review.StageRecords;
import dev.workbench.core.review.StageState;
import java.util.ArrayList;
import java.util.List;

/**
 * Every review stage a person may have to look at: the areas' ({@link dev.workbench.core.review.Stages#statuses})
 * and the experiments' ({@code experiment:<slug>}), each as it holds now (stale ones with their reason). An
 * experiment whose stage was never executed has nothing to show and is left out.
 */
final class ReviewStages {
    private ReviewStages() {}

    static String key(String slug) {
        return StageId.experiment(slug).key();
    }

    static List<StageRecords.Status> all(Workbench wb) {
        List<StageRecords.Status> all = new ArrayList<>(wb.stages().statuses());
        for (String slug : wb.experiments().slugs()) {
            StageRecords.Status s = wb.stages().status(key(slug));
            if (s.executedAt() != null || s.staleReason() != null || s.revision() > 0) {
                all.add(s);
            }
        }
        return all;
    }

    /** A stage's state as a badge: approved reads ok, reviewed (waiting) warn, stale and rejected bad. */
    static void badge(Html h, StageState state) {
        String tone = switch (state) {
            case APPROVED -> "ok";
            case REVIEWED -> "warn";
            case STALE, REJECTED -> "bad";
            case EXECUTED -> "muted";
        };
        h.el("span", state.name(), "class", "badge " + tone, "data-test", "stage-state");
    }
}
