#!/usr/bin/env python3
"""Writes cuped-ratio-reference.json: expected CUPED and ratio-metric results, computed without the Java code.

Two independent computations per case, which must agree (the largest relative difference is written into the file):
  1. GrowthBook's own gbstats modules, imported from a checkout (models/statistics.py, models/tests.py,
     bayesian/tests.py, bayesian/bandits.py); pandas is not needed by those paths, so a stub stands in for it.
  2. A re-implementation of the same formulas in 50-digit arithmetic (mpmath), written from GrowthBook's code and
     docs/statistics/cuped-technical.mdx, not from the Java code.
The expected values written are gbstats' (double precision).

Usage: python3 cuped_ratio_reference.py /path/to/growthbook/packages/stats > cuped-ratio-reference.json
Needs numpy, scipy, pydantic, mpmath.
"""
import json
import sys
import types
from dataclasses import replace
from functools import reduce

import mpmath as mp
import numpy as np

mp.mp.dps = 50
GB_COMMIT = "8f1db4456915a8e7b7faf23d5632ca7219d2f469"

sys.path.insert(0, sys.argv[1])
_pd = types.ModuleType("pandas")
_pd.DataFrame = object
_pd.Series = object
sys.modules["pandas"] = _pd

from gbstats.bayesian.bandits import BanditConfig, BanditsCuped, BanditsRatio  # noqa: E402
from gbstats.bayesian.tests import EffectBayesianABTest, EffectBayesianConfig, GaussianPrior  # noqa: E402
from gbstats.models.statistics import (  # noqa: E402
    ProportionStatistic,
    RatioStatistic,
    RegressionAdjustedStatistic,
    SampleMeanStatistic,
)
from gbstats.models.tests import EffectMoments, EffectMomentsConfig  # noqa: E402

MAX_DIFF = [0.0]


# ---------------------------------------------------------------- gbstats side
def gb_stat(v, binary):
    """A variant's data (the workbench's JSON) as a gbstats statistic."""
    n = v["n"]
    if "numerator" in v:
        return RatioStatistic(
            n=n,
            m_statistic=SampleMeanStatistic(n=n, sum=v["numerator"]["sum"], sum_squares=v["numerator"]["sum_squares"]),
            d_statistic=SampleMeanStatistic(
                n=n, sum=v["denominator"]["sum"], sum_squares=v["denominator"]["sum_squares"]
            ),
            m_d_sum_of_products=v["sum_products"],
        )
    post = ProportionStatistic(n=n, sum=v["k"]) if binary else SampleMeanStatistic(
        n=n, sum=v["sum"], sum_squares=v["sum_squares"]
    )
    if "covariate" not in v:
        return post
    c = v["covariate"]
    pre = ProportionStatistic(n=n, sum=c["sum"]) if binary else SampleMeanStatistic(
        n=n, sum=c["sum"], sum_squares=c["sum_squares"]
    )
    return RegressionAdjustedStatistic(
        n=n, post_statistic=post, pre_statistic=pre, post_pre_sum_of_products=c["sum_products"], theta=None
    )


def gb_compare(a, b, prior):
    config = EffectBayesianConfig(
        difference_type="relative",
        prior_effect=GaussianPrior(mean=prior["mean"], variance=prior["stddev"] ** 2, proper=True)
        if prior
        else GaussianPrior(),
    )
    test = EffectBayesianABTest([(a, b)], config)
    res = test.compute_result()
    assert res.errorMessage is None, res.errorMessage
    absolute = EffectMoments([(test.stat_a, test.stat_b)], EffectMomentsConfig(difference_type="absolute"))
    out = {
        "relative_change": float(res.expected),
        "se_rel": float(res.uplift.stddev),
        "observed_relative_change": float(test.moments_result.point_estimate),
        "absolute_change": float(absolute.point_estimate),
        "ci_lower": float(res.ci[0]),
        "ci_upper": float(res.ci[1]),
        "chance_to_win": float(res.chanceToWin),
    }
    if isinstance(a, RegressionAdjustedStatistic):
        plain = EffectMoments([(a.post_statistic, b.post_statistic)]).compute_result()
        out["variance_reduction"] = float(1 - test.moments_result.standard_error ** 2 / plain.standard_error ** 2)
    else:
        out["variance_reduction"] = None
    return out


