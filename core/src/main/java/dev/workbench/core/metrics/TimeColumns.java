package dev.workbench.core.metrics;

import dev.workbench.core.experiment.Assignment;
import dev.workbench.core.experiment.MetricDefinition;
import dev.workbench.core.metrics.SqlSource.Engine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the collection query reads each definition's time column ({@code exposed_at}, {@code at}) as a UTC timestamp
 * without zone, chosen by the column's SQL type, which one cheap query learns first (each definition wrapped in
 * {@code LIMIT 0}: the engine plans it and reads no row). The conversion of a value of unknown type through
 * {@code TIMESTAMP WITH TIME ZONE} is what made DuckDB slow (its ICU calendar: about 0.5 s per million rows, for
 * exposures and again for the facts of every metric), and it is needed only for text:
 *
 * <ul>
 *   <li>a timestamp without zone is already what the query compares (the sources run their session in UTC, so the
 *       old round trip through a zone was the identity): no conversion;
 *   <li>a timestamp with zone: DuckDB {@code make_timestamp(epoch_us(x))} (its microseconds since the epoch, which
 *       are UTC, without the calendar), PostgreSQL {@code x AT TIME ZONE 'UTC'};
 *   <li>anything else (text with or without an offset, a date, a type not learned): the cast through
 *       {@code TIMESTAMP WITH TIME ZONE} as before.
 * </ul>
 */
final class TimeColumns {
    private final Engine engine;
    private final Map<String, String> types;

    private TimeColumns(Engine engine, Map<String, String> types) {
        this.engine = engine;
        this.types = types;
    }

    /** Every column of unknown type: the general conversion. */
    static TimeColumns unknown(Engine engine) {
        return new TimeColumns(engine, Map.of());
    }

    /**
     * The types of the assignment's {@code exposed_at} and each distinct metric SQL's {@code at}, learned with one
     * query that returns no row; on an engine other than DuckDB and PostgreSQL nothing is asked.
     */
    static TimeColumns probe(SqlSource source, Assignment assignment, Collection<MetricDefinition> definitions) {
        if (source.engine() == Engine.OTHER) {
            return unknown(source.engine());
        }
        Set<String> facts = new LinkedHashSet<>();
        definitions.forEach(d -> facts.add(d.sql()));
        List<String> texts = new ArrayList<>();
        texts.add(assignment.sql());
        texts.addAll(facts);
        StringBuilder select = new StringBuilder("SELECT t0.exposed_at AS t0");
        StringBuilder from = new StringBuilder(" FROM " + empty(assignment.sql()) + " t0");
        for (int i = 1; i < texts.size(); i++) {
            select.append(", t").append(i).append(".\"at\" AS t").append(i);
            from.append(" CROSS JOIN ").append(empty(texts.get(i))).append(" t").append(i);
        }
        QueryResult result = source.query(select.append(from).toString());
        Map<String, String> types = new HashMap<>();
        for (int i = 0; i < texts.size() && i < result.columnTypes().size(); i++) {
            types.put(texts.get(i), result.columnTypes().get(i).toLowerCase(Locale.ROOT));
        }
        return new TimeColumns(source.engine(), types);
    }

    private static String empty(String sql) {
        return "(SELECT * FROM (\n" + CollectionQuery.userQuery(sql) + "\n) q LIMIT 0)";
    }

    /** {@code column} of the query {@code sql} as a UTC timestamp without zone. */
    String utc(String sql, String column) {
        String type = types.getOrDefault(sql, "");
        boolean zoned = type.equals("timestamptz") || type.equals("timestamp with time zone");
        return switch (engine) {
            case DUCKDB ->
                type.equals("timestamp")
                        ? column
                        : zoned
                                ? "make_timestamp(epoch_us(" + column + "))"
                                : "CAST(CAST(" + column + " AS TIMESTAMP WITH TIME ZONE) AS TIMESTAMP)";
            case POSTGRESQL ->
                type.equals("timestamp")
                        ? column
                        : zoned
                                ? "(" + column + " AT TIME ZONE 'UTC')"
                                : "(CAST(" + column + " AS TIMESTAMP WITH TIME ZONE) AT TIME ZONE 'UTC')";
            case OTHER -> "CAST(" + column + " AS TIMESTAMP)";
        };
    }
}
