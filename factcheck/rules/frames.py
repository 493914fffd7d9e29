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
from factcheck.rules.literals import Guarded, fold
from factcheck.rules.scope import scope_of, time_cue
from factcheck.rules.subjects import nearest_event
from factcheck.rules.what import counted_of, event_of, share_qualifier
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
    counted, part_of = counted_of(sentence, q, others)
    role, role_text = role_of(sentence, q)
    # A duration's event is the event noun it lasts (not event_of's word next to the number),
    # and it counts time, never an elliptical part (part_of is None): event_of is not asked.
    if q.dimension is Dimension.DURATION:
        event = _duration_event(sentence, q, previous)
    else:
        event = event_of(sentence, q, others, counted, role)
    scope = scope_of(sentence, q, others, counted, role, proper, previous)
    if part_of is not None and event is not None and part_of in ("*", event.value):
        scope.append(ScopeSlot(kind=ScopeKind.PART, value="part", text=q.text))
    qualifier = share_qualifier(sentence, q)
    if qualifier is not None:  # "food inflation" is not "inflation" (see scope_confidence)
        scope.append(ScopeSlot(kind=ScopeKind.OTHER, value=qualifier, text=qualifier))
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


# Role says what kind of figure it is (a change, a forecast, a schedule, a capacity, an age, a
# rank, a proposal or threshold).
_CHANGE_RE = re.compile(
    r"\b(?:(?:rose|risen|rise|rises|fell|fallen|falls|increased|decreased|dropped|declined|"
    r"grew|jumped|climbed|slipped|gained|lost|cut|raised|up|down)\s+by"
    r"|an?\s+(?:increase|decrease|rise|drop|fall|decline|jump|cut|gain|loss)\s+of"
    r"|(?:^|\s)(?:up|down))\s*$",
    re.IGNORECASE,
)


# Every match of _CHANGE_RE ends its text with one of these words and then only spaces (``\s``
# and str.rstrip agree on what a space is): a text that does not end so is not searched.
_CHANGE_LAST = ("by", "of", "up", "down")


def _change_before(before: str) -> re.Match[str] | None:
    if not fold(before.rstrip()[-4:]).endswith(_CHANGE_LAST):
        return None
    return _CHANGE_RE.search(before)


_CHANGE_AFTER_RE = re.compile(r"^\s*(?:more|fewer|less)\s+than\b", re.IGNORECASE)


_PROJECTION_RE = Guarded(
    re.compile(
        r"\b(?:exit[\s-]+polls?\b[^.;:]{0,90}|opinion\s+polls?\b[^.;:]{0,90}|survey\b[^.;:]{0,90}|"
        r"will|would|could|may|might|expected\s+to|forecast(?:s|ed)?\s+to|projected\s+to|"
        r"likely\s+to|set\s+to|predicted\s+to|on\s+track\s+to|estimated\s+to\s+(?:reach|rise|"
        r"hit)|feared\s+to|expects?\b[^.;:]{0,40}?\bto)\b[^.;:]{0,60}$",
        re.IGNORECASE,
    ),
    ("exit", "opinion", "survey", "will", "would", "could", "may", "might", "expect", "forecast",
     "projected", "likely", "set", "predicted", "track", "estimated", "feared"),
)  # fmt: skip


# What someone wants, not what is: "demanding a 7 per cent raise", "preferring to hold the rate
# at 28 per cent", "proposed a 5% cut". Compared only with other proposals.
_PROPOSAL_RE = Guarded(
    re.compile(
        r"\b(?:demand(?:s|ed|ing)?|prefer(?:s|red|ring)?|propos(?:e|es|ed|ing)|call(?:s|ed|ing)?"
        r"\s+for|seek(?:s|ing)?|sought|favou?r(?:s|ed|ing)?|push(?:es|ed|ing)?\s+for|asking\s+"
        r"for)\b[^.;:,]{0,40}$",
        re.IGNORECASE,
    ),
    ("demand", "prefer", "propos", "call", "seek", "sought", "favo", "push", "asking"),
)
# "raised the rate from 28 per cent to 29.5 per cent": the first figure is the old value.
_FROM_RE = Guarded(re.compile(r"\bfrom\s+(?:an?\s+|the\s+)?$", re.IGNORECASE), ("from",))
_TO_FIGURE_RE = re.compile(r"^\s*to\s+(?:an?\s+|the\s+|about\s+|around\s+)?[\d$€£]", re.I)


