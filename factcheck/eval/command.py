"""``factcheck eval``: run the pipeline over a frozen eval set, score it, gate it on a baseline.

This module never builds a model client itself: the CLI passes an ``ExtractorFactory`` (for
example one wrapping ``factcheck.extract.make_extractor``), so importing ``factcheck.eval``
never imports openai/instructor. Without a factory the offline ``RuleExtractor`` is used.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from rich.console import Console
from rich.markup import escape

from factcheck.config import Settings, settings_from_args
from factcheck.errors import EvalError, FactcheckError, UsageError
from factcheck.eval.arguments import add_eval_arguments
from factcheck.eval.dataset import (
    LoadedCluster,
    freeze,
    is_frozen,
    latest_version,
    load_eval_set,
    verify_manifest,
)
from factcheck.eval.render import markdown_summary, print_report
from factcheck.eval.report import (
    EvalReport,
    compare_to_baseline,
    read_baseline,
    write_baseline,
)
from factcheck.eval.scoring import ClusterScore, score_cluster, sum_scores
from factcheck.extract import Extractor
from factcheck.pipeline import Judge, run_pipeline
from factcheck.schemas import Report, Usage

ExtractorFactory = Callable[[argparse.Namespace], Extractor]
JudgeFactory = Callable[[argparse.Namespace], Judge | None]
Mode = Literal["live", "record", "replay"]

EXIT_OK, EXIT_REGRESSION, EXIT_ERROR = 0, 1, 2


def align_groups(report: Report) -> dict[str, str]:
    """Claim id -> the report topic (align group) the system put it in; claims in no topic
    are absent, i.e. aligned with nothing."""
    return {claim_id: topic.id for topic in report.topics for claim_id in topic.claim_ids}


def run_eval(
    clusters: Sequence[LoadedCluster],
    extractor: Extractor,
    *,
    version: str,
    frozen: bool,
    mode: Mode = "live",
    concurrency: int = 1,
    warnings: Sequence[str] = (),
    on_cluster_done: Callable[[ClusterScore], None] | None = None,
    judge: Judge | None = None,
) -> EvalReport:
    """Run the full pipeline per cluster and score it. Articles whose extraction failed are
    listed in ``failures`` (their scores would be meaningless); callers treat them as errors."""
    scored: list[ClusterScore] = []
    failures: list[str] = []
    notes = list(warnings)
    usage = Usage()
    for cluster in clusters:
        report = run_pipeline(cluster.articles, extractor, concurrency=concurrency, judge=judge)
        failures += [
            f"{cluster.id}/{a.id}: {a.reason}" for a in report.articles if a.status == "failed"
        ]
        notes += [f"{cluster.id}: {w}" for w in report.warnings] + cluster.notes
        usage = _add(usage, report.usage)
        scored.append(score_cluster(cluster, report, align_groups(report)))
        if on_cluster_done is not None:
            on_cluster_done(scored[-1])
    return EvalReport(
        eval_version=version,
        frozen=frozen,
        mode=mode,
        extractor=extractor.info(),
        clusters=scored,
        overall=sum_scores(c.scores for c in scored),
        failures=failures,
        warnings=notes,
        usage=usage,
    )


def _add(a: Usage, b: Usage) -> Usage:
    cost = None
    if a.cost_usd is not None or b.cost_usd is not None:
        cost = (a.cost_usd or 0.0) + (b.cost_usd or 0.0)
    return Usage(
        calls=a.calls + b.calls,
        prompt_tokens=a.prompt_tokens + b.prompt_tokens,
        completion_tokens=a.completion_tokens + b.completion_tokens,
        retries=a.retries + b.retries,
        cost_usd=cost,
        unrecorded=a.unrecorded + b.unrecorded,
    )


# --- command line --------------------------------------------------------------------------


def _mode(settings: Settings) -> Mode:
    if settings.backend == "replay":
        return "replay"
    return "record" if settings.record else "live"


def default_extractor(ns: argparse.Namespace) -> Extractor:
    """The offline extractor. Model backends need the factory the CLI passes in, because this
    module must not import the model client (import-linter contract)."""
    settings = settings_from_args(ns)
    if settings.backend != "rules":
        raise UsageError(f"backend {settings.backend!r} needs an extractor factory from the CLI")
    from factcheck.rules import RuleExtractor  # deferred: only the default path needs it

    return RuleExtractor()


def run_eval_command(
    ns: argparse.Namespace,
    extractor_factory: ExtractorFactory | None = None,
    console: Console | None = None,
    judge_factory: JudgeFactory | None = None,
) -> int:
    """Run ``factcheck eval`` from parsed arguments; returns the exit code (0 ok, 1 a gated score
    fell by more than the tolerance, 2 the eval could not run: bad eval set, stale replay, failed
    extraction, missing or incomparable baseline)."""
    # CI logs are not terminals (rich would assume 80 columns): the table needs ~120.
    out = console or Console(width=None if sys.stdout.isatty() else 120)
    try:
        return _command(ns, extractor_factory or default_extractor, out, judge_factory)
    except FactcheckError as exc:
        # soft_wrap: an error stays one line (greppable) whatever the console width.
        out.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        return EXIT_ERROR


def _command(
    ns: argparse.Namespace,
    factory: ExtractorFactory,
    out: Console,
    judge_factory: JudgeFactory | None = None,
) -> int:
    root: Path = ns.evals_dir
    if not root.is_dir():
        # The eval set ships with the source repository, not the wheel: an installed factcheck
        # run elsewhere lands here with the default ./evals, so say where to point it.
        raise EvalError(
            f"no eval set at {root.absolute()}: the eval set is the evals/ folder of a factcheck "
            "source checkout, not part of the installed package; run from the checkout's root "
            "or pass --evals-dir PATH/TO/evals"
        )
    if ns.freeze:
        manifest = freeze(root, ns.freeze)
        out.print(f"{root / ns.freeze / 'MANIFEST.json'}: {len(manifest.files)} files frozen")
        return EXIT_OK
    if ns.tolerance < 0:
        raise UsageError("--tolerance must be >= 0")
    if ns.update_baseline and ns.cluster and ns.baseline is None:
        raise UsageError(
            "--update-baseline with --cluster writes a subset baseline: name it with --baseline"
        )
    version: str = ns.eval_version or latest_version(root)
    frozen = is_frozen(root, version)
    warnings: list[str] = []
    if frozen:
        verify_manifest(root, version)
    else:
        warnings.append(f"{root.name}/{version} is not frozen (no MANIFEST.json)")
    clusters = load_eval_set(root, version, ns.cluster or None)
    settings = settings_from_args(ns)
    mode = _mode(settings)
    report = run_eval(
        clusters,
        factory(ns),
        version=version,
        frozen=frozen,
        mode=mode,
        concurrency=settings.concurrency,
        warnings=warnings,
        on_cluster_done=lambda c: out.print(f"[dim]{escape(c.cluster)}: scored[/dim]"),
        judge=judge_factory(ns) if judge_factory else None,
    )
    default_name = "baseline.json" if mode == "live" else "baseline-replay.json"
    baseline_path: Path = ns.baseline or root / default_name
    code, problem = EXIT_OK, None
    if report.failures:
        code, problem = EXIT_ERROR, "extraction failed for some articles; scores are not valid"
        if report.usage.unrecorded:
            problem += (
                f"; replay: {report.usage.unrecorded} request(s) had no recording (stale "
                "recordings: re-record, e.g. benchmarks/record_labels.sh)"
            )
    elif ns.update_baseline:
        write_baseline(report, baseline_path)
        report.warnings.append(f"baseline written to {baseline_path}")
    else:
        try:
            baseline = read_baseline(baseline_path)
            report.gate = compare_to_baseline(report, baseline, baseline_path, ns.tolerance)
            code = EXIT_OK if report.gate.passed else EXIT_REGRESSION
        except EvalError as exc:  # no gate possible: still show and write what was measured
            code, problem = EXIT_ERROR, str(exc)
    _write(report, ns.json_path, ns.markdown_path)
    print_report(report, out)
    if problem:
        out.print(f"[red]error:[/red] {escape(problem)}")
    return code


def _write(report: EvalReport, json_path: Path | None, md_path: Path | None) -> None:
    try:
        if json_path is not None:
            json_path.write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
        if md_path is not None:
            md_path.write_text(markdown_summary(report), encoding="utf-8")
    except OSError as exc:
        raise EvalError(f"cannot write the eval report: {exc}") from exc


__all__ = [
    "ExtractorFactory",
    "add_eval_arguments",
    "default_extractor",
    "load_eval_set",
    "run_eval",
    "run_eval_command",
]
