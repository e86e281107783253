package dev.workbench.core.stats.numeric;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Multiple-testing adjustments of a family of p-values, as GrowthBook computes them
 * ({@code packages/shared/src/experiments/experiments.ts}: {@code adjustPValuesHolmBonferroni},
 * {@code adjustPValuesBenjaminiHochberg}). Both return adjusted p-values in the input's order, capped at 1 and
 * monotone in the raw p-values.
 *
 * <ul>
 *   <li>Holm (S. Holm, "A simple sequentially rejective multiple test procedure", Scand. J. Statist. 6, 1979):
 *       sorted ascending, p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎); controls the family-wise error rate.
 *   <li>Benjamini–Hochberg (Y. Benjamini, Y. Hochberg, "Controlling the false discovery rate", JRSS B 57, 1995):
 *       sorted ascending, p̃₍ᵢ₎ = min_{j ≥ i} min(1, m·p₍ⱼ₎/j); controls the false discovery rate.
 * </ul>
 */
public enum PValueCorrection {
    NONE("none"),
    HOLM("holm"),
    BENJAMINI_HOCHBERG("benjamini-hochberg");

    private final String wireName;

    PValueCorrection(String wireName) {
        this.wireName = wireName;
    }

    /** As a caller writes it: {@code none}, {@code holm} or {@code benjamini-hochberg}. */
    public String wireName() {
        return wireName;
    }

    /** The correction named {@code name}, or null when no correction has that name. */
    public static PValueCorrection byName(String name) {
        for (PValueCorrection c : values()) {
            if (c.wireName.equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The adjusted p-values of {@code p}, in its order ({@code NONE}: a copy). */
    public double[] adjust(double[] p) {
        int m = p.length;
        double[] adjusted = new double[m];
        if (this == NONE || m == 0) {
            System.arraycopy(p, 0, adjusted, 0, m);
            return adjusted;
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        if (this == HOLM) {
            double running = 0.0;
            for (int rank = 0; rank < m; rank++) {
                int i = order[rank];
                running = Math.max(running, Math.min(1.0, p[i] * (m - rank)));
                adjusted[i] = running;
            }
        } else {
            double running = 1.0;
            for (int rank = m - 1; rank >= 0; rank--) {
                int i = order[rank];
                running = Math.min(running, Math.min(1.0, p[i] * m / (rank + 1)));
                adjusted[i] = running;
            }
        }
        return adjusted;
    }
}
