"""When a figure was reported, and which of two reports of a running tally came first.

A death toll that rose overnight is an update, not a contradiction; telling the two apart
needs the order of the reports. From most to least precise: a live blog's entry time
("23:55 — The death toll has risen to 17"), a day named in the sentence ("on Saturday night",
"this Sunday") resolved against the article's date, the article's own date and time. When no
time is known, the words still order two figures: "rose to", "climbed to", "up from" mark the
later one; "first reported", "initially", "the first balance" the earlier one.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from factcheck.compare.refs import article_time
from factcheck.schemas import Article, Hedge, QuantityClaim

_ENTRY = re.compile(r"^[ \t]*(?:\*\*)?(\d{1,2})[:.h](\d{2})\b(?:\*\*)?\s*(?:[—–\-|:]|\s)", re.M)
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_DAY_REF = re.compile(
    r"\b(?:(?:on|this|last|early|late)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|today|yesterday|tonight|last\s+night)(?:\s+(morning|afternoon|evening|night))?\b",
    re.IGNORECASE,
)
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_TEXT_DATE = re.compile(
    r"\b(?P<day>\d{1,2})\s+(?P<month>January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+(?P<year>(?:19|20)\d\d)"
    r"(?:,?\s+(?:at\s+)?(?P<hh>\d{1,2})[:.](?P<mm>\d{2}))?"
)
_SAID_DAY = re.compile(
    r"\b(?:said|says|reported|confirmed|announced|stated|told\s+\w+|as\s+of|by)\s+"
    + _DAY_REF.pattern[2:],
    re.IGNORECASE,
)
_PART_HOUR = {"morning": 9, "afternoon": 15, "evening": 19, "night": 22}
_RISE = re.compile(
    r"\b(?:rose|risen|rises|climbed|climbs|jumped|increased|mounted|up\s+from|now\s+stands|"
    r"latest|updated|new\s+(?:toll|figure|count))\b",
    re.IGNORECASE,
)
_EARLY = re.compile(
    r"\b(?:first\s+(?:reported|report|balance|toll|count|figure|estimate)|initial(?:ly)?|"
    r"earlier|previously|preliminary|had\s+(?:been\s+)?put)\b",
    re.IGNORECASE,
)
_SO_FAR = re.compile(r"\b(?:so\s+far|as\s+of|at\s+least\s+for\s+now|by\s+\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Reported:
    """A figure's place in time: when it was reported and what its words say of its age."""

    when: datetime | None
    timed: bool  # a clock time is known, not just the day
    day: str | None  # the day the sentence names ("on Sunday"), as written
    later_cue: bool
    earlier_cue: bool
    evolving: bool  # "at least", "so far", "rose to": the sentence treats it as a moving count


