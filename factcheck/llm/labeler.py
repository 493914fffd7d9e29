"""Label mode (the default LLM mode): the rules find the candidates, the model labels them.

Per article: the offline rules extract their claims; each becomes a numbered candidate (its
sentence with the figure or quote marked); the model answers short enum labels per candidate,
in one of two shapes through the same instructor seam:

- ``batch``: one call per article (per slice of a long one, at most ``BATCH_MAX`` candidates):
  numbered candidates in, ``{id, labels}`` items out. For API models; with ``recall`` it also
  returns figures the rules missed, as exact anchors.
- ``single``: one short call per candidate, after the same article block, so a local server's
  prompt cache (llama.cpp) evaluates the article once per article.

Nothing is copied back, so nothing needs grounding except the scope and time words and the
recall anchors. The rules' claims always stand; labels only add (``factcheck.llm.labelling``).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from functools import partial

from factcheck.errors import ExtractionError
from factcheck.llm.answers import AnswerSource, MissingRecording, model_schema_hash
from factcheck.llm.calls import CallUsage, ModelCallError
from factcheck.llm.candidates import Candidate, Person, candidates_of, people_of
from factcheck.llm.claims import chunk_text
from factcheck.llm.extractor import article_stats, stale_reason
from factcheck.llm.label_prompt import LabelPrompt
from factcheck.llm.labelling import label_quantity, label_quote, recalled
from factcheck.llm.labels import (
    LabelBatch,
    LabelBatchRecall,
    MissedQuantity,
    QuantityLabels,
    QuoteLabels,
    salvage_batch,
)
from factcheck.rules import RuleExtractor
from factcheck.schemas import (
    Article,
    AttributionClaim,
    Claim,
    ExtractionStats,
    ExtractorInfo,
    QuantityClaim,
)

log = logging.getLogger(__name__)

BATCH_MAX = 24  # candidates per batched call: bounds the answer (about 40 tokens each)
CostFn = Callable[[int, int], float | None]
Labels = QuantityLabels | QuoteLabels


class _Run:
    """One article's labelling: counts what was asked, answered, cached, missing, dropped."""

    def __init__(self) -> None:
        self.usage = CallUsage()
        self.asked = 0
        self.missing = 0
        self.cached: list[bool] = []
        self.dropped = 0


