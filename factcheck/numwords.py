"""Lexicons and word-level helpers behind ``factcheck.numbers``.

Number words are valued by ``text2num`` (wrapped: it raises on anything it does not know);
this module only decides *which* words form a number and what the words around it mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from factcheck.schemas import Dimension, Hedge


def _w(words: str) -> list[str]:
    return words.split()


def _pairs(spec: str) -> dict[str, str]:
    return dict(item.split(":", 1) for item in spec.split())


UNITS_WORDS = _w(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
TENS_WORDS = _w("twenty thirty forty fifty sixty seventy eighty ninety")
SCALE_WORDS = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
NUMBER_WORDS = frozenset(UNITS_WORDS + TENS_WORDS + list(SCALE_WORDS) + ["dozen"])
# Multipliers written after digits: "2.2 million", "$1.5bn", "300k".
_SHORT_SCALES = {"bn": 1e9, "b": 1e9, "mn": 1e6, "mln": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12}
MULTIPLIERS = {**SCALE_WORDS, **_SHORT_SCALES, "dozen": 12.0, "trn": 1e12}
# Multipliers that only mean "million" next to money ("100m" alone is a length).
MONEY_ONLY_MULTIPLIERS = frozenset({"m", "b", "k"})

HEDGES: dict[str, Hedge] = {}
for _hedge, _phrases in {
    Hedge.APPROXIMATE: "around|about|some|roughly|approximately|approx|an estimated|"
    "estimated|circa|more or less|in the region of|on the order of",
    Hedge.NEARLY: "almost|nearly|just under|close to|just shy of|not quite|a little less than|"
    "slightly less than|a little under|slightly under|just below|just less than",
    Hedge.MORE_THAN: "more than|over|above|upwards of|in excess of|greater than|well over|"
    "well above|more then|exceeding",
    Hedge.SLIGHTLY_MORE: "a little more than|just over|slightly more than|slightly over|"
    "a bit more than|a little over|just above|just more than|slightly above|a little above",
    Hedge.AT_LEAST: "at least|no fewer than|no less than|not less than|a minimum of|not fewer than",
    Hedge.LESS_THAN: "less than|under|fewer than|below|well under|well below",
    Hedge.UP_TO: "up to|at most|no more than|not more than|as many as|a maximum of",
}.items():
    for _phrase in _phrases.split("|"):
        HEDGES[_phrase] = _hedge
MAX_HEDGE_WORDS = max(len(p.split()) for p in HEDGES)

# unit word -> (canonical unit, dimension, factor to canonical)
_D, _L, _M = Dimension.DURATION, Dimension.LENGTH, Dimension.MASS
_HOUR, _DAY = 60.0, 1440.0
TIME_UNITS: dict[str, float] = {"second": 1 / 60, "sec": 1 / 60, "minute": 1.0, "min": 1.0}
TIME_UNITS.update(hour=_HOUR, hr=_HOUR, h=_HOUR, day=_DAY, week=7 * _DAY, fortnight=14 * _DAY)
TIME_UNITS.update(month=30 * _DAY, year=365 * _DAY, decade=3650 * _DAY)
UNITS: dict[str, tuple[str, Dimension, float]] = {
    w: ("minute", _D, f) for w, f in TIME_UNITS.items()
}
# "names: canonical unit: factor" groups for the non-duration units.
_OTHER_UNITS = (
    "metre meter m:metre:1; km kilometre kilometer:metre:1000; cm centimetre centimeter:metre:0.01;"
    " mm:metre:0.001; mile:metre:1609.344; foot feet ft:metre:0.3048; yard:metre:0.9144;"
    " inch:metre:0.0254; kg kilo kilogram kilogramme:kg:1; gram gramme g:kg:0.001;"
    " tonne ton:kg:1000; lb pound:kg:0.45359237; percent pct %:percent:1"
)
for _group in _OTHER_UNITS.split(";"):
    _names, _unit, _factor = _group.split(":")
    _dim = {"metre": _L, "kg": _M, "percent": Dimension.PERCENT}[_unit]
    for _name in _names.split():
        UNITS[_name] = (_unit, _dim, float(_factor))
# Units that are only units when glued to digits ("10m", "5g"), never as free words.
GLUED_ONLY_UNITS = frozenset({"m", "g", "h"})

CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
CURRENCY_CODES = frozenset(
    _w("USD EUR GBP MXN JPY CNY CAD AUD CHF INR BRL ARS COP GTQ HNL RUB TRY ZAR")
)
CURRENCY_WORDS = _pairs(
    "dollar:USD euro:EUR peso:MXN yen:JPY yuan:CNY rupee:INR real:BRL sterling:GBP"
    " quetzal:GTQ lempira:HNL ruble:RUB rouble:RUB lira:TRY"
)
# "US dollars", "Canadian dollars": a country adjective before the currency noun.
CURRENCY_ADJ = {"us": "USD", "u.s.": "USD", "american": "USD", "canadian": "CAD"}

RATES = _pairs(
    "daily:daily weekly:weekly monthly:monthly yearly:yearly annually:yearly annual:yearly"
    " hourly:hourly nightly:daily"
)
RATE_PERIODS = _pairs(
    "day:daily week:weekly month:monthly year:yearly annum:yearly hour:hourly night:daily"
)
RATE_DETERMINERS = frozenset({"a", "an", "per", "each", "every"})
# "a day" after these is a span of time, not a rate: "after a day", "in a day", "twice a day".
NOT_RATE_BEFORE = frozenset(_w("after in for within than over under about around by of once"))
# Words that end the look-ahead for a rate: the clause has moved on to something else.
CLAUSE_BREAK = frozenset(_w(", and but or while which who whom whose that when where"))
# "seven dead", "23 injured": the counted people are left implicit.
CASUALTY = frozenset(
    _w("dead killed injured wounded missing hurt displaced evacuated arrested detained rescued")
)
CASUALTY_VERBS = frozenset(_w("killing kills killed kill injuring injures injured wounding"))
# "a crew of five", "a caravan of some 7,000": a collective of people before a bare number.
COLLECTIVES = frozenset(_w("crew team group caravan delegation contingent crowd squad party mob"))
# "a third of", "two-thirds of": proportions, in percent.
FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}
SPEEDS = {"km/h": 1.0, "kph": 1.0, "kmh": 1.0, "mph": 1.609344}

_HUMANS = """person people migrant refugee resident worker protester protestor official secretary
    soldier child kid man woman minister immigrant emigrant seeker civilian victim student
    employee member adult citizen voter patient passenger officer agent troop delegate
    journalist reporter lawmaker senator legislator politician leader participant attendee
    volunteer tourist visitor inhabitant individual traveler traveller farmer teacher nurse
    doctor detainee prisoner hostage casualty deportee asylee national foreigner guard
    diplomat ambassador representative envoy staffer staff personnel police policeman
    policewoman militant fighter rebel demonstrator marcher youngster teenager minor infant
    baby girl boy adolescent pupil survivor evacuee displaced crew crewmember sailor marine
    pilot driver deputy congressman congresswoman governor mayor president advisor adviser
    expert analyst scientist researcher physician surgeon lawyer judge juror candidate miner
    firefighter rescuer paramedic medic villager laborer labourer engineer technician commuter
    shopper spectator fan athlete player customer consumer user subscriber shareholder retiree
    pensioner veteran inmate suspect gunman attacker victim homeowner tenant applicant recruit
    trainee apprentice intern mechanic electrician caregiver striker picketer negotiator
    spokesperson spokesman spokeswoman colleague friend relative neighbour neighbor worshipper
    docker dockworker longshoreman stevedore operator clerk cleaner cook waiter unionist"""
HUMAN_NOUNS = frozenset(_w(_HUMANS))
IRREGULAR_SINGULAR = _pairs(
    "people:people men:man women:woman children:child feet:feet teeth:tooth mice:mouse"
    " geese:goose police:police personnel:personnel staff:staff series:series species:species"
    " news:news lives:life wives:wife knives:knife thieves:thief halves:half data:data"
    " criteria:criterion crises:crisis analyses:analysis bases:base buses:bus crew:crew"
)

MONTHS = frozenset(
    _w("""january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""")
)
WEEKDAYS = frozenset(_w("monday tuesday wednesday thursday friday saturday sunday"))
# A year-like number after these words is a year: "in 2024", "since June 2022".
YEAR_CONTEXT = frozenset(
    _w("""in since by until till from through during of before after early late mid year
    the this that between circa summer winter spring fall autumn fiscal""")
)
# "the two countries", "their two nations": a definite determiner before a small number word.
DEFINITE_DETERMINERS = frozenset(_w("the their these those our its his her your my both all whose"))
STOPWORDS = frozenset(
    _w("""a an the and or but nor of to in on at by for from with without within into onto upon
    as than then that this these those there here which who whom whose what when where why
    how is are was were be been being am have has had having do does did will would shall
    should can could may might must not no nor so too very also just only even still yet
    about over under above below between among through during before after since until
    while if because though although whether he she it they we you i me him her us them
    his its their our your my ours theirs yours one another other others each every
    any some all both either neither such same more most less least many much few several
    per via ago later earlier again out up down off away back said says say told according
    times time percent per cent who's it's that's""")
)
# Adjective-ish suffixes: a word with one of these is not taken as a singular counted noun.
ADJ_SUFFIXES = ("ly", "ed", "al", "ic", "ous", "ive", "ful", "able", "ible", "ian", "ish", "ing")
# Capitalised words that may stand right before a number without naming it ("Exactly 5 ...").
NUMBER_PRECEDERS = frozenset(
    _w("exactly precisely only another yesterday today overall altogether total roughly nearly")
)
_SUPER = "biggest largest highest lowest worst best longest shortest deadliest strongest heaviest"
SUPERLATIVES = frozenset(_w(_SUPER + " greatest fastest busiest warmest coldest hottest first"))
RELATIVE_TIME = frozenset({"ago", "earlier", "later", "after", "before", "prior", "since"})
FREQUENCY = frozenset({"once", "twice", "thrice", "times"})
TIME_OF_DAY = frozenset({"am", "pm", "o'clock", "o’clock", "gmt", "utc"})


