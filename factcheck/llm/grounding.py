"""Find a model-supplied text in the article and return the span of the ORIGINAL article text.

A model copying a sentence rarely copies it byte for byte: it straightens curly quotes, drops
accents, collapses line breaks or elides the middle of a long quote with "...". The search goes
from strict to tolerant and stops at the first hit:

1. ``exact``      the needle is a substring of the article;
2. ``normalized`` equal after folding whitespace, quote style, dashes and accents, nothing else;
3. ``ellipsis``   (quoted statements only, ``elided=True``) the needle's pieces around "..."
                  occur in order, close together; every piece is itself an exact match.

Any other difference (a changed word, letter case, a typo) is not a match: the claim is dropped
and counted. Tolerance beyond typography is exactly how a rewritten hedge got in ("Around
10,000" copied back as "Exactly 10,000" passed a 92 % fuzzy match), so there is none.
Whatever stage matches, the result is a real slice of the article: the model cannot invent a span.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from factcheck.schemas import Span

Method = Literal["exact", "normalized", "ellipsis"]

_QUOTES = frozenset("\"'‘’‚‛“”„‟«»‹›`´′″")
_DASHES = frozenset("‐‑‒–—―−")
_EDGE = " \"'.,;:!?"
_ELLIPSIS = re.compile(r"\.{3,}|…|\[\s*\.{3}\s*\]")

ELLIPSIS_MAX_GAP = 600  # normalized chars allowed between the pieces of an elided quote
ELLIPSIS_MIN_PIECE = 4


@dataclass(frozen=True)
class Found:
    span: Span
    method: Method


def _fold_char(ch: str) -> str:
    if ch.isspace():
        return " "
    if ch in _QUOTES:
        return '"'
    if ch in _DASHES:
        return "-"
    if ch == "…":
        return "..."
    if ch.isascii():
        return ch
    # Accents only: "é" -> "e", "ñ" -> "n". Letters without a decomposition ("ø", "ß") and
    # every other symbol stay as they are.
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return base or ch


def fold(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded char, the index of the original char it came from.

    Whitespace runs collapse to one space, so offsets must always go through the map.
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for folded in _fold_char(ch):
            if folded == " " and (not out or out[-1] == " "):
                continue
            out.append(folded)
            index.append(i)
    return "".join(out), index


def _fold_needle(needle: str) -> str:
    return fold(needle)[0].strip(_EDGE)


class Aligner:
    """Locates needles in one article text; folds the text once, safe to share across threads."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded, self._index = fold(text)

    @property
    def folded(self) -> str:
        return self._folded

    def locate(
        self, needle: str, lo: int = 0, hi: int | None = None, *, elided: bool = False
    ) -> Span | None:
        found = self.find(needle, lo, hi, elided=elided)
        return found.span if found else None

    def find(
        self, needle: str, lo: int = 0, hi: int | None = None, *, elided: bool = False
    ) -> Found | None:
        """The first occurrence of ``needle`` inside ``text[lo:hi]``, or None. ``elided``
        accepts "..." for left-out words (quoted statements; never evidence or quantities)."""
        hi = len(self.text) if hi is None else min(hi, len(self.text))
        lo = max(lo, 0)
        stripped = needle.strip()
        if not stripped or lo >= hi:
            return None
        at = self.text.find(stripped, lo, hi)
        if at >= 0:
            return Found(self._span(at, at + len(stripped)), "exact")
        target = _fold_needle(stripped)
        if not target:
            return None
        f_lo, f_hi = self._folded_bounds(lo, hi)
        at = self._folded.find(target, f_lo, f_hi)
        if at >= 0:
            return Found(self._from_folded(at, at + len(target)), "normalized")
        by_pieces = self._find_elided(stripped, f_lo, f_hi) if elided else None
        if by_pieces is not None:
            return Found(by_pieces, "ellipsis")
        return None

    def find_all(self, needle: str, *, words: bool = True) -> list[Span]:
        """Every occurrence of ``needle`` (exact, else normalized), optionally only where it
        starts and ends at word boundaries ("Ida" is not in "Idaho")."""
        target = _fold_needle(needle)
        out: list[Span] = []
        if not target:
            return out
        at = self._folded.find(target)
        while at >= 0:
            span = self._from_folded(at, at + len(target))
            if not words or self._on_word_edges(span):
                out.append(span)
            at = self._folded.find(target, at + 1)
        return out

    def _on_word_edges(self, span: Span) -> bool:
        before = self.text[span.start - 1] if span.start > 0 else " "
        after = self.text[span.end] if span.end < len(self.text) else " "
        return not (before.isalnum() or after.isalnum())

    def _folded_bounds(self, lo: int, hi: int) -> tuple[int, int]:
        return bisect.bisect_left(self._index, lo), bisect.bisect_left(self._index, hi)

    def _span(self, start: int, end: int) -> Span:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Span(start=start, end=end, text=self.text[start:end])

    def _from_folded(self, f_start: int, f_end: int) -> Span:
        return self._span(self._index[f_start], self._index[f_end - 1] + 1)

    def _find_elided(self, needle: str, f_lo: int, f_hi: int) -> Span | None:
        pieces = [_fold_needle(p) for p in _ELLIPSIS.split(needle)]
        pieces = [p for p in pieces if len(p) >= ELLIPSIS_MIN_PIECE]
        if len(pieces) < 2:
            return None
        first = self._folded.find(pieces[0], f_lo, f_hi)
        while first >= 0:
            end = self._chain(pieces[1:], first + len(pieces[0]), f_hi)
            if end is not None:
                return self._from_folded(first, end)
            first = self._folded.find(pieces[0], first + 1, f_hi)
        return None

    def _chain(self, pieces: list[str], pos: int, f_hi: int) -> int | None:
        for piece in pieces:
            at = self._folded.find(piece, pos, min(f_hi, pos + ELLIPSIS_MAX_GAP + len(piece)))
            if at < 0:
                return None
            pos = at + len(piece)
        return pos


@lru_cache(maxsize=64)
def aligner_for(text: str) -> Aligner:
    """Shared aligner per article text (folding a long article once, not per claim)."""
    return Aligner(text)


def locate(text: str, needle: str, lo: int = 0, hi: int | None = None) -> Span | None:
    """Span of ``text`` that ``needle`` stands for (exact, else after typographic folding)."""
    return aligner_for(text).locate(needle, lo, hi)


__all__ = ["Aligner", "Found", "Method", "aligner_for", "fold", "locate"]
