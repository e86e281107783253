package dev.workbench.core.stats.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code checks}: whether the numbers may be read at all. The decision gate reads {@code interpretable}; a failed
 * check turns every metric section's verdict into {@code do not interpret: <reasons>}.
 *
 * @param reasons the words the gated verdict uses, in the contract's order; empty when interpretable
 */
public record AnalysisChecks(
        @JsonProperty("srm_ok") boolean srmOk,
        @JsonProperty("sample_ok") boolean sampleOk,
        boolean interpretable,
        List<String> reasons) {
    public AnalysisChecks {
        reasons = List.copyOf(reasons);
    }
}
