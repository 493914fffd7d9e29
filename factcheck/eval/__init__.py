"""Eval: run the pipeline over a frozen, versioned eval set, score it against hand-made gold,
and gate CI on a stored baseline (``factcheck eval``)."""

from factcheck.eval.command import add_eval_arguments, run_eval, run_eval_command

__all__ = ["add_eval_arguments", "run_eval", "run_eval_command"]
