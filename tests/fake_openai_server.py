"""A small OpenAI chat-completions server on 127.0.0.1 that misbehaves on purpose.

Each request takes the next scripted behaviour (``enqueue``), else the first matching fault
(``fail_when``: keyed by article content, so it holds under any thread interleaving), else the
``plan`` (a function of the request and how many requests that article has made), else the
default ``responder`` (a function from the request body to an answer dict). Every request body
and header set is kept so tests can count calls and inspect what was sent.

Behaviours, from polite to hostile: ``answer``, ``content`` (any assistant text), ``status``
(any code and headers, e.g. 429 with any Retry-After), ``raw`` (any body bytes), ``edited``
(the whole completion rewritten: key in ``id``, no ``choices``...), ``hang`` (silent past the
client's timeout), ``trickle`` (a byte at a time, forever), ``reset`` (TCP reset, no answer),
``cut`` (the body stops half-way), ``huge`` (a valid answer padded to any size).
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Responder = Callable[[dict[str, Any]], dict[str, Any]]
Edit = Callable[[dict[str, Any]], Any]
PROMPT_TOKENS = 100
COMPLETION_TOKENS = 20


@dataclass
class Behaviour:
    kind: str  # answer | status | hang | raw | content | edited | trickle | reset | cut | huge
    answer: dict[str, Any] | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    text: str | None = None
    finish_reason: str = "stop"
    seconds: float = 0.0
    size: int = 0
    edit: Edit | None = None


def answer(data: dict[str, Any]) -> Behaviour:
    return Behaviour("answer", answer=data)


def status(code: int, headers: dict[str, str] | None = None, message: str = "boom") -> Behaviour:
    body = json.dumps({"error": {"message": message, "type": "fake", "code": None}}).encode()
    return Behaviour("status", status=code, headers=headers or {}, body=body)


def hang(seconds: float) -> Behaviour:
    return Behaviour("hang", seconds=seconds)


def raw(body: bytes, code: int = 200) -> Behaviour:
    return Behaviour("raw", status=code, body=body)


def content(text: str, finish_reason: str = "stop") -> Behaviour:
    """The assistant message carries ``text`` verbatim (invalid JSON, truncated JSON, ...)."""
    return Behaviour("content", text=text, finish_reason=finish_reason)


def edited(edit: Edit, text: str | None = None, headers: dict[str, str] | None = None) -> Behaviour:
    """The responder's (or ``text``'s) completion dict, passed through ``edit``; whatever
    ``edit`` returns is sent as JSON (a dict with the key in ``id``, a list, a bare string...),
    with ``headers``."""
    return Behaviour("edited", edit=edit, text=text, headers=headers or {})


def trickle(interval: float = 0.05) -> Behaviour:
    """Headers, then one body byte every ``interval`` seconds of a body that never ends: no
    single read ever waits long enough to time out."""
    return Behaviour("trickle", seconds=interval)


def reset() -> Behaviour:
    """The connection is reset (TCP RST) without a byte of answer."""
    return Behaviour("reset")


def cut() -> Behaviour:
    """Content-Length promises a whole answer; the connection closes half-way through it."""
    return Behaviour("cut")


def huge(size: int) -> Behaviour:
    """A schema-valid answer padded with an ignored field to about ``size`` bytes, sent in
    chunks with no Content-Length (the client cannot refuse it before reading)."""
    return Behaviour("huge", size=size)


def article_of(request: dict[str, Any]) -> str:
    """The article text our prompt wraps in <<< >>> (the last such user turn: re-asks and
    few-shot examples are other turns)."""
    for message in reversed(request.get("messages", [])):
        text = message.get("content") or ""
        if message.get("role") == "user" and "<<<\n" in text:
            return str(text.split("<<<\n", 1)[1].rsplit("\n>>>", 1)[0])
    return ""


def empty_answer(request: dict[str, Any]) -> dict[str, Any]:
    return {"quantities": [], "attributions": []}


class FakeOpenAI:
    def __init__(
        self,
        responder: Responder = empty_answer,
        plan: Callable[[dict[str, Any], int], Behaviour | None] | None = None,
    ) -> None:
        self.responder = responder
        self.plan = plan
        self.script: deque[Behaviour] = deque()
        self.faults: list[tuple[str, Behaviour, list[int]]] = []
        self._asked: dict[str, int] = {}
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    @property
    def calls(self) -> int:
        with self._lock:
            return len(self.requests)

    def reset(self) -> None:
        """Forget every request, script and fault (one server serves many examples)."""
        with self._lock:
            self.script.clear()
            self.faults.clear()
            self.requests.clear()
            self.headers.clear()
            self._asked.clear()

    def enqueue(self, *behaviours: Behaviour) -> None:
        with self._lock:
            self.script.extend(behaviours)

    def fail_when(self, marker: str, behaviour: Behaviour, times: int | None = None) -> None:
        """Requests whose article contains ``marker`` get ``behaviour`` (``times`` times, or
        always): keyed by content, so it holds under any thread interleaving."""
        with self._lock:
            self.faults.append((marker, behaviour, [10**9 if times is None else times]))

    def requests_for(self, marker: str) -> list[dict[str, Any]]:
        with self._lock:
            return [r for r in self.requests if marker in article_of(r)]

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _next(self, request: dict[str, Any]) -> Behaviour:
        with self._lock:
            self.requests.append(request)
            if self.script:
                return self.script.popleft()
            text = article_of(request)
            for marker, behaviour, left in self.faults:
                if marker in text and left[0] > 0:
                    left[0] -= 1
                    return behaviour
            nth = self._asked[text] = self._asked.get(text, 0) + 1
        planned = self.plan(request, nth - 1) if self.plan is not None else None
        return planned or answer(self.responder(request))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                request = json.loads(self.rfile.read(length) or b"{}")
                with fake._lock:
                    fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                b = fake._next(request)
                if b.kind == "hang":
                    fake._stop.wait(b.seconds)
                    b = answer(empty_answer(request))
                if b.kind in ("status", "raw"):
                    self._send(b.status, b.body, b.headers)
                    return
                if b.kind in ("reset", "cut", "trickle", "huge"):
                    getattr(self, f"_{b.kind}")(request, b)
                    return
                text = b.text if b.text is not None else json.dumps(b.answer)
                if b.kind == "edited" and b.text is None:
                    text = json.dumps(fake.responder(request))
                sent: Any = completion(request, text, b.finish_reason)
                if b.edit is not None:
                    sent = b.edit(sent)
                self._send(200, json.dumps(sent).encode(), b.headers)

            def _reset(self, request: dict[str, Any], b: Behaviour) -> None:
                linger = struct.pack("ii", 1, 0)  # close with RST, not FIN
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                self.close_connection = True

            def _cut(self, request: dict[str, Any], b: Behaviour) -> None:
                text = json.dumps(fake.responder(request))
                body = json.dumps(completion(request, text, "stop")).encode()
                self._send(200, body[: len(body) // 2], {"content-length": str(len(body))})
                self._reset(request, b)

            def _trickle(self, request: dict[str, Any], b: Behaviour) -> None:
                try:
                    self.send_response(200)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", "1000000")
                    self.end_headers()
                    while not fake._stop.wait(b.seconds):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

            def _huge(self, request: dict[str, Any], b: Behaviour) -> None:
                text = json.dumps({"quantities": [], "attributions": [], "pad": "@" * b.size})
                body = json.dumps(completion(request, text, "stop")).encode()
                try:
                    self.send_response(200)
                    self.send_header("content-type", "application/json")
                    self.end_headers()  # no length: the client cannot refuse it up front
                    for at in range(0, len(body), 65536):
                        self.wfile.write(body[at : at + 65536])
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

            def _send(self, code: int, body: bytes, headers: dict[str, str] | None = None) -> None:
                try:
                    self.send_response(code)
                    headers = {k.lower(): v for k, v in (headers or {}).items()}
                    headers.setdefault("content-type", "application/json")
                    headers.setdefault("content-length", str(len(body)))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        return Handler


def completion(request: dict[str, Any], text: str, finish_reason: str) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if request.get("tools"):
        name = request["tools"][0]["function"]["name"]
        call = {"id": "call_1", "type": "function", "function": {"name": name, "arguments": text}}
        message = {"role": "assistant", "content": None, "tool_calls": [call]}
        finish_reason = "tool_calls" if finish_reason == "stop" else finish_reason
    return {
        "id": f"chatcmpl-fake-{int(time.time() * 1000)}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "fake"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}],
        "usage": {
            "prompt_tokens": PROMPT_TOKENS,
            "completion_tokens": COMPLETION_TOKENS,
            "total_tokens": PROMPT_TOKENS + COMPLETION_TOKENS,
        },
    }
