"""Who is speaking, and through what channel, at each point of an article.

Pronouns and role nouns resolve to the current clause subject (the last named person acting
in the text), and a speaker's channel carries over from the clause that introduced them
("... on his X account. '...,' he said") until another subject takes over.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from factcheck.rules.literals import Guarded, fold
from factcheck.rules.mentions import (
    ROLE_MODIFIER,
    ROLE_NOUNS_RE,
    Mention,
    People,
    split_role,
)
from factcheck.rules.references import pronoun_mentions, role_mentions
from factcheck.rules.sentences import Segment, split_sentences
from factcheck.rules.speakers import same_entity
from factcheck.rules.wordtrie import word_trie
from factcheck.schemas import Channel

SPEECH_VERBS = (
    "said|says|say|told|added|adds|noted|notes|declared|stated|stressed|explained|emphasi[sz]ed|"
    "pointed out|insisted|wrote|writes|tweeted|posted|commented|remarked|asserted|warned|"
    "announced|argued|acknowledged|conceded|continued|replied|answered|recalled|highlighted|"
    "conveyed|assured|revealed|promised|confirmed|denied|rejected|claimed|maintained|underlined|"
    "underscored|observed|admitted|urged|vowed|reiterated|affirmed|affirms|indicated|specified|"
    "estimated|defended|summari[sz]ed|boasted|complained|cautioned|predicted|hinted|suggested"
)
VERB = rf"(?:{word_trie(SPEECH_VERBS)})"  # the same matches, a fraction of the attempts
# "..., said Saturday that crews held the line": US wire style drops the "on" before a day,
# so a capitalised word after a speech verb may be a time, never a speaker.
_NOT_A_NAME = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|Today|Yesterday|Tonight|"
    r"Earlier|Later|Last|This|Next)\b)"
)
# A speaker phrase: pronoun, "the (Mexican) foreign minister", or a capitalised name.
WHO = (
    r"(?:[Hh]e|[Ss]he"
    rf"|(?:[Tt]he|[Hh]is|[Hh]er)\s+(?:{ROLE_MODIFIER}\s+){{0,3}}?(?i:{ROLE_NOUNS_RE})"
    rf"|{_NOT_A_NAME}[A-ZÁÉÍÓÚ][\w'’\-]+(?:\s+(?:de|del|la|[A-ZÁÉÍÓÚ(][\w'’\-()]+)){{0,4}})"
)
# The reporting frame of a sentence: everything up to "<speech verb> that".
FRAME = Guarded(re.compile(rf"^.*?\b{VERB}\b[^“\"]*?\bthat\b", re.IGNORECASE), ("that",))

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
    (Channel.INTERVIEW, r"\binterview|\btold (?:the )?[A-Z][\w.]+"),
    (Channel.SPEECH, r"\bspeech\b|\baddress(?:ed|ing)? (?:the|a)\b|\brally\b"),
    (Channel.STATEMENT, r"statement|communiqu|press release|\bdecree\b"),
]
# Words at least one of which is in every match of each cue (see ``literals``).
_CHANNEL_NEEDLES: dict[Channel, str] = {
    Channel.MEDIA_REPORT: "reproduced by|quoted by|cited by|told",
    Channel.SOCIAL_POST: "x account|on x|twitter|tweet|social media|social network|facebook|"
    "instagram|telegram|posted|post on|@",
    Channel.PRESS_BRIEFING: "briefing|reporters|journalists|press conference|news conference|"
    "to the media|to the press|doors of|press point",
    Channel.INTERVIEW: "interview|told",
    Channel.SPEECH: "speech|address|rally",
    Channel.STATEMENT: "statement|communiqu|press release|decree",
}
CHANNELS = [
    (channel, Guarded(re.compile(cue, re.IGNORECASE), tuple(_CHANNEL_NEEDLES[channel].split("|"))))
    for channel, cue in _CHANNEL_CUES
]


def detect_channel(text: str) -> tuple[Channel, str | None]:
    folded = fold(text)
    for channel, cue in CHANNELS:
        m = cue.search(text, folded)
        if m:
            return channel, m.group(0)
    return Channel.UNKNOWN, None


_QUOTED_RE = re.compile(r"[“\"][^”\"]*[”\"]")


def outside_quotes(text: str) -> str:
    return _QUOTED_RE.sub(" ", text)


def reporting_frame(sentence: str) -> str:
    """In reported speech only the frame before "that" says how it was said."""
    m = FRAME.match(sentence)
    return m.group(0) if m else sentence


def in_quote(text: str, seg: Segment, offset: int) -> bool:
    before = text[seg.start : offset]
    return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1


class Tracker:
    """Follows the clause subject through the article to resolve pronouns and role nouns."""

    def __init__(self, text: str, people: People) -> None:
        self.text = text
        self.people = people
        # One event per sentence whose subject is known: where it starts, who speaks, the
        # sentence, and where the run of events with that speaker began.
        self._event_starts: list[int] = []
        self._event_who: list[str] = []
        self._event_text: list[str] = []
        self._run_start: list[int] = []
        # The channel in force at each event, worked out on demand (see ``_channel_at``).
        self._in_force: dict[int, tuple[Channel, str | None]] = {}
        self._full_names: dict[str, str] = {}
        mentions = people.names + role_mentions(text) + pronoun_mentions(text)
        mentions.sort(key=lambda m: m.start)
        segments = split_sentences(text)
        # The actors (mentions not governed by a preposition) of each sentence, in one walk
        # over both in text order (sentences are disjoint and in order): most sentences have
        # none and are passed over without a look.
        acting: dict[int, list[Mention]] = {}
        k = 0
        for m in mentions:
            if m.governed:
                continue
            while k < len(segments) and segments[k].end <= m.start:
                k += 1
            if k == len(segments):
                break
            if segments[k].start <= m.start:
                acting.setdefault(k, []).append(m)
        current: str | None = None
        for k, in_segment in acting.items():  # in sentence order
            seg = segments[k]
            inside = [m for m in in_segment if not in_quote(text, seg, m.start)]
            if not inside:
                continue
            # "..., according to X" names the source of the whole sentence.
            sourced = [m for m in inside if text[max(0, m.start - 13) : m.start] == "according to "]
            subj = sourced[0] if sourced else inside[0]
            who: str | None
            if subj.kind == "name":
                who = self.full_name(subj.text)
            elif subj.kind == "role":
                person = people.person_for_role(subj.role, subj.start)
                who = self.full_name(person) if person else current
            else:
                who = current
            if who is None:
                continue
            n = len(self._event_starts)
            self._run_start.append(n if who != current else self._run_start[-1])
            current = who
            self._event_starts.append(seg.start)  # ascending, as segments are
            self._event_who.append(who)
            self._event_text.append(seg.text)

    def _channel_at(self, k: int) -> tuple[Channel, str | None]:
        """The channel in force at event ``k``: the cue of the latest sentence since the
        speaker took over that names one ("... on his X account. '...,' he said"), else
        unknown. The same answer as reading every sentence's cue in one pass, but a sentence
        is read only when a question reaches back to it: most never are (an article asks
        about a few quotes and reported sentences), and the cue patterns are long."""
        walked: list[int] = []
        found: tuple[Channel, str | None] = (Channel.UNKNOWN, None)
        j = k
        while j >= self._run_start[k]:
            known = self._in_force.get(j)
            if known is not None:
                found = known
                break
            walked.append(j)  # each sentence's cue is read once: it is then in _in_force
            own = detect_channel(outside_quotes(reporting_frame(self._event_text[j])))
            if own[0] is not Channel.UNKNOWN:
                found = own
                break
            j -= 1
        for j in walked:
            self._in_force[j] = found
        return found

    def full_name(self, name: str) -> str:
        """The longest name in the article for the same person (memoised: the article's names
        do not change)."""
        found = self._full_names.get(name)
        if found is None:
            found = self._full_names[name] = self._longest_alias(name)
        return found

    def _longest_alias(self, name: str) -> str:
        best = name
        single = len(name.split()) == 1
        offered = self.people.may_be(name)  # same_entity accepts no other name
        for text in self.people.distinct_names():  # the first longest match, as over mentions
            if len(text) <= len(best):
                continue
            # Within one article a lone first name ("Andy said") is the Andy it introduced.
            if (text in offered and same_entity(name, text)) or (
                single and text.split()[0] == name
            ):
                best = text
        return best

    def current(self, offset: int) -> tuple[str | None, Channel, str | None]:
        """The subject and channel in force just before ``offset``."""
        k = bisect_left(self._event_starts, offset)
        if k == 0:
            return None, Channel.UNKNOWN, None
        channel, channel_text = self._channel_at(k - 1)
        return self._event_who[k - 1], channel, channel_text

    def resolve_phrase(self, phrase: str, at: int) -> tuple[str | None, bool]:
        """A longer speaker phrase ("Local 512 president Denise Okafor", "a forklift operator
        Ray Dunagan"): the person named in it, else the phrase read as a speaker."""
        if _PRONOUN_OR_ROLE_RE.match(phrase):
            return self.resolve(phrase, at)
        named = [(phrase.find(t), t) for t in self.people.distinct_names() if t in phrase]
        if named:
            # The first person named is the subject: "Okafor told Smith's paper ..."
            return self.full_name(min(named)[1]), False
        if len(phrase.split()) > 6 or not phrase[:1].isupper():
            return None, False
        return self.resolve(phrase, at)

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
                return self.full_name(person), False
            return self.current(at)[0], True
        role, name = split_role(who)
        if not name:
            # A bare title ("Commissioner said") is a role noun without its article.
            person = self.people.person_for_role(role, at)
            if person:
                return self.full_name(person), False
            return self.current(at)[0], True
        known = any(same_entity(name, text) for text in self.people.may_be(name))
        # A capitalised source right before a speech verb ("Météo-France said", "Enedis said")
        # is a body; a capitalised function word is not.
        if (
            not known
            and " " not in name
            and (not name[:1].isupper() or name.lower() in _NOT_SOURCES)
        ):
            return None, False
        return self.full_name(name), False


_PRONOUN_OR_ROLE_RE = re.compile(rf"^{WHO}$")


_NOT_SOURCES = frozenset(
    "it this that there these those they we i you one some many others officials authorities "
    "no not none nothing nobody neither nor "
    "besides meanwhile however also finally well".split()
)
