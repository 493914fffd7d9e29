"""Offline attribution extraction: quotes, embedded posts and reported speech with speakers.

Speakers are found from speech-verb frames around a quote ('," said the diplomat',
'X also said: "'); pronouns, role nouns and channels are resolved by ``discourse.Tracker``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from factcheck.rules.discourse import VERB, WHO, Tracker, detect_channel, outside_quotes
from factcheck.rules.literals import Guarded
from factcheck.rules.mentions import find_people
from factcheck.rules.reported import may_report, reported_in
from factcheck.rules.sentences import Segment, char_positions, split_sentences
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
_VERB_TAIL = re.compile(rf"\s+(?:also\s+|then\s+|later\s+)?{VERB}\b.*$", re.DOTALL)
# '"...," was tweeted by the minister': a passive frame after the quote.
_PASSIVE_AFTER_RE = re.compile(
    rf"^[\s,.]*(?:was|were|has\s+been|had\s+been)\s+(?:{VERB}|written|uttered|made)\s+by\s+"
    rf"(?P<who>{WHO})\b"
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


def _tweets(text: str) -> list[re.Match[str]]:
    """What ``TWEET.pattern.finditer`` finds, tried only at the line starts a match can start
    at ("finditer" tries every position; its lazy body is tried at every character of every
    line, which made it the costliest pattern of an article with a handle). A match's body is
    one line; what follows up to its handle's "(@" is whitespace, a link, a dash and a name,
    none of which spans a line break: at most three lines with anything but whitespace lie
    between the body's line and the handle's. So from each "(@", the line starts up to three
    such lines above are the only places a match through that "(@" can start; trying them in
    order, each after the end of the last match, finds the matches ``finditer`` finds."""
    if not TWEET.may_match(text):
        return []
    starts: set[int] = set()
    at = text.find("(@")
    while at >= 0:
        line = text.rfind("\n", 0, at) + 1
        starts.add(line)
        between = 0  # lines with more than whitespace between ``line`` and the handle's
        while line > 0 and between <= 3:
            above = text.rfind("\n", 0, line - 1) + 1
            starts.add(above)
            between += bool(text[above : line - 1].strip())
            line = above
        at = text.find("(@", at + 1)
    found: list[re.Match[str]] = []
    resume = 0
    for start in sorted(starts):
        if start >= resume and (m := TWEET.pattern.match(text, start)):
            found.append(m)
            resume = m.end()
    return found


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


# A closing mark not followed by a letter or digit ("[^\W_]" is exactly str.isalnum).
_CLOSE_RE = re.compile(rf"[{_CLOSE}](?![^\W_])")


def find_quotes(text: str) -> list[_Quote]:
    """Quotations within a paragraph; an opening mark after a space, bracket, colon or dash
    (or at the paragraph's start) runs to the next closing mark that ends a word, else to the
    paragraph's end. The scans jump from mark to mark instead of stepping over each
    character, over the whole article (most paragraphs hold no mark)."""
    quotes: list[_Quote] = []
    resume = 0  # marks before this one lie inside a quotation already found
    for i in char_positions(text, _OPEN):
        if i < resume:
            continue
        # The paragraph around the mark: the run of characters without a line break.
        p_start = text.rfind("\n", 0, i) + 1
        p_end = text.find("\n", i)
        if p_end < 0:
            p_end = len(text)
        prev = text[i - 1] if i > 0 else " "
        if prev.isspace() or prev in "(:—–-,[" or i == p_start:
            close = _CLOSE_RE.search(text, i + 1, p_end)
            j = close.start() if close else p_end
            quotes.append(_Quote(i + 1, j, min(j + 1, p_end)))
            resume = j + 1
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
    index = _Segments(segments)
    claims: list[AttributionClaim] = []
    covered: list[tuple[int, int]] = []  # evidence spans already used

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

    for m in _tweets(text):
        body_end = m.start("body") + len(m.group("body").rstrip())
        who = f"{m.group('name').strip()} ({m.group('handle')})"
        src = _Source(who, m.group("handle"), Channel.SOCIAL_POST, "embedded post")
        add((m.start("body"), body_end), (m.start(), m.end()), src, True)

    quotes = find_quotes(text)
    previous: tuple[_Quote, _Source] | None = None
    # Quotes come in text order and each one's evidence starts at or before it, so a later
    # quote lies in an earlier quote's evidence exactly when it starts before the furthest
    # end so far (no scan of every span per quote: long articles stay linear).
    posts = _Spans(covered)
    quote_reach = -1
    for q in quotes:
        if q.start < quote_reach or posts.contains(q.start):
            continue
        found = _quote_source(q, text, index, tracker)
        if found is None and previous is not None and "\n" not in text[previous[0].end : q.start]:
            # '"...," said Ray Dunagan. "That's what this was about."': same speaker.
            seg = index.containing(q.start)
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
            quote_reach = max(quote_reach, evidence[1])

    # What reported speech adds below is each segment's own span: it never covers a later one.
    used = _Spans(covered)
    quote_starts = [q.start for q in quotes]
    cued = may_report(text, segments, index.starts)
    for n, seg in enumerate(segments):
        if n not in cued or used.overlaps(seg.start, seg.end):
            continue
        rep = reported_in(seg, tracker)
        if rep is None:
            continue
        src = _Source(rep.speaker_text, rep.speaker, rep.channel, rep.channel_text)
        add((rep.stmt_start, rep.stmt_end), (seg.start, seg.end), src, False)
        # A quoted fragment inside reported speech is the same speaker's own words.
        for k in range(bisect_left(quote_starts, rep.stmt_start), len(quotes)):
            q = quotes[k]
            if q.start > rep.stmt_end:
                break
            if q.end <= rep.stmt_end:
                add((q.start, q.end), (seg.start, seg.end), src, True)
    return claims


class _Spans:
    """Fixed spans, asked whether any contains a point or overlaps a range (sorted by start,
    with the furthest end so far: a bisection per question)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []
        for _, e in ordered:
            self._reach.append(max(e, self._reach[-1]) if self._reach else e)

    def contains(self, point: int) -> bool:
        k = bisect_right(self._starts, point)
        return k > 0 and self._reach[k - 1] > point

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self._starts, end)
        return k > 0 and self._reach[k - 1] > start


