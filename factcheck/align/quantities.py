"""Which quantities measure the same thing: frame blocks split by scope, the word fallback,
and the topics (what the articles agree is one measure)."""

from __future__ import annotations

from collections import Counter, defaultdict

from factcheck.align.groups import CONFIDENT, MatchGroup
from factcheck.align.scopes import (
    Signature,
    places_matter,
    scope_confidence,
    scope_signature,
)
from factcheck.align.similarity import weights_of, word_matches
from factcheck.rules.frames import frame_key, frame_label, frame_of_claim
from factcheck.rules.subjects import content_terms, surface_word
from factcheck.schemas import Hedge, QuantityClaim, Topic

_HUMAN_UNITS = frozenset({"person"})


def fill_terms(claim: QuantityClaim) -> QuantityClaim:
    """Complete a claim for matching: its frame (read from the evidence when the extractor
    gave none), subject terms, and people as the unit of every human class."""
    update: dict[str, object] = {}
    if not claim.subject_terms:
        update["subject_terms"] = content_terms(claim.measured)
    if claim.frame.counted is None and claim.frame.event is None:
        frame = frame_of_claim(claim)
        if frame.counted is not None or frame.event is not None:
            update["frame"] = frame
            claim = claim.model_copy(update={"frame": frame})
    if claim.unit not in _HUMAN_UNITS and _is_human(claim):
        update["unit"] = "person"  # "Seven terrorists" and "eight attackers" count people
    return claim.model_copy(update=update) if update else claim


_HUMAN_CLASSES = frozenset(
    "people attackers passengers crew police soldiers children women students workers "
    "migrants".split()
) | {"passengers and crew"}


def _is_human(claim: QuantityClaim) -> bool:
    return claim.frame.counted is not None and claim.frame.counted.value in _HUMAN_CLASSES


def _block(claim: QuantityClaim) -> tuple[str, ...]:
    base = (claim.dimension.value, claim.unit, claim.rate or "", claim.frame.role.value)
    key = frame_key(claim.frame)
    if key is not None:
        return (*base, "frame", key[0], key[1])
    counted = claim.frame.counted.value if claim.frame.counted else ""
    return (*base, "words", counted)


def _frame_groups(block: list[QuantityClaim], label: str) -> list[MatchGroup]:
    """Split one frame block into groups by scope: linear in the block (few distinct scopes)."""
    places = places_matter(block)
    by_sig: dict[Signature, list[QuantityClaim]] = defaultdict(list)
    for c in block:
        by_sig[scope_signature(c, places)].append(c)
    sigs = list(by_sig)
    groups: list[MatchGroup] = []
    done: set[tuple[int, int]] = set()
    for i, si in enumerate(sigs):
        for j in range(i, len(sigs)):
            if (i, j) in done:
                continue
            done.add((i, j))
            rep_a, rep_b = by_sig[si][0], by_sig[sigs[j]][0]
            conf = scope_confidence(rep_a, rep_b, places)
            if conf is None:
                continue
            # The scoped side names the group: "seats won (syriza)", "people killed (paris)".
            scoped = max(rep_a, rep_b, key=lambda c: len(c.frame.scope))
            named = frame_label(scoped.frame, label)
            if i == j:
                groups.append(MatchGroup(by_sig[si], conf, named))
            else:
                groups.append(MatchGroup(by_sig[si], conf, named, across=by_sig[sigs[j]]))
    return groups


def _topic_label(group: list[QuantityClaim], weights: dict[str, float]) -> str:
    first = group[0]
    framed = Counter(
        frame_label(c.frame, "") for c in group if frame_key(c.frame) is not None
    ).most_common(1)
    if framed and framed[0][0]:
        return f"{framed[0][0]}, {first.rate}" if first.rate else framed[0][0]
    if first.dimension.value == "duration":
        return Counter(c.measured for c in group).most_common(1)[0][0]
    counts = Counter(t for c in group for t in set(c.subject_terms) if ":" not in t)
    shared = [t for t, n in counts.items() if n > 1]
    shared.sort(key=lambda t: (-counts[t] * weights.get(t, 1.0), t))
    # Show the words as the articles wrote them, not their stems.
    texts = [c.evidence.text for c in group]
    words = [surface_word(t, texts) for t in shared[:2]]
    noun = "people" if first.unit == "person" else f"{first.unit}s"
    what = {"count": f"number of {noun}"}.get(first.dimension.value, first.dimension.value)
    label = f"{what} ({', '.join(words)})" if words else what
    return f"{label}, {first.rate}" if first.rate else label


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def align_quantities(
    quantities: list[QuantityClaim],
) -> tuple[list[MatchGroup], list[Topic]]:
    weights = weights_of([set(q.subject_terms) for q in quantities])
    blocks: dict[tuple[str, ...], list[QuantityClaim]] = defaultdict(list)
    for q in quantities:
        blocks[_block(q)].append(q)
    groups: list[MatchGroup] = []
    for key, block in blocks.items():
        if len({c.article_id for c in block}) < 2:
            continue
        if key[4] == "frame":
            groups.extend(_frame_groups(block, frame_label(block[0].frame, block[0].measured)))
            continue
        for a, b, score in word_matches(block, weights):
            groups.append(MatchGroup([a], score, a.measured, across=[b]))
    # Topics: what the articles agree is one measure (confident matches only).
    links = _UnionFind()
    for g in groups:
        if g.confidence < CONFIDENT:
            continue
        members = g.members + (g.across or [])
        if len({c.article_id for c in members}) < 2:
            continue
        for c in members[1:]:
            links.union(members[0].id, c.id)
    by_root: dict[str, list[str]] = defaultdict(list)
    for q in quantities:
        if q.id in links.parent:
            by_root[links.find(q.id)].append(q.id)
    by_id = {q.id: q for q in quantities}
    topics: list[Topic] = []
    for members_ids in by_root.values():
        if len(members_ids) < 2:
            continue
        label = _topic_label([by_id[i] for i in members_ids], weights)
        topics.append(Topic(id=f"t{len(topics) + 1}", measured=label, claim_ids=members_ids))
    return groups, topics


def article_hedges(quantities: list[QuantityClaim]) -> list[QuantityClaim]:
    """A figure an article also gives with a hedge keeps that hedge where it is bare: a
    headline's "127 Dead" is the body's "at least 127 were killed", not an exact count."""
    hedged: dict[tuple[object, ...], QuantityClaim] = {}
    for q in quantities:
        key = (q.article_id, frame_key(q.frame), scope_signature(q), q.unit, q.value)
        if q.hedge is not Hedge.EXACT and key[1] is not None:
            hedged.setdefault(key, q)
    if not hedged:
        return quantities
    out = []
    for q in quantities:
        source = hedged.get((q.article_id, frame_key(q.frame), scope_signature(q), q.unit, q.value))
        if source is not None and q.hedge is Hedge.EXACT:
            q = q.model_copy(update={"hedge": source.hedge, "low": source.low, "high": source.high})
        out.append(q)
    return out
