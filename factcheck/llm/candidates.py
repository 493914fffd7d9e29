"""What label mode sends: the rules' candidates, numbered and marked, and the people list.

A candidate is one rule claim: its evidence sentence with the figure or the quoted statement
marked ``[[like this]]``. The people list is the article's named people (the rules' mention
finder, name variants folded into one entry by the rules' entity resolver), numbered, each with
the role the article gives them, so the model answers a speaker by number: nothing it answers
has to be copied, and nothing it answers can name someone the article does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from factcheck.rules.discourse import VERB
from factcheck.rules.mentions import find_people
from factcheck.rules.resolver import EntityResolver
from factcheck.rules.speakers import same_entity
from factcheck.schemas import Claim, QuantityClaim

OPEN, CLOSE = "[[", "]]"
SENTENCE_MAX_CHARS = 700  # a longer evidence (a quote over several sentences) is cut around it
# What a question shows: the mark and its nearest words. The whole sentence is in the article
# the model has just read; repeating all of it per question is most of a local model's time.
WINDOW_CHARS = 240
MARK_CHARS = 120  # a longer quote shows its start and its end
MAX_LISTED_PEOPLE = 30
_SPEECH_WORD = re.compile(rf"\b{VERB}\b", re.IGNORECASE)  # "said union leader" -> "union leader"


@dataclass(frozen=True)
class Candidate:
    number: int  # 1-based, what the model answers by
    index: int  # position in the rules' claim list
    kind: Literal["quantity", "quote"]
    sentence: str
    mark_start: int  # the marked part, relative to ``sentence``
    mark_end: int

    @property
    def mark(self) -> str:
        return self.sentence[self.mark_start : self.mark_end]

    def marked(self, window: int = WINDOW_CHARS) -> str:
        """The sentence around the mark, the mark in ``[[ ]]``; at most about ``window``
        characters, cut at word boundaries with "…"."""
        s, e = self.mark_start, self.mark_end
        mark = " ".join(self.sentence[s:e].split())
        if len(mark) > MARK_CHARS:
            mark = f"{_head(mark, MARK_CHARS - 40)} {_tail(mark, 30)}".replace(" … … ", " … ")
        budget = max(0, window - len(mark))
        before = " ".join(self.sentence[:s].split(" "))
        after = self.sentence[e:]
        left_budget = max(budget // 2, budget - len(after))
        left = _tail(before, left_budget)
        right = _head(after, budget - len(left))
        return " ".join(f"{left}{OPEN}{mark}{CLOSE}{right}".split())


def _tail(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[len(text) - limit :]
    space = cut.find(" ")
    return "… " + (cut[space + 1 :] if space >= 0 else cut)


def _head(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut) + " …"


def candidate(number: int, index: int, kind: str, sentence: str, mark: str) -> Candidate:
    """A candidate from texts (prompt examples): ``mark`` must occur in ``sentence``."""
    at = sentence.find(mark)
    if at < 0 or not mark:
        raise ValueError(f"{mark!r} is not in the sentence")
    shape: Literal["quantity", "quote"] = "quote" if kind == "quote" else "quantity"
    return Candidate(number, index, shape, sentence, at, at + len(mark))


def candidates_of(claims: list[Claim]) -> list[Candidate]:
    out: list[Candidate] = []
    for index, claim in enumerate(claims):
        kind: Literal["quantity", "quote"]
        if isinstance(claim, QuantityClaim):
            span, kind = claim.quantity_span, "quantity"
        else:
            span, kind = claim.statement_span, "quote"
        ev = claim.evidence
        start, end = span.start - ev.start, span.end - ev.start
        sentence = ev.text
        if not (0 <= start <= end <= len(sentence)):
            continue  # a rule claim whose mark is outside its evidence: nothing to show
        if len(sentence) > SENTENCE_MAX_CHARS:
            lo = max(0, min(start, end - SENTENCE_MAX_CHARS // 2) - 120)
            hi = min(len(sentence), max(end, lo + SENTENCE_MAX_CHARS))
            sentence, start, end = sentence[lo:hi], start - lo, end - lo
        number = len(out) + 1
        out.append(Candidate(number, index, kind, sentence, start, end))
    return out


@dataclass(frozen=True)
class Person:
    name: str
    role: str = ""

    def line(self, number: int) -> str:
        return f"{number}. {self.name}" + (f" ({self.role})" if self.role else "")


def people_of(text: str) -> list[Person]:
    """The article's named people in order of first mention, one entry per person."""
    people = find_people(text)
    resolver = EntityResolver(m.text for m in people.names)
    out: list[Person] = []
    seen: set[str] = set()
    for mention in people.names:
        name = resolver.canonical(mention.text) or mention.text
        if name in seen:
            continue
        seen.add(name)
        roles = sorted(
            {r for n, rs in people.roles.items() if same_entity(n, name) for r in rs}, key=len
        )
        role = _SPEECH_WORD.sub("", roles[0]).strip() if roles else ""
        out.append(Person(name, " ".join(role.split())))
        if len(out) == MAX_LISTED_PEOPLE:
            break
    return out


__all__ = [
    "CLOSE",
    "OPEN",
    "Candidate",
    "Person",
    "candidate",
    "candidates_of",
    "people_of",
]
