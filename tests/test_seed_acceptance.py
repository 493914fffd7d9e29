"""Acceptance on the five seed articles, through the real CLI and the offline extractor."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from factcheck.cli import main
from factcheck.report.schema import report_json_schema

A000, A001, A002, A003, A004 = (
    "000_a32ed3d097423b2d",
    "001_8e55174b69a84ea7",
    "002_469326bf4cedfed6",
    "003_3f19723b59c844a4",
    "004_4f757ef753d5f59f",
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("seed") / "report.json"
    seed = Path(__file__).resolve().parent.parent / "examples" / "seed"
    code = main(["check", str(seed), "--format", "json", "-o", str(out)])
    assert code == 1, "contradictions found -> exit 1"
    return json.loads(out.read_text(encoding="utf-8"))


def _claim(report: dict, claim_id: str) -> dict:
    return next(c for c in report["claims"] if c["id"] == claim_id)


def _sides(contradiction: dict, report: dict) -> list[set[str]]:
    groups: dict[int, set[str]] = {}
    for ref in contradiction["claims"]:
        groups.setdefault(ref["group"], set()).add(_claim(report, ref["claim_id"])["raw"])
    return [groups[k] for k in sorted(groups)]


def test_report_validates_against_exported_schema(report: dict) -> None:
    jsonschema.validate(report, report_json_schema())


def test_exactly_the_two_numeric_contradictions(report: dict) -> None:
    kinds = [c["kind"] for c in report["contradictions"]]
    assert kinds == ["numeric", "numeric"], report["contradictions"]


def test_meeting_length_004_against_the_three_hour_accounts(report: dict) -> None:
    meeting = next(c for c in report["contradictions"] if "meeting" in c["topic"])
    by_article: dict[str, set[int]] = {}
    for ref in meeting["claims"]:
        by_article.setdefault(ref["article_id"], set()).add(ref["group"])
    assert set(by_article) == {A000, A001, A002, A004}
    sides = _sides(meeting, report)
    assert sides == [
        {"less than two hours", "a little more than an hour and a half"},
        {"three-hour", "almost three hours", "three hours"},
    ]
    # Both evidence sentences are shown with the article each comes from.
    for ref in meeting["claims"]:
        assert ref["evidence"]["text"] and ref["source"].endswith(".txt")
    assert "cannot both be true" in meeting["explanation"]


def test_caravan_size_001_against_002(report: dict) -> None:
    caravan = next(c for c in report["contradictions"] if "meeting" not in c["topic"])
    assert {r["article_id"] for r in caravan["claims"]} == {A001, A002}
    assert _sides(caravan, report) == [{"Around 8,000 migrants"}, {"almost 10,000 people"}]


def test_daily_apprehensions_are_not_the_caravan(report: dict) -> None:
    daily = next(c for c in report["claims"] if c.get("rate") == "daily")
    assert daily["raw"] == "Around 10,000 migrants"
    flagged = {r["claim_id"] for c in report["contradictions"] for r in c["claims"]}
    assert daily["id"] not in flagged


def test_three_hours_and_almost_three_hours_agree(report: dict) -> None:
    meeting = next(c for c in report["contradictions"] if "meeting" in c["topic"])
    groups = {ref["article_id"]: ref["group"] for ref in meeting["claims"]}
    assert groups[A000] == groups[A001] == groups[A002]


def test_biden_quote_is_lopez_obrador_everywhere_and_not_flagged(report: dict) -> None:
    quotes = [
        c
        for c in report["claims"]
        if c["kind"] == "attribution" and c["statement"].startswith("We ask President")
    ]
    assert {c["article_id"] for c in quotes} == {A000, A001, A002}
    assert {c["speaker"] for c in quotes} == {"Andrés Manuel López Obrador"}
    assert {c["channel"] for c in quotes} == {"social_post"}
    assert not [c for c in report["contradictions"] if c["kind"] != "numeric"]


def test_every_claim_is_grounded_in_its_article(report: dict, seed_dir: Path) -> None:
    from factcheck.ingest import read_article

    texts = {p.stem: read_article(p).text for p in seed_dir.glob("*.txt")}
    for claim in report["claims"]:
        ev = claim["evidence"]
        assert texts[claim["article_id"]][ev["start"] : ev["end"]] == ev["text"]


def test_text_and_markdown_formats(seed_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(seed_dir)]) == 1
    text = capsys.readouterr().out
    assert "less than two hours" in text and "almost 10,000 people" in text
    assert main(["check", str(seed_dir), "--format", "markdown"]) == 1
    md = capsys.readouterr().out
    assert md.startswith("# factcheck report") and "**Side A**" in md
    assert "**almost 10,000 people**" in md


def test_extract_shows_claims_of_one_article(
    seed_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(seed_dir / f"{A004}.txt"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    raws = {c["raw"] for c in data["claims"] if c["kind"] == "quantity"}
    assert {"less than two hours", "a little more than an hour and a half"} <= raws
    assert data["contradictions"] == []


@pytest.mark.parametrize("copied", [A000, A001, A002, A003, A004])
def test_an_exact_copy_of_a_seed_article_hides_no_contradiction(
    copied: str, tmp_path: Path, report: dict
) -> None:
    """Issue 10 row 9: one copy of 001 used to make the caravan contradiction disappear."""
    seed = Path(__file__).resolve().parent.parent / "examples" / "seed"
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in seed.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / f"{copied}_copy.txt").write_bytes((seed / f"{copied}.txt").read_bytes())
    out = tmp_path / "report.json"
    assert main(["check", str(folder), "--format", "json", "-o", str(out)]) == 1
    got = json.loads(out.read_text(encoding="utf-8"))

    def essence(r: dict) -> list[tuple[str, str, str, list[str]]]:
        return [
            (c["kind"], c["topic"], c["explanation"], [x["claim_id"] for x in c["claims"]])
            for c in r["contradictions"]
        ]

    assert essence(got) == essence(report)
    assert any(f"{copied}_copy.txt" in w and f"{copied}.txt" in w for w in got["warnings"])
