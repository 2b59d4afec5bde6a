"""scipy reference values for the experiment distributions (normal, Student t, chi-square).

Each table is a list of [argument(s)..., value] rows; floats are written with repr, so they
round-trip exactly. Used by generate.py.
"""
from __future__ import annotations

from scipy import stats

NORMAL_X = [-38.0, -37.5, -30.0, -20.0, -12.5, -8.0, -5.0, -3.0, -1.96, -1.0, -0.5, -1e-9, 0.0,
            1e-9, 0.3, 1.0, 1.644853626951, 2.5, 4.0, 6.0, 8.0, 9.0, 12.0, 20.0, 37.0]
PROBABILITIES = [1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-12, 1e-10, 1e-7, 1e-5, 1e-4, 0.001,
                 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.425, 0.45, 0.49, 0.499999, 0.5,
                 0.500001, 0.51, 0.6, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99, 0.999, 0.9999, 0.99999,
                 1 - 1e-7, 1 - 1e-10, 1 - 1e-12]
T_DF = [0.1, 0.5, 1.0, 1.3, 2.0, 2.5, 3.0, 4.7, 7.0, 10.0, 17.25, 29.5, 64.3, 100.0, 1234.5,
        1e4, 1e5, 1e6, 1e8]
T_X = [-1e6, -1000.0, -100.0, -30.0, -10.0, -5.0, -3.0, -2.0, -1.0, -0.5, -0.1, -1e-8, 0.0,
       1e-8, 0.1, 0.5, 1.0, 1.5, 1.96, 2.0, 2.5, 3.0, 5.0, 8.0, 10.0, 30.0, 100.0, 1000.0, 1e6, 1e20]
T_P = [1e-100, 1e-20, 1e-12, 1e-8, 1e-5, 0.001, 0.01, 0.025, 0.05, 0.1, 0.25, 0.4, 0.49,
       0.499999, 0.5, 0.500001, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999, 1 - 1e-6, 1 - 1e-9]
CHI2_DF = [0.3, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.5, 10.0, 29.5, 100.0, 1000.0, 12345.6]
CHI2_X = [1e-12, 1e-6, 0.001, 0.01, 0.1, 0.5, 1.0, 2.0, 3.84, 5.0, 7.5, 10.0, 16.27, 20.0,
          30.0, 50.0, 75.0, 100.0, 150.0, 200.0, 500.0, 900.0, 1000.0, 1100.0, 1500.0,
          12000.0, 12345.6, 13000.0]
CHI2_P = [1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 0.99,
          0.999, 1 - 1e-6, 1 - 1e-10]


def tables() -> dict:
    """All reference tables, keyed by function name."""
    t: dict = {}
    t["normal_cdf"] = [[x, float(stats.norm.cdf(x))] for x in NORMAL_X]
    t["normal_sf"] = [[x, float(stats.norm.sf(x))] for x in NORMAL_X]
    t["normal_ppf"] = [[p, float(stats.norm.ppf(p))] for p in PROBABILITIES]
    t["t_cdf"] = [[x, df, float(stats.t.cdf(x, df))] for df in T_DF for x in T_X]
    t["t_sf"] = [[x, df, float(stats.t.sf(x, df))] for df in T_DF for x in T_X]
    t["t_ppf"] = [[p, df, float(stats.t.ppf(p, df))] for df in T_DF for p in T_P]
    t["chi2_cdf"] = [[x, df, float(stats.chi2.cdf(x, df))] for df in CHI2_DF for x in CHI2_X]
    t["chi2_sf"] = [[x, df, float(stats.chi2.sf(x, df))] for df in CHI2_DF for x in CHI2_X]
    t["chi2_ppf"] = [[p, df, float(stats.chi2.ppf(p, df))] for df in CHI2_DF for p in CHI2_P]
    return t


# --- cross-check against mpmath (50 digits) --------------------------------------------------
# scipy is the reference, but a few of its values are off (e.g. stdtr(1, 1e-8) and far t
# quantiles for tiny ν). Every value is recomputed with mpmath; where scipy deviates by more
# than 1e-12 relative (or the quantile is not the root mpmath finds), the mpmath value is written
# instead and the row is listed under "scipy_overrides".

import sys  # noqa: E402

