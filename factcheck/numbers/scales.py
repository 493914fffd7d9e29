"""Positions on a scale rather than amounts: ages, rankings and ratings.

"the 53-year-old captain", "aged 84", "Nohemi Gonzalez, 23,"; "the fourth largest city",
"ranked 12th"; "rated 7.46/10", "4.5 out of 5". The main parser drops these on purpose (an age
is not a duration, an ordinal is not a count); here they become figures of their own unit
("year of age", "rank", "out of 10") so that two articles disagreeing about someone's age or a
ranking can be compared, and never with a count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress

from factcheck.numbers import lexicon as lx
from factcheck.numbers.parsed import ParsedQuantity
from factcheck.numbers.shortcuts import contains_any, fold
from factcheck.schemas import Dimension, Hedge

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "twentieth": 20,
}  # fmt: skip
_ORDINAL = rf"(?P<ord>{'|'.join(_ORDINALS)}|\d{{1,3}}(?:st|nd|rd|th))"
_WORD_NUMBER = rf"(?:{'|'.join(sorted(lx.NUMBER_WORDS - {'dozen'}, key=len, reverse=True))})"
_AGE_NUMBER = rf"(?P<n>\d{{1,3}}|{_WORD_NUMBER}(?:[-\s]{_WORD_NUMBER})?)"

_AGE_RES = (
    re.compile(rf"\b{_AGE_NUMBER}[-\s]years?[-\s]old\b", re.IGNORECASE),
    re.compile(rf"\baged\s+{_AGE_NUMBER}\b", re.IGNORECASE),
    re.compile(rf"\bat\s+the\s+age\s+of\s+{_AGE_NUMBER}\b", re.IGNORECASE),
    # "Fariq Abdul Hamid, 27, ...": an age in apposition to a name.
    re.compile(r"(?<=[A-Za-z]) ?(?P<name>[A-Z][a-z]+), (?P<n>\d{1,3}),(?!\d)"),
)
_RANK_RES = (
    re.compile(rf"\b{_ORDINAL}[-\s](?P<what>(?:most|least)\s+[a-z]+|[a-z]+est)\b", re.IGNORECASE),
    re.compile(rf"\b(?:ranked|ranks|ranking)\s+(?:No\.?\s*(?P<no>\d{{1,3}})|{_ORDINAL})\b", re.I),
)
_RATING_RE = re.compile(
    r"(?<![\d.,/])(?P<n>\d{1,3}(?:\.\d{1,2})?)\s*(?:/|out\s+of\s+)\s*(?P<of>5|10|100)\b(?![/\d])"
)
_RATING_CUE = re.compile(r"\b(?:rat(?:ed|ing|es)|scor(?:ed|e|es)|grade[ds]?|stars?)\b", re.I)
_NOT_AGE_BEFORE = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|street|road|avenue|rue)$",
    re.IGNORECASE,
)


_DIGIT_RE = re.compile(r"\d")  # any digit the patterns' "\d" matches ("٣" too)
_ASCII_DIGIT_RE = re.compile(r"[0-9]")  # tried first: a range test, not a Unicode lookup
# Without a digit a scale needs one of these words ("aged", "years old", "ranked", "largest",
# "most visited", "least populous": "least" has no "est").
# A rank "fourth largest", "3rd most visited", "second least populous" needs one of these.
_RANK_WORDS = ("est", "most", "least")
_WORD_NEEDLES = ("age", "old", "rank", *_RANK_WORDS)
_ORDINAL_WORDS = tuple(_ORDINALS)
_ORDINAL_BYTES = frozenset(word.encode() for word in _ORDINALS)
# What the patterns need around their words, each led by a literal ``re`` skips to quickly.
_AGE_OF = re.compile(r"age\s+of")
_COMMA_DIGIT = re.compile(r", \d")
_DIGIT_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)")
_OUT_OF = re.compile(r"out\s+of")


def _scans(
    text: str, digit: bool | None = None
) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]], bool] | None:
    """(the age patterns, the rank patterns, whether the rating pattern) that can match
    ``text``: each needs a digit or a literal word (most sentences have neither), and a
    substring test on the folded text is a C scan, where the case-insensitive patterns, tried
    at every position, cost microseconds a sentence each (tests/numbers/test_prefilter.py runs
    the parser with and without this). None: nothing to scan. ``digit``: whether the text has
    a digit, when the caller knows."""
    if digit is None:
        digit = _ASCII_DIGIT_RE.search(text) is not None or (
            not text.isascii() and _DIGIT_RE.search(text) is not None
        )
    folded = fold(text)
    if not digit and not contains_any(folded, _WORD_NEEDLES):
        return None  # most sentences: no digit and no scale word
    # Each pattern is tried only where its literal words are: "years old" needs "year" and
    # "old" ("told" is common), "at the age of" needs "age" then "of" ("page", "average"), an
    # age after a name ", 27," needs ", " and a digit; "out of" for a rating ("about").
    needed = (
        "old" in folded and "year" in folded,
        "aged" in folded,
        "age" in folded and _AGE_OF.search(folded) is not None,
        digit and _COMMA_DIGIT.search(text) is not None,
    )
    ages = list(compress(_AGE_RES, needed))
    ranks = []
    # A rank's ordinal is a word or a digit with "st", "nd", "rd" or "th" ("3rd most").
    if contains_any(folded, _RANK_WORDS) and (
        contains_any(folded, _ORDINAL_WORDS)
        or (digit and _DIGIT_ORDINAL.search(folded) is not None)
    ):
        ranks.append(_RANK_RES[0])  # "fourth largest", "3rd most visited"
    if "rank" in folded:
        ranks.append(_RANK_RES[1])
    rating = digit and ("/" in text or _OUT_OF.search(text) is not None)
    return ages, ranks, rating


@dataclass(frozen=True)
class ScaleHit:
    start: int
    end: int
    value: float
    unit: str  # "year of age", "rank", "out of 10"
    unit_text: str
    number_start: int
    number_end: int


def _number(word: str) -> float | None:
    from factcheck.numbers.tokens import words_value

    if word.isdigit():
        return float(word)
    return words_value(re.split(r"[-\s]+", word.lower()))


def _ordinal(word: str) -> int | None:
    low = word.lower()
    if low in _ORDINALS:
        return _ORDINALS[low]
    digits = re.match(r"\d+", low)
    return int(digits.group(0)) if digits else None


def parse_scales(text: str, digit: bool | None = None) -> list[ScaleHit]:
    """Ages, rankings and ratings in ``text``, in order (``digit``: see ``_scans``)."""
    scans = _scans(text, digit)
    if scans is None:
        return []
    return _hits(text, *scans)


def _hits(
    text: str, ages: list[re.Pattern[str]], ranks: list[re.Pattern[str]], rating: bool
) -> list[ScaleHit]:
    hits: list[ScaleHit] = []
    for pattern in ages:
        for m in pattern.finditer(text):
            value = _number(m.group("n"))
            if value is None or not 0 < value <= 120:
                continue
            if pattern is _AGE_RES[-1] and _NOT_AGE_BEFORE.search(m.group("name")):
                continue
            start, end = (m.start("n"), m.end("n")) if pattern is _AGE_RES[-1] else m.span()
            hits.append(ScaleHit(start, end, value, "year of age", "age", *m.span("n")))
    for pattern in ranks:
        for m in pattern.finditer(text):
            group = "no" if m.groupdict().get("no") else "ord"
            rank = _ordinal(m.group(group))
            if rank is None or rank == 0:
                continue
            what = (m.groupdict().get("what") or "ranked").lower()
            hits.append(ScaleHit(m.start(), m.end(), float(rank), "rank", what, *m.span(group)))
    for m in _RATING_RE.finditer(text) if rating else ():
        value, scale = float(m.group("n")), m.group("of")
        if value > float(scale):
            continue  # "24/7", "9/11" are not ratings
        cue = _RATING_CUE.search(text[max(0, m.start() - 40) : m.start()])
        if "/" in m.group(0) and "." not in m.group("n") and not cue:
            continue  # "3/10" alone may be a date; a rating says so or has decimals
        unit = f"out of {scale}"
        hits.append(ScaleHit(m.start(), m.end(), value, unit, unit, *m.span("n")))
    hits.sort(key=lambda h: (h.start, -h.end))
    out: list[ScaleHit] = []
    for hit in hits:
        if out and hit.start < out[-1].end:
            continue
        out.append(hit)
    return out


def with_scales(
    text: str, found: list[ParsedQuantity], digit: bool | None = None
) -> list[ParsedQuantity]:
    """Add ages, rankings and ratings; where one overlaps an amount, the scale reading wins
    ("a 7.5/10 rating" is not 7.5 of anything)."""
    return _with_hits(text, found, parse_scales(text, digit))


def scales_without_digit(text: str, words: list[bytes]) -> list[ParsedQuantity]:
    """``with_scales(text, [], digit=False)``: the answer for a sentence the parser finds no
    amount in (most sentences), asked without the two calls around ``_scans``. ``words``:
    ``shortcuts.quantity_free_words(text)``, the text's runs of ASCII letters, lower-cased."""
    # Such a text has no digit and no number word standing alone (a trigger word, not a time
    # unit: tests/numbers). Without them every pattern here needs an ordinal word standing
    # alone: ages a number word ("aged eighty"), ratings a digit, ranks an ordinal followed
    # by a space, a dash or a word boundary. In ASCII text ``\b`` and IGNORECASE see exactly
    # the runs of letters and their lower case, so with no ordinal among the words there is
    # nothing to find (checked against the scans on generated text in tests/numbers).
    if text.isascii() and _ORDINAL_BYTES.isdisjoint(words):
        return []
    scans = _scans(text, False)
    if scans is None:
        return []
    return _with_hits(text, [], _hits(text, *scans))


def _with_hits(
    text: str, found: list[ParsedQuantity], hits: list[ScaleHit]
) -> list[ParsedQuantity]:
    if not hits:
        return found
    scaled = [
        ParsedQuantity(
            h.start, h.end, text[h.start : h.end], h.value, h.value, h.value, Hedge.EXACT,
            h.unit, h.unit_text, Dimension.OTHER, None, h.number_start, h.number_end,
        )
        for h in hits
    ]  # fmt: skip
    kept = [q for q in found if not any(s.start < q.end and q.start < s.end for s in scaled)]
    return sorted(kept + scaled, key=lambda q: q.start)
