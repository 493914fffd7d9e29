"""Compare: decide which aligned claims cannot all be true (contradictions, with sides,
severity, confidence and a one-sentence reason), which figures changed over time (updates),
and the figures table."""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.align import Aligned
from factcheck.compare.attribution import attribution_contradictions, channels_compatible
from factcheck.compare.decide import conflicting, interval_gap, severity_of
from factcheck.compare.figures import figures_table
from factcheck.compare.numeric import numeric_findings
from factcheck.schemas import Article, Contradiction, Figure, QuantityClaim, Update


@dataclass
class Findings:
    contradictions: list[Contradiction] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


def compare(aligned: Aligned, articles: dict[str, Article]) -> Findings:
    numeric, updates = numeric_findings(aligned, articles)
    found = numeric + attribution_contradictions(aligned, articles)
    quantities = {c.id: c for c in aligned.claims if isinstance(c, QuantityClaim)}
    return Findings(
        contradictions=[c.model_copy(update={"id": f"C{n + 1}"}) for n, c in enumerate(found)],
        updates=[u.model_copy(update={"id": f"U{n + 1}"}) for n, u in enumerate(updates)],
        figures=figures_table(aligned.topics, quantities, articles),
    )


def find_contradictions(aligned: Aligned, articles: dict[str, Article]) -> list[Contradiction]:
    """Every contradiction, confident and possible (see ``Contradiction.certainty``)."""
    return compare(aligned, articles).contradictions


__all__ = [
    "Findings",
    "channels_compatible",
    "compare",
    "conflicting",
    "find_contradictions",
    "interval_gap",
    "severity_of",
]
