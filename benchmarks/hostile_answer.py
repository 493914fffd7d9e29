"""What a runaway model answer costs: time, peak memory and cache size for one article whose
server answers with 20 MB of schema-valid items (a model repeating itself; issue 10, row 14).
Prints medians.

    python benchmarks/hostile_answer.py [--repeat 1] [--size 20000000]

Each run is a child process (peak RSS is per process). "limits" are the defaults
(``max_answer_bytes`` 1 MiB, ``max_claims`` 500); "no limits" raises both above the answer,
which is what every run did before they existed. Figures, not a test: nothing asserts a time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fake_openai_server import FakeOpenAI, content  # noqa: E402
from tests.llm.support import ANSWERS  # noqa: E402

CHILD = """
import json, sys, time, resource
from pathlib import Path
from factcheck.extract import make_extractor
from factcheck.pipeline import run_pipeline
from tests.llm.support import harbour_articles, llm_settings

url, limit, claims, tmp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
settings = llm_settings(url, tmp, max_answer_bytes=limit, max_claims=claims, max_retries=0,
                        timeout=600)
extractor = make_extractor(settings)  # client set-up is not the answer's cost
start = time.perf_counter()
report = run_pipeline(harbour_articles()[:1], extractor)
seconds = time.perf_counter() - start
cache = sum(p.stat().st_size for p in (tmp / "cache").rglob("*.json"))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "cache_bytes": cache,
                  "status": report.articles[0].status}))
"""


def one(size: int, limit: int, claims: int) -> dict[str, float]:
    """The server runs here, the client in a child: its peak memory is the client's alone."""
    item = ANSWERS["Dock strike talks end"]["quantities"][1]
    answer = {"quantities": [item] * (size // len(json.dumps(item))), "attributions": []}
    server = FakeOpenAI().start()
    server.enqueue(content(json.dumps(answer)))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            done = subprocess.run(
                [sys.executable, "-c", CHILD, server.url, str(limit), str(claims), tmp],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
    finally:
        server.stop()
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--size", type=int, default=20_000_000)
    args = parser.parse_args()
    print(f"one article, a {args.size / 1e6:g} MB answer; median of {args.repeat} runs")
    rows = {}
    cases = [("limits", 1_048_576, 500), ("no limits", args.size * 2, 10**9)]
    for name, limit, claims in cases:
        runs = [one(args.size, limit, claims) for _ in range(args.repeat)]
        rows[name] = {k: statistics.median(r[k] for r in runs) for k in ("seconds", "peak_mb")}
        rows[name]["cache_bytes"] = runs[-1]["cache_bytes"]
        print(
            f"{name:14} {rows[name]['seconds']:8.2f} s  peak {rows[name]['peak_mb']:6.0f} MB  "
            f"cache entry {rows[name]['cache_bytes']:>10,} bytes  article {runs[-1]['status']}"
        )
    ratio = rows["no limits"]["seconds"] / max(rows["limits"]["seconds"], 1e-9)
    print(f"time ratio no limits / limits: {ratio:.0f}x")


if __name__ == "__main__":
    main()
