package dev.workbench.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.Rollback;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsViewTest {
    @TempDir
    Path root;

    RunsFixture f;

    @BeforeEach
    void setUp() {
        f = new RunsFixture(root);
    }

    @Test
    void timeline_newestFirst_eachCheckpointWithWhatItHolds_andTheRollbackWithWhatItRestored() {
        f.file("data/orders.csv", "id\n1\n2\n");
        f.file("data/users.csv", "id\n7\n");
        f.wb.checkpoints().create(List.of("data"), "raw", "as <script>alert(1)</script> delivered", "cleaning");
        f.file("data/orders.csv", "id\n1\n");
        f.file("data/extra.csv", "x\n");
        Rollback.Result result = f.wb.rollback().rollback("01", null, false, "the cut dropped rows");

        Document doc = f.page("/checkpoints", RunsFixture.served(Map.of()));

        List<Element> items = doc.select("ol.timeline > li[data-test=checkpoint]");
        assertThat(items).extracting(e -> e.attr("data-name")).containsExactly(result.safetyCheckpoint(), "01_raw");
        assertThat(items)
                .extracting(Element::id)
                .containsExactly("checkpoint-" + result.safetyCheckpoint(), "checkpoint-01_raw");
        Checkpoint raw = f.wb.checkpoints().get("01");
        Element first = items.get(1);
        assertThat(first.attr("data-kind")).isEqualTo("manual");
        assertThat(first.selectFirst("[data-test=checkpoint-time]").attr("datetime"))
                .isEqualTo(raw.createdAt());
        assertThat(first.selectFirst("[data-test=checkpoint-operation]").text()).isEqualTo("raw");
        assertThat(first.selectFirst("[data-test=checkpoint-area]").text()).isEqualTo("cleaning");
        assertThat(first.selectFirst("[data-test=checkpoint-note]").text())
                .isEqualTo("as <script>alert(1)</script> delivered");
        Element size = first.selectFirst("[data-test=checkpoint-size]");
        assertThat(size.attr("data-files")).isEqualTo(Integer.toString(raw.files()));
        assertThat(size.attr("data-bytes")).isEqualTo(Long.toString(raw.bytes()));
        assertThat(size.attr("data-new-bytes")).isEqualTo(Long.toString(raw.newBytes()));
        assertThat(doc.select("script")).isEmpty();
        PageChecks.inPageLinksLeadSomewhere(doc, "/checkpoints");
        PageChecks.idsUnique(doc);

        Element rollback = items.get(0).selectFirst("[data-test=rollback]");
        assertThat(items.get(0).attr("data-kind")).isEqualTo("safety");
        assertThat(rollback.attr("data-target")).isEqualTo("01_raw");
        assertThat(rollback.selectFirst("a").attr("href")).isEqualTo("/checkpoints#checkpoint-01_raw");
        assertThat(rollback.select("[data-test=restored] code").eachText())
                .containsExactlyElementsOf(result.restored())
                .containsExactly("data/orders.csv");
        assertThat(rollback.select("[data-test=removed] code").eachText())
                .containsExactlyElementsOf(result.removed())
                .containsExactly("data/extra.csv");
        assertThat(rollback.selectFirst("[data-test=rollback-log]").text())
                .contains("1 restored, 1 removed", "Reason: the cut dropped rows");
    }

    @Test
    void rollbackThatFoundNothingToRestore_isOnTheTimelineFromTheLogAlone() {
        f.file("data/orders.csv", "id\n1\n");
        f.wb.checkpoints().create(List.of("data"), "raw", null);
        f.wb.rollback().rollback("01", null, false, "just in case");

        Document doc = f.page("/checkpoints", RunsFixture.served(Map.of()));

        List<Element> items = doc.select("ol.timeline > li");
        assertThat(items).extracting(e -> e.attr("data-test")).containsExactly("rollback", "checkpoint");
        assertThat(items.get(0).attr("data-target")).isEqualTo("01_raw");
        assertThat(items.get(0).selectFirst("[data-test=restored]").attr("data-count"))
                .isEqualTo("0");
        assertThat(items.get(0).text()).contains("nothing differed", "Reason: just in case");
    }

    @Test
    void rollbackToACheckpointOlderThanTheShown_namesItWithoutALinkThatLeadsNowhere() {
        f.file("data/orders.csv", "id\n1\n");
        f.wb.checkpoints().create(List.of("data"), "raw", null);
        for (int i = 0; i < CheckpointsView.LIMIT; i++) {
            f.wb.checkpoints().create(List.of("data"), "again", null);
        }
        f.wb.rollback().rollback("01", null, false, "nothing to do");
        f.file("data/orders.csv", "id\n2\n");
        f.wb.rollback().rollback("01", null, false, "back to the start");

        Document doc = f.page("/checkpoints", RunsFixture.served(Map.of()));

        assertThat(doc.select("#checkpoint-01_raw")).isEmpty();
        assertThat(doc.select("[data-test=rollback]")).hasSize(2);
        for (Element rollback : doc.select("[data-test=rollback]")) {
            assertThat(rollback.attr("data-target")).isEqualTo("01_raw");
            assertThat(rollback.selectFirst("[data-test=checkpoint-not-shown]").text())
                    .isEqualTo("01_raw");
        }
        PageChecks.inPageLinksLeadSomewhere(doc, "/checkpoints");
        PageChecks.idsUnique(doc);
    }

    @Test
    void automaticCheckpoint_isMarkedSo() {
        f.file("data/orders.csv", "id\n1\n");
        f.wb.checkpoints().createAutomatic(List.of("data"), "auto-before-python3", "automatic, before `python3 x.py`");

        Document doc = f.page("/checkpoints", PageRequest.report());

        Element item = doc.selectFirst("li[data-test=checkpoint]");
        assertThat(item.attr("data-kind")).isEqualTo("automatic");
        assertThat(item.selectFirst("h3").text()).contains("automatic");
    }

    @Test
    void noCheckpoints_saysSo_andAPathBelowIsNoPage() {
        Document doc = f.page("/checkpoints", RunsFixture.served(Map.of()));

        assertThat(doc.select("[data-test=checkpoints-empty]")).hasSize(1);
        assertThat(f.dashboard.page("/checkpoints/01", RunsFixture.served(Map.of())))
                .isEmpty();
    }
}
