"""Long alternations of words spelled as a trie for ``re``: "said|says|say|told" as
"sa(?:id|y(?:s|))|told".

``re`` tries the alternatives of a group one by one at every position it reaches, and under
IGNORECASE it cannot skip one by its first letter without entering it: sixty speech verbs are
sixty attempts per word boundary. Grouped by first letter, then by second, and so on, a
position costs an attempt per distinct first letter, and a word's rest only where the letter
fits (a pattern built on the verbs runs three to four times faster on news sentences).

The matches are the same: alternatives with different first letters can never match at the
same place (no character matches two different lower-case ASCII letters or a letter and a
space, even under IGNORECASE), and within a group the alternatives keep their order, so ``re``
meets the ones that fit in the same order as in the plain spelling, with the same backtracking.
Only letters and spaces are grouped; a level where a ``[...]`` class would be grouped, or where
the empty word comes before another, is left a plain alternation (tests/rules/test_wordtrie.py
compares both spellings).
"""

from __future__ import annotations

import re

_ATOM = re.compile(r"\[[^\]\\]*\]|[a-z ]")


def _atoms(word: str) -> list[str]:
    atoms = _ATOM.findall(word)
    if "".join(atoms) != word:
        raise ValueError(f"not a plain word (letters, spaces and [...] classes): {word!r}")
    return atoms


def word_trie(words: str) -> str:
    """The alternation ``words`` ("said|says|...", lower-case letters, spaces and character
    classes) as an equivalent trie, without an enclosing group."""
    return _alternation([_atoms(w) for w in words.split("|")])


def _alternation(alternatives: list[list[str]]) -> str:
    if len(alternatives) == 1:
        return "".join(alternatives[0])
    firsts = [a[0] for a in alternatives if a]
    # A class may overlap a letter, and the empty word matches wherever a word does: their
    # order is kept (the empty word only last, as in "says|say", may stay where it is).
    empty_last = all(not a for a in alternatives[len(firsts) :])
    if any(len(first) > 1 for first in firsts) or not empty_last:
        return "|".join("".join(a) for a in alternatives)
    groups: dict[str, list[list[str]]] = {}
    for a in alternatives:  # by first letter, in order of first appearance; "" for the empty
        groups.setdefault(a[0] if a else "", []).append(a[1:])
    parts = []
    for first, rests in groups.items():
        if not first:  # the empty word (last); a repeat of it can only fail where it failed
            parts.append("")
        elif len(rests) == 1:
            parts.append(first + "".join(rests[0]))
        else:
            prefix = first  # and the atoms all of the group's words share next ("secretar")
            while all(r and r[0] == rests[0][0] for r in rests):
                prefix += rests[0][0]
                rests = [r[1:] for r in rests]
            parts.append(f"{prefix}(?:{_alternation(rests)})")
    return "|".join(parts)
