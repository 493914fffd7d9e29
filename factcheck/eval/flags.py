"""Score what the report flags: contradictions (confident = the default report; possible ones
reported apart), updates of running tallies, and must-not-flag false alarms.

A flag (a ``Contradiction`` or an ``Update``) asserts every pair of its claims that come from
different articles and different groups (sides); one whose claims all carry one group asserts
all its cross-article pairs. Each predicted claim is mapped to the gold claim it matched, so an
asserted pair becomes an unordered pair of gold refs; a pair repeated by several flags counts
once, and a pair with a claim that matched no gold claim is a false positive.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations

from factcheck.eval.dataset import LoadedCluster
from factcheck.eval.goldpairs import (
    Pair,
    gold_acceptable_pairs,
    gold_conflict_pairs,
    gold_must_not_pairs,
    gold_update_pairs,
)
from factcheck.eval.metrics import PRF, Area, Case, case, prf
from factcheck.schemas import Certainty, ClaimRef, Report


@dataclass(frozen=True)
class Asserted:
    """One asserted pair: gold refs when both claims matched gold claims, else predicted ids."""

    in_gold: bool
    evidence: list[str]
    why: str
    predicted: list[str]


def asserted_pairs(
    flags: Iterable[tuple[list[ClaimRef], str]], ids: set[str], to_gold: Mapping[str, str]
) -> dict[Pair, Asserted]:
    out: dict[Pair, Asserted] = {}
    for claims, why in flags:
        mine = [r for r in claims if r.article_id in ids]
        sided = len({r.group for r in claims}) > 1
        for r1, r2 in combinations(mine, 2):
            if r1.article_id == r2.article_id or (sided and r1.group == r2.group):
                continue
            g1, g2 = to_gold.get(r1.claim_id), to_gold.get(r2.claim_id)
            in_gold = g1 is not None and g2 is not None
            # Predicted ids look like gold refs: keep the two namespaces apart.
            key = (
                frozenset((g1, g2))
                if g1 and g2
                else frozenset(("pred " + r1.claim_id, "pred " + r2.claim_id))
            )
            ev = [r1.evidence.text, r2.evidence.text]
            out.setdefault(key, Asserted(in_gold, ev, why, [r1.claim_id, r2.claim_id]))
    return out


@dataclass
class FlagScores:
    contradiction: PRF
    contradiction_with_possible: PRF
    update: PRF
    must_not_flag_false_alarms: int
    updates_flagged_as_contradictions: int
    cases: list[Case] = field(default_factory=list)


def score_flags(loaded: LoadedCluster, report: Report, to_gold: Mapping[str, str]) -> FlagScores:
    gold_c, gold_u = gold_conflict_pairs(loaded.gold), gold_update_pairs(loaded.gold)
    must_not, ok = gold_must_not_pairs(loaded.gold), gold_acceptable_pairs(loaded.gold)
    ids = {a.id for a in loaded.articles}
    confident = [c for c in report.contradictions if c.certainty == Certainty.CONFIDENT]
    possible = [c for c in report.contradictions if c.certainty != Certainty.CONFIDENT]
    flagged = asserted_pairs(
        ((c.claims, f"{c.kind.value}: {c.explanation}") for c in confident), ids, to_gold
    )
    maybe = asserted_pairs(
        ((c.claims, f"possible {c.kind.value}: {c.explanation}") for c in possible), ids, to_gold
    )
    maybe = {k: v for k, v in maybe.items() if k not in flagged}
    updates = asserted_pairs(
        ((u.claims, f"update: {u.explanation}") for u in report.updates), ids, to_gold
    )
    cases: list[Case] = []
    alarms: set[Pair] = set()

    # Contradictions (the default report).
    for pair in _sorted(gold_c.keys() - flagged.keys()):
        ev = [loaded.evidence_of(r) for r in sorted(pair)]
        hidden = " (reported only as a possible contradiction)" if pair in maybe else ""
        cases.append(
            case(Area.CONTRADICTION, "miss", sorted(pair), ev, f"gold {gold_c[pair]}{hidden}")
        )
    wrong_c = [k for k in flagged if k not in gold_c and k not in ok]
    for key in _sorted(wrong_c):
        item = flagged[key]
        why = item.why
        if key in gold_u:
            why += f" | an update of a running tally, not a contradiction ({gold_u[key]})"
        area = _area_for(key, item, must_not, Area.CONTRADICTION, alarms)
        why += f" | must not flag: {must_not[key]}" if area == Area.MUST_NOT_FLAG else ""
        cases.append(_alarm(area, key, item, why))
    tp_c = len(flagged.keys() & gold_c.keys())
    contradiction = prf(tp_c, len(wrong_c), len(gold_c) - tp_c)

    # Updates.
    for pair in _sorted(gold_u.keys() - updates.keys()):
        ev = [loaded.evidence_of(r) for r in sorted(pair)]
        how = " | reported as a contradiction" if pair in flagged else ""
        how += " | reported as a possible contradiction" if pair in maybe else ""
        cases.append(
            case(Area.UPDATE, "miss", sorted(pair), ev, f"gold update {gold_u[pair]}{how}")
        )
    wrong_u = [k for k in updates if k not in gold_u and k not in ok]
    for key in _sorted(wrong_u):
        item = updates[key]
        why = item.why + (" | a contradiction reported as an update" if key in gold_c else "")
        area = _area_for(key, item, must_not, Area.UPDATE, alarms)
        why += f" | must not flag: {must_not[key]}" if area == Area.MUST_NOT_FLAG else ""
        cases.append(_alarm(area, key, item, why))
    tp_u = len(updates.keys() & gold_u.keys())
    update = prf(tp_u, len(wrong_u), len(gold_u) - tp_u)

    # What --show possible would add: reported, not gated.
    for key in _sorted(maybe):
        item = maybe[key]
        if key in gold_c:
            cases.append(
                case(Area.POSSIBLE, "hit", sorted(key), item.evidence, item.why, item.predicted)
            )
        elif key not in ok:
            why = item.why + (f" | must not flag: {must_not[key]}" if key in must_not else "")
            cases.append(_alarm(Area.POSSIBLE, key, item, why))
    every = flagged | maybe
    tp_all = len(every.keys() & gold_c.keys())
    fp_all = sum(1 for k in every if k not in gold_c and k not in ok)
    return FlagScores(
        contradiction=contradiction,
        contradiction_with_possible=prf(tp_all, fp_all, len(gold_c) - tp_all),
        update=update,
        must_not_flag_false_alarms=len(alarms),
        updates_flagged_as_contradictions=len(gold_u.keys() & flagged.keys()),
        cases=cases,
    )


def _area_for(
    key: Pair, item: Asserted, must_not: Mapping[Pair, str], area: Area, alarms: set[Pair]
) -> Area:
    """A must-not-flag pair flagged as a contradiction or as an update is one false alarm (a
    pair flagged both ways counts once)."""
    if item.in_gold and key in must_not:
        alarms.add(key)
        return Area.MUST_NOT_FLAG
    return area


def _alarm(area: Area, key: Pair, item: Asserted, why: str) -> Case:
    why += "" if item.in_gold else " | claim(s) not in gold"
    refs = sorted(key) if item.in_gold else []
    return case(area, "false_alarm", refs, item.evidence, why, item.predicted)


def _sorted(pairs: Iterable[Pair]) -> list[Pair]:
    return sorted(pairs, key=sorted)
