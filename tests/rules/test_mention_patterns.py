"""The article-wide mention patterns are spelled for speed (one character class first); they
must find exactly what the plain spelling finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.rules import mentions, references

ROOT = Path(__file__).resolve().parents[2]

PLAIN_ROLE = re.compile(
    rf"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+((?:{mentions.ROLE_MODIFIER}\s+){{0,3}}?"
    rf"(?i:{mentions.ROLE_NOUNS}))\b"
)
PLAIN_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b")
PLAIN_RUN = re.compile(
    rf"(?:\((?:{mentions._CAP})\)|{mentions._CAP}|[A-Z]\.)"
    rf"(?:[ \t]+(?:\((?:{mentions._CAP})\)|{mentions._CAP}|[A-Z]\.|{mentions._CONNECT}"
    r"(?=[ \t]+[A-ZÁÉÍÓÚ])))*"
)
PAIRS = (
    (references._ROLE_MENTION_RE, PLAIN_ROLE),
    (references._PRONOUN_RE, PLAIN_PRONOUN),
    (mentions._RUN_RE, PLAIN_RUN),
)
PIECES = (
    "the their his her The Their His Her he she they He She They Hthe othe sHe 1he _the théir "
    "Thee heir hey minister Minister MINISTER foreign Foreign new former president head chief "
    "of state secretary ( ) (Ana) (ana (Ana J. J.Doe Á Émile de la Smith O'Neil \t x "
    "Thelma Thea Theirs They they's She's sheer Hers Herald History hey shey"
).split()


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _scanned(text: str) -> list[list[tuple[tuple[int, int], tuple[str, ...]]]]:
    """What role_mentions and pronoun_mentions find, as ``_found`` gives the plain patterns'
    (they scan from each "h" and from "H" instead: tests below compare them)."""
    roles = [((m.start, m.end), (m.role,)) for m in references.role_mentions(text)]
    pronouns = [((m.start, m.end), ()) for m in references.pronoun_mentions(text)]
    assert all(text[m.start : m.end] == m.text for m in references.role_mentions(text))
    return [roles, pronouns]


def _plain(text: str) -> list[list[tuple[tuple[int, int], tuple[str, ...]]]]:
    return [_found(PLAIN_ROLE, text), _found(PLAIN_PRONOUN, text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10), st.sampled_from([" ", "", "\n", "-", "."]))
def test_same_matches_as_the_plain_spelling_on_generated_text(words: list[str], sep: str) -> None:
    text = sep.join(words)
    for fast, plain in PAIRS:
        assert _found(fast, text) == _found(plain, text), text
    assert _scanned(text) == _plain(text), text


@pytest.mark.parametrize(
    "text",
    [
        "His Thelma the The minister",  # overlapping finds of the two scans: the plain scan
        "the His minister",
        "Her The President. The Her president, his The Their envoy.",
        "He, she and they; She, They. Hey, shey, the theyre sheriff",
    ],
)
def test_the_two_scans_find_what_the_plain_spelling_finds(text: str) -> None:
    assert _scanned(text) == _plain(text)


def test_same_matches_as_the_plain_spelling_on_the_eval_articles() -> None:
    paths = sorted((ROOT / "evals").glob("v*/clusters/*/*.txt"))
    assert paths
    hits = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for fast, plain in PAIRS:
            found = _found(fast, text)
            assert found == _found(plain, text), path
            hits += len(found)
        assert _scanned(text) == _plain(text), path
    assert hits > 100


ROLE_PIECES = [
    *"the president prime minister secretary of state head chief of Mexico México US said"
    " , ,, \n \t vice- Andrés ( ) x".split(" "),
    " ",
    "  ",
    "\n",
    "the president of Mexico, ",
    "the foreign minister ",
    "chief of Staff",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(ROLE_PIECES), max_size=12))
def test_lowercase_role_pre_check_skips_only_windows_without_a_match(pieces: list[str]) -> None:
    """The pre-check on the window's end returns "" only where the search finds nothing."""
    text = "".join(pieces)
    for start in range(len(text) + 1):
        m = mentions._LOWER_ROLE_RE.search(text[max(0, start - 60) : start])
        assert mentions._lowercase_role(text, start) == (m.group(1) if m else ""), (text, start)


@pytest.mark.parametrize("noun", mentions.ROLE_NOUNS.split("|"))
def test_lowercase_role_pre_check_lets_every_role_noun_through(noun: str) -> None:
    for text in (f"met the {noun} ", f"the {noun}, ", f"the {noun} of Chile\n"):
        m = mentions._LOWER_ROLE_RE.search(text)
        assert m is not None and mentions._lowercase_role(text, len(text)) == m.group(1), text


@pytest.mark.parametrize(
    ("run", "split"),
    [
        ("Transport Minister Olu Badejo", ("Transport Minister", "Olu Badejo")),
        ("Port Manager Felipe Ruiz", ("Port Manager", "Felipe Ruiz")),
        ("Commissioner", ("Commissioner", "")),
        ("Mexican Foreign Minister", ("Mexican Foreign Minister", "")),
        ("Secretary of State Antony Blinken", ("Secretary of State", "Antony Blinken")),
        ("Olu Badejo", ("", "Olu Badejo")),
        ("Ukrainian", ("Ukrainian", "")),
        ("U.S.", ("U.S.", "")),
        ("President of the Republic Ana", ("President of the", "Republic Ana")),
        ("Minister, Olu", ("Minister,", "Olu")),
    ],
)
def test_split_role(run: str, split: tuple[str, str]) -> None:
    assert mentions.split_role(run) == split


@pytest.mark.parametrize(
    ("name", "role", "verdict"),
    [
        ("Olu Badejo", "Minister", (True, 2)),
        ("Antony Blinken", "", (True, 2)),
        ("Ukraine", "", (None, 1)),
        ("New York Times", "", (False, 3)),
        ("Badejo", "President", (True, 1)),
        ("Badejo", "Transport Manager", (None, 1)),
        ("María de la Cruz", "", (True, 2)),
        ("de la", "", (False, 0)),
        ("Mexico City", "", (False, 2)),
    ],
)
def test_person_by_itself(name: str, role: str, verdict: tuple[bool | None, int]) -> None:
    assert mentions._person_by_itself(name, role) == verdict


@pytest.mark.parametrize(
    "word",
    ["Korean", "Chilean", "Canadian", "Japanese", "British", "Mexican", "Asian", "Irish", "Thai"],
)
def test_demonyms_read_as_nationalities(word: str) -> None:
    assert mentions.NATIONALITY_RE.match(word)


@pytest.mark.parametrize("word", ["Ocean", "These", "Brian", "Dean", "Ian", "Those"])
def test_short_words_with_a_demonym_ending_are_not(word: str) -> None:
    # "the Indian Ocean": two letters before "-ean" make no demonym.
    assert not mentions.NATIONALITY_RE.match(word)
