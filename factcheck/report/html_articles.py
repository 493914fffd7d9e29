"""The per-article view of the HTML report: the text with every claim highlighted, and the
typed claims (for the panel shown on hover or click) as data.

Highlights are built by one sweep over span boundaries, so overlapping claims (a figure inside
a quote) never produce crossed tags and the work is linear in text plus claims.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from factcheck.numbers import format_interval
from factcheck.report.sanitize import flat_text
from factcheck.schemas import (
    Article,
    AttributionClaim,
    Claim,
    QuantityClaim,
    Report,
    Slot,
    Span,
)

STATEMENT_CHARS = 400  # a quote in the claim panel is cut here; the article shows all of it


@dataclass
class Segment:
    text: str
    claims: str = ""  # space-separated claim numbers ("" = plain text)
    cls: str = ""


@dataclass
class ArticleView:
    anchor: str
    id: str
    source: str
    outlet: str | None
    date: str | None
    title: str | None
    status: str
    reason: str | None
    quantities: int
    attributions: int
    dropped: int
    conflicts: int = 0
    segments: list[Segment] = field(default_factory=list)
    has_text: bool = False


def _span(claim: Claim) -> Span:
    return claim.quantity_span if isinstance(claim, QuantityClaim) else claim.statement_span


def _segments(
    article: Article, claims: list[tuple[int, Claim]], conflict: set[str]
) -> list[Segment]:
    text = article.text
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    kinds: dict[int, tuple[bool, bool]] = {}
    for n, claim in claims:
        span = _span(claim)
        if span.end > span.start and article.verify(span):
            starts[span.start].append(n)
            ends[span.end].append(n)
            kinds[n] = (claim.kind == "quantity", claim.id in conflict)
    bounds = sorted({0, len(text), *starts, *ends})
    active: set[int] = set()
    out: list[Segment] = []
    for a, b in pairwise(bounds):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        if not active:
            out.append(Segment(text[a:b]))
            continue
        flags = [kinds[n] for n in active]
        cls = "hl q" if any(q for q, _ in flags) else "hl a"
        if any(x for _, x in flags):
            cls += " x"
        out.append(Segment(text[a:b], " ".join(str(n) for n in sorted(active)), cls))
    return out


def article_views(
    report: Report,
    articles: Sequence[Article],
    article_index: dict[str, int],
    claim_index: dict[str, int],
) -> list[ArticleView]:
    texts = {a.id: a for a in articles}
    by_article: dict[str, list[tuple[int, Claim]]] = defaultdict(list)
    for claim in report.claims:
        by_article[claim.article_id].append((claim_index[claim.id], claim))
    conflict = {ref.claim_id for c in report.contradictions for ref in c.claims}
    in_conflicts: dict[str, int] = defaultdict(int)
    for c in report.contradictions:
        for article_id in {ref.article_id for ref in c.claims}:
            in_conflicts[article_id] += 1
    views = []
    for result in report.articles:
        article = texts.get(result.id)
        view = ArticleView(
            anchor=f"art-{article_index[result.id]}",
            id=result.id,
            source=result.source,
            outlet=result.outlet,
            date=result.date,
            title=article.title if article else None,
            status=result.status,
            reason=result.reason,
            quantities=result.quantity_claims,
            attributions=result.attribution_claims,
            dropped=result.ungrounded_dropped,
            conflicts=in_conflicts[result.id],
        )
        if article is not None:
            view.has_text = True
            view.segments = _segments(article, by_article[result.id], conflict)
        views.append(view)
    return views


def _slot(slot: Slot | None) -> str | None:
    if slot is None:
        return None
    said = f" (“{slot.text}”)" if slot.text and slot.text != slot.value else ""
    return f"{slot.value}{said}" + (" · by the model" if slot.by == "model" else "")


def _quantity_rows(c: QuantityClaim) -> list[tuple[str, str | None]]:
    f = c.frame
    scope = "; ".join(f"{s.kind.value}: {_slot(s)}" for s in f.scope) or None
    role = f.role.value + (f" (“{f.role_text}”)" if f.role_text else "")
    return [
        ("measured", c.measured),
        ("as written", c.raw),
        ("value", format_interval(c.value, c.value, c.unit)),
        ("unit", c.unit),
        ("interval", format_interval(c.low, c.high, c.unit)),
        ("hedge", c.hedge.value),
        ("dimension", c.dimension.value),
        ("rate", c.rate),
        ("counted", _slot(f.counted)),
        ("event", _slot(f.event)),
        ("scope", scope),
        ("role", role),
        ("time", _slot(f.time)),
        ("running tally", "yes" if f.running else None),
    ]


def _attribution_rows(c: AttributionClaim) -> list[tuple[str, str | None]]:
    statement = c.statement
    if len(statement) > STATEMENT_CHARS:
        statement = statement[:STATEMENT_CHARS].rstrip() + " …"
    channel = c.channel.value + (f" (“{c.channel_text}”)" if c.channel_text else "")
    return [
        ("speaker", c.speaker or "unresolved"),
        ("as written", c.speaker_text),
        ("channel", channel),
        ("quote", c.quote_type),
        ("statement", statement),
    ]


def claim_data(report: Report, article_index: dict[str, int]) -> list[dict[str, object]]:
    """One entry per claim, in ``report.claims`` order: what the claim panel shows."""
    cards: dict[str, list[list[str]]] = defaultdict(list)
    for n, c in enumerate(report.contradictions):
        for claim_id in dict.fromkeys(ref.claim_id for ref in c.claims):
            cards[claim_id].append([f"card-{n}", f"{c.id} · {c.kind.value} · {c.severity.value}"])
    out: list[dict[str, object]] = []
    for claim in report.claims:
        if isinstance(claim, QuantityClaim):
            title = f"{claim.raw} → {format_interval(claim.low, claim.high, claim.unit)}"
            rows = _quantity_rows(claim)
        else:
            title = f"{claim.speaker or claim.speaker_text or '?'} · {claim.channel.value}"
            rows = _attribution_rows(claim)
        rows.append(("claim", claim.id))
        out.append(
            {
                "t": flat_text(title),
                "k": "quantity" if claim.kind == "quantity" else "attribution",
                "rows": [[k, flat_text(v)] for k, v in rows if v],
                "x": cards.get(claim.id, []),
                "a": article_index.get(claim.article_id),
            }
        )
    return out
