"""What start-up loads (issue 9): the offline path never imports the model client, and
`--help` imports neither the pipeline nor the renderer. Module lists, not timings (timings
live in benchmarks/startup.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from factcheck import cli_args, report

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed"
_PROBE = """
import json, sys
from factcheck.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print("\\n" + json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules_after(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, cwd=ROOT
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def _tops(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_offline_check_never_imports_the_model_client_or_the_html_parser() -> None:
    loaded = _modules_after("check", str(SEED), "--format", "json")
    assert not _tops(loaded) & {"openai", "instructor", "llama_cpp", "bs4", "soupsieve"}
    assert not {m for m in loaded if m.startswith("factcheck.llm")} - {"factcheck.llm"}


def test_help_imports_no_stage_and_no_renderer() -> None:
    loaded = _modules_after("--help")
    assert not _tops(loaded) & {"rich", "openai", "instructor", "bs4", "rapidfuzz"}
    stages = ("factcheck.pipeline", "factcheck.rules", "factcheck.ingest", "factcheck.eval.command")
    assert not {m for m in loaded if m.startswith(stages)}


def test_cli_formats_are_the_renderers_formats() -> None:
    assert cli_args.FORMATS == report.FORMATS
