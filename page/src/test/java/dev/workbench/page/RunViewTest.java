package dev.workbench.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.provenance.EnvironmentSnapshot;
import dev.workbench.core.provenance.GitState;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.run.RunRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunViewTest {
    @TempDir
    Path root;

    RunsFixture f;

    @BeforeEach
    void setUp() {
        f = new RunsFixture(root);
    }

    @Test
    void recordedRun_provenanceShowsWhatTheRecordHolds_inputsAndOutputsWithTheirHashes() {
        f.file("data/orders.csv", "id,amount\n1,10\n2,20\n");
        f.file("requirements.txt", "pandas==2.2\n");
        f.file("out/model.txt", "weights\n");
        RunRecord r = f.wb.runs()
                .record(new RunRequest(
                        "python3 train.py --lr 0.1",
                        "model",
                        null,
                        2,
                        65_000L,
                        List.of("data/orders.csv"),
                        List.of("out/model.txt", "out/absent.txt"),
                        RunsFixture.ordered(
                                "lr", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(0.1)),
                        RunsFixture.ordered("rmse", 2.5),
                        "first try <b>"));

        Document doc = f.page("/runs/" + r.id(), RunsFixture.served(Map.of()));

        Element p = doc.selectFirst("[data-test=run-provenance]");
        assertThat(p.attr("data-run-id")).isEqualTo(r.id());
        assertThat(p.selectFirst("[data-test=run-command]").text()).isEqualTo(r.command());
        assertThat(p.selectFirst("[data-test=run-status]").text()).isEqualTo("exit 2");
        assertThat(p.selectFirst("[data-test=run-status] .badge").hasClass("bad"))
                .isTrue();
        assertThat(p.selectFirst("[data-test=run-duration]").text()).isEqualTo("1 min 05 s");
        assertThat(p.selectFirst("[data-test=run-recorded]").text()).isEqualTo(r.recordedAt());
        assertThat(p.selectFirst("[data-test=run-captured-by]").text()).isEqualTo("record-run");
        assertThat(p.selectFirst("[data-test=run-area]").text()).isEqualTo("model");
        assertThat(p.selectFirst("[data-test=run-note]").text()).isEqualTo("first try <b>");
        assertThat(p.select("[data-test=run-params] tr[data-name=lr] td").eachText())
                .containsExactly("lr", "0.1");
        assertThat(p.select("[data-test=run-metrics] tr[data-name=rmse] td").eachText())
                .containsExactly("rmse", "2.5");
        PathDigest in = r.inputs().get(0);
        Element inRow = p.selectFirst("[data-test=run-inputs] tr[data-path=data/orders.csv]");
        assertThat(inRow.selectFirst("code").attr("data-sha256")).isEqualTo(in.sha256());
        assertThat(inRow.select("td").get(2).attr("data-value"))
                .isEqualTo(in.size().toString());
        assertThat(p.select("[data-test=run-outputs] tr").eachAttr("data-path"))
                .containsExactly("out/model.txt", "out/absent.txt");
        assertThat(p.selectFirst("[data-test=run-outputs] tr[data-path=out/absent.txt]")
                        .select("td")
                        .get(1)
                        .text())
                .isEqualTo("missing");
        EnvironmentSnapshot env = r.environment();
        assertThat(p.selectFirst("[data-test=run-os]").text())
                .isEqualTo(env.os() + " " + env.osVersion() + " (" + env.arch() + ")");
        assertThat(p.selectFirst("[data-test=run-java]").text()).isEqualTo(env.javaVersion());
        assertThat(p.select("[data-test=run-lockfiles] tr[data-path] code").eachAttr("data-sha256"))
                .containsExactlyElementsOf(env.lockfiles().stream()
                        .map(EnvironmentSnapshot.Lockfile::sha256)
                        .toList());
        assertThat(env.lockfiles()).isNotEmpty();
        assertThat(p.select("[data-test=run-query]")).isEmpty();
        assertThat(doc.select("b")).isEmpty();
    }

    @Test
    void dirtyTreeAndQuery_commitSnapshotAndTheQuerysSqlWithItsHash() {
        RunRecord stored = new RunRecord(
                "20260301-090000-000-0abc",
                "2026-03-01T09:00:00Z",
                "aw collect-metrics",
                null,
                "checkout-test",
                0,
                420L,
                List.of(),
                List.of(),
                Map.of(),
                Map.of(),
                null,
                null,
                null,
                "collect-metrics",
                null,
                null,
                null,
                new RunRecord.Query(
                        "warehouse",
                        "duckdb",
                        "select variant, count(*) from events where ts < '2026-03-01' group by 1",
                        "ab".repeat(32),
                        1200L,
                        2,
                        "2026-03-01T00:00:00Z"),
                new GitState(
                        "c0ffee".repeat(6) + "abcd",
                        "main",
                        true,
                        "refs/aw/runs/20260301-090000-000-0abc",
                        "5eed".repeat(10)),
                new EnvironmentSnapshot(
                        "Linux",
                        "6.1",
                        "amd64",
                        8,
                        16L << 30,
                        "21.0.2",
                        Map.of("python3", "Python 3.12.1"),
                        List.of()));
        f.wb.runs().write(stored);

        Document doc = f.page("/runs/" + stored.id(), RunsFixture.served(Map.of()));

        assertThat(doc.selectFirst("[data-test=run-commit-id]").text())
                .isEqualTo(stored.git().commit());
        assertThat(doc.selectFirst("[data-test=run-branch]").text()).isEqualTo("main");
        assertThat(doc.selectFirst("[data-test=run-dirty]").attr("data-dirty")).isEqualTo("true");
        assertThat(doc.selectFirst("[data-test=run-snapshot-ref]").text())
                .isEqualTo(stored.git().snapshotRef());
        assertThat(doc.selectFirst("[data-test=run-snapshot-commit]").text())
                .isEqualTo(stored.git().snapshotCommit());
        assertThat(doc.selectFirst("[data-test=run-experiment] a").attr("href"))
                .isEqualTo("/experiments/checkout-test");
        assertThat(doc.selectFirst("[data-test=run-captured-by]").text()).isEqualTo("collect-metrics");
        assertThat(doc.selectFirst("[data-test=run-memory]").text()).isEqualTo("16 GiB");
        assertThat(doc.select("[data-test=run-runtimes] tr[data-name=python3] td")
                        .eachText())
                .containsExactly("python3", "Python 3.12.1");
        assertThat(doc.selectFirst("[data-test=run-query-sql]").text())
                .isEqualTo(stored.query().sql());
        assertThat(doc.selectFirst("[data-test=run-query-sha256]").text())
                .isEqualTo(stored.query().sha256());
        assertThat(doc.selectFirst("[data-test=run-query-rows-returned]").text())
                .isEqualTo("2");
        assertThat(doc.select("[id]"))
                .as("the report holds many runs' views in one file")
                .isEmpty();
    }

    @Test
    void inTheReport_linksAreFragments() {
        RunRecord r = f.run(1, null, Map.of(), Map.of());

        Document doc = f.page("/runs/" + r.id(), PageRequest.report());

        assertThat(doc.select("a").eachAttr("href")).containsExactly("#runs");
    }
}
