"""What a number counts or measures: currency before it, the unit or counted noun after it,
and a rate phrase around it ("a day", "daily", "per hour")."""

from __future__ import annotations

from factcheck.numbers import lexicon as lx
from factcheck.numbers.tokens import SENTENCE_END, Tok, glued, looks_plural, lows, singular
from factcheck.schemas import Dimension

SYMBOL_PREFIX = {"US": "USD", "MX": "MXN", "C": "CAD", "CA": "CAD", "A": "AUD", "AU": "AUD"}


def currency_prefix(toks: list[Tok], i: int) -> tuple[str | None, int]:
    """Currency written before the number ("$", "US$", "MXN") and the index after it."""
    t, nxt = toks[i], toks[i + 1] if i + 1 < len(toks) else None
    if t.text in lx.CURRENCY_SYMBOLS or t.text in lx.CURRENCY_CODES:
        if t.text == "Rs" and nxt is not None and nxt.text == "." and glued(t, nxt):
            return "INR", i + 2  # "Rs. 5 crore"
        return lx.CURRENCY_SYMBOLS.get(t.text, t.text), i + 1
    if (
        t.text in SYMBOL_PREFIX
        and nxt is not None
        and nxt.text in lx.CURRENCY_SYMBOLS
        and glued(t, nxt)
    ):
        return SYMBOL_PREFIX[t.text], i + 2
    return None, i


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
        owner = (
            ("the",),
            ("its",),
            ("their",),
            ("these",),
            ("our",),
            ("his",),
            ("her",),
            ("those",),
        )
        k += 2 if lows(toks, k + 1, 1)[:1] in owner else 1
        if k < n and (toks[k].is_num or toks[k].low in lx.NUMBER_WORDS):
            k += 1  # "64 of the 150 seats": 64 seats, out of 150
    while k < n and words < 4:
        t = toks[k]
        if not t.is_word:
            abbrev = t.text == "." and len(toks[k - 1].text) == 1  # "U.S.-bound"
            if (t.text == "-" or abbrev) and k + 1 < n and glued(toks[k - 1], t):
                k += 1
                continue
            return None
        low = t.low
        if t.blocked or low in _NOT_NOUNS or low in lx.NOT_COUNTED:
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


def number_of(back: list[Tok]) -> Unit | None:
    """The noun of "the (total) number of cases" standing before a tally verb; ``back`` holds
    the tokens before the number, nearest first. Not past a comma or another figure: in "the
    number of migrants fell, and deaths reached 52" the 52 counts something else."""
    for n in range(1, len(back)):
        t = back[n - 1]
        if t.text == "," or t.is_num:
            return None
        if t.low == "of" and back[n].low in lx.TALLY_HEADS:
            after = list(reversed(back[: n - 1]))  # "cases reached", "people killed rose to"
            if after and after[0].low in lx.CASUALTY:  # "the number of dead"
                return "person", Dimension.COUNT, 1.0, after[0].text, 0
            return counted_noun(after, 0, 2.0)
    return None
