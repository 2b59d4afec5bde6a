#!/usr/bin/env python3
"""Reference fixtures for the experiment statistics engine (Sources/Insights/Experiments).

Writes, relative to the repository root, into Tests/InsightsTests/Fixtures/experiments/:

    distributions.json   scipy values of the normal, Student t and chi-square CDF, survival and
                         quantile over a grid reaching into the tails, with non-integer degrees
                         of freedom (see distributions.py; cross-checked with mpmath).
    experiments.json     a seeded set of experiments as sufficient statistics (proportion, mean
                         and ratio metrics; 2-4 variants; unbalanced weights; SRM, CUPED,
                         degenerate cases; flat and proper priors; several confidence levels)
                         with gbstats 0.8.0's results for every variant.
    srm.json             units/weights cases and gbstats check_srm p-values.
    adjustments.json     p-value sets and statsmodels multipletests holm / fdr_bh results.
    summary-*.csv        calculator-format inputs (variant,weight,units,sum,sum_squares[, ratio
    summary-*.json       columns]) and their expected outputs, for the CLI tests.

Deterministic: numpy default_rng(SEED) draws everything in a fixed order.

    python -m venv venv && venv/bin/pip install -r requirements.txt
    venv/bin/python generate.py           # add --skip-distributions to keep distributions.json
"""
from __future__ import annotations

import argparse
import csv
import json
import pathlib

import numpy as np
from gbstats.bayesian.tests import EffectBayesianABTest, EffectBayesianConfig, GaussianPrior
from gbstats.frequentist.tests import FrequentistConfig, TwoSidedTTest
from gbstats.models.statistics import (
    ProportionStatistic,
    RatioStatistic,
    RegressionAdjustedStatistic,
    SampleMeanStatistic,
)
from gbstats.utils import check_srm
from statsmodels.stats.multitest import multipletests

import distributions

SEED = 20261122
ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "InsightsTests" / "Fixtures" / "experiments"

ISSUES = {
    "ZERO_NEGATIVE_BASELINE_VARIATION": "control_mean_zero",
    "NO_UNITS_IN_VARIATION": "no_units",
    "ZERO_NEGATIVE_VARIANCE": "zero_variance",
}
WEIGHTS = [[0.5, 0.5], [0.2, 0.8], [0.7, 0.3], [0.1, 0.3, 0.6], [1 / 3, 1 / 3, 1 / 3],
           [0.5, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25], [0.4, 0.2, 0.2, 0.2]]
PRIORS = [{"kind": "flat"}, {"kind": "proper", "mean": 0.0, "sd": 0.3},
          {"kind": "proper", "mean": 0.05, "sd": 0.1}]


# --- gbstats ---------------------------------------------------------------------------------

def statistic(v: dict, kind: str, cuped: bool):
    """A fresh gbstats statistic (the tests mutate theta, so never reuse one)."""
    n = v["units"]
    if kind == "proportion":
        main = ProportionStatistic(n=n, sum=v["sum"])
    else:
        main = SampleMeanStatistic(n=n, sum=v["sum"], sum_squares=v["sum_squares"])
    if kind == "ratio":
        den = SampleMeanStatistic(n=n, sum=v["denominator_sum"], sum_squares=v["denominator_sum_squares"])
        return RatioStatistic(n=n, m_statistic=main, d_statistic=den, m_d_sum_of_products=v["sum_products"])
    if cuped:
        c = v["covariate"]
        pre = (ProportionStatistic(n=n, sum=c["sum"]) if kind == "proportion"
               else SampleMeanStatistic(n=n, sum=c["sum"], sum_squares=c["sum_squares"]))
        return RegressionAdjustedStatistic(n=n, post_statistic=main, pre_statistic=pre,
                                           post_pre_sum_of_products=c["sum_products"], theta=0)
    return main


def unadjusted_variance(s) -> float:
    return float(s.post_statistic.variance if isinstance(s, RegressionAdjustedStatistic) else s.variance)


