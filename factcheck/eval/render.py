"""Render an ``EvalReport``: a rich table and the cases for people, Markdown for CI; both show
baseline -> now for every gated figure."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from factcheck.eval.metrics import Area, Case, ClusterScore, Scores
from factcheck.eval.report import CLUSTER_GATED, COUNT_METRICS, Comparison, EvalReport, GateResult

EVIDENCE_CHARS = 240
# Pair and label cases grow with the claims: counted on the terminal, listed in the reports.
COUNTED_ONLY = (Area.MEASURED, Area.FRAME)


def _claim_cells(scores: Scores) -> list[str]:
    q, m, a, f = scores.quantity, scores.measured, scores.attribution, scores.frame
    figures = [q.precision, q.recall, q.f1, m.f1, a.precision, a.recall, a.f1]
    figures += [scores.channel.value, f.core.value, f.scope.f1]
    return [f"{x:.2f}" for x in figures]


def _flag_cells(scores: Scores) -> list[str]:
    c, u = scores.contradiction, scores.update
    figures = [c.precision, c.recall, c.f1, scores.contradiction_with_possible.f1]
    figures += [u.precision, u.recall, u.f1]
    counts = [scores.updates_flagged_as_contradictions, scores.must_not_flag_false_alarms]
    return [f"{x:.2f}" for x in figures] + [str(n) for n in counts]


CLAIM_COLUMNS = ["qty P", "qty R", "qty F1", "meas F1", "attr P", "attr R", "attr F1"]
CLAIM_COLUMNS += ["chan acc", "frame acc", "scope F1"]
FLAG_COLUMNS = ["contra P", "contra R", "contra F1", "+poss F1", "upd P", "upd R", "upd F1"]
FLAG_COLUMNS += ["upd as contra", "mnf alarms"]
TABLES = (("claims", CLAIM_COLUMNS, _claim_cells), ("flags", FLAG_COLUMNS, _flag_cells))
LEGEND = (
    "claims: qty = quantity claims, meas = what-is-measured alignment (pairwise), attr = "
    "attributions (statement + speaker), chan = channel accuracy on matched attributions, frame "
    "= counted/event/role accuracy on matched quantities, scope = frame scope items. flags: "
    "contra = conflicting claim pairs in the default report (confident), +poss = with the "
    "possible ones too (not gated), upd = updates of running tallies (pairs), upd as contra = "
    "gold updates flagged as contradictions, mnf = must-not-flag pairs flagged (as a "
    "contradiction or an update). overall = micro-average"
)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


def frames_line(scores: Scores) -> str:
    f = scores.frame
    parts = [f"{name} {getattr(f, name).value:.2f}" for name in ("counted", "event", "role")]
    parts += [f"time {f.time.value:.2f}", f"running {f.running.value:.2f}"]
    parts += [f"scope P/R/F1 {f.scope.precision:.2f}/{f.scope.recall:.2f}/{f.scope.f1:.2f}"]
    return f"frames ({f.counted.total} matched quantities judged): " + ", ".join(parts)


def print_report(report: EvalReport, console: Console, *, show_cases: bool = True) -> None:
    title = f"factcheck eval {report.eval_version}"
    title += "" if report.frozen else " (NOT frozen)"
    title += f" — {report.extractor.name}" + (
        f"/{report.extractor.model}" if report.extractor.model else ""
    )
    tables = []
    for name, columns, cells in TABLES:
        table = Table(title=f"{title} [{report.mode}]: {name}", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("cluster", no_wrap=True)
        for header in columns:
            table.add_column(header.replace(" ", "\n"), justify="right", no_wrap=True)
        for item in report.clusters:
            table.add_row(item.cluster, *cells(item.scores))
        table.add_row("[bold]overall[/bold]", *cells(report.overall))
        tables.append(table)
    if show_cases:
        for item in report.clusters:
            _print_cases(item, console)
    for table in tables:
        console.print(table)
    console.print(f"[dim]{escape(LEGEND)}[/dim]")
    console.print(escape(frames_line(report.overall)))
    for line in report.warnings:
        console.print(f"[yellow]warning:[/yellow] {escape(line)}")
    for line in report.failures:
        console.print(f"[red]failed:[/red] {escape(line)}")
    if report.gate is not None:
        _print_gate(report.gate, console)


def _print_cases(item: ClusterScore, console: Console) -> None:
    shown = [c for c in item.cases if c.area not in COUNTED_ONLY]
    hidden = {a: sum(1 for c in item.cases if c.area == a) for a in COUNTED_ONLY}
    if item.cases:
        more = ", ".join(f"{n} {a.value}" for a, n in hidden.items() if n)
        more = f" (+ {more}, listed in the JSON/Markdown)" if more else ""
        console.print(f"[bold]{escape(item.cluster)}[/bold]: {len(shown)} case(s){more}")
    for c in shown:
        label = f"{c.area.value} {c.outcome}"
        console.print(f"  [yellow]{label}[/yellow] {escape(_refs(c))}: {escape(c.detail)}")
        for text in c.evidence:
            console.print(f"      [dim]» {escape(_clip(text))}[/dim]")


def _arrow(c: Comparison) -> str:
    return (
        f"{c.baseline:.3g} → {c.current:.3g}"
        if c.metric in COUNT_METRICS
        else (f"{c.baseline:.2f} → {c.current:.2f}")
    )


def _print_gate(gate: GateResult, console: Console) -> None:
    for note in gate.notes:
        console.print(f"[dim]gate: {escape(note)}[/dim]")
    _print_comparisons(gate, console)
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


def _style(c: Comparison) -> str:
    if c.regressed:
        return "red"
    better = c.current < c.baseline if c.metric in COUNT_METRICS else c.current > c.baseline
    return "green" if better else ""


def _print_comparisons(gate: GateResult, console: Console) -> None:
    """Every gated figure, baseline → now: overall as a list, clusters as one row each."""
    overall = [c for c in gate.comparisons if c.scope == "overall"]
    if overall:
        table = Table(title="gated figures: baseline → now", box=box.SIMPLE_HEAD, pad_edge=False)
        for header in ("overall", "baseline → now", "overall ", "baseline → now "):
            table.add_column(header, no_wrap=True)
        half = (len(overall) + 1) // 2
        rights: list[Comparison | None] = [*overall[half:], None]
        for left, right in zip(overall[:half], rights[:half], strict=True):
            row = [left.metric, _cell(left)]
            row += [right.metric, _cell(right)] if right else ["", ""]
            table.add_row(*row)
        console.print(table)
    clusters = sorted({c.scope for c in gate.comparisons} - {"overall"})
    if clusters:
        keys = (*CLUSTER_GATED, *COUNT_METRICS)
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("cluster", no_wrap=True)
        for key in keys:
            table.add_column(key.replace(".", "\n", 1), no_wrap=True)
        by = {(c.scope, c.metric): c for c in gate.comparisons}
        for cluster in clusters:
            table.add_row(
                cluster, *(_cell(by[cluster, k]) if (cluster, k) in by else "" for k in keys)
            )
        console.print(table)


def _cell(c: Comparison) -> str:
    style = _style(c)
    return f"[{style}]{_arrow(c)}[/{style}]" if style else _arrow(c)


def markdown_summary(report: EvalReport) -> str:
    ext = report.extractor.name + (f" / {report.extractor.model}" if report.extractor.model else "")
    frozen = "frozen" if report.frozen else "NOT frozen"
    lines = [
        f"# factcheck eval {report.eval_version} ({frozen})",
        "",
        f"Extractor: `{ext}` · mode: {report.mode} · scores micro-averaged over clusters.",
        "",
    ]
    for name, columns, cells in TABLES:
        lines += [f"**{name}**", "", "| cluster | " + " | ".join(columns) + " |"]
        lines.append("|---|" + "---:|" * len(columns))
        for item in report.clusters:
            lines.append("| " + " | ".join([item.cluster, *cells(item.scores)]) + " |")
        lines += ["| " + " | ".join(["**overall**", *cells(report.overall)]) + " |", ""]
    lines += [f"_{LEGEND}._", "", frames_line(report.overall) + "."]
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
            lines += [_case_markdown(c) for c in item.cases]
            lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def _gate_markdown(gate: GateResult) -> str:
    head = "**Gate passed**" if gate.passed else "**Gate FAILED**"
    lines = [f"{head} against `{gate.baseline_path}` (tolerance {gate.tolerance}).", ""]
    if gate.comparisons:
        lines += ["| scope | gated figure | baseline → now |", "|---|---|---|"]
        for c in gate.comparisons:
            mark = " **regressed**" if c.regressed else ""
            lines.append(f"| {c.scope} | `{c.metric}` | {_arrow(c)}{mark} |")
        lines.append("")
    lines += [
        f"- regression {r.scope} `{r.metric}`: {r.baseline:.3f} → {r.current:.3f}"
        for r in gate.regressions
    ]
    lines += [f"- note: {n}" for n in gate.notes]
    return "\n".join(lines)


def _case_markdown(c: Case) -> str:
    evidence = "".join(f"\n  > {_clip(t)}" for t in c.evidence)
    return f"- **{c.area.value} {c.outcome}** `{_refs(c)}`: {c.detail}{evidence}"


def _refs(c: Case) -> str:
    gold = " ~ ".join(c.refs)
    same = sorted(c.predicted) == sorted(c.refs)
    predicted = "predicted " + " ~ ".join(c.predicted) if c.predicted and not same else ""
    return f"{gold} ({predicted})" if gold and predicted else gold or predicted
