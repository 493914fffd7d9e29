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
from datetime import datetime

from factcheck.align import CONFIDENT, Aligned, MatchGroup
from factcheck.compare.decide import conflicting, interval_gap, severity_of
from factcheck.compare.refs import article_time, claim_ref
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
    """Claims stating the same figure on the same date."""

    claims: list[QuantityClaim]
    when: datetime | None

    @property
    def rep(self) -> QuantityClaim:
        return self.claims[0]


def _classes(claims: list[QuantityClaim], articles: dict[str, Article]) -> list[_Class]:
    by_key: dict[tuple[object, ...], _Class] = {}
    for c in claims:
        when = article_time(articles.get(c.article_id))
        key = (c.value, c.low, c.high, c.hedge, c.rounding, when)
        if key not in by_key:
            by_key[key] = _Class([], when)
        by_key[key].claims.append(c)
    return list(by_key.values())


def _class_pairs(group: MatchGroup, articles: dict[str, Article]) -> list[tuple[_Class, _Class]]:
    if group.across is not None:
        left, right = _classes(group.members, articles), _classes(group.across, articles)
        return [(x, y) for x in left for y in right]
    classes = _classes(group.members, articles)
    return [(x, y) for i, x in enumerate(classes) for y in classes[i + 1 :]]


def _cross_article(x: _Class, y: _Class) -> bool:
    return any(a.article_id != b.article_id for a in x.claims for b in y.claims)


def _is_update(x: _Class, y: _Class) -> tuple[_Class, _Class] | None:
    """(earlier, later) when a running tally rose between two dated reports."""
    if not (x.rep.frame.running and y.rep.frame.running) or not x.when or not y.when:
        return None
    if x.when == y.when:
        return None
    early, late = (x, y) if x.when < y.when else (y, x)
    low_late = late.rep.low if late.rep.low is not None else late.rep.value
    high_early = early.rep.high if early.rep.high is not None else early.rep.value
    return (early, late) if low_late > high_early else None


def numeric_findings(
    aligned: Aligned, articles: dict[str, Article]
) -> tuple[list[Contradiction], list[Update]]:
    contradictions: list[Contradiction] = []
    updates: list[Update] = []
    for group in aligned.groups:
        conflicts: list[tuple[_Class, _Class]] = []
        rises: list[tuple[_Class, _Class]] = []
        for x, y in _class_pairs(group, articles):
            if not _cross_article(x, y) or not conflicting(x.rep, y.rep):
                continue
            rise = _is_update(x, y)
            if rise is not None:
                rises.append(rise)
            else:
                conflicts.append((x, y))
        if conflicts:
            contradictions.extend(_contradictions(group, conflicts, articles))
        if rises:
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
    pairs = [
        (a, b)
        for i, sa in enumerate(claim_sides)
        for sb in claim_sides[i + 1 :]
        for a in sa[:1]
        for b in sb[:1]
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
    classes: dict[int, _Class] = {}
    for early, late in rises:
        classes[id(early)] = early
        classes[id(late)] = late
    ordered = sorted(classes.values(), key=lambda c: (c.when or datetime.min, c.rep.value))
    refs = [claim_ref(c, articles, n) for n, cls in enumerate(ordered) for c in cls.claims]
    steps = " → ".join(
        f"{cls.rep.raw} ({', '.join(sorted({c.article_id for c in cls.claims}))}, "
        f"{cls.when.date().isoformat() if cls.when else 'undated'})"
        for cls in ordered
    )
    return Update(
        id="",
        topic=group.label,
        claims=refs,
        explanation=f"{group.label} rose over time: {steps}. A later, higher figure of a "
        "running tally is an update, not a contradiction.",
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
