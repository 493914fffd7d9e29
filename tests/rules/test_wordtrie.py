"""A word alternation spelled as a trie finds exactly what the plain alternation finds: the same
matches, groups and backtracking, case-sensitive or not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.rules import discourse, mentions, what
from factcheck.rules.sentences import split_sentences
from factcheck.rules.wordtrie import word_trie

ROOT = Path(__file__).resolve().parents[2]

# Patterns around the alternation "{}" whose result depends on which alternative matches
# first and on backtracking into the others.
WRAPPERS = (
    r"({})",
    r"\b({})\b",
    r"({})s?\b",
    r"^.*?\b({})\b[^“\"]*?\bthat\b",
    r"\b({})(?:\s+[\w'’\-]+){{0,8}}?\s+that\s*,?\s+(\S.*)$",
    r"\b((?:[a-z]+\s+){{0,2}}(?:{})(?:\s+of\s+[A-Z]\w+)?),?\s+$",
    r"({})(a|b ?c)",
)
FLAGS = (0, re.IGNORECASE)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(pattern.groups + 1)) for m in pattern.finditer(text)]


def _same(words: str, text: str) -> None:
    trie = word_trie(words)
    for wrapper in WRAPPERS:
        for flags in FLAGS:
            plain = re.compile(wrapper.format(words), flags)
            fast = re.compile(wrapper.format(trie), flags)
            assert _found(fast, text) == _found(plain, text), (wrapper, flags, text)


_WORD = st.lists(st.sampled_from(["a", "b", "c", " ", "[ab]", "[bc]"]), max_size=4).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_WORD, min_size=1, max_size=8),
    st.lists(st.sampled_from([*"abcABC ſ.", "that", "of Ann"]), max_size=14).map("".join),
)
def test_any_word_list_on_generated_text(words: list[str], text: str) -> None:
    _same("|".join(words), text)


LISTS = {
    "speech verbs": discourse.SPEECH_VERBS,
    "role nouns": mentions.ROLE_NOUNS,
    "link words": what._LINK_WORDS,
    "not subjects": "|".join(sorted(what._NOT_SUBJECT)),
}
PIECES = (
    "said says say sa told tweeted SAID Says ſays ſaid noted notes note pointed out pointed "
    "emphasised emphasized summarized the The foreign minister Minister prime secretary of "
    "state secretary of State spokes spokesman spokeswoman defense defence president "
    'presidential head headed chief that That reporters , . “ ” " of Mexico K ı'
).split()


@pytest.mark.parametrize("name", sorted(LISTS))
def test_the_rules_word_lists_on_generated_text(name: str) -> None:
    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.sampled_from(PIECES), max_size=12), st.sampled_from([" ", "", "  "]))
    def check(pieces: list[str], sep: str) -> None:
        _same(LISTS[name], sep.join(pieces))

    check()


@pytest.mark.parametrize("name", sorted(LISTS))
def test_the_rules_word_lists_on_the_eval_sentences(name: str) -> None:
    paths = sorted((ROOT / "evals").glob("v*/clusters/*/*.txt"))
    assert paths
    trie = word_trie(LISTS[name])
    patterns = [
        (re.compile(w.format(LISTS[name]), f), re.compile(w.format(trie), f))
        for w in WRAPPERS
        for f in FLAGS
    ]
    hits = 0
    for path in paths:
        for seg in split_sentences(path.read_text(encoding="utf-8")):
            for plain, fast in patterns:
                found = _found(fast, seg.text)
                assert found == _found(plain, seg.text), (path, seg.text)
                hits += len(found)
    assert hits > 100


def test_the_trie_groups_by_letter_and_keeps_the_order() -> None:
    assert word_trie("said|says|say|told") == "sa(?:id|y(?:s|))|told"
    assert word_trie("a[sz]b|asc") == "a(?:[sz]b|sc)"  # a class is never grouped with a letter
    with pytest.raises(ValueError, match="plain word"):
        word_trie("said|s.id")


def _plain_share_subject() -> re.Pattern[str]:
    """what._SHARE_SUBJECT with its word lists spelled as plain alternations."""
    text = what._SHARE_SUBJECT.pattern
    for words in (what._LINK_WORDS, "|".join(sorted(what._NOT_SUBJECT))):
        assert word_trie(words) in text
        text = text.replace(word_trie(words), words)
    return re.compile(text, what._SHARE_SUBJECT.flags)


SHARE_PIECES = (
    "Turnout turnout inflation food youth unemployment annual the The in city of Valdora was "
    "is rose slowed to stood at about nearly 23.8 28 percent per cent % from by sharply "
    "expected a an Monday 9 a.m. share it its vote votes ſome İs ıs K , — :"
).split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SHARE_PIECES), max_size=12), st.sampled_from([" ", "  "]))
def test_share_subject_trie_on_generated_clauses(pieces: list[str], sep: str) -> None:
    plain, text = _plain_share_subject(), sep.join(pieces) + sep
    assert _found(what._SHARE_SUBJECT, text) == _found(plain, text)


def test_share_subject_trie_before_every_figure_of_the_eval_sentences() -> None:
    plain, hits = _plain_share_subject(), 0
    for path in sorted((ROOT / "evals").glob("v*/clusters/*/*.txt")):
        for seg in split_sentences(path.read_text(encoding="utf-8")):
            for m in re.finditer(r"\d+", seg.text):
                before = seg.text[max(0, m.start() - 120) : m.start()]
                found = _found(what._SHARE_SUBJECT, before)
                assert found == _found(plain, before), before
                hits += len(found)
    assert hits > 50
