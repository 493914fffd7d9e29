"""A failed model call, classified: retry it or not, how long a server asks us to wait, and the
one-line reason an article fails with.

Instructor and the openai SDK wrap what they catch (``InstructorRetryException`` around an
``APIConnectionError`` around our ``AnswerTooLarge``...), so every test walks the cause chain.
"""

from __future__ import annotations

import email.utils
import json
import math
import time
from dataclasses import dataclass
from datetime import UTC
from typing import TypeVar

import httpx2
import openai
from pydantic import ValidationError

from factcheck.llm.guard import AnswerTooLarge

_RETRY_STATUS = {408, 409, 429}
_E = TypeVar("_E", bound=BaseException)


def cause(exc: BaseException | None, kind: type[_E]) -> _E | None:
    """The ``kind`` error behind ``exc``, if any."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, kind):
            return exc
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def api_error(exc: BaseException | None) -> openai.APIError | None:
    """The transport error behind ``exc`` (instructor wraps it in InstructorRetryException)."""
    return cause(exc, openai.APIError)


def unsupported_format(api: openai.APIStatusError) -> bool:
    body = json.dumps(api.body) if not isinstance(api.body, str) else api.body
    return (
        api.status_code in {400, 422, 500}
        and "response_format" in body
        and ("json_schema" in body or "json_object" in body)
    )


def retryable(exc: BaseException) -> bool:
    if cause(exc, AnswerTooLarge) is not None:
        return False  # the same request would get the same runaway answer
    api = api_error(exc)
    if isinstance(api, openai.APIConnectionError):  # includes timeouts
        return True
    if isinstance(api, openai.APIStatusError):
        if unsupported_format(api):
            return False
        return api.status_code in _RETRY_STATUS or api.status_code >= 500
    return False


def retry_after_seconds(headers: httpx2.Headers) -> float | None:
    """Seconds asked for by ``retry-after-ms`` / ``Retry-After`` (seconds or an HTTP date).

    None (our own backoff) for anything else: a server's "soon", an empty value, NaN, a date
    that does not parse. A header we cannot read must never cost the run."""
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name, "").strip()
        seconds: float | None
        try:
            seconds = float(value) * scale
        except ValueError:
            seconds = _http_date_seconds(value) if scale == 1.0 else None
        if seconds is not None and not math.isnan(seconds):
            return max(0.0, seconds)  # +inf is fine: the caller caps every wait
    return None


def _http_date_seconds(value: str) -> float | None:
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000": UTC by RFC 5322
        when = when.replace(tzinfo=UTC)
    return when.timestamp() - time.time()


@dataclass(frozen=True)
class Limits:
    """The settings a reason names."""

    timeout: float
    max_reasks: int
    max_answer_bytes: int


def describe(exc: BaseException, attempts: int, limits: Limits) -> str:
    """One line saying why a call failed; never the model's text, never a multi-line error."""
    api = api_error(exc)
    tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
    if cause(exc, AnswerTooLarge) is not None:
        return (
            f"model response larger than max_answer_bytes={limits.max_answer_bytes}; "
            "not parsed, cached or retried (raise --max-answer-bytes if it is genuine)"
        )
    if isinstance(api, openai.APITimeoutError):
        return f"request timed out after {limits.timeout:g}s ({tries})"
    if isinstance(api, openai.APIConnectionError):
        return f"connection to the model endpoint failed ({tries})"
    if isinstance(api, openai.APIStatusError):
        detail = short(getattr(api, "message", "") or str(api))
        if unsupported_format(api):
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
        return f"the endpoint's response is not a chat completion: {short(str(api))}"
    reason = exc.__cause__ or exc
    reasks = getattr(exc, "n_attempts", limits.max_reasks + 1)
    if isinstance(reason, json.JSONDecodeError):
        return f"the endpoint's response body is not JSON ({reasks} attempts)"
    if isinstance(reason, ValidationError):
        errors = reason.errors()
        if errors and errors[0]["type"] == "json_invalid":
            return f"model output is not valid JSON ({reasks} attempts)"
        return f"model output does not match the schema ({reasks} attempts): " + short(
            first_error(reason)
        )
    return f"model output unusable ({reasks} attempts): {short(str(reason))}"


def first_error(exc: ValidationError) -> str:
    """Where and what, without pydantic's ``input_value=`` (the model's text, maybe huge)."""
    err = exc.errors()[0]
    return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"


def short(text: str, limit: int = 200) -> str:
    """One printable line: a server's message may hold newlines and terminal escapes."""
    text = "".join(c for c in " ".join(text.split()) if c.isprintable())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = [
    "Limits",
    "api_error",
    "cause",
    "describe",
    "first_error",
    "retry_after_seconds",
    "retryable",
    "short",
    "unsupported_format",
]
