"""The only module that talks to a model: openai client + instructor (llama_cpp: see llm_local).

``ChatModel.complete`` sends one request and returns a validated answer of the response model it
is given (claims for extract mode, labels for label mode, a verdict for the judge). Two retry
layers, each counted:

- transport (ours, tenacity): 429 / 408 / 409 / 5xx / timeouts / connection errors, exponential
  backoff with jitter, a ``Retry-After`` header honoured; the openai client's own retries are
  off (``max_retries=0``) so every attempt is ours to count and to bound;
- validation (instructor): output that is not JSON or violates the schema is re-asked up to
  ``max_reasks`` times with the validation error.

A truncated answer (``finish_reason == "length"``) is not re-asked (it would be truncated
again): its complete items are salvaged and flagged, and the caller may redo a long text in
halves. Every failure ends as ``ModelCallError`` with a one-line reason that never contains the
API key.
"""

from __future__ import annotations

import email.utils
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import httpx2
import instructor
import openai
from instructor.core import Hooks, IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel, ValidationError
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt
from tenacity.wait import wait_exponential_jitter

from factcheck.config import Mode
from factcheck.errors import FactcheckError
from factcheck.llm.claims import LLMExtraction, salvage_answer
from factcheck.llm.redaction import REDACTOR, redact

log = logging.getLogger(__name__)
# Library loggers report each failed attempt at ERROR; we report outcomes ourselves. A
# NullHandler keeps Python's last-resort handler from printing them when nothing is configured.
for _name in ("instructor", "openai", "httpx2", "httpcore2"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_INSTRUCTOR_MODES = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    # llama-cpp-python's server dialect: response_format {"type": "json_object", "schema": ...};
    # parsed like JSON_SCHEMA (the answer is the message content).
    "json_object": instructor.Mode.JSON_SCHEMA,
    "md_json": instructor.Mode.MD_JSON,
}
_RETRY_STATUS = {408, 409, 429}
PLACEHOLDER_KEY = "not-needed"  # local servers ignore the key but the client insists on one


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
    """Counted from instructor hooks: every HTTP attempt, every response, every re-ask."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    retries: int = 0
    reasks: int = 0

    def on_request(self, *args: Any, **kwargs: Any) -> None:
        self.calls += 1

    def on_response(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
            self.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)

    def on_parse_error(self, error: Exception, **kwargs: Any) -> None:
        self.reasks += 1


AnswerT = TypeVar("AnswerT", bound=BaseModel)
Salvage = Callable[[str], BaseModel | None]


@dataclass(frozen=True)
class ModelAnswer(Generic[AnswerT]):
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


class ChatModel:
    """One configured OpenAI-compatible endpoint (a real server, in-process llama, or replay)."""

    def __init__(
        self,
        generation: Generation,
        *,
        base_url: str | None,
        api_key: str | None,
        timeout: float,
        max_retries: int = 4,
        max_reasks: int = 2,
        retry_max_wait: float = 60.0,
        transport: httpx2.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.generation = generation
        self.max_retries = max_retries
        self.max_reasks = max_reasks
        self.retry_max_wait = retry_max_wait
        self.timeout = timeout
        self._secret = api_key
        self._sleep = sleep
        http = httpx2.Client(transport=transport, timeout=timeout) if transport else None
        self._client = openai.OpenAI(
            api_key=api_key or PLACEHOLDER_KEY,
            base_url=base_url,
            timeout=timeout,
            max_retries=0,
            http_client=http,
        )
        self._instructor = instructor.from_openai(
            self._client, mode=_INSTRUCTOR_MODES[generation.mode]
        )
        self._backoff = wait_exponential_jitter(initial=1.0, max=max(retry_max_wait, 1.0))
        REDACTOR.protect(api_key)  # after the clients exist, so do their loggers

    def complete(
        self,
        messages: list[dict[str, str]],
        usage: CallUsage,
        response_model: type[AnswerT] = LLMExtraction,  # type: ignore[assignment]
        salvage: Salvage | None = salvage_answer,
    ) -> ModelAnswer[AnswerT]:
        """One validated answer. ``salvage`` recovers the complete part of a truncated answer
        (None: a truncated answer is an error)."""
        retrying = Retrying(
            stop=stop_after_attempt(self.max_retries + 1),
            retry=retry_if_exception(_retryable),
            wait=self._wait,
            sleep=self._sleep,
            before_sleep=lambda state: _note_retry(usage, state),
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    result = self._once(messages, usage, response_model)
            return result
        except IncompleteOutputException as exc:
            completion = getattr(exc, "last_completion", None)
            text = _completion_text(completion) if completion else ""
            salvaged = salvage(text) if salvage and text else None
            if not isinstance(salvaged, response_model):
                raise ModelCallError(
                    f"model output truncated (finish_reason=length) at max_tokens="
                    f"{self.generation.max_tokens}, no complete item",
                    truncated=True,
                    raw=_dump(completion) if completion else None,
                    model_id=_model_id(completion),
                ) from None
            return ModelAnswer(salvaged, _dump(completion), _model_id(completion), truncated=True)
        except (InstructorRetryException, openai.OpenAIError) as exc:
            reason = redact(self._reason(exc, usage.retries + 1), self._secret)
            last = getattr(exc, "last_completion", None) if _api_error(exc) is None else None
            raw = _dump(last) if last is not None else None
            raise ModelCallError(reason, raw=raw, model_id=_model_id(last)) from None

    def _once(
        self, messages: list[dict[str, str]], usage: CallUsage, response_model: type[AnswerT]
    ) -> ModelAnswer[AnswerT]:
        hooks = Hooks()
        hooks.on("completion:kwargs", usage.on_request)
        hooks.on("completion:response", usage.on_response)
        hooks.on("parse:error", usage.on_parse_error)
        answer, completion = self._instructor.create_with_completion(
            messages=messages,  # type: ignore[arg-type]
            response_model=response_model,
            max_retries=self.max_reasks,
            hooks=hooks,
            **self.generation.kwargs(response_model),
        )
        return ModelAnswer(answer, _dump(completion), _model_id(completion))

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        api = _api_error(exc) if exc else None
        if isinstance(api, openai.APIStatusError):
            after = retry_after_seconds(api.response.headers)
            if after is not None:
                return min(after, self.retry_max_wait)
        return float(self._backoff(state))

    def _reason(self, exc: BaseException, attempts: int) -> str:
        api = _api_error(exc)
        tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
        if isinstance(api, openai.APITimeoutError):
            return f"request timed out after {self.timeout:g}s ({tries})"
        if isinstance(api, openai.APIConnectionError):
            return f"cannot connect to the model endpoint ({tries})"
        if isinstance(api, openai.APIStatusError):
            detail = _short(getattr(api, "message", "") or str(api))
            if _unsupported_format(api):
                return (
                    f"the endpoint rejected response_format (HTTP {api.status_code}); "
                    "llama-cpp-python's server needs --mode json_object: " + detail
                )
            if api.status_code == 429:
                return f"rate limited (HTTP 429) on all {tries}"
            if api.status_code >= 500:
                return f"server error (HTTP {api.status_code}) on all {tries}: {detail}"
            return f"the endpoint refused the request (HTTP {api.status_code}): {detail}"
        if isinstance(api, openai.APIResponseValidationError):
            return f"the endpoint's response is not a chat completion: {_short(str(api))}"
        cause = exc.__cause__ or exc
        reasks = getattr(exc, "n_attempts", self.max_reasks + 1)
        if isinstance(cause, json.JSONDecodeError):
            return f"the endpoint's response body is not JSON ({reasks} attempts)"
        if isinstance(cause, ValidationError):
            errors = cause.errors()
            if errors and errors[0]["type"] == "json_invalid":
                return f"model output is not valid JSON ({reasks} attempts)"
            return f"model output does not match the schema ({reasks} attempts): " + _short(
                _first_error(cause)
            )
        return f"model output unusable ({reasks} attempts): {_short(str(cause))}"


def _dump(completion: Any) -> dict[str, Any]:
    return dict(completion.model_dump(mode="json", exclude_unset=True))


def _model_id(completion: Any) -> str | None:
    model = getattr(completion, "model", None)
    return str(model) if model else None


def _completion_text(completion: Any) -> str:
    """The answer's JSON text: message content, or the first tool call's arguments."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError):
        return ""
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        return str(calls[0].function.arguments or "")
    return str(message.content or "")


