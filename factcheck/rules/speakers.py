"""Who is who: name normalisation, alias matching and cross-article canonical speakers.

News copy spells one person many ways ("Andrés Manuel López Obrador", "Lopez Obrador",
"López-Obrador", "@lopezobrador_", "Anthony"/"Antony" Blinken); translation drops accents and
invents typos. Matching is therefore token-based and fuzzy, never on the raw string.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process
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


_NOT_NAME = TITLE_WORDS | _GENERIC
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
    if name.isalpha() and name.isascii():
        # One word of ASCII letters (most capitalised words asked about): unidecode keeps it,
        # no separator or other character to replace, and "us" is the only word the U.S.
        # patterns change (into itself).
        return name.lower()
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
    return tuple([t for t in tokens if t not in _NOT_NAME])


def name_tokens(name: str) -> list[str]:
    return list(_name_tokens(name))


@lru_cache(maxsize=_MEMO)
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


# Fuzzy candidates are looked up a hair below the threshold ``_token_match`` applies, so that no
# rounding in the batch scorer can drop one; ``same_entity`` then decides exactly.
_CUTOFF = FUZZY_TOKEN - 0.5
_MIN_FUZZY = 4  # shorter tokens match only exactly (see ``_token_match``)


class AliasIndex:
    """Names (in the order added) filed by what ``same_entity`` needs, so that a name is
    compared with its candidates instead of with every name. Two names that are neither a
    handle match only when they share a token, exactly or both of 4+ characters within the
    fuzzy threshold (the first token of the shorter form must match a token of the longer: at
    the threshold, or exactly when anchored), or, without tokens (titles only), when their
    normal forms are equal (a name with tokens never has the normal form of one without). A
    handle is compared with runs of a name's tokens, which no key gives: a handle asks every
    name, and every name asks the handles. Fuzzy tokens are found by rapidfuzz's batch scorer
    (in C), each pair of tokens scored once (``_near`` keeps how far each token has read)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self._by_key: dict[str, list[int]] = {}  # token or normal form -> positions holding it
        self._long: list[str] = []  # the tokens of 4+ characters, in the order seen
        self._near: dict[str, tuple[int, list[str]]] = {}  # token -> (_long read, close ones)
        self._handles: list[int] = []

    def add(self, name: str) -> None:
        at = len(self.names)
        self.names.append(name)
        handle, tokens = _keys(name)
        if handle:
            self._handles.append(at)
            return  # never a candidate by its keys: every name asks the handles
        for key in tokens:
            holding = self._by_key.get(key)
            if holding is None:
                self._by_key[key] = [at]
                if len(key) >= _MIN_FUZZY and key[0] != " ":
                    self._long.append(key)
            elif holding[-1] != at:
                holding.append(at)

    def candidates(self, name: str, since: int = 0) -> list[int]:
        """The positions from ``since`` on of the names ``same_entity`` may accept with
        ``name`` (either way round), ascending: a superset of those it accepts."""
        handle, keys = _keys(name)
        if handle:
            return list(range(since, len(self.names)))
        found = set(self._handles)
        by_key, near, known = self._by_key, self._near, self._long
        for key in keys:
            holding = by_key.get(key)
            if holding is not None:
                found.update(holding)
            if len(key) < _MIN_FUZZY or key[0] == " ":
                continue
            read, close = near.get(key, _NOTHING_READ)
            if read < len(known):
                close = [*close, *_similar(key, tuple(known[read:]))]
                near[key] = (len(known), close)
            for similar in close:
                found.update(by_key[similar])
        return sorted([i for i in found if i >= since]) if found else []


_NOTHING_READ: tuple[int, list[str]] = (0, [])


@lru_cache(maxsize=_MEMO)  # articles of a story share names, and ask in the same order
def _similar(token: str, tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The ``tokens`` within (a hair below) the fuzzy threshold of ``token``: scored one by one
    when they are few (a call of the batch scorer costs about three plain ones)."""
    if len(tokens) <= 3:
        return tuple([other for other in tokens if fuzz.ratio(token, other) >= _CUTOFF])
    found = process.extract(token, tokens, scorer=fuzz.ratio, score_cutoff=_CUTOFF, limit=None)
    return tuple([other for other, _score, _ in found])


@lru_cache(maxsize=_MEMO)
def _keys(name: str) -> tuple[bool, tuple[str, ...]]:
    """(whether ``name`` is a handle, its keys in ``AliasIndex``: its tokens, else its normal
    form after a space, which no token holds)."""
    tokens = _name_tokens(name)
    return is_handle(name), tokens or (" " + normalize_name(name),)


class KnownNames:
    """Full names found so far in one article, asked "is this a shorter form of one of you?"
    once per name and new entry (the answer only ever turns from no to yes as names are
    added), instead of once per mention and entry. Up to ``_FEW`` new entries are compared one
    by one (``same_entity`` is memoised across articles: cheaper than asking an index); with
    more, only those the index offers (``same_entity`` holds for no other), the index filled
    up when asked."""

    def __init__(self) -> None:
        self._names: list[str] = []  # the entries, in the order found
        self._words: list[int] = []  # each entry's word count
        self._entries: set[str] = set()
        self._index = AliasIndex()  # the first entries: filled up when asked
        self._checked: dict[str, int] = {}  # name -> entries checked, all of them "no"
        self._found: set[str] = set()  # names that are a shorter form of an entry

    def add(self, name: str) -> None:
        if name not in self._entries:
            self._entries.add(name)
            self._names.append(name)
            self._words.append(len(name.split()))

    def index(self) -> AliasIndex:
        """The index of every entry."""
        for entry in self._names[len(self._index.names) :]:
            self._index.add(entry)
        return self._index

    def has_longer_alias(self, name: str, words: int) -> bool:
        if name in self._found:
            return True
        checked, known = self._checked.get(name, 0), len(self._names)
        if checked == known:
            return False  # no entry since the last "no": most asks, as names recur
        offered: Sequence[int] = range(checked, known)
        if known - checked > _FEW:
            offered = self.index().candidates(name, checked)
        if any(self._words[i] > words and same_entity(name, self._names[i]) for i in offered):
            self._found.add(name)
            return True
        self._checked[name] = known
        return False


# Up to this many new entries, comparing each costs less than asking the index (counted).
_FEW = 2
