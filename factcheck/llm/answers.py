"""Where a model's answer comes from: a recording (replay), else the cache, else the model.

One ``AnswerSource`` serves every kind of request (extraction, labels, the judge), so all of
them are cached, recorded and replayed alike. A request is identified by everything that
determines its answer: endpoint, model, prompt hash, response-schema hash, the text sent and
the generation settings. Only validated answers are cached; every response (an unusable one
too) is recorded, so a replay fails exactly where the live run failed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from factcheck.llm.cache import AnswerCache, request_key
from factcheck.llm.calls import CallUsage, ChatLike, Generation, ModelCallError, Salvage
from factcheck.llm.recording import RecordingStore, RequestKey, StaleRecordingError

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)


def model_schema_hash(model: type[BaseModel]) -> str:
    text = json.dumps(model.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


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

    def with_schema(self, schema_hash: str) -> RequestIdentity:
        return RequestIdentity(
            self.endpoint, self.endpoint_kind, self.prompt_hash, schema_hash, self.generation
        )

    def cache_key(self, text: str) -> str:
        return request_key(
            {
                "endpoint": self.endpoint,
                "model": self.generation.model,
                "prompt": self.prompt_hash,
                "schema": self.schema_hash,
                "text": sha256(text),
                "settings": self.settings(),
            }
        )

    def recording_key(self, text: str) -> RequestKey:
        return RequestKey(
            endpoint_kind=self.endpoint_kind,
            model=self.generation.model,
            prompt_hash=self.prompt_hash,
            schema_hash=self.schema_hash,
            text_sha256=sha256(text),
            settings=self.settings(),
        )


class MissingRecording(ModelCallError):
    """Replay only: this request was never recorded (the recordings are stale)."""


class AnswerSource:
    """Replay, cache, model and recorder for one prompt; safe to share between threads."""

    def __init__(
        self,
        *,
        model: ChatLike | None,
        identity: RequestIdentity,
        cache: AnswerCache | None = None,
        recorder: RecordingStore | None = None,
        replay: RecordingStore | None = None,
    ) -> None:
        if model is None and replay is None:
            raise ValueError("an AnswerSource needs a model or a replay store")
        self.model = model
        self.identity = identity
        self.cache = cache
        self.recorder = recorder
        self.replay = replay
        self._lock = threading.Lock()
        self.missing = 0  # replay requests with no recording, over this source's life

    @property
    def generation(self) -> Generation:
        return self.identity.generation

    def ask(
        self,
        messages: list[dict[str, str]],
        key_text: str,
        response_model: type[T],
        usage: CallUsage,
        *,
        label: str,
        salvage: Salvage | None = None,
        identity: RequestIdentity | None = None,
        reject: Callable[[T], str | None] | None = None,
    ) -> tuple[T, bool, bool]:
        """(answer, from cache, truncated). ``key_text`` is what identifies the request besides
        the prompt and schema (the article chunk, the candidates as sent). ``reject`` names why
        a valid answer is still unusable (a flood of items): such an answer is recorded but
        never cached. Raises ``ModelCallError`` (``MissingRecording`` on a replay miss)."""
        ident = identity or self.identity
        if self.replay is not None:
            try:
                record = self.replay.load(ident.recording_key(key_text), label)
            except StaleRecordingError as exc:
                with self._lock:
                    self.missing += 1
                raise MissingRecording(str(exc)) from None
            # Parsed by the real client path; imported here so that a run that never replays
            # never loads openai/instructor.
            from factcheck.llm.client import replay_answer as parse_recorded

            got = parse_recorded(
                ident.generation, messages, record.response, response_model, salvage
            )
            return got.answer, False, got.truncated
        key = ident.cache_key(key_text)
        if self.cache is not None and self.recorder is None:
            entry = self.cache.get(key)
            if entry is not None:
                try:
                    return response_model.model_validate(entry.answer), True, entry.truncated
                except ValidationError:
                    log.warning("cache entry for %s no longer validates; recomputing", label)
                    self.cache.discard(key)
        assert self.model is not None
        try:
            result = self.model.complete(messages, usage, response_model, salvage)
        except ModelCallError as exc:
            # Never cached; but an unusable answer is still the model's response: recorded.
            if self.recorder is not None and exc.raw is not None:
                self.recorder.save(ident.recording_key(key_text), exc.raw, exc.model_id, label)
            raise
        reason = reject(result.answer) if reject is not None else None
        if reason is not None:
            if self.recorder is not None:
                self.recorder.save(
                    ident.recording_key(key_text), result.raw, result.model_id, label
                )
            raise ModelCallError(reason)
        if self.cache is not None:
            answer = result.answer.model_dump(mode="json")
            self.cache.put(key, answer, result.model_id, result.truncated)
        if self.recorder is not None:
            self.recorder.save(ident.recording_key(key_text), result.raw, result.model_id, label)
        return result.answer, False, result.truncated


__all__ = [
    "AnswerSource",
    "MissingRecording",
    "RequestIdentity",
    "model_schema_hash",
    "sha256",
]
