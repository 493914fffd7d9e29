"""Start-up: `factcheck check examples/seed` and `factcheck --help`, interpreter included,
against `python -c pass` in the same run (targets: < 0.5 s and < 0.3 s wall).

    python benchmarks/startup.py [--repeat 9] [--quick]

Each command runs ``--repeat`` times, interleaved, as a fresh process (the console script users
run); medians of wall and CPU seconds (CPU is steadier on a shared machine) and peak memory.
Also lists the heavy modules the offline check imports (``-X importtime``), and those it must
never import (the model client, the HTML parser). Figures, not a test: nothing is asserted.

The package's bytecode is compiled first, as ``pip install`` does: an editable checkout run
with PYTHONDONTWRITEBYTECODE=1 (some containers set it) would otherwise recompile every module
of the package on every run. What that costs is printed apart.
"""

from __future__ import annotations

import argparse
import compileall
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ROOT, Run, factcheck_command, median, run

SEED = ROOT / "examples" / "seed"
TARGETS = {"check examples/seed": 0.5, "--help": 0.3}
NEVER = ("openai", "instructor", "llama_cpp", "bs4", "soupsieve", "httpx2")


def _commands() -> dict[str, list[str]]:
    fc = factcheck_command()
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "--help": [*fc, "--help"],
        "check examples/seed": [*fc, "check", str(SEED)],
        "check seed --format json": [*fc, "check", str(SEED), "--format", "json"],
    }


def _imports() -> tuple[list[tuple[str, float]], list[str]]:
    """(top-level packages by cumulative import ms, forbidden ones seen) for the seed check."""
    code = f"from factcheck.cli import main; main(['check', {str(SEED)!r}, '--format', 'json'])"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True
    )
    totals: dict[str, float] = {}
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+\d+ \|( *)(\S+)", line)
        if m:
            top = m[3].split(".")[0]
            totals[top] = totals.get(top, 0.0) + int(m[1]) / 1000
    heavy = sorted(totals.items(), key=lambda kv: -kv[1])[:8]
    return heavy, [name for name in NEVER if name in totals]


def _package_dir() -> Path:
    """The factcheck package the console script imports (PYTHONPATH respected)."""
    code = "import factcheck, os; print(os.path.dirname(factcheck.__file__))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


def _compile_cost() -> float:
    """Seconds to compile, from source, the package's modules the seed check imports: what a
    run pays that finds no bytecode."""
    code = (
        "import contextlib, io, sys\nfrom factcheck.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()): main(['check', {str(SEED)!r}])\n"
        "print('\\n'.join(m.__file__ for n, m in list(sys.modules.items())"
        " if n.split('.')[0] == 'factcheck' and getattr(m, '__file__', None)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    paths = [Path(line) for line in out.stdout.splitlines() if line.endswith(".py")]
    sources = [(path, path.read_text(encoding="utf-8")) for path in paths]
    start = time.perf_counter()
    for path, source in sources:
        compile(source, str(path), "exec")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="three runs each (CI)")
    ns = parser.parse_args()
    repeat = 3 if ns.quick else ns.repeat
    package = _package_dir()
    compileall.compile_dir(package, quiet=1)
    commands = _commands()
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            runs[name].append(run(cmd, timeout=120))
    base = median([r.wall for r in runs["python -c pass"]])
    print(f"start-up, median of {repeat} fresh processes (wall | CPU s | peak MB)")
    for name, rs in runs.items():
        wall, cpu = median([r.wall for r in rs]), median([r.cpu for r in rs])
        target = TARGETS.get(name)
        verdict = (
            ""
            if target is None
            else f"  target < {target} s wall: " + ("met" if wall < target else "NOT met")
        )
        extra = "" if name == "python -c pass" else f"  ({wall - base:+.3f} s over python)"
        print(
            f"  {name:28s} {wall:6.3f} s | {cpu:6.3f} s | {median([r.rss_mb for r in rs]):5.0f}"
            f"{extra}{verdict}"
        )
    print(f"  bytecode compiled first (as pip installs it); without it the seed check also "
          f"compiles the modules it imports: +{_compile_cost():.3f} s")  # fmt: skip
    heavy, forbidden = _imports()
    print("  imports of the offline check (ms, -X importtime, self time per package): " +
          ", ".join(f"{name} {ms:.0f}" for name, ms in heavy))  # fmt: skip
    print(f"  never imported by the offline check: {', '.join(NEVER)} -> " +
          ("ok" if not forbidden else f"IMPORTED: {', '.join(forbidden)}"))  # fmt: skip


if __name__ == "__main__":
    main()
