"""Inputs a newsroom feeds us that the seeds do not contain."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from factcheck.cli import main
from factcheck.ingest import article_from_text, read_article
from factcheck.numbers import parse_quantities
from factcheck.report.schema import report_json_schema
from factcheck.rules.quotes import extract_attributions

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed"


def test_an_article_on_one_line_keeps_its_text(tmp_path: Path) -> None:
    raw = (SEED / "002_469326bf4cedfed6.txt").read_text(encoding="utf-8")
    one_line = tmp_path / "one.txt"
    one_line.write_text(" ".join(raw.split()), encoding="utf-8")
    article = read_article(one_line)
    assert "Around 8,000 migrants are en route" in article.text


def test_huge_and_ambiguous_numbers_are_skipped_not_misreported() -> None:
    assert parse_quantities("1" * 400 + " people gathered") == []
    # "10.000" is ten thousand in most of Europe and ten in English: never guess.
    assert parse_quantities("casi 10.000 personas") == []


def test_report_with_odd_numbers_still_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("The rally drew " + "9" * 400 + " people and 5,000 people.\n")
    (tmp_path / "b.txt").write_text("The rally drew about 5,000 people, police said.\n")
    assert main(["check", str(tmp_path), "--format", "json"]) == 0
    jsonschema.validate(json.loads(capsys.readouterr().out), report_json_schema())


def test_sentence_initial_negation_is_not_a_speaker() -> None:
    text = (
        "No immediate statement or joint statement was issued, but it was announced that "
        "there would be a statement."
    )
    article = article_from_text(text, article_id="x", source="x.txt")
    assert extract_attributions(article) == []


def test_short_quote_with_a_named_speaker_is_a_statement() -> None:
    text = "“We will rebuild,” Mayor Jane Doe said at a press conference."
    article = article_from_text(text, article_id="x", source="x.txt")
    [claim] = extract_attributions(article)
    assert (claim.statement, claim.speaker, claim.channel.value) == (
        "We will rebuild",
        "Jane Doe",
        "press_briefing",
    )


def test_unwritable_output_fails_before_extraction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", str(SEED), "-o", str(tmp_path / "missing" / "r.json")])
    assert code == 2
    assert "cannot write the report" in capsys.readouterr().err


def test_extract_refuses_a_directory(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED)]) == 2
    assert "extract takes one article file" in capsys.readouterr().err