def gb_bandit(stats):
    config = BanditConfig(prior_distribution=GaussianPrior(proper=False))
    if isinstance(stats[0], RatioStatistic):
        bandit = BanditsRatio(stats, [1 / len(stats)] * len(stats), config)
    else:
        joint = reduce(lambda x, y: x + y, stats)
        theta = joint.covariance / joint.pre_statistic.variance  # compute_theta over every arm
        bandit = BanditsCuped([replace(s, theta=theta) for s in stats], [1 / len(stats)] * len(stats), config)
    return [float(m) for m in bandit.posterior_mean], [float(v) for v in bandit.posterior_variance]


# ---------------------------------------------------------------- 50-digit side
def m(x):
    return mp.mpf(repr(float(x)))


class Arm:
    """One variant's moments in 50 digits: divisor n for a binary metric (both binary), n - 1 otherwise."""

    def __init__(self, v, binary):
        self.n = mp.mpf(v["n"])
        n = self.n
        if "numerator" in v:
            sn, ssn = m(v["numerator"]["sum"]), m(v["numerator"]["sum_squares"])
            sd, ssd = m(v["denominator"]["sum"]), m(v["denominator"]["sum_squares"])
            vn, vd = (ssn - sn**2 / n) / (n - 1), (ssd - sd**2 / n) / (n - 1)
            cov = (m(v["sum_products"]) - sn * sd / n) / (n - 1)
            mn, md = sn / n, sd / n
            self.mean = sn / sd
            # variance_of_ratios (gbstats/utils.py)
            self.var = vn / md**2 + vd * mn**2 / md**4 - 2 * cov * mn / md**3
            self.cov_sums = None
            return
        sy, syy = (m(v["k"]), m(v["k"])) if binary else (m(v["sum"]), m(v["sum_squares"]))
        self.mean = sy / n
        self.var = self.mean * (1 - self.mean) if binary else (syy - sy**2 / n) / (n - 1)
        self.cov_sums = None
        if "covariate" in v:
            c = v["covariate"]
            self.cov_sums = (n, sy, syy, m(c["sum"]), m(c["sum_squares"]), m(c["sum_products"]))
            self.binary = binary
            self.mx = m(c["sum"]) / n
            self.vx = self._second(m(c["sum_squares"]), m(c["sum"]), m(c["sum"]))
            self.cxy = self._second(m(c["sum_products"]), sy, m(c["sum"]))

    def _second(self, cross, a, b):
        n = self.n
        return cross / n - a * b / n**2 if self.binary else (cross - a * b / n) / (n - 1)


def mp_theta(arms):
    """compute_theta: cov/var of the covariate over all the arms' units together; 0 without variance."""
    n = sum(a.cov_sums[0] for a in arms)
    sy, syy, sx, sxx, sxy = (sum(a.cov_sums[i] for a in arms) for i in range(1, 6))
    binary = arms[0].binary
    if binary:
        vy, vx, c = sy / n * (1 - sy / n), sxx / n - (sx / n) ** 2, sxy / n - sx * sy / n**2
    else:
        vy, vx, c = (syy - sy**2 / n) / (n - 1), (sxx - sx**2 / n) / (n - 1), (sxy - sx * sy / n) / (n - 1)
    return mp.mpf(0) if vx == 0 or vy == 0 else c / vx


def mp_compare(a, b, prior):
    ya, yb = a.mean, b.mean
    if a.cov_sums is not None:
        t = mp_theta([a, b])
        absolute = (yb - t * b.mx) - (ya - t * a.mx)
        # frequentist_variance_relative_cuped (gbstats/models/tests.py)
        v_trt = (b.var + t**2 * b.vx - 2 * t * b.cxy) / (b.n * ya**2)
        v_ctrl = (a.var * yb**2 / ya**2 - 2 * t * a.cxy * yb / ya + t**2 * a.vx) / (a.n * ya**2)
        var = v_trt + v_ctrl
        plain = b.var / (b.n * ya**2) + a.var * yb**2 / (a.n * ya**4)
        reduction = 1 - var / plain
    else:
        absolute = yb - ya
        var = b.var / (b.n * ya**2) + a.var * yb**2 / (a.n * ya**4)
        reduction = None
    rel = absolute / abs(ya)
    mu, sd = rel, mp.sqrt(var)
    if prior:
        pv = m(prior["stddev"]) ** 2
        prec = 1 / var + 1 / pv
        mu = (rel / var + m(prior["mean"]) / pv) / prec
        sd = mp.sqrt(1 / prec)
    z = mp.mpf("1.959963984540054")
    return {
        "relative_change": mu,
        "se_rel": sd,
        "observed_relative_change": rel,
        "absolute_change": absolute,
        "ci_lower": mu - mp.sqrt(2) * mp.erfinv(mp.mpf("0.95")) * sd,
        "ci_upper": mu + mp.sqrt(2) * mp.erfinv(mp.mpf("0.95")) * sd,
        "chance_to_win": mp.ncdf(mu / sd),
        "variance_reduction": reduction,
        "_z": z,
    }


