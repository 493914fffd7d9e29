"""Decide which aligned claims cannot all be true, and say why in one sentence."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from factcheck.align import Aligned
from factcheck.numbers import format_interval
from factcheck.numbers.tokens import plural
from factcheck.rules.speakers import same_entity
from factcheck.schemas import (
    Article,
    AttributionClaim,
    Channel,
    ClaimRef,
    Contradiction,
    ContradictionKind,
    QuantityClaim,
    Severity,
)

# Gap between two normalised intervals, relative to the larger value, that we still forgive:
# journalists round ("three hours" for 2 h 55 min), so a hair's breadth is not a conflict.
REL_TOLERANCE = 0.03
_SPOKEN = {Channel.PRESS_BRIEFING, Channel.INTERVIEW, Channel.SPEECH}


def interval_gap(a: QuantityClaim, b: QuantityClaim) -> float:
    """Distance between the two intervals (0 when they overlap); None bounds are open."""
    if a.high is not None and b.low is not None and a.high < b.low:
        return b.low - a.high
    if b.high is not None and a.low is not None and b.high < a.low:
        return a.low - b.high
    return 0.0


def conflicting(a: QuantityClaim, b: QuantityClaim) -> bool:
    magnitude = max(abs(a.value), abs(b.value))
    return magnitude > 0 and interval_gap(a, b) > REL_TOLERANCE * magnitude


def severity_of(pairs: Iterable[tuple[QuantityClaim, QuantityClaim]]) -> Severity:
    worst = 0.0
    for a, b in pairs:
        worst = max(worst, abs(a.value - b.value) / max(abs(a.value), abs(b.value)))
    if worst >= 0.35:
        return Severity.HIGH
    if worst >= 0.15:
        return Severity.MEDIUM
    return Severity.LOW


def channels_compatible(a: Channel, b: Channel) -> bool:
    """A post is not a briefing; anything may be relayed by the media or left unsaid."""
    if a == b or Channel.UNKNOWN in (a, b) or Channel.MEDIA_REPORT in (a, b):
        return True
    return not ({a, b} & _SPOKEN and Channel.SOCIAL_POST in (a, b))


def _components(items: Sequence[str], linked: Iterable[tuple[str, str]]) -> list[list[str]]:
    parent = {i: i for i in items}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in linked:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for i in items:
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _ref(
    claim: QuantityClaim | AttributionClaim, articles: dict[str, Article], group: int
) -> ClaimRef:
    if isinstance(claim, QuantityClaim):
        summary = f"{claim.raw} → {format_interval(claim.low, claim.high, claim.unit)}"
        highlight = claim.quantity_span
    else:
        summary = f"{claim.speaker} ({claim.channel.value})"
        highlight = claim.statement_span
    return ClaimRef(
        claim_id=claim.id,
        article_id=claim.article_id,
        source=articles[claim.article_id].source if claim.article_id in articles else "",
        evidence=claim.evidence,
        highlight=highlight,
        summary=summary,
        group=group,
    )


def _numeric(aligned: Aligned, articles: dict[str, Article]) -> list[Contradiction]:
    out: list[Contradiction] = []
    by_id = {c.id: c for c in aligned.claims if isinstance(c, QuantityClaim)}
    conflicts = [(a, b) for a, b in aligned.quantity_pairs if conflicting(a, b)]
    for topic in aligned.topics:
        members = set(topic.claim_ids)
        pairs = [(a, b) for a, b in conflicts if a.id in members and b.id in members]
        if not pairs:
            continue
        involved = sorted({c.id for p in pairs for c in p})
        agree = [
            (x, y)
            for i, x in enumerate(involved)
            for y in involved[i + 1 :]
            if not conflicting(by_id[x], by_id[y])
        ]
        sides = _components(involved, agree)
        side_of = {i: n for n, side in enumerate(sides) for i in side}
        if len(sides) > 1 and all(side_of[a.id] != side_of[b.id] for a, b in pairs):
            out.append(_numeric_contradiction(topic.measured, sides, by_id, pairs, articles))
            continue
        # When agreement chains across a conflict (A~B~C, A!C), show each pair on its own.
        for a, b in pairs:
            out.append(
                _numeric_contradiction(topic.measured, [[a.id], [b.id]], by_id, [(a, b)], articles)
            )
    return out


def _numeric_contradiction(
    measured: str,
    sides: list[list[str]],
    by_id: dict[str, QuantityClaim],
    pairs: list[tuple[QuantityClaim, QuantityClaim]],
    articles: dict[str, Article],
) -> Contradiction:
    """One contradiction; ``pairs`` are exactly its conflicting pairs (for the severity)."""
    sides = sorted(sides, key=lambda s: min(by_id[i].value for i in s))
    refs = [_ref(by_id[i], articles, n) for n, side in enumerate(sides) for i in side]
    phrases = []
    for side in sides:
        sources = sorted({by_id[i].article_id for i in side})
        what = "; ".join(dict.fromkeys(f"'{by_id[i].raw}'" for i in side))
        phrases.append(f"{', '.join(sources)} {'says' if len(sources) == 1 else 'say'} {what}")
    low_side, high_side = sides[0], sides[-1]
    top = max((by_id[i] for i in low_side), key=lambda c: c.high if c.high is not None else 0)
    bottom = min((by_id[i] for i in high_side), key=lambda c: c.low if c.low is not None else 0)
    gap = interval_gap(top, bottom)
    explanation = (
        f"{measured}: {' but '.join(phrases)}; the normalised ranges "
        f"({format_interval(top.low, top.high, top.unit)} vs "
        f"{format_interval(bottom.low, bottom.high, bottom.unit)}) are {_fmt_gap(gap, top.unit)} "
        "apart, so they cannot both be true."
    )
    return Contradiction(
        id="",
        kind=ContradictionKind.NUMERIC,
        severity=severity_of(pairs),
        topic=measured,
        claims=refs,
        explanation=explanation,
    )


def _fmt_gap(gap: float, unit: str) -> str:
    if unit == "minute":
        return f"{gap:g} min" if gap < 120 else f"{gap / 60:g} h"
    if unit == "percent":
        return f"{_num(gap)} percentage points"
    return f"{_num(gap)} {plural(unit)}"


def _num(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".")


def _attribution(aligned: Aligned, articles: dict[str, Article]) -> list[Contradiction]:
    direct = [
        (a, b)
        for a, b in aligned.statement_pairs
        if a.quote_type == "direct" and b.quote_type == "direct" and a.speaker and b.speaker
    ]
    by_id = {c.id: c for p in direct for c in p}
    out: list[Contradiction] = []
    for comp in _components(sorted(by_id), [(a.id, b.id) for a, b in direct]):
        if len(comp) < 2:
            continue
        claims = [by_id[i] for i in comp]
        speakers = _components(
            comp,
            [
                (x.id, y.id)
                for n, x in enumerate(claims)
                for y in claims[n + 1 :]
                if same_entity(x.speaker or "", y.speaker or "")
            ],
        )
        if len({by_id[s[0]].article_id for s in speakers}) > 1 and len(speakers) > 1:
            out.append(
                _attr_contradiction(
                    ContradictionKind.ATTRIBUTION_SPEAKER, speakers, by_id, articles
                )
            )
            continue
        channels = _components(
            comp,
            [
                (x.id, y.id)
                for n, x in enumerate(claims)
                for y in claims[n + 1 :]
                if x.channel == y.channel
            ],
        )
        # Only channels that clash with another channel present make a side: a "statement"
        # or "unknown" account is compatible with both a post and a briefing.
        clashing = [
            side
            for side in channels
            if any(
                not channels_compatible(by_id[side[0]].channel, by_id[o[0]].channel)
                for o in channels
                if o is not side
            )
        ]
        if len(clashing) > 1:
            out.append(
                _attr_contradiction(
                    ContradictionKind.ATTRIBUTION_CHANNEL, clashing, by_id, articles
                )
            )
    return out


def _attr_contradiction(
    kind: ContradictionKind,
    sides: list[list[str]],
    by_id: dict[str, AttributionClaim],
    articles: dict[str, Article],
) -> Contradiction:
    refs = [_ref(by_id[i], articles, n) for n, side in enumerate(sides) for i in side]
    first = by_id[sides[0][0]]
    quote = first.statement if len(first.statement) <= 80 else first.statement[:77] + "…"
    parts = []
    for side in sides:
        who = ", ".join(sorted({by_id[i].article_id for i in side}))
        c = by_id[side[0]]
        what = c.speaker if kind is ContradictionKind.ATTRIBUTION_SPEAKER else c.channel.value
        parts.append(f"{who}: {what}")
    aspect = "speaker" if kind is ContradictionKind.ATTRIBUTION_SPEAKER else "channel"
    return Contradiction(
        id="",
        kind=kind,
        severity=Severity.HIGH
        if kind is ContradictionKind.ATTRIBUTION_SPEAKER
        else Severity.MEDIUM,
        topic=f"“{quote}”",
        claims=refs,
        explanation=f"The same statement is given a different {aspect}: " + "; ".join(parts) + ".",
    )


def find_contradictions(aligned: Aligned, articles: dict[str, Article]) -> list[Contradiction]:
    found = _numeric(aligned, articles) + _attribution(aligned, articles)
    return [c.model_copy(update={"id": f"C{n + 1}"}) for n, c in enumerate(found)]
