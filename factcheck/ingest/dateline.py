"""Wire-copy datelines: "WASHINGTON (Reuters) - ...", "ATHENS — ...", "Jan 5, 2024 (AP) - ...".

A dateline opens the first paragraph of most agency and newspaper copy. It says where the
story was filed, when, and by whom; it is not part of the story. Left in the text, the
outlet reads as the owner of the first sentence's figures ("Reuters" vs "AP" looks like two
scopes, so the same figure in two outlets never pairs) and the place as a scope of them.
So the dateline is cut from the paragraph (the rest stays byte-for-byte) and its date and
outlet become the article's, where the file says nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+"
# "Jan 5, 2024", "5 January 2024", "March 15", "2024-01-05"
_DATE = (
    rf"(?:{_WEEKDAY})?(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>(?:19|20)\d\d))?"
    r"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d))"
)
# A place as datelines write it: capitalised words, "MEXICO CITY, Mexico", "Paris".
_PLACE_WORD = r"[A-Z][\w.'’-]*"
_REGION = rf",\s+{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}}"  # ", Mexico", ", New South Wales"
_PLACE = rf"{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,4}}(?:{_REGION})?"
_CAPS_WORD = r"[A-Z][A-Z.'’-]+"
# An outlet in parentheses: one to five capitalised words ("Reuters", "AP", "The Hindu").
_OUTLET = r"\((?P<outlet>[A-Z][\w&.'’-]*(?:\s+[\w&.'’-]+){0,4})\)"
_DASH = r"[-–—]{1,2}|:"

# With the outlet in parentheses. The story must visibly start after it (see ``_story_starts``):
# that keeps "López Obrador (AMLO) Thursday said" a sentence.
_WITH_OUTLET = re.compile(
    rf"^(?:(?P<place>{_PLACE})\s*,?\s*)?(?:(?P<date>{_DATE})\s*)?{_OUTLET}"
    rf"(?P<sep>\s*(?:{_DASH})\s*|\s*)(?=[A-Z“\"‘'])",
)
# Without an outlet: a place in capitals, optionally a region and a date, then a dash
# ("ATHENS — ", "PEARCE AIR FORCE BASE, Australia — ", "SEPANG, March 15 — "). A mis-decoded
# dash comes out as "?" in scraped copy; it only counts after a capitalised place and a date.
_CAPS_ONLY = re.compile(
    rf"^(?P<place>{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,4}}(?:{_REGION})??)"
    rf"(?:,\s+(?P<date>{_DATE}))?(?:\s+[-–—]{{1,2}}|(?<=\d)\s\?)\s+(?=[A-Z0-9“\"‘'])",
)


@dataclass(frozen=True)
class Dateline:
    length: int  # characters to cut from the paragraph's start
    place: str | None
    date: str | None  # ISO 8601, only when the dateline gives the year
    outlet: str | None


def _iso(m: re.Match[str]) -> str | None:
    if m.group("iso"):
        return m.group("iso")
    month, day, year = (
        (m.group("m1"), m.group("d1"), m.group("y1"))
        if m.group("m1")
        else (m.group("m2"), m.group("d2"), m.group("y2"))
    )
    if not (month and day and year):
        return None  # "March 15": no year, and guessing one would date the story wrongly
    number = next(i for i, n in enumerate(_MONTH_NAMES, 1) if n.startswith(month[:3].lower()))
    if not 1 <= int(day) <= 31:
        return None
    return f"{year}-{number:02d}-{int(day):02d}"


def _story_starts(m: re.Match[str]) -> bool:
    """After "(Outlet)": a dash, the next word glued on ("Paris (CNN)Authorities"), or a bare
    "(Reuters) The ..." with nothing before the parenthesis."""
    sep = m.group("sep")
    return bool(sep.strip()) or not sep or not (m.group("place") or m.group("date"))


def read_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening ``paragraph``, or None when it starts with the story itself."""
    head = paragraph[:160]
    m = _WITH_OUTLET.match(head)
    if m is not None and not _story_starts(m):
        m = None
    m = m or _CAPS_ONLY.match(head)
    if m is None or m.end() >= len(paragraph.rstrip()):
        return None
    date = None
    if m.group("date"):
        inner = re.match(_DATE, m.group("date"))
        date = _iso(inner) if inner else None
    place = m.group("place")
    if place is not None and place.isupper() and len(place.replace(" ", "")) < 2:
        return None
    outlet = m.groupdict().get("outlet")
    return Dateline(
        length=m.end(),
        place=place.strip(" ,") if place else None,
        date=date,
        outlet=outlet.strip() if outlet else None,
    )
