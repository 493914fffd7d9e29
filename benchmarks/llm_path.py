"""The model path against a loopback server that answers after a fixed delay: calls per article,
our own overhead against the time spent waiting, ``--concurrency`` 1/2/4/8, and a cached re-run.

    python benchmarks/llm_path.py [--articles 16] [--delay 0.5] [--quick]

The server is the tests' fake OpenAI endpoint (``tests/fake_openai_server.py``) on 127.0.0.1;
its answers are what the offline rules find in each article (so they ground), sent after
``--delay`` seconds. Each run is a fresh `factcheck check` process with its own cache; the
waiting floor is ceil(articles / concurrency) x calls per article x delay, and everything above
it is ours (start-up, prompts, validation, grounding, alignment). The cached re-run must make no
call and never import the model client. Figures, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from measure import run  # noqa: E402
from synthetic import generate  # noqa: E402

from factcheck.ingest import article_from_text  # noqa: E402
from factcheck.rules import RuleExtractor  # noqa: E402
from factcheck.schemas import AttributionClaim, QuantityClaim  # noqa: E402
from tests.fake_openai_server import FakeOpenAI, article_of  # noqa: E402

# Runs the CLI in-process; reports its exit code and whether the model client was imported.
_CHILD = r"""
import json, sys
from factcheck.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "openai": "openai" in sys.modules}), file=sys.stderr)
"""


def _answer(text: str) -> dict[str, Any]:
    """What a good model would say about ``text``: the rules' claims, in the answer schema."""
    article = article_from_text(text, article_id="x", source="x.txt")
    quantities, attributions = [], []
    for claim in RuleExtractor().extract(article):
        if isinstance(claim, QuantityClaim):
            quantities.append({"evidence": claim.evidence.text, "quantity_text": claim.raw,
                               "measured": claim.measured})  # fmt: skip
        elif isinstance(claim, AttributionClaim):
            attributions.append({"statement": claim.statement, "quote_type": claim.quote_type,
                                 "speaker": claim.speaker or "", "channel": claim.channel.value,
                                 "evidence": claim.evidence.text})  # fmt: skip
    return {"quantities": quantities, "attributions": attributions}


class _Responder:
    def __init__(self, answers: dict[str, dict[str, Any]], delay: float) -> None:
        self.answers, self.delay = answers, delay

    def __call__(self, request: dict[str, Any]) -> dict[str, Any]:
        time.sleep(self.delay)  # the model "thinking"; the server answers requests in parallel
        text = article_of(request)
        return self.answers.get(text) or _answer(text)


def _check(folder: Path, url: str, cache: Path, concurrency: int) -> tuple[Any, dict[str, Any]]:
    args = ["check", str(folder), "--format", "json", "-o", str(cache.parent / "report.json"),
            "--base-url", url, "--model", "bench-model", "--cache-dir", str(cache),
            "--concurrency", str(concurrency),
            # The responder answers with whole extractions: extract mode (label mode, the
            # default, asks a different question and got exit 2 from every run).
            "--llm-mode", "extract"]  # fmt: skip
    result = run([sys.executable, "-P", "-c", _CHILD, *args], timeout=600)
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("{")]
    return result, (json.loads(lines[-1]) if lines else {})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=16)
    parser.add_argument("--delay", type=float, default=0.5, help="seconds per model answer")
    parser.add_argument("--quick", action="store_true", help="6 articles, 0.2 s delay (CI)")
    ns = parser.parse_args()
    n, delay = (6, 0.2) if ns.quick else (ns.articles, ns.delay)
    files, _ = generate(n, seed=13)
    answers = {}
    for text in files.values():
        clean = article_from_text(text, article_id="x", source="x.txt").text
        answers[clean] = _answer(clean)
    client = run([sys.executable, "-c", "import openai, instructor"], timeout=120)
    server = FakeOpenAI(_Responder(answers, delay)).start()
    print(f"model path: {n} articles, loopback server answering after {delay:g} s")
    print(f"  (importing the model client alone, paid once by every run that calls the model: "
          f"{client.wall:.2f} s wall, {client.cpu:.2f} s CPU)")  # fmt: skip
    print(f"  {'concurrency':>11} {'calls':>5} {'calls/art':>9} {'wall s':>7} {'CPU s':>6} "
          f"{'waiting floor':>13} {'our overhead':>12}")  # fmt: skip
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "articles"
            folder.mkdir()
            for name, text in files.items():
                (folder / name).write_text(text, encoding="utf-8")
            cache = Path(tmp) / "cache"
            for concurrency in (1, 2, 4, 8):
                cache = Path(tmp) / f"cache{concurrency}"
                before = server.calls
                result, info = _check(folder, server.url, cache, concurrency)
                calls = server.calls - before
                per = calls / n
                floor = math.ceil(n / concurrency) * per * delay
                code = info.get("code")
                note = "" if code in (0, 1) else f"  exit {code}"
                over = result.wall - floor
                print(f"  {concurrency:>11} {calls:>5} {per:>9.2f} {result.wall:>7.2f} "
                      f"{result.cpu:>6.2f} {floor:>12.2f}s {over:>11.2f}s{note}")  # fmt: skip
            before = server.calls
            result, info = _check(folder, server.url, cache, 8)
            print(f"  cached re-run: {server.calls - before} calls, {result.wall:.2f} s wall, "
                  f"{result.cpu:.2f} s CPU, model client imported: "
                  f"{'yes' if info.get('openai') else 'no'}")  # fmt: skip
    finally:
        server.stop()


if __name__ == "__main__":
    main()
