package dev.workbench.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Checks every rendered page must pass, whatever it shows: ids are unique and in-page links find their target. */
final class PageChecks {
    private PageChecks() {}

    /** No id appears twice in {@code doc}, and every aria-labelledby names an id that is there. */
    static void idsUnique(Document doc) {
        List<String> ids = doc.select("[id]").eachAttr("id");
        assertThat(ids).as("ids on the page").doesNotHaveDuplicates();
        for (Element labelled : doc.select("[aria-labelledby]")) {
            assertThat(ids).as("aria-labelledby target").contains(labelled.attr("aria-labelledby"));
        }
    }

    /**
     * Every link into {@code path} (the page's own address; "" for the report, whose links are bare fragments)
     * with a fragment has an element of that id on the page.
     */
    static void inPageLinksLeadSomewhere(Document doc, String path) {
        Set<String> ids = new HashSet<>(doc.select("[id]").eachAttr("id"));
        for (Element a : doc.select("a[href]")) {
            String href = a.attr("href");
            int hash = href.indexOf('#');
            if (hash >= 0 && href.substring(0, hash).equals(path)) {
                assertThat(ids).as("target of " + href).contains(href.substring(hash + 1));
            }
        }
    }

    static Set<String> ids(Document doc) {
        return new HashSet<>(doc.select("[id]").eachAttr("id"));
    }
}
