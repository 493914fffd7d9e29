"""The terminal report (rich): panels with the evidence side by side, tables for the rest.

Every string from an article, a file name or a model goes through ``sanitize`` and into a
``Text`` (never a markup string), so neither control sequences nor rich markup get through.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.numbers import format_interval
from factcheck.report.parts import (
    certainty_note,
    figure_value,
    frame_cell,
    judge_note,
    outcome_without_contradictions,
    side_name,
    sides,
    split_evidence,
    summary_line,
    usage_line,
    where,
    with_article_meta,
)
from factcheck.report.sanitize import flat_text, one_line, plain_text
from factcheck.schemas import ClaimRef, Contradiction, QuantityClaim, Report, RunStatus

_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan"}


def _prose(text: str | None, style: str = "") -> Text:
    return Text(flat_text(text or ""), style=style)


def _name(text: str | None, style: str = "") -> Text:
    return Text(one_line(text or ""), style=style)


def _evidence_text(ref: ClaimRef) -> Text:
    before, hit, after = (plain_text(part) for part in split_evidence(ref))
    text = Text(before)
    text.append(hit, style="bold underline")
    text.append(after)
    return text


def _contradiction_panel(c: Contradiction) -> Panel:
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=False)
    groups = sides(c)
    for n, _side in enumerate(groups):
        table.add_column(f"Side {side_name(n)}", ratio=1, overflow="fold")
    cells = []
    for side in groups:
        parts: list[RenderableType] = []
        for ref in side:
            head = _name(ref.article_id, "bold magenta")
            head.append(f"  {flat_text(ref.summary)}", style="green")
            extra = " · ".join(
                x for x in (flat_text(ref.outlet or ""), one_line(ref.date or "")) if x
            )
            if extra:
                head.append(f"  {extra}", style="magenta")
            if ref.source:
                head.append(f"\n{one_line(ref.source)}", style="dim")
            parts += [head, _evidence_text(ref), Text("")]
        cells.append(Group(*parts))
    table.add_row(*cells)
    style = _SEVERITY_STYLE.get(c.severity.value, "white")
    title = Text(f"{c.id} · {c.kind.value} · ", style="bold")
    title.append(c.severity.value.upper(), style=style)
    title.append(f" · {flat_text(c.topic)}", style="bold")
    note = certainty_note(c)
    if note:
        title.append(f" · {note}", style="yellow" if "possible" in note else "dim")
    body: list[RenderableType] = [_prose(c.explanation, "italic")]
    if c.judge is not None:
        body.append(_prose(judge_note(c.judge), "dim"))
    body.append(table)
    return Panel(Group(*body), title=title, title_align="left")


def render_text(report: Report, console: Console, *, problems: Sequence[str] = ()) -> None:
    report = with_article_meta(report)
    console.print(Text(f"factcheck: {summary_line(report)}", style="bold"))
    info = report.extractor
    line = f"extractor: {info.name}"
    if info.model:
        line += f" · model {info.model}"
    if info.prompt_hash:
        line += f" · prompt {info.prompt_hash[:12]}"
    if info.note:
        line += f" · {info.note}"
    console.print(_prose(line, "dim"))
    for message in [*problems, *report.warnings]:
        console.print(_name(f"warning: {message}", "yellow"))
    for a in report.articles:
        if a.status == "failed":
            console.print(_name(f"failed: {a.source}: {a.reason}", "red"))
    for c in report.contradictions:
        console.print(_contradiction_panel(c))
    if not report.contradictions:
        message = outcome_without_contradictions(report)
        style = "green" if report.status == RunStatus.COMPLETE else "bold yellow"
        console.print(Text(message, style=style))
    if report.updates:
        console.print(_updates_table(report))
    if report.figures:
        console.print(_figures_table(report))
    console.print(_articles_table(report))
    usage = usage_line(report)
    if usage:
        console.print(Text(usage, style="dim"))


def _updates_table(report: Report) -> Table:
    table = Table(title="Updates (running tallies, not contradictions)", title_justify="left")
    for col in ("id", "topic", "earliest → latest", "explanation"):
        table.add_column(col, overflow="fold", header_style="bold")
    for u in report.updates:
        steps = Text(" → ".join(f"{flat_text(r.summary)} ({one_line(where(r))})" for r in u.claims))
        table.add_row(Text(u.id), _prose(u.topic), steps, _prose(u.explanation))
    return table


def _figures_table(report: Report) -> Table:
    table = Table(title="Figures", title_justify="left")
    for col in ("measure", "value", "article · outlet · date"):
        table.add_column(col, overflow="fold", header_style="bold")
    for fig in report.figures:
        for n, v in enumerate(fig.values):
            table.add_row(
                _prose(fig.measure if n == 0 else ""), _prose(figure_value(v)), _name(where(v))
            )
    return table


def _articles_table(report: Report) -> Table:
    table = Table(title="Articles", title_justify="left", header_style="bold")
    for col in ("article", "date", "outlet", "quantities", "attributions", "status"):
        table.add_column(col)
    for a in report.articles:
        status = a.status if a.status == "ok" else f"{a.status}: {a.reason}"
        if a.ungrounded_dropped:
            status += f" ({a.ungrounded_dropped} ungrounded dropped)"
        if a.from_cache:
            status += " (cache)"
        table.add_row(
            _name(a.id),
            _name(a.date),
            _prose(a.outlet),
            Text(str(a.quantity_claims)),
            Text(str(a.attribution_claims)),
            _name(status),
        )
    return table


def render_claims(report: Report, console: Console) -> None:
    """`factcheck extract`: the claims of one article, grouped by kind."""
    q = Table(title="Quantity claims", title_justify="left", header_style="bold", expand=True)
    for col in ("id", "measured", "as written", "normalised", "frame", "evidence"):
        q.add_column(col, overflow="fold")
    a = Table(title="Attributions", title_justify="left", header_style="bold", expand=True)
    for col in ("id", "speaker", "as written", "channel", "statement"):
        a.add_column(col, overflow="fold")
    for claim in report.claims:
        if isinstance(claim, QuantityClaim):
            interval = format_interval(claim.low, claim.high, claim.unit)
            rate = f" {claim.rate}" if claim.rate else ""
            q.add_row(
                _name(claim.id),
                _prose(claim.measured),
                _prose(claim.raw),
                _prose(interval + rate),
                _prose(frame_cell(claim.frame)),
                _prose(claim.evidence.text),
            )
        else:
            by_model = " (model)" if claim.speaker_by == "model" else ""
            a.add_row(
                _name(claim.id),
                _prose((claim.speaker or "?") + by_model),
                _prose(claim.speaker_text),
                Text(claim.channel.value),
                _prose(f"[{claim.quote_type}] {claim.statement}"),
            )
    console.print(q)
    console.print(a)
