"""Tokens and number words: the tokenizer, digit and number-word values, noun inflection.

Number words are valued by ``text2num`` (wrapped: it raises on anything it does not know);
this module only decides *which* words form a number.
"""

from __future__ import annotations

import math
import re
import string
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, compress, count, repeat
from operator import itemgetter, not_
from typing import NamedTuple

from text_to_num import text2num

from factcheck.numbers import lexicon as lx


def singular(word: str) -> str:
    """Singular lower-case lemma of an English noun (small rules: avoids a dependency)."""
    w = word.lower()
    if w in lx.IRREGULAR_SINGULAR:
        return lx.IRREGULAR_SINGULAR[w]
    if len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("men") and len(w) > 4 and not w.endswith(("omen", "amen")):
        return w[:-3] + "man"  # "gunmen", "firemen"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "zzes", "sses", "oes")):
        return w[:-2]
    return w[:-1]


def looks_plural(word: str) -> bool:
    w = word.lower()
    if w in lx.IRREGULAR_SINGULAR:
        return w != "news"
    if w.endswith("men") and len(w) > 4 and not w.endswith(("omen", "amen")):
        return True  # "gunmen", "policemen"
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


def words_value(words: list[str]) -> float | None:
    """Value of a run of number words ("twenty-four", "one hundred and five", "a dozen")."""
    return _words_value(tuple(w.lower() for w in words))


@lru_cache(maxsize=1 << 14)  # the parser asks about the same few words again and again
def _words_value(words: tuple[str, ...]) -> float | None:
    ws = list(words)
    if not ws:
        return None
    factor = 1.0
    if ws[-1] == "dozen":
        factor, ws = 12.0, ws[:-1]
        if not ws or ws == ["a"]:
            return factor
    if ws[0] in ("a", "an"):
        ws = ["one", *ws[1:]]
    try:
        value = float(text2num(" ".join(ws), "en"))
    except ValueError:
        return None
    return value * factor


