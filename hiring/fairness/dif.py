"""Differential item functioning of Passion Test statements: Mantel-Haenszel and the ETS classes.

Pure arithmetic on the stratified 2x2 counts the caller's query produces (`stats` re-exports it,
so the adverse-impact report has one module to import)."""

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from scipy import stats

# ETS runs its DIF tests at the 5 % level (Zwick 2012, ETS RR-12-08).
DIF_ALPHA = 0.05
# The ETS delta scale: -2.35 ln(odds ratio) (Holland & Thayer 1988).
DELTA_PER_LOG_ODDS = -2.35


@dataclass(frozen=True)
class DIF:
    """Mantel-Haenszel DIF for one statement. `odds_ratio` is alpha_MH: the reference group's
    odds of endorsing over the focal group's, at the same level of the trait. `delta` is on the
    ETS scale: negative when the focal group endorses less than matched reference people."""

    odds_ratio: float
    chi_square: float
    p_value: float
    delta: float
    delta_se: float
    ets_class: str
    strata: int
    n_reference: int
    n_focal: int

    @property
    def flagged(self) -> bool:
        """Class C: a statement to review (ETS uses a C item only when a review finds it
        essential, Zwick 2012)."""
        return self.ets_class == "C"


def mantel_haenszel(strata: Sequence[tuple[int, int, int, int]]) -> DIF | None:
    """Mantel-Haenszel DIF from strata (ref_endorsed, ref_not, focal_endorsed, focal_not).

    Strata lacking either group say nothing about the difference and are dropped. alpha_MH is
    sum(A D / N) / sum(B C / N); the chi-square has the continuity correction (Holland & Thayer
    1988); the variance of ln alpha_MH is Robins, Breslow and Greenland's (1986). None when no
    stratum is left or alpha_MH is 0 or infinite. That takes every stratum to be one-sided (the
    reference group never endorsing or the focal group always endorsing, or the reverse), which
    in practice means strata of a handful of people: too little data for an estimate, and an
    infinite odds ratio would claim a certainty they cannot give. The page says "not enough
    data" rather than inventing a value with a continuity correction.

    ETS classes (Zwick 2012, after Dorans & Holland 1993), at the 5 % level:
    A: |delta| < 1, or the MH chi-square is not significant. C: |delta| >= 1.5 and |delta| is
    significantly greater than 1, tested as Paek & Holland (2015) do (a non-central chi-square
    for the interval hypothesis |delta| <= 1). B: the rest.
    """
    r_sum = s_sum = pr = ps_qr = qs = observed = expected = variance = 0.0
    used = n_reference = n_focal = 0
    for stratum in strata:
        a, b, c, d = (int(x) for x in stratum)
        if min(a, b, c, d) < 0:
            raise ValueError(f"negative count in stratum {stratum}")
        if a + b == 0 or c + d == 0:
            continue
        n = a + b + c + d
        r, s, p, q = a * d / n, b * c / n, (a + d) / n, (b + c) / n
        r_sum, s_sum = r_sum + r, s_sum + s
        pr, ps_qr, qs = pr + p * r, ps_qr + p * s + q * r, qs + q * s
        observed += a
        expected += (a + b) * (a + c) / n
        variance += (a + b) * (c + d) * (a + c) * (b + d) / (n * n * (n - 1))
        used, n_reference, n_focal = used + 1, n_reference + a + b, n_focal + c + d
    if not used or r_sum == 0 or s_sum == 0 or variance == 0:
        return None
    odds_ratio = r_sum / s_sum
    chi_square = max(0.0, abs(observed - expected) - 0.5) ** 2 / variance
    p_value = float(stats.chi2.sf(chi_square, 1))
    var_log = pr / (2 * r_sum**2) + ps_qr / (2 * r_sum * s_sum) + qs / (2 * s_sum**2)
    delta = DELTA_PER_LOG_ODDS * math.log(odds_ratio)
    delta_se = abs(DELTA_PER_LOG_ODDS) * math.sqrt(var_log)
    return DIF(
        odds_ratio=odds_ratio,
        chi_square=chi_square,
        p_value=p_value,
        delta=delta,
        delta_se=delta_se,
        ets_class=_ets_class(delta, delta_se, p_value),
        strata=used,
        n_reference=n_reference,
        n_focal=n_focal,
    )


def _ets_class(delta: float, delta_se: float, p_value: float) -> str:
    if abs(delta) < 1 or p_value >= DIF_ALPHA:
        return "A"
    # P(|delta| this far out | |true delta| = 1): the non-central chi-square of Paek & Holland.
    beyond_one = stats.ncx2.sf((delta / delta_se) ** 2, 1, (1 / delta_se) ** 2)
    return "C" if abs(delta) >= 1.5 and beyond_one < DIF_ALPHA else "B"


def across_statements(results: dict) -> dict:
    """The same results classed again with their MH p-values adjusted by Benjamini and
    Hochberg across the statements screened for one group (Thissen, Steinberg and Kuang 2002
    recommend it for DIF): screening 48 statements at 5 % each would otherwise mark about
    two honest ones in every group, and a report with several groups would never be clean.
    None results stay None."""
    tested = sorted(
        ((key, dif) for key, dif in results.items() if dif is not None),
        key=lambda item: item[1].p_value,
    )
    adjusted, running, m = {}, 1.0, len(tested)
    for rank in range(m, 0, -1):  # step-up: the smallest adjusted p from the top down
        key, dif = tested[rank - 1]
        running = min(running, dif.p_value * m / rank)
        adjusted[key] = running
    out = dict(results)
    for key, dif in tested:
        p = adjusted[key]
        out[key] = replace(dif, p_value=p, ets_class=_ets_class(dif.delta, dif.delta_se, p))
    return out
