"""One canonical name per person or body across a cluster, without comparing every pair.

``same_entity`` decides whether two written names can denote the same one. Asking it of every
known name for each new one made a 10,000-article corpus spend most of its alignment there
(4,000 speakers: 8 million comparisons). A name can only match a known one that shares a token
with it, exactly or within the fuzzy threshold (``same_entity`` requires that: the lone surname
must match a later token, every token of the shorter form one of the longer, the anchored form
its first and last exactly), that has the same normal form (names made only of titles), or
where one of them is a handle. So the known names are indexed by those keys, candidates come
from the index (fuzzy tokens through rapidfuzz's batch scorer, in C), and ``same_entity``
still decides every candidate: the groups are the ones the plain all-pairs resolver builds
(tests/rules/test_resolver.py runs both on generated names).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process
from unidecode import unidecode

from factcheck.rules.speakers import (
    FUZZY_TOKEN,
    is_handle,
    name_tokens,
    normalize_name,
    same_entity,
)

__all__ = ["EntityResolver", "NameIndex", "same_entity_pairs"]

# Fuzzy candidates are looked up a hair below the threshold ``same_entity`` applies, so that no
# rounding in the batch scorer can drop one; ``same_entity`` then decides exactly.
_CUTOFF = FUZZY_TOKEN - 0.5
_MIN_FUZZY = 4  # shorter tokens match only exactly (see speakers._token_match)


class NameIndex:
    """Names filed under keys (ints) by what a ``same_entity`` match needs: their tokens
    (exact, and fuzzily through rapidfuzz's batch scorer), their normal form, being a handle.
    ``candidates(name)`` is a superset of the keys of the names ``same_entity`` can accept."""

    def __init__(self) -> None:
        self._by_token: dict[str, set[int]] = {}
        self._by_normal: dict[str, set[int]] = {}
        self._handles: set[int] = set()
        self._long_tokens: list[str] = []  # tokens a fuzzy match may find, in order seen
        self._known_long: set[str] = set()

    def add(self, name: str, key: int) -> None:
        self._by_normal.setdefault(normalize_name(name), set()).add(key)
        if is_handle(name):
            self._handles.add(key)
        for token in name_tokens(name):
            self._by_token.setdefault(token, set()).add(key)
            if len(token) >= _MIN_FUZZY and token not in self._known_long:
                self._known_long.add(token)
                self._long_tokens.append(token)

    def candidates(self, name: str) -> set[int] | None:
        """The keys of the names ``name`` may match; None: any (a handle is compared with
        runs of a name's tokens, which no key gives)."""
        if is_handle(name):
            return None
        keys = set(self._handles)
        keys |= self._by_normal.get(normalize_name(name), set())
        for token in name_tokens(name):
            keys |= self._by_token.get(token, set())
            if len(token) >= _MIN_FUZZY and self._long_tokens:
                for similar, _score, _ in process.extract(
                    token, self._long_tokens, scorer=fuzz.ratio, score_cutoff=_CUTOFF, limit=None
                ):
                    keys |= self._by_token[similar]
        return keys


def same_entity_pairs(names: Sequence[str]) -> list[tuple[int, int]]:
    """Every (i, j), i < j, with ``same_entity(names[i], names[j])``: what comparing every pair
    finds, comparing only the candidates of an index."""
    index = NameIndex()
    pairs: list[tuple[int, int]] = []
    for j, name in enumerate(names):
        found = index.candidates(name)
        earlier = range(j) if found is None else sorted(found)
        pairs.extend((i, j) for i in earlier if same_entity(names[i], name))
        index.add(name, j)
    return sorted(pairs)


class EntityResolver:
    """Groups the written names of one cluster into entities and picks a canonical form."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._groups: list[list[str]] = []
        self._counts: Counter[str] = Counter()
        # Groups by number, numbered in order of creation (their order in ``_groups``: a merge
        # keeps the first group's place). Numbers are never reused: a retired group's index
        # entries are stale and skipped, never taken for a new group's.
        self._by_id: dict[int, list[str]] = {}  # the live groups
        self._id_of: dict[int, int] = {}  # id() of a live group's list -> its number
        self._index = NameIndex()  # names by group number
        self._members: dict[str, set[int]] = {}  # written name -> groups holding it
        self._next = 0
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            return
        self._counts[name] += 1
        matches = [g for g in self._candidates(name) if any(same_entity(name, o) for o in g)]
        if not matches:
            group = [name]
            self._groups.append(group)
            self._by_id[self._next] = group
            self._id_of[id(group)] = self._next
            self._next += 1
            self._file(name, group)
            return
        # A name linking two groups merges them only when the groups agree with each other;
        # otherwise ("Rodríguez" between two Rodríguezes) it stays ambiguous in the first.
        first = matches[0]
        if name not in first:
            first.append(name)
            self._file(name, first)
        for other in matches[1:]:
            if all(same_entity(x, y) for x in first for y in other):
                for n in other:
                    if n not in first:
                        first.append(n)
                        self._file(n, first)
                self._groups.remove(other)
                del self._by_id[self._id_of.pop(id(other))]

    def canonical(self, name: str | None) -> str | None:
        if name is None or not name.strip():
            return None
        name = " ".join(name.split())
        holding = self._live(self._members.get(name, ()))
        if holding:
            return self._best(holding[0])
        for group in self._candidates(name):
            if any(same_entity(name, other) for other in group):
                return self._best(group)
        return name

    def _file(self, name: str, group: list[str]) -> None:
        gid = self._id_of[id(group)]
        self._members.setdefault(name, set()).add(gid)
        self._index.add(name, gid)

    def _candidates(self, name: str) -> list[list[str]]:
        """The live groups ``name`` may match, in the groups' order (a superset of those where
        ``same_entity`` holds for some member)."""
        found = self._index.candidates(name)
        return list(self._groups) if found is None else self._live(found)

    def _live(self, ids: Iterable[int]) -> list[list[str]]:
        return [self._by_id[i] for i in sorted(ids) if i in self._by_id]

    def _best(self, group: list[str]) -> str:
        def score(n: str) -> tuple[int, int, int, int]:
            tokens = name_tokens(n)
            accented = int(unidecode(n) != n)
            return (int(not is_handle(n)), len(tokens), accented, self._counts[n])

        return max(group, key=score)

    @property
    def groups(self) -> list[list[str]]:
        return [list(g) for g in self._groups]
