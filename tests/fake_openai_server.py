"""A small OpenAI chat-completions server on 127.0.0.1 that misbehaves on purpose.

Each request takes the next scripted behaviour (``enqueue``), else the default ``responder``
(a function from the request body to an answer dict). Every request body and header set is kept
so tests can count calls and inspect what was sent.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Responder = Callable[[dict[str, Any]], dict[str, Any]]
PROMPT_TOKENS = 100
COMPLETION_TOKENS = 20


@dataclass
class Behaviour:
    kind: str  # answer | status | hang | raw | content
    answer: dict[str, Any] | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    text: str = ""
    finish_reason: str = "stop"
    seconds: float = 0.0


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
    def __init__(self, responder: Responder = empty_answer) -> None:
        self.responder = responder
        self.script: deque[Behaviour] = deque()
        self.faults: list[tuple[str, Behaviour, list[int]]] = []
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
        return answer(self.responder(request))

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
                text = b.text if b.kind == "content" else json.dumps(b.answer)
                self._send(200, json.dumps(completion(request, text, b.finish_reason)).encode())

            def _send(self, code: int, body: bytes, headers: dict[str, str] | None = None) -> None:
                try:
                    self.send_response(code)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(body)))
                    for k, v in (headers or {}).items():
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
