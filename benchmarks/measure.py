"""Shared helpers of the benchmarks: run a command as a child and read its wall time, CPU
seconds and peak memory from the kernel (``os.wait4``), with a time limit."""

from __future__ import annotations

import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float  # user + system seconds of the child
    rss_mb: float  # peak resident set size
    code: int | None  # None: killed at the time limit
    stderr: str = ""

    @property
    def finished(self) -> bool:
        return self.code is not None


def factcheck_command() -> list[str]:
    """The installed console script next to this interpreter (what users run), else the module
    through ``-c``. Set PYTHONPATH to time another checkout."""
    script = Path(sys.executable).with_name("factcheck")
    if script.exists():
        return [str(script)]
    found = shutil.which("factcheck")
    if found:
        return [found]
    return [sys.executable, "-c", "from factcheck.cli import main_entry; main_entry()"]


def run(
    cmd: list[str],
    *,
    timeout: float | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Run:
    """Run ``cmd`` (stdout discarded, stderr kept) and measure it; killed after ``timeout``."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=cwd, start_new_session=True
        )
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            os.killpg(child.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if timer:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    code = None if killed.is_set() else child.returncode
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, stderr)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
