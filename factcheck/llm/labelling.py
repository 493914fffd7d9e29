"""Labels as evidence, not vetoes: the model's answer fills what the rules left empty.

For a figure, the model's whole answer is kept as ``QuantityClaim.model_frame``; a frame slot of
the rules' own frame is filled from it only when the rules left that slot empty, and only with
words that are in the evidence sentence (``by="model"``). The rules' reading is never dropped or
overwritten. Scope and time are the model's words: they must occur in the sentence (exact after
typographic folding) or they are dropped and counted. For a quote, the model's speaker is a
person of the article's list; it is kept as ``model_speaker``, fills ``speaker`` only when the
rules found none, and is refused when the quote names that person (the person a quote speaks to
or about is not its speaker). Missed figures (recall) are located by their anchor and parsed
from the article by ``factcheck.numbers``. Pure code, no model client.
"""

from __future__ import annotations

import re

from factcheck.llm.candidates import Person
from factcheck.llm.claims import whole_sentences
from factcheck.llm.grounding import Aligner, aligner_for
from factcheck.llm.labels import NO_LABEL, MissedQuantity, QuantityLabels, QuoteLabels
from factcheck.llm.quotes import names_inside
from factcheck.numbers import parse_quantities
from factcheck.rules.discourse import SPEECH_VERBS
from factcheck.rules.extractor import quantity_claim
from factcheck.rules.framewords import COUNTED, EVENTS, RUNNING_EVENTS
from factcheck.rules.sentences import Segment
from factcheck.schemas import (
    Article,
    AttributionClaim,
    Claim,
    Frame,
    QuantityClaim,
    Role,
    ScopeKind,
    ScopeSlot,
    Slot,
)

_PART = re.compile(r"^(?:of|among|including|out of)\b", re.IGNORECASE)
_PLACE = re.compile(r"^(?:in|at|near|off|across|outside|inside|from|on)\s+\S", re.IGNORECASE)
_LEAD = re.compile(r"^(?:(?:the|a|an|of|in|at|on|off|near|from|among|including|by)\s+)+", re.I)


COUNTED_REACH = 30  # chars after the figure where its noun may be ("14 [dead] people")
EVENT_REACH = 80  # chars around the figure where the word for what happened may be


def _word_slot(
    label: str,
    table: dict[str, tuple[str, ...]],
    sentence: str,
    figure: tuple[int, int],
    reach: tuple[int, int],
) -> Slot | None:
    """The model's label, tied to the sentence word for it, when that is the word of its kind
    nearest the figure within ``reach`` chars before and after it. Otherwise the slot's text
    is "": the label is then the model's inference only, and fills nothing. So "Some 9,500
    cars a day ... passenger traffic" does not make the cars passengers, and "seven killed and
    about two dozen injured" keeps the two dozen injured whatever the model says."""
    if label in NO_LABEL:
        return None
    lo, hi = max(0, figure[0] - reach[0]), figure[1] + reach[1]
    nearest: tuple[int, str, str] | None = None  # (distance, label, word)
    for other, words in table.items():
        for word in {other.replace("_", " "), *words}:
            for m in re.finditer(rf"\b{re.escape(word)}\b", sentence, re.IGNORECASE):
                if m.start() < lo or m.end() > hi:
                    continue
                gap = max(0, figure[0] - m.end(), m.start() - figure[1])
                key = (gap, other, m.group(0))
                if nearest is None or key[0] < nearest[0]:
                    nearest = key
    tied = nearest is not None and nearest[1] == label
    return Slot(value=label, text=nearest[2] if tied and nearest else "", by="model")


# A time cue names a time: a weekday, month, part of the day, a date or year, or a cue word.
_TIME_WORD = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|"
    r"aug|sep|sept|oct|nov|dec|morning|afternoon|evening|night|overnight|midnight|noon|dawn|"
    r"today|tonight|yesterday|tomorrow|week|weekend|month|year|day|days|hours?|spring|summer|"
    r"autumn|fall|winter|so far|as of|by now|since|until|currently|now|latest|"
    r"\d{1,2}(?:am|pm|h\d\d)?|\d{4})\b",
    re.IGNORECASE,
)


# "authorities said on Monday", "she told reporters late on Sunday": when the figure was
# reported, not when it holds (the timeline reads report times itself).
_REPORTED_AT = re.compile(
    rf"\b(?:{SPEECH_VERBS}|reported|reports)(?:\s+(?:reporters|journalists|the\s+press|"
    r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}))?\s*(?:late|early)?\s*$",
)


def _reporting_time(text: str, sentence: str) -> bool:
    at = sentence.find(text)
    return at >= 0 and _REPORTED_AT.search(sentence[:at].rstrip(" ,")) is not None


def _verbatim(words: str, evidence_text: str, figures: list[tuple[int, int]]) -> str | None:
    """The sentence's own text for the model's words, or None if they are not in it, or if
    they overlap a figure of the sentence (a figure is not a scope or a time cue)."""
    found = Aligner(evidence_text).locate(words)
    if found is None or any(found.start < e and s < found.end for s, e in figures):
        return None
    return found.text


