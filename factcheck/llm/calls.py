"""What a model call takes and gives, without the client: generation settings, usage counts,
the validated answer, the error; and ``LazyChatModel``, which builds the client on the first
real call.

Apart from ``factcheck.llm.client`` so that the extractor, the cache and replay bookkeeping
import no openai/instructor: a fully cached run never loads them (about a second of start-up).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from pydantic import BaseModel

from factcheck.config import Mode
from factcheck.errors import FactcheckError
from factcheck.llm.claims import LLMExtraction, salvage_answer

if TYPE_CHECKING:
    from factcheck.llm.client import ChatModel


class ModelCallError(FactcheckError):
    """No usable answer. ``raw`` is the model's last completion when there was one (an
    unusable answer is still a model response: recordings keep it so a replay fails alike)."""

    def __init__(
        self,
        reason: str,
        *,
        truncated: bool = False,
        raw: dict[str, Any] | None = None,
        model_id: str | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.truncated = truncated
        self.raw = raw
        self.model_id = model_id


@dataclass
class CallUsage:
    """Counted from instructor hooks: every HTTP attempt and every response. ``retries`` is
    every request after the first of each ``complete``, whatever caused it (a 429, a timeout, a
    body that is not JSON, an answer that failed validation)."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    retries: int = 0

    def on_request(self, *args: Any, **kwargs: Any) -> None:
        self.calls += 1

    def on_response(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.prompt_tokens += _count(getattr(usage, "prompt_tokens", 0))
            self.completion_tokens += _count(getattr(usage, "completion_tokens", 0))


def _count(value: Any) -> int:
    """A token count as the server reported it; a nonsensical one counts as 0."""
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError, OverflowError):
        return 0


AnswerT = TypeVar("AnswerT", bound=BaseModel)
# Recovers the complete part of a truncated answer's JSON text (None: nothing usable).
Salvage = Callable[[str], BaseModel | None]


@dataclass(frozen=True)
class ModelAnswer(Generic[AnswerT]):
    """A validated answer of the response model asked for: claims (extract mode), labels
    (label mode) or a verdict (the judge)."""

    answer: AnswerT
    raw: dict[str, Any]  # the final completion as the server sent it: what recordings store
    model_id: str | None
    truncated: bool = False  # cut at max_tokens; ``answer`` holds its complete items only


@dataclass(frozen=True)
class Generation:
    model: str
    mode: Mode
    temperature: float = 0.0
    seed: int | None = None
    max_tokens: int = 2048
    official_openai: bool = False

    def kwargs(self, response_model: type[BaseModel] = LLMExtraction) -> dict[str, Any]:
        out: dict[str, Any] = {"model": self.model, "temperature": self.temperature}
        # api.openai.com deprecates max_tokens; local servers only know max_tokens.
        out["max_completion_tokens" if self.official_openai else "max_tokens"] = self.max_tokens
        if self.seed is not None:
            out["seed"] = self.seed
        if self.mode == "json_object":
            schema = response_model.model_json_schema()
            out["extra_body"] = {"response_format": {"type": "json_object", "schema": schema}}
        return out


class ChatLike(Protocol):
    generation: Generation

    def complete(
        self,
        messages: list[dict[str, str]],
        usage: CallUsage,
        response_model: type[AnswerT] = ...,
        salvage: Salvage | None = ...,
    ) -> ModelAnswer[AnswerT]: ...


class LazyChatModel:
    """A ``ChatModel`` built by ``build`` on the first ``complete`` (once, thread-safe)."""

    def __init__(self, generation: Generation, build: Callable[[], ChatModel]) -> None:
        self.generation = generation
        self._build = build
        self._model: ChatModel | None = None
        self._lock = threading.Lock()

    @property
    def built(self) -> bool:
        return self._model is not None

    def complete(
        self,
        messages: list[dict[str, str]],
        usage: CallUsage,
        response_model: type[AnswerT] = LLMExtraction,  # type: ignore[assignment]
        salvage: Salvage | None = salvage_answer,
    ) -> ModelAnswer[AnswerT]:
        model = self._model
        if model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._build()
                model = self._model
        return model.complete(messages, usage, response_model, salvage)


__all__ = [
    "AnswerT",
    "CallUsage",
    "ChatLike",
    "Generation",
    "LazyChatModel",
    "ModelAnswer",
    "ModelCallError",
    "Salvage",
]
