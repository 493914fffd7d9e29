"""Run an installed factcheck (the built wheel, in its own venv) from outside the checkout.

    python .ci/wheel_smoke.py VENV WORKDIR

VENV is a virtual environment with only the wheel installed; WORKDIR is an empty folder outside
the checkout, used as the working directory of every command so nothing can be read from the
source tree by accident. Checks, each failing loudly:

1. The packaged prompt and price table load from the installed package, not from the checkout.
2. ``factcheck check examples/seed`` offline exits 1 (the seed holds contradictions).
3. ``factcheck check --base-url`` against a loopback fake OpenAI-compatible server, in both LLM
   modes. Label mode (the default): one request per rule candidate, each with the packaged label
   prompt's system text; every article checked, the rules' claims kept. Extract mode: every
   article goes through openai + instructor with the packaged extraction prompt's system text,
   the fake's grounded answers come back as claims, usage is counted.
4. ``factcheck eval`` outside the checkout names the missing eval set and ``--evals-dir``; with
   ``--evals-dir`` pointing at the checkout's evals it runs.

The fake server is ``tests/fake_openai_server.py`` (this script runs with the CI venv's Python,
which can import the checkout's tests package; the wheel's venv never sees it).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.fake_openai_server import FakeOpenAI, article_of  # noqa: E402

SENTENCE = re.compile(r"[^\n.!?]*\d[^\n.!?]*[.!?]")
QUANTITY = re.compile(r"\b\d[\d,]*(?:\.\d+)? [a-z]+")


def grounded_answer(request: dict[str, Any]) -> dict[str, Any]:
    """What a careful model would answer: the first sentence stating a number, copied exactly,
    with that number and the word after it as the quantity."""
    text = article_of(request)
    for sentence in SENTENCE.finditer(text):
        found = QUANTITY.search(sentence.group(0))
        if found:
            evidence = sentence.group(0).strip()
            quantity = {"evidence": evidence, "quantity_text": found.group(0), "measured": "count"}
            return {"quantities": [quantity], "attributions": []}
    return {"quantities": [], "attributions": []}


def label_answer(request: dict[str, Any]) -> dict[str, Any]:
    """A valid label for any candidate: nothing the rules read is changed by it."""
    fmt = request.get("response_format") or {}
    name = str((fmt.get("json_schema") or {}).get("name", ""))
    if name == "QuoteLabels":
        return {"speaker": 0, "channel": "unknown"}
    figure = {"counted": "other", "event": "none", "role": "total", "scope": "", "time": ""}
    if name == "QuantityLabels":
        return figure
    raise AssertionError(f"unexpected label request {name!r}")


def run(venv: Path, workdir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    command = [str(venv / "bin" / "factcheck"), *argv]
    print("$ factcheck " + " ".join(argv), flush=True)
    return subprocess.run(command, cwd=workdir, capture_output=True, text=True, check=False)


def fail(message: str, result: subprocess.CompletedProcess[str] | None = None) -> None:
    if result is not None:
        message += f"\n--- exit {result.returncode}\n--- stdout\n{result.stdout[-3000:]}"
        message += f"\n--- stderr\n{result.stderr[-3000:]}"
    sys.exit(f"wheel smoke: {message}")


def packaged_prompt(
    venv: Path, workdir: Path, loader: str = "prompt:load_prompt"
) -> dict[str, str]:
    module, function = loader.split(":")
    code = (
        f"import json; from factcheck.llm.{module} import {function};"
        "from factcheck.llm.prices import load_prices;"
        f"p = {function}(); load_prices();"
        "system = p.system_text() if hasattr(p, 'system_text') else p.system;"
        "print(json.dumps({'path': str(p.path), 'system': system, 'hash': p.hash}))"
    )
    python = str(venv / "bin" / "python")
    result = subprocess.run(
        [python, "-c", code], cwd=workdir, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        fail("the installed package cannot load its prompt or prices", result)
    prompt: dict[str, str] = json.loads(result.stdout)
    if not Path(prompt["path"]).resolve().is_relative_to(venv.resolve()):
        fail(f"prompt loaded from {prompt['path']}, not from the wheel's venv {venv}")
    print(f"packaged prompt: {prompt['path']} (hash {prompt['hash']})")
    return prompt


def main() -> None:
    venv, workdir = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    if workdir.is_relative_to(REPO) or venv.is_relative_to(REPO):
        fail(f"{workdir} and {venv} must be outside the checkout {REPO}")
    seed = REPO / "examples" / "seed"
    articles = sorted(p for p in seed.iterdir() if p.is_file())
    prompt = packaged_prompt(venv, workdir)

    offline = run(venv, workdir, "check", str(seed), "--format", "json", "-o", "offline.json")
    report = json.loads((workdir / "offline.json").read_text()) if offline.returncode < 2 else {}
    if offline.returncode != 1 or not report.get("contradictions"):
        fail("offline check of the seed: expected exit 1 with contradictions", offline)
    print(f"offline: exit 1, {len(report['contradictions'])} contradictions")

    labels = packaged_prompt(venv, workdir, "label_prompt:load_label_prompt")
    offline_claims = len(report["claims"])
    server = FakeOpenAI(label_answer).start()
    try:
        flags = ["--base-url", server.url, "--model", "fake", "--mode", "json_schema"]
        flags += ["--cache-dir", str(workdir / "cache"), "--format", "json", "-o", "label.json"]
        labelled = run(venv, workdir, "check", str(seed), *flags)
        requests = list(server.requests)
    finally:
        server.stop()
    if labelled.returncode != 1:
        fail("label mode through the fake server: expected exit 1 (the seed's conflicts)", labelled)
    report = json.loads((workdir / "label.json").read_text())
    if any(labels["system"] not in r["messages"][0]["content"] for r in requests):
        fail("the label requests do not carry the packaged label prompt's system text")
    if report["extractor"]["prompt_hash"] != labels["hash"]:
        fail(f"report prompt hash {report['extractor']['prompt_hash']} != {labels['hash']}")
    if len(report["claims"]) != offline_claims or report["usage"]["calls"] != len(requests):
        fail(f"label mode: {len(report['claims'])} claims, offline {offline_claims}", labelled)
    print(
        f"label mode: exit 1, {len(requests)} label requests with the packaged label prompt, "
        f"{len(report['claims'])} claims (the rules' own)"
    )

    server = FakeOpenAI(grounded_answer).start()
    try:
        flags = ["--base-url", server.url, "--model", "fake", "--llm-mode", "extract"]
        flags += ["--cache-dir", str(workdir / "cache"), "--format", "json", "-o", "llm.json"]
        online = run(venv, workdir, "check", str(seed), *flags)
        requests = list(server.requests)
    finally:
        server.stop()
    if online.returncode not in (0, 1):
        fail("check through the fake server failed", online)
    report = json.loads((workdir / "llm.json").read_text())
    if len(requests) != len(articles) or report["usage"]["calls"] != len(articles):
        fail(f"{len(articles)} articles, {len(requests)} requests, usage {report['usage']}")
    systems = {r["messages"][0]["content"] for r in requests}
    if systems != {prompt["system"]}:
        fail("the requests do not carry the packaged prompt's system text")
    if report["extractor"]["prompt_hash"] != prompt["hash"]:
        fail(f"report prompt hash {report['extractor']['prompt_hash']} != {prompt['hash']}")
    failed = [a for a in report["articles"] if a["status"] != "ok"]
    if failed or not report["claims"]:
        fail(f"LLM path: failed articles {failed}, {len(report['claims'])} claims", online)
    print(
        f"fake server: exit {online.returncode}, {len(requests)} requests with the packaged "
        f"prompt, {len(report['claims'])} grounded claims"
    )

    missing = run(venv, workdir, "eval")
    if missing.returncode != 2 or "--evals-dir" not in missing.stdout + missing.stderr:
        fail("factcheck eval outside the checkout should name --evals-dir", missing)
    print("eval without an eval set: " + (missing.stdout + missing.stderr).strip())
    evals = ["--evals-dir", str(REPO / "evals"), "--cluster", "seed"]
    evals += ["--json", "eval.json", "--markdown", "eval.md"]
    pointed = run(venv, workdir, "eval", *evals)
    if pointed.returncode != 0:
        fail("factcheck eval --evals-dir CHECKOUT/evals", pointed)
    print("eval --evals-dir: exit 0")


if __name__ == "__main__":
    main()
