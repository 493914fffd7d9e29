"""What a quantity measures: an event anchor for durations and content terms for alignment.

Two claims compare only when they measure the same thing. Without a parser we approximate
"the same thing" by the words around the number: event nouns (with synonyms folded, so
"talks", "conversation" and "discussions" are the same meeting), and the content words of the
clause, weighted against the words every quantity in a cluster shares ("migrants").
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Set as AbstractSet
from functools import lru_cache
from operator import itemgetter

import snowballstemmer
from unidecode import unidecode

from factcheck.numbers import ParsedQuantity
from factcheck.rules.literals import Guarded

# Event nouns and the canonical event they denote in news copy.
EVENT_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(
        "meeting meetings talks talk conversation conversations discussion discussions "
        "negotiation negotiations session sessions summit encounter dialogue consultations "
        "gathering".split(),
        "meeting",
    ),
    **dict.fromkeys("briefing press conference news".split(), "briefing"),
    **dict.fromkeys("strike strikes walkout stoppage".split(), "strike"),
    **dict.fromkeys("visit visits trip tour".split(), "visit"),
    **dict.fromkeys("speech address remarks".split(), "speech"),
    **dict.fromkeys("flight journey voyage".split(), "journey"),
    **dict.fromkeys("storm hurricane typhoon cyclone".split(), "storm"),
    **{
        w: w
        for w in (
            "blackout outage shutdown closure lockdown siege standoff protest protests march "
            "rally hearing trial interview ceremony operation search rescue delay wait wildfire "
            "fire flood flooding evacuation war ceasefire truce campaign"
        ).split()
    },
}

STOPWORDS = frozenset(
    """
    a an the and or but of to in on at by for with from as is are was were be been being has
    have had do does did that this these those it its they them their there here he she his her
    we our you your i me my who whom which what when where why how than then so such not no nor
    also more less most least over under about around almost nearly some up down out into onto
    after before during while since until per each every all any both either neither other
    another same own just only very too can could will would shall should may might must
    according said says say told added just still even much many few several
    little approximately roughly estimated least around besides beside however meanwhile
    thus well get gets got getting make makes made take takes took give gives gave put
    still yet now
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million billion half dozen
    hour hours minute minutes day days week weeks month months year years
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    """.split()
)
# A word of two letters or more, or a single ASCII letter: "[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’\-.]*[A-Za-zÀ-ÿ]|
# [A-Za-z]" with its first letter taken out, so that the pattern opens with one character class
# (re skips spaces, digits and marks in C instead of trying both alternatives there).
_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ](?:[A-Za-zÀ-ÿ'’\-.]*[A-Za-zÀ-ÿ]|(?<=[A-Za-z]))")


MAX_TERMS = 12
# Snowball stemmer objects keep per-call state: one per thread (the pipeline runs threads).
_LOCAL = threading.local()


@lru_cache(maxsize=1 << 16)  # the same words recur in every article; stemming is slow
def lemma(word: str) -> str:
    """Snowball stem of the ASCII-folded word: 'evacuation' and 'evacuated' both -> 'evacu'."""
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        stemmer = _LOCAL.stemmer = snowballstemmer.stemmer("english")
    return str(stemmer.stemWord(unidecode(word).lower().strip(".'’-")))


def surface_word(stem: str, texts: list[str]) -> str:
    """A word of the texts whose stem is ``stem`` ('evacu' -> 'evacuated'), for display."""
    for text in texts:
        for m in _WORD_RE.finditer(text):
            if lemma(m.group(0)) == stem:
                return m.group(0).lower()
    return stem


def content_terms(text: str) -> list[str]:
    out = []
    for m in _WORD_RE.finditer(text):
        word = m.group(0)
        if word.lower() in STOPWORDS or len(word) < 3:
            continue
        out.append(lemma(word))
    return out


def events_in(text: str) -> list[tuple[int, str]]:
    found = []
    for m in _WORD_RE.finditer(text):
        canon = EVENT_SYNONYMS.get(m.group(0).lower())
        if canon:
            found.append((m.start(), canon))
    return found


@lru_cache(maxsize=64)  # a duration's sentence is read twice (its terms and its frame)
def _events(text: str) -> tuple[tuple[int, str], ...]:
    return tuple(events_in(text))


def nearest_event(sentence: str, pos: int) -> str | None:
    events = _events(sentence)
    if not events:
        return None
    return min(events, key=lambda e: abs(e[0] - pos))[1]


_PERIOD_RE = re.compile(
    r"(?:\b(?:in|over|during|within|for)\s+(?:the\s+)?(?:past|last|next|previous|coming|first)"
    r"|\bsince|\bfor the first time in|\bago|\bevery|\beach|\bonce|\btwice|\bwithin)\s*$",
    re.IGNORECASE,
)
_SUPERLATIVE_IN_RE = re.compile(
    r"\b(?:\w+est|most|first|worst|highest|lowest|biggest|largest|only)\b[^,;.]*\bin\s*$",
    re.IGNORECASE,
)


def is_period_qualifier(sentence: str, start: int) -> bool:
    """'the largest caravan in more than a year', 'in the past two weeks', 'every 15 minutes':
    a time frame or a frequency for another fact, not the length of an event."""
    before = sentence[:start]
    return bool(_PERIOD_RE.search(before) or _SUPERLATIVE_IN_RE.search(before))


_STRONG_MARK = re.compile(r"[;:—()]")


@lru_cache(maxsize=64)  # the same for every figure of the sentence
def _strong_marks(sentence: str) -> tuple[int, ...]:
    """The offsets of the sentence's strong punctuation, in order (most sentences have none)."""
    return tuple(m.start() for m in _STRONG_MARK.finditer(sentence))


