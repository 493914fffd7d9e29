"""Language detection's and the cleaner's cheap counts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aé İ1_ \n.xZ", max_size=40), st.integers(min_value=0, max_value=6))
def test_has_words_counts_as_words_does(text: str, count: int) -> None:
    from factcheck.ingest.markup import has_words, words

    assert has_words(text, count) == (len(words(text)) >= count)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1 .é\n", max_size=90), st.integers(min_value=0, max_value=70))
def test_letter_check_stops_early_but_counts_as_the_sum_did(text: str, wanted: int) -> None:
    from factcheck.ingest.language import _has_letters

    assert _has_letters(text, wanted) == (sum(c.isalpha() for c in text) >= wanted)
