"""Line claims up across articles: which quantities measure the same thing, which quotes are
the same statement, and who each speaker is across the whole cluster.

Quantities are matched on their frames (what is counted, what happened, role, scope), never
on shared words alone: "attackers killed" and "people killed" share every word that matters to
a word-overlap matcher and are different figures. Candidates come from blocking keys, so the
work grows with the number of claims, not with its square:

- a figure with a full frame is compared within its block (dimension, unit, rate, counted,
  event, role), split by scope: the same scope (or none on both sides) is a confident match;
  a scope stated on one side only ("in Paris", "at the concert hall") a possible one;
  different scopes, parts ("three of the attackers") and different periods never match;
- a figure whose frame has no event (the rules found no event word) falls back to the words
  around it (IDF-weighted, closest first) within its block, through an inverted index;
- quotes are paired through an inverted index of their rarer words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.align.groups import CONFIDENT, ONE_SIDED_SCOPE, MatchGroup
from factcheck.align.quantities import align_quantities, article_hedges, fill_terms
from factcheck.align.scopes import scope_confidence
from factcheck.align.similarity import subject_similarity
from factcheck.align.speakers import canonical_speakers
from factcheck.align.statements import same_statement, statement_pairs
from factcheck.schemas import AttributionClaim, Claim, QuantityClaim, Topic


@dataclass
class Aligned:
    claims: list[Claim]
    groups: list[MatchGroup] = field(default_factory=list)
    statement_pairs: list[tuple[AttributionClaim, AttributionClaim]] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)

    @property
    def quantity_pairs(self) -> list[tuple[QuantityClaim, QuantityClaim]]:
        """Every matched pair (small clusters, tests and the eval; compare uses the groups)."""
        return [p for g in self.groups for p in g.pairs()]


def align_claims(claims: list[Claim]) -> Aligned:
    quantities = article_hedges([fill_terms(c) for c in claims if isinstance(c, QuantityClaim)])
    attributions = canonical_speakers([c for c in claims if isinstance(c, AttributionClaim)])
    groups, topics = align_quantities(quantities)
    return Aligned(
        claims=[*quantities, *attributions],
        groups=groups,
        statement_pairs=statement_pairs(attributions),
        topics=topics,
    )


__all__ = [
    "CONFIDENT",
    "ONE_SIDED_SCOPE",
    "Aligned",
    "MatchGroup",
    "align_claims",
    "canonical_speakers",
    "same_statement",
    "scope_confidence",
    "subject_similarity",
]
