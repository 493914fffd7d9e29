from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from unidecode import unidecode

from factcheck.rules import speakers
from factcheck.rules.mentions import Mention, People
from factcheck.rules.resolver import EntityResolver
from factcheck.rules.speakers import AliasIndex, KnownNames, normalize_name, same_entity

AMLO = "Andrés Manuel López Obrador"


@pytest.mark.parametrize(
    "alias",
    [
        "Lopez Obrador",
        "López-Obrador",
        "@lopezobrador_",
        "Andres Manuel Lopez Obrador",
        "López Obrador",
    ],
)
def test_lopez_obrador_aliases(alias: str) -> None:
    assert same_entity(alias, AMLO)
    assert same_entity(AMLO, alias)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Alicia Bárcena", "Barcena"),
        ("Antony Blinken", "Anthony Blinken"),
        ("Blinken", "Anthony Blinken"),
        ("Elizabeth Sherwood-Randall", "Elizabeth Sherwood Randall"),
        ("Rosa Icela Rodríguez", "Rosa Aisela Rodríguez"),
    ],
)
def test_spelling_variants_match(a: str, b: str) -> None:
    assert same_entity(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Alicia Bárcena", "Antony Blinken"),
        ("Luis Rodríguez", "Rosa Icela Rodríguez"),
        ("Antony", "Antony Blinken"),  # a lone first name is too weak
        ("@POTUS", "Joe Biden"),
        ("Alejandro Mayorkas", "Alejandro Encinas"),
    ],
)
def test_different_people_do_not_match(a: str, b: str) -> None:
    assert not same_entity(a, b)


def test_normalize_name() -> None:
    assert normalize_name("López-Obrador") == "lopez obrador"
    assert normalize_name("@lopezobrador_") == "lopezobrador"


def test_resolver_picks_the_fullest_accented_form() -> None:
    resolver = EntityResolver(["Lopez Obrador", AMLO, "Andres Manuel Lopez Obrador", "Barcena"])
    resolver.add("Alicia Bárcena")
    assert resolver.canonical("@lopezobrador_") == AMLO
    assert resolver.canonical("López-Obrador") == AMLO
    assert resolver.canonical("Barcena") == "Alicia Bárcena"
    assert resolver.canonical("Somebody Else") == "Somebody Else"
    assert resolver.canonical(None) is None


@given(st.text(alphabet="abcdeiosuzUSABZ", min_size=1, max_size=12))
def test_normalize_name_of_one_ascii_word_is_the_full_normalisation(word: str) -> None:
    text = unidecode(word).lower()
    text = speakers._US_RE.sub("us", text)
    text = speakers._SEPARATOR_RE.sub(" ", text)
    text = speakers._NOT_ALNUM_RE.sub(" ", text)
    text = speakers._UNITED_STATES_RE.sub("us", text)
    assert normalize_name(word) == " ".join(text.split())


# Pieces that make aliases, typos (fuzzy tokens), short tokens, handles and titles only.
_PIECES = ["Antony", "Anthony", "Blinken", "Blinkin", "Blinkn", "Anastasiades", "Anastasiadis",
           "Nicos", "López-Obrador", "Lopez", "Obrador", "Wu", "Ng", "Li", "Rosa", "Icela",
           "Aisela", "Rodríguez", "President", "Minister", "officials", "U.S.", "(Joe)",
           "@SecBlinken", "lopez_obrador", "@lopezobrador_", "Sherwood-Randall", "Randall"]  # fmt: skip
_NAME = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAME, max_size=12), st.lists(_NAME, min_size=1, max_size=6))
def test_alias_index_offers_every_name_same_entity_accepts(
    added: list[str], asked: list[str]
) -> None:
    index = AliasIndex()
    for name in added:
        index.add(name)
    for name in [*asked, *added]:
        for since in (0, len(added) // 2):
            offered = index.candidates(name, since)
            assert offered == sorted(set(offered))
            accepted = [
                i
                for i in range(since, len(added))
                if same_entity(name, added[i]) or same_entity(added[i], name)
            ]
            assert set(accepted) <= set(offered), (name, added)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.booleans(), _NAME), max_size=24))
def test_known_names_answer_as_comparing_every_entry(steps: list[tuple[bool, str]]) -> None:
    known, entries = KnownNames(), list[str]()
    for adding, name in steps:
        # A name is always asked with the same word count (find_people's is its own).
        words = len(name.split()) - 1 if "Wu" in name else len(name.split())
        if adding:
            known.add(name)
            entries.append(name)
        else:
            every = any(len(k.split()) > words and same_entity(name, k) for k in entries)
            assert known.has_longer_alias(name, words) == every


@settings(max_examples=200, deadline=None)
@given(st.lists(_NAME, max_size=14), st.lists(_NAME, min_size=1, max_size=4))
def test_people_offer_every_written_name_same_entity_accepts(
    written: list[str], asked: list[str]
) -> None:
    people = People(names=[Mention(i, i + 1, name, "name") for i, name in enumerate(written)])
    for name in [*asked, *written]:
        offered = people.may_be(name)
        for text in people.distinct_names():
            if same_entity(name, text) or same_entity(text, name):
                assert text in offered, (name, text)