def analyze(case: dict) -> dict:
    """gbstats' results for every variant against the first."""
    kind, cuped, variants = case["type"], case["cuped"], case["variants"]
    alpha = 1 - case["confidence_level"]
    p = case["prior"]
    prior = (GaussianPrior(mean=p["mean"], variance=p["sd"] ** 2, proper=True) if p["kind"] == "proper"
             else GaussianPrior(proper=False))
    control = statistic(variants[0], kind, cuped)
    outcomes = [{"name": variants[0]["name"], "units": variants[0]["units"],
                 "mean": float(control.unadjusted_mean), "variance": unadjusted_variance(control),
                 "lift_absolute": 0.0, "lift_relative": 0.0, "ci_low": 0.0, "ci_high": 0.0,
                 "ci_absolute_low": 0.0, "ci_absolute_high": 0.0, "p_value_absolute": 1.0,
                 "p_value": 1.0, "chance_to_win": 0.5, "credible_low": 0.0, "credible_high": 0.0,
                 "posterior_mean": 0.0, "issue": None}]
    for v in variants[1:]:
        freq_test = TwoSidedTTest(statistic(variants[0], kind, cuped), statistic(v, kind, cuped),
                                  FrequentistConfig(alpha=alpha, difference_type="relative"))
        freq = freq_test.compute_result()
        absolute = TwoSidedTTest(statistic(variants[0], kind, cuped), statistic(v, kind, cuped),
                                 FrequentistConfig(alpha=alpha, difference_type="absolute")).compute_result()
        bayes = EffectBayesianABTest(
            statistic(variants[0], kind, cuped), statistic(v, kind, cuped),
            EffectBayesianConfig(alpha=alpha, difference_type="relative", prior_effect=prior,
                                 prior_type="relative")).compute_result()
        a, b = freq_test.stat_a, freq_test.stat_b  # theta-adjusted (or reverted) statistics
        assert (freq.error_message is None) == (bayes.error_message is None), (freq, bayes)
        # gbstats' analyze_row: the lift shown ("expected") falls back to the plain difference.
        if a.unadjusted_mean <= 0:
            lift = 0.0
        elif freq.expected == 0:
            lift = (b.mean - a.mean) / a.unadjusted_mean
        else:
            lift = freq.expected
        outcomes.append({
            "name": v["name"], "units": v["units"], "mean": float(b.unadjusted_mean),
            "variance": unadjusted_variance(statistic(v, kind, cuped)),
            "lift_absolute": float(b.mean - a.mean), "lift_relative": float(lift),
            "ci_low": float(freq.ci[0]), "ci_high": float(freq.ci[1]), "p_value": float(freq.p_value),
            "ci_absolute_low": float(absolute.ci[0]), "ci_absolute_high": float(absolute.ci[1]),
            "p_value_absolute": float(absolute.p_value),
            "chance_to_win": float(bayes.chance_to_win), "credible_low": float(bayes.ci[0]),
            "credible_high": float(bayes.ci[1]), "posterior_mean": float(bayes.expected),
            "issue": ISSUES.get(bayes.error_message) if bayes.error_message else None,
        })
    units = [v["units"] for v in variants]
    weights = [v["weight"] for v in variants]
    return {"srm_statistic": srm_statistic(units, weights), "srm_p": float(check_srm(units, weights)),
            "outcomes": outcomes}


def srm_statistic(units, weights) -> float:
    """The chi-square statistic check_srm computes (it returns only the p-value)."""
    total, tw = sum(units), sum(weights)
    if not total:
        return 0.0
    return float(sum((o - w / tw * total) ** 2 / (w / tw * total) for o, w in zip(units, weights) if w > 0))


# --- simulated experiments -------------------------------------------------------------------

def sums(values: np.ndarray) -> tuple[float, float]:
    return float(values.sum()), float((values * values).sum())


def simulate_variant(rng, kind: str, name: str, weight: float, n: int, lift: float, cuped: bool,
                     base: dict) -> dict:
    """Per-unit data for one variant, reduced to sufficient statistics."""
    v = {"name": name, "weight": weight, "units": int(n), "sum": 0.0, "sum_squares": 0.0,
         "denominator_sum": 0.0, "denominator_sum_squares": 0.0, "sum_products": 0.0, "covariate": None}
    if kind == "proportion":
        # Heterogeneous units (beta-distributed propensity), so a pre-period conversion predicts.
        propensity = rng.beta(base["a"], base["b"], size=n)
        post = (rng.random(n) < np.clip(propensity * (1 + lift), 0, 1)).astype(float)
        v["sum"], v["sum_squares"] = sums(post)
        if cuped:
            pre = (rng.random(n) < propensity).astype(float)
            v["covariate"] = {"sum": float(pre.sum()), "sum_squares": float(pre.sum()),
                              "sum_products": float((post * pre).sum())}
    elif kind == "mean":
        # Zero-inflated log-normal revenue in cents-rounded amounts.
        spend = rng.lognormal(base["mu"], base["sigma"], size=n)
        buys = rng.random(n) < base["p"]
        post = np.round(np.where(buys, spend * (1 + lift) * rng.gamma(20, 1 / 20, size=n), 0), 2)
        v["sum"], v["sum_squares"] = sums(post)
        if cuped:
            pre = np.round(np.where(rng.random(n) < base["p"] * 1.2, spend * rng.gamma(20, 1 / 20, size=n), 0), 2)
            s, ss = sums(pre)
            v["covariate"] = {"sum": s, "sum_squares": ss, "sum_products": float((post * pre).sum())}
    else:  # ratio: orders per session
        sessions = 1 + rng.poisson(base["sessions"], size=n)
        orders = rng.binomial(sessions, min(0.99, base["rate"] * (1 + lift))).astype(float)
        v["sum"], v["sum_squares"] = sums(orders)
        v["denominator_sum"], v["denominator_sum_squares"] = sums(sessions.astype(float))
        v["sum_products"] = float((orders * sessions).sum())
    return v


