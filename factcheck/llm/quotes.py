"""Who said it: a model's speaker is checked against the article, never taken on trust.

A name that merely *occurs* somewhere in the article proves little: in the seed, López Obrador's
tweet "We ask President (Joe) Biden ..." was given to Biden, the person it addresses, and a
speaker ``<script>… Obrador`` passed because one word of it matched. So, for a speaker to stand:

- the whole name occurs in the article (exact after typographic folding, at word boundaries);
- it is not named inside the quoted words (nor inside a reported clause): the person a quote
  addresses or talks about is not its speaker;
- it is named near the evidence, outside the statement, or the rules' discourse tracking
  (``factcheck.rules.discourse.Tracker``) has that person speaking at that point.

And an attribution needs a speech act: a speech verb (or "according to") outside the statement,
or quotation marks around it. Pure code, no model client.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.llm.grounding import Aligner
from factcheck.rules.discourse import VERB, Tracker
from factcheck.rules.mentions import find_people
from factcheck.rules.quotes import find_quotes
from factcheck.rules.speakers import same_entity
from factcheck.schemas import Span

NEAR = 300  # chars around the evidence where a speaker's name counts as "named near it"
NAME_MAX_WORDS = 8
_NOT_IN_NAMES = re.compile(r"[<>{}\[\]|\\=;/]|https?:")
_SPEECH = re.compile(rf"\b{VERB}\b|\baccording to\b", re.IGNORECASE)
_QUOTE_MARKS = "\"“”«»„'‘’"


@lru_cache(maxsize=32)
def _tracker(text: str) -> Tracker:
    return Tracker(text, find_people(text))


@lru_cache(maxsize=32)
def quoted_regions(text: str) -> tuple[tuple[int, int], ...]:
    """Inner ranges of the article's quotations (the rules' quote finder)."""
    return tuple((q.start, q.end) for q in find_quotes(text))


def names_inside(text: str, name: str, statement: Span, quote_type: str) -> bool:
    """Is ``name`` (or a shorter form of it) named inside the statement itself? Inside a
    direct quote only the quoted words count (a model's statement sometimes runs on past the
    closing mark into '... said X'); a reported clause counts whole."""
    regions = quoted_regions(text)
    for span in Aligner(statement.text).find_all(name):
        at = statement.start + span.start
        if quote_type == "paraphrase" or any(lo <= at < hi for lo, hi in regions):
            return True
    surname = name.split()[-1] if name.split() else ""
    if surname and surname != name and len(surname) > 3:
        return names_inside(text, surname, statement, quote_type)
    return False


def ground_speaker(
    aligner: Aligner, speaker: str, evidence: Span, statement: Span, quote_type: str
) -> str | None:
    """The speaker as the article writes it, or None when it fails any check above."""
    name = " ".join(speaker.split()).strip(" ,.:;\"'")
    if not name or _NOT_IN_NAMES.search(name) or len(name.split()) > NAME_MAX_WORDS:
        return None
    hits = aligner.find_all(name)
    if not hits:
        return None
    text = aligner.text
    if names_inside(text, name, statement, quote_type):
        return None
    outside = [h for h in hits if not (statement.start <= h.start < statement.end)]
    near = [h for h in outside if evidence.start - NEAR <= h.start <= evidence.end + NEAR]
    if near:
        return near[0].text
    tracked = _tracker(text).current(evidence.start + 1)[0]
    if tracked and same_entity(hits[0].text, tracked):
        return hits[0].text
    return None


def is_reported(text: str, evidence: Span, statement: Span) -> bool:
    """A speech verb outside the statement, or quotation marks around it."""
    before = text[max(0, statement.start - 3) : statement.start]
    after = text[statement.end : statement.end + 3]
    if any(c in _QUOTE_MARKS for c in before) or any(c in _QUOTE_MARKS for c in after):
        return True
    if any(lo <= statement.start and statement.end <= hi for lo, hi in quoted_regions(text)):
        return True
    frame = text[evidence.start : statement.start] + " " + text[statement.end : evidence.end]
    return bool(_SPEECH.search(frame))


__all__ = ["NEAR", "ground_speaker", "is_reported", "names_inside", "quoted_regions"]
