"""The eval's outputs: the JSON report model, the baseline gate, a rich table and Markdown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from factcheck.errors import EvalError
from factcheck.eval.scoring import Case, ClusterScore, Scores
from factcheck.schemas import ExtractorInfo, Usage

# Per-cluster gating uses only the headline figures: with a handful of pairs per cluster a
# precision/recall split is noise, while the overall figures are gated in full.
CLUSTER_GATED = ("quantity.f1", "measured.f1", "attribution.f1", "contradiction.f1")
COUNT_METRICS = ("must_not_flag.false_alarms",)  # lower is better; any increase fails
EVIDENCE_CHARS = 240


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Regression(_Out):
    scope: str  # "overall" or a cluster id
    metric: str
    baseline: float
    current: float


class GateResult(_Out):
    baseline_path: str
    tolerance: float
    regressions: list[Regression] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.regressions


class EvalReport(_Out):
    eval_version: str
    frozen: bool
    mode: Literal["live", "record", "replay"] = "live"
    extractor: ExtractorInfo
    clusters: list[ClusterScore]
    overall: Scores
    failures: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    gate: GateResult | None = None


class Baseline(_Out):
    eval_version: str
    extractor: ExtractorInfo
    overall: dict[str, float]
    clusters: dict[str, dict[str, float]]


def baseline_of(report: EvalReport) -> Baseline:
    return Baseline(
        eval_version=report.eval_version,
        extractor=report.extractor,
        overall=report.overall.metrics(),
        clusters={c.cluster: c.scores.metrics() for c in report.clusters},
    )


def write_baseline(report: EvalReport, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(baseline_of(report).model_dump(mode="json"), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def read_baseline(path: Path) -> Baseline:
    try:
        return Baseline.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise EvalError(f"{path}: no baseline; run with --update-baseline to create it") from None
    except (OSError, ValidationError) as exc:
        raise EvalError(f"{path}: unreadable baseline: {exc}") from exc


def compare_to_baseline(
    report: EvalReport, baseline: Baseline, path: Path, tolerance: float
) -> GateResult:
    """Regressions of the gated figures; raises ``EvalError`` when the two are not comparable."""
    if baseline.eval_version != report.eval_version:
        raise EvalError(
            f"{path} is for eval set {baseline.eval_version}, this run is "
            f"{report.eval_version}: run with --update-baseline (deliberately) or pass --baseline"
        )
    was, now = baseline.extractor, report.extractor
    # A recording run ("llm") and its replay ("replay") are the same model: compare by model.
    if (was.model or was.name) != (now.model or now.name):
        raise EvalError(
            f"{path} was made with extractor {was.name}/{was.model}, this run uses "
            f"{now.name}/{now.model}: pass the matching --baseline or --update-baseline"
        )
    gate = GateResult(baseline_path=str(path), tolerance=tolerance)
    current = {c.cluster: c.scores.metrics() for c in report.clusters}
    if set(current) == set(baseline.clusters):
        _regress(gate, "overall", baseline.overall, report.overall.metrics(), None, tolerance)
    else:
        gate.notes.append("cluster subset: overall figures not compared")
    for cluster, metrics in current.items():
        if cluster not in baseline.clusters:
            gate.notes.append(f"{cluster}: not in the baseline")
            continue
        keys = (*CLUSTER_GATED, *COUNT_METRICS)
        _regress(gate, cluster, baseline.clusters[cluster], metrics, keys, tolerance)
    return gate


def _regress(
    gate: GateResult,
    scope: str,
    before: dict[str, float],
    after: dict[str, float],
    keys: tuple[str, ...] | None,
    tolerance: float,
) -> None:
    for key in keys or tuple(after):
        if key not in before or key not in after:
            continue
        if key in COUNT_METRICS:
            worse = after[key] > before[key]
        else:
            worse = after[key] < before[key] - tolerance - 1e-12
        if worse:
            reg = Regression(scope=scope, metric=key, baseline=before[key], current=after[key])
            gate.regressions.append(reg)


# --- rendering ---------------------------------------------------------------------------------


def _cells(scores: Scores) -> list[str]:
    q, m, a, c = scores.quantity, scores.measured, scores.attribution, scores.contradiction
    figures = [q.precision, q.recall, q.f1, m.f1, a.precision, a.recall, a.f1]
    figures += [scores.channel.value, c.precision, c.recall, c.f1]
    return [f"{x:.2f}" for x in figures] + [str(scores.must_not_flag_false_alarms)]


COLUMNS = ["qty P", "qty R", "qty F1", "meas F1", "attr P", "attr R", "attr F1", "chan acc"]
COLUMNS += ["contra P", "contra R", "contra F1", "mnf alarms"]
LEGEND = (
    "qty = quantity claims, meas = what-is-measured alignment (pairwise), attr = attributions "
    "(statement + speaker), chan = channel accuracy on matched attributions, contra = "
    "conflicting claim pairs, mnf = must-not-flag pairs flagged; overall = micro-average"
)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


def print_report(report: EvalReport, console: Console, *, show_cases: bool = True) -> None:
    title = f"factcheck eval {report.eval_version}"
    title += "" if report.frozen else " (NOT frozen)"
    title += f" — {report.extractor.name}" + (
        f"/{report.extractor.model}" if report.extractor.model else ""
    )
    table = Table(
        title=f"{title} [{report.mode}]", box=box.SIMPLE_HEAD, caption=LEGEND, pad_edge=False
    )
    table.add_column("cluster", no_wrap=True)
    for header in COLUMNS:
        table.add_column(header.replace(" ", "\n"), justify="right", no_wrap=True)
    for item in report.clusters:
        table.add_row(item.cluster, *_cells(item.scores))
    table.add_row("[bold]overall[/bold]", *_cells(report.overall))
    if show_cases:
        for item in report.clusters:
            _print_cases(item, console)
    console.print(table)
    for line in report.warnings:
        console.print(f"[yellow]warning:[/yellow] {escape(line)}")
    for line in report.failures:
        console.print(f"[red]failed:[/red] {escape(line)}")
    if report.gate is not None:
        _print_gate(report.gate, console)


def _print_cases(item: ClusterScore, console: Console) -> None:
    # Alignment cases are pairs (quadratic in the claims): counted here, listed in the reports.
    shown = [c for c in item.cases if c.area != "measured"]
    pairs = len(item.cases) - len(shown)
    if item.cases:
        more = f" (+ {pairs} misaligned pair(s), listed in the JSON/Markdown)" if pairs else ""
        console.print(f"[bold]{escape(item.cluster)}[/bold]: {len(shown)} case(s){more}")
    for case in shown:
        label = f"{case.area} {case.outcome}"
        console.print(f"  [yellow]{label}[/yellow] {escape(_refs(case))}: {escape(case.detail)}")
        for text in case.evidence:
            console.print(f"      [dim]» {escape(_clip(text))}[/dim]")


def _print_gate(gate: GateResult, console: Console) -> None:
    for note in gate.notes:
        console.print(f"[dim]gate: {escape(note)}[/dim]")
    if gate.passed:
        where = f"{escape(gate.baseline_path)} (tolerance {gate.tolerance})"
        console.print(f"[green]gate passed[/green] against {where}")
        return
    for reg in gate.regressions:
        console.print(
            f"[red]regression[/red] {escape(reg.scope)} {reg.metric}: "
            f"{reg.baseline:.3f} -> {reg.current:.3f}"
        )
    console.print(
        f"[red]gate failed[/red] against {escape(gate.baseline_path)} (tolerance {gate.tolerance})"
    )


def markdown_summary(report: EvalReport) -> str:
    ext = report.extractor.name + (f" / {report.extractor.model}" if report.extractor.model else "")
    frozen = "frozen" if report.frozen else "NOT frozen"
    lines = [
        f"# factcheck eval {report.eval_version} ({frozen})",
        "",
        f"Extractor: `{ext}` · mode: {report.mode} · scores micro-averaged over clusters.",
        "",
        "| cluster | " + " | ".join(COLUMNS) + " |",
        "|---|" + "---:|" * len(COLUMNS),
    ]
    for item in report.clusters:
        lines.append("| " + " | ".join([item.cluster, *_cells(item.scores)]) + " |")
    lines.append("| " + " | ".join(["**overall**", *_cells(report.overall)]) + " |")
    lines += ["", f"_{LEGEND}._"]
    if report.gate is not None:
        lines += ["", _gate_markdown(report.gate)]
    lines += [f"- failed: {f}" for f in report.failures]
    for item in report.clusters:
        if item.cases:
            lines += [
                "",
                f"<details><summary>{item.cluster}: {len(item.cases)} case(s)</summary>",
                "",
            ]
            lines += [_case_markdown(case) for case in item.cases]
            lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def _gate_markdown(gate: GateResult) -> str:
    head = "**Gate passed**" if gate.passed else "**Gate FAILED**"
    lines = [f"{head} against `{gate.baseline_path}` (tolerance {gate.tolerance})."]
    lines += [
        f"- regression {r.scope} `{r.metric}`: {r.baseline:.3f} → {r.current:.3f}"
        for r in gate.regressions
    ]
    lines += [f"- note: {n}" for n in gate.notes]
    return "\n".join(lines)


def _case_markdown(case: Case) -> str:
    evidence = "".join(f"\n  > {_clip(t)}" for t in case.evidence)
    return f"- **{case.area} {case.outcome}** `{_refs(case)}`: {case.detail}{evidence}"


def _refs(case: Case) -> str:
    gold = " ~ ".join(case.refs)
    same = sorted(case.predicted) == sorted(case.refs)
    predicted = "predicted " + " ~ ".join(case.predicted) if case.predicted and not same else ""
    return f"{gold} ({predicted})" if gold and predicted else gold or predicted
