"""A fully cached model run never imports openai/instructor nor builds the client (issue 9)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from factcheck.extract import make_extractor
from factcheck.pipeline import run_pipeline
from tests.fake_openai_server import FakeOpenAI
from tests.llm.support import (  # noqa: F401
    HARBOUR_A,
    HARBOUR_B,
    fake_server,
    harbour_articles,
    llm_settings,
)

ROOT = Path(__file__).resolve().parents[2]
_PROBE = """
import json, sys
from factcheck.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _check(url: str, tmp_path: Path, folder: Path, mode: str) -> dict[str, object]:
    args = ["check", str(folder), "--format", "json", "-o", str(tmp_path / "report.json")]
    args += ["--llm-mode", mode]
    args += ["--base-url", url, "--model", "fake-model", "--cache-dir", str(tmp_path / "cache")]
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, cwd=ROOT
    )
    result: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    return result


def test_a_cached_rerun_makes_no_call_and_never_loads_the_client(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    # Extract mode: the fake server answers claims, one call per article. (Its answers are not
    # labels, and a failed answer is never cached.)
    mode = "extract"
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(HARBOUR_A, encoding="utf-8")
    (folder / "b.txt").write_text(HARBOUR_B, encoding="utf-8")

    first = _check(server.url, tmp_path, folder, mode)
    assert "openai" in first["modules"]  # type: ignore[operator]
    calls = server.calls
    assert calls == 2

    again = _check(server.url, tmp_path, folder, mode)
    assert server.calls == calls
    assert again["code"] == first["code"]
    loaded = {m.split(".")[0] for m in again["modules"]}  # type: ignore[attr-defined]
    assert not loaded & {"openai", "instructor", "httpx2"}


def test_the_client_is_built_on_the_first_call_only(server: FakeOpenAI, tmp_path: Path) -> None:
    extractor = make_extractor(llm_settings(server.url, tmp_path))
    model = extractor._source.model  # type: ignore[union-attr]
    assert not model.built
    run_pipeline(harbour_articles(), extractor, concurrency=2)
    assert model.built and server.calls == 2
