#!/usr/bin/env python3
"""Reference values for plan-sample-size, computed without the Java code.

Writes core/src/test/resources/dev/workbench/core/stats/plan/sample-size-reference.json.
Run from the repository root: python3 scripts/reference/sample_size.py

How each number is produced (50-digit mpmath; scipy only as a cross-check of the quantiles):
  * z quantiles: z_q = sqrt(2)*erfinv(2q - 1), checked against scipy.stats.norm.ppf.
  * fixed n per arm: (z_{1-a/2} + z_power)^2 * s2*(1 + (1+mde)^2) / (mu*mde)^2, the relative-lift variance of
    GrowthBook's power calculator (packages/shared/src/power/power.ts, frequentistVariance(relative=true) as called
    by powerStandardError: both arms carry the baseline's variance, the treatment's mean is mu*(1+mde)), then ceil.
  * sequential n per arm: the smallest integer n with
        mde / (sqrt(V1/n) * zseq(2n)/z_{1-a/2}) >= z_{1-a/2} + z_power,
        zseq(N) = sqrt(N) * sqrt(2(N rho^2 + 1)/(N^2 rho^2) * log(sqrt(N rho^2 + 1)/alpha)),
        rho = sqrt((-2 log a + log(-2 log a + 1))/N*)
    (GrowthBook sequentialPowerStandardError / sequentialRho / sequentialDiscriminant), found by a real-valued
    bisection to 1e-30 then checked at the integers either side; never below the fixed n.
  * the seed's floor ceil(30/p) on the decimal as written (fractions.Fraction of the decimal string).
  * GrowthBook's published powers (packages/shared/test/power.test.ts at commit
    8f1db4456915a8e7b7faf23d5632ca7219d2f469) are copied verbatim and recomputed here with powerFrequentist's
    two-tailed power; the script stops if any recomputation differs in the 5th decimal.
  * textbook: the difference-of-proportions sample size (z_{1-a/2}+z_power)^2 (p1 q1 + p2 q2)/(p2 - p1)^2
    (Fleiss, Levin & Paik, Statistical Methods for Rates and Proportions, 3rd ed., 2003, ch. 4, without the
    continuity correction) for p = 0.1 -> 0.11 is 14,749 per arm; the relative-lift test the tool plans for needs
    more (15,612). And Lehr's constant (z_0.975 + z_0.8)^2 = 7.8489 (Lehr, Stat. Med. 11 (1992) 1099, "16 s^2/d^2").
"""
import json
import random
from fractions import Fraction
from math import ceil
from pathlib import Path

import mpmath as mp
from scipy.stats import norm

mp.mp.dps = 50
OUT = Path("core/src/test/resources/dev/workbench/core/stats/plan/sample-size-reference.json")


def z(q):
    value = mp.sqrt(2) * mp.erfinv(2 * mp.mpf(q) - 1)
    assert abs(float(value) - norm.ppf(float(q))) < 1e-12, q
    return value


def unit_variance(mean, var, mde):
    return var * (1 + (1 + mde) ** 2) / mean**2


def zseq(units, alpha, tuning):
    la = -2 * mp.log(alpha)
    rho2 = (la + mp.log(la + 1)) / tuning
    x = units * rho2
    return mp.sqrt(units) * mp.sqrt(2 * (x + 1) / (units**2 * rho2) * mp.log(mp.sqrt(x + 1) / alpha))


def design(mean, var, mde, alpha, power):
    mean, var, mde, alpha = (mp.mpf(str(v)) for v in (mean, var, mde, alpha))
    return mean, var, mde, alpha, z(1 - alpha / 2), z(power)


def fixed_exact(mean, var, mde, alpha, power):
    mean, var, mde, alpha, za, zb = design(mean, var, mde, alpha, power)
    return (za + zb) ** 2 * unit_variance(mean, var, mde) / mde**2


def sequential_n(mean, var, mde, alpha, power, tuning):
    mean, var, mde, alpha, za, zb = design(mean, var, mde, alpha, power)
    v1 = unit_variance(mean, var, mde)

    def margin(n):
        return mde / (mp.sqrt(v1 / n) * zseq(2 * n, alpha, tuning) / za) - (za + zb)

    lo, hi = mp.mpf(1), mp.mpf(2)
    while margin(hi) < 0:
        lo, hi = hi, hi * 2
    while hi - lo > mp.mpf("1e-30"):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if margin(mid) < 0 else (lo, mid)
    n = int(mp.ceil(hi))
    assert margin(n) >= 0 and (n == 1 or margin(n - 1) < 0)
    return n