def singular(word: str) -> str:
    """Singular lower-case lemma of an English noun (small rules: avoids a dependency)."""
    w = word.lower()
    if w in IRREGULAR_SINGULAR:
        return IRREGULAR_SINGULAR[w]
    if len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "zzes", "sses", "oes")):
        return w[:-2]
    return w[:-1]


def looks_plural(word: str) -> bool:
    w = word.lower()
    if w in IRREGULAR_SINGULAR:
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
_GLUED_SUFFIXES = frozenset(MULTIPLIERS) | frozenset(UNITS) | frozenset(GLUED_ALIASES)
SYMBOL_PREFIX = {"US": "USD", "MX": "MXN", "C": "CAD", "CA": "CAD", "A": "AUD", "AU": "AUD"}
SENTENCE_END = frozenset(".!?;")
HEDGE_WORDS = frozenset(w for p in HEDGES for w in p.split())


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
    if not chunk or chunk.lower() in SPEEDS:
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
    if t.text in CURRENCY_SYMBOLS or t.text in CURRENCY_CODES:
        return CURRENCY_SYMBOLS.get(t.text, t.text), i + 1
    if (
        t.text in SYMBOL_PREFIX
        and nxt is not None
        and nxt.text in CURRENCY_SYMBOLS
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
    try:
        return float(s)
    except ValueError:
        return None


def time_unit(tok: Tok | None) -> bool:
    return tok is not None and singular(tok.low) in TIME_UNITS and not tok.blocked


def is_month(tok: Tok) -> bool:
    # "may"/"march" are months only when capitalised.
    return tok.low in MONTHS and (tok.text[0].isupper() or tok.low not in ("may", "march"))


def lows(toks: list[Tok], k: int, size: int) -> tuple[str, ...]:
    return tuple(t.low for t in toks[k : k + size])


def rate_near(toks: list[Tok], start: int, end: int, person: bool) -> tuple[str | None, set[int]]:
    """A rate phrase and its token indices: inside the phrase ("9,000 daily crossings", not for
    people: "4,200 hourly workers"), after it ("a day", "apprehended daily") or before "of"."""
    for k in range(start, end if not person else start):
        if toks[k].low in RATES:
            return RATES[toks[k].low], {k}
    k = end
    while k < len(toks) and k - end < 6:
        t = toks[k]
        if t.text in SENTENCE_END or t.low in CLAUSE_BREAK or (t.nl_before and k > end) or t.is_num:
            break
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        adverb = nxt is None or not nxt.is_word or nxt.low in STOPWORDS  # not "weekly flows"
        if t.low in RATES and (adverb or k == end):
            return RATES[t.low], {k}
        period = singular(nxt.low) if nxt is not None else ""
        later = lows(toks, k + 2, 1)[:1] in (("later",), ("after",), ("ago",))
        free = t.low[0] != "a" or k == end or toks[k - 1].low not in NOT_RATE_BEFORE
        if t.low in RATE_DETERMINERS and period in RATE_PERIODS and free and not later:
            return RATE_PERIODS[period], {k, k + 1}
        k += 1
    if start > 0 and toks[start - 1].low == "of":  # "a daily average of 9,000"
        for k in range(max(0, start - 3), start - 1):
            if toks[k].low in RATES:
                return RATES[toks[k].low], {k}
    return None, set()


def hedge_before(toks: list[Tok], s: int, floor: int) -> tuple[Hedge, int]:
    for size in range(MAX_HEDGE_WORDS, 0, -1):
        a = s - size
        seg = toks[a:s] if a >= floor else []
        if seg and all(t.is_word and not t.blocked for t in seg):
            hedge = HEDGES.get(" ".join(t.low for t in seg))
            if hedge is not None:
                return hedge, a
    return Hedge.EXACT, s


_NOT_NOUNS = STOPWORDS | MONTHS | WEEKDAYS | RELATIVE_TIME | NUMBER_WORDS | frozenset(MULTIPLIERS)
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
            head = looks_plural(t.text) and low not in RATES
        else:
            ends = nxt is None or not nxt.is_word or nxt.low in STOPWORDS
            known = low in HUMAN_NOUNS or low in UNITS
            head = known or (ends and not low.endswith(ADJ_SUFFIXES))
        if head:
            lemma = singular(t.text)
            if lemma in UNITS and lemma not in GLUED_ONLY_UNITS:
                unit, dim, factor = UNITS[lemma]
                return unit, dim, factor, t.text, k + 1
            unit = "person" if lemma in HUMAN_NOUNS or low in HUMAN_NOUNS else lemma
            return unit, Dimension.COUNT, 1.0, t.text, k + 1
        k += 1
    return None
