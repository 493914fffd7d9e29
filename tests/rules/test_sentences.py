from __future__ import annotations

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
        st.sampled_from([*"a e M r s U S . 1 é ² _".split(), " ", "approx", "etc", "u.s"]),
        max_size=12,
    )
)
def test_abbreviation_check_reads_back_only_as_far_as_the_longest(pieces: list[str]) -> None:
    text = "".join(pieces) + "."
    for dot in (i for i, ch in enumerate(text) if ch == "."):
        assert sentences._is_abbreviation(text, dot) == _abbreviation_reading_the_whole_word(
            text, dot
        ), (text, dot)
