"""``_word_may_start`` asks text2num only about words that can be its number words: the
pre-test must never turn away a word text2num values, nor a time unit ``singular`` finds."""

from __future__ import annotations

import string
from itertools import product
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from text_to_num import text2num

from factcheck.numbers import lexicon as lx
from factcheck.numbers import shortcuts as sc
from factcheck.numbers import tokens as nw

ROOT = Path(__file__).resolve().parents[2]


def _text2num_values(word: str) -> bool:
    try:
        text2num(word, "en")
    except ValueError:
        return False
    return True


def _reference(low: str) -> bool:
    """``_word_may_start`` as it was: ``singular`` and text2num asked about every word."""
    return (
        low in sc._START_WORDS
        or nw.singular(low) in lx.TIME_UNITS
        or nw.words_value([low]) is not None
    )


def _near_misses() -> set[str]:
    """Each lexicon word, unit and start word with one character deleted, replaced or added
    (letters, apostrophes, a hyphen), with "s" endings, and two of them joined by an
    apostrophe."""
    alphabet = string.ascii_lowercase + "'’-"
    bases = sc._TEXT2NUM_STEMS | sc._START_WORDS | set(lx.TIME_UNITS) | {"dozen", "and", "point"}
    out: set[str] = set()
    for word in bases:
        out |= {word, word + "s", word + "ss", word + "es", word + "'s", word + "’s"}
        for k in range(len(word) + 1):
            out.add(word[:k] + word[k + 1 :])
            for c in alphabet:
                out.add(word[:k] + c + word[k + 1 :])
                out.add(word[:k] + c + word[k:])
    words = sorted(sc._TEXT2NUM_STEMS)
    out |= {f"{a}{q}{b}" for a in words[:20] for b in words for q in "'’"}
    return out


def _short_words() -> set[str]:
    letters = string.ascii_lowercase + "'’"
    return {"".join(p) for n in (1, 2, 3) for p in product(letters, repeat=n)}


def test_text2num_values_a_word_only_if_it_is_a_lexicon_word_and_s_endings() -> None:
    single = {chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000}
    for word in single | _short_words() | _near_misses():
        if _text2num_values(word):
            assert word.lower().rstrip("s") in sc._TEXT2NUM_STEMS, word


def test_word_may_start_is_the_reference_on_short_words_and_near_misses() -> None:
    for word in sorted(_short_words() | _near_misses()):
        assert sc._word_may_start(word) == _reference(word), word


def test_word_may_start_is_the_reference_on_every_eval_token() -> None:
    seen: set[str] = set()
    for path in sorted((ROOT / "evals").glob("v*/clusters/*/*.txt")):
        _, lows = nw.tokens_and_lows(path.read_text(encoding="utf-8"))
        seen.update(lows)
    assert len(seen) > 1000
    for low in seen:
        assert sc._word_may_start(low) == _reference(low), low


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="efghilnortuvwxyds'", min_size=1, max_size=12))
def test_word_may_start_is_the_reference_on_generated_words(word: str) -> None:
    assert sc._word_may_start(word) == _reference(word)


def test_the_time_unit_forms_are_what_singular_maps_to_a_time_unit() -> None:
    for word in _short_words() | _near_misses():
        assert (word in sc._TIME_UNIT_FORMS) == (nw.singular(word) in lx.TIME_UNITS), word
