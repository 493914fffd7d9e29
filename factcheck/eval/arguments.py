"""The options of ``factcheck eval``: apart from the command, so that building the CLI parser
(``factcheck --help``) does not import the eval machinery."""

from __future__ import annotations

import argparse
from pathlib import Path

from factcheck.config import add_model_arguments

DEFAULT_TOLERANCE = 0.02


def add_eval_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``factcheck eval``, plus the model options when the parser lacks them."""
    if not any("--backend" in a.option_strings for a in parser._actions):
        add_model_arguments(parser)
    parser.add_argument(
        "--evals-dir",
        type=Path,
        default=Path("evals"),
        help="eval set root (default: ./evals, the evals/ folder of a source checkout; the "
        "eval set is not installed with the package)",
    )
    parser.add_argument(
        "--version", dest="eval_version", help="eval set version (default: latest frozen)"
    )
    parser.add_argument(
        "--cluster", action="append", default=[], help="only this cluster (repeatable)"
    )
    parser.add_argument("--json", dest="json_path", type=Path, default=Path("eval-report.json"))
    parser.add_argument(
        "--markdown", dest="markdown_path", type=Path, default=Path("eval-summary.md")
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="baseline to gate on (default: EVALS/baseline.json, or EVALS/baseline-replay.json "
        "with --record/--replay)",
    )
    parser.add_argument(
        "--tolerance", type=float, default=DEFAULT_TOLERANCE, help="allowed absolute score drop"
    )
    parser.add_argument(
        "--update-baseline", action="store_true", help="accept this run's scores as the baseline"
    )
    parser.add_argument(
        "--freeze", metavar="VERSION", help="write VERSION's hash manifest and exit"
    )
