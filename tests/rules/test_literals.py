"""The regex pre-checks never say "no" where the regex would match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.rules import discourse, extractor, frames, quotes, reported, scope, subjects
from factcheck.rules.literals import Guarded, contains_any, fold
from factcheck.rules.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[2]

GUARDS: dict[str, Guarded] = {
    **{f"channel:{channel.value}": cue for channel, cue in discourse.CHANNELS},
    "frame": discourse.FRAME,
    "that": reported.THAT,
    "bare": reported.BARE,
    "body": reported.BODY,
    "according in": reported.ACCORDING_IN,
    "according tail": reported.ACCORDING_TAIL,
    "according head": reported.ACCORDING_HEAD,
    "tweet": quotes.TWEET,
    "capacity": frames._CAPACITY_BEFORE,
    "from": frames._FROM_RE,
    "proposal": frames._PROPOSAL_RE,
    "threshold": frames._THRESHOLD_RE,
    "scheduled": frames._SCHEDULED_RE,
    "projection": frames._PROJECTION_RE,
    "part before": scope._PART_BEFORE_RE,
    "there": scope._THERE_RE,
    "partial count": scope._PARTIAL_COUNT,
    "target": scope._TARGET,
    "moment": scope._MOMENT,
    "period": subjects._TIME_WORDS_RE,
    "year": subjects._YEAR_RE,
}


@pytest.mark.parametrize("name", sorted(GUARDS))
def test_every_string_the_pattern_matches_passes_its_precheck(name: str) -> None:
    guard = GUARDS[name]

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(guard.pattern))
    def check(text: str) -> None:
        if guard.pattern.search(text):
            assert guard.may_match(text), text

    check()


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("İnterview", "interview"),  # re equates İ with i; lower() gives i + combining dot
        ("ınterview", "interview"),  # dotless i
        ("ſtatement", "statement"),  # long s
        ("faceboo\u212a", "facebook"),  # Kelvin sign
        ("PRESS CONFERENCE", "press conference"),
    ],
)
def test_fold_finds_what_an_ignorecase_regex_finds(text: str, needle: str) -> None:
    assert re.search(needle, text, re.IGNORECASE)
    assert needle in fold(text)


def test_a_guarded_pattern_gives_the_patterns_own_answer() -> None:
    sentence = "The minister told reporters at a press conference that talks would go on."
    for _, cue in discourse.CHANNELS:
        mine, theirs = cue.search(sentence), cue.pattern.search(sentence)
        assert (mine and mine.span()) == (theirs and theirs.span())
    assert discourse.detect_channel(sentence)[0].value == "press_briefing"
    assert discourse.detect_channel("Nothing to see here.") == (discourse.Channel.UNKNOWN, None)


def test_reported_speech_precheck_covers_every_reported_pattern() -> None:
    for guard in (reported.THAT, reported.BARE, reported.ACCORDING_TAIL, reported.ACCORDING_HEAD):
        for needle in guard.needles:
            assert any(n in needle for n in reported._NEEDLES), needle


def _sentences_with_a_needle(text: str) -> set[int]:
    segments = split_sentences(text)
    return {k for k, seg in enumerate(segments) if contains_any(seg.text, reported._NEEDLES)}


def _may_report(text: str) -> set[int]:
    segments = split_sentences(text)
    return reported.may_report(text, segments, [s.start for s in segments])


_REPORT_PIECES = (
    "said says that told according to ccording saidthat Said. That. He said. She told them "
    "that. “He said,” she said. according\nto x Y\n\n . , said”"
).split(" ")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_REPORT_PIECES), max_size=14), st.sampled_from([" ", "", "\n"]))
def test_the_article_scan_finds_the_sentences_holding_a_needle(pieces: list[str], sep: str) -> None:
    text = sep.join(pieces)
    assert _may_report(text) == _sentences_with_a_needle(text), text


def test_the_article_scan_finds_the_sentences_holding_a_needle_in_the_eval_articles() -> None:
    paths = sorted(ROOT.glob("evals/v*/clusters/*/*.txt"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert _may_report(text) == _sentences_with_a_needle(text), path


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.from_regex(frames._CHANGE_RE), st.text(max_size=3))
def test_a_change_is_searched_in_every_text_that_can_hold_one(text: str, tail: str) -> None:
    for candidate in (text, text + tail, text.upper()):
        theirs = frames._CHANGE_RE.search(candidate)
        mine = frames._change_before(candidate)
        assert (mine and mine.span()) == (theirs and theirs.span()), candidate


@pytest.mark.parametrize(
    "text",
    ["prices rose by ", "an increase of\n", "Up", "it is DOWN \u2003", "a cut of", "ſales up"],
)
def test_a_change_at_the_end_is_found(text: str) -> None:
    assert frames._change_before(text) is not None


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.from_regex(scope._TARGET.pattern), st.text(max_size=3))
def test_a_target_is_searched_in_every_text_that_can_hold_one(text: str, tail: str) -> None:
    for candidate in (text, text + tail, text.upper()):
        theirs = scope._TARGET.pattern.search(candidate)
        mine = scope._target_before(candidate)
        assert (mine and mine.span()) == (theirs and theirs.span()), candidate


@pytest.mark.parametrize(
    "text",
    ["stormed the hall, killing ", "hit a bus, INJURİNG\n", "shelled the town,\tleaving \u2003"],
)
def test_a_target_at_the_end_is_found(text: str) -> None:
    assert scope._target_before(text) is not None


_ONE_ALTERNATION = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|this year|last year|this month|last month|this week|last week|"
    r"(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_TIME_PIECES = ["May", "march", "this year", "Last week", "thıs month", "1999", "2020", "20",
                "19", "201", "x", "5", " ", ",", "-", "(", "é", "ſeptember", "Juneau", "_"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TIME_PIECES), max_size=12).map("".join))
def test_the_two_period_scans_find_what_one_alternation_found(text: str) -> None:
    found = [m.span() for m in subjects._time_matches(text)]
    assert found == [m.span() for m in _ONE_ALTERNATION.finditer(text)]


_MONTH_PIECES = [*_TIME_PIECES, "JANUARY", "jUly", "Ma", "mAY", "this", "last", "April", "ſ",
                 "thisyear", "Tuesday", "ago", "9", "K", "İ", "ı"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_MONTH_PIECES), max_size=12), st.sampled_from(["", " ", "-"]))
def test_the_month_scan_finds_what_the_plain_alternation_finds(pieces: list[str], sep: str) -> None:
    text = sep.join(pieces)
    found = [m.span() for m in subjects._TIME_WORDS_SCAN.finditer(text)]
    assert found == [m.span() for m in subjects._TIME_WORDS_RE.pattern.finditer(text)]


def test_the_month_scan_on_the_eval_sentences() -> None:
    hits = 0
    for path in sorted((ROOT / "evals").glob("v*/clusters/*/*.txt")):
        text = path.read_text(encoding="utf-8")
        found = [m.span() for m in subjects._TIME_WORDS_SCAN.finditer(text)]
        assert found == [m.span() for m in subjects._TIME_WORDS_RE.pattern.finditer(text)]
        hits += len(found)
    assert hits > 50


# _LOCATIVE_RE as it was written first: "\b" and one alternative per preposition. The factored
# one, opening with a character class, must find the same places ("\s+" after the preposition
# leaves one word that can match there).
_PREP = scope._LOCATIVE_RE.pattern[: scope._LOCATIVE_RE.pattern.index(r"\s+")]
_LOCATIVE_FIRST = re.compile(
    scope._LOCATIVE_RE.pattern.replace(
        _PREP, r"\b(?P<prep>(?i:in|at|inside|outside|near|across|throughout|into|through))"
    )
)
_PLACE_PIECES = ["in ", "In", "inside ", "into ", "at ", "through", "throughout ", "out ", "the ",
                 "Paris", "city", " of ", "Lyon ", "hall", "x", ",", "near", "across ", "ſide ",
                 "İn ", "ın ", "AT ", "NEAR ", "b", "_", "1", "é", "\t", "Thro", "ugh ", "n", "ear ",
                 "cross ", "t "]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PLACE_PIECES), max_size=10).map("".join))
def test_the_factored_locative_finds_the_same_places(text: str) -> None:
    assert _PREP.startswith("(?P<prep>[") and _LOCATIVE_FIRST.pattern != scope._LOCATIVE_RE.pattern
    found = [(m.span(), m.groupdict()) for m in scope._LOCATIVE_RE.finditer(text)]
    assert found == [(m.span(), m.groupdict()) for m in _LOCATIVE_FIRST.finditer(text)]


# The time cue's pre-check: a word or, for "as of" and "by Monday", the pair itself.
_CUE_PIECES = ["as ", "AS", " of", "ſo far", "by ", "BY\t", "Sunday", "midnıght", "late ", "now",
               "has ", "rose ", "to", "x", ",", "\n", "latest", "overnight", "at least for ",
               "was ", "şo", "oF "]  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.one_of(
        st.from_regex(scope._CUE_RE),
        st.lists(st.sampled_from(_CUE_PIECES), max_size=10).map("".join),
    )
)
def test_every_time_cue_passes_its_precheck(text: str) -> None:
    if scope._CUE_RE.search(text):
        assert scope._may_cue(text), text


def test_a_window_without_a_cue_word_or_pair_is_not_searched() -> None:
    assert not scope._may_cue("The mayor has said it was a bypass of 40 people, by and large.")
    for cue in ("as of Monday", "AS  OF noon", "by\tSunday", "so far", "now", "Rose to"):
        assert scope._may_cue(f"Some {cue} x") and scope._CUE_RE.search(f"Some {cue} x")


# The clause-end and strong-stop patterns as first written (plain alternations): the versions
# that open with one character class must find the same matches.
_CLAUSE_END_FIRST = re.compile(
    r"[;:()—]|\s[-–]\s|,\s+(?:and|but|while|whereas|as|which|who|where|when|after|before)\b"
    r"|,\s+(?:according\s+to|a|an|the)\b"
    r"|\band\s+(?:there|then)\b"
)
_STRONG_STOP_FIRST = re.compile(r"[;:()—]|\s[-–]\s")
_CLAUSE_PIECES = [";", ":", "(", ")", "—", "–", "-", " ", "\t", "\n", ",", "and", "a", "nd", "x",
                  "band", "And", "é", "_", "1", "there", "then", "but", "according to", "the",
                  "an", "as", "while", "before", "whereas"]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=14).map("".join))
def test_the_class_first_clause_patterns_find_what_the_alternations_found(text: str) -> None:
    for new, first in (
        (scope._CLAUSE_END, _CLAUSE_END_FIRST),
        (scope._STRONG_STOP, _STRONG_STOP_FIRST),
    ):
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in first.finditer(text)]
        assert new.split(text) == first.split(text)
        for start in range(len(text) + 1):  # a search from any offset ("\b" sees what is before)
            found, plain = new.search(text, start), first.search(text, start)
            assert (found and found.span()) == (plain and plain.span())


@pytest.mark.parametrize(
    "text",
    ["İn Paris", "ın the city of Lyon", "AT the Bataclan", "Near Lyon", "THROUGHOUT Paris",
     "bin Paris", "_at Lyon", "1at Lyon", "éin Paris", "-in Paris", "(at the hall", "into\tParis",
     "across town hall", "Inside the stadium Castrenne", "at at Paris", "throughout"],
)  # fmt: skip
def test_the_factored_locative_finds_the_same_places_at_each_first_letter(text: str) -> None:
    found = [(m.span(), m.groupdict()) for m in scope._LOCATIVE_RE.finditer(text)]
    assert found == [(m.span(), m.groupdict()) for m in _LOCATIVE_FIRST.finditer(text)]


@pytest.mark.parametrize(
    "text",
    ["x band there", "and then", "And then", "1and then", "_and there", "éand then", "x, and y",
     ",\tthe", ", a", ",  according to them", "a – b", "a - b", "a -b", "(x)", "x—y", "x–y",
     "brand then", "a\nand there", "q,while", ", whereas"],
)  # fmt: skip
def test_the_class_first_clause_patterns_agree_at_each_first_character(text: str) -> None:
    for new, first in (
        (scope._CLAUSE_END, _CLAUSE_END_FIRST),
        (scope._STRONG_STOP, _STRONG_STOP_FIRST),
    ):
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in first.finditer(text)]


# subjects._WORD_RE as first written: a word of two letters or more, or one ASCII letter.
_CONTENT_WORD_FIRST = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’\-.]*[A-Za-zÀ-ÿ]|[A-Za-z]")
_CONTENT_PIECES = ["a", "B", "é", "ÿ", "À", "×", "-", ".", "'", "’", " ", "1", ",", "U.S.", "ab",
                   "x-", "e.g", "İ", "_"]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_CONTENT_PIECES), max_size=12).map("".join))
def test_the_class_first_word_pattern_finds_the_same_words(text: str) -> None:
    found = [m.span() for m in subjects._WORD_RE.finditer(text)]
    assert found == [m.span() for m in _CONTENT_WORD_FIRST.finditer(text)]


@pytest.mark.parametrize("text", ["a", "é", "é-", "a-", "ab", "U.S.", "x é y", "×", "a×b", "ÿ'"])
def test_the_class_first_word_pattern_agrees_on_single_letters(text: str) -> None:
    found = [m.span() for m in subjects._WORD_RE.finditer(text)]
    assert found == [m.span() for m in _CONTENT_WORD_FIRST.finditer(text)]


# The rate that opens a clause is searched after the clause's last mark: the same answer as a
# search of the whole text before the figure.
_RATE_PIECES = ["Each ", "every ", "per ", "EVERY\t", "day", "week", "month", "year", "hour", "s",
                " of the strike", " cost", ",", ";", ":", ".", " ", "x", "é", "_"]  # fmt: skip


def _rate_searched_everywhere(before: str) -> str | None:
    m = extractor._FRAME_RATE_RE.search(before)
    return extractor._PERIOD_RATE.get(m.group(1).lower(), "hourly") if m else None


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_RATE_PIECES), max_size=12).map("".join))
def test_a_rate_in_the_frame_is_found_after_the_last_mark(text: str) -> None:
    assert extractor._rate_in_frame(text) == _rate_searched_everywhere(text)


@pytest.mark.parametrize(
    "text",
    ["Each day of the strike cost", "In March, every week of the strike", "per hour, then",
     "x.every month", "each day; then", "Each year:", ",per week"],
)  # fmt: skip
def test_a_rate_in_the_frame_agrees_on_marks(text: str) -> None:
    assert extractor._rate_in_frame(text) == _rate_searched_everywhere(text)
