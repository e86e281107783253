#!/usr/bin/env python3
"""Reference values for the frequentist engine (analyze-frequentist), computed independently of the Java code.

Run: python3 make_reference.py > frequentist-reference.json   (needs mpmath; scipy is used as a cross-check)

How each number is produced (all at 50 significant digits with mpmath, then rounded to a double):
- moments: proportion mean k/n, variance p(1-p); sums: mean S/n, variance (SS - S^2/n)/(n-1)  (CONTRACT section 6)
- relative lift d = (m_b - m_a)/|m_a|; se = sqrt(v_b/(n_b m_a^2) + v_a m_b^2/(n_a m_a^4))   (delta method, as written)
- fixed test (normal approximation): p = erfc(|d/se|/sqrt 2); z = sqrt 2 * erfinv(1 - alpha); interval d -/+ z se
- sequential (Waudby-Smith et al. arXiv:2103.06476v7 eq. 9, 155, 161 as GrowthBook's frequentist/tests.py writes them):
  N = n_a + n_b; rho = sqrt((-2 ln a + ln(-2 ln a + 1))/N*); s2 = se^2 N;
  half = sqrt(s2) sqrt(2 (N rho^2 + 1) ln(sqrt(N rho^2 + 1)/a) / (N rho)^2);
  p = min(1, 1/e), e = exp(rho^2 S/(2 (N rho^2 + 1)))/sqrt(N rho^2 + 1), S = d^2 N / se^2
- Holm / Benjamini-Hochberg: from their definitions (Holm 1979: p~(i) = max_{j<=i} min(1, (m-j+1) p(j));
  BH 1995 step-up: p~(i) = min_{j>=i} min(1, m p(j)/j)), written as explicit max/min over all j, O(m^2),
  not the sort-and-sweep of the engine or of GrowthBook's experiments.ts.
The "growthbook" cases are GrowthBook's own published expectations (packages/stats/tests/frequentist/test_tests.py,
TestSequentialTTest.test_sequential_test_runs and test_sequential_test_runs_prop, commit 8f1db445), copied as
fixed numbers rounded to 5 decimals there; they are not recomputed here.
"""
import json
import random

import mpmath as mp
from scipy import stats as sps

mp.mp.dps = 50


def moments(arm):
    n = mp.mpf(arm["n"])
    if "k" in arm:
        p = mp.mpf(arm["k"]) / n
        return n, p, p * (1 - p)
    s, ss = mp.mpf(arm["sum"]), mp.mpf(arm["sum_squares"])
    return n, s / n, (ss - s * s / n) / (n - 1)


def lift(a, b):
    na, ma, va = moments(a)
    nb, mb, vb = moments(b)
    d = (mb - ma) / abs(ma)
    se = mp.sqrt(vb / (nb * ma**2) + va * mb**2 / (na * ma**4))
    return d, se, mb - ma, na + nb


def fixed(d, se, alpha):
    p = mp.erfc(abs(d / se) / mp.sqrt(2))
    z = mp.sqrt(2) * mp.erfinv(1 - mp.mpf(alpha))
    return p, d - z * se, d + z * se


def sequential(d, se, n, alpha, tuning):
    a = mp.mpf(alpha)
    rho = mp.sqrt((-2 * mp.log(a) + mp.log(-2 * mp.log(a) + 1)) / mp.mpf(tuning))
    s2 = se**2 * n
    t = n * rho**2 + 1
    half = mp.sqrt(s2) * mp.sqrt(2 * t * mp.log(mp.sqrt(t) / a) / (n * rho) ** 2)
    big_s = d**2 * n / se**2
    e = mp.exp(rho**2 * big_s / (2 * t)) / mp.sqrt(t)
    return min(1 / e, mp.mpf(1)), d - half, d + half, half


def holm(p):
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    out = [None] * m
    for i in range(m):
        out[order[i]] = max(min(1, (m - j) * p[order[j]]) for j in range(i + 1))
    return out


def bh(p):
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    out = [None] * m
    for i in range(m):
        out[order[i]] = min(min(1, m * p[order[j]] / (j + 1)) for j in range(i, m))
    return out


def f(x):
    return float(x)