def clause_window(sentence: str, start: int, end: int) -> str:
    """The clause around [start, end) (offsets, not negative): up to the nearest strong
    punctuation on both sides, the last mark before ``start`` and the first at ``end`` or after."""
    marks = _strong_marks(sentence)
    before = bisect_left(marks, start)
    after = bisect_left(marks, end)
    left = marks[before - 1] if before else -1
    right = marks[after] if after < len(marks) else len(sentence)
    return sentence[left + 1 : right]


@lru_cache(maxsize=1 << 16)  # the same words recur in every clause of every article
def _term_of(word: str) -> str | None:
    """The content term of one word of a clause (None for a stop word or a short word)."""
    low = word.lower()
    if low in STOPWORDS or len(word) < 3:
        return None
    # "walkout", "stoppage" and "strike" are one event, whatever the outlet calls it.
    return lemma(EVENT_SYNONYMS.get(low) or word)


@lru_cache(maxsize=64)  # a clause with several figures is read once
def _content_terms(window: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, term) of the clause's content words, in order."""
    out = []
    for m in _WORD_RE.finditer(window):
        term = _term_of(m[0])  # one cache look-up per word: the words recur
        if term is not None:
            start, end = m.span()
            out.append((start, end, term))
    return tuple(out)


def terms_by_distance(
    window: str, start: int, end: int, skip: AbstractSet[str], names: AbstractSet[str] = frozenset()
) -> list[str]:
    """Content terms of the clause, closest to the quantity first (the words that say what is
    counted sit next to the number: "evacuated", "apprehended", "caravan"); none in ``skip``
    or ``names`` (two sets, not their union: the article's names are many, a copy per figure)."""
    scored: dict[str, int] = {}
    for w_start, w_end, term in _content_terms(window):
        if start <= w_start < end or term in skip or term in names:
            continue
        dist = start - w_end if w_end <= start else w_start - end
        best = scored.get(term)
        if best is None or dist < best:
            scored[term] = dist
    # (distance, term) order, by a C key on the items: the terms are distinct, no ties
    return [term for term, _ in sorted(scored.items(), key=_DISTANCE_THEN_TERM)]


_DISTANCE_THEN_TERM = itemgetter(1, 0)


_HEAD_AFTER_RE = re.compile(r"^\s*(?:[a-z]+\s+)?([A-Za-z]+)")


def _adjectival_head(sentence: str, end: int, quantity_text: str) -> str | None:
    """'the 40-minute briefing', 'a 15-minute reading interval': the noun the duration modifies."""
    if "-" not in quantity_text:
        return None
    m = _HEAD_AFTER_RE.match(sentence[end:])
    if not m:
        return None
    # "15-minute reading interval": prefer an event noun among the next two words.
    words = sentence[end:].split()[:2]
    for w in words:
        canon = EVENT_SYNONYMS.get(w.lower().strip(",."))
        if canon:
            return canon
    head = words[-1].lower().strip(",.") if words else ""
    # "a three-hour duration" names no thing; the event is found elsewhere in the sentence.
    return None if not head or head in _GENERIC_HEADS else lemma(head)


_GENERIC_HEADS = frozenset("duration period span length stretch time window spell".split())


