"""Where a model server's bytes enter the process: a size limit, a time limit, the key scrubbed.

``GuardedClient`` is the HTTP client the openai SDK sends through. It reads every response body
(answers and error bodies alike) before the SDK, instructor, pydantic, the cache or a recording
sees it:

- at most ``max_bytes`` (after content decoding): a bigger body raises ``AnswerTooLarge`` as
  soon as the limit is passed, so memory stays bounded and nothing huge is ever parsed, cached
  or recorded;
- within ``timeout`` seconds once the headers are in: the per-read timeout never fires for a
  server that trickles a byte at a time, so the body as a whole has a deadline too (raised as a
  timeout, retried like one);
- with the API key scrubbed from the body and the headers (``redaction.scrub``): a key echoed
  inside a valid answer would otherwise flow into claims, cache files, recordings and reports.

It subclasses the SDK's default client (rather than wrapping a transport) so that connection
limits, redirects and proxy settings from the environment stay exactly the SDK's.
"""

from __future__ import annotations

import datetime
import time
from typing import Any

import httpx2
import openai

from factcheck.llm.redaction import scrub, scrub_bytes

DEFAULT_MAX_ANSWER_BYTES = 1024 * 1024  # Settings.max_answer_bytes
_DROPPED_HEADERS = {"content-encoding", "content-length", "transfer-encoding"}


class AnswerTooLarge(Exception):
    """A response body passed the size limit (not an ``httpx2`` error: never retried)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"response larger than {limit} bytes")
        self.limit = limit


class GuardedClient(openai.DefaultHttpxClient):
    def __init__(
        self, *, max_bytes: int, timeout: float, secret: str | None, **kwargs: Any
    ) -> None:
        super().__init__(timeout=timeout, **kwargs)
        self.max_bytes = max_bytes
        self.body_timeout = timeout
        self.secret = secret

    def send(self, request: httpx2.Request, **kwargs: Any) -> httpx2.Response:
        kwargs["stream"] = True  # we read (and bound) the body ourselves
        started = time.monotonic()
        response = super().send(request, **kwargs)
        try:
            body = self._read(response)
        finally:
            response.close()
        headers = [
            (name, scrub(value, [self.secret]))
            for name, value in response.headers.multi_items()
            if name.lower() not in _DROPPED_HEADERS
        ]
        guarded = httpx2.Response(
            response.status_code,
            headers=headers,
            content=scrub_bytes(body, [self.secret]),
            request=request,
            history=response.history,
            extensions={k: v for k, v in response.extensions.items() if k != "network_stream"},
        )
        guarded.elapsed = datetime.timedelta(seconds=time.monotonic() - started)
        return guarded

    def _read(self, response: httpx2.Response) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes and _identity(response):
            raise AnswerTooLarge(self.max_bytes)
        deadline = time.monotonic() + self.body_timeout
        size = 0
        chunks: list[bytes] = []
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise AnswerTooLarge(self.max_bytes)
            if time.monotonic() > deadline:
                raise httpx2.ReadTimeout(
                    f"response body not complete {self.body_timeout:g}s after its headers",
                    request=response.request,
                )
            chunks.append(chunk)
        return b"".join(chunks)


def _identity(response: httpx2.Response) -> bool:
    """Content-Length counts the decoded body only without a content encoding."""
    return response.headers.get("content-encoding", "identity").lower() == "identity"


__all__ = ["DEFAULT_MAX_ANSWER_BYTES", "AnswerTooLarge", "GuardedClient"]