def simulated_cases(rng) -> list[dict]:
    cases = []
    for i in range(60):
        kind = ["proportion", "mean", "ratio"][i % 3]
        weights = WEIGHTS[int(rng.integers(len(WEIGHTS)))]
        cuped = kind != "ratio" and i % 4 == 1
        srm = i % 7 == 3
        total = int(rng.choice([300, 1500, 8000, 40000]))
        planned = np.array(weights)
        actual = planned * (1 + rng.normal(0, 0.08, len(weights))) if srm else planned
        units = rng.multinomial(total, actual / actual.sum())
        base = {"a": 1.0, "b": float(rng.uniform(4, 40)), "mu": float(rng.uniform(2, 4)),
                "sigma": float(rng.uniform(0.4, 1.2)), "p": float(rng.uniform(0.05, 0.4)),
                "sessions": float(rng.uniform(0.5, 4)), "rate": float(rng.uniform(0.01, 0.2))}
        variants = []
        for k, (w, n) in enumerate(zip(weights, units)):
            lift = 0.0 if k == 0 else float(rng.normal(0.03, 0.08))
            name = "control" if k == 0 else f"variant_{k}"
            variants.append(simulate_variant(rng, kind, name, w, int(n), lift, cuped, base))
        cases.append({"id": f"sim_{i:02d}_{kind}{'_cuped' if cuped else ''}{'_srm' if srm else ''}",
                      "type": kind, "cuped": cuped, "prior": PRIORS[i % len(PRIORS)],
                      "confidence_level": [0.95, 0.95, 0.9, 0.99][i % 4], "variants": variants})
    return cases


def variant(name, weight, units, s, ss, ds=0.0, dss=0.0, sp=0.0, cov=None) -> dict:
    return {"name": name, "weight": weight, "units": units, "sum": s, "sum_squares": ss,
            "denominator_sum": ds, "denominator_sum_squares": dss, "sum_products": sp, "covariate": cov}


def edge_cases() -> list[dict]:
    """Hand-written degenerate inputs: gbstats returns its uninformative default for them."""
    flat, proper = PRIORS[0], PRIORS[1]

    def case(id_, kind, variants, prior=flat, cuped=False):
        return {"id": id_, "type": kind, "cuped": cuped, "prior": prior, "confidence_level": 0.95,
                "variants": variants}

    return [
        case("edge_control_zero_conversions", "proportion",
             [variant("control", 0.5, 500, 0, 0), variant("treatment", 0.5, 510, 12, 12)]),
        case("edge_variant_zero_units", "proportion",
             [variant("control", 0.5, 500, 40, 40), variant("treatment", 0.5, 0, 0, 0)], proper),
        case("edge_control_zero_units", "mean",
             [variant("control", 0.5, 0, 0, 0), variant("treatment", 0.5, 20, 100, 900)]),
        case("edge_single_units", "mean",
             [variant("control", 0.5, 1, 5, 25), variant("treatment", 0.5, 1, 7, 49)]),
        case("edge_zero_variance_mean", "mean",
             [variant("control", 0.5, 50, 250, 1250), variant("treatment", 0.5, 60, 330, 2000)]),
        case("edge_all_converted", "proportion",
             [variant("control", 0.5, 100, 100, 100), variant("treatment", 0.5, 100, 90, 90)]),
        case("edge_ratio_variant_no_denominator", "ratio",
             [variant("control", 0.5, 100, 30, 40, 150, 300, 60),
              variant("treatment", 0.5, 100, 0, 0, 0, 0, 0)]),
        case("edge_negative_control_mean", "mean",
             [variant("control", 0.5, 200, -150.0, 5000.0), variant("treatment", 0.5, 210, 80.0, 5200.0)]),
        case("edge_cuped_constant_covariate", "mean",
             [variant("control", 0.5, 100, 500, 4000, cov={"sum": 100, "sum_squares": 100, "sum_products": 500}),
              variant("treatment", 0.5, 100, 560, 4500, cov={"sum": 100, "sum_squares": 100, "sum_products": 560})],
             cuped=True),
        case("edge_tiny_difference_huge_n", "proportion",
             [variant("control", 0.5, 5_000_000, 500_000, 500_000),
              variant("treatment", 0.5, 5_000_000, 500_100, 500_100)], proper),
        case("edge_huge_effect", "proportion",
             [variant("control", 0.5, 100_000, 1000, 1000), variant("treatment", 0.5, 100_000, 3000, 3000)]),
    ]


