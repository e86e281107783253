/**
 * The analyses' results as typed records ({@link dev.workbench.core.stats.report.BayesianResult},
 * {@link dev.workbench.core.stats.report.BanditResult}), whose JSON is the contract's {@code analysisResult} key for
 * key: snake_case names by {@code @JsonProperty}, keys in component order, nulls that are written as null marked
 * {@code @JsonInclude(ALWAYS)} and keys that are left out when they do not apply left null. The tools' output schemas
 * are generated from these records; {@code AnalysisGoldenTest} holds their JSON byte for byte.
 */
package dev.workbench.core.stats.report;
