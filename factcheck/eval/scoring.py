"""Pure scoring of a pipeline ``Report`` against a located gold cluster (no I/O, no printing).

Every score is micro-averaged: per cluster we count true positives, false positives and false
negatives; the overall score sums those counts over clusters before dividing, so a cluster with
many claims weighs more than one with few. ``evals/README.md`` gives the definitions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import combinations

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, utils

from factcheck.eval.dataset import (
    LoadedCluster,
    LocatedAttribution,
    LocatedQuantity,
    Pair,
    gold_conflict_pairs,
    gold_must_not_pairs,
)
from factcheck.eval.gold import GoldQuantity
from factcheck.rules.speakers import same_entity
from factcheck.schemas import AttributionClaim, QuantityClaim, Report, Span

FUZZY_STATEMENT_MIN = 85.0
INTERVAL_REL_TOL = 0.01

SameSpeaker = Callable[[str, str], bool]
Bound = float | None


class _Score(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PRF(_Score):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    precision: float = 1.0
    recall: float = 1.0
    f1: float = 1.0


def prf(tp: int, fp: int, fn: int) -> PRF:
    """P/R/F1 with explicit empty-set conventions: nothing predicted -> precision 1.0; nothing
    to find -> recall 1.0; F1 is 1.0 when there was nothing to find and nothing predicted,
    0.0 when there is no hit but something was predicted or missed."""
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    if tp:
        f1 = 2 * precision * recall / (precision + recall)
    else:
        f1 = 1.0 if fp == 0 and fn == 0 else 0.0
    return PRF(tp=tp, fp=fp, fn=fn, precision=precision, recall=recall, f1=f1)


class Accuracy(_Score):
    correct: int = 0
    total: int = 0
    value: float = 1.0  # 1.0 when there is nothing to judge


def accuracy(correct: int, total: int) -> Accuracy:
    return Accuracy(correct=correct, total=total, value=correct / total if total else 1.0)


class Case(_Score):
    """One miss, false alarm or wrong label, with the evidence a reader needs to judge it."""

    area: str  # quantity | measured | attribution | channel | contradiction | must_not_flag
    outcome: str  # miss | false_alarm | wrong
    refs: list[str]  # gold refs '<article_id>:<claim_id>'
    predicted: list[str] = []  # ids of the system's claims (same shape, other namespace)
    evidence: list[str]
    detail: str = ""


class Scores(_Score):
    quantity: PRF = PRF()
    measured: PRF = PRF()
    attribution: PRF = PRF()
    channel: Accuracy = Accuracy()
    contradiction: PRF = PRF()
    must_not_flag_false_alarms: int = 0

    def metrics(self) -> dict[str, float]:
        """Flat ``name -> value`` view used by the baseline gate."""
        out: dict[str, float] = {}
        for name in ("quantity", "measured", "attribution", "contradiction"):
            score: PRF = getattr(self, name)
            out |= {f"{name}.precision": score.precision, f"{name}.recall": score.recall}
            out[f"{name}.f1"] = score.f1
        out["channel.accuracy"] = self.channel.value
        out["must_not_flag.false_alarms"] = float(self.must_not_flag_false_alarms)
        return out


class ClusterScore(_Score):
    cluster: str
    scores: Scores
    cases: list[Case]


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


Candidate = tuple[tuple[float, float], int, int]


def _greedy(candidates: Iterable[Candidate]) -> list[tuple[int, int]]:
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
    return _greedy(candidates)


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
    return _greedy(candidates)


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
            cases.append(_case("measured", outcome, refs, ev, detail, [p1.id, p2.id]))
    return prf(tp, fp, fn), cases


def score_cluster(
    loaded: LoadedCluster,
    report: Report,
    group_of: Mapping[str, str] | None = None,
    same_speaker: SameSpeaker = same_entity,
) -> ClusterScore:
    """Score one cluster. ``group_of`` maps predicted claim ids to the system's align group."""
    ids = {a.id for a in loaded.articles}
    preds_q = [c for c in report.claims if isinstance(c, QuantityClaim) and c.article_id in ids]
    preds_a = [c for c in report.claims if isinstance(c, AttributionClaim) and c.article_id in ids]
    q_pairs = match_quantities(preds_q, loaded.quantities)
    a_pairs = match_attributions(preds_a, loaded.attributions, same_speaker)
    cases: list[Case] = []

    hit_p, hit_g = {p for p, _ in q_pairs}, {g for _, g in q_pairs}
    for g, item in enumerate(loaded.quantities):
        if g not in hit_g:
            detail = f"{item.gold.quantity_text!r} = {_interval(item.gold)} ({item.gold.measured})"
            detail += _near_quantity(item, preds_q, hit_p)
            cases.append(_case("quantity", "miss", [item.ref], [item.evidence.text], detail))
    for p, claim in enumerate(preds_q):
        if p not in hit_p:
            detail = f"{claim.raw!r} = {_interval(claim)} ({claim.measured})"
            cases.append(
                _case("quantity", "false_alarm", [], [claim.evidence.text], detail, [claim.id])
            )
    q_score = prf(len(q_pairs), len(preds_q) - len(q_pairs), len(loaded.quantities) - len(q_pairs))
    matched_q = [(preds_q[p], loaded.quantities[g]) for p, g in q_pairs]
    measured, measured_cases = score_measured(matched_q, group_of or {})
    cases += measured_cases

    hit_p, hit_g = {p for p, _ in a_pairs}, {g for _, g in a_pairs}
    for g, att in enumerate(loaded.attributions):
        if g not in hit_g:
            detail = f"gold speaker {att.gold.speaker!r}, {att.gold.channel.value}"
            detail += _near_attribution(att, preds_a)
            cases.append(_case("attribution", "miss", [att.ref], [att.span.text], detail))
    for p, pred in enumerate(preds_a):
        if p not in hit_p:
            detail = f"speaker {pred.speaker!r}, {pred.channel.value}"
            cases.append(
                _case("attribution", "false_alarm", [], [pred.statement], detail, [pred.id])
            )
    a_score = prf(
        len(a_pairs), len(preds_a) - len(a_pairs), len(loaded.attributions) - len(a_pairs)
    )
    correct = 0
    for p, g in a_pairs:
        pred, att = preds_a[p], loaded.attributions[g]
        correct += pred.channel == att.gold.channel
        if pred.channel != att.gold.channel:
            detail = f"predicted {pred.channel.value}, gold {att.gold.channel.value}"
            cases.append(_case("channel", "wrong", [att.ref], [att.span.text], detail, [pred.id]))

    to_gold = {preds_q[p].id: loaded.quantities[g].ref for p, g in q_pairs}
    to_gold |= {preds_a[p].id: loaded.attributions[g].ref for p, g in a_pairs}
    c_score, false_alarms, c_cases = score_contradictions(loaded, report, to_gold)
    scores = Scores(
        quantity=q_score,
        measured=measured,
        attribution=a_score,
        channel=accuracy(correct, len(a_pairs)),
        contradiction=c_score,
        must_not_flag_false_alarms=false_alarms,
    )
    return ClusterScore(cluster=loaded.id, scores=scores, cases=cases + c_cases)


