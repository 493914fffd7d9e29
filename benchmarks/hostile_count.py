"""Issue 10's closing count: crashes, hangs, key leaks and lost articles over the fault table
(tests/llm/test_fault_table.py) and over generated examples (tests/test_hostile_property.py's
strategies), counted instead of asserted.

    python benchmarks/hostile_count.py [--examples 60] [--tree PATH]

``--tree`` runs the same cases against another checkout of factcheck (e.g. a ``git archive`` of
an older commit with this checkout's ``tests/`` copied in), to count before a fix. Each fault
case runs in a child process with a 60 s limit (a hang is counted, not waited out); a generated
example gets 30 s. Lost: an input article neither in the report nor named in its warnings (or,
with no report, on stderr). Leak: any 12-character piece of the test key in the report (all
formats), stderr, log records, cache or recordings.
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def fault_case(name: str) -> dict[str, Any]:
    """One fault-table case, in this process (the child)."""
    from rich.console import Console

    from factcheck.report import render_text, to_markdown
    from factcheck.schemas import Report
    from tests.fake_openai_server import FakeOpenAI
    from tests.llm.hostile import files_with_key, key_pieces, run_cli, write_articles
    from tests.llm.support import scripted
    from tests.llm.test_fault_table import FAULTS, B

    fault = FAULTS[name]
    server = FakeOpenAI(scripted).start()
    server.fail_when(B, fault.behaviour, times=1 if fault.once else None)
    tmp = Path(tempfile.mkdtemp())
    inputs = write_articles(tmp / "in")
    out: dict[str, Any] = {"case": name}
    try:
        run = run_cli(server, tmp, inputs, "json", *fault.flags)
        seen = run.output + run.stderr + "\n".join(run.logs)
        if run.output.strip():
            report = Report.model_validate_json(run.output)
            console = Console(file=io.StringIO(), width=120)
            render_text(report, console)
            seen += to_markdown(report) + console.file.getvalue()  # type: ignore[attr-defined]
        out["lost"] = lost(run.output, run.stderr, inputs)
        out["leak"] = bool(key_pieces(seen) or files_with_key(tmp))
    except Exception as exc:
        out.update(crash=type(exc).__name__, lost=len(inputs), leak=bool(files_with_key(tmp)))
    finally:
        server.stop()
    return out


def lost(output: str, stderr: str, inputs: list[Path]) -> int:
    if not output.strip():
        return sum(f"warning: {p}: " not in stderr for p in inputs)
    report = json.loads(output)
    sources = {a["source"] for a in report["articles"]}
    named = report.get("warnings", [])
    return sum(str(p) not in sources and not any(w.startswith(f"{p}: ") for w in named)
               for p in inputs)  # fmt: skip


def count_faults(tree: Path, tally: collections.Counter[str]) -> None:
    sys.path.insert(0, str(tree))
    from tests.llm.test_fault_table import FAULTS

    for name in FAULTS:
        try:
            done = subprocess.run(
                [sys.executable, __file__, "--case", name, "--tree", str(tree)],
                cwd=tree, capture_output=True, text=True, timeout=60,
            )  # fmt: skip
            lines = [x for x in done.stdout.splitlines() if x.startswith("{")]
            row = json.loads(lines[-1]) if lines else {"crash": "died", "lost": 2}
        except subprocess.TimeoutExpired:
            row = {"hang": True, "lost": 2}
        add(tally, row, "fault cases")
        if row.get("crash") or row.get("hang") or row.get("leak") or row.get("lost"):
            print(f"  {name}: {row}", flush=True)


def add(tally: collections.Counter[str], row: dict[str, Any], kind: str) -> None:
    tally[kind] += 1
    tally["crashes"] += bool(row.get("crash"))
    tally["hangs"] += bool(row.get("hang"))
    tally["leaks"] += bool(row.get("leak"))
    tally["lost articles"] += int(row.get("lost", 0))


def count_examples(tree: Path, examples: int, tally: collections.Counter[str]) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    import tests.test_hostile_property as prop
    from tests.fake_openai_server import FakeOpenAI
    from tests.llm.hostile import files_with_key, key_pieces, run_cli

    flags = list(prop.FLAGS)
    if "max_answer_bytes" not in (tree / "factcheck" / "config.py").read_text():
        del flags[flags.index("--max-answer-bytes") : flags.index("--max-answer-bytes") + 2]
    server = FakeOpenAI(plan=prop.PLAN).start()

    @settings(max_examples=examples, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(
        files=st.lists(prop.article_file(), min_size=1, max_size=4),
        behaviours=st.lists(prop.behaviour, min_size=1, max_size=4),
    )
    def one(files: list[tuple[str, bytes]], behaviours: list[Any]) -> None:
        server.reset()
        prop.PLAN.behaviours = behaviours
        tmp = Path(tempfile.mkdtemp())
        (tmp / "in").mkdir()
        inputs = []
        for n, (suffix, data) in enumerate(files):
            (tmp / "in" / f"article{n}{suffix}").write_bytes(data)
            inputs.append(tmp / "in" / f"article{n}{suffix}")
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                box["run"] = run_cli(server, tmp, inputs, "json", *flags)
            except Exception as exc:
                box["crash"] = type(exc).__name__

        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        thread.join(30)
        tally["articles"] += len(inputs)
        if thread.is_alive():
            add(tally, {"hang": True, "lost": len(inputs)}, "examples")
        elif "crash" in box:
            row = {"crash": box["crash"], "lost": len(inputs), "leak": bool(files_with_key(tmp))}
            add(tally, row, "examples")
        else:
            run = box["run"]
            seen = run.output + run.stderr + "\n".join(run.logs)
            leak = bool(key_pieces(seen) or files_with_key(tmp))
            add(tally, {"lost": lost(run.output, run.stderr, inputs), "leak": leak}, "examples")

    one()
    server.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=60)
    parser.add_argument("--tree", type=Path, default=ROOT)
    parser.add_argument("--case", help=argparse.SUPPRESS)  # one fault case, in a child
    args = parser.parse_args()
    sys.path.insert(0, str(args.tree))
    if args.case:
        print(json.dumps(fault_case(args.case)))
        return
    tally: collections.Counter[str] = collections.Counter()
    print(f"fault table against {args.tree}:")
    count_faults(args.tree, tally)
    count_examples(args.tree, args.examples, tally)
    print(json.dumps(dict(tally)))


if __name__ == "__main__":
    main()
