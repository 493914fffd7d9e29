"""The Markdown report, for tickets and CI summaries.

Everything we did not write goes through ``md_text``: it is shown, never rendered (no raw
HTML, no emphasis or links from article text, no ``|`` or newline that breaks a table).
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.report.parts import (
    certainty_note,
    figure_value,
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
from factcheck.report.sanitize import md_text
from factcheck.schemas import ClaimRef, Report


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def to_markdown(report: Report, *, problems: Sequence[str] = ()) -> str:
    report = with_article_meta(report)
    info = report.extractor
    extractor = md_text(info.name)
    if info.model:
        extractor += f", model {md_text(info.model)}"
    if info.prompt_hash:
        extractor += f", prompt {md_text(info.prompt_hash[:12])}"
    if info.note:
        extractor += f" ({md_text(info.note)})"
    lines = ["# factcheck report", "", f"{md_text(summary_line(report))}. Extractor: {extractor}."]
    usage = usage_line(report)
    if usage:
        lines += ["", md_text(usage) + "."]
    lines.append("")
    for message in [*problems, *report.warnings]:
        lines.append(f"> **warning:** {md_text(message)}")
    if problems or report.warnings:
        lines.append("")
    for c in report.contradictions:
        title = f"{c.id} · {c.kind.value} · {c.severity.value} · {c.topic}"
        lines += [f"## {md_text(title)}", ""]
        note = certainty_note(c)
        if note:
            lines += [f"*{md_text(note)}*", ""]
        lines += [md_text(c.explanation), ""]
        if c.judge is not None:
            lines += [f"> {md_text(judge_note(c.judge))}", ""]
        for n, side in enumerate(sides(c)):
            lines += [f"**Side {side_name(n)}**", ""]
            for ref in side:
                lines.append(f"- {md_text(where(ref))} — {md_text(ref.summary)}")
                lines.append(f"  > {_md_evidence(ref)}")
            lines.append("")
    if not report.contradictions:
        lines += [md_text(outcome_without_contradictions(report)), ""]
    if report.updates:
        lines += ["## Updates", "", "Running tallies that rose over time (not contradictions).", ""]
        lines += [_row("id", "topic", "earliest → latest", "explanation"), "|---|---|---|---|"]
        for u in report.updates:
            steps = " → ".join(f"{r.summary} ({where(r)})" for r in u.claims)
            lines.append(
                _row(md_text(u.id), md_text(u.topic), md_text(steps), md_text(u.explanation))
            )
        lines.append("")
    if report.figures:
        lines += [
            "## Figures",
            "",
            _row("measure", "value", "article · outlet · date"),
            "|---|---|---|",
        ]
        for fig in report.figures:
            for n, v in enumerate(fig.values):
                measure = md_text(fig.measure) if n == 0 else ""
                lines.append(_row(measure, md_text(figure_value(v)), md_text(where(v))))
        lines.append("")
    lines += [
        "## Articles",
        "",
        _row("article", "date", "outlet", "quantities", "attributions", "status"),
    ]
    lines.append("|---|---|---|---|---|---|")
    for a in report.articles:
        status = a.status if a.status == "ok" else f"{a.status}: {a.reason}"
        lines.append(
            _row(
                md_text(a.id),
                md_text(a.date or ""),
                md_text(a.outlet or ""),
                str(a.quantity_claims),
                str(a.attribution_claims),
                md_text(status),
            )
        )
    return "\n".join(lines) + "\n"


def _md_evidence(ref: ClaimRef) -> str:
    before, hit, after = split_evidence(ref)
    if not hit.strip():
        return md_text(before + hit + after)
    # Emphasis must hug its text ("**x**", not "** x **"), so spaces stay outside the stars.
    before += hit[: len(hit) - len(hit.lstrip())]
    after = hit[len(hit.rstrip()) :] + after
    gap_before = " " if before[-1:].isspace() else ""
    gap_after = " " if after[:1].isspace() else ""
    return f"{md_text(before)}{gap_before}**{md_text(hit)}**{gap_after}{md_text(after)}".strip()
