"""Quantity frames read from the sentence: what a percentage is a share of, a duration's noun,
the role of a figure that is not the figure now."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.numbers import parse_quantities
from factcheck.rules.frames import proper_words, read_frame
from factcheck.rules.framewords import COLLECTIVES, EVENT_OF_WORD
from factcheck.rules.subjects import clause_window
from factcheck.rules.what import _PHRASE_START, _collective_words
from factcheck.rules.words import words_inside, words_of, words_starting
from factcheck.schemas import Frame, Role


def _frame(sentence: str, n: int = 0) -> Frame:
    qs = parse_quantities(sentence)
    others = [q for q in qs if q is not qs[n]]
    return read_frame(sentence, qs[n], others, proper=proper_words(sentence))


@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        ("Inflation slowed to 23.8 per cent in October.", "share of inflation"),
        ("Turnout: 57.2 %", "share of turnout"),
        ("Turnout in the city of Valdora was 67 percent.", "share of turnout"),
        ("The cedi firmed 0.8% against the dollar.", "share"),  # not said: any share
        ("Prices rose 4% last month.", "share of price"),
        ("It won 30 percent of the vote.", "share of vote"),
    ],
)
def test_a_percentage_is_a_share_of_what_its_sentence_says(sentence: str, counted: str) -> None:
    frame = _frame(sentence)
    assert frame.counted is not None and frame.counted.value == counted


def test_the_value_before_a_change_a_demand_and_a_forecast_have_their_own_roles() -> None:
    moved = "The bank raised the rate from 28 per cent to 29.5 per cent."
    assert (_frame(moved, 0).role, _frame(moved, 1).role) == (Role.OTHER, Role.TOTAL)
    assert _frame("Workers are demanding a 7 per cent raise.").role is Role.OTHER
    assert _frame("The bank expects inflation to ease to 18 per cent.").role is Role.PROJECTION


def test_a_narrower_measure_is_a_scope_of_the_share() -> None:
    scope = _frame("Food inflation was 27.1 per cent.").scope
    assert [(s.kind.value, s.value) for s in scope] == [("other", "food")]
    assert _frame("Annual inflation was 24 per cent.").scope == []


def test_an_adjectival_duration_is_the_length_of_its_noun() -> None:
    def event(sentence: str) -> str | None:
        e = _frame(sentence).event
        return e.value if e else None

    assert event("The strike went on. Copper for three-month delivery rose.") is None
    assert event("The talks ended after a three-hour meeting.") == "meeting"
    assert event("The meeting, over the three-hour duration, covered migration.") == "meeting"


def test_one_witness_is_not_a_head_count() -> None:
    from factcheck.ingest import article_from_text
    from factcheck.rules import RuleExtractor

    def counts(text: str) -> list[str]:
        article = article_from_text(text, article_id="a", source="a.txt")
        return [c.raw for c in RuleExtractor().extract(article) if c.kind == "quantity"]

    assert counts("One passenger, a market vendor, said the waves were huge.") == []
    assert counts("One resident told reporters the water rose fast.") == []
    assert counts("One person was killed and two were injured.") == ["One person", "two"]


_WORDY = st.text(alphabet="ab Z é,;:()—–-'’.9 \u00a0", max_size=40)


@settings(max_examples=300, deadline=None)
@given(text=_WORDY, lo=st.integers(-2, 42), hi=st.integers(-2, 42))
def test_the_words_of_a_stretch_are_the_ones_a_pass_over_all_finds(
    text: str, lo: int, hi: int
) -> None:
    words = words_of(text)
    assert list(words_starting(words, lo, hi)) == [w for w in words if lo <= w.start < hi]
    assert list(words_inside(words, lo, hi)) == [w for w in words if lo <= w.start and w.end <= hi]


@pytest.mark.parametrize(
    "sentence",
    ["A caravan of 10,000 people set off.", "Crowds of 5,000 gathered; the crowd grew.",
     "March 15: a Caravan group of 3 and a squads' 4.", "No collective here, 12 people."],
)  # fmt: skip
def test_the_collective_words_are_the_ones_a_pass_over_all_finds(sentence: str) -> None:
    every = []
    for w in words_of(sentence):
        name = w.low[:-1] if w.low.endswith("s") and w.low[:-1] in COLLECTIVES else w.low
        if name in COLLECTIVES and w.text[:1].islower():
            every.append((w, name))
    assert list(_collective_words(sentence)) == every


def test_every_event_phrase_opens_with_a_word_that_is_looked_up() -> None:
    phrases = [phrase for phrase in EVENT_OF_WORD if " " in phrase]
    assert phrases and all(phrase.split(" ")[0] in _PHRASE_START for phrase in phrases)


@settings(max_examples=300, deadline=None)
@given(text=_WORDY)
def test_a_word_holds_no_space(text: str) -> None:
    assert not any(ch.isspace() for w in words_of(text) for ch in w.low)


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("12 people lost their lives in the fire.", "killed"),
        ("Some 300 households lost power overnight.", "without_power"),
        ("About 1,200 fans took part in the march.", "took_part"),
        ("The storm left 4,000 homes without power.", "without_power"),
        ("Rescuers said 40 people were still in hospital.", "hospitalized"),
    ],
)
def test_an_event_phrase_near_a_figure_is_found(sentence: str, event: str) -> None:
    found = _frame(sentence).event
    assert found is not None and found.value == event


def _clause_window_by_scans(sentence: str, start: int, end: int) -> str:
    """clause_window as it was first written: a scan per punctuation mark."""
    left = max(sentence.rfind(ch, 0, start) for ch in ";:—()")
    right_candidates = [i for i in (sentence.find(ch, end) for ch in ";:—()") if i != -1]
    right = min(right_candidates) if right_candidates else len(sentence)
    return sentence[left + 1 : right]


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="ab ;:—()-,", max_size=30), a=st.integers(0, 32), b=st.integers(0, 32))
def test_the_clause_window_is_the_one_the_scans_found(text: str, a: int, b: int) -> None:
    start, end = min(a, b), max(a, b)
    assert clause_window(text, start, end) == _clause_window_by_scans(text, start, end)


def _proper_by_scan(text: str) -> frozenset[str]:
    from factcheck.rules.frames import _PROPER

    return frozenset(_PROPER.findall(text))


@pytest.mark.parametrize(
    "text",
    [
        "the Smith Jones Brown Green said",  # overlapping matches: every other word
        "met Smith, Jones and Brown",
        "a Smith’s Jones-Brown O'Neil",
        "said\n\nThe\r\n\r\nMinister said,\n\n\n\n\n\n\nBiden\t \u00a0\u2003Harris",
        "U.S. officials met McDonald and I Am here",
        # blank runs of every length, after a letter, a comma and a full stop
        *(f"word{' ' * n}Name{chr(10) * n}Other,{' ' * n}Last.{' ' * n}Not" for n in range(1, 10)),
    ],
)
def test_proper_words_as_the_scan(text: str) -> None:
    assert proper_words(text) == _proper_by_scan(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aAZz, \t\n\r\u00a0'’-.1é", max_size=40))
def test_proper_words_as_the_scan_on_generated_text(text: str) -> None:
    assert proper_words(text) == _proper_by_scan(text)
