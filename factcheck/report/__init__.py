"""Render a Report: rich terminal text for people, JSON for machines, Markdown for tickets,
one self-contained HTML page to look at.

Every format escapes what it did not write (``sanitize``): article text, file names and model
fields are shown, never obeyed.
"""

from collections.abc import Sequence

from factcheck.report.markdown import to_markdown
from factcheck.report.text import render_claims, render_text
from factcheck.schemas import Article, Report

FORMATS = ("text", "json", "markdown", "html")


def to_html(
    report: Report, *, articles: Sequence[Article] = (), problems: Sequence[str] = ()
) -> str:
    """The report as one HTML page (``factcheck.report.html``). Imported on call: jinja2 and
    the page's parts cost a tenth of a second of start-up that text and JSON runs never use."""
    from factcheck.report.html import to_html as render

    return render(report, articles=articles, problems=problems)


def to_json(report: Report) -> str:
    """The report as JSON (the exported schema); consumers escape it for their own output."""
    return report.model_dump_json(indent=2) + "\n"


__all__ = ["FORMATS", "render_claims", "render_text", "to_html", "to_json", "to_markdown"]
