"""Attribution contradictions: the same statement given to different speakers, or said
through channels that cannot both be right (tweeted vs said at a briefing)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from factcheck.align import ONE_SIDED_SCOPE, Aligned
from factcheck.compare.refs import claim_ref
from factcheck.rules.resolver import same_entity_pairs
from factcheck.rules.speakers import is_institution, same_entity
from factcheck.schemas import (
    Article,
    AttributionClaim,
    Certainty,
    Channel,
    Contradiction,
    ContradictionKind,
    Severity,
)

_SPOKEN = {Channel.PRESS_BRIEFING, Channel.INTERVIEW, Channel.SPEECH}


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


# A component can hold thousands of quotes (a stock phrase many stories repeat); linking its
# claims pair by pair was quadratic (10,000 generated articles: half the run). Both relations
# below link the same claims as comparing every pair: each claim to the first with an equal
# value, and speakers through the resolver's index (``same_entity_pairs``).


def _same_value(
    claims: Sequence[AttributionClaim], value: Callable[[AttributionClaim], object]
) -> list[tuple[str, str]]:
    first: dict[object, str] = {}
    links = []
    for c in claims:
        key = value(c)
        if key in first:
            links.append((first[key], c.id))
        else:
            first[key] = c.id
    return links


def _same_speaker(claims: Sequence[AttributionClaim]) -> list[tuple[str, str]]:
    """Claims whose speakers ``same_entity`` accepts, linked: a claim to the first with the same
    name (a name is the same entity as itself, the empty one aside), and the first claims of
    distinct names pair by pair through the index."""
    first: dict[str, str] = {}
    links = []
    for c in claims:
        name = c.speaker or ""
        if name not in first:
            first[name] = c.id
        elif same_entity(name, name):
            links.append((first[name], c.id))
    names = list(first)
    links += [(first[names[i]], first[names[j]]) for i, j in same_entity_pairs(names)]
    return links


def attribution_contradictions(
    aligned: Aligned, articles: dict[str, Article]
) -> list[Contradiction]:
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
        speakers = _components(comp, _same_speaker(claims))
        if len({by_id[s[0]].article_id for s in speakers}) > 1 and len(speakers) > 1:
            found = _attr_contradiction(
                ContradictionKind.ATTRIBUTION_SPEAKER, speakers, by_id, articles
            )
            bodies = {is_institution(by_id[side[0]].speaker or "") for side in speakers}
            if len(bodies) > 1:  # an office and a person: the office may quote its head
                found = found.model_copy(
                    update={
                        "confidence": ONE_SIDED_SCOPE,
                        "certainty": Certainty.POSSIBLE,
                        "explanation": found.explanation
                        + " One of them is an institution, which may be quoting the other.",
                    }
                )
            out.append(found)
            continue
        channels = _components(comp, _same_value(claims, lambda c: c.channel))
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
    refs = [claim_ref(by_id[i], articles, n) for n, side in enumerate(sides) for i in side]
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
