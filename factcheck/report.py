"""Render a Report: rich terminal text for people, JSON for machines, Markdown for tickets."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.numbers import format_interval
from factcheck.schemas import ClaimRef, Contradiction, QuantityClaim, Report, RunStatus

FORMATS = ("text", "json", "markdown")
_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan"}


def outcome_without_contradictions(report: Report) -> str:
    """What an empty contradiction list means: "none found" only when everything was checked."""
    not_checked = [a.id for a in report.articles if a.status != "ok"]
    if report.status == RunStatus.NOTHING_CHECKED:
        return "Nothing was checked: no article could be read by the extractor (see warnings)."
    if report.status == RunStatus.NOTHING_GROUNDED:
        return (
            "Nothing was compared: no extracted claim survived grounding "
            "(the evidence the extractor gave is not in the articles)."
        )
    checked = len(report.articles) - len(not_checked)
    if checked == 1 and len(report.articles) > 0:
        return "Nothing to compare: only one article was checked."
    if report.status == RunStatus.PARTIAL:
        names = ", ".join(not_checked) if not_checked else "see warnings"
        return f"No contradictions found among the articles checked (not checked: {names})."
    return "No contradictions found between these articles."


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
    return Panel(Group(Text(c.explanation, style="italic"), table), title=title, title_align="left")


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
        message = outcome_without_contradictions(report)
        style = "green" if report.status == RunStatus.COMPLETE else "bold yellow"
        console.print(Text(message, style=style))
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
    for col in ("id", "measured", "as written", "normalised", "evidence"):
        q.add_column(col, overflow="fold")
    a = Table(title="Attributions", title_justify="left", header_style="bold", expand=True)
    for col in ("id", "speaker", "as written", "channel", "statement"):
        a.add_column(col, overflow="fold")
    for claim in report.claims:
        if isinstance(claim, QuantityClaim):
            interval = format_interval(claim.low, claim.high, claim.unit)
            rate = f" {claim.rate}" if claim.rate else ""
            q.add_row(claim.id, claim.measured, claim.raw, interval + rate, claim.evidence.text)
        else:
            a.add_row(
                claim.id,
                claim.speaker or "?",
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
        for n, side in enumerate(_sides(c)):
            lines.append(f"**Side {chr(ord('A') + n)}**")
            lines.append("")
            for ref in side:
                lines.append(f"- `{ref.article_id}` — {ref.summary}")
                lines.append(f"  > {_md_evidence(ref)}")
            lines.append("")
    if not report.contradictions:
        lines += [outcome_without_contradictions(report), ""]
    lines += ["## Articles", "", "| article | date | outlet | quantities | attributions | status |"]
    lines.append("|---|---|---|---|---|---|")
    for a in report.articles:
        status = a.status if a.status == "ok" else f"{a.status}: {a.reason}"
        lines.append(
            f"| {a.id} | {a.date or ''} | {a.outlet or ''} | {a.quantity_claims} | "
            f"{a.attribution_claims} | {status} |"
        )
    return "\n".join(lines) + "\n"


def _md_evidence(ref: ClaimRef) -> str:
    text = ref.evidence.text
    if ref.highlight is not None:
        s = ref.highlight.start - ref.evidence.start
        e = ref.highlight.end - ref.evidence.start
        if 0 <= s <= e <= len(text):
            text = f"{text[:s]}**{text[s:e]}**{text[e:]}"
    return " ".join(text.split())