def power_gb(mean, var, mde, alpha, per_arm, tuning):
    """powerEstFrequentist: two-tailed, sequential SE when tuning > 0."""
    mean, var, mde, alpha = (mp.mpf(str(v)) for v in (mean, var, mde, alpha))
    za = z(1 - alpha / 2)
    se = mp.sqrt(unit_variance(mean, var, mde) / per_arm)
    if tuning > 0:
        se *= zseq(2 * per_arm, alpha, tuning) / za
    s = mde / se
    return 1 - mp.ncdf(za - s) + mp.ncdf(-za - s)


def floor30(rate):
    return ceil(Fraction(30) / Fraction(str(rate)))


def expected(cid, request):
    """Everything plan-sample-size answers for a request with a baseline, computed here."""
    baseline = request["baseline"]
    arms = request.get("arms", 2)
    alpha = Fraction(str(request.get("alpha", 0.05)))
    if request.get("correction", "none") != "none" and arms > 2:
        alpha /= arms - 1  # Bonferroni level: Holm's first step
    alpha = mp.mpf(alpha.numerator) / alpha.denominator
    power = request.get("power", 0.8)
    mde = request["mde"]
    if "rate" in baseline:
        p = Fraction(str(baseline["rate"]))
        mean, var = baseline["rate"], p * (1 - p)
    else:
        mean, var = baseline["mean"], Fraction(str(baseline["stddev"])) ** 2
    var = mp.mpf(var.numerator) / var.denominator
    exact = fixed_exact(mean, var, mde, alpha, power)
    fixed = max(1, int(mp.ceil(exact)))
    tuning = request.get("sequentialTuning", 5000) if request.get("sequential") else None
    n = fixed if tuning is None else max(fixed, sequential_n(mean, var, mde, alpha, power, tuning))
    floor = floor30(baseline["rate"]) if "rate" in baseline else 0
    per_variant = max(n, floor)
    total = per_variant * arms
    daily = request.get("dailyUnits")
    return {
        "id": cid,
        "request": request,
        "fixed_exact": mp.nstr(exact, 20),
        "fixed": fixed,
        "powered": n,
        "floor": floor,
        "per_variant": per_variant,
        "floor_applied": floor > n,
        "total": total,
        "days": None if daily is None else -(-total // daily),
    }


NAMED = [
    ("textbook-rate", {"baseline": {"rate": 0.1}, "mde": 0.1}),
    ("textbook-rate-sequential", {"baseline": {"rate": 0.1}, "mde": 0.1, "sequential": True}),
    ("readme-example", {"baseline": {"rate": 0.04}, "mde": 0.1, "dailyUnits": 4000}),
    ("readme-example-sequential", {"baseline": {"rate": 0.04}, "mde": 0.1, "dailyUnits": 4000, "sequential": True}),
    ("three-arms-holm-sequential", {"baseline": {"rate": 0.04}, "mde": 0.1, "arms": 3, "correction": "holm",
                                    "sequential": True, "dailyUnits": 6000}),
    ("floor-binding", {"baseline": {"rate": 0.01}, "mde": 5.0, "alpha": 0.2, "power": 0.5}),
    ("floor-binding-decimal", {"baseline": {"rate": 0.03}, "mde": 20.0, "alpha": 0.2, "power": 0.5}),
    ("mean-four-arms-bh", {"baseline": {"mean": 25.0, "stddev": 40.0}, "mde": 0.05, "arms": 4,
                           "correction": "benjamini-hochberg", "dailyUnits": 1000}),
    ("correction-one-treatment", {"baseline": {"rate": 0.2}, "mde": 0.05, "correction": "holm"}),
]


def case(rng, i):
    alpha = rng.choice([0.01, 0.05, 0.1, 0.2])
    power = rng.choice([0.5, 0.8, 0.9, 0.95])
    tuning = rng.choice([None, 1000, 5000, 20000])
    if i % 3 != 2:
        rate = round(10 ** rng.uniform(-3, -0.2), 4)
        mde = round(min(10 ** rng.uniform(-2.3, 0), 0.95 * (1 / rate - 1)), 4)
        baseline = {"rate": rate}
    else:
        mean = round(rng.choice([-1, 1]) * 10 ** rng.uniform(-1, 3), 3)
        sd = round(abs(mean) * 10 ** rng.uniform(-1, 1), 3)
        mde = round(10 ** rng.uniform(-2.3, 0), 4)
        baseline = {"mean": mean, "stddev": sd}
    request = {"baseline": baseline, "mde": mde, "alpha": alpha, "power": power}
    if tuning is not None:
        request |= {"sequential": True, "sequentialTuning": tuning}
    return expected(f"random-{i:02d}", request)


GB_WEEKS_FIXED = [0.073, 0.17053, 0.0965, 0.29389, 0.1204, 0.41122, 0.14458, 0.51749, 0.16895, 0.61037, 0.19342,
                  0.68938, 0.21791, 0.75513, 0.24235, 0.80886, 0.26666, 0.85213]
GB_WEEKS_SEQUENTIAL = [0.05936, 0.09832, 0.06912, 0.14992, 0.07849, 0.19972, 0.08761, 0.24784, 0.09657, 0.29426,
                       0.10541, 0.33888, 0.11415, 0.38165, 0.12282, 0.42249, 0.13142, 0.46136]


def growthbook_published():
    """power.test.ts: 'calculates power correctly' / 'sequential power', and the weekly 'checks power' tables
    (4,500 users a week over 3 variations; metrics click_through_rate p=0.1 mde 0.05, revenue mean 0.1 sd sqrt(0.5)
    mde 0.3, alternating per week)."""
    rows = []
    big = {"mean": 10, "variance": "3909.9997749994377", "mde": 0.05, "alpha": 0.05, "per_arm": "133333.33333333333"}
    for tuning, published in ((0, 0.52144), (5000, 0.20596)):
        rows.append(big | {"tuning": tuning, "power": published})
    metrics = [{"mean": 0.1, "variance": "0.09", "mde": 0.05}, {"mean": 0.1, "variance": "0.5", "mde": 0.3}]
    for tuning, table in ((0, GB_WEEKS_FIXED), (5000, GB_WEEKS_SEQUENTIAL)):
        for k, published in enumerate(table):
            week = k // 2 + 1
            rows.append(metrics[k % 2] | {"alpha": 0.05, "per_arm": str(week * 1500), "tuning": tuning,
                                          "power": published})
    for row in rows:
        mine = power_gb(row["mean"], mp.mpf(row["variance"]), row["mde"], row["alpha"], mp.mpf(row["per_arm"]),
                        row["tuning"])
        assert round(float(mine), 5) == row["power"], (row, mine)
    return rows


def main():
    rng = random.Random(20261201)
    textbook_p = mp.mpf("0.1"), mp.mpf("0.11")
    za, zb = z(mp.mpf("0.975")), z(mp.mpf("0.8"))
    absolute = (za + zb) ** 2 * (textbook_p[0] * (1 - textbook_p[0]) + textbook_p[1] * (1 - textbook_p[1])) / (
        textbook_p[1] - textbook_p[0]) ** 2
    relative = fixed_exact(0.1, mp.mpf("0.09"), 0.1, 0.05, 0.8)
    doc = {
        "note": "Generated by scripts/reference/sample_size.py (mpmath, 50 digits); see its docstring for how each "
                "value is produced and the README beside this file. Do not edit by hand.",
        "lehr_constant": mp.nstr((za + zb) ** 2, 20),
        "textbook": {
            "source": "Fleiss, Levin & Paik (2003) ch. 4, without continuity correction: p 0.1 -> 0.11, "
                      "alpha 0.05 two-sided, power 0.8",
            "absolute_difference_per_arm": int(mp.ceil(absolute)),
            "relative_lift_per_arm": int(mp.ceil(relative)),
        },
        "growthbook_published": growthbook_published(),
        "cases": [expected(cid, request) for cid, request in NAMED] + [case(rng, i) for i in range(60)],
    }
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {OUT}: {len(doc['cases'])} cases, textbook {doc['textbook']}")


if __name__ == "__main__":
    main()
