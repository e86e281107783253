package dev.workbench.core.metrics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Values of a result as {@link QueryResult} holds them, the same whatever the engine: whole numbers (integer types and
 * decimals of scale 0) as {@link Long} (or {@link BigDecimal} past 64 bits), floating point as {@link Double}, decimals as {@link BigDecimal}, dates and
 * times as ISO-8601 text read without the JVM's time zone ({@code 2024-03-01}, {@code 2024-03-01T10:15:00}, and
 * {@code 2024-03-01T10:15:00Z} for a timestamp with time zone, in UTC), anything else as text.
 */
final class Values {
    static final int OTHER = 0;
    static final int DATE = 1;
    static final int TIME = 2;
    static final int TIMESTAMP = 3;
    static final int TIMESTAMP_TZ = 4;

    private Values() {}

    /** How a column is read, from its JDBC type and the engine's type name. */
    static int kind(int jdbcType, String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (jdbcType == Types.TIMESTAMP_WITH_TIMEZONE
                || name.equals("timestamptz")
                || name.contains("with time zone")) {
            return TIMESTAMP_TZ;
        }
        return switch (jdbcType) {
            case Types.DATE -> DATE;
            case Types.TIME -> TIME;
            case Types.TIMESTAMP -> TIMESTAMP;
            default -> OTHER;
        };
    }

    static Object read(ResultSet rs, int column, int kind) throws SQLException {
        switch (kind) {
            case DATE -> {
                LocalDate d = rs.getObject(column, LocalDate.class);
                return d == null ? null : d.toString();
            }
            case TIME -> {
                LocalTime t = rs.getObject(column, LocalTime.class);
                return t == null ? null : DateTimeFormatter.ISO_LOCAL_TIME.format(t);
            }
            case TIMESTAMP -> {
                LocalDateTime t = rs.getObject(column, LocalDateTime.class);
                return t == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
            }
            case TIMESTAMP_TZ -> {
                OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
                return t == null
                        ? null
                        : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC));
            }
            default -> {
                return value(rs.getObject(column));
            }
        }
    }

    /** A JDBC value of any other type. */
    static Object value(Object v) {
        if (v == null || v instanceof Long || v instanceof Double || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : new BigDecimal(b);
        }
        if (v instanceof BigDecimal d) {
            // PostgreSQL's sum(bigint) is a numeric of scale 0, DuckDB's a HUGEINT: both whole numbers, both Long
            return d.scale() <= 0 ? value(d.toBigIntegerExact()) : d;
        }
        return v.toString();
    }
}
