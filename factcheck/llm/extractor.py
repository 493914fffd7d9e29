"""``LLMExtractor``: the Extractor protocol over a model, with cache, recording and replay.

Per article: split into chunks, get one validated answer per chunk (replay, else cache, else the
model), ground each answer in the article, merge the chunks' claims. Thread-safe: the pipeline
calls ``extract`` from several threads; per-article stats sit behind a lock and the cache and
recording stores write atomically.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from factcheck.errors import ExtractionError
from factcheck.llm.answers import AnswerSource, MissingRecording, RequestIdentity
from factcheck.llm.calls import CallUsage, ModelCallError
from factcheck.llm.claims import (
    Chunk,
    LLMExtraction,
    chunk_text,
    ground_answer,
    merge_claims,
    salvage_answer,
)
from factcheck.llm.prompt import Prompt
from factcheck.schemas import Article, Claim, ExtractionStats, ExtractorInfo, Usage

log = logging.getLogger(__name__)

DEFAULT_MAX_CLAIMS = 500  # model items per article: Settings.max_claims
MIN_SPLIT_CHARS = 1200  # a truncated answer is retried on two halves down to this size,
MAX_SPLIT_DEPTH = 2  # and at most twice in a row (at worst 7 calls for one chunk)
CostFn = Callable[[int, int], float | None]


def _items(answer: LLMExtraction) -> int:
    return len(answer.quantities) + len(answer.attributions)


def _repetitive(answer: LLMExtraction) -> bool:
    items = [i.model_dump_json() for i in [*answer.quantities, *answer.attributions]]
    return len(set(items)) < len(items)


def stale_reason(missing: int, asked: int) -> str:
    return (
        f"stale recording: {missing} of {asked} requests have no recorded response (the "
        "prompt, the rules' candidates or a setting changed since recording); re-record with "
        "--record (see benchmarks/record_labels.sh)"
    )


class LLMExtractor:
    """Extract mode: the model reads each chunk and returns claims, which are grounded."""

    def __init__(
        self,
        *,
        source: AnswerSource,
        prompt: Prompt,
        info: ExtractorInfo,
        chunk_chars: int = 8000,
        chunk_overlap: int = 400,
        cost: CostFn | None = None,
        max_claims: int = DEFAULT_MAX_CLAIMS,
    ) -> None:
        self._source = source
        self._prompt = prompt
        self._info = info
        self._chunk_chars = chunk_chars
        self._chunk_overlap = chunk_overlap
        self._cost = cost
        self._max_claims = max_claims
        self._stats: dict[str, ExtractionStats] = {}
        self._lock = threading.Lock()

    def info(self) -> ExtractorInfo:
        return self._info

    def stats(self, article_id: str) -> ExtractionStats:
        with self._lock:
            return self._stats.get(article_id, ExtractionStats())

    def extract(self, article: Article) -> list[Claim]:
        usage = CallUsage()
        groups: list[list[Claim]] = []
        dropped = 0
        cached: list[bool] = []
        missing = asked = items = 0
        try:
            for chunk in chunk_text(article.text, self._chunk_chars, self._chunk_overlap):
                asked += 1
                try:
                    answers = self._answers(article, chunk, usage)
                except MissingRecording:
                    missing += 1
                    continue
                for piece, answer, from_cache in answers:
                    # Checked before grounding, which is the costly part of a flood of items.
                    items += _items(answer)
                    if items > self._max_claims:
                        raise self._too_many()
                    grounded = ground_answer(article, answer, piece)
                    groups.append(grounded.claims)
                    dropped += grounded.dropped
                    cached.append(from_cache)
        except ModelCallError as exc:
            self._record_stats(article.id, dropped, False, usage)
            raise ExtractionError(article.id, exc.reason) from None
        if missing:
            self._record_stats(article.id, dropped, False, usage, missing)
            raise ExtractionError(article.id, stale_reason(missing, asked))
        claims = merge_claims(groups)
        self._record_stats(article.id, dropped, bool(cached) and all(cached), usage)
        return claims

    def _answers(
        self, article: Article, chunk: Chunk, usage: CallUsage, depth: int = 0
    ) -> list[tuple[Chunk, LLMExtraction, bool]]:
        """One chunk's answer. A truncated answer on a long chunk is redone on two halves
        (complete answers beat salvaged ones), unless the model was only repeating itself,
        which a smaller input does not cure: then its complete items are kept."""
        splittable = len(chunk.text) >= MIN_SPLIT_CHARS and depth < MAX_SPLIT_DEPTH
        try:
            answer, from_cache, truncated = self._answer(article, chunk, usage)
        except ModelCallError as exc:
            if not (exc.truncated and splittable):
                raise
        else:
            if not (truncated and splittable and not _repetitive(answer)):
                if truncated:
                    log.warning(
                        "%s: model output truncated at max_tokens; kept its %d complete items",
                        article.id,
                        len(answer.quantities) + len(answer.attributions),
                    )
                return [(chunk, answer, from_cache)]
        log.info("%s: answer truncated; retrying on two halves", article.id)
        half = len(chunk.text) // 2 + self._chunk_overlap
        out: list[tuple[Chunk, LLMExtraction, bool]] = []
        for part in chunk_text(chunk.text, half, self._chunk_overlap):
            piece = Chunk(chunk.start + part.start, chunk.start + part.end, part.text)
            out.extend(self._answers(article, piece, usage, depth + 1))
        return out

    def _answer(
        self, article: Article, chunk: Chunk, usage: CallUsage
    ) -> tuple[LLMExtraction, bool, bool]:
        """(answer, from cache, truncated) from replay, else the cache, else the model."""
        return self._source.ask(
            self._prompt.messages(chunk.text),
            chunk.text,
            LLMExtraction,
            usage,
            label=f"article {article.id} chars {chunk.start}-{chunk.end}",
            salvage=salvage_answer,
            reject=self._flood,
        )

    def _flood(self, answer: LLMExtraction) -> str | None:
        """A flood of items is a failure: never cached (recorded, so a replay fails alike)."""
        return self._too_many().reason if _items(answer) > self._max_claims else None

    def _too_many(self) -> ModelCallError:
        return ModelCallError(
            f"the model gave more than max_claims={self._max_claims} claims for this article; "
            "none kept (raise --max-claims if it is genuine)"
        )

    def _record_stats(
        self, article_id: str, dropped: int, from_cache: bool, u: CallUsage, missing: int = 0
    ) -> None:
        cost = self._cost(u.prompt_tokens, u.completion_tokens) if self._cost else None
        with self._lock:
            self._stats[article_id] = article_stats(dropped, from_cache, u, cost, missing)


def article_stats(
    dropped: int, from_cache: bool, u: CallUsage, cost: float | None, missing: int = 0
) -> ExtractionStats:
    usage = Usage(
        calls=u.calls,
        prompt_tokens=u.prompt_tokens,
        completion_tokens=u.completion_tokens,
        retries=u.retries,
        cost_usd=cost,
        unrecorded=missing,
    )
    return ExtractionStats(ungrounded_dropped=dropped, from_cache=from_cache, usage=usage)


__all__ = ["LLMExtractor", "RequestIdentity", "article_stats", "stale_reason"]
