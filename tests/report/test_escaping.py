"""Every format escapes what it did not write (issue 10, rows 7 and 8).

Article text, file names, outlets and model fields reach the reports verbatim; none of them may
turn into markup, terminal control sequences, a forged line or a broken table.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from factcheck.cli import main
from factcheck.report import render_claims, render_text, to_markdown
from factcheck.report.sanitize import md_text
from tests.report.builders import hostile_report

PROBLEMS = ["articles/evil\nwarning: fake.txt: \x1b[2Jempty file"]
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _terminal(claims_only: bool = False) -> str:
    report, _ = hostile_report()
    report.articles[1].outlet = "[red]Wire[/red]"
    buf = io.StringIO()
    console = Console(file=buf, color_system=None, width=200)
    if claims_only:
        render_claims(report, console)
    else:
        render_text(report, console, problems=PROBLEMS)
    return buf.getvalue()


def _controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 32 and c not in "\n") or 0x7F <= ord(c) <= 0x9F]


def test_terminal_report_strips_control_sequences() -> None:
    for out in (_terminal(), _terminal(claims_only=True)):
        assert _controls(out) == []
        # Prose loses the whole sequence; names (file names, warnings) show it as "\x1b[31m".
        assert re.search(r"(?<!\\x1b)\[31m", out) is None, "ESC sequence debris in prose"


def test_terminal_report_never_forges_a_line() -> None:
    out = _terminal()
    forged = [line for line in out.splitlines() if line.lstrip("│ ").startswith("warning: f")]
    assert forged == [], forged
    assert "evil\\nwarning: fake.txt" in out, "a newline in a file name is shown, not obeyed"


def test_terminal_report_prints_rich_markup_literally() -> None:
    assert "[red]Wire[/red]" in _terminal()


def test_markdown_escapes_html() -> None:
    report, _ = hostile_report()
    md = to_markdown(report, problems=PROBLEMS)
    assert re.search(r"<\s*(script|img|b)\b", md, re.IGNORECASE) is None, md
    assert "&lt;img src=x onerror=alert(1)&gt;" in md
    assert "&lt;script&gt;" in md
    assert _controls(md) == []


def test_markdown_keeps_table_cells_and_lines_whole() -> None:
    report, _ = hostile_report()
    md = to_markdown(report, problems=PROBLEMS)
    lines = md.splitlines()
    assert not [line for line in lines if line.startswith("warning:")], "forged line"
    for n, line in enumerate(lines):
        if line.startswith("|---"):
            width = len(UNESCAPED_PIPE.findall(line))
            rows = []
            for row in lines[n - 1 :]:
                if not row.startswith("|"):
                    break
                rows.append(row)
            assert all(len(UNESCAPED_PIPE.findall(r)) == width for r in rows), rows
    assert "a\\|1" in md, "the article id keeps its pipe, escaped"


def test_markdown_highlight_survives_escaping() -> None:
    report, _ = hostile_report()
    md = to_markdown(report)
    assert "**almost 10,000 people**" in md
    assert "\\*north\\*" in md, "article asterisks are text, not emphasis"


def test_cli_diagnostics_stay_on_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The meeting lasted three hours.", encoding="utf-8")
    evil = tmp_path / "evil\nwarning: \x1b[31mforged.txt"
    evil.write_text("", encoding="utf-8")
    main(["check", str(good), str(evil)])
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert not [line for line in err.splitlines() if line.startswith("warning: \x1b")]
    assert next(line for line in err.splitlines() if "forged" in line).startswith("warning: ")


def test_markdown_renders_to_no_markup_of_its_own() -> None:
    """Through a real CommonMark renderer with raw HTML on (as GitHub-style viewers pass it)."""
    from markdown_it import MarkdownIt

    report, _ = hostile_report()
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(to_markdown(report))
    assert re.search(r"<(script|img|b)\b", rendered) is None, rendered
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered
    rows = re.findall(r"<tr>(.*?)</tr>", rendered, re.DOTALL)
    assert rows and {r.count("<td") + r.count("<th") for r in rows} == {6}
    assert "<em>north</em>" not in rendered and "*north*" in rendered


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("1. first", "1\\. first"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("`code`", "\\`code\\`"),
        ("a_b and _c_", "a_b and \\_c\\_"),
        ("3.5 people", "3.5 people"),
        ("x\n\n| y", "x \\| y"),
    ],
)
def test_md_text(text: str, escaped: str) -> None:
    assert md_text(text) == escaped


def test_cli_markdown_and_text_from_hostile_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 10 rows 7 and 8 end to end: an HTML article whose text holds &lt;script&gt;."""
    (tmp_path / "page.html").write_text(
        "<html><body><p>The meeting lasted three hours, officials said "
        "&lt;script&gt;alert(1)&lt;/script&gt;.</p></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "b|\x1b[31m.txt").write_text(
        "The meeting lasted less than two hours \x1b[2J<img src=x onerror=alert(1)> and ended.",
        encoding="utf-8",
    )
    paths = [str(p) for p in sorted(tmp_path.iterdir())]
    assert main(["check", *paths, "--format", "markdown"]) == 1
    md = capsys.readouterr().out
    assert re.search(r"<\s*(script|img)\b", md) is None, md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md and "\x1b" not in md
    assert main(["check", *paths]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "<img src=x onerror=alert(1)>" in out
