"""Reference values for StatisticsTests, computed with SciPy (and NumPy for Holm, which SciPy lacks).

Run: python3 scipy_reference.py QUERIES   -- one query per line, `kind arg ...`, a list as comma-separated
numbers; prints one line per query, the results as Python reprs (shortest round-trip decimals) separated by
spaces, so the Swift side reads back every bit.
"""
import math
import sys

import numpy as np
from scipy import special, stats


def floats(text):
    return [float(v) for v in text.split(",")] if text else []


def holm(p):
    """Holm (1979), written out: adjusted p_(i) = max_{j<=i} min(1, (m-j+1) p_(j)), in input order."""
    p = np.asarray(p, dtype=float)
    m = len(p)
    order = np.argsort(p, kind="stable")
    steps = np.minimum(1.0, (m - np.arange(m)) * p[order])
    adjusted = np.empty(m)
    adjusted[order] = np.maximum.accumulate(steps)
    return list(adjusted)


def power(delta, n, alpha):
    """1 - nct.cdf(c, n-1, delta sqrt(n)) + nct.cdf(-c, n-1, delta sqrt(n)), c = t.ppf(1 - alpha/2, n-1).

    The second term is taken as nct.sf(c, n-1, -delta sqrt(n)), the same probability by symmetry, because SciPy
    1.17's nct.cdf returns nan far in the lower tail (e.g. nct.cdf(-1.98, 99, 10)) where nct.sf returns 0.
    """
    n = np.asarray(n, dtype=float)
    c = stats.t.ppf(1 - alpha / 2, n - 1)
    ncp = delta * np.sqrt(n)
    return 1 - stats.nct.cdf(c, n - 1, ncp) + stats.nct.sf(c, n - 1, -ncp)


def seeds_needed(delta, alpha, target, cap):
    """The smallest n in 2...cap with power >= target, or 0 for none."""
    if delta == 0:
        return 0
    n = np.arange(2, cap + 1)
    hits = np.nonzero(power(abs(delta), n, alpha) >= target)[0]
    return int(n[hits[0]]) if len(hits) else 0


def answer(kind, args):
    if kind == "lgamma":
        return [special.gammaln(float(args[0]))]
    if kind == "betainc":  # a b x
        return [special.betainc(float(args[0]), float(args[1]), float(args[2]))]
    if kind == "beta_ppf":  # q a b
        return [stats.beta.ppf(float(args[0]), float(args[1]), float(args[2]))]
    if kind == "t_cdf":  # t df
        return [stats.t.cdf(float(args[0]), float(args[1]))]
    if kind == "t_ppf":  # p df
        return [stats.t.ppf(float(args[0]), float(args[1]))]
    if kind == "norm_cdf":
        return [stats.norm.cdf(float(args[0]))]
    if kind == "norm_ppf":
        return [stats.norm.ppf(float(args[0]))]
    if kind == "binom_pmf":  # k n p
        return [stats.binom.pmf(int(args[0]), int(args[1]), float(args[2]))]
    if kind == "binom_cdf":  # k n p
        return [stats.binom.cdf(int(args[0]), int(args[1]), float(args[2]))]
    if kind == "binom_sf":  # k n p
        return [stats.binom.sf(int(args[0]), int(args[1]), float(args[2]))]
    if kind == "binomtest":  # k n p
        return [stats.binomtest(int(args[0]), int(args[1]), float(args[2])).pvalue]
    if kind == "mcnemar":  # b c
        b, c = int(args[0]), int(args[1])
        return [1.0 if b + c == 0 else stats.binomtest(b, b + c, 0.5).pvalue]
    if kind == "clopper_pearson":  # k n level: binomtest's interval, and the same bounds from beta.ppf / beta.isf
        k, n, level = int(args[0]), int(args[1]), float(args[2])
        ci = stats.binomtest(k, n).proportion_ci(confidence_level=level, method="exact")
        a = (1 - level) / 2
        low = 0.0 if k == 0 else stats.beta.ppf(a, k, n - k + 1)
        high = 1.0 if k == n else stats.beta.isf(a, k + 1, n - k)
        return [ci.low, ci.high, low, high]
    if kind == "summary":  # level values: n mean sd low high (t.interval)
        level, x = float(args[0]), np.array(floats(args[1]))
        n, mean, sd = len(x), np.mean(x), np.std(x, ddof=1)
        low, high = stats.t.interval(level, n - 1, loc=mean, scale=sd / math.sqrt(n))
        return [n, mean, sd, low, high]
    if kind == "paired":  # level baseline candidate: mean sd low high p_t p_signflip
        level, base, cand = float(args[0]), np.array(floats(args[1])), np.array(floats(args[2]))
        d = cand - base
        n, mean, sd = len(d), np.mean(d), np.std(d, ddof=1)
        low, high = stats.t.interval(level, n - 1, loc=mean, scale=sd / math.sqrt(n))
        p_t = stats.ttest_rel(cand, base).pvalue
        p_flip = stats.permutation_test((d,), lambda x, axis: np.mean(x, axis=axis), vectorized=True,
                                        permutation_type="samples", n_resamples=np.inf,
                                        alternative="two-sided").pvalue
        return [mean, sd, low, high, p_t, p_flip]
    if kind == "signflip":  # differences
        d = np.array(floats(args[0]))
        return [stats.permutation_test((d,), lambda x, axis: np.mean(x, axis=axis), vectorized=True,
                                       permutation_type="samples", n_resamples=np.inf,
                                       alternative="two-sided").pvalue]
    if kind == "holm":
        return holm(floats(args[0]))
    if kind == "nct_cdf":  # t df nc
        return [stats.nct.cdf(float(args[0]), float(args[1]), float(args[2]))]
    if kind == "power":  # delta n alpha
        return [float(power(float(args[0]), int(args[1]), float(args[2])))]
    if kind == "seeds_needed":  # delta alpha target cap
        return [seeds_needed(float(args[0]), float(args[1]), float(args[2]), int(args[3]))]
    raise SystemExit(f"unknown query {kind!r}")


def main():
    with open(sys.argv[1]) as queries:
        for line in queries:
            fields = line.split()
            if fields:
                print(" ".join(repr(float(v)) for v in answer(fields[0], fields[1:])))


if __name__ == "__main__":
    main()