_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+(?:['’][A-Za-z]+)?|\S")
_TOKEN_SPLIT = re.compile(f"({_TOKEN_RE.pattern})").split  # gaps and tokens, alternating
_STRIP = "\"'“”‘’()[]{}.,;:!?…*«»"
_BLOCK_RE = re.compile(r"[@#/:_\\]|https?|www\.|[A-Za-z]\.[A-Za-z]{2,}")
_DIGIT_RANGE_RE = re.compile(r"\d[-–]\d")
# Chunks _chunk_blocked could say yes to: all but ASCII words with plain punctuation (most
# chunks) -- a digit, a symbol, a non-ASCII letter, "http", "www.", "a.bc" (tests/numbers).
_PLAIN_PUNCTUATION = ".,;!?'\"“”‘’()[]{}…*«»-–—"
_ODD_CHAR = rf"[^\sA-Za-z{re.escape(_PLAIN_PUNCTUATION)}]"
_CANDIDATE_CHUNK_RE = re.compile(rf"(?<!\S)\S*(?:{_ODD_CHAR}|http|www\.|[A-Za-z]\.[A-Za-z])\S*")
# The characters that are not odd, whitespace aside (tokens hold none).
_PLAIN_CHARS = frozenset(string.ascii_letters + _PLAIN_PUNCTUATION)
_LETTER_DOT_LETTER = re.compile(r"\.(?<=[A-Za-z]\.)(?=[A-Za-z])")
_SPECIAL = re.compile(rf"{_LETTER_DOT_LETTER.pattern}|http|www\.")
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")
_NUMERIC_CHUNK = re.compile(
    r"(?:[A-Z]{1,3}[$€£¥]|[$€£¥])?\d[\d.,]*(?P<suf>[A-Za-z]{1,4}|%)?(?:[-–][A-Za-z]+)*"
)
GLUED_ALIASES = {"hrs": "hr", "mins": "min", "lbs": "lb", "kms": "km", "secs": "sec"}
_GLUED_SUFFIXES = frozenset(lx.MULTIPLIERS) | frozenset(lx.UNITS) | frozenset(GLUED_ALIASES)
SENTENCE_END = frozenset(".!?;")
HEDGE_WORDS = frozenset(w for p in lx.HEDGES for w in p.split())


class Tok(NamedTuple):  # a named tuple: built several times faster than a frozen dataclass
    text: str
    start: int
    end: int
    low: str
    blocked: bool  # inside a handle, URL, hashtag, time or alphanumeric name
    nl_before: bool
    is_num: bool
    is_word: bool


@lru_cache(maxsize=1 << 16)  # most chunks are words the article (and the next) repeats
def _chunk_blocked(chunk: str) -> bool:
    """Handles, URLs, hashtags, times, ordinals and alphanumeric names carry no quantity."""
    if not chunk or chunk.lower() in lx.SPEEDS:
        return False
    if _BLOCK_RE.search(chunk) or _DIGIT_RANGE_RE.search(chunk):
        return True
    if not (any(c.isdigit() for c in chunk) and any(c.isalpha() for c in chunk)):
        return False
    m = _NUMERIC_CHUNK.fullmatch(chunk)  # "$1.5bn", "10km", "90-minute" pass; "24th", "G20" not
    return m is None or (m.group("suf") or "%").lower() not in _GLUED_SUFFIXES


def _candidate_runs(
    text: str, gaps: list[str], starts: list[int], firsts: list[str]
) -> list[tuple[int, int]]:
    """The tokens ``[a, b)`` of each of ``_CANDIDATE_CHUNK_RE``'s matches in ``text``, whose
    tokens start at ``starts`` with the characters ``firsts``, ``gaps[k]`` the whitespace
    before token ``k`` (and ``gaps[-1]`` after the last)."""
    # The tokens of a chunk are a run of them with no gap between. A chunk has an odd
    # character if and only if one of its tokens starts with one: a number starts with a
    # digit, a word is ASCII letters and apostrophes, any other token is one character. So
    # odd characters are found among the first characters, by set lookups in C, where a
    # pattern over the text cost 12,000 instructions a sentence.
    places: list[int] = []
    if not _PLAIN_CHARS.issuperset(firsts):
        places = list(compress(count(), map(not_, map(_PLAIN_CHARS.__contains__, firsts))))
    if "http" in text or "www." in text or _LETTER_DOT_LETTER.search(text):
        # the token where each starts: tokens leave no character out but whitespace
        places += [bisect_right(starts, m.start()) - 1 for m in _SPECIAL.finditer(text)]
        places.sort()
    runs: list[tuple[int, int]] = []
    end, n = 0, len(starts)
    for k in places:
        if k < end:
            continue  # in the chunk just found
        start, end = k, k + 1
        while start and not gaps[start]:
            start -= 1
        while end < n and not gaps[end]:
            end += 1
        runs.append((start, end))
    return runs


def tokenize(text: str) -> list[Tok]:
    return tokens_and_lows(text)[0]


def tokens_and_lows(text: str) -> tuple[list[Tok], list[str]]:
    """The tokens of ``text`` and their ``low`` fields, a list made on the way."""
    # Every gap between tokens is whitespace (``\S`` takes any other character), so the split
    # alternates gap, token, gap, ..., gap and the offsets are running sums of the lengths:
    # every field is then computed by C-level maps, not a Python loop per token.
    parts = _TOKEN_SPLIT(text)
    texts = parts[1::2]
    bounds = list(accumulate(map(len, parts)))
    starts = bounds[0:-1:2]
    ends = bounds[1::2]
    firsts = list(map(itemgetter(0), texts))
    gaps = parts[0::2]
    blocked = [False] * len(texts)
    for a, b in _candidate_runs(text, gaps, starts, firsts):
        if _chunk_blocked(text[starts[a] : ends[b - 1]].strip(_STRIP)):
            blocked[a:b] = [True] * (b - a)
    lows = list(map(str.lower, texts))
    # Most sentences have no line break: then no gap has one either.
    nl_before = (
        map(str.__contains__, gaps[:-1], repeat("\n")) if "\n" in text else [False] * len(texts)
    )
    fields = zip(
        texts, starts, ends, lows, blocked, nl_before,
        map(str.isdigit, firsts), map(str.isalpha, firsts), strict=True,
    )  # fmt: skip
    return list(map(tuple.__new__, repeat(Tok), fields)), lows


def glued(a: Tok, b: Tok) -> bool:
    return a.end == b.start


def digits_value(s: str) -> float | None:
    """ "10,000", "2.2", "1,5" (decimal comma), "10.000.000"; None when the grouping is odd."""
    if "," in s and "." in s:  # the later separator is the decimal point
        later_dot = s.rfind(",") < s.rfind(".")
        s = s.replace(",", "") if later_dot else s.replace(".", "").replace(",", ".")
    elif "," in s or s.count(".") > 1:
        sep = "," if "," in s else "."
        head, *groups = s.split(sep)
        if all(len(g) == 3 for g in groups) and len(head) <= 3:
            s = s.replace(sep, "")
        elif sep == "," and len(groups) == 1:
            s = s.replace(",", ".")
        else:
            return None
    if s[-4:-3] == "." and _DOTTED_THOUSANDS.fullmatch(s):  # (a pre-test every match passes)
        return None  # "10.000": ten thousand in most of Europe, ten in English; never guess
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def time_unit(tok: Tok | None) -> bool:
    return tok is not None and singular(tok.low) in lx.TIME_UNITS and not tok.blocked


def is_month(tok: Tok) -> bool:
    # "may"/"march" are months only when capitalised.
    return tok.low in lx.MONTHS and (tok.text[0].isupper() or tok.low not in ("may", "march"))


_LOW = itemgetter(3)  # ``Tok.low``


def lows(toks: list[Tok], k: int, size: int) -> tuple[str, ...]:
    return tuple(map(_LOW, toks[k : k + size]))  # a map in C: no generator frame


def plural(unit: str) -> str:
    """'person' -> 'people', 'home' -> 'homes'; currency codes stay as they are."""
    if unit == "person":
        return "people"
    if unit.isupper() or unit.endswith("s"):
        return unit
    return unit[:-1] + "ies" if unit.endswith("y") else unit + "s"
