"""Predicted claims built from located gold claims (what a perfect extractor would return), and
the flags a report carries, for the scorer tests."""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.eval.dataset import LoadedCluster, LocatedAttribution, LocatedQuantity
from factcheck.schemas import (
    AttributionClaim,
    Certainty,
    Claim,
    ClaimRef,
    Contradiction,
    ContradictionKind,
    ExtractorInfo,
    Frame,
    Hedge,
    QuantityClaim,
    Report,
    Severity,
    Update,
)


def quantity(item: LocatedQuantity, frame: Frame | None = None) -> QuantityClaim:
    g = item.gold
    return QuantityClaim(
        id="P" + item.ref, article_id=item.article_id, measured=g.measured, raw=item.span.text,
        value=g.low if g.low is not None else g.high or 0.0, low=g.low, high=g.high,
        hedge=Hedge.EXACT, unit=g.unit, dimension=g.dimension, rate=g.rate,
        quantity_span=item.span, evidence=item.evidence, frame=frame or Frame(),
    )  # fmt: skip


def attribution(item: LocatedAttribution) -> AttributionClaim:
    g = item.gold
    return AttributionClaim(
        id="P" + item.ref, article_id=item.article_id, statement=item.span.text,
        speaker_text=g.speaker, speaker=g.speaker, channel=g.channel,
        statement_span=item.span, evidence=item.span,
    )  # fmt: skip


def perfect_claims(cluster: LoadedCluster) -> dict[str, Claim]:
    """Gold ref -> a predicted claim that matches it (predicted id = 'P' + gold ref)."""
    out: dict[str, Claim] = {q.ref: quantity(q) for q in cluster.quantities}
    return out | {a.ref: attribution(a) for a in cluster.attributions}


def _refs(claims: Sequence[Claim], groups: Sequence[int] | None) -> list[ClaimRef]:
    sides = groups or [0] * len(claims)
    return [
        ClaimRef(
            claim_id=c.id, article_id=c.article_id, source=c.article_id, evidence=c.evidence,
            summary="", group=side,
        )
        for c, side in zip(claims, sides, strict=True)
    ]  # fmt: skip


def contradiction(
    *claims: Claim,
    groups: Sequence[int] | None = None,
    certainty: Certainty = Certainty.CONFIDENT,
) -> Contradiction:
    kind = (
        ContradictionKind.NUMERIC
        if isinstance(claims[0], QuantityClaim)
        else ContradictionKind.ATTRIBUTION_SPEAKER
    )
    return Contradiction(
        id="c", kind=kind, severity=Severity.LOW, topic="t", claims=_refs(claims, groups),
        explanation="e", certainty=certainty,
    )  # fmt: skip


def update(*claims: Claim, groups: Sequence[int] | None = None) -> Update:
    return Update(id="u", topic="t", claims=_refs(claims, groups), explanation="rose")


def report(
    claims: Sequence[Claim],
    contradictions: Sequence[Contradiction] = (),
    updates: Sequence[Update] = (),
) -> Report:
    return Report(
        extractor=ExtractorInfo(name="test"), articles=[], claims=list(claims),
        contradictions=list(contradictions), updates=list(updates),
    )  # fmt: skip
