"""In-process llama.cpp (``llama-cpp-python``) as an OpenAI-compatible endpoint.

Requests go through the same openai client + instructor path as a remote server, so retries,
usage, caching and recording behave identically. Imports ``llama_cpp`` (an optional extra)
on the first request.
"""

from __future__ import annotations

import importlib.util
import json
import threading
from pathlib import Path
from typing import Any, ClassVar

import httpx2

from factcheck.errors import FactcheckError


class LlamaTransport(httpx2.BaseTransport):
    """An in-process OpenAI-compatible endpoint backed by ``llama_cpp.Llama``.

    Requests go through the same openai client + instructor path as a remote server. The
    model is not thread-safe, so calls are serialised.
    """

    _ALLOWED: ClassVar[set[str]] = {
        "messages",
        "tools",
        "tool_choice",
        "temperature",
        "seed",
        "max_tokens",
        "stop",
    }

    def __init__(self, model_path: Path, n_ctx: int) -> None:
        if importlib.util.find_spec("llama_cpp") is None:
            raise FactcheckError(
                "--backend llama-cpp needs llama-cpp-python: pip install 'factcheck[llama-cpp]'"
            )
        if not model_path.is_file():
            raise FactcheckError(f"{model_path}: model file not found")
        self._model_path = model_path
        self._n_ctx = n_ctx
        self._llama: Any = None  # loaded on the first request: a fully cached run never loads it
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
            if self._llama is None:
                from llama_cpp import Llama

                self._llama = Llama(
                    model_path=str(self._model_path), n_ctx=self._n_ctx, verbose=False
                )
            out = self._llama.create_chat_completion(**kwargs)
        return httpx2.Response(200, json=out)


__all__ = ["LlamaTransport"]
