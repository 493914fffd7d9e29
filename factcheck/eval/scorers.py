"""One small scorer per claim metric: each returns its figure and the cases that explain it
(the shape of pydantic_evals' evaluators: a value plus its reasons)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations

from factcheck.eval.dataset import LocatedAttribution, LocatedQuantity
from factcheck.eval.gold import GoldQuantity
from factcheck.eval.matching import (
    FUZZY_STATEMENT_MIN,
    Matching,
    intervals_compatible,
    overlap,
    same_unit,
    statement_similarity,
)
from factcheck.eval.metrics import PRF, Accuracy, Area, Case, accuracy, case, prf
from factcheck.schemas import AttributionClaim, QuantityClaim


def score_quantities(m: Matching) -> tuple[PRF, list[Case]]:
    """Matched / predicted and matched / gold; every miss says why the nearest prediction failed."""
    cases: list[Case] = []
    hit_p, hit_g = {p for p, _ in m.q_pairs}, {g for _, g in m.q_pairs}
    for g, item in enumerate(m.loaded.quantities):
        if g not in hit_g:
            detail = f"{item.gold.quantity_text!r} = {interval_text(item.gold)}"
            detail += f" ({item.gold.measured})" + _near_quantity(item, m.preds_q, hit_p)
            cases.append(case(Area.QUANTITY, "miss", [item.ref], [item.evidence.text], detail))
    for p, claim in enumerate(m.preds_q):
        if p not in hit_p:
            detail = f"{claim.raw!r} = {interval_text(claim)} ({claim.measured})"
            ev = [claim.evidence.text]
            cases.append(case(Area.QUANTITY, "false_alarm", [], ev, detail, [claim.id]))
    n = len(m.q_pairs)
    return prf(n, len(m.preds_q) - n, len(m.loaded.quantities) - n), cases


def score_measured(
    matched: Sequence[tuple[QuantityClaim, LocatedQuantity]], group_of: Mapping[str, str]
) -> tuple[PRF, list[Case]]:
    """Pairwise alignment over matched claims from different articles: right when the system
    puts the two in one align group iff their gold topics are equal. A claim absent from
    ``group_of`` is alone in its group."""
    tp = fp = fn = 0
    cases: list[Case] = []
    for (p1, g1), (p2, g2) in combinations(matched, 2):
        if p1.article_id == p2.article_id:
            continue
        group = group_of.get(p1.id)
        same_sys = group is not None and group == group_of.get(p2.id)
        same_gold = g1.gold.topic == g2.gold.topic
        tp += same_sys and same_gold
        fp += same_sys and not same_gold
        fn += same_gold and not same_sys
        if same_sys != same_gold:
            detail = f"gold topics {g1.gold.topic!r}/{g2.gold.topic!r}; system measured "
            detail += f"{p1.measured!r}/{p2.measured!r}"
            outcome = "false_alarm" if same_sys else "miss"
            refs, ev = [g1.ref, g2.ref], [g1.evidence.text, g2.evidence.text]
            cases.append(case(Area.MEASURED, outcome, refs, ev, detail, [p1.id, p2.id]))
    return prf(tp, fp, fn), cases


def score_attributions(m: Matching) -> tuple[PRF, list[Case]]:
    """A right statement with the wrong speaker is a false alarm and a miss."""
    cases: list[Case] = []
    hit_p, hit_g = {p for p, _ in m.a_pairs}, {g for _, g in m.a_pairs}
    for g, att in enumerate(m.loaded.attributions):
        if g not in hit_g:
            detail = f"gold speaker {att.gold.speaker!r}, {att.gold.channel.value}"
            detail += _near_attribution(att, m.preds_a)
            cases.append(case(Area.ATTRIBUTION, "miss", [att.ref], [att.span.text], detail))
    for p, pred in enumerate(m.preds_a):
        if p not in hit_p:
            detail = f"speaker {pred.speaker!r}, {pred.channel.value}"
            ev = [pred.statement]
            cases.append(case(Area.ATTRIBUTION, "false_alarm", [], ev, detail, [pred.id]))
    n = len(m.a_pairs)
    return prf(n, len(m.preds_a) - n, len(m.loaded.attributions) - n), cases


def score_channel(m: Matching) -> tuple[Accuracy, list[Case]]:
    """Channel accuracy over matched attributions only."""
    cases: list[Case] = []
    correct = 0
    for pred, att in m.matched_attributions:
        correct += pred.channel == att.gold.channel
        if pred.channel != att.gold.channel:
            detail = f"predicted {pred.channel.value}, gold {att.gold.channel.value}"
            ev = [att.span.text]
            cases.append(case(Area.CHANNEL, "wrong", [att.ref], ev, detail, [pred.id]))
    return accuracy(correct, len(m.a_pairs)), cases


def interval_text(q: QuantityClaim | GoldQuantity) -> str:
    low = "-inf" if q.low is None else f"{q.low:g}"
    high = "inf" if q.high is None else f"{q.high:g}"
    return f"[{low}, {high}] {q.unit}" + (f" {q.rate}" if q.rate else "")


def _near_quantity(item: LocatedQuantity, preds: Sequence[QuantityClaim], used: set[int]) -> str:
    """Why the first prediction overlapping the gold quantity text did not match it."""
    for p, claim in enumerate(preds):
        ov = overlap(claim.quantity_span, item.span) or overlap(claim.evidence, item.span)
        if claim.article_id != item.article_id or not ov:
            continue
        if not same_unit(claim, item.gold):
            why = f"unit {claim.unit}/{claim.dimension.value}"
        elif not intervals_compatible(claim.low, claim.high, item.gold.low, item.gold.high):
            why = "interval incompatible"
        elif p in used:
            why = "matched another gold claim"
        else:
            continue
        return f"; nearest prediction {claim.raw!r} = {interval_text(claim)}: {why}"
    return ""


def _near_attribution(att: LocatedAttribution, preds: Sequence[AttributionClaim]) -> str:
    for pred in preds:
        if pred.article_id == att.article_id and (
            overlap(pred.statement_span, att.span)
            or statement_similarity(pred.statement, att.gold.statement) >= FUZZY_STATEMENT_MIN
        ):
            return f"; predicted speaker {pred.speaker!r}"
    return ""
