"""Can two figures about the same thing both be true? Hedges, rounding and severity.

Hedges become intervals ("almost 10,000" is 9,000-10,000). Two exact counts that differ
conflict, however close ("128 seats" vs "129 seats"): rounding is forgiven only where a side
is written rounder than the other ("three hours" for 2 h 55 min; "130" for 129), and never by
more than a tenth of the figure. Hedged figures keep a small relative tolerance.
"""

from __future__ import annotations

from collections.abc import Iterable

from factcheck.schemas import Hedge, QuantityClaim, Severity

# Gap between two hedged intervals, relative to the larger value, that we still forgive.
REL_TOLERANCE = 0.03
# A round figure stands for its neighbours up to half its rounding step, capped here.
MAX_ROUNDING = 0.10


def interval_gap(a: QuantityClaim, b: QuantityClaim) -> float:
    """Distance between the two intervals (0 when they overlap); None bounds are open."""
    if a.high is not None and b.low is not None and a.high < b.low:
        return b.low - a.high
    if b.high is not None and a.low is not None and b.high < a.low:
        return a.low - b.high
    return 0.0


def rounding_tolerance(a: QuantityClaim, b: QuantityClaim) -> float:
    """Half the step of the coarser figure, when it is coarser than the other one."""
    sa, sb = a.rounding or 0.0, b.rounding or 0.0
    if max(sa, sb) <= min(sa, sb) * (1 + 1e-9):
        return 0.0  # written with the same precision: "128" vs "129" are two different counts
    coarse = a if sa > sb else b
    if coarse.hedge is not Hedge.EXACT:
        return 0.0  # "almost 10,000": the hedge already says how loose the figure is
    if coarse.unit != "minute" and abs(coarse.value) < 100 and max(sa, sb) >= 1:
        return 0.0  # "40 seats" is a count, not a rounded "about 40" (but 7.5 may be 7.46)
    return min(max(sa, sb) / 2, MAX_ROUNDING * abs(coarse.value))


def conflicting(a: QuantityClaim, b: QuantityClaim) -> bool:
    magnitude = max(abs(a.value), abs(b.value))
    if magnitude == 0:
        return False
    rounding = rounding_tolerance(a, b)
    if a.hedge is Hedge.EXACT and b.hedge is Hedge.EXACT:
        return abs(a.value - b.value) > max(rounding, 1e-9 * magnitude)
    return interval_gap(a, b) > max(REL_TOLERANCE * magnitude, rounding)


def severity_of(pairs: Iterable[tuple[QuantityClaim, QuantityClaim]]) -> Severity:
    worst = 0.0
    for a, b in pairs:
        worst = max(worst, abs(a.value - b.value) / max(abs(a.value), abs(b.value)))
    if worst >= 0.35:
        return Severity.HIGH
    if worst >= 0.15:
        return Severity.MEDIUM
    return Severity.LOW
