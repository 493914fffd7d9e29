from __future__ import annotations

import pytest

from factcheck.rules.resolver import EntityResolver
from factcheck.rules.speakers import normalize_name, same_entity

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
