"""ingest → extract → align → compare → (judge) → report, as one call the CLI and the eval share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from factcheck.align import align_claims
from factcheck.compare import find_contradictions
from factcheck.errors import ExtractionError, FactcheckError
from factcheck.extract import Extractor, number_claims
from factcheck.schemas import (
    Article,
    ArticleResult,
    Certainty,
    Claim,
    Contradiction,
    ContradictionKind,
    JudgeVerdict,
    QuantityClaim,
    Report,
    Usage,
)

ProgressFn = Callable[[str], None]


class Judge(Protocol):
    """A second opinion on a pair of figures in conflict (``--judge``; factcheck.llm.judge).
    Raises ``FactcheckError`` when it cannot answer."""

    def judge(
        self,
        first: QuantityClaim,
        first_date: str | None,
        second: QuantityClaim,
        second_date: str | None,
    ) -> JudgeVerdict: ...

    def usage(self) -> Usage: ...


def _extract_one(extractor: Extractor, article: Article) -> tuple[list[Claim], str | None]:
    try:
        return extractor.extract(article), None
    except ExtractionError as exc:
        return [], exc.reason


def run_pipeline(
    articles: Sequence[Article],
    extractor: Extractor,
    *,
    concurrency: int = 1,
    warnings: Sequence[str] = (),
    on_article_done: ProgressFn | None = None,
    judge: Judge | None = None,
) -> Report:
    """Extract every article (failures are recorded, never fatal), then align and compare;
    with a ``judge``, ask it about every numeric contradiction."""
    results: dict[str, tuple[list[Claim], str | None]] = {}

    def work(article: Article) -> tuple[str, tuple[list[Claim], str | None]]:
        out = _extract_one(extractor, article)
        if on_article_done is not None:
            on_article_done(article.id)
        return article.id, out

    if concurrency <= 1 or len(articles) <= 1:
        for article in articles:
            key, out = work(article)
            results[key] = out
    else:
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            for key, out in pool.map(work, articles):
                results[key] = out

    claims: list[Claim] = []
    article_results: list[ArticleResult] = []
    usage = Usage()
    for article in articles:
        found, failure = results[article.id]
        stats = extractor.stats(article.id)
        grounded = [c for c in found if article.verify(c.evidence)]
        dropped = stats.ungrounded_dropped + (len(found) - len(grounded))
        numbered = number_claims(article.id, grounded)
        claims.extend(numbered)
        article_results.append(
            ArticleResult(
                id=article.id,
                source=article.source,
                date=article.date,
                outlet=article.outlet,
                status="failed" if failure else "ok",
                reason=failure,
                quantity_claims=sum(1 for c in numbered if c.kind == "quantity"),
                attribution_claims=sum(1 for c in numbered if c.kind == "attribution"),
                ungrounded_dropped=dropped,
                from_cache=stats.from_cache,
            )
        )
        usage = _add_usage(usage, stats.usage)

    aligned = align_claims(claims)
    contradictions = find_contradictions(aligned, {a.id: a for a in articles})
    notes = list(warnings)
    if judge is not None:
        by_id = {c.id: c for c in aligned.claims}
        dates = {a.id: a.date for a in articles}
        contradictions = [_judged(c, by_id, dates, judge, notes) for c in contradictions]
        usage = _add_usage(usage, judge.usage())
    order = {a.id: n for n, a in enumerate(articles)}
    ordered = sorted(aligned.claims, key=lambda c: (order[c.article_id], c.evidence.start, c.id))
    return Report(
        extractor=extractor.info(),
        articles=article_results,
        claims=ordered,
        contradictions=contradictions,
        topics=aligned.topics,
        warnings=notes,
        usage=usage,
    )


def _judged(
    c: Contradiction,
    claims: dict[str, Claim],
    dates: dict[str, str | None],
    judge: Judge,
    notes: list[str],
) -> Contradiction:
    """The contradiction with the judge's verdict on its first pair of sides. "Not the same
    measure" or "both can be true" makes it possible, not confident; "update" is only noted
    (the verdict is in the report). A judge that cannot answer changes nothing."""
    if c.kind is not ContradictionKind.NUMERIC:
        return c
    first = c.claims[0]
    second = next((r for r in c.claims if r.group != first.group), None)
    a = claims.get(first.claim_id)
    b = claims.get(second.claim_id) if second else None
    if not (isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim)):
        return c
    try:
        verdict = judge.judge(a, dates.get(a.article_id), b, dates.get(b.article_id))
    except FactcheckError as exc:
        notes.append(f"judge: no verdict for {c.id}: {exc}")
        return c
    update: dict[str, object] = {"judge": verdict}
    if not verdict.same_measure or verdict.both_true:
        update["certainty"] = Certainty.POSSIBLE
    return c.model_copy(update=update)


def _add_usage(a: Usage, b: Usage) -> Usage:
    cost: float | None
    if a.cost_usd is None and b.cost_usd is None:
        cost = None
    else:
        cost = (a.cost_usd or 0.0) + (b.cost_usd or 0.0)
    return Usage(
        calls=a.calls + b.calls,
        prompt_tokens=a.prompt_tokens + b.prompt_tokens,
        completion_tokens=a.completion_tokens + b.completion_tokens,
        retries=a.retries + b.retries,
        cost_usd=cost,
        unrecorded=a.unrecorded + b.unrecorded,
    )
