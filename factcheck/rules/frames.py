"""What a figure measures, read from its own sentence: the quantity's frame.

Two figures are comparable only when they count the same thing (attackers are not victims,
passengers are not people on board), the same thing happened to it (killed is not injured), in
the same scope (Paris is not the Bataclan; Syriza's seats are not Pasok's; "three of the
attackers" is a part) and in the same role (a forecast is not a count, an age is not a rank).
Every field keeps the sentence words it was read from, so a report can show why.

These are rules about how English news reports numbers, not about any article: the event is
the casualty/vote/travel word nearest the number, the counted class comes from the noun the
number counts, scope from locative phrases, partitives and the clause's named owner.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.numbers import ParsedQuantity, parse_quantities
from factcheck.rules.framewords import RUNNING_EVENTS
from factcheck.rules.scope import role_of, scope_of, time_cue
from factcheck.rules.subjects import nearest_event
from factcheck.rules.what import counted_of, event_of, share_qualifier, words_of
from factcheck.schemas import Dimension, Frame, QuantityClaim, Role, ScopeKind, ScopeSlot, Slot


def read_frame(
    sentence: str,
    q: ParsedQuantity,
    others: Sequence[ParsedQuantity] = (),
    previous: str = "",
    proper: frozenset[str] = frozenset(),
) -> Frame:
    """The frame of quantity ``q`` (offsets into ``sentence``). ``others`` are the sentence's
    other quantities (they bound the search and may be the antecedent of a bare number);
    ``proper`` the words the article capitalises mid-sentence (names, not sentence openers)."""
    words = words_of(sentence)
    counted, part_of = counted_of(sentence, q, words, others)
    role, role_text = role_of(sentence, q)
    event = event_of(sentence, q, words, others, counted, role)
    scope = scope_of(sentence, q, others, counted, role, proper, previous)
    if part_of is not None and event is not None and part_of in ("*", event.value):
        scope.append(ScopeSlot(kind=ScopeKind.PART, value="part", text=q.text))
    qualifier = share_qualifier(sentence, q)
    if qualifier is not None:  # "food inflation" is not "inflation" (see scope_confidence)
        scope.append(ScopeSlot(kind=ScopeKind.OTHER, value=qualifier, text=qualifier))
    if q.dimension is Dimension.DURATION:
        event = _duration_event(sentence, q, previous)
    time = time_cue(sentence, q)
    running = (
        event is not None and event.value in RUNNING_EVENTS and role is Role.TOTAL and not q.rate
    )
    return Frame(
        counted=counted,
        event=event,
        scope=_dedupe(scope),
        role=role,
        role_text=role_text,
        time=time,
        running=running,
    )


# "a three-hour meeting", "three-month delivery", "the 10-year average": a duration written as
# an adjective is the length of the noun it modifies, and of nothing else in the story.
_ADJECTIVAL = re.compile(r"^[-‐]?\w*(?:second|minute|hour|day|week|month|year)\b", re.I)
_TIME_NOUNS = frozenset("duration period length span stretch time window spell".split())
_NOUN_AFTER = re.compile(r"^\s*(?:[a-z\-]+\s+){0,2}?([a-z\-]+)\b")


def _duration_event(sentence: str, q: ParsedQuantity, previous: str) -> Slot | None:
    noun = _NOUN_AFTER.match(sentence[q.end :])
    adjectival = "-" in q.text and _ADJECTIVAL.search(q.text.rsplit("-", 1)[-1])
    if adjectival and noun and noun.group(1) not in _TIME_NOUNS:
        what = nearest_event(noun.group(0), 0)
    else:  # "lasted three hours", "over the three-hour duration": the sentence's event
        what = nearest_event(sentence, q.start) or nearest_event(previous, len(previous))
    return Slot(value=what, text=what) if what else None


_PROPER = re.compile(r"[a-z,]\s+([A-Z][\w'’\-]+)")


def proper_words(text: str) -> frozenset[str]:
    """Words the article capitalises after a lower-case word: names, not sentence openers."""
    return frozenset(_PROPER.findall(text))  # its one group: findall gives group(1) of each match


def _dedupe(scope: list[ScopeSlot]) -> list[ScopeSlot]:
    seen: set[tuple[str, str]] = set()
    out = []
    for s in scope:
        if (s.kind.value, s.value) not in seen:
            seen.add((s.kind.value, s.value))
            out.append(s)
    return out


def frame_label(frame: Frame, fallback: str) -> str:
    """Plain words for what a figure measures: "attackers killed", "seats won (syriza)"."""
    if frame.counted is None or frame.event is None:
        return fallback
    counted, event = frame.counted.value, frame.event.value.replace("_", " ")
    label = f"{event} duration" if counted == "time" else f"{counted} {event}"
    qualifiers = [s.value for s in frame.scope if s.kind in (ScopeKind.OWNER, ScopeKind.PLACE)]
    if frame.role not in (Role.TOTAL, Role.RATE):
        qualifiers.insert(0, frame.role.value)
    return f"{label} ({', '.join(qualifiers)})" if qualifiers else label


def frame_key(frame: Frame) -> tuple[str, str, str] | None:
    """Blocking key: figures are compared only within one key (None: no frame to block on)."""
    if frame.counted is None or frame.event is None:
        return None
    return frame.counted.value, frame.event.value, frame.role.value


__all__ = ["frame_key", "frame_label", "frame_of_claim", "proper_words", "read_frame"]


def frame_of_claim(claim: QuantityClaim) -> Frame:
    """The frame of a claim that arrived without one (a model's claim in extract mode, a test
    double): read from its grounded evidence sentence by the same rules, like its number."""
    sentence = claim.evidence.text
    start = claim.quantity_span.start - claim.evidence.start
    end = claim.quantity_span.end - claim.evidence.start
    found = parse_quantities(sentence)
    for q in found:
        if q.start < end and start < q.end:
            others = [o for o in found if o is not q]
            return read_frame(sentence, q, others, proper=proper_words(sentence))
    return claim.frame
