"""The figures table: for each measure the articles agree on, every article's value side by
side (what a newsroom wants to see even when nothing conflicts)."""

from __future__ import annotations

from factcheck.schemas import Article, Figure, FigureValue, QuantityClaim, Topic


def figures_table(
    topics: list[Topic], quantities: dict[str, QuantityClaim], articles: dict[str, Article]
) -> list[Figure]:
    order = {a: n for n, a in enumerate(articles)}
    rows: list[Figure] = []
    for topic in topics:
        claims = [quantities[i] for i in topic.claim_ids if i in quantities]
        claims.sort(key=lambda c: (order.get(c.article_id, 0), c.evidence.start))
        values = [
            FigureValue(
                article_id=c.article_id,
                claim_id=c.id,
                raw=c.raw,
                low=c.low,
                high=c.high,
                unit=c.unit,
                date=articles[c.article_id].date if c.article_id in articles else None,
                outlet=articles[c.article_id].outlet if c.article_id in articles else None,
            )
            for c in claims
        ]
        if values:
            rows.append(Figure(id=f"F{len(rows) + 1}", measure=topic.measured, values=values))
    return rows