class LabelExtractor:
    def __init__(
        self,
        *,
        source: AnswerSource,
        prompt: LabelPrompt,
        info: ExtractorInfo,
        shape: str = "batch",
        recall: bool = False,
        context_chars: int = 8000,
        context_overlap: int = 400,
        cost: CostFn | None = None,
    ) -> None:
        self._source = source
        self._prompt = prompt
        self._info = info
        self._shape = shape
        self._recall = recall and shape == "batch"
        self._context_chars = context_chars
        self._context_overlap = context_overlap
        self._cost = cost
        self._rules = RuleExtractor()
        self._stats: dict[str, ExtractionStats] = {}
        self._lock = threading.Lock()
        batch_model: type[LabelBatch] = LabelBatchRecall if self._recall else LabelBatch
        self._batch_model = batch_model
        ident = source.identity
        self._ident = {
            "batch": ident.with_schema(model_schema_hash(batch_model)),
            "quantity": ident.with_schema(model_schema_hash(QuantityLabels)),
            "quote": ident.with_schema(model_schema_hash(QuoteLabels)),
        }

    def info(self) -> ExtractorInfo:
        return self._info

    def stats(self, article_id: str) -> ExtractionStats:
        with self._lock:
            return self._stats.get(article_id, ExtractionStats())

    def extract(self, article: Article) -> list[Claim]:
        claims = self._rules.extract(article)
        candidates = candidates_of(claims)
        run = _Run()
        people = people_of(article.text)
        labels: dict[int, Labels] = {}
        missed: list[MissedQuantity] = []
        try:
            for lo, hi, group in self._contexts(article, claims, candidates):
                block = self._prompt.article_block(article.text[lo:hi], article.date, people)
                if self._shape == "batch":
                    for start in range(0, len(group), BATCH_MAX):
                        part = group[start : start + BATCH_MAX]
                        got, extra = self._ask_batch(article, block, part, run)
                        labels.update(got)
                        missed += extra
                else:
                    for c in group:
                        answer = self._ask_single(article, block, c, run)
                        if answer is not None:
                            labels[c.number] = answer
        except ModelCallError as exc:
            self._finish(article.id, run)
            raise ExtractionError(article.id, exc.reason) from None
        if run.missing:
            self._finish(article.id, run)
            raise ExtractionError(article.id, stale_reason(run.missing, run.asked))
        out = self._apply(article, claims, candidates, labels, people, run)
        found, lost = recalled(article, missed, out)
        run.dropped += lost
        self._finish(article.id, run)
        return [*out, *found]

    def _contexts(
        self, article: Article, claims: list[Claim], candidates: list[Candidate]
    ) -> list[tuple[int, int, list[Candidate]]]:
        """The article (or, for a long one, the slice around each candidate) and the
        candidates asked about with it; every candidate in exactly one context."""
        if not candidates:
            return []
        chunks = chunk_text(article.text, self._context_chars, self._context_overlap)
        if len(chunks) == 1:
            return [(0, len(article.text), candidates)]
        groups: dict[int, list[Candidate]] = {}
        for c in candidates:
            ev = claims[c.index].evidence

            def distance(n: int, start: int = ev.start, end: int = ev.end) -> int:
                chunk = chunks[n]
                return max(0, chunk.start - start) + max(0, end - chunk.end)

            groups.setdefault(min(range(len(chunks)), key=distance), []).append(c)
        return [(chunks[n].start, chunks[n].end, group) for n, group in sorted(groups.items())]

    def _ask_batch(
        self, article: Article, block: str, part: list[Candidate], run: _Run
    ) -> tuple[dict[int, Labels], list[MissedQuantity]]:
        messages = self._prompt.batch_messages(block, part, self._recall)
        label = f"article {article.id} candidates {part[0].number}-{part[-1].number}"
        answer = self._ask(messages, self._batch_model, "batch", run, label)
        if answer is None:
            return {}, []
        assert isinstance(answer, LabelBatch)
        wanted = {c.number: c.kind for c in part}
        got: dict[int, Labels] = {}
        for item in [*answer.quantities, *answer.quotes]:
            kind = "quantity" if isinstance(item, QuantityLabels) else "quote"
            if wanted.get(item.id) != kind or item.id in got:
                run.dropped += 1  # an id we did not ask about, of the other kind, or repeated
                continue
            plain = QuantityLabels if kind == "quantity" else QuoteLabels
            got[item.id] = plain.model_validate(item.model_dump(exclude={"id"}))
        missed = answer.missed if isinstance(answer, LabelBatchRecall) else []
        return got, missed

    def _ask_single(self, article: Article, block: str, c: Candidate, run: _Run) -> Labels | None:
        messages = self._prompt.single_messages(block, c)
        model: type[Labels] = QuantityLabels if c.kind == "quantity" else QuoteLabels
        label = f"article {article.id} candidate {c.number}"
        answer = self._ask(messages, model, c.kind, run, label)
        return answer if isinstance(answer, QuantityLabels | QuoteLabels) else None

    def _ask(
        self,
        messages: list[dict[str, str]],
        model: type[LabelBatch] | type[Labels],
        kind: str,
        run: _Run,
        label: str,
    ) -> LabelBatch | Labels | None:
        """One request; a replay miss is counted (every miss of the article is reported)."""
        run.asked += 1
        # The rendered messages, not only the prompt file, identify the request: the label
        # vocabulary and the rules' candidates are in them.
        key_text = json.dumps(messages, ensure_ascii=False, sort_keys=True)
        salvage = partial(salvage_batch, recall=self._recall) if kind == "batch" else None
        try:
            answer, from_cache, truncated = self._source.ask(
                messages,
                key_text,
                model,
                run.usage,
                label=label,
                salvage=salvage,
                identity=self._ident[kind],
            )
        except MissingRecording:
            run.missing += 1
            return None
        if truncated:
            log.warning("%s: labels truncated at max_tokens; kept the complete items", label)
        run.cached.append(from_cache)
        return answer

    def _apply(
        self,
        article: Article,
        claims: list[Claim],
        candidates: list[Candidate],
        labels: dict[int, Labels],
        people: list[Person],
        run: _Run,
    ) -> list[Claim]:
        out = list(claims)
        for c in candidates:
            answer = labels.get(c.number)
            claim = claims[c.index]
            if isinstance(claim, QuantityClaim) and isinstance(answer, QuantityLabels):
                out[c.index], lost = label_quantity(claim, answer)
            elif isinstance(claim, AttributionClaim) and isinstance(answer, QuoteLabels):
                out[c.index], lost = label_quote(article, claim, answer, people)
            else:
                continue
            run.dropped += lost
        return out

    def _finish(self, article_id: str, run: _Run) -> None:
        u = run.usage
        cost = self._cost(u.prompt_tokens, u.completion_tokens) if self._cost else None
        from_cache = bool(run.cached) and all(run.cached)
        stats = article_stats(run.dropped, from_cache, u, cost, run.missing)
        with self._lock:
            self._stats[article_id] = stats


__all__ = ["BATCH_MAX", "LabelExtractor"]