def case(name, control, treatments, alpha, tuning, inverse=False):
    rows, pf, ps = [], [], []
    for t in treatments:
        d, se, ab, n = lift(control, t)
        p, lo, hi = fixed(d, se, alpha)
        sp, slo, shi, half = sequential(d, se, n, alpha, tuning)
        # cross-check the 50-digit values against scipy in double precision
        z = f(d / se)
        assert abs(2 * sps.norm.sf(abs(z)) - f(p)) <= 1e-12 * max(f(p), 1e-300) + 1e-300
        assert abs(sps.norm.ppf(1 - alpha / 2) * f(se) - f(hi - d)) <= 1e-12 * f(se)
        pf.append(p)
        ps.append(sp)
        rows.append({
            "relative": f(d), "se": f(se), "absolute": f(ab), "n_total": int(n),
            "fixed": {"p": f(p), "lower": f(lo), "upper": f(hi)},
            "sequential": {"p": f(sp), "lower": f(slo), "upper": f(shi), "half_width": f(half)},
        })
    for i, r in enumerate(rows):
        r["fixed"]["p_holm"] = f(holm(pf)[i])
        r["fixed"]["p_bh"] = f(bh(pf)[i])
        r["sequential"]["p_holm"] = f(holm(ps)[i])
        r["sequential"]["p_bh"] = f(bh(ps)[i])
    return {"name": name, "alpha": alpha, "tuning": tuning, "inverse": inverse,
            "control": control, "treatments": treatments, "expected": rows}


def main():
    cases = [
        case("proportion, one treatment, clear lift", {"n": 10000, "k": 1000}, [{"n": 10000, "k": 1100}], 0.05, 5000),
        case("proportion, one treatment, no effect", {"n": 5000, "k": 600}, [{"n": 5100, "k": 612}], 0.05, 5000),
        case("proportion, three treatments", {"n": 8000, "k": 400},
             [{"n": 8000, "k": 440}, {"n": 7900, "k": 470}, {"n": 8100, "k": 405}], 0.05, 5000),
        case("mean, two treatments, alpha 0.1, N* 20000", {"n": 3000, "sum": 1396.87, "sum_squares": 52377.9767},
             [{"n": 3461, "sum": 2422.7, "sum_squares": 134698.29},
              {"n": 3100, "sum": 1500.2, "sum_squares": 56000.5}], 0.1, 20000),
        case("mean, inverse metric, alpha 0.01", {"n": 20000, "sum": 240000.0, "sum_squares": 3.4e6},
             [{"n": 20000, "sum": 232000.0, "sum_squares": 3.2e6}], 0.01, 5000, inverse=True),
        case("proportion, tiny sample, N* 100", {"n": 40, "k": 10}, [{"n": 45, "k": 20}], 0.05, 100),
    ]
    rng = random.Random(20261201)
    for i in range(12):
        arms = []
        base = rng.uniform(0.02, 0.4)
        for _ in range(rng.randint(2, 5)):
            n = rng.randint(200, 200000)
            rate = min(0.95, base * rng.uniform(0.85, 1.2))
            arms.append({"n": n, "k": int(round(n * rate))})
        cases.append(case("random proportion %d" % i, arms[0], arms[1:], rng.choice([0.01, 0.05, 0.1, 0.2]),
                          rng.choice([1000, 5000, 20000, 100000])))
    corrections = []
    for m in (1, 2, 3, 5, 8):
        p = [mp.mpf(rng.choice([rng.uniform(0, 0.05), rng.uniform(0, 1)])) for _ in range(m)]
        if m >= 3:
            p[1] = p[2]  # a tie
        corrections.append({"p": [f(x) for x in p], "holm": [f(x) for x in holm(p)], "bh": [f(x) for x in bh(p)]})
    high = [mp.mpf("0.9"), mp.mpf("0.8"), mp.mpf("0.7")]  # Holm caps all at 1; BH gives 0.9 to all
    corrections.append({"p": [f(x) for x in high], "holm": [f(x) for x in holm(high)], "bh": [f(x) for x in bh(high)]})
    growthbook = [
        {"source": "growthbook/growthbook packages/stats/tests/frequentist/test_tests.py "
                   "TestSequentialTTest.test_sequential_test_runs (commit 8f1db445)",
         "control": {"n": 3000, "sum": 1396.87, "sum_squares": 52377.9767},
         "treatment": {"n": 3461, "sum": 2422.7, "sum_squares": 134698.29},
         "alpha": 0.05, "tuning": 1000, "decimals": 5,
         "relative": 0.50336, "se": 0.33341, "lower": -0.55844, "upper": 1.56516, "p": 1},
        {"source": "growthbook/growthbook packages/stats/tests/frequentist/test_tests.py "
                   "TestSequentialTTest.test_sequential_test_runs_prop (commit 8f1db445)",
         "control": {"n": 3000, "k": 1396}, "treatment": {"n": 3461, "k": 2422},
         "alpha": 0.05, "tuning": 5000, "decimals": 5,
         "relative": 0.50386, "se": 0.03386, "lower": 0.40098, "upper": 0.60675, "p": 0.0},
    ]
    out = {"version": 1, "produced_by": "make_reference.py (mpmath %s, 50 digits; scipy %s cross-check)"
           % (mp.__version__, __import__("scipy").__version__),
           "tolerance": "1e-9 relative (absolute 1e-300 floor); growthbook cases: half a unit of their 5th decimal",
           "cases": cases, "corrections": corrections, "growthbook": growthbook}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
