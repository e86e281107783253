/**
 * Sample-size planning before an experiment starts ({@code plan-sample-size}): the request and its checks
 * ({@link dev.workbench.core.stats.plan.SamplePlanRequest}), the seed's fallback chain with a power calculation at its
 * head ({@link dev.workbench.core.stats.plan.SamplePlanner}), the seed's table and conversion floor
 * ({@link dev.workbench.core.stats.plan.SeedSizing}) and the answer
 * ({@link dev.workbench.core.stats.plan.SamplePlan}), whose {@code minimumSampleBasis} is stored beside
 * {@code minimumSample}. The arithmetic is {@link dev.workbench.core.stats.numeric.SampleSize}.
 */
package dev.workbench.core.stats.plan;
