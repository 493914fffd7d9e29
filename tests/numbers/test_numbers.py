"""Tests for factcheck.numbers: parsing, hedges, units, rates, spans and what is not a quantity."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.numbers import (
    ParsedQuantity,
    format_interval,
    interval_for,
    parse_hedge,
    parse_number,
    parse_quantities,
)
from factcheck.numbers.lexicon import HEDGES
from factcheck.schemas import Dimension, Hedge

H, D = Hedge, Dimension


def one(text: str) -> ParsedQuantity:
    qs = parse_quantities(text)
    assert len(qs) == 1, qs
    q = qs[0]
    assert text[q.start : q.end] == q.text
    return q


# [span] marked in the sentence, value, hedge, unit, dimension
CASES: list[tuple[str, float, Hedge, str, Dimension]] = [
    ("They counted [10,000 migrants].", 10_000, H.EXACT, "person", D.COUNT),
    ("[About 8,000 people] left.", 8000, H.APPROXIMATE, "person", D.COUNT),
    ("It weighs [2.5 kg].", 2.5, H.EXACT, "kg", D.MASS),
    ("They saw [two cars].", 2, H.EXACT, "car", D.COUNT),
    ("[Twenty soldiers] came.", 20, H.EXACT, "person", D.COUNT),
    ("It took [three days].", 3 * 1440, H.EXACT, "minute", D.DURATION),
    ("It lasted [twenty-four hours].", 24 * 60, H.EXACT, "minute", D.DURATION),
    ("[one hundred protesters]", 100, H.EXACT, "person", D.COUNT),
    ("[one hundred and five workers]", 105, H.EXACT, "person", D.COUNT),
    ("over the [three-hour] duration", 180, H.EXACT, "minute", D.DURATION),
    ("a [90-minute] meeting", 90, H.EXACT, "minute", D.DURATION),
    ("a [two-day] visit", 2 * 1440, H.EXACT, "minute", D.DURATION),
    ("after [an hour and a half]", 90, H.EXACT, "minute", D.DURATION),
    (
        "After [a little more than an hour and a half], she",
        90,
        H.SLIGHTLY_MORE,
        "minute",
        D.DURATION,
    ),
    ("in [half an hour]", 30, H.EXACT, "minute", D.DURATION),
    ("after [hour and a half] of talks", 90, H.EXACT, "minute", D.DURATION),
    ("[two and a half hours]", 150, H.EXACT, "minute", D.DURATION),
    ("[3 hours and 20 minutes]", 200, H.EXACT, "minute", D.DURATION),
    ("it took [an hour]", 60, H.EXACT, "minute", D.DURATION),
    ("it took [2 weeks]", 2 * 10080, H.EXACT, "minute", D.DURATION),
    (
        "the arrival of [more than 2, 2 million migrants] from January",
        2_200_000,
        H.MORE_THAN,
        "person",
        D.COUNT,
    ),
    ("[2.2 million people]", 2_200_000, H.EXACT, "person", D.COUNT),
    ("a [$1.5bn] loan", 1.5e9, H.EXACT, "USD", D.MONEY),
    ("[3 billion euros]", 3e9, H.EXACT, "EUR", D.MONEY),
    ("[ten thousand refugees]", 10_000, H.EXACT, "person", D.COUNT),
    ("rose [12%] in May", 12, H.EXACT, "percent", D.PERCENT),
    ("rose [12 percent]", 12, H.EXACT, "percent", D.PERCENT),
    ("rose [12 per cent]", 12, H.EXACT, "percent", D.PERCENT),
    ("a [$2.5 million] grant", 2.5e6, H.EXACT, "USD", D.MONEY),
    ("[2.5 million dollars]", 2.5e6, H.EXACT, "USD", D.MONEY),
    ("[2.5 million US dollars]", 2.5e6, H.EXACT, "USD", D.MONEY),
    ("costs [€300] now", 300, H.EXACT, "EUR", D.MONEY),
    ("costs [300 euros]", 300, H.EXACT, "EUR", D.MONEY),
    ("fined [MXN 5,000]", 5000, H.EXACT, "MXN", D.MONEY),
    ("fined [5,000 pesos]", 5000, H.EXACT, "MXN", D.MONEY),
    ("[US$40 million]", 4e7, H.EXACT, "USD", D.MONEY),
    ("[Around 8,000 migrants] are en route", 8000, H.APPROXIMATE, "person", D.COUNT),
    ("with [almost 10,000 people]", 10_000, H.NEARLY, "person", D.COUNT),
    ("short, [less than two hours], but", 120, H.LESS_THAN, "minute", D.DURATION),
    ("[more than twenty secretaries] met", 20, H.MORE_THAN, "person", D.COUNT),
    ("[Some 12,000 troops]", 12_000, H.APPROXIMATE, "person", D.COUNT),
    ("[up to 40 buses]", 40, H.UP_TO, "bus", D.COUNT),
    ("[at least 3 boats]", 3, H.AT_LEAST, "boat", D.COUNT),
    ("[over 500 families]", 500, H.MORE_THAN, "family", D.COUNT),
    ("[under 30 minutes]", 30, H.LESS_THAN, "minute", D.DURATION),
    ("[an estimated 300 homes]", 300, H.APPROXIMATE, "home", D.COUNT),
    ("[just over 40 trucks]", 40, H.SLIGHTLY_MORE, "truck", D.COUNT),
    ("[no fewer than 9 ships]", 9, H.AT_LEAST, "ship", D.COUNT),
    ("[nearly 7 hours]", 420, H.NEARLY, "minute", D.DURATION),
    ("reportedly of [24 nationalities]", 24, H.EXACT, "nationality", D.COUNT),
    ("[8,000 Central American migrants]", 8000, H.EXACT, "person", D.COUNT),
    ("[3 armoured vehicles] were seen", 3, H.EXACT, "vehicle", D.COUNT),
    ("[a dozen journalists]", 12, H.EXACT, "person", D.COUNT),
    ("[a thousand children]", 1000, H.EXACT, "person", D.COUNT),
    ("[one vehicle] was hit", 1, H.EXACT, "vehicle", D.COUNT),
    ("a [10 km] march", 10_000, H.EXACT, "metre", D.LENGTH),
    ("in [more than a year]", 525_600, H.MORE_THAN, "minute", D.DURATION),
    ("[around 10 000 people]", 10_000, H.APPROXIMATE, "person", D.COUNT),
    ("Mexico's [32 states]", 32, H.EXACT, "state", D.COUNT),
    ("[One migrant] died", 1, H.EXACT, "person", D.COUNT),
    ("it lasted [one day].", 1440, H.EXACT, "minute", D.DURATION),
    ("[2 hours 30 minutes]", 150, H.EXACT, "minute", D.DURATION),
    ("a [half-hour] call", 30, H.EXACT, "minute", D.DURATION),
    ("[1.5 hours]", 90, H.EXACT, "minute", D.DURATION),
    ("[10 hrs] of talks", 600, H.EXACT, "minute", D.DURATION),
    ("[5 news outlets]", 5, H.EXACT, "outlet", D.COUNT),
    ("[8,000 U.S.-bound migrants]", 8000, H.EXACT, "person", D.COUNT),
    ("[2,400 trucks a day] crossed", 2400, H.EXACT, "truck", D.COUNT),
    (
        "social spending, [about a third] of the budget",
        100 / 3,
        H.APPROXIMATE,
        "percent",
        D.PERCENT,
    ),
    ("[A quarter] of households", 25, H.EXACT, "percent", D.PERCENT),
    ("[two-thirds] of voters", 200 / 3, H.EXACT, "percent", D.PERCENT),
    ("[nearly half] of the migrants", 50, H.NEARLY, "percent", D.PERCENT),
    ("[seven dead] and", 7, H.EXACT, "person", D.COUNT),
    ("killing nobody but injuring [23] others", 23, H.EXACT, "person", D.COUNT),
    ("gusts of [158 km/h] hit", 158, H.EXACT, "km/h", D.OTHER),
    ("[100 mph] winds", 160.9344, H.EXACT, "km/h", D.OTHER),
    # two tokens of a speed where the text ends: the unit ends with them (no index past the end)
    ("The train went at [90 km h]", 90, H.EXACT, "km/h", D.OTHER),
    ("at [90 km / h] on the bridge", 90, H.EXACT, "km/h", D.OTHER),
    ("[two of the carmakers] cut shifts", 2, H.EXACT, "carmaker", D.COUNT),
    ("each team works in [a crew of five].", 5, H.EXACT, "person", D.COUNT),
    ("Exactly [1999 migrants] rested", 1999, H.EXACT, "person", D.COUNT),
    # a weekday before the number names no thing ("Title 42" does)
    ("On Monday [12,000 residents] were evacuated.", 12_000, H.EXACT, "person", D.COUNT),
]


@pytest.mark.parametrize(("marked", "value", "hedge", "unit", "dim"), CASES)
def test_quantity_cases(marked: str, value: float, hedge: Hedge, unit: str, dim: Dimension) -> None:
    text, span = marked.replace("[", "").replace("]", ""), marked.split("[")[1].split("]")[0]
    q = one(text)
    assert (q.text, q.hedge, q.unit, q.dimension) == (span, hedge, unit, dim)
    assert q.value == pytest.approx(value)
    assert (q.low, q.high) == interval_for(q.value, hedge)


def test_number_span_and_unit_text() -> None:
    q = one("almost 10,000 people")
    assert "almost 10,000 people"[q.number_start : q.number_end] == "10,000"
    assert q.unit_text == "people"
    text = "After a little more than an hour and a half, she"
    q = one(text)
    assert text[q.number_start : q.number_end] == "an hour and a half"
    assert (q.low, q.high) == pytest.approx((90, 108))
    q = one("the three hours of talks")
    assert (q.unit_text, "the three hours"[q.number_start : q.number_end]) == ("hours", "three")


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("Around 10,000 migrants have been apprehended daily at the border.", "daily"),
        ("10,000 migrants a day", "daily"),
        ("10,000 migrants per day", "daily"),
        ("500 trucks every week", "weekly"),
        ("a daily average of 9,000 crossings", "daily"),
        ("2 million visitors a year", "yearly"),
        ("9,000 daily crossings", "daily"),
        ("10,000 migrants were counted. They walked daily.", None),
        ("10,000 migrants arrived after a day", None),
        ("the annual summit drew 5,000 people", None),
        ("roughly 4,200 hourly workers walked out", None),
        ("it covers five shared rivers and sets weekly minimum flows", None),
        ("The company lost $2.5 million in production a day", "daily"),
    ],
)
def test_rates(text: str, rate: str | None) -> None:
    qs = parse_quantities(text)
    assert qs[0].rate == rate
    if rate is not None:
        assert len(qs) == 1  # "a day" is the rate, not a second quantity


@pytest.mark.parametrize(
    "text",
    [
        "It happened in 2023.",
        "the largest caravan since June 2022; in 2024 officials will travel",
        "December 28, 2023; on 28 December the talks; on Dec. 28 the talks",
        "at 10 a.m. and at 3:30 and at 9 pm",
        "the 24th meeting, the first step, a second round",
        "pic.twitter.com/QhiaDlAQGT — Andrés Manuel (@lopezobrador_) December 28, 2023",
        "the SmolLM2-135M model and COVID-19 cases and #G20 summit",
        "see https://example.com/2024/10-people",
        "one of the largest",
        "between the two countries and their two countries; both nations",
        "no one was hurt, the one who spoke",
        "he counted 8,000 and left",
        "a few people, several hours, dozens of people, hundreds of migrants",
        "Title 42 expulsions",
        "a year ago, an hour later, two years ago",
        "the talks went over the limit and under the table",
        "as 2023 saw record crossings",
        "call 0800 people about the 5G network",
        "One day, he left",
        "Boeing 737 planes; he won 5-3 and 24/7 coverage",
        "twice a day, three times a week",
        "the biggest caravan in more than a year",
        "the next high tide is at 18 hours. By Ruth Almeida · 5 min read",
        "between 8,000 and 10,000 migrants, 8,000-10,000 migrants, two or three days",
        "",
    ],
)
def test_not_quantities(text: str) -> None:
    assert parse_quantities(text) == []


def test_elided_unit_comes_from_the_same_sentence() -> None:
    text = "That is 2,400 trucks a day, up from about 1,900 a day in September. He said 300 a day."
    qs = parse_quantities(text)
    assert [(q.text, q.unit, q.rate) for q in qs] == [
        ("2,400 trucks a day", "truck", "daily"),
        ("about 1,900 a day", "truck", "daily"),
    ]
    assert qs[1].unit_text == ""


def test_over_under_only_before_a_number() -> None:
    q = one("talks over the three-hour duration")
    assert q.hedge is Hedge.EXACT and q.text == "three-hour"
    q = one("under the three days' limit")
    assert q.hedge is Hedge.EXACT and q.text == "three days"


def test_determiner_rule_is_for_counts_only() -> None:
    assert one("during the three hours of talks").text == "three hours"
    assert parse_quantities("the three countries agreed") == []
    assert one("the 8,000 migrants").value == 8000  # digits after "the" still state a count


def test_seed_like_paragraph_in_order_non_overlapping() -> None:
    text = (
        "The meeting was short, less than two hours, but more than twenty secretaries took part. "
        "Around 8,000 migrants, reportedly of 24 nationalities, are en route since June 2022."
    )
    qs = parse_quantities(text)
    assert [q.text for q in qs] == [
        "less than two hours",
        "more than twenty secretaries",
        "Around 8,000 migrants",
        "24 nationalities",
    ]
    assert all(a.end <= b.start for a, b in itertools.pairwise(qs))


# "text = value" pairs separated by "|"
NUMBERS = """2 = 2 | 10,000 = 10000 | 8,000 = 8000 | 2.2 = 2.2 | 1,5 = 1.5 | 2, 2 million = 2200000
| 2.2 million = 2200000 | two = 2 | twenty = 20 | twenty-four = 24 | one hundred = 100
| one hundred and five = 105 | a dozen = 12 | two dozen = 24 | half = 0.5 | two and a half = 2.5
| 3 billion = 3e9 | 1,234,567.5 = 1234567.5"""


@pytest.mark.parametrize(("text", "value"), [p.split(" = ") for p in NUMBERS.split("|")])
def test_parse_number(text: str, value: str) -> None:
    assert parse_number(text.strip()) == pytest.approx(float(value))


@pytest.mark.parametrize("text", ["", "hello", "2, 2", "2 apples", "first", "24th", "10,00,0"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


HEDGE_CASES = """a little more than:slightly_more | Just over:slightly_more | around:approximate
| an estimated:approximate | almost:nearly | close to:nearly | more  than:more_than | at most:up_to
| upwards of:more_than | no fewer than:at_least | below:less_than | no more than:up_to"""


@pytest.mark.parametrize(("words", "hedge"), [p.split(":") for p in HEDGE_CASES.split("|")])
def test_parse_hedge(words: str, hedge: str) -> None:
    assert parse_hedge(words.strip()) is Hedge(hedge.strip())
    assert parse_hedge("banana") is None


def test_interval_table() -> None:
    assert interval_for(100, H.EXACT) == (100, 100)
    assert interval_for(100, H.APPROXIMATE) == pytest.approx((92.5, 107.5))
    assert interval_for(100, H.NEARLY) == (90, 100)
    assert interval_for(100, H.MORE_THAN) == (100, None)
    assert interval_for(100, H.SLIGHTLY_MORE) == (100, 120)
    assert interval_for(100, H.AT_LEAST) == (100, None)
    assert interval_for(100, H.LESS_THAN) == (None, 100)
    assert interval_for(100, H.UP_TO) == (None, 100)


@pytest.mark.parametrize(
    ("low", "high", "unit", "text"),
    [
        (None, 120.0, "minute", "< 120 min"),
        (90.0, 108.0, "minute", "90–108 min"),
        (7400.0, 8600.0, "person", "≈ 8,000 people"),
        (2_200_000.0, None, "person", "> 2,200,000 people"),
        (180.0, 180.0, "minute", "180 min"),
        (300.0, 300.0, "minute", "5 h"),
        (4320.0, None, "minute", "> 3 d"),
        (12.0, 12.0, "percent", "12%"),
        (2.5e6, 2.5e6, "USD", "2,500,000 USD"),
        (None, None, "person", "any person"),
    ],
)
def test_format_interval(low: float | None, high: float | None, unit: str, text: str) -> None:
    assert format_interval(low, high, unit) == text


# --- property tests -----------------------------------------------------------------------

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
_ONES += "fifteen sixteen seventeen eighteen nineteen"
ONES = _ONES.split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety"
TENS = _TENS.split()


def to_words(n: int) -> str:
    """Independent num -> English words for 0 <= n < 10**9 (British "and" after hundred)."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + to_words(rest))
    for size, name in ((10**6, "million"), (1000, "thousand")):
        if n >= size:
            rest = n % size
            return to_words(n // size) + f" {name}" + ("" if rest == 0 else " " + to_words(rest))
    raise AssertionError(n)


NOUNS = [("migrants", "person"), ("vehicles", "vehicle"), ("nationalities", "nationality")]
HEDGE_PHRASES = ["", *sorted(HEDGES)]


@settings(max_examples=300, deadline=None)
@given(
    n=st.integers(min_value=2, max_value=10**9),
    hedge=st.sampled_from(HEDGE_PHRASES),
    noun=st.sampled_from(NOUNS),
    as_words=st.booleans(),
)
def test_property_hedged_count(n: int, hedge: str, noun: tuple[str, str], as_words: bool) -> None:
    number = to_words(n) if as_words and n < 10**9 else f"{n:,}"
    phrase = f"{hedge} {number} {noun[0]}".strip()
    text = f"Officials said {phrase} arrived on Tuesday."
    q = one(text)
    expected_hedge = HEDGES[hedge] if hedge else Hedge.EXACT
    assert (q.value, q.hedge, q.unit) == (n, expected_hedge, noun[1])
    assert (q.low, q.high) == interval_for(n, expected_hedge)
    assert q.text == phrase and q.start == text.index(phrase)
    assert text[q.number_start : q.number_end] == number


@given(k=st.integers(min_value=1, max_value=500), as_words=st.booleans())
def test_property_hours_equal_minutes(k: int, as_words: bool) -> None:
    hours = one(f"The talks lasted {to_words(k) if as_words else k} hours.")
    minutes = one(f"The talks lasted {60 * k} minutes.")
    assert hours.value == minutes.value == 60 * k
    assert hours.unit == minutes.unit == "minute"


@given(value=st.floats(min_value=0, max_value=1e12), hedge=st.sampled_from(list(Hedge)))
def test_property_interval_contains_value(value: float, hedge: Hedge) -> None:
    low, high = interval_for(value, hedge)
    assert low is None or low <= value
    assert high is None or value <= high
    assert low is not None or high is not None


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_property_never_raises_and_spans_hold(text: str) -> None:
    qs = parse_quantities(text)
    for q in qs:
        assert text[q.start : q.end] == q.text
        assert q.start <= q.number_start < q.number_end <= q.end
    assert all(a.end <= b.start for a, b in itertools.pairwise(qs))
    parse_number(text)


_SOUP = "the about over 10,000 two hours a an and half migrants 2023 , . - daily per day $ % "
_SOUP += "million 3 of one less than almost nearly people 24 nationalities December at"
WORDS = st.sampled_from(_SOUP.split())


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=12))
def test_property_word_soup(words: list[str]) -> None:
    text = " ".join(words)
    for q in parse_quantities(text):
        assert text[q.start : q.end] == q.text
        assert (q.low, q.high) == interval_for(q.value, q.hedge)
        assert q.value >= 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 15-year-old boy and a man five years old", [(15, "year of age"), (5, "year of age")]),
        ("He died aged 84 in Lyon.", [(84, "year of age")]),
        ("The coach was eleven years old.", [(11, "year of age")]),  # no digit at all
        ("co-pilot Fariq Hamid, 27, joined", [(27, "year of age")]),
        ("Lyon is the third largest city.", [(3, "rank")]),
        ("the 4th-largest economy", [(4, "rank")]),
        ("She was ranked No. 3 in the world.", [(3, "rank")]),
        ("The film was rated 7.46/10 by critics.", [(7.46, "out of 10")]),
        ("It scored 4.5 out of 5.", [(4.5, "out of 5")]),
        ("on 3/10 we met; open 24/7; On Friday, 13, people", []),
    ],
)
def test_ages_rankings_ratings_are_figures_of_their_own(
    text: str, expected: list[tuple[float, str]]
) -> None:
    """An age is not a duration and a rank is not a count: each gets its own unit, so it is
    compared only with the same kind of figure."""
    got = [(q.value, q.unit) for q in parse_quantities(text)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("at least 127 were killed on Friday", 127, "person"),
        ("The death toll rose to 112 on Sunday.", 112, "person"),
        ("The toll stood at 40.", 40, "person"),
        ("seven died detonating suicide vests", 7, "person"),
        ("The project cost Rs 5 crore.", 5e7, "INR"),
        ("Some 2 lakh people attended.", 2e5, "person"),
    ],
)
def test_tallies_bare_casualties_and_indian_scales(text: str, value: float, unit: str) -> None:
    [q] = parse_quantities(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The number of cases reached 3,400 on Monday.", 3400, "case"),
        ("The total number of arrests stood at 45.", 45, "arrest"),
        ("The number of dead rose to 52.", 52, "person"),
        ("The number of people killed in the attacks rose to 129.", 129, "person"),
    ],
)
def test_the_noun_after_number_of_is_what_a_tally_counts(
    text: str, value: float, unit: str
) -> None:
    q = one(text)
    assert (q.value, q.unit, q.dimension) == (value, unit, D.COUNT)


def test_number_of_does_not_reach_past_a_comma() -> None:
    # the 52 is the toll's, not the migrants'
    q = one("The number of migrants fell, and the toll reached 52.")
    assert q.unit == "person"
    assert parse_quantities("The number of migrants fell, and it reached 52.") == []