def mp_bandit(arms):
    if arms[0].cov_sums is None:
        return [a.mean for a in arms], [a.var / a.n for a in arms]
    t = mp_theta(arms)
    n = sum(a.n for a in arms)
    pooled = sum(a.n * a.mx for a in arms) / n
    means = [a.mean - t * (a.mx - pooled) for a in arms]
    return means, [(a.var + t**2 * a.vx - 2 * t * a.cxy) / a.n for a in arms]


def agree(gb, ref, what):
    if gb is None and ref is None:
        return
    diff = abs(m(gb) - ref) / max(abs(ref), mp.mpf("1e-300"))
    if abs(ref) < 1e-12:
        diff = abs(m(gb) - ref)
    MAX_DIFF[0] = max(MAX_DIFF[0], float(diff))
    assert diff < 1e-8, (what, gb, ref)


# ---------------------------------------------------------------- cases
def make_case(cid, source, metric, binary=False, prior=None, bandit=False, gb=True, published=None, notes=None):
    variants = [k for k in metric if k != "inverse"]
    arms = [Arm(metric[v], binary) for v in variants]
    comparisons = {}
    for i, v in enumerate(variants[1:], start=1):
        ref = mp_compare(arms[0], arms[i], prior)
        if gb:
            out = gb_compare(gb_stat(metric[variants[0]], binary), gb_stat(metric[v], binary), prior)
            for key, value in out.items():
                agree(value, ref[key], cid + "/" + v + "/" + key)
        else:
            out = {k: (None if val is None else float(val)) for k, val in ref.items() if not k.startswith("_")}
        comparisons[v] = out
    case = {"id": cid, "source": source, "binary": binary, "variants": variants, "metric": metric, "prior": prior}
    if notes:
        case["notes"] = notes
    case["comparisons"] = comparisons
    if published:
        case["published"] = published
    if bandit:
        means, variances = gb_bandit([gb_stat(metric[v], binary) for v in variants])
        rm, rv = mp_bandit(arms)
        for x, y in zip(means + variances, rm + rv):
            agree(x, y, cid + "/bandit")
        case["bandit_posteriors"] = {
            v: {"mean": means[i], "variance": variances[i]} for i, v in enumerate(variants)
        }
    return case


def r(x, d=6):
    return float(round(float(x), d))


def continuous(rng, n, lift, rho_noise, offset=10.0):
    x = rng.gamma(2.0, 5.0, n)
    y = offset + 0.8 * x + rng.normal(0, rho_noise, n)
    y = y * (1 + lift)
    return {
        "n": int(n),
        "sum": r(y.sum()),
        "sum_squares": r((y * y).sum()),
        "covariate": {"sum": r(x.sum()), "sum_squares": r((x * x).sum()), "sum_products": r((x * y).sum())},
    }


def binary(rng, n, p_pre, p_post_if_pre, p_post_else):
    x = (rng.random(n) < p_pre).astype(float)
    y = np.where(x == 1, rng.random(n) < p_post_if_pre, rng.random(n) < p_post_else).astype(float)
    s = int(x.sum())
    return {
        "n": int(n),
        "k": int(y.sum()),
        "covariate": {"sum": s, "sum_squares": s, "sum_products": int((x * y).sum())},
    }


def binary_continuous_x(rng, n, base):
    x = rng.gamma(2.0, 3.0, n)
    y = (rng.random(n) < np.clip(base + 0.02 * x, 0, 1)).astype(float)
    return {
        "n": int(n),
        "k": int(y.sum()),
        "covariate": {"sum": r(x.sum()), "sum_squares": r((x * x).sum()), "sum_products": r((x * y).sum())},
    }


def ratio(rng, n, lift, corr_sign=1.0):
    d = rng.poisson(3.0, n) + 1.0
    num = np.clip(rng.gamma(2.0, 1.5, n) * d ** (0.5 if corr_sign > 0 else -0.5) * (1 + lift), 0, None)
    return {
        "n": int(n),
        "numerator": {"sum": r(num.sum()), "sum_squares": r((num * num).sum())},
        "denominator": {"sum": r(d.sum()), "sum_squares": r((d * d).sum())},
        "sum_products": r((num * d).sum()),
    }


