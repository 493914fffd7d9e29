"""Render a Report: rich terminal text for people, JSON for machines, Markdown for tickets."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.numbers import format_interval
from factcheck.schemas import ClaimRef, Contradiction, Frame, JudgeVerdict, QuantityClaim, Report

FORMATS = ("text", "json", "markdown")
_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan"}


def to_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"


def _evidence_text(ref: ClaimRef) -> Text:
    text = Text(ref.evidence.text)
    if ref.highlight is not None:
        start = ref.highlight.start - ref.evidence.start
        end = ref.highlight.end - ref.evidence.start
        if 0 <= start <= end <= len(ref.evidence.text):
            text.stylize("bold underline", start, end)
    return text


def _sides(c: Contradiction) -> list[list[ClaimRef]]:
    groups: dict[int, list[ClaimRef]] = {}
    for ref in c.claims:
        groups.setdefault(ref.group, []).append(ref)
    return [groups[k] for k in sorted(groups)]


def _contradiction_panel(c: Contradiction) -> Panel:
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=False)
    sides = _sides(c)
    for n, _side in enumerate(sides):
        table.add_column(f"Side {chr(ord('A') + n)}", ratio=1, overflow="fold")
    cells = []
    for side in sides:
        parts: list[Text] = []
        for ref in side:
            head = Text(f"{ref.article_id}", style="bold magenta")
            head.append(f"  {ref.summary}", style="green")
            if ref.source:
                head.append(f"\n{ref.source}", style="dim")
            parts.append(head)
            parts.append(_evidence_text(ref))
            parts.append(Text(""))
        cells.append(Group(*parts))
    table.add_row(*cells)
    style = _SEVERITY_STYLE.get(c.severity.value, "white")
    title = Text(f"{c.id} · {c.kind.value} · ", style="bold")
    title.append(c.severity.value.upper(), style=style)
    title.append(f" · {c.topic}", style="bold")
    if c.certainty.value != "confident":
        title.append(f" · {c.certainty.value}", style="dim")
    lines: list[Text | Table] = [Text(c.explanation, style="italic")]
    if c.judge is not None:
        lines.append(Text(judge_line(c.judge), style="dim"))
    lines.append(table)
    return Panel(Group(*lines), title=title, title_align="left")


def judge_line(v: JudgeVerdict) -> str:
    """The judge's verdict in one line (``--judge``)."""
    parts = [
        "same measure" if v.same_measure else "not the same measure",
        "both can be true" if v.both_true else "cannot both be true",
    ]
    if v.update:
        parts.append("an update")
    return f"Judge ({v.model or 'model'}): {'; '.join(parts)} — {v.reason}"


def model_fields(frame: Frame | None) -> str:
    """Which frame fields the model filled: 'event, scope (model)' or ''."""
    if frame is None:
        return ""
    names = [
        n
        for n in ("counted", "event", "time")
        if getattr(frame, n) and getattr(frame, n).by == "model"
    ]
    names += ["scope"] if any(s.by == "model" for s in frame.scope) else []
    names += ["role"] if frame.role_by == "model" else []
    return f"{', '.join(names)} (model)" if names else ""


