"""Terminal and Markdown: figures, updates, possible contradictions and judge verdicts."""

from __future__ import annotations

import io

from rich.console import Console

from factcheck.report import FORMATS, render_text, to_json, to_markdown
from factcheck.schemas import Report
from tests.report.builders import hostile_report, tally_report


def _text(report: Report) -> str:
    buf = io.StringIO()
    render_text(report, Console(file=buf, color_system=None, width=160))
    return buf.getvalue()


def test_formats_offered() -> None:
    assert FORMATS == ("text", "json", "markdown", "html")


def test_terminal_shows_updates_and_figures() -> None:
    report, _ = tally_report()
    out = _text(report)
    assert "Updates (running tallies, not contradictions)" in out
    assert "At least 12 people (d1 · Wire · 2024-03-01) → 19 people" in out
    assert "Figures" in out and "people killed | blast" in out
    assert "23 people → 23 people" in out
    assert "1 update(s)" in out.splitlines()[0]


def test_markdown_shows_updates_and_figures_as_tables() -> None:
    report, _ = tally_report()
    md = to_markdown(report)
    assert "## Updates" in md and "## Figures" in md
    assert "| U1 | people killed | At least 12 people (d1 · Wire · 2024-03-01) → 19 people" in md
    assert (
        "| people killed \\| blast | At least 12 people → &gt; 12 people | d1 · Wire · 2024-03-01 |"
        in md
    )


def test_possible_contradiction_and_judge_are_marked() -> None:
    report, _ = hostile_report()
    out = _text(report)
    assert "C2 · attribution_channel · LOW · mayor quote · possible (confidence 0.60)" in out
    assert "judge (judge-model): same measure, both can be true." in out
    md = to_markdown(report)
    assert "*possible (confidence 0.60)*" in md
    assert "> judge (judge-model): same measure, both can be true." in md
    assert "2 contradiction(s) (1 possible)" in md


def test_evidence_carries_outlet_and_date_of_its_article() -> None:
    report, _ = tally_report()
    report.updates[0].claims[0].outlet = None  # filled from the article's metadata
    assert "(d1 · Wire · 2024-03-01)" in _text(report)


def test_json_is_the_report_model() -> None:
    report, _ = tally_report()
    assert Report.model_validate_json(to_json(report)) == report
