"""Scale: `factcheck check DIR --format json` on generated corpora of 10 to 10,000 articles,
and on hostile inputs (one 5 MB line, a 10 MB number-dense article, 500 copies of one article).

    python benchmarks/scaling.py [--sizes 10,100,1000,10000] [--timeout 300] [--quick]
    python benchmarks/scaling.py --stress [--timeout 30]

Corpora come from ``benchmarks/synthetic.py`` (invented events, a planted numeric and a planted
attribution contradiction per event). Each run is one fresh process: wall, CPU seconds and peak
memory from the kernel; inside it, the CPU spent in alignment and comparison is timed apart
from extraction (so the bottleneck shows even when a run is killed at the time limit). The
growth exponent between two sizes is log(t2/t1) / log(n2/n1): 1 is linear, 2 quadratic.
Targets (issue 9): 1,000 articles < 10 s, 10,000 < 2 min and < 1 GB, exponent <= 1.1 from 100 to
1,000, every planted contradiction found; each hostile input < 30 s or refused with a reason.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Run, run
from synthetic import dense_article, generate, score, write_corpus

# Runs the CLI in-process and reports, on stderr, the CPU spent in alignment and comparison
# (wrapped where the pipeline calls them) and when extraction ended.
_CHILD = r"""
import json, sys, time
import factcheck.pipeline as pipeline
spent = {"align": 0.0, "compare": 0.0}
start = time.process_time()
def timed(name, fn):
    def wrapper(*args, **kwargs):
        if name == "align":
            print(json.dumps({"extracted_at": time.process_time() - start}), file=sys.stderr,
                  flush=True)
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - t
    return wrapper
for name, attr in (("align", "align_claims"), ("compare", "compare")):
    if not hasattr(pipeline, attr):
        raise SystemExit(f"factcheck.pipeline has no {attr}: update benchmarks/scaling.py")
    setattr(pipeline, attr, timed(name, getattr(pipeline, attr)))