class Timeline:
    """Claim times for one cluster (entry times are computed once per article)."""

    def __init__(self, articles: dict[str, Article]) -> None:
        self._articles = articles
        self._entries: dict[str, list[tuple[int, datetime]]] = {}

    def _entry_times(self, article: Article) -> list[tuple[int, datetime]]:
        if article.id in self._entries:
            return self._entries[article.id]
        base = self._base(article)
        out: list[tuple[int, datetime]] = []
        if base is not None:
            day = base.replace(hour=0, minute=0)
            found = _ENTRY.finditer(article.text)
            stamps = [(m.start(), int(m.group(1)), int(m.group(2))) for m in found]
            stamps = [s for s in stamps if s[1] < 24 and s[2] < 60]
            ups = sum(1 for x, y in itertools.pairwise(stamps) if y[1:] > x[1:])
            ascending = ups * 2 >= len(stamps) - 1
            # The page's date is the day its first entry was written. A live blog runs past
            # midnight: in writing order, a smaller clock time is the next day. Newest-first
            # blogs are read from the bottom.
            ordered = stamps if ascending else list(reversed(stamps))
            shift = 0
            previous: tuple[int, int] | None = None
            for offset, hour, minute in ordered:
                clock = (hour, minute)
                if previous is not None and clock < previous:
                    shift += 1
                previous = clock
                out.append((offset, day + timedelta(days=shift, hours=hour, minutes=minute)))
            out.sort()
        self._entries[article.id] = out
        return out

    def report(self, claim: QuantityClaim) -> Reported:
        article = self._articles.get(claim.article_id)
        sentence = claim.evidence.text
        later = bool(_RISE.search(sentence))
        earlier = bool(_EARLY.search(sentence))
        # Only a lower bound or a rise says the count is still moving; "first reported 15"
        # may equally be a count revised down.
        evolving = later or bool(_SO_FAR.search(sentence))
        evolving = evolving or claim.hedge in (Hedge.AT_LEAST, Hedge.MORE_THAN)
        when, timed = self._when(claim, article) if article is not None else (None, False)
        if earlier:
            when, timed = None, False  # "up from the 12 first reported": not the article's time
        named = _DAY_REF.search(sentence)
        day = " ".join(named.group(0).lower().split()[-2:]) if named else None
        return Reported(when, timed, day, later, earlier, evolving)

    def _when(self, claim: QuantityClaim, article: Article) -> tuple[datetime | None, bool]:
        base = self._base(article)
        if base is None:
            return None, False
        # The entry the claim's paragraph opens with: "23:55 — The death toll has risen".
        line_start = article.text.rfind("\n", 0, claim.evidence.start) + 1
        for offset, when in self._entry_times(article):
            if abs(offset - line_start) < 3:
                return when, True
        # A day named as when it was said ("said on Sunday morning", "as of Saturday"), not
        # when it happened ("exploded on Saturday night").
        m = _SAID_DAY.search(claim.evidence.text)
        if m is None:
            return base, bool(base.hour or base.minute)
        part = (m.group(2) or "").lower()
        return _resolve(base, m.group(1).lower(), part), bool(part)

    def _base(self, article: Article) -> datetime | None:
        """The article's date: from the ingest, else from a date line near its top
        ("Tuesday, 9 June 2026, 18:00", "Krötzach, 9 June 2026, 22:30")."""
        found = article_time(article)
        if found is not None:
            return found
        m = _TEXT_DATE.search(article.text[:400])
        if m is None:
            return None
        month = _MONTHS.index(m.group("month").lower()[:3]) + 1
        try:
            when = datetime(int(m.group("year")), month, int(m.group("day")))
        except ValueError:
            return None
        if m.group("hh"):
            when = when.replace(hour=int(m.group("hh")) % 24, minute=int(m.group("mm")) % 60)
        return when


def _resolve(base: datetime, day: str, part: str) -> datetime:
    """'Saturday night' in an article dated Sunday: the day before, at 22:00."""
    date = base.replace(hour=0, minute=0, second=0, microsecond=0)
    if day in ("yesterday", "last night"):
        date -= timedelta(days=1)
        part = part or ("night" if day == "last night" else "")
    elif day in _WEEKDAYS:
        back = (date.weekday() - _WEEKDAYS.index(day)) % 7
        date -= timedelta(days=back)
    elif day == "tonight":
        part = "night"
    hour = _PART_HOUR.get(part)
    if hour is None:
        return base if date.date() == base.date() else date + timedelta(hours=12)
    return date + timedelta(hours=hour)


def order(a: Reported, b: Reported) -> int | None:
    """-1 when ``a`` was reported first, 1 when ``b`` was, None when nothing says."""
    if a.when is not None and b.when is not None:
        if a.timed and b.timed and a.when != b.when:
            return -1 if a.when < b.when else 1
        if a.when.date() != b.when.date():
            return -1 if a.when < b.when else 1
    if a.earlier_cue != b.earlier_cue:  # "the first balance spoke of 12"
        return -1 if a.earlier_cue else 1
    return None