def srm_cases() -> list[dict]:
    raw = [([5000, 5000], [0.5, 0.5]), ([5100, 4900], [0.5, 0.5]), ([5300, 4700], [0.5, 0.5]),
           ([1000, 3000, 6000], [0.1, 0.3, 0.6]), ([1100, 2900, 6000], [0.1, 0.3, 0.6]),
           ([0, 0], [0.5, 0.5]), ([100, 0, 120], [0.5, 0.0, 0.5]), ([2500, 2400, 2600, 2500], [0.25] * 4),
           ([2500, 2000, 2600, 2500], [0.25] * 4), ([1, 9], [0.5, 0.5]), ([60000, 40000], [0.5, 0.5]),
           ([333, 333, 334], [1 / 3, 1 / 3, 1 / 3]), ([10, 20], [2.0, 1.0])]
    return [{"units": u, "weights": w, "statistic": srm_statistic(u, w), "p_value": float(check_srm(u, w))}
            for u, w in raw]


def adjustment_cases(rng) -> list[dict]:
    sets = [[0.01, 0.04, 0.03, 0.2], [0.5], [0.001, 0.001, 0.02, 0.02, 0.9], [1.0, 1.0, 0.0],
            [1e-12, 0.049, 0.051, 0.3, 0.6, 0.04], list(rng.uniform(0, 0.2, 12)), list(rng.beta(0.3, 2, 25))]
    out = []
    for p in sets:
        p = [float(x) for x in p]
        out.append({"p_values": p,
                    "holm": [float(x) for x in multipletests(p, method="holm")[1]],
                    "bh": [float(x) for x in multipletests(p, method="fdr_bh")[1]]})
    return out


# --- calculator-format examples --------------------------------------------------------------

SUMMARY_COLUMNS = ["variant", "weight", "units", "sum", "sum_squares"]
RATIO_COLUMNS = ["denominator_sum", "denominator_sum_squares", "sum_products"]


def write_summary(name: str, case: dict) -> None:
    """summary-NAME.csv in the calculator's format and summary-NAME.json with its results."""
    columns = SUMMARY_COLUMNS + (RATIO_COLUMNS if case["type"] == "ratio" else [])
    with open(OUT / f"summary-{name}.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for v in case["variants"]:
            w.writerow([v["name"] if c == "variant" else repr(v[c]) if isinstance(v[c], float) else v[c]
                        for c in columns])
    settings = {"type": case["type"], "prior": case["prior"], "confidence_level": case["confidence_level"],
                "cuped": False}
    dump(f"summary-{name}", {"settings": settings, "expected": analyze(case)})


def dump(name: str, obj) -> None:
    with open(OUT / f"{name}.json", "w") as f:
        json.dump(obj, f, indent=1, allow_nan=False)
        f.write("\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-distributions", action="store_true", help="keep distributions.json (slow)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    if not args.skip_distributions:
        dump("distributions", distributions.verified(distributions.tables()))
    cases = simulated_cases(rng) + edge_cases()
    for case in cases:
        case["expected"] = analyze(case)
    dump("experiments", {"seed": SEED, "cases": cases})
    dump("srm", {"cases": srm_cases()})
    dump("adjustments", {"cases": adjustment_cases(rng)})
    examples = {
        "proportion": simulate_summary(rng, "proportion", [0.34, 0.33, 0.33], 12000),
        "mean": simulate_summary(rng, "mean", [0.5, 0.5], 6000),
        "ratio": simulate_summary(rng, "ratio", [0.5, 0.5], 5000),
    }
    for name, case in examples.items():
        write_summary(name, case)


def simulate_summary(rng, kind: str, weights: list[float], total: int) -> dict:
    base = {"a": 1.0, "b": 12.0, "mu": 3.2, "sigma": 0.8, "p": 0.2, "sessions": 2.0, "rate": 0.08}
    units = rng.multinomial(total, weights)
    names = ["control", "treatment"] if len(weights) == 2 else ["control", "treatment_a", "treatment_b"]
    variants = [simulate_variant(rng, kind, nm, w, int(n), 0.0 if k == 0 else 0.06, False, base)
                for k, (nm, w, n) in enumerate(zip(names, weights, units))]
    return {"id": f"summary_{kind}", "type": kind, "cuped": False, "prior": PRIORS[0],
            "confidence_level": 0.95, "variants": variants}


if __name__ == "__main__":
    main()