_THRESHOLD_RE = Guarded(
    re.compile(
        r"\b(?:needs?|needed|requires?|required|short\s+of|majority\s+of|enough\s+for)\b"
        r"[^.;:]{0,30}$",
        re.IGNORECASE,
    ),
    ("need", "requir", "short", "majority", "enough"),
)
_SCHEDULED_RE = Guarded(
    re.compile(r"\b(?:scheduled|due|supposed|planned|timetabled)\b[^.;:]{0,40}$", re.IGNORECASE),
    ("scheduled", "due", "supposed", "planned", "timetabled"),
)
_CAPACITY_BEFORE = Guarded(re.compile(r"\bcapacity\s+of\s*$", re.IGNORECASE), ("capacity",))


_CAPACITY_RE = re.compile(r"^[-‐]?(?:seat|seater|bed|berth|room|capacity)\b", re.IGNORECASE)


# Compiled once: re.match(string, ...) looks its pattern up in re's cache on every call.
_SENTENCE_END = re.compile(r"[.;:!?]")


def role_of(sentence: str, q: ParsedQuantity) -> tuple[Role, str | None]:
    before = sentence[: q.start]
    after = sentence[q.end :]
    if q.unit == "year of age":
        return Role.AGE, q.text
    if q.unit == "rank":
        return Role.RANKING, q.text
    if q.rate:
        return Role.RATE, q.rate
    folded = fold(before)  # the pre-checks of the patterns below (see rules/literals.py)
    if _CAPACITY_RE.match(after) or _CAPACITY_BEFORE.search(before, folded):
        return Role.CAPACITY, (after.split()[0] if after.split() else q.text)
    if (m := _change_before(before)) or (m := _CHANGE_AFTER_RE.match(after)):
        return Role.CHANGE, m.group(0).strip()
    clause = _SENTENCE_END.split(before)[-1]
    if _FROM_RE.search(before, folded) and _TO_FIGURE_RE.match(after):
        return Role.OTHER, "from"  # the value before a change, not the figure now
    folded = fold(clause)
    if m := _PROPOSAL_RE.search(clause, folded):
        return Role.OTHER, m.group(0).split()[0]
    if m := _THRESHOLD_RE.search(clause, folded):
        return Role.OTHER, m.group(0).strip()  # "needs at least 76 seats": a threshold
    pledge = q.dimension is Dimension.MONEY
    if (m := _SCHEDULED_RE.search(clause, folded)) and not pledge:
        return Role.SCHEDULED, m.group(0).split()[0]
    # A sum someone "will invest" or "plans" is the amount of a pledge, stated as a fact; only
    # a sum that "could" or "is expected to" come is a forecast.
    m = _PROJECTION_RE.search(clause, folded)
    if m and not (pledge and m.group(0).split()[0].lower() in ("will", "would", "set")):
        return Role.PROJECTION, m.group(0).split()[0]
    return Role.TOTAL, None


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
# The same words found from the capital: ``_PROPER`` starts with a class nearly every letter is
# in, so ``re`` starts a match at almost every character (240 instructions per character); a
# capital is one character in thirty. Each look-behind sees a blank run of a fixed length before
# the capital (``[a-z,]`` is no blank: the run is whole); a run of ``_RUN`` blanks or more sets
# group 2 and ``proper_words`` asks ``_PROPER``. ``_PROPER``'s matches do not overlap: a word
# whose "[a-z,]" is the last letter of the word just found is no match; the optional tail takes
# such a word, so that the search goes on after it, as ``_PROPER``'s does (its next "[a-z,]" can
# only be that word's last letter: tests/rules/test_frames.py compares the two).
_RUN = 7
_PROPER_AT_CAPITAL = re.compile(
    r"([A-Z](?:(?<=[a-z,]\s[A-Z])|(?<=\s\s[A-Z])(?:"
    + "".join(rf"(?<=[a-z,]\s{{{n}}}[A-Z])|" for n in range(2, _RUN))
    + rf"(?<=(\s)\s{{{_RUN - 1}}}[A-Z])))[\w'’\-]+)(?:(?<=[a-z,])\s+[A-Z][\w'’\-]+)?"
)


def proper_words(text: str) -> frozenset[str]:
    """Words the article capitalises after a lower-case word: names, not sentence openers."""
    found = _PROPER_AT_CAPITAL.findall(text)  # (the word, a blank when the run is long)
    for _word, long_run in found:
        if long_run:
            return frozenset(_PROPER.findall(text))  # its one group: findall gives group(1)
    return frozenset([word for word, _long_run in found])


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