def score_contradictions(
    loaded: LoadedCluster, report: Report, to_gold: Mapping[str, str]
) -> tuple[PRF, int, list[Case]]:
    """Predicted contradictions -> the pairs they assert -> gold-ref pairs through the claim
    matchings. A contradiction asserts every cross-article pair of claims from different groups
    (sides); one that puts all its claims in one group asserts all its cross-article pairs.
    Each distinct pair counts once, however many contradictions repeat it; a pair with a claim
    that matches no gold claim is a false positive.
    Returns (P/R/F1, must-not-flag pairs flagged, cases)."""
    gold = gold_conflict_pairs(loaded.gold)
    must_not = gold_must_not_pairs(loaded.gold)
    ids = {a.id for a in loaded.articles}
    found: set[Pair] = set()
    wrong: dict[Pair, tuple[list[str], str, list[str], bool]] = {}
    for con in report.contradictions:
        mine = [r for r in con.claims if r.article_id in ids]
        sided = len({r.group for r in con.claims}) > 1
        for r1, r2 in combinations(mine, 2):
            if r1.article_id == r2.article_id or (sided and r1.group == r2.group):
                continue
            m = _pair(to_gold, r1.claim_id, r2.claim_id)
            if m in gold:
                found.add(m)
                continue
            # Predicted ids look like gold refs: keep the two namespaces apart.
            key = m if m is not None else frozenset(("pred " + r1.claim_id, "pred " + r2.claim_id))
            why = f"{con.kind.value}: {con.explanation}"
            ev = [r1.evidence.text, r2.evidence.text]
            wrong.setdefault(key, (ev, why, [r1.claim_id, r2.claim_id], m is not None))
    cases: list[Case] = []
    for pair in sorted(gold.keys() - found, key=sorted):
        ev = [loaded.evidence_of(r) for r in sorted(pair)]
        cases.append(_case("contradiction", "miss", sorted(pair), ev, f"gold {gold[pair]}"))
    alarms = 0
    for key, (ev, why, predicted, in_gold) in sorted(wrong.items(), key=lambda kv: sorted(kv[0])):
        reason = must_not.get(key) if in_gold else None
        alarms += reason is not None
        why += f" | must not flag: {reason}" if reason else ""
        why += "" if in_gold else " | claim(s) not in gold"
        area = "must_not_flag" if reason else "contradiction"
        refs = sorted(key) if in_gold else []
        cases.append(_case(area, "false_alarm", refs, ev, why, predicted))
    return prf(len(found), len(wrong), len(gold) - len(found)), alarms, cases


def _pair(to_gold: Mapping[str, str], a: str, b: str) -> Pair | None:
    ga, gb = to_gold.get(a), to_gold.get(b)
    return None if ga is None or gb is None else frozenset((ga, gb))


def sum_scores(items: Iterable[Scores]) -> Scores:
    """Micro-average: add every cluster's counts, then recompute the ratios."""
    items = list(items)

    def total(name: str) -> PRF:
        parts: list[PRF] = [getattr(s, name) for s in items]
        return prf(sum(x.tp for x in parts), sum(x.fp for x in parts), sum(x.fn for x in parts))

    right, judged = sum(s.channel.correct for s in items), sum(s.channel.total for s in items)
    return Scores(
        quantity=total("quantity"),
        measured=total("measured"),
        attribution=total("attribution"),
        channel=accuracy(right, judged),
        contradiction=total("contradiction"),
        must_not_flag_false_alarms=sum(s.must_not_flag_false_alarms for s in items),
    )


def _case(
    area: str, outcome: str, refs: list[str], ev: list[str], detail: str, pred: Sequence[str] = ()
) -> Case:
    return Case(
        area=area, outcome=outcome, refs=refs, predicted=[*pred], evidence=ev, detail=detail
    )


def _interval(q: QuantityClaim | GoldQuantity) -> str:
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
        return f"; nearest prediction {claim.raw!r} = {_interval(claim)}: {why}"
    return ""


def _near_attribution(att: LocatedAttribution, preds: Sequence[AttributionClaim]) -> str:
    for pred in preds:
        if pred.article_id == att.article_id and (
            overlap(pred.statement_span, att.span)
            or statement_similarity(pred.statement, att.gold.statement) >= FUZZY_STATEMENT_MIN
        ):
            return f"; predicted speaker {pred.speaker!r}"
    return ""
