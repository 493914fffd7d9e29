"""Numeric contradictions and updates, from the match groups of ``factcheck.align``.

Within a group, claims with the same stated figure and date form one value class, so a
thousand articles repeating two figures cost two comparisons, not a million. Conflicting
classes of a running tally (deaths, injured, arrests, votes counted) reported on different
dates are an update when the later figure is higher; everything else that conflicts is a
contradiction, its sides the classes that agree with each other.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from factcheck.align import CONFIDENT, Aligned, MatchGroup
from factcheck.compare.decide import conflicting, interval_gap, severity_of
from factcheck.compare.refs import claim_ref
from factcheck.compare.timeline import Reported, Timeline, order
from factcheck.numbers import format_interval
from factcheck.numbers.tokens import plural
from factcheck.schemas import (
    Article,
    Certainty,
    Contradiction,
    ContradictionKind,
    QuantityClaim,
    Update,
)


@dataclass
class _Class:
    """Claims stating the same figure, reported at the same time in the same words."""

    claims: list[QuantityClaim]
    report: Reported

    @property
    def rep(self) -> QuantityClaim:
        return self.claims[0]


def _classes(claims: list[QuantityClaim], timeline: Timeline) -> list[_Class]:
    by_key: dict[tuple[object, ...], _Class] = {}
    for c in claims:
        reported = timeline.report(c)
        key = (c.value, c.low, c.high, c.hedge, c.rounding, reported)
        if key not in by_key:
            by_key[key] = _Class([], reported)
        by_key[key].claims.append(c)
    return list(by_key.values())


def _class_pairs(group: MatchGroup, timeline: Timeline) -> list[tuple[_Class, _Class]]:
    if group.across is not None:
        left, right = _classes(group.members, timeline), _classes(group.across, timeline)
        return [(x, y) for x in left for y in right]
    classes = _classes(group.members, timeline)
    return [(x, y) for i, x in enumerate(classes) for y in classes[i + 1 :]]


def _cross_article(x: _Class, y: _Class) -> bool:
    return any(a.article_id != b.article_id for a in x.claims for b in y.claims)


def _running(group: MatchGroup) -> bool:
    members = group.members + (group.across or [])
    return all(c.frame.running for c in members)


# Counts of a state, not of events: people still missing, in hospital, evacuated, displaced
# go down as well as up ("45 missing" on Saturday, "37 remained missing" on Sunday as bodies
# were found). Between two dated reports any change of these is an update.
_STATES = frozenset({"missing", "hospitalized", "evacuated", "displaced", "affected"})


def _reversible(group: MatchGroup) -> bool:
    members = group.members + (group.across or [])
    return all(c.frame.event is not None and c.frame.event.value in _STATES for c in members)


def _classify(
    x: _Class, y: _Class, running: bool, evolving: bool, reversible: bool = False
) -> tuple[str, tuple[_Class, _Class]] | None:
    """("update", (earlier, later)) for a tally that rose, ("contradiction", pair) for figures
    that cannot both be true (a tally that fell included), None for figures that agree."""
    clash = conflicting(x.rep, y.rep)
    if running and x.rep.value != y.rep.value:
        first = order(x.report, y.report)
        if first is None and (x.report.later_cue or y.report.later_cue):
            # "has risen to 17": the figure with the rise is the later one when it is higher.
            rising = x if x.report.later_cue and not y.report.later_cue else y
            if rising.report.later_cue and rising.rep.value == max(x.rep.value, y.rep.value):
                first = 1 if rising is x else -1
        same_day = x.report.day is not None and x.report.day == y.report.day
        if first is None and evolving and not same_day:
            # A count the articles treat as moving ("at least", "rose to", "so far"), with
            # nothing to date two reports: the lower figure is the earlier one.
            first = -1 if x.rep.value < y.rep.value else 1
        if first is not None:
            early, late = (x, y) if first < 0 else (y, x)
            dated = order(x.report, y.report) is not None  # by the reports' dates, not values
            if late.rep.value > early.rep.value or (reversible and dated):
                return "update", (early, late)
            return ("contradiction", (x, y)) if clash else None
    return ("contradiction", (x, y)) if clash else None


def numeric_findings(
    aligned: Aligned, articles: dict[str, Article]
) -> tuple[list[Contradiction], list[Update]]:
    timeline = Timeline(articles)
    contradictions: list[Contradiction] = []
    updates: list[Update] = []
    for group in aligned.groups:
        conflicts: list[tuple[_Class, _Class]] = []
        rises: list[tuple[_Class, _Class]] = []
        pairs = [(x, y) for x, y in _class_pairs(group, timeline) if _cross_article(x, y)]
        running = _running(group)
        evolving = running and any(c.report.evolving for p in pairs for c in p)
        reversible = running and _reversible(group)
        for x, y in pairs:
            found = _classify(x, y, running, evolving, reversible)
            if found is None:
                continue
            kind, pair = found
            (rises if kind == "update" else conflicts).append(pair)
        if conflicts:
            contradictions.extend(_contradictions(group, conflicts, articles))
        if rises and group.confidence >= CONFIDENT:  # an update is a claim too: be sure
            updates.append(_update(group, rises, articles))
    return contradictions, updates


def _components(items: list[int], links: list[tuple[int, int]]) -> list[list[int]]:
    parent = {i: i for i in items}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        parent[find(a)] = find(b)
    out: dict[int, list[int]] = defaultdict(list)
    for i in items:
        out[find(i)].append(i)
    return list(out.values())


def _contradictions(
    group: MatchGroup, conflicts: list[tuple[_Class, _Class]], articles: dict[str, Article]
) -> list[Contradiction]:
    involved: list[_Class] = []
    index: dict[int, int] = {}
    for pair in conflicts:
        for cls in pair:
            if id(cls) not in index:
                index[id(cls)] = len(involved)
                involved.append(cls)
    n = len(involved)
    agree = [
        (i, j)
        for i in range(n)
        for j in range(i + 1, n)
        if not conflicting(involved[i].rep, involved[j].rep)
    ]
    sides = _components(list(range(n)), agree)
    side_of = {i: s for s, side in enumerate(sides) for i in side}
    pairs = [(index[id(x)], index[id(y)]) for x, y in conflicts]
    if len(sides) > 1 and all(side_of[a] != side_of[b] for a, b in pairs):
        return [_contradiction(group, [[involved[i] for i in s] for s in sides], articles)]
    # When agreement chains across a conflict (A~B~C, A!C), show each pair on its own.
    return [_contradiction(group, [[x], [y]], articles) for x, y in conflicts]


def _contradiction(
    group: MatchGroup, sides: list[list[_Class]], articles: dict[str, Article]
) -> Contradiction:
    claim_sides = [[c for cls in side for c in cls.claims] for side in sides]
    claim_sides.sort(key=lambda side: min(c.value for c in side))
    refs = [claim_ref(c, articles, n) for n, side in enumerate(claim_sides) for c in side]
    # Severity from the widest gap between the sides' distinct figures (a few per side).
    figures = [list({c.value: c for c in side}.values())[:20] for side in claim_sides]
    pairs = [
        (a, b) for i, sa in enumerate(figures) for sb in figures[i + 1 :] for a in sa for b in sb
    ]
    low_side, high_side = claim_sides[0], claim_sides[-1]
    top = max(low_side, key=lambda c: c.high if c.high is not None else 0)
    bottom = min(high_side, key=lambda c: c.low if c.low is not None else 0)
    phrases = []
    for side in claim_sides:
        sources = sorted({c.article_id for c in side})
        what = "; ".join(dict.fromkeys(f"'{c.raw}'" for c in side))
        phrases.append(f"{', '.join(sources)} {'says' if len(sources) == 1 else 'say'} {what}")
    gap = interval_gap(top, bottom) or abs(top.value - bottom.value)
    explanation = (
        f"{group.label}: {' but '.join(phrases)}; "
        f"{format_interval(top.low, top.high, top.unit)} vs "
        f"{format_interval(bottom.low, bottom.high, bottom.unit)} are {_fmt_gap(gap, top.unit)} "
        "apart, so they cannot both be true"
    )
    if group.confidence < CONFIDENT:
        explanation += " if they measure the same thing (one article narrows it: "
        explanation += _scope_note(claim_sides) + ")"
    return Contradiction(
        id="",
        kind=ContradictionKind.NUMERIC,
        severity=severity_of(pairs),
        topic=group.label,
        claims=refs,
        explanation=explanation + ".",
        confidence=round(group.confidence, 3),
        certainty=Certainty.CONFIDENT if group.confidence >= CONFIDENT else Certainty.POSSIBLE,
    )


def _scope_note(sides: list[list[QuantityClaim]]) -> str:
    notes = [f"{c.article_id}: {s.text}" for side in sides for c in side[:1] for s in c.frame.scope]
    return "; ".join(dict.fromkeys(notes)) or "scope differs"


def _update(
    group: MatchGroup, rises: list[tuple[_Class, _Class]], articles: dict[str, Article]
) -> Update:
    """One update per measure: its figures from the earliest to the latest, one side each."""
    by_value: dict[float, list[_Class]] = defaultdict(list)
    rank: dict[float, int] = defaultdict(int)
    for early, late in rises:
        for cls in (early, late):
            if cls not in by_value[cls.rep.value]:
                by_value[cls.rep.value].append(cls)
        rank[late.rep.value] += 1
    values = sorted(by_value, key=lambda v: (rank[v], v))
    refs = [
        claim_ref(c, articles, n)
        for n, v in enumerate(values)
        for cls in by_value[v]
        for c in cls.claims
    ]

    def sources(v: float) -> str:
        return ", ".join(sorted({c.article_id for cls in by_value[v] for c in cls.claims}))

    steps = " → ".join(f"{by_value[v][0].rep.raw} ({sources(v)})" for v in values)
    if all(late.rep.value > early.rep.value for early, late in rises):
        why = f"{group.label} rose over time: {steps}. A later, higher figure of a running tally"
    else:
        why = f"{group.label} changed over time: {steps}. A count of people in a state (missing, "
        why += "in hospital, evacuated) moves both ways between reports: a later figure"
    return Update(
        id="",
        topic=group.label,
        claims=refs,
        explanation=f"{why} is an update, not a contradiction.",
    )


def _fmt_gap(gap: float, unit: str) -> str:
    if unit == "minute":
        return f"{_num(gap)} min" if gap < 120 else f"{_num(gap / 60)} h"
    if unit == "percent":
        return f"{_num(gap)} percentage points"
    return f"{_num(gap)} {plural(unit)}"


def _num(value: float) -> str:
    """'22.2', '1,500', '0.5': no float noise such as 22.200000000000003."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text or "0"
