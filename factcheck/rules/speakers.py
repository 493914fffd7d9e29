"""Who is who: name normalisation, alias matching and cross-article canonical speakers.

News copy spells one person many ways ("Andrés Manuel López Obrador", "Lopez Obrador",
"López-Obrador", "@lopezobrador_", "Anthony"/"Antony" Blinken); translation drops accents and
invents typos. Matching is therefore token-based and fuzzy, never on the raw string.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz
from unidecode import unidecode

# Honorifics and role words that may prefix a name but are not part of it.
TITLE_WORDS = frozenset(
    """
    mr mrs ms miss dr prof sir dame lord lady gen general adm admiral col colonel capt captain
    sen senator rep representative gov governor president vice prime minister secretary
    chancellor counselor counsellor ambassador judge justice mayor commissioner director
    chief spokesperson spokesman spokeswoman minister foreign interior defense defence deputy
    former acting head leader king queen prince princess pope rev reverend father sister
    """.split()
)

_HANDLE_RE = re.compile(r"^@?[A-Za-z0-9_]+$")
FUZZY_TOKEN = 85.0


# Words that say what kind of source speaks, not which one ("border patrol officials").
_GENERIC = frozenset("officials sources source authorities agents staff members".split())


_US_RE = re.compile(r"\bu\.?\s?s\.?(?=\s|$)")
_SEPARATOR_RE = re.compile(r"[@_\-‐‑–—.'’`]")
_NOT_ALNUM_RE = re.compile(r"[^a-z0-9 ]")
_UNITED_STATES_RE = re.compile(r"\bunited states( of america)?\b")
# Names repeat all through an article and a cluster, and every comparison normalises both
# sides: pure functions of their strings, memoised (bounded; lru_cache is thread-safe).
_MEMO = 1 << 16


@lru_cache(maxsize=_MEMO)
def normalize_name(name: str) -> str:
    """'López-Obrador' -> 'lopez obrador'; '@lopezobrador_' -> 'lopezobrador'."""
    text = unidecode(name).lower()
    text = _US_RE.sub("us", text)
    text = _SEPARATOR_RE.sub(" ", text)
    text = _NOT_ALNUM_RE.sub(" ", text)
    text = _UNITED_STATES_RE.sub("us", text)
    return " ".join(text.split())


_INSTITUTION_RE = re.compile(
    r"\b(?:office|ministry|palace|house|presidency|government|department|kremlin|street|"
    r"agency|council|commission|embassy|party|committee|administration|authority|authorities|"
    r"service|bureau|secretariat|cabinet|police|army|military|spokes\w+|press\s+office|"
    r"company|corporation|union|association|federation)\b",
    re.IGNORECASE,
)


def is_institution(name: str) -> bool:
    """'the Elysee Palace', 'the Interior Ministry', 'Downing Street': a body, not a person.
    A body speaks for its head (an office's post quotes its minister), so a quote given to a
    body in one article and to a person in another is not a sure conflict."""
    return bool(_INSTITUTION_RE.search(name))


@lru_cache(maxsize=_MEMO)
def _name_tokens(name: str) -> tuple[str, ...]:
    tokens = normalize_name(name).split()
    # Parenthesised nicknames like "(Joe)" survive as tokens; titles do not identify anyone.
    return tuple(t for t in tokens if t not in TITLE_WORDS and t not in _GENERIC)


def name_tokens(name: str) -> list[str]:
    return list(_name_tokens(name))


def is_handle(name: str) -> bool:
    stripped = name.strip()
    if stripped.startswith("@"):
        return True
    # "lopezobrador_" without its @ still reads as a handle; a lone "Antony" does not.
    return " " not in stripped and "_" in stripped and bool(_HANDLE_RE.match(stripped))


def _token_match(a: str, b: str, threshold: float = FUZZY_TOKEN) -> bool:
    if a == b:
        return True
    # Short tokens ("jr", "de") must match exactly; long ones tolerate a typo or a dropped letter.
    if min(len(a), len(b)) < 4:
        return False
    return fuzz.ratio(a, b) >= threshold


def _handle_matches(handle: str, full: str) -> bool:
    compact = normalize_name(handle).replace(" ", "")
    tokens = _name_tokens(full)
    if len(compact) < 4 or not tokens:
        return False
    joined = "".join(tokens)
    # "@lopezobrador_" is a contiguous run of the full name's tokens, usually the surnames.
    for i in range(len(tokens)):
        for j in range(i + 1, len(tokens) + 1):
            run = "".join(tokens[i:j])
            if len(run) >= 4 and fuzz.ratio(run, compact) >= 90:
                return True
    return compact == joined


@lru_cache(maxsize=_MEMO)
def same_entity(a: str, b: str) -> bool:
    """True when two written names can denote the same person or body."""
    if not a or not b:
        return False
    if is_handle(a) and not is_handle(b):
        return _handle_matches(a, b)
    if is_handle(b) and not is_handle(a):
        return _handle_matches(b, a)
    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb:
        return normalize_name(a) == normalize_name(b)
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    # Transliterated middle names drift more ("Icela"/"Aisela") once first and last agree.
    anchored = len(short) >= 3 and short[0] == long_[0] and short[-1] == long_[-1]
    threshold = 70.0 if anchored else FUZZY_TOKEN
    # Every token of the shorter form must appear (fuzzily) in the longer one, in order.
    pos = 0
    for tok in short:
        while pos < len(long_) and not _token_match(tok, long_[pos], threshold):
            pos += 1
        if pos == len(long_):
            return False
        pos += 1
    if len(short) == 1 and len(long_) > 1:
        # A lone first name ("Antony") is too weak; a lone surname ("Blinken") is how news
        # refers to people, so require the single token to match the last or a later token.
        return any(_token_match(short[0], t) for t in long_[1:])
    return True


class KnownNames:
    """Full names found so far in one article, asked "is this a shorter form of one of you?"
    once per name and new entry (the answer only ever turns from no to yes as names are
    added), instead of once per mention and entry."""

    def __init__(self) -> None:
        self._names: dict[str, int] = {}  # name -> its word count, in the order found
        self._order: list[tuple[str, int]] = []
        self._checked: dict[str, int] = {}  # name -> entries checked, all of them "no"
        self._found: set[str] = set()  # names that are a shorter form of an entry

    def add(self, name: str) -> None:
        if name not in self._names:
            self._names[name] = len(name.split())
            self._order.append((name, self._names[name]))

    def has_longer_alias(self, name: str, words: int) -> bool:
        if name in self._found:
            return True
        checked = self._checked.get(name, 0)
        if checked == len(self._order):
            return False  # no entry since the last "no": most asks, as names recur
        if any(n > words and same_entity(name, k) for k, n in self._order[checked:]):
            self._found.add(name)
            return True
        self._checked[name] = len(self._order)
        return False
