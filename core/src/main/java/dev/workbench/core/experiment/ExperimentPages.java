package dev.workbench.core.experiment;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.store.ExperimentRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Experiment lists a page at a time, in slug order: the cursor names the last slug shown, so a page stays right when
 * records are added or removed between calls. A record that cannot be read is listed with its problem.
 */
final class ExperimentPages {
    private static final String CURSOR_PREFIX = "e:";

    private ExperimentPages() {}

    static Experiments.Page page(ExperimentRecords records, String cursor, int limit) {
        List<String> slugs = records.slugs();
        int start = 0;
        if (cursor != null) {
            int pos = Collections.binarySearch(slugs, decodeCursor(cursor));
            start = pos >= 0 ? pos + 1 : -pos - 1;
        }
        List<ExperimentSummary> items = new ArrayList<>();
        int end = Math.min(slugs.size(), start + limit);
        for (String slug : slugs.subList(start, end)) {
            try {
                records.find(slug).ifPresent(e -> items.add(ExperimentSummary.of(e)));
            } catch (WorkbenchException e) {
                items.add(ExperimentSummary.unreadable(slug, e.getMessage()));
            }
        }
        String next = end < slugs.size() ? encodeCursor(slugs.get(end - 1)) : null;
        return new Experiments.Page(items, slugs.size(), next);
    }

    static String encodeCursor(String slug) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((CURSOR_PREFIX + slug).getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_PREFIX)) {
                return text.substring(CURSOR_PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new WorkbenchException(
                ErrorCode.INVALID_INPUT, "cursor: expected a nextCursor from an earlier call, got \"" + cursor + "\"");
    }
}
