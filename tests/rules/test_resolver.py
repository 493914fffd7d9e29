"""The indexed resolver builds the groups and canonical names the plain one does: the plain
one (below) compares each new name with every known name; the indexed one only with the
candidates its token index gives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st
from unidecode import unidecode

from factcheck.rules.resolver import EntityResolver, same_entity_pairs
from factcheck.rules.speakers import is_handle, name_tokens, same_entity


class PlainResolver:
    """The resolver before the index: every new name against every group."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._groups: list[list[str]] = []
        self._counts: Counter[str] = Counter()
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            return
        self._counts[name] += 1
        matches = [g for g in self._groups if any(same_entity(name, other) for other in g)]
        if not matches:
            self._groups.append([name])
            return
        first = matches[0]
        if name not in first:
            first.append(name)
        for other in matches[1:]:
            if all(same_entity(x, y) for x in first for y in other):
                first.extend(n for n in other if n not in first)
                self._groups.remove(other)

    def canonical(self, name: str | None) -> str | None:
        if name is None or not name.strip():
            return None
        name = " ".join(name.split())
        for group in self._groups:
            if name in group:
                return self._best(group)
        for group in self._groups:
            if any(same_entity(name, other) for other in group):
                return self._best(group)
        return name

    def _best(self, group: list[str]) -> str:
        def score(n: str) -> tuple[int, int, int, int]:
            tokens = name_tokens(n)
            accented = int(unidecode(n) != n)
            return (int(not is_handle(n)), len(tokens), accented, self._counts[n])

        return max(group, key=score)


# Pieces that make aliases, typos, shared surnames, handles, titles and names of titles only.
FIRST = ["Andrés", "Andres", "Antony", "Anthony", "Maria", "María", "Jo", "Ana", "Li"]
LAST = ["López Obrador", "Lopez", "Lopes", "Obrador", "Blinken", "Blinkn", "Rodríguez",
        "Rodriguez", "Wu", "Ng", "Smith", "Smyth", "Okafor"]  # fmt: skip
EXTRA = ["President", "Secretary", "the", "Dr.", "@lopezobrador_", "@SecBlinken", "officials",
         "Manuel", "(Joe)", "U.S.", "Ministry", "Foreign Minister"]  # fmt: skip
PIECE = st.sampled_from(FIRST + LAST + EXTRA)
NAME = st.lists(PIECE, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAME, max_size=14), st.lists(NAME, max_size=6))
def test_same_groups_and_canonical_names_as_comparing_every_pair(
    added: list[str], asked: list[str]
) -> None:
    plain, indexed = PlainResolver(added), EntityResolver(added)
    assert indexed.groups == plain._groups
    for name in [*added, *asked, "", "  "]:
        assert indexed.canonical(name) == plain.canonical(name), name


def test_a_typo_in_a_surname_still_finds_its_group() -> None:
    resolver = EntityResolver(["Antony Blinken", "Wu", "Secretary Blinkn"])
    assert resolver.canonical("Blinkn") == "Antony Blinken"
    assert resolver.canonical("@SecBlinken") == PlainResolver(
        ["Antony Blinken", "Wu", "Secretary Blinkn"]
    ).canonical("@SecBlinken")


@settings(max_examples=300, deadline=None)
@given(st.lists(NAME, max_size=16))
def test_same_entity_pairs_are_the_pairs_comparing_every_pair_finds(names: list[str]) -> None:
    every = [(i, j) for j in range(len(names)) for i in range(j) if same_entity(names[i], names[j])]
    assert same_entity_pairs(names) == sorted(every)
