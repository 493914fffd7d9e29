"""Lexicons and word-level helpers behind ``factcheck.numbers``.

Number words are valued by ``text2num`` (wrapped: it raises on anything it does not know);
this module only decides *which* words form a number and what the words around it mean.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from text_to_num import text2num

from factcheck import lexicon as lx
from factcheck.schemas import Dimension, Hedge


def singular(word: str) -> str:
    """Singular lower-case lemma of an English noun (small rules: avoids a dependency)."""
    w = word.lower()
    if w in lx.IRREGULAR_SINGULAR:
        return lx.IRREGULAR_SINGULAR[w]
    if len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "zzes", "sses", "oes")):
        return w[:-2]
    return w[:-1]


def looks_plural(word: str) -> bool:
    w = word.lower()
    if w in lx.IRREGULAR_SINGULAR:
        return w != "news"
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


def words_value(words: list[str]) -> float | None:
    """Value of a run of number words ("twenty-four", "one hundred and five", "a dozen")."""
    ws = [w.lower() for w in words]
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
_STRIP = "\"'“”‘’()[]{}.,;:!?…*«»"
_BLOCK_RE = re.compile(r"[@#/:_\\]|https?|www\.|[A-Za-z]\.[A-Za-z]{2,}")
_NUMERIC_CHUNK = re.compile(
    r"(?:[A-Z]{1,3}[$€£¥]|[$€£¥])?\d[\d.,]*(?P<suf>[A-Za-z]{1,4}|%)?(?:[-–][A-Za-z]+)*"
)
GLUED_ALIASES = {"hrs": "hr", "mins": "min", "lbs": "lb", "kms": "km", "secs": "sec"}
_GLUED_SUFFIXES = frozenset(lx.MULTIPLIERS) | frozenset(lx.UNITS) | frozenset(GLUED_ALIASES)
SYMBOL_PREFIX = {"US": "USD", "MX": "MXN", "C": "CAD", "CA": "CAD", "A": "AUD", "AU": "AUD"}
SENTENCE_END = frozenset(".!?;")
HEDGE_WORDS = frozenset(w for p in lx.HEDGES for w in p.split())


@dataclass(frozen=True)
class Tok:
    text: str
    start: int
    end: int
    low: str
    blocked: bool  # inside a handle, URL, hashtag, time or alphanumeric name
    nl_before: bool
    is_num: bool
    is_word: bool


def _chunk_blocked(chunk: str) -> bool:
    """Handles, URLs, hashtags, times, ordinals and alphanumeric names carry no quantity."""
    if not chunk or chunk.lower() in lx.SPEEDS:
        return False
    if _BLOCK_RE.search(chunk) or re.search(r"\d[-–]\d", chunk):
        return True
    if not (any(c.isdigit() for c in chunk) and any(c.isalpha() for c in chunk)):
        return False
    m = _NUMERIC_CHUNK.fullmatch(chunk)  # "$1.5bn", "10km", "90-minute" pass; "24th", "G20" not
    return m is None or (m.group("suf") or "%").lower() not in _GLUED_SUFFIXES


def tokenize(text: str) -> list[Tok]:
    mask = bytearray(len(text))
    for m in re.finditer(r"\S+", text):
        if _chunk_blocked(m.group().strip(_STRIP)):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    toks: list[Tok] = []
    prev_end = 0
    for m in _TOKEN_RE.finditer(text):
        nl = "\n" in text[prev_end : m.start()]
        t, blocked = m.group(), bool(mask[m.start()])
        toks.append(
            Tok(t, m.start(), m.end(), t.lower(), blocked, nl, t[0].isdigit(), t[0].isalpha())
        )
        prev_end = m.end()
    return toks


def currency_prefix(toks: list[Tok], i: int) -> tuple[str | None, int]:
    """Currency written before the number ("$", "US$", "MXN") and the index after it."""
    t, nxt = toks[i], toks[i + 1] if i + 1 < len(toks) else None
    if t.text in lx.CURRENCY_SYMBOLS or t.text in lx.CURRENCY_CODES:
        return lx.CURRENCY_SYMBOLS.get(t.text, t.text), i + 1
    if (
        t.text in SYMBOL_PREFIX
        and nxt is not None
        and nxt.text in lx.CURRENCY_SYMBOLS
        and glued(t, nxt)
    ):
        return SYMBOL_PREFIX[t.text], i + 2
    return None, i


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
    if re.fullmatch(r"\d{1,3}\.\d{3}", s):
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


def lows(toks: list[Tok], k: int, size: int) -> tuple[str, ...]:
    return tuple(t.low for t in toks[k : k + size])


def rate_near(toks: list[Tok], start: int, end: int, person: bool) -> tuple[str | None, set[int]]:
    """A rate phrase and its token indices: inside the phrase ("9,000 daily crossings", not for
    people: "4,200 hourly workers"), after it ("a day", "apprehended daily") or before "of"."""
    for k in range(start, end if not person else start):
        if toks[k].low in lx.RATES:
            return lx.RATES[toks[k].low], {k}
    k = end
    while k < len(toks) and k - end < 6:
        t = toks[k]
        if (
            t.text in SENTENCE_END
            or t.low in lx.CLAUSE_BREAK
            or (t.nl_before and k > end)
            or t.is_num
        ):
            break
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        adverb = nxt is None or not nxt.is_word or nxt.low in lx.STOPWORDS  # not "weekly flows"
        if t.low in lx.RATES and (adverb or k == end):
            return lx.RATES[t.low], {k}
        period = singular(nxt.low) if nxt is not None else ""
        later = lows(toks, k + 2, 1)[:1] in (("later",), ("after",), ("ago",))
        free = t.low[0] != "a" or k == end or toks[k - 1].low not in lx.NOT_RATE_BEFORE
        if t.low in lx.RATE_DETERMINERS and period in lx.RATE_PERIODS and free and not later:
            return lx.RATE_PERIODS[period], {k, k + 1}
        k += 1
    if start > 0 and toks[start - 1].low == "of":  # "a daily average of 9,000"
        for k in range(max(0, start - 3), start - 1):
            if toks[k].low in lx.RATES:
                return lx.RATES[toks[k].low], {k}
    return None, set()


def hedge_before(toks: list[Tok], s: int, floor: int) -> tuple[Hedge, int]:
    for size in range(lx.MAX_HEDGE_WORDS, 0, -1):
        a = s - size
        seg = toks[a:s] if a >= floor else []
        if seg and all(t.is_word and not t.blocked for t in seg):
            hedge = lx.HEDGES.get(" ".join(t.low for t in seg))
            if hedge is not None:
                return hedge, a
    return Hedge.EXACT, s


_NOT_NOUNS = (
    lx.STOPWORDS
    | lx.MONTHS
    | lx.WEEKDAYS
    | lx.RELATIVE_TIME
    | lx.NUMBER_WORDS
    | frozenset(lx.MULTIPLIERS)
)
# unit, dimension, factor to the canonical unit, unit as written, token index after it
Unit = tuple[str, Dimension, float, str, int]


def counted_noun(toks: list[Tok], e: int, value: float) -> Unit | None:
    """The counted noun after a number, past up to three modifiers ("8,000 Central American
    migrants"); for plural counts the first plural noun, for one the last word of the phrase."""
    n = len(toks)
    k, words = e, 0
    if value != 1 and lows(toks, k, 1) == ("of",):  # "two of the carmakers"
        k += 2 if lows(toks, k + 1, 1)[:1] in (("the",), ("its",), ("their",), ("these",)) else 1
    while k < n and words < 4:
        t = toks[k]
        if not t.is_word:
            abbrev = t.text == "." and len(toks[k - 1].text) == 1  # "U.S.-bound"
            if (t.text == "-" or abbrev) and k + 1 < n and glued(toks[k - 1], t):
                k += 1
                continue
            return None
        low = t.low
        if t.blocked or low in _NOT_NOUNS:
            return None
        words += 1
        nxt = toks[k + 1] if k + 1 < n else None
        if value != 1:
            head = looks_plural(t.text) and low not in lx.RATES
        else:
            ends = nxt is None or not nxt.is_word or nxt.low in lx.STOPWORDS
            known = low in lx.HUMAN_NOUNS or low in lx.UNITS
            head = known or (ends and not low.endswith(lx.ADJ_SUFFIXES))
        if head:
            lemma = singular(t.text)
            if lemma in lx.UNITS and lemma not in lx.GLUED_ONLY_UNITS:
                unit, dim, factor = lx.UNITS[lemma]
                return unit, dim, factor, t.text, k + 1
            unit = "person" if lemma in lx.HUMAN_NOUNS or low in lx.HUMAN_NOUNS else lemma
            return unit, Dimension.COUNT, 1.0, t.text, k + 1
        k += 1
    return None


def format_interval(low: float | None, high: float | None, unit: str) -> str:
    """Short human-readable interval: "< 120 min", "90–108 min", "≈ 8,000 person"."""
    bounded = [v for v in (low, high) if v is not None]
    if not bounded:
        return f"any {unit}"
    scale, label = 1.0, unit
    if unit == "minute":
        top = max(bounded)
        # Minutes up to three hours ("90–108 min"), then the largest unit seen at least thrice.
        steps = [(525600.0, "y"), (1440.0, "d"), (60.0, "h")]
        scale, label = next(((f, u) for f, u in steps if top > max(180, 3 * f - 1)), (1.0, "min"))
    big = max(abs(v) for v in bounded) != 1
    suffix = "%" if unit == "percent" else f" {plural(label) if big and label == unit else label}"

    def show(v: float) -> str:
        v /= scale
        whole = math.isclose(v, round(v), abs_tol=1e-9)
        return f"{round(v):,}" if whole else f"{v:,.2f}".rstrip("0").rstrip(".")

    if low is None or high is None:
        return f"{'<' if low is None else '>'} {show(bounded[0])}{suffix}"
    mid = (low + high) / 2
    if math.isclose(low, high, rel_tol=1e-9):
        return show(low) + suffix
    if mid > 0 and math.isclose(low, 0.925 * mid) and math.isclose(high, 1.075 * mid):
        return f"≈ {show(mid)}{suffix}"
    return f"{show(low)}–{show(high)}{suffix}"


def plural(unit: str) -> str:
    """'person' -> 'people', 'home' -> 'homes'; currency codes stay as they are."""
    if unit == "person":
        return "people"
    if unit.isupper() or unit.endswith("s"):
        return unit
    return unit[:-1] + "ies" if unit.endswith("y") else unit + "s"