class _Segments:
    """An article's sentences (in order, disjoint) with their bounds, for bisection."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments
        self.starts = [s.start for s in segments]
        self._ends = [s.end for s in segments]

    def containing(self, offset: int) -> Segment:
        """The segment around ``offset``, else the last one before it, else the first."""
        k = bisect_right(self.starts, offset) - 1
        return self.segments[max(k, 0)]

    def end_after(self, offset: int) -> int:
        """The end of the segment around ``offset``; ``offset`` itself between segments."""
        k = bisect_right(self._ends, offset)
        if k == len(self.segments):
            return offset
        seg = self.segments[k]
        return seg.end if seg.start <= offset else offset


def _quote_source(
    q: _Quote, text: str, segments: _Segments, tracker: Tracker
) -> tuple[_Source, tuple[int, int]] | None:
    """Who said this quote, through what channel, and the evidence span that shows it."""
    seg_start = segments.containing(q.start - 1).start
    end_seg = segments.containing(max(q.outer_end - 1, q.start))
    tail_end = segments.end_after(q.outer_end)
    after = text[q.outer_end : tail_end]
    before = text[seg_start : q.start - 1]
    who, ev_end = None, max(end_seg.end, q.outer_end)
    # A frame after the quote first, then before it, then "according to": each pattern is
    # tried only when the ones before it found nothing.
    m_after = _PASSIVE_AFTER_RE.match(after) or _AFTER_RE.match(after)
    if m_after:
        groups = m_after.groupdict()
        who = groups.get("who1") or groups.get("who2") or groups.get("who")
        ev_end = tail_end
    elif m_before := _BEFORE_RE.search(before) or _COLON_RE.match(before):
        who = m_before.group("who")
    elif m_acc := _ACCORDING_RE.search(after) or _ACCORDING_RE.search(before):
        who = m_acc.group("who")
        ev_end = max(ev_end, tail_end) if m_acc.string is after else ev_end
    if not who:
        return None
    # "Ruiz told the New York Times: ..." -- the speaker ends at the speech verb; whom they
    # told is the channel (an interview, a briefing), never the speaker.
    who = _VERB_TAIL.sub("", who.strip()) or who.strip()
    speaker, from_context = tracker.resolve_phrase(who.strip(), q.start)
    if not speaker:
        return None
    channel, channel_text = detect_channel(outside_quotes(text[seg_start:ev_end]))
    if channel is Channel.UNKNOWN:
        current, context_channel, context_text = tracker.current(q.start)
        if from_context or current == speaker:
            channel, channel_text = context_channel, context_text
    return _Source(who.strip(), speaker, channel, channel_text), (seg_start, ev_end)
