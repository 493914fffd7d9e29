"""Frames, matching on frames, deciding and updates: invented articles, through the rules."""

from __future__ import annotations

import pytest

from factcheck.ingest import article_from_text
from factcheck.pipeline import run_pipeline
from factcheck.rules import RuleExtractor
from factcheck.schemas import Certainty, Report, Severity


def _check(*texts: str, show_possible: bool = False) -> Report:
    articles = [
        article_from_text(t, article_id=f"a{n}", source=f"a{n}.txt") for n, t in enumerate(texts)
    ]
    return run_pipeline(articles, RuleExtractor(), show_possible=show_possible)


def _numeric(report: Report) -> list[str]:
    return [c.topic for c in report.contradictions if c.kind.value == "numeric"]


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        # Same thing counted, same thing happened: exact counts that differ conflict.
        ("Nine gunmen were killed, the ministry said.", "Ten assailants died, police said.", True),
        # Attackers are not their victims; killed is not injured.
        ("Nine gunmen were killed, the ministry said.", "Forty people were killed.", False),
        (
            "Forty people were killed in the blast.",
            "Sixty people were injured in the blast.",
            False,
        ),
        # Passengers are not everyone on board.
        (
            "The ferry was carrying 412 passengers.",
            "All 430 people on board the ferry were rescued.",
            False,
        ),
        ("The ferry was carrying 412 passengers.", "The ferry had 398 passengers aboard.", True),
        # A party's seats are its own.
        (
            "The Rural Party won 41 seats in the assembly.",
            "The Green Union won 22 seats in the assembly.",
            False,
        ),
        (
            "The Rural Party won 41 seats in the assembly.",
            "The Rural Party took 40 seats, the commission said.",
            True,
        ),
        # Rounding: a round figure stands for its neighbours, two exact ones do not.
        ("The hearing lasted three hours.", "The hearing lasted 2 hours and 55 minutes.", False),
        ("The storm destroyed 130 homes.", "The storm destroyed 129 homes.", False),
        ("The storm destroyed 131 homes.", "The storm destroyed 129 homes.", True),
        # A part is not the whole; a group is not everyone.
        ("Three of the gunmen were killed.", "Nine gunmen were killed, officials said.", False),
        ("Four Dutch tourists were killed.", "Eleven people were killed in the crash.", False),
        # A forecast is not a count; an age is not a count.
        (
            "The toll could reach 300, officials warned.",
            "The toll stood at 250 on Monday, officials said.",
            False,
        ),
        ("The 58-year-old driver survived.", "58 people were hurt in the crash.", False),
        # A percentage is a share of what its sentence says: inflation is not the policy rate.
        (
            "Inflation slowed to 23.8 per cent in October.",
            "The policy rate is 29.5 per cent.",
            False,
        ),
        ("Turnout was 61.4 percent.", "Turnout stood at 59.8 percent.", True),
        ("Food inflation was 27.1 per cent.", "Inflation was 23.8 per cent.", False),
        # The value before a change, a demand, a forecast are not the figure now.
        (
            "The bank raised its policy rate from 28 per cent to 29.5 per cent.",
            "The bank raised its policy rate to 29.5 per cent.",
            False,
        ),
        ("Workers are demanding a 7 per cent raise.", "The union won a 4 per cent raise.", False),
        (
            "The bank expects inflation to ease to about 18 per cent.",
            "Inflation was 23.8 per cent.",
            False,
        ),
        # Another year's figure is background, whatever it counts.
        (
            "The Civic Union won 38 seats at the last election in 2021.",
            "The Civic Union won 44 seats in the assembly.",
            False,
        ),
        (
            "The 2020 Almeda fire destroyed more than 2,500 homes.",
            "The Cedar fire has destroyed 31 homes.",
            False,
        ),
        # A year-to-date total is not one event's.
        (
            "More than 310,000 acres have burned in Oregon so far this year.",
            "The fire has burned about 12,400 acres in Oregon.",
            False,
        ),
        # A duration written as an adjective is the length of its own noun.
        (
            "Copper for three-month delivery rose, as the strike went on.",
            "The strike lasted 23 days.",
            False,
        ),
    ],
)
def test_frames_decide_what_is_compared(first: str, second: str, conflict: bool) -> None:
    report = _check(first, second)
    assert bool(_numeric(report)) == conflict, report.contradictions


def test_close_exact_counts_are_a_low_severity_conflict() -> None:
    report = _check(
        "The Rural Party won 128 seats in the assembly.",
        "The Rural Party won 129 seats in the assembly.",
    )
    [c] = report.contradictions
    assert c.severity is Severity.LOW and c.certainty is Certainty.CONFIDENT


def test_a_venue_figure_against_a_total_is_only_possible() -> None:
    texts = (
        "Twelve people were killed in the attacks, officials said.",
        "Forty people were killed at the stadium. At the market, 12 people were killed.",
    )
    assert _check(*texts).contradictions == []
    assert _check(*texts).possible_hidden > 0
    shown = _check(*texts, show_possible=True).contradictions
    assert shown and all(c.certainty is Certainty.POSSIBLE for c in shown)


