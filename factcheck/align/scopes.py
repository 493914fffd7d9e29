"""Do two figures of one frame block have the same scope? Place, group, owner, part, period."""

from __future__ import annotations

from factcheck.align.groups import ONE_SIDED_SCOPE
from factcheck.rules.speakers import normalize_name
from factcheck.schemas import Dimension, QuantityClaim, ScopeKind, ScopeSlot

Signature = tuple[frozenset[tuple[str, str]], frozenset[str]]


def read_scopes(claim: QuantityClaim) -> list[ScopeSlot]:
    """The scopes the rules read. A model's scope label (label mode) is evidence shown with
    the figure, never a reason to keep two figures apart: its free words rarely match from one
    article to the next ("low-lying districts of X" vs "coastal districts of X"), so it would
    split what the rules compare."""
    return [s for s in claim.frame.scope if s.by == "rules"]


def scope_signature(claim: QuantityClaim, places: bool = True) -> Signature:
    """(place/group/owner/part scopes, periods): periods are compared on their own. With
    ``places`` False, places are left out (see ``places_matter``)."""
    read = read_scopes(claim)
    scopes = frozenset(
        (s.kind.value, s.value)
        for s in read
        if s.kind is not ScopeKind.PERIOD and (places or s.kind is not ScopeKind.PLACE)
    )
    periods = frozenset(s.value for s in read if s.kind is ScopeKind.PERIOD)
    return scopes, periods


def _owners_agree(a: str, b: str) -> bool:
    """'socialist pasok' and 'pasok' are one party; 'new democracy' and 'syriza' are not."""
    ta, tb = set(normalize_name(a).split()), set(normalize_name(b).split())
    return bool(ta & tb)


def _tally(claim: QuantityClaim) -> bool:
    """Counts of people and running tallies: the figures news breaks down by venue and day
    ("80 at the concert hall", "In January, ... killing 12"), so a place or period stated on
    one side only may well be a subtotal or another event."""
    return claim.frame.running or claim.unit == "person"


def _place_one_sided(a: QuantityClaim, b: QuantityClaim) -> bool:
    """``a`` names a place that ``b`` names nowhere (neither as a place nor as an owner)."""
    places = [s.value for s in read_scopes(a) if s.kind is ScopeKind.PLACE]
    named = [s.value for s in read_scopes(b) if s.kind in (ScopeKind.PLACE, ScopeKind.OWNER)]
    return bool(places) and not any(_places_agree(p, n) for p in places for n in named)


def _to_date(claim: QuantityClaim) -> bool:
    periods = {s.value for s in read_scopes(claim) if s.kind is ScopeKind.PERIOD}
    cue = claim.frame.time.value if claim.frame.time else ""
    return bool(periods & {"this year", "this month"}) and cue in ("so far", "to date")


def _years(periods: set[str]) -> set[str]:
    """Periods naming a year other than the story's own: "in 2021", "last year"."""
    return {p for p in periods if p[:2] in ("19", "20") or p == "last year"}


def _dated(kind: ScopeKind, value: str) -> bool:
    return kind is ScopeKind.PERIOD and not value.startswith("this")


def places_matter(block: list[QuantityClaim]) -> bool:
    """Do places split this measure in this cluster? Only when the articles give it for at
    least two different places ("at the concert hall", "at the restaurants", "in Paris"): a
    breakdown. One place alone ("plunged into an Alpine ravine") is where it all happened."""
    places = {
        s.value
        for c in block
        if not any(
            p.kind is ScopeKind.PERIOD and not p.value.startswith("this") for p in read_scopes(c)
        )
        for s in read_scopes(c)
        if s.kind is ScopeKind.PLACE
    }  # background (a dated earlier event) does not make a breakdown of this one
    return len(places) >= 2


_GENERIC_PLACE = frozenset(
    "the a an of central downtown northern southern eastern western north south east west "
    "capital city town streets street centre center old greater".split()
)


def _places_agree(a: str, b: str) -> bool:
    """'central castrenne' and 'the capital castrenne' are one place; 'paris' and 'bataclan'
    are not."""
    ta = set(normalize_name(a).split()) - _GENERIC_PLACE
    tb = set(normalize_name(b).split()) - _GENERIC_PLACE
    return bool(ta & tb)


def _agree(kind: str, va: str, vb: str) -> bool:
    if va == vb:
        return True
    if kind == "owner":
        return _owners_agree(va, vb)
    return kind == "place" and _places_agree(va, vb)


def scope_confidence(a: QuantityClaim, b: QuantityClaim, places: bool = True) -> float | None:
    """How surely two figures of one block have the same scope; None when they cannot."""
    (sa, pa), (sb, pb) = scope_signature(a, places), scope_signature(b, places)
    if pa and pb and not pa & pb:
        return None  # "in October" vs "in September": different facts
    if ("partial count" in pa) != ("partial count" in pb):
        return None  # a share "with 412,000 ballots counted" is not the final share
    part = ("part", "part")
    if part in sa or part in sb:
        return None  # "three of the attackers" is a part of some total, not the total
    tally = _tally(a) or _tally(b)
    # A percentage whose sentence does not say what it is of ("firmed 0.8%", "plus or minus two
    # percentage points") may be any share: never a confident pair.
    bare = any(
        c.frame.counted is not None
        and c.frame.counted.value == "share"
        and not any(s.kind in (ScopeKind.OWNER, ScopeKind.GROUP) for s in read_scopes(c))
        for c in (a, b)
    )  # "Yes 51.3 percent": whose share it is says what it is
    # "this week" is the story's own time; a named month, a year or "last year" on one side
    # only often dates background (another event told in passing).
    dated_a = {p for p in pa if not p.startswith("this")}
    dated_b = {p for p in pb if not p.startswith("this")}
    # For any figure, a year on one side only ("won 38 seats at the last election in 2021",
    # "the 2021 strike ended with a 4% raise") most often tells another event's figure.
    years_a, years_b = _years(dated_a), _years(dated_b)
    one_sided = (tally and bool(dated_a) != bool(dated_b)) or bool(years_a) != bool(years_b)
    # "More than 310,000 acres have burned in Oregon so far this year": a year-to-date total.
    one_sided = one_sided or _to_date(a) != _to_date(b)
    # A share for one place only ("turnout in the city of X was 67 percent") is most often a
    # part of the area the other figure covers.
    if a.dimension is Dimension.PERCENT:
        one_sided = one_sided or _place_one_sided(a, b) or _place_one_sided(b, a)
    kinds_a: dict[str, set[str]] = {}
    kinds_b: dict[str, set[str]] = {}
    for kinds, scopes in ((kinds_a, sa), (kinds_b, sb)):
        for kind, value in scopes:
            kinds.setdefault(kind, set()).add(value)
    electoral = a.frame.counted is not None and (
        a.frame.counted.value in ("seats", "votes", "share of vote", "share of votes", "share")
    )
    for kind in kinds_a.keys() | kinds_b.keys():
        va, vb = kinds_a.get(kind), kinds_b.get(kind)
        if (va is None or vb is None) and kind == "group":
            return None  # "three Chileans" are some of the dead, by construction
        if va is None or vb is None:
            # Whose seats or votes always matters; where, mostly for tallies of people.
            one_sided = (
                one_sided
                or (kind == "owner" and electoral)
                or (kind == "place" and tally)
                or kind == "other"  # "food inflation" vs "inflation": may be one, may not
            )
        elif not any(_agree(kind, x, y) for x in va for y in vb):
            return None  # each side names several places: they must share one
    return ONE_SIDED_SCOPE if one_sided or bare else 1.0
