package dev.workbench.core.stats.numeric;

import java.util.Arrays;

/**
 * Globally adaptive Gauss–Kronrod (7/15) quadrature of a vector-valued function over a finite interval cut at given
 * breakpoints: the subinterval with the largest error estimate is bisected until the summed estimate is below the
 * tolerance. The nodes and weights are those of QUADPACK's {@code qk15}; the error estimate is the plain
 * |K15 − G7| per subinterval (maximum over components), which overstates the true error by orders of magnitude
 * for smooth integrands, so the tolerance is met with room to spare.
 * Source: R. Piessens, E. de Doncker-Kapenga, C. Überhuber, D. Kahaner, QUADPACK (Springer, 1983), §2.2 and
 * routines QK15 / QAG.
 *
 * <p>Not thread-safe: one instance holds its scratch arrays; create one per computation.
 */
final class AdaptiveGaussKronrod {

    /** f(x) written into out[0..components). */
    @FunctionalInterface
    interface Integrand {
        void evaluate(double x, double[] out);
    }

    private static final double[] XGK = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.000000000000000000000000000000000
    };
    private static final double[] WGK = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714
    };
    /** Gauss 7-point weights, for the Kronrod nodes XGK[1], XGK[3], XGK[5], XGK[7]. */
    private static final double[] WG = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327
    };

    private final int components;
    private final double tolerance;
    private final int maxIntervals;
    private final double[] left;
    private final double[] right;
    private final double[] error;
    private final double[] result;
    private final double[] value;
    private final double[] valueMirror;
    private final double[] kronrod;
    private final double[] gauss;

    /**
     * @param components   length of the integrand's vector
     * @param tolerance    absolute tolerance on the summed error estimate of every component
     * @param maxIntervals cap on subintervals (the result is returned as is when reached)
     */
    AdaptiveGaussKronrod(int components, double tolerance, int maxIntervals) {
        this.components = components;
        this.tolerance = tolerance;
        this.maxIntervals = maxIntervals;
        this.left = new double[maxIntervals];
        this.right = new double[maxIntervals];
        this.error = new double[maxIntervals];
        this.result = new double[maxIntervals * components];
        this.value = new double[components];
        this.valueMirror = new double[components];
        this.kronrod = new double[components];
        this.gauss = new double[components];
    }

    /**
     * ∫ f over [breakpoints[0], breakpoints[last]], written into {@code out}.
     *
     * @param breakpoints increasing points; the integrand may change fast or jump at them
     * @param count       how many of them to use (≥ 2)
     */
    void integrate(Integrand f, double[] breakpoints, int count, double[] out) {
        int intervals = 0;
        for (int i = 0; i + 1 < count && intervals < maxIntervals; i++) {
            if (breakpoints[i + 1] > breakpoints[i]) {
                rule(f, breakpoints[i], breakpoints[i + 1], intervals++);
            }
        }
        while (intervals < maxIntervals) {
            int worst = 0;
            double total = 0;
            for (int i = 0; i < intervals; i++) {
                total += error[i];
                if (error[i] > error[worst]) {
                    worst = i;
                }
            }
            double a = left[worst];
            double b = right[worst];
            double mid = 0.5 * (a + b);
            if (total <= tolerance || !(mid > a && mid < b)) {
                break;
            }
            rule(f, a, mid, worst);
            rule(f, mid, b, intervals++);
        }
        Arrays.fill(out, 0, components, 0.0);
        for (int i = 0; i < intervals; i++) {
            for (int c = 0; c < components; c++) {
                out[c] += result[i * components + c];
            }
        }
    }

    /** The 15-point Kronrod estimate on [a, b] into slot {@code slot}, with its error against the 7-point Gauss. */
    private void rule(Integrand f, double a, double b, int slot) {
        double centre = 0.5 * (a + b);
        double half = 0.5 * (b - a);
        f.evaluate(centre, value);
        for (int c = 0; c < components; c++) {
            kronrod[c] = WGK[7] * value[c];
            gauss[c] = WG[3] * value[c];
        }
        for (int j = 0; j < 7; j++) {
            double dx = half * XGK[j];
            f.evaluate(centre - dx, value);
            f.evaluate(centre + dx, valueMirror);
            boolean gaussNode = (j & 1) == 1;
            for (int c = 0; c < components; c++) {
                double sum = value[c] + valueMirror[c];
                kronrod[c] += WGK[j] * sum;
                if (gaussNode) {
                    gauss[c] += WG[j >> 1] * sum;
                }
            }
        }
        double worst = 0;
        for (int c = 0; c < components; c++) {
            result[slot * components + c] = kronrod[c] * half;
            worst = Math.max(worst, Math.abs((kronrod[c] - gauss[c]) * half));
        }
        left[slot] = a;
        right[slot] = b;
        error[slot] = worst;
    }
}
