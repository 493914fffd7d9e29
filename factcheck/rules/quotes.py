"""Offline attribution extraction: quotes, embedded posts and reported speech with speakers.

Speakers are found from speech-verb frames around a quote ('," said the diplomat',
'X also said: "'); pronouns, role nouns and channels are resolved by ``discourse.Tracker``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.rules.discourse import VERB, WHO, Tracker, detect_channel, outside_quotes
from factcheck.rules.literals import Guarded
from factcheck.rules.mentions import find_people
from factcheck.rules.reported import reported_in
from factcheck.rules.sentences import Segment, split_sentences
from factcheck.schemas import Article, AttributionClaim, Channel

# '," Local 512 president Denise Okafor told reporters' / '," said the diplomat'
_AFTER_RE = re.compile(
    rf"^[\s,.]*(?:(?P<who1>[^,.;:\"“”\n]{{1,80}}?)\s+(?:also\s+|then\s+|later\s+)?{VERB}\b"
    rf"|{VERB}\s+(?P<who2>{WHO})\b)"
)
# 'Okafor put it best at the meeting: "...' -- a colon introduces the subject's own words.
_COLON_RE = re.compile(r"^(?P<who>[^“\"]{3,160}):\s*$")
_BEFORE_RE = re.compile(
    rf"(?P<who>{WHO})\s*,?\s+(?:also\s+|then\s+|later\s+|additionally\s+)?{VERB}"
    r"(?:\s+(?:on|in|to|at)\s+[^:“\"]{0,60}?)?(?:\s+that)?\s*[:,]?\s*$"
)
_ACCORDING_RE = re.compile(r"according to\s+(?P<who>[^,.;“\"]{3,80})", re.IGNORECASE)
TWEET = Guarded(
    re.compile(
        r"^(?P<body>.+?)\s*(?:pic\.twitter\.com/\S+|https?://\S+)?\s*[—–]\s*"
        r"(?P<name>[^()\n—]{1,60}?)\s*\((?P<handle>@\w+)\)\s*"
        r"(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})\s*$",
        re.MULTILINE,
    ),
    ("(@",),
)
_OPEN = '“"'
_CLOSE = '”"'
MIN_QUOTE_WORDS = 4
# A quote framed by a speech verb and a named speaker ('"We will rebuild," Mayor Doe said') is
# a statement even when short; unframed short quotes are usually scare quotes.
MIN_FRAMED_QUOTE_WORDS = 3


@dataclass
class _Quote:
    start: int  # inner text start (after the opening mark)
    end: int  # inner text end (before the closing mark)
    outer_end: int


_LINE_RE = re.compile(r"[^\n]+")
_OPEN_RE = re.compile(f"[{_OPEN}]")
# A closing mark not followed by a letter or digit ("[^\W_]" is exactly str.isalnum).
_CLOSE_RE = re.compile(rf"[{_CLOSE}](?![^\W_])")


def find_quotes(text: str) -> list[_Quote]:
    """Quotations within a paragraph; an opening mark after a space, bracket, colon or dash
    (or at the paragraph's start) runs to the next closing mark that ends a word, else to the
    paragraph's end. The regexes jump from mark to mark instead of stepping over each
    character."""
    quotes: list[_Quote] = []
    for para in _LINE_RE.finditer(text):
        p_start, p_end = para.span()
        i = p_start
        while (m := _OPEN_RE.search(text, i, p_end)) is not None:
            i = m.start()
            prev = text[i - 1] if i > 0 else " "
            if prev.isspace() or prev in "(:—–-,[" or i == p_start:
                close = _CLOSE_RE.search(text, i + 1, p_end)
                j = close.start() if close else p_end
                quotes.append(_Quote(i + 1, j, min(j + 1, p_end)))
                i = j + 1
            else:
                i += 1
    return quotes


@dataclass(frozen=True)
class _Source:
    speaker_text: str
    speaker: str
    channel: Channel
    channel_text: str | None


def extract_attributions(article: Article) -> list[AttributionClaim]:
    text = article.text
    tracker = Tracker(text, find_people(text))
    segments = split_sentences(text)
    claims: list[AttributionClaim] = []
    covered: list[tuple[int, int]] = []

    def add(
        span: tuple[int, int],
        evidence: tuple[int, int],
        src: _Source,
        direct: bool,
        min_words: int = MIN_QUOTE_WORDS,
    ) -> bool:
        stmt_start, stmt_end = span
        while stmt_end > stmt_start and text[stmt_end - 1] in ",.;: …":
            stmt_end -= 1
        if len(text[stmt_start:stmt_end].split()) < min_words:
            return False
        covered.append(evidence)
        claims.append(
            AttributionClaim(
                id="",
                article_id=article.id,
                statement=text[stmt_start:stmt_end],
                quote_type="direct" if direct else "paraphrase",
                speaker_text=src.speaker_text,
                speaker=src.speaker,
                channel=src.channel,
                channel_text=src.channel_text,
                statement_span=article.span(stmt_start, stmt_end),
                evidence=article.span(*evidence),
            )
        )
        return True

    for m in TWEET.pattern.finditer(text) if TWEET.may_match(text) else ():
        body_end = m.start("body") + len(m.group("body").rstrip())
        who = f"{m.group('name').strip()} ({m.group('handle')})"
        src = _Source(who, m.group("handle"), Channel.SOCIAL_POST, "embedded post")
        add((m.start("body"), body_end), (m.start(), m.end()), src, True)

    quotes = find_quotes(text)
    previous: tuple[_Quote, _Source] | None = None
    for q in quotes:
        if any(s <= q.start < e for s, e in covered):
            continue
        found = _quote_source(q, text, segments, tracker)
        if found is None and previous is not None and "\n" not in text[previous[0].end : q.start]:
            # '"...," said Ray Dunagan. "That's what this was about."': same speaker.
            seg = _segment_containing(segments, q.start)
            found = (previous[1], (seg.start, max(seg.end, q.outer_end)))
        if found is None:
            continue
        src, evidence = found
        framed = src.speaker_text[:1].isupper() and src.speaker_text.lower() not in ("he", "she")
        if add(
            (q.start, q.end),
            evidence,
            src,
            True,
            MIN_FRAMED_QUOTE_WORDS if framed else MIN_QUOTE_WORDS,
        ):
            previous = (q, src)

    for seg in segments:
        if any(s < seg.end and seg.start < e for s, e in covered):
            continue
        rep = reported_in(seg, tracker)
        if rep is None:
            continue
        src = _Source(rep.speaker_text, rep.speaker, rep.channel, rep.channel_text)
        add((rep.stmt_start, rep.stmt_end), (seg.start, seg.end), src, False)
        # A quoted fragment inside reported speech is the same speaker's own words.
        for q in quotes:
            if rep.stmt_start <= q.start and q.end <= rep.stmt_end:
                add((q.start, q.end), (seg.start, seg.end), src, True)
    return claims


def _quote_source(
    q: _Quote, text: str, segments: list[Segment], tracker: Tracker
) -> tuple[_Source, tuple[int, int]] | None:
    """Who said this quote, through what channel, and the evidence span that shows it."""
    seg_start = _segment_containing(segments, q.start - 1).start
    end_seg = _segment_containing(segments, max(q.outer_end - 1, q.start))
    tail_end = _segment_end_after(segments, q.outer_end)
    after = text[q.outer_end : tail_end]
    before = text[seg_start : q.start - 1]
    who, ev_end = None, max(end_seg.end, q.outer_end)
    m_after = _AFTER_RE.match(after)
    m_before = _BEFORE_RE.search(before) or _COLON_RE.match(before)
    m_acc = _ACCORDING_RE.search(after) or _ACCORDING_RE.search(before)
    if m_after:
        who = m_after.group("who1") or m_after.group("who2")
        ev_end = tail_end
    elif m_before:
        who = m_before.group("who")
    elif m_acc:
        who = m_acc.group("who")
        ev_end = max(ev_end, tail_end) if m_acc.string is after else ev_end
    if not who:
        return None
    speaker, from_context = tracker.resolve_phrase(who.strip(), q.start)
    if not speaker:
        return None
    channel, channel_text = detect_channel(outside_quotes(text[seg_start:ev_end]))
    if channel is Channel.UNKNOWN:
        current, context_channel, context_text = tracker.current(q.start)
        if from_context or current == speaker:
            channel, channel_text = context_channel, context_text
    return _Source(who.strip(), speaker, channel, channel_text), (seg_start, ev_end)


def _segment_containing(segments: list[Segment], offset: int) -> Segment:
    for seg in segments:
        if seg.start <= offset < seg.end:
            return seg
    best = segments[0]
    for seg in segments:
        if seg.start <= offset:
            best = seg
    return best


def _segment_end_after(segments: list[Segment], offset: int) -> int:
    for seg in segments:
        if seg.end > offset:
            return seg.end if seg.start <= offset else offset
    return offset
