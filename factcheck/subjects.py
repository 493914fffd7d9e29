"""What a quantity measures: an event anchor for durations and content terms for alignment.

Two claims compare only when they measure the same thing. Without a parser we approximate
"the same thing" by the words around the number: event nouns (with synonyms folded, so
"talks", "conversation" and "discussions" are the same meeting), and the content words of the
clause, weighted against the words every quantity in a cluster shares ("migrants").
"""

from __future__ import annotations

import re

from unidecode import unidecode

# Event nouns and the canonical event they denote in news copy.
EVENT_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(
        "meeting meetings talks talk conversation conversations discussion discussions "
        "negotiation negotiations session sessions summit encounter dialogue consultations "
        "gathering".split(),
        "meeting",
    ),
    **dict.fromkeys("briefing press conference news".split(), "briefing"),
    **dict.fromkeys("strike strikes walkout stoppage".split(), "strike"),
    **dict.fromkeys("visit visits trip tour".split(), "visit"),
    **dict.fromkeys("speech address remarks".split(), "speech"),
    **dict.fromkeys("flight journey voyage".split(), "journey"),
    **dict.fromkeys("storm hurricane typhoon cyclone".split(), "storm"),
    **{
        w: w
        for w in (
            "blackout outage shutdown closure lockdown siege standoff protest protests march "
            "rally hearing trial interview ceremony operation search rescue delay wait wildfire "
            "fire flood flooding evacuation war ceasefire truce campaign"
        ).split()
    },
}
_EVENT_FALLBACK_OK = {"meeting", "strike", "visit", "storm", "journey"}

STOPWORDS = frozenset(
    """
    a an the and or but of to in on at by for with from as is are was were be been being has
    have had do does did that this these those it its they them their there here he she his her
    we our you your i me my who whom which what when where why how than then so such not no nor
    also more less most least over under about around almost nearly some up down out into onto
    after before during while since until per each every all any both either neither other
    another same own just only very too can could will would shall should may might must
    according said says say told added just still even much many few several
    little approximately roughly estimated least around besides beside however meanwhile
    thus well
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million billion half dozen
    hour hours minute minutes day days week weeks month months year years
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    """.split()
)
_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’\-.]*[A-Za-zÀ-ÿ]|[A-Za-z]")


def lemma(word: str) -> str:
    w = unidecode(word).lower().strip(".'’-")
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return w[: -len(suffix)] + repl
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def content_terms(text: str) -> list[str]:
    out = []
    for m in _WORD_RE.finditer(text):
        word = m.group(0)
        if word.lower() in STOPWORDS or len(word) < 3:
            continue
        out.append(lemma(word))
    return out


def events_in(text: str) -> list[tuple[int, str]]:
    found = []
    for m in _WORD_RE.finditer(text):
        canon = EVENT_SYNONYMS.get(m.group(0).lower())
        if canon:
            found.append((m.start(), canon))
    return found


def dominant_event(text: str) -> str | None:
    counts: dict[str, int] = {}
    for _, canon in events_in(text):
        if canon in _EVENT_FALLBACK_OK:
            counts[canon] = counts.get(canon, 0) + 1
    if not counts:
        return None
    return max(sorted(counts), key=lambda k: counts[k])


def nearest_event(sentence: str, pos: int) -> str | None:
    events = events_in(sentence)
    if not events:
        return None
    return min(events, key=lambda e: abs(e[0] - pos))[1]


_PERIOD_RE = re.compile(
    r"(?:\b(?:in|over|during|within|for)\s+(?:the\s+)?(?:past|last|next|previous|coming|first)"
    r"|\bsince|\bfor the first time in|\bago)\s*$",
    re.IGNORECASE,
)
_SUPERLATIVE_IN_RE = re.compile(
    r"\b(?:\w+est|most|first|worst|highest|lowest|biggest|largest|only)\b[^,;.]*\bin\s*$",
    re.IGNORECASE,
)


def is_period_qualifier(sentence: str, start: int) -> bool:
    """'the largest caravan in more than a year', 'in the past two weeks': a time frame for
    another fact, not the length of an event."""
    before = sentence[:start]
    return bool(_PERIOD_RE.search(before) or _SUPERLATIVE_IN_RE.search(before))


def clause_window(sentence: str, start: int, end: int) -> str:
    """The clause around [start, end): up to the nearest strong punctuation on both sides."""
    left = max(sentence.rfind(ch, 0, start) for ch in ";:—()")
    right_candidates = [i for i in (sentence.find(ch, end) for ch in ";:—()") if i != -1]
    right = min(right_candidates) if right_candidates else len(sentence)
    return sentence[left + 1 : right]


def window_offset(sentence: str, window: str, start: int) -> int:
    return start - max(0, sentence.find(window))


def _closest_term(window: str, pos: int, terms: list[str]) -> str | None:
    best: tuple[int, str] | None = None
    allowed = set(terms)
    for m in _WORD_RE.finditer(window):
        term = lemma(m.group(0))
        if term in allowed:
            dist = abs(m.start() - pos)
            if best is None or dist < best[0]:
                best = (dist, term)
    return best[1] if best else None


def describe_quantity(
    sentence: str,
    start: int,
    end: int,
    *,
    dimension: str,
    unit: str,
    unit_text: str,
    rate: str | None,
    article_text: str,
    previous: str = "",
) -> tuple[str, list[str]]:
    """(measured, subject_terms) for the quantity at sentence[start:end]."""
    window = clause_window(sentence, start, end)
    unit_lemma = lemma(unit_text) if unit_text else ""
    terms = [t for t in content_terms(window) if t not in {unit_lemma, lemma(unit)}]
    if dimension == "duration":
        event = (
            nearest_event(sentence, start)
            or nearest_event(previous, len(previous))
            or dominant_event(article_text)
        )
        measured = f"{event or 'event'} duration"
        if event:
            terms = [f"event:{event}", *terms]
    else:
        head = _closest_term(window, window_offset(sentence, window, start), terms) or unit
        noun = unit_text or unit
        measured = f"{noun} ({head})" if head and head != lemma(noun) else noun
    if rate:
        measured = f"{measured}, {rate}"
    return measured, list(dict.fromkeys(terms))
