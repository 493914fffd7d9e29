"""Role nouns and pronouns that refer back to people: "the diplomat", "his spokesman", "she".

Found over whole articles (``discourse.Tracker`` resolves them to the people of
``mentions.find_people``).
"""

from __future__ import annotations

import re
from itertools import pairwise

from factcheck.rules.mentions import ROLE_MODIFIER, ROLE_NOUNS_RE, Mention, is_governed

# Both run over whole articles. Written as "\b(?:[Tt]he|[Hh]is|...)" they are tried at every
# position; opening with one character class ("[TtHh]", then "(?<!\w.)" for the word boundary
# before it and a look-behind to pick the word) lets ``re`` skip to the next T or H: twice as
# fast, same matches (tests/rules/test_mention_patterns.py compares both spellings).
_ROLE_MENTION_RE = re.compile(
    r"[TtHh](?<!\w.)(?:(?<=[Tt])he(?:ir)?|(?<=[Hh])(?:is|er))\s+"
    rf"((?:{ROLE_MODIFIER}\s+){{0,3}}?(?i:{ROLE_NOUNS_RE}))\b"
)
_PRONOUN_RE = re.compile(r"[HhSsTt](?<!\w.)(?:(?<=[Hh])e|(?<=[Ss])he|(?<=[Tt])hey)\b")
# Faster still (``_scan``): ``re`` skips to a literal first character several times faster
# than to one of a class. Every lower-case word of the two has an "h" ("the", "their", "his",
# "her"; "he", "she", "they"), the capitalised ones but "His", "Her", "He" too: one scan from
# the "h" (a look-behind checks the letter before it and the word boundary) and one from "H".
_ROLE_TAIL = rf"\s+((?:{ROLE_MODIFIER}\s+){{0,3}}?(?i:{ROLE_NOUNS_RE}))\b"
_ROLE_AT_H_RE = re.compile(r"h(?:(?<=(?<!\w)[Tt]h)e(?:ir)?|(?<=(?<!\w)h)(?:is|er))" + _ROLE_TAIL)
_ROLE_AT_CAPITAL_RE = re.compile(r"H(?<!\wH)(?:is|er)" + _ROLE_TAIL)
_PRONOUN_AT_H_RE = re.compile(r"he(?:y(?<=(?<!\w)[Tt]hey)|(?<=(?<!\w)[Ss]he)|(?<=(?<!\w)he))\b")
_PRONOUN_AT_CAPITAL_RE = re.compile(r"He(?<!\wHe)\b")


def _scan(
    text: str,
    at_h: re.Pattern[str],
    at_capital: re.Pattern[str],
    before_h: str,
    plain: re.Pattern[str],
) -> list[tuple[int, re.Match[str]]]:
    """(start, match) of each match of ``plain``, found by the two faster scans: a match of
    ``at_h`` starts one character early when a letter of ``before_h`` precedes its "h" ("the",
    "she"; its look-behinds require one there or a word boundary). Merged in text order they
    are ``plain``'s matches unless two overlap (``plain``, one scan, never reports both): only
    then is ``plain`` run ("His Thelma the The minister" and the like)."""
    found = []
    for m in at_h.finditer(text):
        start = m.start()
        if start and text[start - 1] in before_h:
            start -= 1
        found.append((start, m))
    capitals = [(m.start(), m) for m in at_capital.finditer(text)]
    if capitals:
        found = sorted(found + capitals, key=lambda f: f[0])
        if any(a[1].end() > b[0] for a, b in pairwise(found)):
            return [(m.start(), m) for m in plain.finditer(text)]
    return found


def role_mentions(text: str) -> list[Mention]:
    return [
        Mention(start, m.end(), text[start : m.end()], "role", m.group(1), is_governed(text, start))
        for start, m in _scan(text, _ROLE_AT_H_RE, _ROLE_AT_CAPITAL_RE, "Tt", _ROLE_MENTION_RE)
    ]


def pronoun_mentions(text: str) -> list[Mention]:
    found = _scan(text, _PRONOUN_AT_H_RE, _PRONOUN_AT_CAPITAL_RE, "SsTt", _PRONOUN_RE)
    return [
        Mention(start, m.end(), text[start : m.end()], "pronoun", "", is_governed(text, start))
        for start, m in found
    ]