def render_text(report: Report, console: Console, *, problems: Sequence[str] = ()) -> None:
    ok = [a for a in report.articles if a.status == "ok"]
    n_claims = len(report.claims)
    console.print(
        Text(
            f"factcheck: {len(ok)} article(s) checked, {n_claims} claims, "
            f"{len(report.contradictions)} contradiction(s)",
            style="bold",
        )
    )
    info = report.extractor
    line = f"extractor: {info.name}"
    if info.model:
        line += f" · model {info.model}"
    if info.prompt_hash:
        line += f" · prompt {info.prompt_hash[:12]}"
    if info.note:
        line += f" · {info.note}"
    console.print(Text(line, style="dim"))
    for message in [*problems, *report.warnings]:
        console.print(Text(f"warning: {message}", style="yellow"))
    for a in report.articles:
        if a.status == "failed":
            console.print(Text(f"failed: {a.source}: {a.reason}", style="red"))
    for c in report.contradictions:
        console.print(_contradiction_panel(c))
    if not report.contradictions:
        console.print(Text("No contradictions found between these articles.", style="green"))
    console.print(_articles_table(report))
    u = report.usage
    if u.calls:
        cost = f", ≈ ${u.cost_usd:.4f}" if u.cost_usd is not None else ""
        console.print(
            Text(
                f"model usage: {u.calls} call(s), {u.prompt_tokens} prompt + "
                f"{u.completion_tokens} completion tokens, {u.retries} retries{cost}",
                style="dim",
            )
        )


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
            a.id,
            a.date or "",
            a.outlet or "",
            str(a.quantity_claims),
            str(a.attribution_claims),
            status,
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
                claim.id,
                claim.measured,
                claim.raw,
                interval + rate,
                _frame_cell(claim.frame),
                claim.evidence.text,
            )
        else:
            by_model = " (model)" if claim.speaker_by == "model" else ""
            a.add_row(
                claim.id,
                (claim.speaker or "?") + by_model,
                claim.speaker_text or "",
                claim.channel.value,
                f"[{claim.quote_type}] {claim.statement}",
            )
    console.print(q)
    console.print(a)


def to_markdown(report: Report, *, problems: Sequence[str] = ()) -> str:
    ok = sum(1 for a in report.articles if a.status == "ok")
    lines = [
        "# factcheck report",
        "",
        f"{ok} article(s) checked, {len(report.claims)} claims, "
        f"{len(report.contradictions)} contradiction(s). Extractor: `{report.extractor.name}`"
        + (f" ({report.extractor.note})" if report.extractor.note else "")
        + ".",
        "",
    ]
    for message in [*problems, *report.warnings]:
        lines.append(f"> **warning:** {message}")
    for c in report.contradictions:
        lines += [
            f"## {c.id} · {c.kind.value} · {c.severity.value} · {c.topic}",
            "",
            c.explanation,
            "",
        ]
        if c.judge is not None:
            lines += [f"*{_md_escape(judge_line(c.judge))}*", ""]
        for n, side in enumerate(_sides(c)):
            lines.append(f"**Side {chr(ord('A') + n)}**")
            lines.append("")
            for ref in side:
                lines.append(f"- `{ref.article_id}` — {ref.summary}")
                lines.append(f"  > {_md_evidence(ref)}")
            lines.append("")
    if not report.contradictions:
        lines += ["No contradictions found.", ""]
    lines += ["## Articles", "", "| article | date | outlet | quantities | attributions | status |"]
    lines.append("|---|---|---|---|---|---|")
    for a in report.articles:
        status = a.status if a.status == "ok" else f"{a.status}: {a.reason}"
        lines.append(
            f"| {a.id} | {a.date or ''} | {a.outlet or ''} | {a.quantity_claims} | "
            f"{a.attribution_claims} | {status} |"
        )
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    """The judge's reason is model text: no HTML or emphasis of its own in the Markdown."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "*_`[]|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def _frame_cell(frame: Frame) -> str:
    parts = [
        f"{n}={getattr(frame, n).value}" for n in ("counted", "event", "time") if getattr(frame, n)
    ]
    parts += [f"scope={s.text}" for s in frame.scope]
    if frame.role.value != "total":
        parts.append(f"role={frame.role.value}")
    marked = model_fields(frame)
    return "; ".join(parts) + (f"\n{marked}" if marked else "")


def _md_evidence(ref: ClaimRef) -> str:
    text = ref.evidence.text
    if ref.highlight is not None:
        s = ref.highlight.start - ref.evidence.start
        e = ref.highlight.end - ref.evidence.start
        if 0 <= s <= e <= len(text):
            text = f"{text[:s]}**{text[s:e]}**{text[e:]}"
    return " ".join(text.split())
