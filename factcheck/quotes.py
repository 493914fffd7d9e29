"""Offline attribution extraction: quotes, embedded posts and reported speech with speakers.

Speakers are found from speech-verb frames around a quote ('," said the diplomat',
'X also said: "'), pronouns and role nouns resolve to the current clause subject (the last
named person acting in the text), and the channel comes from the attribution clause or, for a
pronoun, from the clause that introduced the speaker ("... on his X account. '...,' he said").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.mentions import (
    ROLE_NOUNS,
    People,
    find_people,
    pronoun_mentions,
    role_mentions,
    split_role,
)
from factcheck.schemas import Article, AttributionClaim, Channel
from factcheck.sentences import Segment, split_sentences
from factcheck.speakers import same_entity

SPEECH_VERBS = (
    "said|says|say|told|added|adds|noted|notes|declared|stated|stressed|explained|emphasi[sz]ed|"
    "pointed out|insisted|wrote|writes|tweeted|posted|commented|remarked|asserted|warned|"
    "announced|argued|acknowledged|conceded|continued|replied|answered|recalled|highlighted|"
    "conveyed|assured|revealed|promised|confirmed|denied|rejected|claimed|maintained|underlined|"
    "underscored|observed|admitted|urged|vowed|reiterated"
)
_VERB = rf"(?:{SPEECH_VERBS})"
# A speaker phrase: pronoun, "the (Mexican) foreign minister", or a capitalised name.
_WHO = (
    r"(?:[Hh]e|[Ss]he"
    rf"|(?:[Tt]he|[Hh]is|[Hh]er)\s+(?:[\w.\-]+\s+){{0,3}}?(?i:{ROLE_NOUNS})"
    r"|[A-ZÁÉÍÓÚ][\w'’\-]+(?:\s+(?:de|del|la|[A-ZÁÉÍÓÚ(][\w'’\-()]+)){0,4})"
)
_AFTER_RE = re.compile(
    rf"^[\s,.]*(?:(?P<who1>{_WHO})\s+(?:also\s+|then\s+|later\s+)?{_VERB}\b"
    rf"|{_VERB}\s+(?P<who2>{_WHO})\b)"
)
_BEFORE_RE = re.compile(
    rf"(?P<who>{_WHO})\s*,?\s+(?:also\s+|then\s+|later\s+|additionally\s+)?{_VERB}"
    r"(?:\s+(?:on|in|to|at)\s+[^:“\"]{0,60}?)?(?:\s+that)?\s*[:,]?\s*$"
)
_ACCORDING_RE = re.compile(r"according to\s+(?P<who>[^,.;“\"]{3,80})", re.IGNORECASE)
_PARAPHRASE_RE = re.compile(
    rf"^(?:[^,]{{0,40}},\s+)?(?P<who>{_WHO})\s+(?:also\s+|additionally\s+|further\s+|later\s+)?"
    rf"(?P<verb>{_VERB})\s+(?:(?:to|on|at)\s+[\w\s']{{1,40}}?\s+)?"
    r"(?:(?:reporters|journalists|the (?:press|media|audience|crowd)|lawmakers|supporters)\s+)?"
    r"(?:that\s+)?(?P<stmt>[^“\"]+)$"
)
_TWEET_RE = re.compile(
    r"^(?P<body>.+?)\s*(?:pic\.twitter\.com/\S+|https?://\S+)?\s*[—–]\s*(?P<name>[^()\n—]{1,60}?)\s*"
    r"\((?P<handle>@\w+)\)\s*(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})\s*$",
    re.MULTILINE,
)
# Ordered: the first channel whose cue appears wins ("statements reproduced by Telemundo" is a
# media relay, not a statement; "statements to the media" is a briefing).
_CHANNEL_CUES: list[tuple[Channel, str]] = [
    (
        Channel.MEDIA_REPORT,
        r"reproduced by|quoted by|cited by"
        r"|told (?:the )?[A-Z]\w+ (?:newspaper|radio|television|TV)",
    ),
    (
        Channel.SOCIAL_POST,
        r"\bX account\b|\bon X\b|twitter|tweet|social media|social network|facebook|"
        r"instagram|telegram|\bposted\b|\bpost on\b|@\w+",
    ),
    (
        Channel.PRESS_BRIEFING,
        r"briefing|reporters|journalists|press conference|news conference|to the media|"
        r"to the press|doors of|press point",
    ),
    (Channel.INTERVIEW, r"\binterview"),
    (Channel.SPEECH, r"\bspeech\b|\baddress(?:ed|ing)? (?:the|a)\b|\brally\b"),
    (Channel.STATEMENT, r"statement|communiqu|press release|\bdecree\b"),
]
_CHANNELS = [(channel, re.compile(cue, re.IGNORECASE)) for channel, cue in _CHANNEL_CUES]
_OPEN = '“"'
_CLOSE = '”"'
MIN_QUOTE_WORDS = 4


def detect_channel(text: str) -> tuple[Channel, str | None]:
    for channel, pattern in _CHANNELS:
        m = pattern.search(text)
        if m:
            return channel, m.group(0)
    return Channel.UNKNOWN, None


@dataclass
class _Quote:
    start: int  # inner text start (after the opening mark)
    end: int  # inner text end (before the closing mark)
    outer_end: int


def find_quotes(text: str) -> list[_Quote]:
    quotes: list[_Quote] = []
    for para in re.finditer(r"[^\n]+", text):
        i, p_end = para.start(), para.end()
        while i < p_end:
            ch = text[i]
            prev = text[i - 1] if i > 0 else " "
            if ch in _OPEN and (prev.isspace() or prev in "(:—–-,[" or i == para.start()):
                j = i + 1
                while j < p_end and not (
                    text[j] in _CLOSE and (j + 1 >= p_end or not text[j + 1].isalnum())
                ):
                    j += 1
                inner_end = j
                quotes.append(_Quote(i + 1, inner_end, min(j + 1, p_end)))
                i = j + 1
            else:
                i += 1
    return quotes


class _Tracker:
    """Follows the clause subject through the article to resolve pronouns and role nouns."""

    def __init__(self, text: str, people: People) -> None:
        self.text = text
        self.people = people
        self.events: list[tuple[int, str, Channel, str | None]] = []
        mentions = [m for m in people.names + role_mentions(text) + pronoun_mentions(text)]
        mentions.sort(key=lambda m: m.start)
        current: str | None = None
        channel, channel_text = Channel.UNKNOWN, None
        for seg in split_sentences(text):
            inside = [m for m in mentions if seg.start <= m.start < seg.end and not m.governed]
            inside = [m for m in inside if not _in_quote(text, seg, m.start)]
            if not inside:
                continue
            # "..., according to X" names the source of the whole sentence.
            sourced = [m for m in inside if text[max(0, m.start - 14) : m.start] == "according to "]
            subj = sourced[0] if sourced else inside[0]
            if subj.kind == "name":
                who: str | None = self.full_name(subj.text, subj.start)
            elif subj.kind == "role":
                who = people.person_for_role(subj.role, subj.start) or current
            else:
                who = current
            if who is None:
                continue
            para = _PARAPHRASE_RE.match(seg.text)
            # In reported speech only the frame before "that" says how it was said.
            frame = seg.text[: para.start("stmt")] if para else seg.text
            seg_channel, seg_text = detect_channel(_outside_quotes(frame))
            if who != current:
                channel, channel_text = Channel.UNKNOWN, None
            if seg_channel is not Channel.UNKNOWN:
                channel, channel_text = seg_channel, seg_text
            current = who
            self.events.append((seg.start, who, channel, channel_text))

    def full_name(self, name: str, before: int) -> str:
        best = name
        for m in self.people.names:
            if len(m.text) > len(best) and same_entity(name, m.text):
                best = m.text
        return best

    def current(self, offset: int) -> tuple[str | None, Channel, str | None]:
        found: tuple[str | None, Channel, str | None] = (None, Channel.UNKNOWN, None)
        for start, who, channel, channel_text in self.events:
            if start >= offset:
                break
            found = (who, channel, channel_text)
        return found

    def resolve(self, who: str, at: int) -> tuple[str | None, bool]:
        """Speaker phrase -> (name, resolved_from_context)."""
        low = who.lower()
        if low in {"he", "she"}:
            return self.current(at)[0], True
        if low == "they":
            # "they" is usually a body or a group; a single speaker would be a guess.
            return None, False
        if low.split()[0] in {"the", "his", "her"}:
            person = self.people.person_for_role(who, at)
            if person:
                return self.full_name(person, at), False
            return self.current(at)[0], True
        _role, name = split_role(who)
        name = name or who
        if not any(same_entity(name, m.text) for m in self.people.names) and " " not in name:
            return None, False
        return self.full_name(name, at), False


def _in_quote(text: str, seg: Segment, offset: int) -> bool:
    before = text[seg.start : offset]
    return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1


def _outside_quotes(text: str) -> str:
    return re.sub(r"[“\"][^”\"]*[”\"]", " ", text)


def extract_attributions(article: Article) -> list[AttributionClaim]:
    text = article.text
    people = find_people(text)
    tracker = _Tracker(text, people)
    segments = split_sentences(text)
    claims: list[AttributionClaim] = []
    covered: list[tuple[int, int]] = []

    def add(
        stmt_start: int,
        stmt_end: int,
        ev_start: int,
        ev_end: int,
        speaker_text: str,
        speaker: str,
        channel: Channel,
        channel_text: str | None,
        direct: bool,
    ) -> None:
        while stmt_end > stmt_start and text[stmt_end - 1] in ",.;: …":
            stmt_end -= 1
        if len(text[stmt_start:stmt_end].split()) < MIN_QUOTE_WORDS:
            return
        covered.append((ev_start, ev_end))
        claims.append(
            AttributionClaim(
                id="",
                article_id=article.id,
                statement=text[stmt_start:stmt_end],
                quote_type="direct" if direct else "paraphrase",
                speaker_text=speaker_text,
                speaker=speaker,
                channel=channel,
                channel_text=channel_text,
                statement_span=article.span(stmt_start, stmt_end),
                evidence=article.span(ev_start, ev_end),
            )
        )

    for m in _TWEET_RE.finditer(text):
        body_end = m.start("body") + len(m.group("body").rstrip())
        speaker_text = f"{m.group('name').strip()} ({m.group('handle')})"
        add(
            m.start("body"),
            body_end,
            m.start(),
            m.end(),
            speaker_text,
            m.group("handle"),
            Channel.SOCIAL_POST,
            "embedded post",
            True,
        )

    for q in find_quotes(text):
        if any(s <= q.start < e for s, e in covered):
            continue
        seg_start = _segment_containing(segments, q.start - 1).start
        end_seg = _segment_containing(segments, max(q.outer_end - 1, q.start))
        tail_end = _segment_end_after(segments, q.outer_end)
        after = text[q.outer_end : tail_end]
        before = text[seg_start : q.start - 1]
        who, ev_end = None, max(end_seg.end, q.outer_end)
        m_after = _AFTER_RE.match(after)
        m_before = _BEFORE_RE.search(before)
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
            continue
        speaker, from_context = tracker.resolve(who.strip(), q.start)
        if not speaker:
            continue
        clause = _outside_quotes(text[seg_start:ev_end])
        channel, channel_text = detect_channel(clause)
        if channel is Channel.UNKNOWN and from_context:
            _, channel, channel_text = tracker.current(q.start)
        add(q.start, q.end, seg_start, ev_end, who.strip(), speaker, channel, channel_text, True)

    for seg in segments:
        if (
            any(s < seg.end and seg.start < e for s, e in covered)
            or '"' in seg.text
            or "“" in seg.text
        ):
            continue
        pm = _PARAPHRASE_RE.match(seg.text)
        if not pm:
            continue
        speaker, from_context = tracker.resolve(pm.group("who").strip(), seg.start)
        if not speaker:
            continue
        channel, channel_text = detect_channel(seg.text[: pm.start("stmt")])
        if channel is Channel.UNKNOWN:
            _, channel, channel_text = tracker.current(seg.start + 1)
        add(
            seg.start + pm.start("stmt"),
            seg.end,
            seg.start,
            seg.end,
            pm.group("who").strip(),
            speaker,
            channel,
            channel_text,
            False,
        )
    return claims


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