import mpmath as mp  # noqa: E402

mp.mp.dps = 50


def _t_sf(x, df):
    x, df = mp.mpf(x), mp.mpf(df)
    if x == 0:
        return mp.mpf(1) / 2
    tail = mp.betainc(df / 2, mp.mpf(1) / 2, 0, df / (df + x * x), regularized=True) / 2
    return tail if x > 0 else 1 - tail


def _chi2_cdf(x, df):
    return mp.gammainc(mp.mpf(df) / 2, 0, mp.mpf(x) / 2, regularized=True)


def _chi2_sf(x, df):
    return mp.gammainc(mp.mpf(df) / 2, mp.mpf(x) / 2, mp.inf, regularized=True)


EXACT = {
    "normal_cdf": lambda x: mp.ncdf(x),
    "normal_sf": lambda x: mp.ncdf(-mp.mpf(x)),
    "t_cdf": lambda x, df: _t_sf(-x, df),
    "t_sf": _t_sf,
    "chi2_cdf": _chi2_cdf,
    "chi2_sf": _chi2_sf,
}
INVERSE = {  # quantile tables: (the function whose root is sought, increasing?)
    "normal_ppf": ("normal_cdf", None),
    "t_ppf": ("t_cdf", None),
    "chi2_ppf": ("chi2_cdf", None),
}


def _close(a, b, rel=1e-12):
    return abs(a - b) <= rel * abs(b) or (b == 0 and abs(a) < 1e-300)


def _solve(name, p, df):
    """The quantile at p by bisection in mpmath (log scale in the tails)."""
    f = EXACT[INVERSE[name][0]]
    g = (lambda x: f(x)) if df is None else (lambda x: f(x, df))
    p = mp.mpf(p)
    lo, hi = (mp.mpf(10) ** -330, mp.mpf(1)) if name == "chi2_ppf" else (mp.mpf(-1), mp.mpf(1))
    if name == "chi2_ppf" and g(lo) > p:
        return 0.0  # below the smallest Double
    while g(lo) > p:
        lo *= 2
        if lo < -mp.mpf(10) ** 310:
            return float("-inf")
    while g(hi) < p:
        hi *= 2
        if hi > mp.mpf(10) ** 310:
            return float("inf")
    for _ in range(400):
        same_sign = lo * hi > 0 and (hi / lo > 4 or lo / hi > 4)
        mid = (mp.sign(hi) * mp.sqrt(lo * hi)) if same_sign else (lo + hi) / 2
        if g(mid) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo <= mp.mpf(10) ** -18 * max(1, abs(hi)):
            break
    return float((lo + hi) / 2)


def verified(tables_: dict) -> dict:
    """The tables with scipy values replaced where mpmath shows them wrong."""
    out: dict = {"scipy_overrides": []}
    for name, rows in tables_.items():
        print(f"verifying {name} ({len(rows)} rows)", file=sys.stderr, flush=True)
        fixed = []
        for row in rows:
            *args, value = row
            if name in EXACT and value in (0.0, 1.0) or (name in EXACT and 0 < value < 1e-280):
                good, ok = value, True  # saturated or near underflow: mpmath would crawl; kept as is
            elif name in EXACT:
                try:
                    exact = EXACT[name](*args)
                except ValueError:  # mpmath cannot resolve it (a value far below 1e-300)
                    exact = mp.mpf(value)
                good = float(exact)
                ok = _close(mp.mpf(value), exact) or abs(value - good) == 0
            else:
                p, df = args[0], (args[1] if len(args) > 1 else None)
                check = EXACT[INVERSE[name][0]]
                try:
                    ok = value not in (float("inf"), float("-inf")) and _close(
                        (check(value) if df is None else check(value, df)), mp.mpf(p), 1e-9)
                except ValueError:
                    ok = True
                good = value if ok else _solve(name, p, df)
            if not ok and good != value:
                print("  scipy override:", name, args, value, "->", good, file=sys.stderr, flush=True)
                out["scipy_overrides"].append([name, *args, value, good if abs(good) < float("inf") else repr(good)])
            if good in (float("inf"), float("-inf")) or good != good:
                continue  # beyond Double: not a testable value
            fixed.append([*args, good])
        out[name] = fixed
    return out