from factcheck.cli import main
code = main(sys.argv[1:])
print(json.dumps({**spent, "cpu": time.process_time() - start, "code": code}), file=sys.stderr)
"""
TARGETS = {1000: 10.0, 10000: 120.0}


def _check(folder: Path, out: Path, timeout: float) -> tuple[Run, dict[str, float]]:
    cmd = [
        sys.executable,
        "-P",
        "-c",
        _CHILD,
        "check",
        str(folder),
        "--format",
        "json",
        "-o",
        str(out),
    ]
    result = run(cmd, timeout=timeout)
    stages: dict[str, float] = {}
    for line in result.stderr.splitlines():
        if line.startswith("{"):
            stages.update(json.loads(line))
    return result, stages


def _stage_text(result: Run, stages: dict[str, float]) -> str:
    extracted = stages.get("extracted_at")
    if not result.finished:
        if extracted is None:
            return "killed while extracting"
        return f"start-up+extraction {extracted:.1f} s, then killed in alignment/comparison"
    if extracted is None:
        return ""
    return (
        f"start-up+extraction {extracted:.1f} s, align {stages.get('align', 0):.1f} s, "
        f"compare {stages.get('compare', 0):.1f} s (CPU)"
    )


def scaling(sizes: list[int], timeout: float) -> None:
    print(f"scaling: generated corpora, one process per size, time limit {timeout:g} s")
    print(f"  {'articles':>8} {'MB':>6} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} "
          f"{'exp(wall)':>9} {'planted found':>14} {'unplanted':>9}  stages")  # fmt: skip
    previous: tuple[int, float] | None = None
    stop = False
    for n in sizes:
        if stop:
            print(f"  {n:>8} (not run: a smaller size hit the time limit)")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            planted = write_corpus(n, folder)
            (folder / "planted.json").rename(Path(tmp) / "planted.json")
            mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
            out = Path(tmp) / "report.json"
            result, stages = _check(folder, out, timeout)
            if result.finished and out.exists():
                found, total, other = score(json.loads(out.read_text()), planted)
                found_text, other_text = f"{found}/{total}", str(other)
            else:
                found_text, other_text = "-", "-"
        wall = f"{result.wall:8.1f}" if result.finished else f">{timeout:7g}"
        exponent = ""
        if previous and result.finished:
            n0, t0 = previous
            exponent = f"{math.log(result.wall / t0) / math.log(n / n0):9.2f}"
        target = TARGETS.get(n)
        met = result.finished and target is not None and result.wall < target
        note = "" if target is None else f"  [target < {target:g} s: {'met' if met else 'NOT met'}]"
        print(f"  {n:>8} {mb:6.1f} {wall} {result.cpu:8.1f} {result.rss_mb:8.0f} {exponent:>9} "
              f"{found_text:>14} {other_text:>9}  {_stage_text(result, stages)}{note}")  # fmt: skip
        previous = (n, result.wall) if result.finished else previous
        stop = not result.finished


def stress(timeout: float, scale: float = 1.0) -> None:
    """``scale`` < 1 shrinks the inputs (CI)."""
    print(f"hostile inputs: each must finish in < {timeout:g} s or be refused with a reason")
    companions, _ = generate(2, seed=3)
    texts, _ = generate(40, seed=5)
    one_line = " ".join(t.replace("\n", " ") for t in texts)
    line_mb, dense_mb, copies = 5 * scale, 10 * scale, max(2, int(500 * scale))
    repeat = max(1, int(line_mb * 1e6) // len(one_line))
    cases = {
        f"one {line_mb:g} MB line": {"line.txt": (one_line + " ") * repeat},
        f"{dense_mb:g} MB number-dense article": {"dense.txt": dense_article(dense_mb)},
        f"{copies} copies of one article": {
            f"copy{i:03d}.txt": next(iter(texts.values())) for i in range(copies)
        },
    }
    for name, files in cases.items():
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            folder.mkdir()
            for fname, text in {**files, **companions}.items():
                (folder / fname).write_text(text, encoding="utf-8")
            size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
            out = Path(tmp) / "report.json"
            result, stages = _check(folder, out, timeout)
            if result.finished and out.exists():
                report = json.loads(out.read_text())
                refused = [a for a in report["articles"] if a["status"] != "ok"]
                why = "; ".join(f"{a['source'].split('/')[-1]}: {a['status']}: {a['reason']}"
                                for a in refused[:2])  # fmt: skip
                more = f" (+{len(refused) - 2} more)" if len(refused) > 2 else ""
                code = stages.get("code", result.code)
                outcome = f"finished, exit {code}" + (f"; {why}{more}" if why else "")
            elif result.finished:
                outcome = f"exit {result.code}: {result.stderr.strip().splitlines()[-1:]}"
            else:
                outcome = "KILLED at the time limit"
        print(f"  {name:28s} {size:6.1f} MB  {result.wall:6.1f} s wall {result.cpu:6.1f} s CPU "
              f"{result.rss_mb:6.0f} MB  {outcome}")  # fmt: skip
        stage = _stage_text(result, stages)
        if stage:
            print(f"  {'':28s} {stage}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="10,100,1000,10000")
    parser.add_argument("--timeout", type=float, help="seconds per run (300; --stress 30)")
    parser.add_argument("--stress", action="store_true", help="the hostile inputs instead")
    parser.add_argument(
        "--quick", action="store_true", help="10, 30 and 100 articles; a tenth of --stress (CI)"
    )
    ns = parser.parse_args()
    if ns.stress:
        stress(ns.timeout or 30.0, 0.1 if ns.quick else 1.0)
        return
    sizes = [10, 30, 100] if ns.quick else [int(s) for s in ns.sizes.split(",")]
    scaling(sizes, ns.timeout or (120.0 if ns.quick else 300.0))


if __name__ == "__main__":
    main()
