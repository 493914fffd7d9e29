"""Eval: run the pipeline over a frozen, versioned eval set, score it against hand-made gold,
and gate CI on a stored baseline (``factcheck eval``).

Names resolve lazily: the CLI asks for ``add_eval_arguments`` on every start, and the eval
machinery (datasets, scoring, reports) loads only when an eval runs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.eval.arguments import add_eval_arguments
    from factcheck.eval.command import run_eval, run_eval_command

_LAZY = {
    "add_eval_arguments": "factcheck.eval.arguments",
    "run_eval": "factcheck.eval.command",
    "run_eval_command": "factcheck.eval.command",
}

__all__ = ["add_eval_arguments", "run_eval", "run_eval_command"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'factcheck.eval' has no attribute {name!r}")
