"""The words of a sentence with a figure, as the frame rules read them (rules/what.py): each
with its offsets, its text and its lower-case form, in order.

A sentence's words are in order, their starts and ends increasing: the words of a stretch of
it are a slice, found by bisection (not a pass over every word of the sentence, per figure).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’\-]*|\d[\d.,]*|[;:()—–]|\s[-–]\s|,")


class Word(NamedTuple):  # one per word of every sentence with a figure: cheap to build
    start: int
    end: int
    text: str
    low: str


# Builds a Word as Word(...) does, without the NamedTuple's Python-level __new__ (a call per word).
_new_word = tuple.__new__


@lru_cache(maxsize=64)  # asked once per figure: a sentence with five figures is read once
def words_of(text: str) -> tuple[Word, ...]:
    # Only " - " holds a space, and strip() leaves its dash: a token is never empty.
    return tuple(
        [
            _new_word(Word, (m.start(), m.end(), token := m[0].strip(), token.lower().strip("'’")))
            for m in _WORD_RE.finditer(text)
        ]
    )


START, END = itemgetter(0), itemgetter(1)  # bisection keys: a word's start, its end


def words_starting(words: Sequence[Word], lo: int, hi: int) -> Sequence[Word]:
    """The words that start in [lo, hi)."""
    return words[bisect_left(words, lo, key=START) : bisect_left(words, hi, key=START)]


def words_inside(words: Sequence[Word], lo: int, hi: int) -> Sequence[Word]:
    """The words that start at ``lo`` or later and end by ``hi``."""
    return words[bisect_left(words, lo, key=START) : bisect_right(words, hi, key=END)]
