"""ingest → extract → align → compare → report, as one call the CLI and the eval share.

Exact duplicates (the same cleaned text under two names) are extracted and compared once: a
copy adds no evidence, and comparing an article with itself would only skew the alignment
(one copy of a seed article used to hide a contradiction). Each copy is reported as skipped,
with a warning naming both files; copies never make a run partial.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from factcheck.align import align_claims
from factcheck.compare import compare
from factcheck.errors import ExtractionError, FactcheckError
from factcheck.extract import Extractor, number_claims
from factcheck.ingest import language_name
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
    RunStatus,
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
    show_possible: bool = False,
    languages: Collection[str] | None = None,
    timings: dict[str, float] | None = None,
    judge: Judge | None = None,
) -> Report:
    """Extract every article (failures are recorded, never fatal), then align and compare.

    ``languages``: the languages the extractor reads (None: any); an article detected as
    another language is listed as skipped, with the reason, and never extracted.
    ``timings``: filled with seconds per stage (extract, align, compare).
    ``judge``: a model asked about every numeric contradiction, confident or possible.
    """
    clock = time.perf_counter()
    notes = list(warnings)
    skipped = _skipped(articles, languages)
    copies = _duplicates([a for a in articles if a.id not in skipped], notes)
    skipped.update({k: f"{DUPLICATE} {v.source} ({v.id})" for k, v in copies.items()})
    results: dict[str, tuple[list[Claim], str | None]] = {}

    def work(article: Article) -> tuple[str, tuple[list[Claim], str | None]]:
        out = _extract_one(extractor, article)
        if on_article_done is not None:
            on_article_done(article.id)
        return article.id, out

    todo = [a for a in articles if a.id not in skipped]
    # Threads only help while waiting on a model; a CPU-bound extractor (the rules) would just
    # contend for the interpreter lock, so it runs in this thread (and stays reproducible).
    if concurrency <= 1 or len(todo) <= 1 or getattr(extractor, "cpu_bound", False):
        for article in todo:
            key, out = work(article)
            results[key] = out
    else:
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            for key, out in pool.map(work, todo):
                results[key] = out
    clock = _lap(timings, "extract", clock)

    claims: list[Claim] = []
    article_results: list[ArticleResult] = []
    usage = Usage()
    for article in articles:
        if article.id in skipped:
            article_results.append(_result(article, status="skipped", reason=skipped[article.id]))
            if article.id not in copies:
                notes.append(f"{article.source}: not checked: {skipped[article.id]}")
            if on_article_done is not None:
                on_article_done(article.id)  # the progress counts every article
            continue
        found, failure = results[article.id]
        stats = extractor.stats(article.id)
        grounded = [c for c in found if article.verify(c.evidence)]
        dropped = stats.ungrounded_dropped + (len(found) - len(grounded))
        numbered = number_claims(article.id, grounded)
        claims.extend(numbered)
        if dropped and not numbered and not failure:
            notes.append(
                f"{article.source}: none of the {dropped} claim(s) extracted could be found in "
                "the article's text (all failed grounding); this article was not compared"
            )
        article_results.append(
            _result(
                article,
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
    clock = _lap(timings, "align", clock)
    findings = compare(aligned, {a.id: a for a in articles})
    if judge is not None:
        by_id = {c.id: c for c in aligned.claims}
        dates = {a.id: a.date for a in articles}
        findings.contradictions = [
            _judged(c, by_id, dates, judge, notes) for c in findings.contradictions
        ]
        usage = _add_usage(usage, judge.usage())
    _lap(timings, "compare", clock)
    # Possible contradictions (frames matched only in part) stay out of the default report: a
    # false alarm costs a fact-checker more than a miss. --show possible adds them, marked.
    shown = [
        c for c in findings.contradictions if show_possible or c.certainty is Certainty.CONFIDENT
    ]
    order = {a.id: n for n, a in enumerate(articles)}
    ordered = sorted(aligned.claims, key=lambda c: (order[c.article_id], c.evidence.start, c.id))
    return Report(
        status=run_status(article_results),
        extractor=extractor.info(),
        articles=article_results,
        claims=ordered,
        contradictions=shown,
        topics=aligned.topics,
        updates=findings.updates,
        figures=findings.figures,
        possible_hidden=len(findings.contradictions) - len(shown),
        warnings=notes,
        usage=usage,
    )


def run_status(results: Sequence[ArticleResult]) -> RunStatus:
    """complete / partial / nothing checked / nothing grounded, from the per-article results.
    An article whose every claim failed grounding was read but not compared: it counts as
    not checked (a model that invents every span must not end in "no contradictions")."""
    results = [r for r in results if not (r.reason or "").startswith(DUPLICATE)]
    ok = [r for r in results if r.status == "ok"]
    lost = [r for r in ok if r.ungrounded_dropped and not r.quantity_claims + r.attribution_claims]
    if not ok:
        return RunStatus.NOTHING_CHECKED
    if len(lost) == len(ok):
        return RunStatus.NOTHING_GROUNDED
    if lost or len(ok) < len(results):
        return RunStatus.PARTIAL
    return RunStatus.COMPLETE


def _skipped(articles: Sequence[Article], languages: Collection[str] | None) -> dict[str, str]:
    if languages is None:
        return {}
    readable = ", ".join(language_name(code) for code in sorted(languages))
    return {
        a.id: f"written in {language_name(a.language)} ({a.language}); the offline extractor "
        f"reads {readable} only (a model backend reads it: --model or --base-url)"
        for a in articles
        if a.language is not None and a.language not in languages
    }


def _result(article: Article, **fields: object) -> ArticleResult:
    return ArticleResult.model_validate(
        {
            "id": article.id,
            "source": article.source,
            "date": article.date,
            "outlet": article.outlet,
            "title": article.title,
            "author": article.author,
            "language": article.language,
            **fields,
        }
    )


def _lap(timings: dict[str, float] | None, stage: str, since: float) -> float:
    now = time.perf_counter()
    if timings is not None:
        timings[stage] = timings.get(stage, 0.0) + now - since
    return now


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


DUPLICATE = "exact duplicate of"


def _duplicates(articles: Sequence[Article], warnings: list[str]) -> dict[str, Article]:
    """Copy id -> the first article with the same cleaned text; one warning per copy."""
    first: dict[str, Article] = {}  # keyed by the text itself: exact, and hashed only once
    first_of: dict[str, Article] = {}
    for article in articles:
        original = first.setdefault(article.text, article)
        if original is not article:
            first_of[article.id] = original
            warnings.append(
                f"{article.source}: exact duplicate of {original.source} (same cleaned text); "
                "extracted and compared once"
            )
    if first_of and len(first) == 1:
        warnings.append(f"all {len(articles)} articles have the same text: nothing to compare")
    return first_of


def _judged(
    c: Contradiction,
    claims: dict[str, Claim],
    dates: dict[str, str | None],
    judge: Judge,
    notes: list[str],
) -> Contradiction:
    """The contradiction with the judge's verdict on its first pair of sides. "Not the same
    measure" or "both can be true" makes a confident one possible; "the same measure, and
    both cannot be true" makes a possible one confident; "update" is only noted (the verdict
    is in the report). A judge that cannot answer changes nothing."""
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
    elif not verdict.update:
        update["certainty"] = Certainty.CONFIDENT
    return c.model_copy(update=update)
