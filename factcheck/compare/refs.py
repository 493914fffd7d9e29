"""Claim references for reports: the evidence, the highlight, a one-line summary, the date."""

from __future__ import annotations

import re
from datetime import datetime

from factcheck.numbers import format_interval
from factcheck.schemas import Article, AttributionClaim, ClaimRef, QuantityClaim

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?")


def article_time(article: Article | None) -> datetime | None:
    """The article's date (and time, when given) if it is written as ISO 8601."""
    if article is None or not article.date:
        return None
    m = _ISO.match(article.date.strip())
    if m is None:
        return None
    try:
        return datetime.fromisoformat(m.group(0).replace(" ", "T"))
    except ValueError:
        return None


def claim_ref(
    claim: QuantityClaim | AttributionClaim, articles: dict[str, Article], group: int
) -> ClaimRef:
    if isinstance(claim, QuantityClaim):
        summary = f"{claim.raw} → {format_interval(claim.low, claim.high, claim.unit)}"
        highlight = claim.quantity_span
    else:
        summary = f"{claim.speaker} ({claim.channel.value})"
        highlight = claim.statement_span
    article = articles.get(claim.article_id)
    return ClaimRef(
        claim_id=claim.id,
        article_id=claim.article_id,
        source=article.source if article else "",
        evidence=claim.evidence,
        highlight=highlight,
        summary=summary,
        group=group,
        date=article.date if article else None,
        outlet=article.outlet if article else None,
    )
