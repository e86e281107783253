package dev.workbench.page;

import java.util.Map;

/**
 * What a view is asked for: the query's parameters (already decoded; never null), where the other views live, and the
 * session's CSRF token, which every form carries (null in the report: it has no forms).
 */
public record PageRequest(Map<String, String> query, Links links, String csrf) {
    public PageRequest {
        query = Map.copyOf(query);
    }

    public static PageRequest report() {
        return new PageRequest(Map.of(), Links.REPORT, null);
    }

    public String param(String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
