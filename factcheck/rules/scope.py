"""Where and when a figure holds: the scope and time of a frame (its role: rules/frames.py).

Scope narrows a figure: a place ("in Paris", "at the concert hall", "there"), a group ("153
Chinese passengers"), an owner ("Syriza ... 72 seats"), a part ("three of the attackers",
"including 50 bonus seats") or a period ("In January, ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from factcheck.numbers import ParsedQuantity
from factcheck.rules.framewords import EVENT_OF_WORD
from factcheck.rules.literals import Guarded, contains_any, fold
from factcheck.rules.mentions import NATIONALITY_RE
from factcheck.rules.subjects import nearest_time
from factcheck.schemas import Dimension, Role, ScopeKind, ScopeSlot, Slot

_PART_AFTER_RE = re.compile(
    r"^\s*(?:of\s+(?:the|them|those|these|its|their|whom|which|all)\b|more\b|others?\b)",
    re.IGNORECASE,
)


_PART_BEFORE_RE = Guarded(
    re.compile(
        r"\b(?:including|among\s+them|among\s+those|of\s+whom|of\s+which|another|a\s+further|"
        r"an\s+additional|other|bonus|extra)\s+(?:\w+\s+){0,2}$",
        re.IGNORECASE,
    ),
    ("including", "among", "whom", "which", "other", "further", "additional", "bonus", "extra"),
)


# The prepositions factored by their first letters (fewer alternatives tried at every word):
# "\s+" must follow, so at most one of them can match at a place, whichever is tried first.
# The pattern opens with one character class, the first letters in every case "(?i:...)" reads
# ("İ" and "ı" are an "i" to it), which re skips to in C instead of trying the pattern at every
# position; "(?<!\w\w)" after that letter is the "\b" before it, and a look-behind names the
# letter each preposition goes on from (tests/rules/test_literals.py: the same places).
_LOCATIVE_RE = re.compile(
    r"(?P<prep>[iIİıaAoOnNtT](?<!\w\w)(?i:(?<=i)n(?:side|to)?|(?<=a)t|(?<=o)utside|(?<=n)ear"
    r"|(?<=a)cross|(?<=t)hrough(?:out)?))\s+"
    r"(?:the\s+|a\s+|an\s+)?"
    r"(?P<place>(?:(?:central|downtown|northern|southern|eastern|western|greater|old)\s+)?"
    r"(?:[A-Z][\w'’\-]*(?:\s+(?:de|du|la|of|[A-Z][\w'’\-]*))*)"
    r"|(?:[a-z][\w\-]*\s+){0,2}(?:hall|venue|stadium|restaurants?|bars?|caf[eé]s?|clubs?|"
    r"theat(?:re|er)|schools?|hospitals?|church|mosque|synagogue|market|mall|station|airport|"
    r"city|town|village|district|region|province|county|state|country|capital|suburbs?|"
    r"neighbou?rhood|streets?|square|buildings?|sites?|venues|camp|prison|hotel|concert)"
    r"(?:\s+(?:of\s+)?[A-Z][\w'’\-]*)*)\b"  # "the capital Castrenne", "the city of Lyon"
)


_THERE_RE = Guarded(
    re.compile(r"\bthere\b(?!\s+(?:is|are|was|were|have|has|had|will|would)\b)", re.I), ("there",)
)


_TIME_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


_CUE_RE = re.compile(
    r"\b(?:so\s+far|as\s+of\s+\w+(?:\s+\w+)?|by\s+(?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|nightfall|midnight|morning|evening|noon|late\s+\w+)|"
    r"(?:has\s+|had\s+)?(?:rose|risen|climbed|jumped|reached|increased)\s+to|"
    r"overnight|latest|now|at\s+least\s+for\s+now)\b",
    re.IGNORECASE,
)
# The pre-check of _CUE_RE, on fold(text): a word every match of an alternative holds, or for
# "as of" and "by Monday", whose single words "as" and "by" are in most windows ("was", "has"),
# the two words themselves (letters and spaces: fold keeps both).
_CUE_WORDS = ("far", "rose", "risen", "climbed", "jumped", "reached", "increased", "overnight",
              "latest", "now")  # fmt: skip
_CUE_PAIRS = re.compile(
    r"as\s+of|by\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|nightfall|"
    r"midnight|morning|evening|noon|late)"
)


def _may_cue(text: str) -> bool:
    """False only where _CUE_RE surely finds nothing in ``text``."""
    folded = fold(text)
    return contains_any(folded, _CUE_WORDS) or _CUE_PAIRS.search(folded) is not None


# Where the figure's clause ends on the right: strong punctuation or a new clause.
# Each alternative is its first character, then the rest behind a look-behind that names that
# character: the pattern opens with one character class, which re skips to in C (not trying the
# alternatives at every position of the text); the matches are those of the plain alternation
# (tests/rules/test_literals.py compares them).
_CLAUSE_END = re.compile(
    r"[;:()—\s,a](?:(?<=[;:()—])|(?<=\s)[-–]\s"
    r"|(?<=,)\s+(?:and|but|while|whereas|as|which|who|where|when|after|before)\b"
    # an aside after the figure: ", according to the commission, a figure ... in the suburbs"
    r"|(?<=,)\s+(?:according\s+to|a|an|the)\b"
    r"|(?<=a)(?<!\w.)nd\s+(?:there|then)\b)"  # "\band": no word character before the "a"
)


# A sentence-initial time adverbial dates every figure of the sentence.
_PARTIAL_COUNT = Guarded(
    re.compile(
        r"\bwith\s+(?:[\d.,]+\s*(?:%|percent|per\s+cent)?\s*(?:of\s+)?(?:the\s+)?|most\s+|"
        r"half\s+)?(?:ballots|votes|precincts|polling\s+stations)\s+(?:counted|reported|in|"
        r"tallied)\b",
        re.IGNORECASE,
    ),
    ("ballots", "votes", "precincts", "polling"),
)
_OPENING_TIME = re.compile(
    r"^(?:In|On|During|By|Since|Last|Earlier\s+in)\s+((?:early\s+|late\s+|mid-)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:19|20)\d\d|the\s+\d{4}s|last\s+year|last\s+month|last\s+week))\b"
    # "The 2020 Almeda fire ... destroyed 2,500 homes": a year naming the subject dates it all
    r"|^(?:The|A|An)\s+((?:19|20)\d\d)\s+(?=[A-Za-z])",
)


_TARGET = Guarded(
    re.compile(
        r"\b(?:attack(?:ed|ing)|hit|struck|stormed|bombed|raided|targeted|shelled|rammed|"
        r"opened\s+fire\s+(?:on|at))\s+(?:the\s+|a\s+|an\s+)?(?P<t>[^,;]{3,80}),\s+"
        r"(?:killing|injuring|wounding|leaving)\s+$",
        re.IGNORECASE,
    ),
    ("killing", "injuring", "wounding", "leaving"),
)


def _target_before(lead: str) -> re.Match[str] | None:
    r"""``_TARGET`` searched in ``lead``, which it can match only when ``lead`` ends with its
    last word and spaces (``\s`` and str.rstrip agree on what a space is; each letter of the
    word is one character of the text): a text that does not is not searched."""
    if not fold(lead.rstrip()[-8:]).endswith(_TARGET.needles):
        return None
    return _TARGET.pattern.search(lead)


_MOMENT = Guarded(
    re.compile(r"\b(?:by the time|by then|at that point|at the time|at one point)\b", re.I),
    ("by the time", "by then", "at that point", "at the time", "at one point"),
)


_RELATIVE_RE = re.compile(r",\s+(?:which|who|whose|where)\b[^,]*,")


_NOT_OWNER = _TIME_WORDS | frozenset(
    "the a an he she it they we i this that these those but and in on at for after before "
    "with without from by as to of under over among despite since until official officials "
    "according near complete".split()
)


# "Enedis counted nearly 40% of households": who reports a figure is not whose it is.
_SOURCE_VERB = re.compile(
    r"\s+(?:said|says|told|added|counted|counts|estimated|estimates|reported|reports|recorded|"
    r"registered|put|puts|gave|cited|announced|confirmed|found|showed|shows)\b"
)
_PRONOUN_SUBJECT = re.compile(r"\b(?:it|they|the\s+party|its|their)\b")


_OWNER_CLASSES = frozenset({"seats", "votes"})


_OUT_OF = re.compile(r"\s*of\s+(?:the\s+)?\d")
_INSIDE = re.compile(r"^\S+(?:\s+\S+)?\s+of\s+(?:the|these|those|them)\b(?!\s+\d)", re.IGNORECASE)
_FROM_PLACE = re.compile(r"\s*from\s+([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)*)")


def scope_of(
    sentence: str,
    q: ParsedQuantity,
    others: Sequence[ParsedQuantity],
    counted: Slot | None,
    role: Role,
    proper: frozenset[str],
    previous: str = "",
) -> list[ScopeSlot]:
    if role in (Role.AGE, Role.RANKING):  # whose age or rank, and nothing else
        owner = _owner(sentence, q, role, proper)
        return [owner] if owner is not None else []
    out: list[ScopeSlot] = []
    before, after = sentence[: q.start], sentence[q.end :]
    folded = fold(before)  # the pre-checks of the patterns below (see rules/literals.py)
    out_of = _OUT_OF.match(after)  # "64 of the 150 seats": a count
    # "Three of the gunmen": a part; "Nineteen of our neighbours" died, all of them
    inside = _INSIDE.match(q.text)
    partitive = (
        q.dimension is Dimension.COUNT and not out_of and (_PART_AFTER_RE.match(after) or inside)
    )
    if partitive or _PART_BEFORE_RE.search(before, folded):
        out.append(ScopeSlot(kind=ScopeKind.PART, value="part", text=q.text))
    # Group: "153 Chinese passengers", "Three Chileans", "two from Mexico".
    for tok in q.text.split()[1:]:
        if NATIONALITY_RE.match(tok.rstrip("s")):
            out.append(ScopeSlot(kind=ScopeKind.GROUP, value=tok.lower().rstrip("s"), text=tok))
    m = _FROM_PLACE.match(after)
    if m and m.group(1).split()[0].lower() not in _TIME_WORDS:
        out.append(ScopeSlot(kind=ScopeKind.GROUP, value=m.group(1).lower(), text=m.group(0)))
    if q.dimension is not Dimension.DURATION:  # where a meeting was held does not split it
        out.extend(_places(sentence, q, others))
    if counted is not None and (
        counted.value in _OWNER_CLASSES or q.dimension in (Dimension.MONEY, Dimension.PERCENT)
    ):
        owner = _owner(sentence, q, role, proper)
        if owner is None and previous and _PRONOUN_SUBJECT.search(sentence[: q.start]):
            # "According to the final result it comes to 64 of 150 seats": "it" is the party
            # the sentence before named.
            last = re.split(r"[.!?]\s+[—–-]?\s*", previous.rstrip())[-1]  # "2026. — The ..."
            end = (len(last), len(last), "")
            owner = _owner(last, end, role, proper, subject=True)
        if owner is None:
            owner = _owner_after(sentence[q.end :], proper)
        if owner is not None:
            out.append(owner)
    period = nearest_time(sentence, q.start, tuple((o.start, o.end) for o in others))
    partial = _partial_count(sentence)
    if partial and not partial[0] <= q.start < partial[1]:
        period = "partial count"  # "With 412,000 ballots counted, Yes leads with 52.1 percent"
    opening = _OPENING_TIME.match(sentence)
    if period is None and opening:  # "In January, two brothers ... killing 12": all of it
        period = (opening.group(1) or opening.group(2)).lower()
    if period is None and _MOMENT.search(before, folded):
        period = "a moment"  # "By the time the shooters got back, 15 people were dead"
    if period:
        out.append(ScopeSlot(kind=ScopeKind.PERIOD, value=period, text=period))
    return out


# "[;:()—]|\s[-–]\s", opening with one character class like _CLAUSE_END (the same matches)
_STRONG_STOP = re.compile(r"[;:()—\s](?:(?<=[;:()—])|(?<=\s)[-–]\s)")
_POSSESSIVE = re.compile(r"['’]s$")
_PLACE_WORD = re.compile(r"[\w'’\-]+")


@lru_cache(maxsize=64)  # the same for every figure of the sentence
def _partial_count(sentence: str) -> tuple[int, int] | None:
    m = _PARTIAL_COUNT.search(sentence)
    return m.span() if m else None


def _places(sentence: str, q: ParsedQuantity, others: Sequence[ParsedQuantity]) -> list[ScopeSlot]:
    """Locative phrases of the figure's clause: after it up to the next figure or strong
    punctuation, before it back to the previous figure within its clause."""
    nxt = min([o.start for o in others if o.start >= q.end] + [len(sentence)])
    prev = max([o.end for o in others if o.end <= q.start] + [0])
    right = sentence[q.end : nxt]
    end = _CLAUSE_END.search(right)  # the first piece of a split: the pattern has no groups
    right = right[: end.start()] if end else right
    lead = sentence[prev : q.start]
    left = _STRONG_STOP.split(lead)[-1]
    found: list[ScopeSlot] = []
    for piece in (right, left):
        for m in _LOCATIVE_RE.finditer(piece):
            place = m.group("place")
            while place.split() and NATIONALITY_RE.match(place.split()[0]):
                place = " ".join(place.split()[1:])  # "English fireworks warehouse"
            if not place:
                continue
            first = _POSSESSIVE.sub("", place.split()[0].lower())
            if first in _TIME_WORDS or (m.group("prep") == "in" and first in ("a", "the")):
                continue
            found.append(ScopeSlot(kind=ScopeKind.PLACE, value=_norm_place(place), text=m[0]))
        if piece is right and _THERE_RE.search(piece):
            found.append(ScopeSlot(kind=ScopeKind.PLACE, value="there", text="there"))
    # "stormed the concert hall, killing 80": the figure belongs to that target only.
    target = _target_before(lead)
    if target:
        found.append(
            ScopeSlot(kind=ScopeKind.PLACE, value=_norm_place(target["t"]), text=target["t"])
        )
    # A list entry "Le Carillon bar, rue Alibert - at least 12 dead": the heading is the place.
    # (a sentence ending in a full stop is not a list entry: tested first, it spares the match)
    line_head = None if sentence.rstrip().endswith(".") else _LINE_HEAD.match(sentence)
    if line_head and line_head.end() <= q.start:
        head = line_head.group("head")
        found.append(ScopeSlot(kind=ScopeKind.PLACE, value=_norm_place(head), text=head))
    return found


_LINE_HEAD = re.compile(r"^(?P<head>[A-Z][^.!?]{2,80}?)\s[-–]\s")


def _norm_place(place: str) -> str:
    words = [w for w in _PLACE_WORD.findall(place.lower()) if w not in ("the", "of")]
    return " ".join(words[:4])


_RESULT_LABEL = re.compile(r"^\s*([A-Z][\w'’\- ]{0,40}?)\s*:\s*[^:]{0,30}$")
_CONTRAST = re.compile(r"[;:]|,\s+(?:while|whereas|but)\b|\bwhile\b")
_NAME_RUN = re.compile(r"[A-Z][\w'’\-]*(?:\s+(?:of\s+)?[A-Z][\w'’\-]*)*")


def _owner(
    sentence: str,
    q: ParsedQuantity | tuple[int, int, str],
    role: Role,
    proper: frozenset[str],
    subject: bool = False,
) -> ScopeSlot | None:
    """Whose figure: the named subject nearest before the number in its clause ("the Syriza
    party, which ..., was second with 72 seats"), or the person an age belongs to ("the
    53-year-old captain", "Fariq Abdul Hamid, 27,")."""
    start, end, text = (q.start, q.end, q.text) if isinstance(q, ParsedQuantity) else q
    if role is Role.AGE and text.lower().endswith("old"):
        m = re.match(r"\s*(?:[A-Z][\w\-]*\s+)*([a-z][\w\-]*)", sentence[end:])
        if m:
            return ScopeSlot(kind=ScopeKind.OWNER, value=m.group(1), text=m.group(0).strip())
    label = _RESULT_LABEL.match(sentence[:start])
    named = label.group(1).strip() if label else ""
    if named and not any(w.lower() in EVENT_OF_WORD for w in named.split()):
        # A results line "YES: 255,474 votes (51.3 %)"; not "Turnout: 57.2 %" (the measure).
        return ScopeSlot(kind=ScopeKind.OWNER, value=named.lower(), text=named)
    head = _RELATIVE_RE.sub(lambda r: " " * len(r.group(0)), sentence[:start])
    head = _CONTRAST.split(head)[-1]
    names = list(_NAME_RUN.finditer(head))
    opening = len(head) - len(head.lstrip())
    # The nearest name before the figure; for a pronoun's antecedent, the sentence's subject.
    for m in names if subject else reversed(names):
        tokens = [t for t in m.group(0).split() if _POSSESSIVE.sub("", t.lower()) not in _NOT_OWNER]
        if not tokens:
            continue
        first_word = m.start() == opening and tokens[0] == m.group(0).split()[0]
        if first_word and len(tokens) == 1 and tokens[0] not in proper:
            continue  # "Official projections ...": a sentence opener, not a name
        if _SOURCE_VERB.match(head[m.end() :]):
            continue  # the source of the figure, not its owner
        value = " ".join(t.lower() for t in tokens)
        return ScopeSlot(kind=ScopeKind.OWNER, value=value, text=m.group(0))
    return None


_SUBJECT_AFTER = re.compile(
    r"[^.;:]*?,\s+(?:the\s+)?(?P<name>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*)\s+"
    r"(?:remains|is|was|has|had|won|took|became|came|finished|ended|stays)\b"
)


def _owner_after(tail: str, proper: frozenset[str]) -> ScopeSlot | None:
    """ "With 41 seats and 22.8% of the vote, the Labour Front remains second": a figure that
    opens the sentence belongs to the subject after it."""
    m = _SUBJECT_AFTER.match(tail)
    if m is None:
        return None
    return ScopeSlot(kind=ScopeKind.OWNER, value=m.group("name").lower(), text=m.group("name"))


def time_cue(sentence: str, q: ParsedQuantity) -> Slot | None:
    window = sentence[max(0, q.start - 60) : q.end + 60]
    m = _CUE_RE.search(window) if _may_cue(window) else None
    if m is None:
        return None
    cue = " ".join(m.group(0).lower().split())
    value = re.sub(r"^(?:has|had)\s+", "", cue)
    value = (
        "rose to"
        if re.match(r"(?:rose|risen|climbed|jumped|reached|increased) to", value)
        else value
    )
    return Slot(value=value, text=m.group(0))
