"""Every benchmark in its quick mode, so none of them rots (.ci/run runs this):

    python benchmarks/all.py --quick

Without ``--quick`` each runs at full size (several minutes). Exits non-zero if a benchmark
crashes; the figures themselves are printed, never asserted (the box is shared and noisy).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = [
    ["startup.py"],
    ["extraction_speed.py"],
    ["scaling.py"],
    ["scaling.py", "--stress"],
    ["llm_path.py"],
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true")
    ns = parser.parse_args()
    failed = []
    for script, *args in RUNS:
        cmd = [sys.executable, str(HERE / script), *args, *(["--quick"] if ns.quick else [])]
        print(f"== {' '.join([script, *cmd[2:]])}", flush=True)
        if subprocess.run(cmd).returncode != 0:
            failed.append(script)
    if failed:
        print(f"benchmarks failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
