"""Sentence and paragraph segmentation with character offsets into the article text.

Offsets matter more than linguistic perfection here: every evidence span must slice the
article exactly, so segments are never rewritten, only delimited.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from typing import NamedTuple

# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st gen col lt adm capt sgt gov sen rep pres vs etc inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec no approx est dept univ fig u.s u.k u.n e.g
    i.e a.m p.m
    """.split()
)

# "[.!?…][.!?…]*", not "[.!?…]+": a pattern that starts with a character class is skipped to
# in a C loop, one that starts with a repeat is tried at every position (2.3 times the cost).
_MARKS = ".!?…"  # _BOUNDARY's first character class
# Group 1, in the look-ahead: the whitespace after the boundary, so that its end is where the
# next sentence starts (``\s+`` takes all of it: a quote or a capital follows).
_BOUNDARY = re.compile(r"[.!?…][.!?…]*[\"'”’)\]]*(?=(\s+)[\"'“‘(\[]?[A-ZÁÉÍÓÚÑÜ0-9])")
_STARTS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÁÉÍÓÚÑÜ0123456789")  # its last class


class Segment(NamedTuple):  # one per sentence: cheap to build
    start: int
    end: int
    text: str
    paragraph: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty paragraph ranges; a paragraph is text between blank lines or single newlines."""
    # ``split("\n")`` gives the lines "[^\n]+" would match, plus empty ones (which strip to
    # nothing and are skipped), without a match object per line.
    out: list[tuple[int, int]] = []
    at = 0
    for chunk in text.split("\n"):
        stripped = chunk.strip()
        if stripped:
            start = at + len(chunk) - len(chunk.lstrip())
            out.append((start, start + len(stripped)))
        at += len(chunk) + 1
    return out


_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))
_ABBREVIATION_ENDS = frozenset(word[-3:] for word in _ABBREVIATIONS if len(word) >= 3)
_ASCII_WORD_CHARS = string.ascii_letters + "."  # the ASCII characters that are alpha, and "."


def _is_abbreviation(text: str, dot: int) -> bool:
    end = dot
    while end > 0 and text[end - 1] == ".":
        end -= 1  # "etc.." ends its word where the dots begin
    # Most full stops end a word of three ASCII letters or more whose last three end no
    # abbreviation ("night."): then it is none, whatever stands before (the tests below only
    # ever turn a yes into a no), and the word is not read.
    tail = text[end - 3 : end]
    if end >= 3 and tail.isascii() and tail.isalpha() and tail.lower() not in _ABBREVIATION_ENDS:
        return False
    # The word before: letters and dots ("U.S"), read back no further than the longest
    # abbreviation. In ASCII (most text) the letters are [A-Za-z], and ``rstrip`` finds the
    # word's start in C; else a Python loop per character.
    limit = max(0, end - _LONGEST_ABBREVIATION - 1)
    window = text[limit:end]
    if window.isascii():
        start = limit + len(window.rstrip(_ASCII_WORD_CHARS))
    else:
        start = end
        while start > limit and (text[start - 1].isalpha() or text[start - 1] == "."):
            start -= 1
    if start == limit and start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        return False  # longer than any abbreviation
    word = text[start:end].lower()
    if not word or (start > 0 and text[start - 1].isdigit()):
        return False  # "the late 1990s." ends a sentence
    # Single capital letters ("J. Smith") and dotted initialisms ("U.S.") do not end sentences
    # unless the next word plainly starts a new one; we accept that rare miss.
    return word in _ABBREVIATIONS or len(word) == 1


def char_positions(text: str, chars: str) -> list[int]:
    """Where any of ``chars`` stands in ``text``, in order: found with ``str.find`` (memchr),
    much cheaper than ``re`` testing a class of them at every character (sentence marks here,
    opening quotation marks in rules/quotes.py)."""
    found: list[int] = []
    for mark in chars:
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1)
    found.sort()  # one sorted run per mark: a merge
    return found


@lru_cache(maxsize=4)
def split_sentences(text: str) -> list[Segment]:
    """Sentences of ``text``, computed once per text (three rules ask for them; the list is
    shared: callers must not change it)."""
    segments: list[Segment] = []
    marks = char_positions(text, _MARKS)  # _BOUNDARY's first class
    k, n = 0, len(marks)
    new = tuple.__new__  # a Segment without the Python frame of its ``__new__``
    for p_index, (p_start, p_end) in enumerate(paragraphs(text)):
        # A sentence runs from the paragraph's start or a boundary's whitespace's end (group
        # 1: never past the paragraph's end, where the look-ahead stops) to a boundary's end
        # (a mark or a quote) or the paragraph's end: it has no surrounding whitespace to
        # strip, and never is empty.
        cursor = p_start
        # What ``_BOUNDARY.finditer(text, p_start, p_end)`` finds: a match can only start at a
        # mark, so it is tried at each mark in turn (endpos stops the look-ahead at the
        # paragraph's end, as a slice), and after a match the search goes on from its end.
        resume = p_start
        while k < n and marks[k] < p_end:
            dot = marks[k]
            k += 1
            if dot < resume:
                continue
            # Most marks end a paragraph (no blank before ``p_end`` for the look-ahead: no
            # match) or stand before one space and a capital or digit (``_STARTS``): the mark
            # alone is the match, group 1 that space ("[.!?…]*" and the quote class take no
            # space, "\s+" stops at the capital): both answered without ``re``.
            if dot + 1 == p_end:
                continue
            if text[dot + 1] == " " and dot + 2 < p_end and text[dot + 2] in _STARTS:
                end, after = dot + 1, dot + 2
            else:
                m = _BOUNDARY.match(text, dot, p_end)
                if m is None:
                    continue
                end, after = m.end(), m.end(1)
            resume = end
            if text[dot] == "." and _is_abbreviation(text, dot):
                continue
            segments.append(new(Segment, (cursor, end, text[cursor:end], p_index)))
            cursor = after
        segments.append(new(Segment, (cursor, p_end, text[cursor:p_end], p_index)))
    return segments


def sentence_at(segments: list[Segment], offset: int) -> Segment | None:
    for seg in segments:
        if seg.start <= offset < seg.end:
            return seg
    return None
