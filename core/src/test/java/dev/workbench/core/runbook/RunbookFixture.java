package dev.workbench.core.runbook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.workbench.core.Workbench;
import dev.workbench.core.journal.Decision;
import dev.workbench.core.project.Mode;
import dev.workbench.core.project.ProjectUpdate;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.run.RunRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A workspace with recorded state, built through the Workbench API on a clock that ticks one second per reading. */
final class RunbookFixture {
    static final String DEDUPED = "order_id,email\n1,a@x\n2,b@x\n";
    final Path root;
    final Workbench wb;

    RunbookFixture(Path root) {
        this.root = root;
        this.wb = new Workbench(root, new TickingClock(Instant.parse("2026-03-01T09:00:00Z")));
    }

    RunbookFixture file(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String path) {
        try {
            return Files.readString(root.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Project, areas, checkpoints 01_raw and 02_deduped (area cleaning), run 1 (cleaning, succeeded), run 2
     * (modelling, failed after writing a log), a decision, and a rollback of data/orders.csv (edited by mistake) to
     * 01 (which adds 03_pre-rollback-to-01 and a rollback journal entry; run 1's output is outside its scope).
     */
    RunbookFixture fullState() {
        file("data/orders.csv", "order_id,email\n1,a@x\n1,a@x\n2,b@x\n");
        file("pyproject.toml", "[project]\nname = \"orders\"\n");
        file("config/settings.yaml", "threshold: 3\n");
        file(".env.example", "API_KEY=\n");
        file(".env", "API_KEY=secret\n");
        file("Makefile", "all:\n\tpython dedupe.py\n");
        file("node_modules/pkg/x.yaml", "ignored: true\n");
        wb.project()
                .update(new ProjectUpdate(
                        "Orders cleanup",
                        "Duplicate orders inflate revenue",
                        "revenue_per_user",
                        "cleaning",
                        "deduplicated orders",
                        null,
                        null,
                        null));
        wb.project()
                .update(new ProjectUpdate(
                        null,
                        null,
                        null,
                        null,
                        null,
                        new ProjectUpdate.Area("cleaning", Mode.EXPLORE, Mode.OPERATE, "data/deduped.csv"),
                        null,
                        null));
        wb.checkpoints().create(List.of("data"), "raw", "as delivered", "cleaning");
        file("data/deduped.csv", DEDUPED);
        wb.runs()
                .record(new RunRequest(
                        "python dedupe.py data/orders.csv",
                        "cleaning",
                        null,
                        0,
                        1500L,
                        List.of("data/orders.csv"),
                        List.of("data/deduped.csv"),
                        Map.of("keep", JsonNodeFactory.instance.textNode("first")),
                        Map.of("rows", 2.0),
                        "first pass"));
        wb.checkpoints().create(List.of("data"), "deduped", null, "cleaning");
        file("models/fit.log", "fitting\nout of memory\n");
        wb.runs()
                .record(new RunRequest(
                        "python model.py --fit",
                        "modelling",
                        null,
                        2,
                        800L,
                        List.of("data/deduped.csv"),
                        List.of("models/m.pkl", "models/fit.log"),
                        null,
                        null,
                        "out of memory"));
        wb.journal()
                .log(new Decision(
                        "Which dedupe key",
                        List.of("order_id", "email"),
                        "order_id",
                        "emails are shared between customers",
                        "cleaning",
                        null));
        file("data/orders.csv", "edited by mistake\n");
        wb.rollback().rollback("01", List.of("data/orders.csv"), false, "the orders were edited by mistake");
        return this;
    }

    /** A run of {@code command} that wrote {@code out/<area>.txt} (a new content each time). */
    RunRecord run(String command, String area) {
        String output = "out/" + area + ".txt";
        file(output, command + " at " + wb.store().now() + "\n");
        return wb.runs().record(new RunRequest(command, area, null, 0, 10L, null, List.of(output), null, null, null));
    }

    /** Every reading is one second after the one before, so records have distinct, ordered times. */
    static final class TickingClock extends Clock {
        private final Instant start;
        private final AtomicLong ticks = new AtomicLong();

        TickingClock(Instant start) {
            this.start = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return start.plusSeconds(ticks.getAndIncrement());
        }
    }
}
