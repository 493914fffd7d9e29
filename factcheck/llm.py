"""The only module that talks to a model: openai client + instructor (+ llama_cpp in-process).

``ChatModel.complete`` sends one extraction request and returns a validated ``LLMExtraction``.
Two retry layers, each counted:

- transport (ours, tenacity): 429 / 408 / 409 / 5xx / timeouts / connection errors, exponential
  backoff with jitter, a ``Retry-After`` header honoured; the openai client's own retries are
  off (``max_retries=0``) so every attempt is ours to count and to bound;
- validation (instructor): output that is not JSON or violates the schema is re-asked up to
  ``max_reasks`` times with the validation error.

A truncated answer (``finish_reason == "length"``) is not re-asked (it would be truncated
again); the caller may retry on a smaller piece of text. Every failure ends as
``ModelCallError`` with a one-line reason that never contains the API key.
"""

from __future__ import annotations

import email.utils
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
import instructor
import openai
from instructor.core import Hooks, IncompleteOutputException, InstructorRetryException
from pydantic import ValidationError
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt
from tenacity.wait import wait_exponential_jitter

from factcheck.config import Mode
from factcheck.errors import FactcheckError
from factcheck.llm_claims import LLMExtraction

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
    def __init__(self, reason: str, *, truncated: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.truncated = truncated


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


@dataclass(frozen=True)
class ModelAnswer:
    answer: LLMExtraction
    raw: dict[str, Any]  # the final completion as the server sent it: what recordings store
    model_id: str | None


@dataclass(frozen=True)
class Generation:
    model: str
    mode: Mode
    temperature: float = 0.0
    seed: int | None = None
    max_tokens: int = 2048
    official_openai: bool = False

    def kwargs(self) -> dict[str, Any]:
        out: dict[str, Any] = {"model": self.model, "temperature": self.temperature}
        # api.openai.com deprecates max_tokens; local servers only know max_tokens.
        out["max_completion_tokens" if self.official_openai else "max_tokens"] = self.max_tokens
        if self.seed is not None:
            out["seed"] = self.seed
        if self.mode == "json_object":
            schema = LLMExtraction.model_json_schema()
            out["extra_body"] = {"response_format": {"type": "json_object", "schema": schema}}
        return out


def redact(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret and len(secret) >= 4 else text


class _Redactor(logging.Filter):
    """Removes registered secrets from log records of the libraries we drive.

    Some servers echo the API key in error bodies, and instructor logs those bodies verbatim.
    Logger filters only see records of their own logger, so it is attached to each one.
    """

    PREFIXES = ("instructor", "openai", "httpx2", "httpcore2", "factcheck")

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = message
        for secret in self.secrets:
            clean = clean.replace(secret, "***")
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and self.secrets:
            text = logging.Formatter().formatException(record.exc_info)
            for secret in self.secrets:
                text = text.replace(secret, "***")
            record.exc_text = text
        return True

    def protect(self, secret: str | None) -> None:
        if not secret or len(secret) < 4:
            return
        self.secrets.add(secret)
        for name in [*logging.root.manager.loggerDict, *self.PREFIXES]:
            if name.split(".")[0] in self.PREFIXES:
                logger = logging.getLogger(name)
                if self not in logger.filters:
                    logger.addFilter(self)


_REDACTOR = _Redactor()


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
        _REDACTOR.protect(api_key)  # after the clients exist, so do their loggers

    def complete(self, messages: list[dict[str, str]], usage: CallUsage) -> ModelAnswer:
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
                    result = self._once(messages, usage)
            return result
        except IncompleteOutputException:
            raise ModelCallError(
                f"model output truncated (finish_reason=length) at max_tokens="
                f"{self.generation.max_tokens}",
                truncated=True,
            ) from None
        except (InstructorRetryException, openai.OpenAIError) as exc:
            attempts = usage.retries + 1
            raise ModelCallError(redact(self._reason(exc, attempts), self._secret)) from None

    def _once(self, messages: list[dict[str, str]], usage: CallUsage) -> ModelAnswer:
        hooks = Hooks()
        hooks.on("completion:kwargs", usage.on_request)
        hooks.on("completion:response", usage.on_response)
        hooks.on("parse:error", usage.on_parse_error)
        answer, completion = self._instructor.create_with_completion(
            messages=messages,  # type: ignore[arg-type]
            response_model=LLMExtraction,
            max_retries=self.max_reasks,
            hooks=hooks,
            **self.generation.kwargs(),
        )
        raw = completion.model_dump(mode="json", exclude_unset=True)
        return ModelAnswer(answer=answer, raw=raw, model_id=getattr(completion, "model", None))

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
        if isinstance(cause, ValidationError):
            errors = cause.errors()
            if errors and errors[0]["type"] == "json_invalid":
                return f"model output is not valid JSON ({reasks} attempts)"
            return f"model output does not match the schema ({reasks} attempts): " + _short(
                _first_error(cause)
            )
        return f"model output unusable ({reasks} attempts): {_short(str(cause))}"


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
    generation: Generation, messages: list[dict[str, str]], raw: dict[str, Any]
) -> ModelAnswer:
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
    return model.complete(messages, CallUsage())


class LlamaTransport(httpx2.BaseTransport):
    """An in-process OpenAI-compatible endpoint backed by ``llama_cpp.Llama``.

    Requests go through the same openai client + instructor path as a remote server. The
    model is not thread-safe, so calls are serialised.
    """

    _ALLOWED = {"messages", "tools", "tool_choice", "temperature", "seed", "max_tokens", "stop"}

    def __init__(self, model_path: Path, n_ctx: int) -> None:
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise FactcheckError(
                "--backend llama-cpp needs llama-cpp-python: pip install 'factcheck[llama-cpp]'"
            ) from exc
        if not model_path.is_file():
            raise FactcheckError(f"{model_path}: model file not found")
        self._llama = Llama(model_path=str(model_path), n_ctx=n_ctx, verbose=False)
        self._lock = threading.Lock()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        if not request.url.path.endswith("/chat/completions"):
            return httpx2.Response(404, json={"error": {"message": "not found"}})
        body = json.loads(request.read())
        kwargs = {k: v for k, v in body.items() if k in self._ALLOWED}
        kwargs["max_tokens"] = body.get("max_tokens") or body.get("max_completion_tokens")
        fmt = body.get("response_format")
        if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
            schema = fmt.get("json_schema", {}).get("schema")
            kwargs["response_format"] = {"type": "json_object", "schema": schema}
        elif isinstance(fmt, dict):
            kwargs["response_format"] = fmt
        with self._lock:
            out = self._llama.create_chat_completion(**kwargs)
        return httpx2.Response(200, json=out)


__all__ = [
    "CallUsage",
    "ChatModel",
    "Generation",
    "LlamaTransport",
    "ModelAnswer",
    "ModelCallError",
    "redact",
    "replay_answer",
    "retry_after_seconds",
]
