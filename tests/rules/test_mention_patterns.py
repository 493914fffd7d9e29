"""The article-wide mention patterns are spelled for speed (one character class first); they
must find exactly what the plain spelling finds."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.rules import mentions

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
    (mentions._ROLE_MENTION_RE, PLAIN_ROLE),
    (mentions._PRONOUN_RE, PLAIN_PRONOUN),
    (mentions._RUN_RE, PLAIN_RUN),
)
PIECES = (
    "the their his her The Their His Her he she they He She They Hthe othe sHe 1he _the théir "
    "Thee heir hey minister Minister MINISTER foreign Foreign new former president head chief "
    "of state secretary ( ) (Ana) (ana (Ana J. J.Doe Á Émile de la Smith O'Neil \t x"
).split()


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10), st.sampled_from([" ", "", "\n", "-", "."]))
def test_same_matches_as_the_plain_spelling_on_generated_text(words: list[str], sep: str) -> None:
    text = sep.join(words)
    for fast, plain in PAIRS:
        assert _found(fast, text) == _found(plain, text), text


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
    assert hits > 100
