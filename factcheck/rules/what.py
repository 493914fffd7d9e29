"""What a figure counts and what happened to it: the counted class and the event of a frame.

The event is the casualty/vote/travel word nearest the number (never across strong punctuation
or another figure); the counted class comes from the noun the number counts, a collective it is
the size of ("a caravan of 10,000"), or, for a bare number ("seven died"), the human class of
its clause.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from factcheck.numbers import ParsedQuantity
from factcheck.numbers.tokens import singular
from factcheck.rules.framewords import CLASS_OF_WORD, COLLECTIVES, EVENT_OF_WORD, HUMAN_EVENTS
from factcheck.rules.mentions import NATIONALITY_RE
from factcheck.rules.words import START, Word, words_inside, words_of, words_starting
from factcheck.rules.wordtrie import word_trie
from factcheck.schemas import Dimension, Role, Slot

_STRONG = frozenset(";:()—–")


_MAX_WORDS = 7  # how far from the number an event word may stand

# The first words of the event phrases ("lost" of "lost their lives"). A word holds no space,
# so words that do not open a phrase with one of these are no phrase: they are not looked up.
_PHRASE_START = frozenset(phrase.split(" ")[0] for phrase in EVENT_OF_WORD if " " in phrase)

# Compiled once: re.match(string, ...) looks its pattern up in re's cache on every call.
_AND_CREW = re.compile(r"\s*(?:and|&)\s+(?:crew|crew\s+members)\b")
_SHARE_OF = re.compile(r"\s*of\s+(?:the\s+|a\s+|its\s+|their\s+)?([a-z][\w\-]*)")
_NEXT_WORD = re.compile(r"\s*([a-z][\w\-]*)")
_CLAUSE_STOP = re.compile(r"[,;:()—–]|\s-\s")
_OF_WHOLE = re.compile(r"\d\s+of\s+(?:the\s+)?$")


# Defaults when no event word stands near the number: seats are won, passengers are aboard.
_DEFAULT_EVENT = {"seats": "won", "passengers": "on_board", "crew": "on_board",
                  "passengers and crew": "on_board", "votes": "voted"}  # fmt: skip


_HUMAN_CLASSES = frozenset(
    {"people", "attackers", "passengers", "crew", "passengers and crew", "police", "soldiers",
     "children", "women", "students", "workers", "migrants"}
)  # fmt: skip


_AUX = frozenset("were was are is have has had been being reportedly also believed".split())


_FUNCTION = frozenset(
    "a an the and or but of to in on at by for from with as is are was were be been that this "
    "than then so also more less per cent percent points point when where while after before "
    "since until because though".split()
)


def _class_of(word: str) -> str | None:
    low = word.lower()
    return CLASS_OF_WORD.get(low) or CLASS_OF_WORD.get(low.rstrip("s"))


def counted_of(
    sentence: str, q: ParsedQuantity, others: Sequence[ParsedQuantity]
) -> tuple[Slot | None, str | None]:
    """What is counted, and for an elliptical part ("Eight attackers are dead, and seven died")
    the event of its antecedent ("*" when the antecedent names no event)."""
    dim = q.dimension
    if dim is Dimension.DURATION:
        return Slot(value="time", text=q.text), None
    if dim is Dimension.MONEY:
        return Slot(value="money", text=q.text), None
    if dim is Dimension.PERCENT:
        share = _percent_of(sentence, q) or _share_subject(sentence[: q.start])
        if share is None:
            return Slot(value="share", text=q.text), None
        return Slot(value=f"share of {share[0]}", text=share[1]), None
    if dim is not Dimension.COUNT:
        kind = {"year of age": "age", "rank": f"rank ({q.unit_text})"}.get(q.unit, q.unit)
        return Slot(value=kind, text=q.text), None
    after = sentence[q.end : q.end + 40]
    if _AND_CREW.match(after) and "passenger" in q.text:
        return Slot(value="passengers and crew", text=q.text + after.split(",")[0]), None
    collective = _collective(sentence, q, others)
    if collective is not None:
        return collective, None  # its event is its size (see event_of)
    noun = q.unit_text
    if noun and (noun.lower() not in EVENT_OF_WORD or _class_of(noun)):
        label: str | None = _class_of(noun)
        if label is None and noun[:1].isupper() and NATIONALITY_RE.match(noun.rstrip("s")):
            label = "people"  # "Three Chileans": people, of a group (see _scope)
        return Slot(value=label or _lemma(noun), text=noun), None
    if noun and noun.lower() in EVENT_OF_WORD and q.unit != "person":
        return Slot(value="people", text=noun), None  # "21 deaths", "12 fatalities"
    if q.unit != "person":
        return None, None
    antecedent = _antecedent(sentence, q, others)
    if antecedent is not None:
        return antecedent
    return Slot(value="people", text=noun or q.text), None


def _antecedent(
    sentence: str, q: ParsedQuantity, others: Sequence[ParsedQuantity]
) -> tuple[Slot, str] | None:
    """The human class a bare number ("seven died", "352 were injured") continues: an earlier
    figure of its clause ("Eight attackers are dead, and seven died") or the clause's subject
    ("all of the gunmen are dead - seven killed themselves"); never an agent ("by gunmen")."""
    clause_start = max(sentence.rfind(ch, 0, q.start) for ch in ";:(") + 1
    words = words_of(sentence)
    for o in reversed([o for o in others if clause_start <= o.start and o.end <= q.start]):
        label = _class_of(o.unit_text) if o.unit_text else None
        if label in _HUMAN_CLASSES:
            return Slot(value=label, text=o.unit_text), _event_near(words, o.end) or "*"
    for w in reversed(words_inside(words, clause_start, q.start)):
        label = _class_of(w.text)
        if label not in _HUMAN_CLASSES:
            continue
        lead = sentence[max(0, w.start - 12) : w.start].lower()
        if re.search(r"\bby\s+(?:\w+\s+)?$", lead) or not re.search(r"\b(?:the|all)\s+$", lead):
            continue
        return Slot(value=label, text=w.text), _event_near(words, w.end) or "*"
    return None


# Words after a percentage that are not what it is of: "4% last month", "58% four years ago".
_NOT_SHARED = frozenset(
    "last next this that these year years month months week weeks day days ago earlier later "
    "one two three four five six seven eight nine ten say says said think believe want wants "
    "support supports oppose opposes approve approves agree agrees favour favor expect back "
    "backs plan plans would will could may might against across among between into through "
    "toward towards within without amid despite versus compared".split()
)


def _percent_of(sentence: str, q: ParsedQuantity) -> tuple[str, str] | None:
    """What a percentage is a share of: "30 percent of the vote", "22 percent unemployment"
    (None when the sentence does not say it next to the number)."""
    tail = sentence[q.end :]
    after = _SHARE_OF.match(tail)
    if after:
        return after.group(1), after.group(0).strip()
    nxt = _NEXT_WORD.match(tail)
    if (
        nxt
        and nxt.group(1) not in _FUNCTION | _NOT_SHARED
        and not nxt.group(1).endswith(("ly", "ed"))
    ):
        return nxt.group(1), nxt.group(1)
    return None


# "Turnout was 61.4 percent", "inflation slowed to 23.8 per cent", "raised the rate from 28 per
# cent to 29.5 per cent", "a turnout of 58%": the noun a percentage is the level of, reached
# back through a linking or change verb, prepositions, hedges and the figure it moved from.
_LINK_WORDS = (
    "is|was|are|were|be|been|being|has|have|had|will|would|to|at|of|from|by|in|on|stood|stands|"
    "stand|remained|remains|remain|reached|reach|hit|rose|rise|risen|fell|fall|fallen|climbed|"
    "dropped|slowed|slow|eased|ease|jumped|increased|decreased|declined|grew|shrank|edged|ticked|"
    "came|rises|falls|climbs|drops|eases|slows|jumps|grows|reaches|hits|stays|up|down|monday|"
    "tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening|night|noon|"
    "midnight|about|around|nearly|almost|some|roughly|just|than|more|less|over|under|below|above|"
    "only|a|an|the"
)
# A trie (rules/wordtrie.py; three lookaheads try it at every word), then the figures, which
# open with a digit, "." or ",": never where a word fits, so the same matches in the same order.
_LINK = (
    rf"(?:{word_trie(_LINK_WORDS)}|\d{{1,2}}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)|"
    r"[\d.,]+\s*(?:%|percent|per\s+cent)|[\d.,]+)"
)
# "slowed", "sharply", "rose": not the noun a percentage measures
_NOT_VERB = rf"(?![a-z\-]*(?:ed|ly|ing)\b)(?!{_LINK}\b)"
_NOT_SUBJECT = _FUNCTION | frozenset(
    "it its their his her they he she which who there here what percentage share figure "
    "number total".split()
)
_NOT_FUNCTION = rf"(?!(?:{word_trie('|'.join(sorted(_NOT_SUBJECT)))})\b)"
# "Turnout in the city of Valdora was 67 percent": a short prepositional phrase may follow.
_QUALIFIED = r"(?:\s+(?:in|of|for|among|across|at)\s+(?:[\w\-]+\s+){0,3}?[\w\-]+)?"
_SHARE_SUBJECT = re.compile(
    rf"(?:\b(?P<mod>{_NOT_VERB}{_NOT_FUNCTION}[a-z][a-z\-]{{2,}})\s+)?"
    rf"\b(?P<noun>{_NOT_VERB}{_NOT_FUNCTION}[A-Za-z][a-z\-]{{2,}}){_QUALIFIED}\s+"
    rf"(?:{_LINK}\s+)*?(?:{_LINK})\s*$",
    re.IGNORECASE,
)
# Modifiers that do not make another measure ("annual inflation" is "inflation").
_NEUTRAL = _NOT_SUBJECT | frozenset(
    "annual overall headline official total final latest current new key main its".split()
)


# "Turnout: 57.2 percent", "— Turnout: 57.2 %": a label opening its line or sentence
_LABEL = re.compile(r"(?:^|[.!?\n—–|]\s*)(?P<noun>[A-Za-z][a-z\-]{2,})\s*:\s*$")


@lru_cache(maxsize=64)  # asked twice per percentage (its noun, its qualifier): a dear search
def _subject_match(before: str) -> re.Match[str] | None:
    clause = _CLAUSE_STOP.split(before[-120:])[-1]
    m = _SHARE_SUBJECT.search(clause) or _LABEL.search(before[-40:])
    if m is None:
        return None
    noun = m.group("noun").lower()
    if noun in _NOT_SUBJECT or noun.endswith(("ed", "ly", "ing")):
        return None
    return m


def _share_subject(before: str) -> tuple[str, str] | None:
    """The noun a bare percentage measures, from the words before it (None if not said)."""
    m = _subject_match(before)
    return (singular(m.group("noun").lower()), m.group("noun")) if m else None


def share_qualifier(sentence: str, q: ParsedQuantity) -> str | None:
    """The word narrowing that noun ("food inflation", "youth unemployment"): another measure
    than the plain one, unless it is a neutral word ("annual inflation")."""
    if q.dimension is not Dimension.PERCENT or _percent_of(sentence, q) is not None:
        return None
    m = _subject_match(sentence[: q.start])
    mod = m.groupdict().get("mod") if m else None
    if mod is None or mod.lower() in _NEUTRAL or mod.lower().endswith("s"):  # "expects"
        return None
    return mod.lower()


@lru_cache(maxsize=64)  # the same for every figure of the sentence
def _collective_words(sentence: str) -> tuple[tuple[Word, str], ...]:
    """The sentence's lower-case words that name a collective, with its name ("crowds":
    "crowd"); "March 15" is a date, "Caravan" a name. Most sentences have none."""
    out = []
    for w in words_of(sentence):
        name = w.low[:-1] if w.low.endswith("s") and w.low[:-1] in COLLECTIVES else w.low
        if name in COLLECTIVES and w.text[:1].islower():
            out.append((w, name))
    return tuple(out)


def _collective(sentence: str, q: ParsedQuantity, others: Sequence[ParsedQuantity]) -> Slot | None:
    """ "a caravan of 10,000 people", "a migrant caravan ... with almost 10,000 people",
    "8,000 migrants ..., making it the largest caravan": the collective's size is the figure.
    Only for generic people (passengers are counted as passengers), never a collective another
    figure measures ("a crew of 12"), and only where the sentence ties the two ("of", "with",
    "making it"): "38,000 people joined the march" counts marchers, not a march's size."""
    if q.unit != "person" or _class_of(q.unit_text or "people") not in ("people", "migrants"):
        return None
    words = words_of(sentence)  # cached: _collective_words read them
    for w, name in _collective_words(sentence):
        if any(o.start <= w.start < o.end for o in others):
            continue
        between = [x.low for x in words if min(w.end, q.start) <= x.start < max(w.start, q.end)]
        before = {"of", "with", "has", "had", "have", "numbered", "numbering", "counts"}
        after = {"making", "forming", "joined", "join", "in"}
        tied = (w.end <= q.start and len(between) <= 10 and bool(before & set(between))) or (
            w.start >= q.end and bool(after & set(between))
        )
        if tied:
            return Slot(value=name, text=w.text)
    return None


