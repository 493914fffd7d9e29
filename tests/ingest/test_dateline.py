"""Wire datelines are cut from the story; their outlet and date become the article's."""

from __future__ import annotations

import pytest

from factcheck.ingest import article_from_text
from factcheck.ingest.dateline import read_dateline


@pytest.mark.parametrize(
    ("text", "place", "date", "outlet"),
    [
        ("Jan 5, 2024 (Reuters) - The toll rose.", None, "2024-01-05", "Reuters"),
        ("(Reuters) - Cyprus will relax its rules.", None, None, "Reuters"),
        ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON", None, "AP"),
        (
            "MEXICO CITY, Nov 14 (Reuters) - Mexico's president said.",
            "MEXICO CITY",
            None,
            "Reuters",
        ),
        ("LONDON, 5 March 2023 (AFP) - Police said.", "LONDON", "2023-03-05", "AFP"),
        ("Paris (CNN)Authorities in France said.", "Paris", None, "CNN"),
        ("ATHENS — Greek voters on Sunday voted.", "ATHENS", None, None),
        ("PORT LOUIS, Mauritius — A ship sank.", "PORT LOUIS, Mauritius", None, None),
        ("KAMPALA, March 15 ? Rescuers found the bus.", "KAMPALA", None, None),  # mis-decoded dash
    ],
)
def test_datelines_are_read(
    text: str, place: str | None, date: str | None, outlet: str | None
) -> None:
    found = read_dateline(text)
    assert found is not None
    assert (found.place, found.date, found.outlet) == (place, date, outlet)
    assert text[found.length :][0].isupper()


@pytest.mark.parametrize(
    "text",
    [
        "López Obrador (AMLO) Thursday said it.",  # an acronym in parentheses inside a sentence
        "French President Francois Hollande said at least 127 were killed.",
        "UK inflation rose — the statistics office said.",
        "CITY NEWS — local stories daily",  # a masthead: the rest is not a sentence
        "The meeting (Reuters) - was short.",
        "NATO officials said the talks failed.",
    ],
)
def test_sentences_are_not_datelines(text: str) -> None:
    assert read_dateline(text) is None


def test_a_dateline_is_cut_and_gives_the_article_its_outlet_and_date() -> None:
    raw = (
        "Flood toll rises\n\n"
        "MANILA, Jan 5, 2024 (Reuters) - The death toll rose to 112 on Tuesday, officials said.\n\n"
        "ATHENS — This second paragraph keeps its words.\n"
    )
    article = article_from_text(raw, article_id="a", source="a.txt")
    assert (article.outlet, article.date, article.title) == (
        "Reuters",
        "2024-01-05",
        "Flood toll rises",
    )
    assert "The death toll rose to 112 on Tuesday" in article.text
    assert "MANILA" not in article.text and "(Reuters)" not in article.text
    assert "ATHENS — This second paragraph" in article.text  # only the story's opening dateline


def test_the_file_says_first() -> None:
    raw = "date 2024-02-01 (Wire) WASHINGTON (AP) — The Senate voted 52 to 48 on the bill.\n"
    article = article_from_text(raw, article_id="a", source="a.txt")
    assert (article.outlet, article.date) == ("Wire", "2024-02-01")
    assert article.text.startswith("The Senate voted")


def test_two_outlets_datelines_do_not_keep_the_same_figure_apart() -> None:
    # Left in the sentence, "(Reuters)" and "(AP)" read as two owners of the cost, so the
    # figures never met.
    from factcheck.pipeline import run_pipeline
    from factcheck.rules import RuleExtractor

    one = "Jan 5, 2024 (Reuters) - The bridge will cost Rs 500 crore, the minister said.\n"
    two = "Jan 5, 2024 (AP) - The bridge will cost Rs 800 crore, the minister said.\n"
    articles = [
        article_from_text(one, article_id="one", source="one.txt"),
        article_from_text(two, article_id="two", source="two.txt"),
    ]
    report = run_pipeline(articles, RuleExtractor())
    [c] = report.contradictions
    assert sorted(r.claim_id for r in c.claims) == ["one:q1", "two:q1"]
