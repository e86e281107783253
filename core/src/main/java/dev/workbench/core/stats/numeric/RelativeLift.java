package dev.workbench.core.stats.numeric;

/**
 * The relative lift of a treatment b over the control a, with its standard error by the delta method
 * (CONTRACT §6): δ = (m_b − m_a)/|m_a|, Var δ ≈ v_b/(n_b·m_a²) + v_a·m_b²/(n_a·m_a⁴).
 * Source: A. Deng, U. Knoblich, J. Lu, "Applying the Delta Method in Metric Analytics", KDD 2018, §3 (the ratio
 * of two independent means); also Kohavi, Tang &amp; Xu, Trustworthy Online Controlled Experiments (2020), ch. 18.
 *
 * @param relative the relative change δ
 * @param standardError its standard error, &gt; 0
 * @param absolute m_b − m_a
 */
public record RelativeLift(double relative, double standardError, double absolute) {

    /** Why no lift could be computed for a treatment; the names are the contract's per-treatment error codes. */
    public enum Failure {
        /** A variant has no units. */
        ZERO_SAMPLE_SIZE,
        /** The control's mean is 0 (or so close that the relative change overflows): δ is undefined. */
        CONTROL_MEAN_ZERO,
        /** Both variances are 0 where it matters: the data carries no uncertainty to reason with. */
        ZERO_STANDARD_ERROR,
        /** A ratio metric's denominator sums to 0 in a variant with units: its ratio is undefined. */
        DENOMINATOR_ZERO
    }

    /** Either a lift or the reason there is none. */
    public record Outcome(RelativeLift lift, Failure failure) {}

    /**
     * The lift of {@code treatment} over {@code control}. The variance is computed as
     * (v_b/n_b + r²·v_a/n_a)/m_a² with r = m_b/m_a, the same quantity as the contract's formula, arranged so that
     * m_a⁴ is never formed (it overflows for |m_a| &gt; 1e77 and underflows below 1e-77).
     */
    public static Outcome of(Moments control, Moments treatment) {
        if (control.n() == 0 || treatment.n() == 0) {
            return new Outcome(null, Failure.ZERO_SAMPLE_SIZE);
        }
        double ma = control.mean();
        double mb = treatment.mean();
        if (ma == 0.0) {
            return new Outcome(null, Failure.CONTROL_MEAN_ZERO);
        }
        double scale = Math.abs(ma);
        double ratio = mb / ma;
        double relative = (mb - ma) / scale;
        double spread = treatment.variance() / treatment.n() + ratio * ratio * control.variance() / control.n();
        double se = Math.sqrt(spread) / scale;
        if (!Double.isFinite(relative) || !Double.isFinite(se) || Math.abs(relative) > 1e300 || se > 1e300) {
            return new Outcome(null, Failure.CONTROL_MEAN_ZERO);
        }
        if (se == 0.0) {
            return new Outcome(null, Failure.ZERO_STANDARD_ERROR);
        }
        return new Outcome(new RelativeLift(relative, se, mb - ma), null);
    }
}