def _lemma(noun: str) -> str:
    return singular(noun)


def _event_near(words: Sequence[Word], pos: int) -> str | None:
    """The event word right after ``pos`` ("the gunmen are dead"), within a few words."""
    seq = words[bisect_left(words, pos, key=START) :]
    for n, w in enumerate(seq[:_MAX_WORDS]):
        if w.text in _STRONG or w.text == ",":
            return None
        nxt = seq[n + 1].low if n + 1 < len(seq) else ""
        label = EVENT_OF_WORD.get(f"{w.low} {nxt}") or EVENT_OF_WORD.get(w.low)
        if label:
            return label
    return None


def event_of(
    sentence: str,
    q: ParsedQuantity,
    others: Sequence[ParsedQuantity],
    counted: Slot | None,
    role: Role,
) -> Slot | None:
    """The event word nearest the number, never across strong punctuation or another figure.
    Seats are won and passengers aboard unless something happened to them; attacks and homes
    are never "killed"; ages, ranks, lengths and shares take no event."""
    if role in (Role.AGE, Role.RANKING) or q.dimension in (
        Dimension.LENGTH, Dimension.MASS, Dimension.OTHER
    ):  # fmt: skip
        return None
    if counted is not None and counted.value in COLLECTIVES:
        return Slot(value="size", text=counted.text)
    human = counted is not None and (counted.value in _HUMAN_CLASSES or q.unit == "person")
    default = _DEFAULT_EVENT.get(counted.value) if counted is not None else None
    # "won 64 of the 150 seats": the 150 were not won, they are the whole; only words after
    # it say what happened to them ("150 of the 239 passengers on board").
    whole = bool(_OF_WHOLE.search(sentence[: q.start]))
    if whole:
        default = None
    own = EVENT_OF_WORD.get(q.unit_text.lower())
    if own:
        return Slot(value=own, text=q.unit_text)
    if not q.unit_text and q.unit == "person":  # "The death toll ... rose overnight to 21"
        tally = re.search(
            r"\b(\w+)\s+(?:toll|tally)\b(?!.*\b(?:toll|tally)\b)", sentence[: q.start]
        )
        if tally:
            named = EVENT_OF_WORD.get(tally.group(1).lower()) or "killed"
            return Slot(value=named, text=tally.group(0))
    stop_after = min([o.start for o in others if o.start >= q.end] + [len(sentence)])
    stop_before = max([o.end for o in others if o.end <= q.start] + [0])
    best: tuple[int, int, str, str] | None = None  # (distance, side, label, text)
    # Read here, not by the caller: a figure decided above (an age, a length, a collective, an
    # event noun of its own: "21 deaths") needs no words, and its sentence is not tokenized.
    words = words_of(sentence)
    after = words_starting(words, q.end, stop_after)
    finite = _finite_event(after[: 2 * _MAX_WORDS], q, human, default)
    if finite is not None:
        # "60 percent of the households cut off by the storm have now been reconnected": the
        # finite verb is what happened; "cut off" only says which households.
        return finite
    before: Sequence[Word] = () if whole else words_inside(words, stop_before, q.start)
    for side, seq in ((0, after), (1, before[::-1])):
        distance = 0
        for n, w in enumerate(seq):
            if w.text in _STRONG or distance >= _MAX_WORDS:
                break
            nxt = seq[n + 1] if n + 1 < len(seq) else None
            if nxt is None or (w.low if side == 0 else nxt.low) not in _PHRASE_START:
                pair, label = "", EVENT_OF_WORD.get(w.low)  # no phrase starts here
            else:
                pair = f"{w.low} {nxt.low}" if side == 0 else f"{nxt.low} {w.low}"
                third = seq[n + 2].low if side == 0 and n + 2 < len(seq) else ""
                label = (
                    EVENT_OF_WORD.get(f"{pair} {third}")  # "lost their lives"
                    or EVENT_OF_WORD.get(pair)
                    or EVENT_OF_WORD.get(w.low)
                )
            if label and _fits(label, q, human, default):
                text = w.text
                if nxt and EVENT_OF_WORD.get(pair):
                    text = f"{w.text} {nxt.text}" if side == 0 else f"{nxt.text} {w.text}"
                if best is None or (distance, side) < best[:2]:
                    best = (distance, side, label, text)
                break
            if w.text == ",":
                distance += 2  # "killing seven people, injuring 23": a comma ends the phrase
            elif w.low not in _AUX:
                distance += 1
    if best is not None:
        return Slot(value=best[2], text=best[3])
    if q.dimension is Dimension.PERCENT:
        return Slot(value="share", text="")  # a share of something, nothing said happened
    return Slot(value=default, text="") if default else None


