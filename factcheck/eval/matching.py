"""Match the system's claims to gold claims, per article and one-to-one.

Every other score reads the result: a predicted claim counts for the gold claim it matched,
so contradictions, updates and frames are judged through these matchings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from factcheck.eval.dataset import LoadedCluster, LocatedAttribution, LocatedQuantity
from factcheck.eval.gold import GoldQuantity
from factcheck.rules.speakers import same_entity
from factcheck.schemas import AttributionClaim, QuantityClaim, Report, Span

FUZZY_STATEMENT_MIN = 85.0
INTERVAL_REL_TOL = 0.01

SameSpeaker = Callable[[str, str], bool]
Bound = float | None
Candidate = tuple[tuple[float, float], int, int]


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def intervals_compatible(a_low: Bound, a_high: Bound, b_low: Bound, b_high: Bound) -> bool:
    """True when the intervals overlap (``None`` = unbounded), allowing INTERVAL_REL_TOL of the
    largest finite bound as slack for rounding ("2.2 million" vs 2,200,000.4)."""
    finite = [abs(x) for x in (a_low, a_high, b_low, b_high) if x is not None]
    slack = INTERVAL_REL_TOL * max(finite, default=0.0) + 1e-9
    lows = [x for x in (a_low, b_low) if x is not None]
    highs = [x for x in (a_high, b_high) if x is not None]
    return not lows or not highs or max(lows) <= min(highs) + slack


def same_unit(pred: QuantityClaim, gold: GoldQuantity) -> bool:
    return pred.dimension == gold.dimension and (
        pred.unit.strip().casefold() == gold.unit.strip().casefold()
    )


def statement_similarity(a: str, b: str) -> float:
    return float(fuzz.ratio(a, b, processor=utils.default_process))


def greedy(candidates: Iterable[Candidate]) -> list[tuple[int, int]]:
    """One-to-one matching, best key first; ties go to document order (lower indices)."""
    ordered = sorted(candidates, key=lambda c: (-c[0][0], -c[0][1], c[1], c[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _key, p, g in ordered:
        if p not in used_p and g not in used_g:
            used_p.add(p)
            used_g.add(g)
            pairs.append((p, g))
    return sorted(pairs, key=lambda pg: pg[1])


def match_quantities(
    predicted: Sequence[QuantityClaim], gold: Sequence[LocatedQuantity]
) -> list[tuple[int, int]]:
    """(predicted index, gold index) pairs, sorted by gold index. A candidate needs the same
    article, unit and dimension, compatible intervals, and its quantity span or its evidence
    overlapping the gold quantity text; greedy by quantity-span overlap, then evidence overlap."""
    candidates: list[Candidate] = []
    for p, claim in enumerate(predicted):
        for g, item in enumerate(gold):
            if claim.article_id != item.article_id or not same_unit(claim, item.gold):
                continue
            q_ov = overlap(claim.quantity_span, item.span)
            e_ov = overlap(claim.evidence, item.span)
            compatible = intervals_compatible(claim.low, claim.high, item.gold.low, item.gold.high)
            if (q_ov or e_ov) and compatible:
                candidates.append(((q_ov, e_ov), p, g))
    return greedy(candidates)


def match_attributions(
    predicted: Sequence[AttributionClaim],
    gold: Sequence[LocatedAttribution],
    same_speaker: SameSpeaker = same_entity,
) -> list[tuple[int, int]]:
    """A candidate needs the same article, its statement span overlapping the gold statement
    (or a fuzzy ratio >= 85) and a speaker compatible with the gold canonical speaker; greedy by
    span overlap, then similarity."""
    candidates: list[Candidate] = []
    for p, claim in enumerate(predicted):
        for g, item in enumerate(gold):
            if claim.article_id != item.article_id or not claim.speaker:
                continue
            ov = overlap(claim.statement_span, item.span)
            sim = statement_similarity(claim.statement, item.gold.statement)
            if (ov or sim >= FUZZY_STATEMENT_MIN) and same_speaker(
                claim.speaker, item.gold.speaker
            ):
                candidates.append(((ov, sim), p, g))
    return greedy(candidates)


@dataclass(frozen=True)
class Matching:
    """One cluster's predictions and how they matched the gold (what every scorer reads)."""

    loaded: LoadedCluster
    report: Report
    preds_q: list[QuantityClaim]
    preds_a: list[AttributionClaim]
    q_pairs: list[tuple[int, int]]  # (index in preds_q, index in loaded.quantities)
    a_pairs: list[tuple[int, int]]

    @property
    def matched_quantities(self) -> list[tuple[QuantityClaim, LocatedQuantity]]:
        return [(self.preds_q[p], self.loaded.quantities[g]) for p, g in self.q_pairs]

    @property
    def matched_attributions(self) -> list[tuple[AttributionClaim, LocatedAttribution]]:
        return [(self.preds_a[p], self.loaded.attributions[g]) for p, g in self.a_pairs]

    @property
    def to_gold(self) -> dict[str, str]:
        """Predicted claim id -> the gold ref it matched."""
        out = {p.id: g.ref for p, g in self.matched_quantities}
        return out | {p.id: g.ref for p, g in self.matched_attributions}


def match_claims(
    loaded: LoadedCluster, report: Report, same_speaker: SameSpeaker = same_entity
) -> Matching:
    ids = {a.id for a in loaded.articles}
    preds_q = [c for c in report.claims if isinstance(c, QuantityClaim) and c.article_id in ids]
    preds_a = [c for c in report.claims if isinstance(c, AttributionClaim) and c.article_id in ids]
    q_pairs = match_quantities(preds_q, loaded.quantities)
    a_pairs = match_attributions(preds_a, loaded.attributions, same_speaker)
    return Matching(loaded, report, preds_q, preds_a, q_pairs, a_pairs)
