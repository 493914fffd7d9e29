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
API key. Every response passes ``guard.GuardedClient`` first: size-limited, deadline-bound and
scrubbed of the key before anything parses, caches or records it.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx2
import instructor
import openai
from instructor.core import Hooks, IncompleteOutputException, InstructorRetryException
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt
from tenacity.wait import wait_exponential_jitter

from factcheck.llm.calls import (
    AnswerT,
    CallUsage,
    Generation,
    ModelAnswer,
    ModelCallError,
    Salvage,
)
from factcheck.llm.claims import LLMExtraction, salvage_answer
from factcheck.llm.failures import (
    Limits,
    api_error,
    describe,
    retry_after_seconds,
    retryable,
    short,
)
from factcheck.llm.guard import DEFAULT_MAX_ANSWER_BYTES, GuardedClient
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
PLACEHOLDER_KEY = "not-needed"  # local servers ignore the key but the client insists on one


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
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
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
        self.max_answer_bytes = max_answer_bytes
        http = GuardedClient(
            max_bytes=max_answer_bytes, timeout=timeout, secret=api_key, transport=transport
        )
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
        # The cap is a cap: retry_max_wait=0 retries at once (tests, local servers).
        self._backoff = wait_exponential_jitter(max=retry_max_wait)
        REDACTOR.protect(api_key)  # after the clients exist, so do their loggers

    def complete(
        self,
        messages: list[dict[str, str]],
        usage: CallUsage,
        response_model: type[AnswerT] = LLMExtraction,  # type: ignore[assignment]
        salvage: Salvage | None = salvage_answer,
    ) -> ModelAnswer[AnswerT]:
        """One validated answer. ``salvage`` recovers the complete part of a truncated answer
        (None: a truncated answer is an error). ``usage.retries`` counts every request after
        the first, whatever caused it."""
        sent = usage.calls
        try:
            return self._complete(messages, usage, response_model, salvage)
        finally:
            usage.retries += max(0, usage.calls - sent - 1)

    def _complete(
        self,
        messages: list[dict[str, str]],
        usage: CallUsage,
        response_model: type[AnswerT],
        salvage: Salvage | None,
    ) -> ModelAnswer[AnswerT]:
        retrying = Retrying(
            stop=stop_after_attempt(self.max_retries + 1),
            retry=retry_if_exception(retryable),
            wait=self._wait,
            sleep=self._sleep,
            before_sleep=_note_retry,
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
            attempts = int(retrying.statistics.get("attempt_number", 1))
            limits = Limits(self.timeout, self.max_reasks, self.max_answer_bytes)
            reason = redact(describe(exc, attempts, limits), self._secret)
            last = getattr(exc, "last_completion", None) if api_error(exc) is None else None
            raw = _dump(last) if last is not None else None
            raise ModelCallError(reason, raw=raw, model_id=_model_id(last)) from None
        except Exception as exc:
            # Instructor and the SDK raise more than their documented errors on shapes they do
            # not expect (an answer with no choices, a null message, ...). One bad response
            # fails its article with a reason; it must not abort a run that has paid for the
            # other articles.
            log.debug("unexpected model client error", exc_info=True)
            reason = f"model response unusable: {type(exc).__name__}: {short(str(exc))}"
            raise ModelCallError(redact(reason, self._secret)) from None

    def _once(
        self, messages: list[dict[str, str]], usage: CallUsage, response_model: type[AnswerT]
    ) -> ModelAnswer[AnswerT]:
        hooks = Hooks()
        hooks.on("completion:kwargs", usage.on_request)
        hooks.on("completion:response", usage.on_response)
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
        api = api_error(exc) if exc else None
        if isinstance(api, openai.APIStatusError):
            after = retry_after_seconds(api.response.headers)
            if after is not None:
                return min(after, self.retry_max_wait)
        return float(self._backoff(state))


def _dump(completion: Any) -> dict[str, Any]:
    """The completion as the server sent it, for a recording, whatever its shape (a server may
    send a bare list or string: kept under "body", so that its replay fails alike)."""
    dump = getattr(completion, "model_dump", None)
    if callable(dump):
        # warnings=False: a server's odd field types are its business, not a warning on stderr.
        return dict(dump(mode="json", exclude_unset=True, warnings=False))
    return completion if isinstance(completion, dict) else {"body": completion}


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


def _note_retry(state: RetryCallState) -> None:
    exc = state.outcome.exception() if state.outcome else None
    log.info("model request failed (%s); retry %d", type(api_error(exc) or exc).__name__,
             state.attempt_number)  # fmt: skip


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