def _scope(text: str) -> ScopeSlot:
    kind = ScopeKind.PART if _PART.match(text) else ScopeKind.OTHER
    if kind is ScopeKind.OTHER and _PLACE.match(text):
        kind = ScopeKind.PLACE
    value = _LEAD.sub("", text).strip().lower() or text.lower()
    return ScopeSlot(value=value, text=text, by="model", kind=kind)


def model_frame(claim: QuantityClaim, labels: QuantityLabels) -> tuple[Frame, int]:
    """The model's frame for a figure, and how many of its words were not in the sentence."""
    sentence = claim.evidence.text
    start = claim.quantity_span.start - claim.evidence.start
    figure = (start, claim.quantity_span.end - claim.evidence.start)
    figures = [figure, *((p.start, p.end) for p in parse_quantities(sentence))]
    dropped = 0
    scope: list[ScopeSlot] = []
    time: Slot | None = None
    if labels.scope.strip():
        text = _verbatim(labels.scope, sentence, figures)
        dropped += text is None
        scope = [_scope(text)] if text else []
    if labels.time.strip():
        text = _verbatim(labels.time, sentence, figures)
        named = text is not None and _TIME_WORD.search(text) is not None
        text = text if named and text and not _reporting_time(text, sentence) else None
        dropped += text is None
        time = Slot(value=text.lower(), text=text, by="model") if text else None
    event = _word_slot(labels.event, EVENTS, sentence, figure, (EVENT_REACH, EVENT_REACH))
    frame = Frame(
        counted=_word_slot(labels.counted, COUNTED, sentence, figure, (0, COUNTED_REACH)),
        event=event,
        scope=scope,
        role=labels.role,
        role_by="model",
        time=time,
        running=event is not None and event.value in RUNNING_EVENTS,
    )
    return frame, dropped


def fill_frame(rules: Frame, model: Frame) -> Frame:
    """The rules' frame with its empty slots filled from the model's, where the model's words
    are in the sentence. Nothing the rules read is replaced."""
    update: dict[str, object] = {}
    if rules.counted is None and model.counted is not None and model.counted.text:
        update["counted"] = model.counted
    if rules.event is None and model.event is not None and model.event.text:
        update["event"] = model.event
        update["running"] = rules.running or model.running
    if not rules.scope and model.scope:
        update["scope"] = model.scope
    if rules.time is None and model.time is not None:
        update["time"] = model.time
    # The rules' TOTAL without a cue word is their default, not a reading: a model role other
    # than total fills it. (A wrong one can only keep two figures apart, never join them.)
    no_cue = rules.role is Role.TOTAL and rules.role_text is None and rules.role_by == "rules"
    if no_cue and model.role not in (Role.TOTAL, Role.OTHER):
        update["role"] = model.role
        update["role_by"] = "model"
    return rules.model_copy(update=update)


def label_quantity(claim: QuantityClaim, labels: QuantityLabels) -> tuple[QuantityClaim, int]:
    frame, dropped = model_frame(claim, labels)
    filled = fill_frame(claim.frame, frame)
    return claim.model_copy(update={"frame": filled, "model_frame": frame}), dropped


def label_quote(
    article: Article, claim: AttributionClaim, labels: QuoteLabels, people: list[Person]
) -> tuple[AttributionClaim, int]:
    """The model's speaker (a listed person) and channel, kept as evidence."""
    name: str | None = None
    dropped = 0
    if labels.speaker > len(people):
        dropped = 1  # a number that is not in the list
    elif labels.speaker > 0:
        name = people[labels.speaker - 1].name
        if names_inside(article.text, name, claim.statement_span, claim.quote_type):
            name, dropped = None, 1  # the quote speaks to or about them
    update: dict[str, object] = {"model_speaker": name, "model_channel": labels.channel}
    if claim.speaker is None and name is not None:
        update.update(speaker=name, speaker_by="model")
    return claim.model_copy(update=update), dropped


def recalled(
    article: Article, missed: list[MissedQuantity], known: list[Claim]
) -> tuple[list[QuantityClaim], int]:
    """Figures the rules missed, from the model's anchors: located exactly, parsed by
    ``factcheck.numbers`` from the article's sentence; anything else is dropped and counted."""
    aligner = aligner_for(article.text)
    taken = {(c.quantity_span.start, c.quantity_span.end) for c in known if c.kind == "quantity"}
    out: list[QuantityClaim] = []
    dropped = 0
    for item in missed:
        anchor = aligner.locate(item.anchor)
        if anchor is None:
            dropped += 1
            continue
        sentence = whole_sentences(article, anchor)
        a, b = anchor.start - sentence.start, anchor.end - sentence.start
        parsed = [p for p in parse_quantities(sentence.text) if p.start < b and a < p.end]
        if not parsed:
            dropped += 1
            continue
        q = parsed[0]
        start = sentence.start + q.start
        if (start, start + len(q.text)) in taken:
            continue  # the rules have it already
        taken.add((start, start + len(q.text)))
        # Built as the rules build theirs: the same frame, rate and rounding ("about 300").
        seg = Segment(sentence.start, sentence.end, sentence.text, 0)
        others = [p for p in parse_quantities(sentence.text) if p is not q]
        claim = quantity_claim(article, seg, q, others)
        labelled, lost = label_quantity(claim, item)
        out.append(labelled)
        dropped += lost
    return out, dropped


__all__ = ["fill_frame", "label_quantity", "label_quote", "model_frame", "recalled"]