def describe_quantity(
    sentence: str,
    q: ParsedQuantity,
    *,
    article_text: str,
    previous: str = "",
    others: tuple[tuple[int, int], ...] = (),
    names: frozenset[str] = frozenset(),
) -> tuple[str, list[str]]:
    """(measured, subject_terms) for the quantity ``q`` parsed from ``sentence``; terms closest
    first."""
    start, end, unit, unit_text, rate = q.start, q.end, q.unit, q.unit_text, q.rate
    dimension = q.dimension.value
    window = clause_window(sentence, start, end)
    offset = max(0, sentence.find(window))
    # Who reported a figure (names, titles) says nothing about what the figure measures.
    skip = {lemma(unit_text), lemma(unit)} if unit_text else {lemma(unit)}
    terms = terms_by_distance(window, start - offset, end - offset, skip, names)[:MAX_TERMS]
    if dimension == "duration":
        event = (
            _adjectival_head(sentence, end, sentence[start:end])
            or nearest_event(sentence, start)
            or nearest_event(previous, len(previous))
        )
        measured = f"{event or 'event'} duration"
        if event:
            terms = [f"event:{event}", *terms]
    else:
        head = terms[0] if terms else unit
        noun = unit_text or unit
        measured = f"{noun} ({head})" if head and head != lemma(noun) else noun
    # A period belongs to this figure only if no other figure stands between them:
    # "2,400 trucks a day, up from roughly 1,900 in September".
    blockers = tuple((a - offset, b - offset) for a, b in others)
    when = nearest_time(window, start - offset, blockers)
    if when:
        terms = [f"time:{when}", *terms]
    if rate:
        measured = f"{measured}, {rate}"
    return measured, terms


# The periods that date a figure: a month, "this year" and the like, or a year. Two scans, not
# one alternation: a clause with a "20" (in "2,000" or "20%") but no month is scanned for years
# only, by a short pattern. The two never overlap (letters and spaces; digits), so together
# they find what the one alternation found (tests/rules/test_literals.py compares them).
_TIME_WORDS_RE = Guarded(
    re.compile(
        r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
        r"december|this year|last year|this month|last month|this week|last week)\b",
        re.IGNORECASE,
    ),
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "this ", "last "),
)  # fmt: skip
# The matches of _TIME_WORDS_RE.pattern, found with fewer attempts: the scan opens with one
# character class, the words' first letters in every case IGNORECASE reads ("ſ" is an "s"), which
# re skips to in C instead of trying eighteen alternatives at every word boundary; "(?<!\w\w)"
# after that letter is the "\b" before it, and a look-behind names the word the letter opens
# (tests/rules/test_literals.py: the same matches).
_TIME_WORDS_SCAN = re.compile(
    r"[jJfFmMaAsSſoOnNdDtTlL](?<!\w\w)(?i:(?<=j)(?:anuary|u(?:ne|ly))|(?<=f)ebruary"
    r"|(?<=m)a(?:rch|y)|(?<=a)(?:pril|ugust)|(?<=s)eptember|(?<=o)ctober|(?<=n)ovember"
    r"|(?<=d)ecember|(?<=t)his (?:year|month|week)|(?<=l)ast (?:year|month|week))\b"
)
_YEAR_RE = Guarded(re.compile(r"\b(?:19|20)\d\d\b"), ("19", "20"))


def _time_matches(window: str) -> list[re.Match[str]]:
    """The matches, in order, of the one alternation of months, periods and years."""
    words = _TIME_WORDS_RE.may_match(window)
    found = list(_TIME_WORDS_SCAN.finditer(window)) if words else []
    if _YEAR_RE.may_match(window):
        found += _YEAR_RE.pattern.finditer(window)
        if words:
            found.sort(key=lambda m: m.start())
    return found


def _aside(window: str, at: int, pos: int) -> bool:
    """Is ``at`` inside a parenthesis that does not hold ``pos``?"""
    opened = window.rfind("(", 0, at)
    if opened < 0 or window.rfind(")", opened, at) >= 0:
        return False
    closed = window.find(")", at)
    return not (opened < pos < (closed if closed >= 0 else len(window)))


def nearest_time(window: str, pos: int, blockers: tuple[tuple[int, int], ...] = ()) -> str | None:
    """The period a figure is about ("in October", "this year"): figures for different periods
    are different facts, however alike their words."""
    best: tuple[int, str] | None = None
    for at, when in _periods(window):
        if _aside(window, at, pos):
            continue  # "fell back to 41 seats (2022: 49)": the year dates the aside's figure
        lo, hi = sorted((pos, at))
        if any(lo < b_start < hi for b_start, _ in blockers):
            continue
        dist = abs(at - pos)
        if best is None or dist < best[0]:
            best = (dist, when)
    return best[1] if best else None


_COMPARED_SINCE = re.compile(r"\b(?:since|until|till|than)\b[^,.;]{0,40}$|\bby\s+(?:\w+\s+)?$")


@lru_cache(maxsize=64)  # asked per figure, twice (its terms and its scope): read once
def _periods(window: str) -> tuple[tuple[int, str], ...]:
    """(offset, lower-cased period) of the periods ``window`` names that can date a figure."""
    out = []
    for m in _time_matches(window):  # most clauses name none: substring tests spare the scans
        if m.group(0) in ("march", "may"):
            continue  # "joined the march", "may rise": months are capitalised
        if _COMPARED_SINCE.search(window[: m.start()]):
            continue  # "the largest since June 2022" dates a comparison, not the figure
        out.append((m.start(), m.group(0).lower()))
    return tuple(out)