def test_background_from_another_year_is_never_a_sure_conflict() -> None:
    report = _check(
        "The coach crash killed 14 people on Tuesday, police said.",
        "In 2011, a crash on the same road killed six people.",
    )
    assert report.contradictions == []


def test_a_toll_that_rose_between_dated_reports_is_an_update() -> None:
    report = _check(
        "2026-03-14 (Wire) A warehouse blast killed at least 12 people, firefighters said.",
        "2026-03-15 (Wire) The death toll from the warehouse blast rose overnight to 21.",
    )
    assert report.contradictions == []
    [update] = report.updates
    assert [r.article_id for r in update.claims] == ["a0", "a1"]


def test_a_toll_that_fell_between_dated_reports_is_a_contradiction() -> None:
    report = _check(
        "2026-06-09 (Wire) Fifteen people were killed when the coach crashed, police said.",
        "2026-06-10 (Wire) Fourteen people were killed when the coach crashed, police said.",
    )
    assert _numeric(report) and report.updates == []


def test_live_blog_entries_order_a_running_tally() -> None:
    blog = (
        "2026-03-14 (Live)\n\n22:30 — Firefighters confirm 12 people have died.\n\n"
        "23:55 — The death toll has risen to 17, police said.\n"
    )
    report = _check(blog, "2026-03-15 (Wire) Twenty-one people were killed in the blast.")
    assert report.contradictions == []
    assert [r.summary.split(" →")[0] for r in report.updates[0].claims][-1].startswith("Twenty")


def test_figures_table_lists_every_articles_value() -> None:
    report = _check(
        "The Rural Party won 41 seats in the assembly.",
        "The Rural Party won 41 seats, the commission said.",
    )
    [row] = report.figures
    assert [v.raw for v in row.values] == ["41 seats", "41 seats"]


def test_an_outlet_told_is_the_channel_not_the_speaker() -> None:
    from factcheck.rules import extract_attributions

    article = article_from_text(
        'Intro.\n\nRuiz told the Harbour Times: "We will not back down from this fight."',
        article_id="a",
        source="a",
    )
    [claim] = extract_attributions(article)
    assert claim.speaker == "Ruiz" and claim.channel.value == "interview"


def test_a_model_scope_label_never_keeps_two_figures_apart() -> None:
    from factcheck.align.scopes import scope_confidence
    from factcheck.schemas import QuantityClaim, ScopeKind, ScopeSlot

    def claim(text: str, scope: ScopeSlot) -> QuantityClaim:
        doc = article_from_text(text, article_id="x", source="x.txt")
        [q] = [c for c in RuleExtractor().extract(doc) if isinstance(c, QuantityClaim)]
        frame = q.frame.model_copy(update={"scope": [*q.frame.scope, scope]})
        return q.model_copy(update={"frame": frame})

    a_words = ScopeSlot(value="low-lying districts", text="x", kind=ScopeKind.OTHER)
    b_words = ScopeSlot(value="coastal districts", text="x", kind=ScopeKind.OTHER)
    first, second = "Some 12,000 people were evacuated.", "About 6,000 people were evacuated."
    # Read by the rules, two different scopes are two different figures ...
    assert scope_confidence(claim(first, a_words), claim(second, b_words)) is None
    # ... given by a model's label, they are evidence only.
    a_model = a_words.model_copy(update={"by": "model"})
    b_model = b_words.model_copy(update={"by": "model"})
    assert scope_confidence(claim(first, a_model), claim(second, b_model)) == 1.0


def test_a_year_in_an_aside_dates_the_aside_only() -> None:
    report = _check(
        "The Labour Front fell back to 41 seats (2022: 49).",
        "The Labour Front won 40 seats in the assembly.",
    )
    assert _numeric(report)


def test_a_weekday_after_a_speech_verb_is_never_the_speaker() -> None:
    quote = "this fire is moving faster than anything we have seen"
    report = _check(
        f'Incident commander Jake Morrow, who on Thursday told reporters that "{quote}," '
        "said Saturday that crews had held the line.",
        f'"{quote.capitalize()}," incident commander Jake Morrow told reporters on Thursday.',
    )
    speakers = {c.speaker for c in report.claims if c.kind == "attribution"}
    assert speakers == {"Jake Morrow"}
    assert report.contradictions == []


def test_people_still_missing_may_fall_between_dated_reports() -> None:
    report = _check(
        "2026-03-14 (Wire) At least 45 people were missing after the ferry sank, officials said.",
        "2026-03-15 (Wire) Some 37 people remained missing after the ferry sank, officials said.",
    )
    assert report.contradictions == []
    [update] = report.updates
    assert [r.article_id for r in update.claims] == ["a0", "a1"]
    assert "changed over time" in update.explanation
