"""Reported speech: "X said that ...", "... , according to X", "she noted the plan ...".

A paraphrase carries a speaker and a statement but no quotation marks, so the statement is the
clause after the reporting verb (or before "according to"), never the whole sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from factcheck.rules.discourse import VERB, WHO, Tracker, detect_channel, reporting_frame
from factcheck.rules.literals import Guarded, contains_any
from factcheck.rules.sentences import Segment
from factcheck.schemas import Channel

_AUDIENCE = (
    r"(?:reporters|journalists|the (?:press|media|audience|crowd)|lawmakers|supporters"
    r"|(?:the\s+)?[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})"
)
_PREP = r"(?:to|on|at|in|during|after)\s+[\w\s'’\-]{1,40}?"
# "told a press conference in Ruse on Monday that ...": a few words may stand between.
THAT = Guarded(
    re.compile(rf"\b(?P<verb>{VERB})(?:\s+[\w'’\-]+){{0,8}}?\s+that\s*,?\s+(?P<stmt>\S.*)$"),
    ("that",),
)
# Verbs that take a bare clause ("She said regular meetings will be held"); "highlighted the
# importance of" takes an object, which is not a statement.
_RELATIVE = r"(?:,\s+(?:who|which)\s+[^,]{3,80},)?"
_BARE_VERBS = (
    "said",
    "says",
    "told",
    "added",
    "noted",
    "stressed",
    "insisted",
    "warned",
    "explained",
)
BARE = Guarded(
    re.compile(
        rf"^(?:[^,]{{0,80}},\s+)?(?P<who>{WHO}){_RELATIVE}\s+"
        r"(?:also\s+|additionally\s+|further\s+|later\s+)?"
        rf"(?P<verb>{'|'.join(_BARE_VERBS)})\s+"
        rf"(?:{_AUDIENCE}\s+)?(?P<stmt>[a-zA-Z0-9][^“\"]+)$"
    ),
    _BARE_VERBS,
)
_WHO_BEFORE_RE = re.compile(
    rf"(?P<who>{WHO}){_RELATIVE}\s*,?\s+(?:also\s+|additionally\s+|further\s+|later\s+|then\s+)?$"
)
_SUBJECT_RE = re.compile(rf"^(?:[^,]{{0,80}},\s+)?(?P<who>{WHO})\b")
# "a spokesperson for the United States National Security Council": the body speaks.
BODY = Guarded(
    re.compile(
        r"\b(?:a|an|the)\s+(?:spokesperson|spokesman|spokeswoman|representative|official)\s+"
        r"(?:for|of)\s+(?:the\s+)?(?P<body>[A-Z][\w.’'\-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w.’'\-]*)*)"
    ),
    ("spokes", "representative", "official"),
)
ACCORDING_IN = Guarded(re.compile(rf"\baccording to\s+(?P<who>{WHO})"), ("according to",))
ACCORDING_TAIL = Guarded(
    re.compile(
        r"^(?P<stmt>[^“\"]+?),\s+according to\s+(?P<who>(?:the\s+|a\s+)?[A-Za-z][^,.;“\"]{2,80})"
        r"(?:[,;].*)?\.?$"
    ),
    ("according to",),
)
ACCORDING_HEAD = Guarded(
    re.compile(r"^According to\s+(?P<who>(?:the\s+)?[A-Z][^,“\"]{2,80}),\s+(?P<stmt>[^“\"]+)$"),
    ("According to",),
)


@dataclass(frozen=True)
class Reported:
    stmt_start: int  # offsets in the article text
    stmt_end: int
    speaker_text: str
    speaker: str
    channel: Channel
    channel_text: str | None


def _speaker(seg: Segment, verb_at: int, tracker: Tracker) -> tuple[str, str, bool] | None:
    """(as written, resolved, from context) for the reporting verb at seg.text[verb_at]."""
    before = seg.text[:verb_at]
    source = ACCORDING_IN.search(before)
    if source:
        who = source.group("who").strip()
        speaker, from_context = tracker.resolve(who, seg.start + source.start("who"))
        if speaker:
            return who, speaker, from_context
    body = BODY.search(before)
    if body:
        return body.group(0), body.group("body"), False
    m = _WHO_BEFORE_RE.search(before) or _SUBJECT_RE.match(before)
    if m is None:
        return None
    who = m.group("who").strip()
    at = seg.start + m.start("who")
    # "Incident commander Jake Morrow, who ... told": the subject is the whole noun phrase, and
    # the person named in it speaks, not its capitalised first word.
    phrase = _PHRASE_END.split(before[m.start("who") :], maxsplit=1)[0].strip()
    if phrase != who and any(name in phrase for name in tracker.people.distinct_names()):
        named, from_context = tracker.resolve_phrase(phrase, at)
        if named:
            return phrase, named, from_context
    speaker, from_context = tracker.resolve(who, at)
    return (who, speaker, from_context) if speaker else None


_PHRASE_END = re.compile(r",|\s+(?:who|which|that)\b")


# Every reported-speech pattern needs one of these (most sentences have none).
_NEEDLES = (*THAT.needles, *BARE.needles, "ccording to")


def may_report(text: str, segments: list[Segment], starts: list[int]) -> set[int]:
    """The indexes of the sentences ``reported_in`` may find something in: those holding a
    needle (sentences are slices of ``text``, disjoint, in order; ``starts`` their starts).
    One scan of the article per needle instead of every needle tried on every sentence, and
    each needle looked for again only after the sentence it was found in."""
    found: set[int] = set()
    for needle in _NEEDLES:
        size = len(needle)
        at = text.find(needle)
        while at >= 0:
            k = bisect_right(starts, at) - 1
            if k >= 0 and at + size <= segments[k].end:
                found.add(k)
                at = text.find(needle, segments[k].end)
            else:
                at = text.find(needle, at + 1)
    return found


def reported_in(seg: Segment, tracker: Tracker) -> Reported | None:
    text = seg.text
    if not contains_any(text, _NEEDLES):
        return None
    found: tuple[int, int, tuple[str, str, bool]] | None = None
    for m in (THAT.search(text), BARE.match(text)):
        who = _speaker(seg, m.start("verb"), tracker) if m else None
        if m and who:
            found = (m.start("stmt"), len(text), who)
            break
    if found is None:
        acc = ACCORDING_TAIL.match(text) or ACCORDING_HEAD.match(text)
        if acc:
            raw = acc.group("who").strip()
            speaker, from_context = tracker.resolve(raw, seg.start)
            found = (acc.start("stmt"), acc.end("stmt"), (raw, speaker or raw, from_context))
    if found is None:
        return None
    start, end, (speaker_text, speaker, from_context) = found
    channel, channel_text = detect_channel(reporting_frame(text[:start]))
    context_speaker, context_channel, context_text = tracker.current(seg.start + 1)
    if channel is Channel.UNKNOWN and (from_context or context_speaker == speaker):
        channel, channel_text = context_channel, context_text
    return Reported(
        seg.start + start, seg.start + end, speaker_text, speaker, channel, channel_text
    )
