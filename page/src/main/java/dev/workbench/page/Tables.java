package dev.workbench.page;

import java.util.List;

/**
 * The sortable header of a {@code table.data}, written the one way the layout's script reads it: each column a
 * {@code <th scope="col">} holding {@code <button type="button" data-sort>}.
 */
final class Tables {
    private Tables() {}

    /** The header row of {@code columns}; opens the body, which the caller closes with the table. */
    static void head(Html h, List<String> columns) {
        h.open("thead").open("tr");
        for (String column : columns) {
            column(h, column, null);
        }
        h.close("tr").close("thead").open("tbody");
    }

    static void head(Html h, String... columns) {
        head(h, List.of(columns));
    }

    /** One sortable column; {@code kind} (e.g. {@code param}, {@code metric}) goes in {@code data-kind}, or null. */
    static void column(Html h, String name, String kind) {
        h.open("th", "scope", "col", "data-kind", kind)
                .el("button", name, "type", "button", "data-sort", "")
                .close("th");
    }
}