def main(out):
    rng = np.random.default_rng(20261201)
    cases = []
    published_data = {
        "control": {
            "n": 3000,
            "sum": 1396.87,
            "sum_squares": 52377.9767,
            "covariate": {"sum": 16.87, "sum_squares": 527.9767, "sum_products": 1},
        },
        "treatment": {
            "n": 3461,
            "sum": 2422.7,
            "sum_squares": 134698.29,
            "covariate": {"sum": 22.7, "sum_squares": 1348.29, "sum_products": 1},
        },
    }
    cases.append(
        make_case(
            "cuped-growthbook-published",
            "GrowthBook packages/stats/tests/frequentist/test_tests.py, TestSequentialTTest."
            "test_sequential_test_runs_ra: its data; its published point estimate and uplift stddev (5 dp)",
            published_data,
            published={"relative_change": 0.50338, "se_rel": 0.33341, "abs_tol": 5e-6},
        )
    )
    cases.append(
        make_case(
            "cuped-continuous-two-arms",
            "synthetic (numpy seed 20261201): y = 10 + 0.8x + noise, treatment +3%",
            {"control": continuous(rng, 1000, 0.0, 6.0), "treatment": continuous(rng, 1100, 0.03, 6.0)},
            bandit=True,
        )
    )
    cases.append(
        make_case(
            "cuped-continuous-three-arms-prior",
            "synthetic: three arms, θ pooled per pair; proper prior N(0, 0.3²) on the lift",
            {
                "control": continuous(rng, 800, 0.0, 3.0),
                "a": continuous(rng, 820, 0.05, 3.0),
                "b": continuous(rng, 790, -0.02, 3.0),
            },
            prior={"mean": 0.0, "stddev": 0.3},
            bandit=True,
        )
    )
    cases.append(
        make_case(
            "cuped-negative-mean",
            "synthetic: a metric with a negative mean (profit), so |ȳ_control| and the sign matter",
            {"control": continuous(rng, 500, 0.0, 4.0, -30.0), "treatment": continuous(rng, 520, 0.04, 4.0, -30.0)},
        )
    )
    cases.append(
        make_case(
            "cuped-binary-binary",
            "synthetic: binary metric with a binary pre-exposure covariate (gbstats ProportionStatistic pre and"
            " post, binary covariance ΣXY/n − ΣXΣY/n²)",
            {"control": binary(rng, 3000, 0.3, 0.4, 0.1), "treatment": binary(rng, 3000, 0.3, 0.45, 0.11)},
            binary=True,
        )
    )
    cases.append(
        make_case(
            "cuped-binary-continuous-covariate",
            "synthetic: binary metric, continuous covariate. gbstats requires one statistic type for pre and post,"
            " so this case has the 50-digit re-implementation only: every moment with divisor n (p(1 − p),"
            " ΣX²/n − x̄², ΣXY/n − x̄ȳ)",
            {"control": binary_continuous_x(rng, 2000, 0.05), "treatment": binary_continuous_x(rng, 2100, 0.06)},
            binary=True,
            gb=False,
        )
    )
    cases.append(
        make_case(
            "ratio-two-arms",
            "synthetic: revenue per session, sessions = 1 + Poisson(3), positive numerator–denominator covariance",
            {"control": ratio(rng, 1500, 0.0), "treatment": ratio(rng, 1450, 0.05)},
            bandit=True,
        )
    )
    cases.append(
        make_case(
            "ratio-three-arms-prior",
            "synthetic: three arms, negative numerator–denominator covariance, prior N(0.01, 0.2²)",
            {
                "control": ratio(rng, 600, 0.0, -1.0),
                "a": ratio(rng, 640, 0.08, -1.0),
                "b": ratio(rng, 610, -0.03, -1.0),
            },
            prior={"mean": 0.01, "stddev": 0.2},
            bandit=True,
        )
    )
    doc = {
        "note": "Expected CUPED and ratio-metric results, produced by cuped_ratio_reference.py (beside this file)"
        " from GrowthBook's gbstats at commit " + GB_COMMIT + " and checked against a 50-digit mpmath"
        " re-implementation of the same formulas; see the README in this folder.",
        "growthbook_commit": GB_COMMIT,
        "max_relative_difference_gbstats_vs_mpmath": MAX_DIFF[0],
        "tolerance": {"relative": 1e-9, "absolute": 1e-12},
        "cases": cases,
    }
    json.dump(doc, out, indent=1, ensure_ascii=False)
    out.write("\n")


if __name__ == "__main__":
    main(sys.stdout)