def _note_retry(usage: CallUsage, state: RetryCallState) -> None:
    usage.retries += 1
    exc = state.outcome.exception() if state.outcome else None
    log.info("model request failed (%s); retry %d", type(_api_error(exc) or exc).__name__,
             usage.retries)  # fmt: skip


def _api_error(exc: BaseException | None) -> openai.APIError | None:
    """The transport error behind ``exc`` (instructor wraps it in InstructorRetryException)."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, openai.APIError):
            return exc
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def _unsupported_format(api: openai.APIStatusError) -> bool:
    body = json.dumps(api.body) if not isinstance(api.body, str) else api.body
    return (
        api.status_code in {400, 422, 500}
        and "response_format" in body
        and ("json_schema" in body or "json_object" in body)
    )


def _retryable(exc: BaseException) -> bool:
    api = _api_error(exc)
    if isinstance(api, openai.APIConnectionError):  # includes timeouts
        return True
    if isinstance(api, openai.APIStatusError):
        if _unsupported_format(api):
            return False
        return api.status_code in _RETRY_STATUS or api.status_code >= 500
    return False


def retry_after_seconds(headers: httpx2.Headers) -> float | None:
    """Seconds asked for by ``retry-after-ms`` / ``Retry-After`` (seconds or an HTTP date)."""
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return max(0.0, float(value) * scale)
        except ValueError:
            pass
        when = email.utils.parsedate_to_datetime(value) if scale == 1.0 else None
        if when is not None:
            return max(0.0, when.timestamp() - time.time())
    return None


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def replay_answer(
    generation: Generation,
    messages: list[dict[str, str]],
    raw: dict[str, Any],
    response_model: type[AnswerT] = LLMExtraction,  # type: ignore[assignment]
    salvage: Salvage | None = salvage_answer,
) -> ModelAnswer[AnswerT]:
    """Parse a recorded completion exactly as a live one: same client, same instructor path."""
    body = json.dumps(raw).encode()

    def serve(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, content=body, headers={"content-type": "application/json"})

    model = ChatModel(
        generation,
        base_url="http://replay.invalid/v1",
        api_key=None,
        timeout=30.0,
        max_retries=0,
        max_reasks=0,
        transport=httpx2.MockTransport(serve),
    )
    return model.complete(messages, CallUsage(), response_model, salvage)


__all__ = [
    "CallUsage",
    "ChatModel",
    "Generation",
    "ModelAnswer",
    "ModelCallError",
    "Salvage",
    "replay_answer",
    "retry_after_seconds",
]
