"""Find quantity phrases in text: value, canonical unit, hedge interval, rate and spans.

Rules decide spans, hedges, units and rates; ``text2num`` (via ``tokens``) only values number
words. Anything that is not a stated measurement or count (years, dates, times of day, ordinals,
numbers inside names/handles/URLs, bare numbers with nothing counted) yields no quantity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.numbers import lexicon as lx
from factcheck.numbers import tokens as nw
from factcheck.numbers import units as un
from factcheck.numbers.hedges import hedge_before, interval_for, rounding_step
from factcheck.numbers.parsed import ParsedQuantity
from factcheck.numbers.scales import scales_without_digit, with_scales
from factcheck.numbers.shortcuts import quantity_free_words, start_candidates
from factcheck.numbers.tokens import Tok
from factcheck.schemas import Dimension

_SCALES = tuple((w,) for w in lx.SCALE_WORDS)
# Asked of most number tokens, a call of ``re`` 2,000 instructions: each tried only after a test
# that every match passes (every year is 4 characters; a code starts with "0").
_YEAR = re.compile(r"1\d{3}|20\d{2}|2100")
_CODE = re.compile(r"0\d")
# Word sequences, each compared after a test of its first word (which spares a slice and a tuple).
_AM_PM = (("a", ".", "m"), ("p", ".", "m"))
_AND_A_HALF = ("and", "a", "half")
_LONGEST_SPEED = max(map(len, lx.SPEEDS))
_PLAIN = lx.STOPWORDS | nw.HEDGE_WORDS | lx.NUMBER_PRECEDERS
_AUX_WORDS = lx.AUXILIARIES | lx.AUX_ADVERBS


@dataclass
class _Num:
    value: float
    start: int  # token index of the number itself (after any currency prefix)
    end: int  # token index after the number
    currency: str | None = None
    article: bool = False  # "a"/"an"/"half a": a number only before a unit or multiplier
    words: bool = False
    fraction: bool = False  # "a third of": a proportion, in percent


def _word_run(toks: list[Tok], i: int) -> _Num | None:
    parts: list[tuple[str, int]] = [(toks[i].low, i + 1)]
    e = i + 1
    while e < len(toks):
        u, prev = toks[e], toks[e - 1]
        nxt = toks[e + 1] if e + 1 < len(toks) else None
        if u.low in lx.NUMBER_WORDS and not u.blocked:
            parts.append((u.low, e + 1))
        elif u.text == "-" and nxt is not None and nw.glued(prev, u) and nw.glued(u, nxt):
            if nxt.low not in lx.NUMBER_WORDS:
                break
        elif u.low == "and" and prev.low in lx.SCALE_WORDS and nxt is not None:
            if nxt.low not in lx.NUMBER_WORDS or nxt.low in lx.SCALE_WORDS:
                break
            parts.append(("and", e + 1))
        else:
            break
        e += 1
    while parts:
        value = nw.words_value([w for w, _ in parts])
        if value is not None and parts[-1][0] != "and":
            return _Num(value, i, parts[-1][1], words=True)
        parts.pop()
    return None


def _fraction(toks: list[Tok], i: int) -> _Num | None:
    """ "half of", "a third of", "two-thirds of", "three quarters of": a share, in percent."""
    w = nw.lows(toks, i, 4)
    if w[:2] == ("half", "of"):
        return _Num(50.0, i, i + 1, words=True, fraction=True)
    count = 1.0 if w[:1] in (("a",), ("one",)) else nw.words_value(list(w[:1]))
    k = 2 if w[1:2] == ("-",) else 1
    name = w[k] if len(w) > k + 1 and w[k + 1] == "of" and count is not None else ""
    base = lx.FRACTIONS.get(name if count == 1 else name.removesuffix("s"))
    if count is None or base is None or count >= 10 or (count > 1 and not name.endswith("s")):
        return None
    return _Num(count * base, i, i + k + 1, words=True, fraction=True)


def _number_at(toks: list[Tok], i: int) -> _Num | None:
    n = len(toks)
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < n else None
    if t.blocked:
        return None
    currency, k = un.currency_prefix(toks, i)
    if currency is not None and (k >= n or not toks[k].is_num):
        return None
    if toks[k].is_num:
        value = nw.digits_value(toks[k].text)
        if value is None or (toks[k].text[0] == "0" and _CODE.match(toks[k].text)):  # "007"
            return None
        e, first = k + 1, toks[k].text  # then r"\d{3}" ("re"'s \d is str.isdecimal)
        while len(first) <= 3 and e < n and len(toks[e].text) == 3 and toks[e].text.isdecimal():
            if toks[e].start - toks[e - 1].end != 1 or toks[e].nl_before:
                break
            value, e = value * 1000 + float(toks[e].text), e + 1  # "10 000": space separator
        if e + 2 < n and toks[e].text == "," and nw.glued(toks[k], toks[e]) and toks[e + 1].is_num:
            # "2, 2 million": a translation artefact of the decimal comma "2,2 millones".
            a, b = toks[k].text, toks[e + 1].text
            scale = toks[e + 2].low in ("thousand", "million", "billion", "trillion")
            if scale and a.isdigit() and b.isdigit() and len(a) <= 3 and len(b) <= 2:
                value, e = float(f"{a}.{b}"), e + 2
        return _Num(value, k, e, currency)
    third = toks[i + 2] if i + 2 < n else None
    if (fraction := _fraction(toks, i)) is not None:
        return fraction
    if t.low in ("a", "an") and nxt is not None:
        if nxt.low in lx.SCALE_WORDS or nxt.low == "dozen":
            return _word_run(toks, i)
        if nxt.low == "half" and nw.time_unit(third):
            return _Num(0.5, i, i + 2, article=True, words=True)
        if nw.time_unit(nxt) and nw.singular(nxt.low) not in ("second", "sec", "h", "min", "hr"):
            return _Num(1.0, i, i + 1, article=True, words=True)
        return None
    if t.low == "half" and nxt is not None:
        if nxt.low in ("a", "an") and (nw.time_unit(third) or nw.lows(toks, i + 2, 1) in _SCALES):
            return _Num(0.5, i, i + 2, article=True, words=True)
        if nxt.text == "-" and third is not None and nw.glued(t, nxt) and nw.time_unit(third):
            return _Num(0.5, i, i + 1, article=True, words=True)
        return None
    if t.low in lx.NUMBER_WORDS and t.low not in lx.SCALE_WORDS and t.low != "dozen":
        return _word_run(toks, i)
    if nw.time_unit(t) and nw.lows(toks, i + 1, 3) == ("and", "a", "half"):
        return _Num(1.0, i, i, article=True, words=True)  # "hour and a half": the unit is one
    return None


def _not_a_quantity(toks: list[Tok], num: _Num) -> bool:
    """Dates, years, times of day and names such as "Title 42" around a digit number."""
    n, k = len(toks), num.start
    tok = toks[k]
    prev = toks[k - 1] if k > 0 else None
    nxt = toks[k + 1] if k + 1 < n else None
    if num.words or num.currency is not None:
        return num.words and prev is not None and prev.low == "no" and tok.low == "one"
    if nxt is not None and (nxt.low in lx.TIME_OF_DAY or nw.is_month(nxt)):
        return True
    if nxt is not None and nxt.low in ("a", "p") and nw.lows(toks, k + 1, 3) in _AM_PM:
        return True
    if prev is not None and (
        nw.is_month(prev) or (prev.text == "." and k > 1 and nw.is_month(toks[k - 2]))
    ):
        return True
    if (
        len(tok.text) == 4
        and _YEAR.fullmatch(tok.text)
        and (prev is None or prev.low in lx.YEAR_CONTEXT or prev.text == "," or nxt is None)
    ):
        return True
    if prev is not None and prev.is_word and prev.text[0].isupper() and not prev.blocked:
        # "Title 42", "Apollo 11": a capitalised word right before digits names something,
        # even at the start of a sentence ("Around 8,000" is a hedge, "Only 5" a stopword).
        possessive = prev.low.endswith(("'s", "’s"))  # "Mexico's 32 states"
        # "On Monday 12,000 residents were evacuated": a weekday names no thing; the date
        # reading ("Monday 12 October") is caught above by the month after the number.
        plain = prev.low in _PLAIN or prev.low in lx.WEEKDAYS
        return not plain and prev.text not in lx.CURRENCY_CODES and not possessive
    return False


def _unit_after(toks: list[Tok], num: _Num, e: int) -> un.Unit | None:
    n = len(toks)
    if num.currency is not None:
        return num.currency, Dimension.MONEY, 1.0, toks[num.start - 1].text, e
    if num.fraction:
        return "percent", Dimension.PERCENT, 1.0, toks[e - 1].text, e
    if e >= n:
        return None
    t = toks[e]
    nxt = toks[e + 1] if e + 1 < n else None
    if t.blocked:
        return None
    if t.low in lx.CURRENCY_ADJ and nxt is not None and nw.singular(nxt.low) in lx.CURRENCY_WORDS:
        return lx.CURRENCY_ADJ[t.low], Dimension.MONEY, 1.0, nxt.text, e + 2
    if nw.singular(t.low) in lx.CURRENCY_WORDS:
        return lx.CURRENCY_WORDS[nw.singular(t.low)], Dimension.MONEY, 1.0, t.text, e + 1
    if t.text == "%":
        return "percent", Dimension.PERCENT, 1.0, "%", e + 1
    if t.low in lx.SPEEDS:  # "mph"
        return "km/h", Dimension.OTHER, lx.SPEEDS[t.low], t.low, e + 1
    # "km/h", "km h" (at the text's end): tokens joined, so the first is shorter than the speed
    joined = nw.lows(toks, e, 3) if len(t.low) < _LONGEST_SPEED else ()
    if (speed := "".join(joined)) in lx.SPEEDS:
        return "km/h", Dimension.OTHER, lx.SPEEDS[speed], speed, e + len(joined)
    if nxt is not None and (t.low, nxt.low) in (("per", "cent"), ("percentage", "points")):
        return "percent", Dimension.PERCENT, 1.0, f"{t.text} {nxt.text}", e + 2
    if t.text in "-–" and nxt is not None and nw.glued(toks[e - 1], t) and nw.glued(t, nxt):
        lemma = nw.singular(nxt.low)
        if lemma in lx.UNITS and lemma not in lx.GLUED_ONLY_UNITS:  # "three-hour", "90-minute"
            unit, dim, factor = lx.UNITS[lemma]
            return unit, dim, factor, nxt.text, e + 2
        return None
    lemma = nw.singular(nw.GLUED_ALIASES.get(t.low, t.low))
    free = lemma not in lx.GLUED_ONLY_UNITS or (nw.glued(toks[e - 1], t) and t.text == t.low)
    if lemma in lx.UNITS and free and not (num.article and lemma not in lx.TIME_UNITS):
        unit, dim, factor = lx.UNITS[lemma]
        return unit, dim, factor, t.text, e + 1
    if num.article:
        return None
    return un.counted_noun(toks, e, num.value)


def _duration_tail(toks: list[Tok], end: int, factor: float) -> tuple[float, int]:
    """Extra minutes after a duration: "an hour and a half", "3 hours and 20 minutes"."""
    if nw.lows(toks, end, 3) == ("and", "a", "half"):
        return factor / 2, end + 3
    k = end + 1 if end < len(toks) and toks[end].low in ("and", ",") else end
    if k < len(toks) and (num := _number_at(toks, k)) is not None and not num.article:
        t = toks[num.end] if num.end < len(toks) else None
        if num.currency is None and t is not None and nw.time_unit(t):
            smaller = lx.TIME_UNITS[nw.singular(t.low)]
            if smaller < factor:
                return num.value * smaller, num.end + 1
    return 0.0, end


def _implicit_unit(
    toks: list[Tok], s: int, e: int, ctx: tuple[ParsedQuantity, int] | None
) -> tuple[un.Unit, int] | None:
    """The unit of a bare number, from its context, and where the phrase starts: "seven dead",
    "a crew of five", "up from about 1,900 a day" after "2,400 trucks a day"."""
    if e < len(toks) and toks[e].low in lx.CASUALTY:
        return ("person", Dimension.COUNT, 1.0, toks[e].text, e + 1), s
    k = e
    while k < len(toks) and k - e < 3 and (toks[k].low in _AUX_WORDS):
        k += 1  # "127 were killed", "12 have died", "80 were reportedly killed"
    if e < k < len(toks) and toks[e].low in lx.AUXILIARIES and toks[k].low in lx.CASUALTY:
        return ("person", Dimension.COUNT, 1.0, toks[k].text, e), s
    if s > 0 and toks[s - 1].low in lx.TALLY_VERBS:  # "the death toll rose to 112"
        # The toll may stand far back: "The death toll from an explosion at ... rose
        # overnight to 21", but never across a sentence end.
        back = list(reversed(toks[max(0, s - 25) : s]))
        stop = next((n for n, t in enumerate(back) if t.text in nw.SENTENCE_END), len(back))
        if any(t.low in lx.TALLY_NOUNS for t in back[:stop]):
            return ("person", Dimension.COUNT, 1.0, "", e), s
        counted = un.number_of(back[:stop])
        if counted is not None:  # "the number of cases reached 3,400"
            return (*counted[:4], e), s
    if s > 0 and toks[s - 1].low in lx.CASUALTY_VERBS:  # "injuring 23", "kills seven"
        return ("person", Dimension.COUNT, 1.0, toks[s - 1].text, e), s
    if s >= 2 and toks[s - 1].low == "of" and nw.singular(toks[s - 2].low) in lx.COLLECTIVES:
        first = s - 3 if s >= 3 and toks[s - 3].low in ("a", "an") else s - 2
        return ("person", Dimension.COUNT, 1.0, toks[s - 2].text, e), first
    if ctx is None or ctx[0].dimension not in (Dimension.COUNT, Dimension.MONEY):
        return None
    if any(t.text in nw.SENTENCE_END for t in toks[ctx[1] : s]):
        return None
    rate_next = nw.lows(toks, e, 1)[:1] in (("a",), ("per",)) and un.rate_near(toks, e, e, False)[0]
    linked = ("from", "to", "than", "versus", "vs")
    after_the = s > 1 and toks[s - 1].low == "the" and toks[s - 2].low in linked  # "up from the 12"
    if rate_next or after_the or (s > 0 and toks[s - 1].low in linked):
        return (ctx[0].unit, ctx[0].dimension, 1.0, "", e), s
    return None


def _quantity_at(
    toks: list[Tok], i: int, floor: int, text: str, ctx: tuple[ParsedQuantity, int] | None
) -> tuple[ParsedQuantity, set[int], int] | None:
    num = _number_at(toks, i)
    if num is None or _not_a_quantity(toks, num):
        return None
    value, e = num.value, num.end
    and_a_half = e < len(toks) and toks[e].low == "and" and nw.lows(toks, e, 3) == _AND_A_HALF
    if and_a_half and not num.article:
        value, e = value + 0.5, e + 3
    if e < len(toks) and toks[e].low in lx.MULTIPLIERS and not toks[e].blocked:
        mult = toks[e]
        glued_ok = mult.low not in lx.MONEY_ONLY_MULTIPLIERS or num.currency is not None
        free = mult.low in lx.NUMBER_WORDS or mult.low in lx.INDIAN_SCALES
        if (free or nw.glued(toks[e - 1], mult)) and glued_ok:
            value, e = value * lx.MULTIPLIERS[mult.low], e + 1
            num.article = False
    hedge, s = hedge_before(toks, i, floor)
    unit, inherited = _unit_after(toks, num, e), False
    if unit is None and not num.article:
        implicit = _implicit_unit(toks, s, e, ctx)
        if implicit is None or implicit[1] < floor:
            return None
        (unit, s), inherited = implicit, implicit[0][3] == ""
    if unit is None:
        return None
    unit_name, dim, factor, unit_text, end = unit
    if end != e + 1 and len(toks[num.start].text) == 4 and _YEAR.fullmatch(toks[num.start].text):
        return None  # "as 2023 saw record crossings": a year-like number needs its noun right after
    value *= factor
    number_end_tok = e - 1
    if dim is Dimension.DURATION:
        unit_end = end
        extra, end = _duration_tail(toks, end, factor)
        if num.article or end != unit_end:  # "an hour and a half" is one number expression
            number_end_tok = end - 1
        value += extra
        after = (*nw.lows(toks, end, 2), "", "")
        before = ("", *nw.lows(toks, max(0, s - 8), min(s, 8)))
        record = before[-1] == "in" and not lx.SUPERLATIVES.isdisjoint(before)
        clock = before[-1] == "at" and s == i  # "the high tide is at 18 hours"
        if after[0] in ("ago", "old", "read") or after[:2] == ("-", "old") or record or clock:
            return None  # "two years ago", "61-year-old", "5 min read", "biggest in a year"
        offset = after[0] in ("after", "later", "earlier", "since") and before[-1] not in (
            "lasted",
            "lasting",
            "for",
            "took",
            "last",
        )
        if offset:
            return None  # "one week after it went missing": a point in time, not a length
        rate_of = before[-1] in lx.FREQUENCY or before[-1][:1].isdigit()
        if num.article and (after[0] in lx.RELATIVE_TIME or rate_of):
            return None  # "an hour later", "twice a day", "300 a day": a time point, a rate
    determiner = s > 0 and toks[s - 1].low in lx.DEFINITE_DETERMINERS
    if dim is Dimension.COUNT and num.words and num.value <= 20 and determiner:
        return None  # "the two countries" names a set, it does not count it
    joined = s > 1 and toks[s - 1].low in ("and", "to", "or", "-", "–")
    if joined and (toks[s - 2].is_num or toks[s - 2].low in lx.NUMBER_WORDS):
        return None  # the top of a range ("8,000 to 10,000 migrants") is no exact figure
    opening = s == 0 or toks[s - 1].text in '.!?"“' or toks[s].nl_before
    if toks[i].low == "one" and nw.lows(toks, i + 1, 1) == ("day",) and opening:
        return None  # "One day, he ..." tells a story, it measures nothing
    rate, used = un.rate_near(toks, s, end, unit_name == "person")
    if used and min(used) == end:  # "2,400 trucks a day": the rate phrase is part of the claim
        end = max(used) + 1
    if inherited and rate is None and ctx is not None:
        rate = ctx[0].rate
    low, high = interval_for(value, hedge)
    a, b = toks[s].start, toks[end - 1].end  # fields in ParsedQuantity's order
    num_span = toks[num.start].start, toks[max(number_end_tok, num.start)].end
    q = ParsedQuantity(
        a, b, text[a:b], value, low, high, hedge, unit_name, unit_text, dim, rate, *num_span
    )
    return q, used, end


def parse_quantities(text: str) -> list[ParsedQuantity]:
    """All quantities in ``text``, in order and non-overlapping."""
    words = quantity_free_words(text)
    if words is not None:  # ``may_contain_quantity`` is False
        # "the third largest city" has no number word (and, as no quantity, no digit)
        return scales_without_digit(text, words)
    toks, lows = nw.tokens_and_lows(text)
    out: list[ParsedQuantity] = []
    consumed: set[int] = set()
    i = floor = 0
    ctx: tuple[ParsedQuantity, int] | None = None
    # Only a token ``may_start_number`` allows can start a quantity: the loop visits those
    # tokens in order, skipping the ones before ``i``, which a found quantity has covered.
    for c in start_candidates(toks, lows):
        if c < i or c in consumed:
            continue
        found = _quantity_at(toks, c, floor, text, ctx)
        if found is None:
            continue
        q, used, end = found
        out.append(q)
        consumed |= used
        # "64 of the 150 seats": 64 seats, and the 150 is a figure of its own.
        inner = next(
            (k for k in range(c + 1, end) if toks[k].is_num and toks[k - 1].low in ("the", "of")),
            None,
        )
        i = floor = inner if inner is not None and toks[c].is_num else end
        ctx = (q, end)
    return with_scales(text, out)


@lru_cache(maxsize=1 << 12)  # asked for every figure's rounding: the same figures recur
def parse_number(text: str) -> float | None:
    """Value of a standalone number expression: "10,000", "2.2 million", "twenty-four", "half"."""
    toks = nw.tokenize(text.strip())
    if not toks:
        return None
    if len(toks) == 1 and toks[0].low == "half":
        return 0.5
    num = _number_at(toks, 0)
    if num is None or num.article:
        return None
    value, e = num.value, num.end
    if nw.lows(toks, e, 3) == ("and", "a", "half"):
        value, e = value + 0.5, e + 3
    if e < len(toks) and toks[e].low in lx.MULTIPLIERS:
        value, e = value * lx.MULTIPLIERS[toks[e].low], e + 1
    return value if e == len(toks) else None


def rounding_of(q: ParsedQuantity, text: str) -> float | None:
    """The rounding step of ``q`` parsed from ``text`` (see ``hedges.rounding_step``)."""
    number_text = text[q.number_start : q.number_end]
    written = parse_number(number_text)
    if written is None:
        return None
    return rounding_step(number_text, written, q.value)
