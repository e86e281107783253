package dev.workbench.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.workbench.core.Workbench;
import dev.workbench.core.run.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** A workbench in a temporary folder on a clock that ticks one second per reading, and the views rendered from it. */
final class RunsFixture {
    final Path root;
    final Workbench wb;
    final Dashboard dashboard;

    RunsFixture(Path root) {
        this.root = root;
        this.wb = new Workbench(root, new TickingClock(Instant.parse("2026-03-01T09:00:00Z")));
        this.dashboard = new Dashboard(wb);
    }

    void file(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stores a run record as {@code record-run} would, without probing git and the runtimes (the views read records,
     * whatever wrote them): id {@code 20260301-0900<ss>-000-<n>} in the order of {@code n}.
     */
    RunRecord run(int n, String area, Map<String, Object> params, Map<String, Double> metrics) {
        Map<String, JsonNode> p = new LinkedHashMap<>();
        params.forEach((k, v) -> p.put(k, json(v)));
        String id = String.format("20260301-%06d-000-%04x", n, n);
        RunRecord r = new RunRecord(
                id,
                String.format("2026-03-01T%02d:%02d:%02dZ", n / 3600 % 24, n / 60 % 60, n % 60),
                "python3 train.py --run " + n,
                area,
                null,
                n % 7 == 3 ? 1 : 0,
                1000L + n,
                List.of(),
                List.of(),
                p,
                metrics,
                null,
                null,
                null,
                "record-run",
                null,
                null,
                null,
                null,
                null,
                null);
        return wb.runs().write(r);
    }

    /** A map in the order given ({@code Map.of} has none, and columns follow the order of first appearance). */
    @SuppressWarnings("unchecked")
    static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return m;
    }

    private static JsonNode json(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof Integer i) {
            return f.numberNode(i);
        }
        if (v instanceof Double d) {
            return f.numberNode(d);
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        return f.textNode(v.toString());
    }

    /** The page at {@code path}, parsed; its ids checked to be unique on the way. */
    Document page(String path, PageRequest request) {
        Document doc = Jsoup.parse(dashboard.page(path, request).orElseThrow().body());
        PageChecks.idsUnique(doc);
        return doc;
    }

    static PageRequest served(Map<String, String> query) {
        return new PageRequest(query, Links.SERVED, "token");
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
