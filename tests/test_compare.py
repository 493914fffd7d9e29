"""Align + compare on small articles written for the test, through the offline extractor."""

from __future__ import annotations

import pytest

from factcheck.ingest import article_from_text
from factcheck.pipeline import run_pipeline
from factcheck.rules import RuleExtractor
from factcheck.schemas import Report


def _check(*texts: str) -> Report:
    articles = [
        article_from_text(t, article_id=f"a{n}", source=f"a{n}.txt") for n, t in enumerate(texts)
    ]
    return run_pipeline(articles, RuleExtractor())


def _kinds(report: Report) -> list[str]:
    return [c.kind.value for c in report.contradictions]


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        ("The meeting lasted three hours.", "The meeting lasted almost three hours.", False),
        ("The meeting lasted three hours.", "The meeting lasted less than two hours.", True),
        ("The talks lasted 90 minutes.", "The meeting lasted three hours.", True),
        ("The talks lasted 90 minutes.", "The meeting lasted an hour and a half.", False),
        ("The session lasted about two hours.", "The conversation lasted 115 minutes.", False),
        (
            "The 40-minute briefing ended at noon.",
            "The briefing went on for nearly two hours.",
            True,
        ),
        (
            "Some 12,000 people were evacuated from the coast.",
            "Officials said 6,000 people were evacuated from the coast.",
            True,
        ),
        (
            "More than 300 homes were destroyed by the storm.",
            "About 320 homes were destroyed by the storm.",
            False,
        ),
        (
            "At least 4,000 workers joined the strike.",
            "Up to 2,500 workers joined the strike.",
            True,
        ),
        (
            "Around 8,000 migrants are in the caravan.",
            "The caravan has almost 10,000 people.",
            True,
        ),
    ],
)
def test_numeric_pairs(first: str, second: str, conflict: bool) -> None:
    report = _check(first, second)
    assert _kinds(report) == (["numeric"] if conflict else []), report.contradictions


def test_rate_is_never_compared_with_a_total() -> None:
    report = _check(
        "A caravan of 9,000 migrants crossed into Chiapas.",
        "Around 2,400 migrants cross the border every day, officials said.",
        "Border agents detained 70,000 migrants in October.",
    )
    assert report.contradictions == []


def test_different_things_with_the_same_unit_are_not_compared() -> None:
    report = _check(
        "The caravan of 8,000 migrants left Tapachula on Sunday.",
        "Some 2.2 million migrants were recorded at the border from January to November.",
    )
    assert report.contradictions == []


def test_same_article_claims_are_never_paired() -> None:
    report = _check(
        "The meeting lasted three hours. Another source said the meeting lasted one hour.",
        "Nothing relevant here at all, only weather.",
    )
    assert report.contradictions == []


def test_same_quote_different_speaker_is_an_attribution_contradiction() -> None:
    quote = "We will not accept a single deportation flight without guarantees"
    report = _check(
        f'Interior Minister Carla Benning spoke after the summit.\n"{quote}," Benning said.',
        f"Prime Minister Jonas Aalto closed the summit.\n“{quote},” Aalto told reporters.",
    )
    [c] = report.contradictions
    assert c.kind.value == "attribution_speaker"
    speakers = {ref.summary.split(" (")[0] for ref in c.claims}
    assert speakers == {"Carla Benning", "Jonas Aalto"}
    assert {ref.group for ref in c.claims} == {0, 1}
    assert "different speaker" in c.explanation


def test_same_quote_same_speaker_translated_slightly_differently_agrees() -> None:
    report = _check(
        "Minister Carla Benning spoke on Monday.\n"
        '"We will not accept a single deportation flight without guarantees," Benning said.',
        "Carla Benning was clear.\n"
        '"We will not accept one single deportation flight without any guarantees," she said.',
    )
    assert report.contradictions == []


def test_tweeted_versus_said_at_a_briefing_is_a_channel_contradiction() -> None:
    quote = "The bridge will reopen to trucks before the end of the month"
    report = _check(
        f'Transport Minister Olu Badejo posted on his X account.\n"{quote}," he wrote.',
        f'Transport Minister Olu Badejo held a press conference.\n"{quote}," he told reporters.',
    )
    [c] = report.contradictions
    assert c.kind.value == "attribution_channel"


def test_unknown_channel_is_compatible() -> None:
    quote = "The bridge will reopen to trucks before the end of the month"
    report = _check(
        f'Transport Minister Olu Badejo posted on his X account.\n"{quote}," he wrote.',
        f'"{quote}," Transport Minister Olu Badejo said.',
    )
    assert report.contradictions == []
