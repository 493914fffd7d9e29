from __future__ import annotations

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
