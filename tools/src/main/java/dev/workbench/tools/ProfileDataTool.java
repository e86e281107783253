package dev.workbench.tools;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.metrics.Profile;
import dev.workbench.core.metrics.Profiler;
import dev.workbench.core.metrics.SqlCheck;
import java.util.HashSet;
import java.util.List;

/**
 * Profiles a data file or a query in its own engine: per column its type, nulls, distinct values, range,
 * numeric moments and quantiles, text lengths and top values. Read-only: it records nothing.
 */
public final class ProfileDataTool implements Tool<ProfileDataTool.Input, Profile> {
    public static final String NAME = "profile-data";

    public record Input(
            @JsonPropertyDescription(
                    "a .csv, .tsv (either may end in .gz) or .parquet file under the root, read by the local DuckDB; give path or sql")
            String path,

            @JsonPropertyDescription("the source sql runs on, as named in .aw/sources.json; default local")
            String source,

            @JsonPropertyDescription("a single read-only query (SELECT … or WITH … SELECT …) whose rows are profiled")
            String sql,

            @JsonPropertyDescription("profile only these columns, in this order (needed beyond 200 columns)")
            List<String> columns,

            @JsonPropertyDescription(
                    "profile a reproducible sample of this many rows instead of every row (DuckDB: reservoir sample)")
            Long sampleRows) {
        public Input {
            if ((path == null) == (sql == null)) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "path, sql: expected exactly one (a file under the root, or a query), got "
                                + (path == null ? "neither" : "both"));
            }
            if (path != null && source != null) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "source: files are read by the local source; give source only with sql");
            }
            if (source != null) {
                Check.word(source, "source");
            }
            if (sql != null) {
                SqlCheck.requireQuery(sql, "sql");
            }
            if (columns != null) {
                Check.notEmpty(columns, "columns");
                if (columns.size() > Profiler.MAX_COLUMNS) {
                    throw Check.invalid("columns", "at most " + Profiler.MAX_COLUMNS + " names", columns.size());
                }
                var seen = new HashSet<String>();
                for (int i = 0; i < columns.size(); i++) {
                    String c = Check.required(columns.get(i), "columns[" + i + "]");
                    if (c.isEmpty() || c.length() > 256) {
                        throw Check.invalid("columns[" + i + "]", "a column name of 1 to 256 characters", c);
                    }
                    if (!seen.add(c)) {
                        throw Check.invalid("columns", "distinct names", "\"" + c + "\" twice");
                    }
                }
                columns = List.copyOf(columns);
            }
            if (sampleRows != null) {
                Check.atLeast(sampleRows, 1, "sampleRows");
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Profile data";
    }

    @Override
    public String description() {
        return "Profiles a CSV/Parquet file or a SQL query in its own engine: per column type, nulls, distinct, min/max,"
                + " mean, stddev and quantiles, text lengths and top values. Reads only; records nothing.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Profile> outputType() {
        return Profile.class;
    }

    @Override
    public Hints hints() {
        return Hints.READ_ONLY;
    }

    @Override
    public Profile call(Input in, ToolContext context) {
        var wb = context.workbench();
        return new Profiler(wb.store().root(), wb.sources())
                .profile(new Profiler.Request(in.path(), in.source(), in.sql(), in.columns(), in.sampleRows()));
    }
}
