"""Exact pre-checks for the rules' big regexes: a pattern that cannot match without one of its
literal words is not run on text that contains none of them.

The speech-verb, channel and reporting-frame patterns are long alternations (case-insensitive,
most of them), and ``re`` tries every alternative at every position: tens of microseconds per
sentence, most of the offline extractor's time. A substring test is a C scan. The pre-check
may only ever say "maybe" too often, never "no" wrongly: tests/rules/test_literals.py
generates strings each pattern matches and checks that the test finds a needle in all of them.
"""

from __future__ import annotations

import re

from factcheck.numbers.shortcuts import contains_any, fold


class Guarded:
    """A compiled pattern and the literal words at least one of which is in every match
    (lower-case, and looked for in ``fold(text)`` when the pattern ignores case)."""

    __slots__ = ("ignores_case", "needles", "pattern")

    def __init__(self, pattern: re.Pattern[str], needles: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.needles = needles
        self.ignores_case = bool(pattern.flags & re.IGNORECASE)

    def may_match(self, text: str, folded: str | None = None) -> bool:
        if self.ignores_case:
            text = folded if folded is not None else fold(text)
        return contains_any(text, self.needles)

    def search(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(text, folded) else None

    def match(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        return self.pattern.match(text) if self.may_match(text, folded) else None


__all__ = ["Guarded", "contains_any", "fold"]
