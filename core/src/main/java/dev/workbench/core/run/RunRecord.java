package dev.workbench.core.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Check;
import dev.workbench.core.provenance.EnvironmentSnapshot;
import dev.workbench.core.provenance.GitState;
import java.util.List;
import java.util.Map;

/**
 * A recorded run, {@code .aw/runs/<id>.json}: enough to say which code, data and environment produced a number.
 *
 * @param git         commit, branch, dirty flag and, when dirty, the commit of the exact working tree under
 *                    {@code refs/aw/runs/<id>}; null outside git
 * @param environment OS, architecture, CPUs, memory, runtimes and lockfiles with their hashes
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
        @JsonInclude(JsonInclude.Include.ALWAYS) GitState git,
        EnvironmentSnapshot environment) {

    /** What lists show of a run. */
    public record Summary(String id, String recordedAt, String area, String experiment, String command,
                          Integer exitCode, Long durationMs, String commit, Boolean dirty) {}

    public Summary summary() {
        return new Summary(id, recordedAt, area, experiment, Check.cut(command, 120), exitCode, durationMs,
                git == null ? null : git.commit(), git == null ? null : git.dirty());
    }
}
