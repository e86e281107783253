package dev.workbench.core.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Check;
import dev.workbench.core.provenance.EnvironmentSnapshot;
import dev.workbench.core.provenance.GitState;
import java.util.List;
import java.util.Map;

/**
 * A recorded run, {@code .aw/runs/<id>.json}: enough to say which code, data and environment produced a number.
 *
 * @param exitCode       the command's exit code, when known (a failure the agent reported without one: null, with
 *                       {@code failed} true)
 * @param outputs        files or folders the run wrote; a file the run deleted has the type {@code deleted}
 * @param failed         true when the agent reported the command as failed (its failure hook); null otherwise
 * @param omittedOutputs how many more changed files there were than {@code outputs} lists (a captured run lists at
 *                       most {@link RunRequest#MAX_PATHS}); null when all are listed
 * @param capturedBy     {@code record-run} (a call of the tool) or {@code hook} (found by the hooks from what a shell
 *                       command changed); null in records from before this field
 * @param agent          for a run captured by a hook: the agent that ran the command ({@code claude}, …)
 * @param sessionId      for a run captured by a hook: the agent's session, when it says
 * @param transcriptPath for a run captured by a hook: the session's transcript file, when the agent says
 * @param query          for a run of {@code collect-metrics}: the query it sent to the source; null otherwise
 * @param git            commit, branch, dirty flag and, when dirty, the commit of the exact working tree under
 *                       {@code refs/aw/runs/<id>}; null outside git
 * @param environment    OS, architecture, CPUs, memory, runtimes and lockfiles with their hashes
 */
public record RunRecord(
        String id,
        String recordedAt,
        String command,
        String area,
        String experiment,
        Integer exitCode,
        Long durationMs,
        List<PathDigest> inputs,
        List<PathDigest> outputs,
        Map<String, JsonNode> params,
        Map<String, Double> metrics,
        String note,
        Boolean failed,
        Integer omittedOutputs,
        String capturedBy,
        String agent,
        String sessionId,
        String transcriptPath,
        Query query,
        @JsonInclude(JsonInclude.Include.ALWAYS) GitState git,
        EnvironmentSnapshot environment) {

    /**
     * The query a metrics pull sent (the Metrics issue): enough to run it again and to tell whether it changed.
     *
     * @param engine       {@code duckdb}, {@code postgresql} or {@code other}
     * @param sha256       of {@code sql} in UTF-8
     * @param rowsScanned  rows the engine read, when it says; null otherwise
     * @param rowsReturned rows of aggregates it returned
     * @param asOf         the cut-off: nothing at or after it counted (ISO-8601 UTC)
     */
    public record Query(
            String source,
            String engine,
            String sql,
            String sha256,
            @JsonProperty("rows_scanned") Long rowsScanned,
            @JsonProperty("rows_returned") long rowsReturned,
            @JsonProperty("as_of") String asOf) {}

    /** What lists show of a run. */
    public record Summary(
            String id,
            String recordedAt,
            String area,
            String experiment,
            String command,
            Integer exitCode,
            Boolean failed,
            Long durationMs,
            String capturedBy,
            String commit,
            Boolean dirty) {}

    public Summary summary() {
        return new Summary(
                id,
                recordedAt,
                area,
                experiment,
                Check.cut(command, 120),
                exitCode,
                failed,
                durationMs,
                capturedBy,
                git == null ? null : git.commit(),
                git == null ? null : git.dirty());
    }

    /** Whether the run failed: a non-zero exit code, or a failure the agent reported. */
    public boolean unsuccessful() {
        return Boolean.TRUE.equals(failed) || (exitCode != null && exitCode != 0);
    }
}
