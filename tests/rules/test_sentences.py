from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.rules import sentences
from factcheck.rules.sentences import split_sentences


def test_offsets_slice_the_text_exactly() -> None:
    text = "First one here. Second, with U.S. officials and Gen. Smith.\n\nA new paragraph!"
    segments = split_sentences(text)
    assert [s.text for s in segments] == [
        "First one here.",
        "Second, with U.S. officials and Gen. Smith.",
        "A new paragraph!",
    ]
    assert all(text[s.start : s.end] == s.text for s in segments)
    assert [s.paragraph for s in segments] == [0, 0, 1]


def test_a_decade_ends_a_sentence_but_an_initial_does_not() -> None:
    text = 'He has worked there since the late 1990s. "That was it." Ask J. Doe.'
    assert [s.text for s in split_sentences(text)] == [
        "He has worked there since the late 1990s.",
        '"That was it."',
        "Ask J. Doe.",
    ]


def _abbreviation_reading_the_whole_word(text: str, dot: int) -> bool:
    """The plain rule: the whole run of letters and dots before the full stop."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower().rstrip(".")
    if not word or (start > 0 and text[start - 1].isdigit()):
        return False
    return word in sentences._ABBREVIATIONS or len(word) == 1


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        # ASCII windows are read by rstrip, the others character by character.
        st.sampled_from(
            [*"a e M r s U S . 1 é ² _ night INC Pres ept gen".split(), " ", "approx", "etc", "u.s"]
        ),
        max_size=12,
    )
)
def test_abbreviation_check_reads_back_only_as_far_as_the_longest(pieces: list[str]) -> None:
    text = "".join(pieces) + "."
    for dot in (i for i, ch in enumerate(text) if ch == "."):
        assert sentences._is_abbreviation(text, dot) == _abbreviation_reading_the_whole_word(
            text, dot
        ), (text, dot)


def _paragraphs_by_regex(text: str) -> list[tuple[int, int]]:
    """The plain rule: every run of non-newline characters that is not all whitespace."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        chunk = m.group(0)
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((m.start() + lead, m.start() + len(chunk.rstrip())))
    return out


def _add_segment(
    out: list[sentences.Segment], text: str, start: int, end: int, paragraph: int
) -> None:
    """``text[start:end]`` without its surrounding whitespace, unless nothing is left."""
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        start += len(piece) - len(piece.lstrip())
        out.append(sentences.Segment(start, start + len(stripped), stripped, paragraph))


def _sentences_by_finditer(text: str) -> list[sentences.Segment]:
    """The plain rule: ``_BOUNDARY.finditer`` over each paragraph, each piece stripped."""
    out: list[sentences.Segment] = []
    for p_index, (p_start, p_end) in enumerate(_paragraphs_by_regex(text)):
        cursor = p_start
        for m in sentences._BOUNDARY.finditer(text, p_start, p_end):
            if text[m.start()] == "." and sentences._is_abbreviation(text, m.start()):
                continue
            _add_segment(out, text, cursor, m.end(), p_index)
            cursor = m.end()
        _add_segment(out, text, cursor, p_end, p_index)
    return out


_PIECES = [*". .. ... ! ? … ?! a A Z Mr U.S É Ü é 1 0 \" ' ” ) ( “ “A".split(), " ", "  ", "\t"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, "\n", "\n\n", "\r", "\u2028", "\xa0"]), max_size=24))
def test_paragraphs_and_sentences_are_those_of_the_regexes(pieces: list[str]) -> None:
    """``split("\\n")``, and boundaries tried only at marks found by ``str.find``, give what
    the regexes give (a mark missed or a match tried inside another would show here)."""
    text = "".join(pieces)
    assert sentences.paragraphs(text) == _paragraphs_by_regex(text)
    assert sentences.split_sentences(text) == _sentences_by_finditer(text)
