package dev.workbench.resources;

import dev.workbench.core.Json;
import dev.workbench.core.ResponseBudget;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntFunction;

/**
 * How the views fit the response limit ({@link ResponseBudget}): long lists keep their newest or first entries and
 * say how many were left out; long files are cut at a line end, saying so. Records are refused at write time when
 * they could not be read back within it.
 */
final class Render {
    static final int MAX_LIST = 500;
    static final String JSON = "application/json";
    static final String MARKDOWN = "text/markdown";

    private Render() {}

    /** Text cut at a line end to fit a response, saying so. */
    static String cut(String text) {
        if (ResponseBudget.fitsResource(text)) {
            return text;
        }
        String note = "\n\n_(cut to fit one response; the whole file is on disk)_\n";
        int end = text.length();
        while (end > 0 && !ResponseBudget.fitsResource(text.substring(0, end) + note)) {
            end = text.lastIndexOf('\n', Math.max(0, end - Math.max(1, end / 10)));
            end = end < 0 ? 0 : end;
        }
        return text.substring(0, end) + note;
    }

    static <T> List<T> newest(List<T> all, int n) {
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /** Renders {@code n} entries, halving {@code n} until the text fits the response limit. */
    static String fit(IntFunction<String> render) {
        for (int n = MAX_LIST; ; n /= 2) {
            String text = render.apply(n);
            if (n == 0 || ResponseBudget.fitsResource(text)) {
                return text;
            }
        }
    }

    static String pretty(Object value) {
        return new String(Json.toFileBytes(value), StandardCharsets.UTF_8);
    }

    static ResourceContent json(String uri, Object value) {
        return new ResourceContent(uri, JSON, pretty(value));
    }
}