def _finite_event(
    seq: Sequence[Word], q: ParsedQuantity, human: bool, default: str | None
) -> Slot | None:
    """An event word led by an auxiliary ("have now been reconnected", "were killed") after a
    reduced relative clause that holds another event word ("households cut off by ..."):
    ``seq`` are the words after the figure."""
    seen_other = False
    for n, w in enumerate(seq):
        if w.text in _STRONG:
            return None
        phrase = n + 1 < len(seq) and w.low in _PHRASE_START
        pair = f"{w.low} {seq[n + 1].low}" if phrase else ""
        label = EVENT_OF_WORD.get(pair) or EVENT_OF_WORD.get(w.low)
        if label is None or not _fits(label, q, human, default):
            continue
        led = any(p.low in _AUX for p in seq[max(0, n - 3) : n])
        if led and seen_other:
            return Slot(value=label, text=w.text)
        if led:
            return None  # "were registered to vote": the first finite verb is the event
        seen_other = True
    return None


def _fits(label: str, q: ParsedQuantity, human: bool, default: str | None) -> bool:
    if label == "lasted":
        return q.dimension is Dimension.DURATION
    if q.dimension is Dimension.DURATION:
        return False
    if q.dimension is Dimension.PERCENT:  # "40% of households lost power": any event
        return True
    if label in ("cost", "invested") and q.dimension is not Dimension.MONEY:
        return False  # "400 people spent the night": people are not spent
    if label in HUMAN_EVENTS and not human:
        return False
    if default is not None:  # seats are won; passengers are aboard unless they were killed
        return label == default or label in ("killed", "injured", "missing", "rescued")
    return q.dimension is not Dimension.MONEY or label in ("cost", "invested")
