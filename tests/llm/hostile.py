"""Shared pieces for the hostile-model tests: an invented key, a CLI run against the fake
server with every output captured, and a leak detector."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.cli import main
from tests.fake_openai_server import FakeOpenAI
from tests.llm.support import HARBOUR_A, HARBOUR_B

# Invented, shaped like a real key; the tests look for any 12-character piece of it.
KEY = "sk-proj-Hq7TzW2mVx9KcR4bLp8NfY3sJd6GaE1u"
PIECE = 12
FORMATS = ("json", "text", "markdown")
ROOT = Path(__file__).resolve().parents[2]


def key_pieces(text: str) -> list[str]:
    """Every piece of KEY (PIECE characters or more) found in ``text``."""
    return [KEY[i : i + PIECE] for i in range(len(KEY) - PIECE + 1) if KEY[i : i + PIECE] in text]


def files_with_key(*roots: Path) -> list[str]:
    hits = []
    for root in roots:
        for path in sorted(root.rglob("*")) if root.exists() else []:
            readable = path.is_file() and not path.is_symlink()
            if readable and key_pieces(path.read_bytes().decode("utf-8", "replace")):
                hits.append(str(path))
    return hits


@dataclass
class Run:
    code: int
    output: str
    stderr: str
    logs: list[str] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        return dict(json.loads(self.output))


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def write_articles(directory: Path, texts: dict[str, str | bytes] | None = None) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in (texts or {"a.txt": HARBOUR_A, "b.txt": HARBOUR_B}).items():
        path = directory / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def cli_args(server: FakeOpenAI, tmp_path: Path, fmt: str, *extra: str) -> list[str]:
    return [
        "--base-url",
        server.url,
        "--model",
        "fake-model",
        "--format",
        fmt,
        "-o",
        str(tmp_path / f"report.{fmt}"),
        "--cache-dir",
        str(tmp_path / "cache"),
        "--record",
        "--recordings-dir",
        str(tmp_path / "recordings"),
        "--max-retries",
        "2",
        "--max-reasks",
        "1",
        "--timeout",
        "2",
        "--concurrency",
        "2",
        # The hostile server answers as an extractor would (claims); label mode has its own
        # failure tests (tests/llm/test_label_mode.py).
        "--llm-mode",
        "extract",
        *extra,
    ]


def run_cli(
    server: FakeOpenAI, tmp_path: Path, inputs: list[Path], fmt: str = "json", *extra: str
) -> Run:
    """``factcheck check`` in-process with the key in the environment; stderr and every log
    record (any logger, any level) captured."""
    args = ["check", *map(str, inputs), *cli_args(server, tmp_path, fmt, *extra)]
    collect = _Collect()
    root = logging.getLogger()
    root.addHandler(collect)
    err = io.StringIO()
    try:
        with (
            environment(OPENAI_API_KEY=KEY, FACTCHECK_RETRY_MAX_WAIT="0"),
            contextlib.redirect_stderr(err),
        ):
            code = main(args)
    finally:
        root.removeHandler(collect)
    out = tmp_path / f"report.{fmt}"
    return Run(code, out.read_text(encoding="utf-8") if out.exists() else "", err.getvalue(),
               collect.lines)  # fmt: skip


def run_cli_process(
    server: FakeOpenAI, tmp_path: Path, inputs: list[Path], fmt: str = "json", *extra: str
) -> Run:
    """The real command in a child process: what a user sees on stderr, library loggers and
    Python warnings included."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTCHECK_", "OPENAI_"))}
    env.update(OPENAI_API_KEY=KEY, FACTCHECK_RETRY_MAX_WAIT="0", PYTHONPATH=str(ROOT))
    args = ["check", *map(str, inputs), *cli_args(server, tmp_path, fmt, *extra)]
    done = subprocess.run(
        [sys.executable, "-c", "from factcheck.cli import main_entry; main_entry()", *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = tmp_path / f"report.{fmt}"
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    return Run(done.returncode, text, done.stderr)
