"""``LLMExtractor``: the Extractor protocol over a model, with cache, recording and replay.

Per article: split into chunks, get one validated answer per chunk (replay, else cache, else the
model), ground each answer in the article, merge the chunks' claims. Thread-safe: the pipeline
calls ``extract`` from several threads; per-article stats sit behind a lock and the cache and
recording stores write atomically.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from factcheck.errors import ExtractionError
from factcheck.llm.cache import AnswerCache, request_key
from factcheck.llm.calls import CallUsage, ChatLike, Generation, ModelAnswer, ModelCallError
from factcheck.llm.claims import Chunk, LLMExtraction, chunk_text, ground_answer, merge_claims
from factcheck.llm.prompt import Prompt
from factcheck.llm.recording import RecordingStore, RequestKey
from factcheck.schemas import Article, Claim, ExtractionStats, ExtractorInfo, Usage

log = logging.getLogger(__name__)

DEFAULT_MAX_CLAIMS = 500  # model items per article: Settings.max_claims
MIN_SPLIT_CHARS = 1200  # a truncated answer is retried on two halves down to this size,
MAX_SPLIT_DEPTH = 2  # and at most twice in a row (at worst 7 calls for one chunk)
CostFn = Callable[[int, int], float | None]


@dataclass(frozen=True)
class RequestIdentity:
    """Everything that determines a model's answer, apart from the text itself."""

    endpoint: str  # full endpoint (cache key); recordings use the portable endpoint_kind
    endpoint_kind: str
    prompt_hash: str
    schema_hash: str
    generation: Generation

    def settings(self) -> dict[str, Any]:
        g = self.generation
        return {
            "mode": g.mode,
            "temperature": g.temperature,
            "seed": g.seed,
            "max_tokens": g.max_tokens,
        }

    def cache_key(self, text: str) -> str:
        return request_key(
            {
                "endpoint": self.endpoint,
                "model": self.generation.model,
                "prompt": self.prompt_hash,
                "schema": self.schema_hash,
                "text": _sha(text),
                "settings": self.settings(),
            }
        )

    def recording_key(self, text: str) -> RequestKey:
        return RequestKey(
            endpoint_kind=self.endpoint_kind,
            model=self.generation.model,
            prompt_hash=self.prompt_hash,
            schema_hash=self.schema_hash,
            text_sha256=_sha(text),
            settings=self.settings(),
        )


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _items(answer: LLMExtraction) -> int:
    return len(answer.quantities) + len(answer.attributions)


def _repetitive(answer: LLMExtraction) -> bool:
    items = [i.model_dump_json() for i in [*answer.quantities, *answer.attributions]]
    return len(set(items)) < len(items)


class LLMExtractor:
    def __init__(
        self,
        *,
        model: ChatLike | None,
        identity: RequestIdentity,
        prompt: Prompt,
        info: ExtractorInfo,
        chunk_chars: int = 8000,
        chunk_overlap: int = 400,
        cache: AnswerCache | None = None,
        recorder: RecordingStore | None = None,
        replay: RecordingStore | None = None,
        cost: CostFn | None = None,
        max_claims: int = DEFAULT_MAX_CLAIMS,
    ) -> None:
        if model is None and replay is None:
            raise ValueError("LLMExtractor needs a model or a replay store")
        self._model = model
        self._identity = identity
        self._prompt = prompt
        self._info = info
        self._chunk_chars = chunk_chars
        self._chunk_overlap = chunk_overlap
        self._cache = cache
        self._recorder = recorder
        self._replay = replay
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
        items = 0
        try:
            for chunk in chunk_text(article.text, self._chunk_chars, self._chunk_overlap):
                for piece, answer, from_cache in self._answers(article, chunk, usage):
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
        messages = self._prompt.messages(chunk.text)
        label = f"article {article.id} chars {chunk.start}-{chunk.end}"
        if self._replay is not None:
            from factcheck.llm.client import replay_answer  # parsed by the real client path

            record = self._replay.load(self._identity.recording_key(chunk.text), label)
            replayed = replay_answer(self._identity.generation, messages, record.response)
            return replayed.answer, False, replayed.truncated
        key = self._identity.cache_key(chunk.text)
        if self._cache is not None and self._recorder is None:
            entry = self._cache.get(key)
            if entry is not None:
                try:
                    return LLMExtraction.model_validate(entry.answer), True, entry.truncated
                except ValidationError:
                    log.warning("cache entry for %s no longer validates; recomputing", label)
                    self._cache.discard(key)
        assert self._model is not None
        try:
            result: ModelAnswer = self._model.complete(messages, usage)
        except ModelCallError as exc:
            # Never cached; but an unusable answer is still the model's response: recorded.
            if self._recorder is not None and exc.raw is not None:
                self._record(chunk, exc.raw, exc.model_id, label)
            raise
        if _items(result.answer) > self._max_claims:  # a flood is a failure: never cached
            if self._recorder is not None:
                self._record(chunk, result.raw, result.model_id, label)
            raise self._too_many()
        if self._cache is not None:
            answer = result.answer.model_dump(mode="json")
            self._cache.put(key, answer, result.model_id, result.truncated)
        if self._recorder is not None:
            self._record(chunk, result.raw, result.model_id, label)
        return result.answer, False, result.truncated

    def _too_many(self) -> ModelCallError:
        return ModelCallError(
            f"the model gave more than max_claims={self._max_claims} claims for this article; "
            "none kept (raise --max-claims if it is genuine)"
        )

    def _record(self, chunk: Chunk, raw: dict[str, Any], model_id: str | None, label: str) -> None:
        assert self._recorder is not None
        self._recorder.save(self._identity.recording_key(chunk.text), raw, model_id, label)

    def _record_stats(self, article_id: str, dropped: int, from_cache: bool, u: CallUsage) -> None:
        cost = self._cost(u.prompt_tokens, u.completion_tokens) if self._cost else None
        usage = Usage(
            calls=u.calls,
            prompt_tokens=u.prompt_tokens,
            completion_tokens=u.completion_tokens,
            retries=u.retries,
            cost_usd=cost,
        )
        stats = ExtractionStats(ungrounded_dropped=dropped, from_cache=from_cache, usage=usage)
        with self._lock:
            self._stats[article_id] = stats


__all__ = ["LLMExtractor", "RequestIdentity"]
