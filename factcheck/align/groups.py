"""Match groups: quantities that measure the same thing, at one confidence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.schemas import QuantityClaim

# A match at or above this confidence is reported by default; below it, only when asked.
CONFIDENT = 0.75


ONE_SIDED_SCOPE = 0.5  # a scope stated by one article only: possibly a subtotal


# Index postings longer than this are too common to pick candidates (like stopwords).
MAX_POSTING = 400


@dataclass
class MatchGroup:
    """Quantities that measure the same thing at one confidence. With ``across`` set, only
    pairs between ``members`` and ``across`` are matched (the other pairs are another group's).
    """

    members: list[QuantityClaim]
    confidence: float
    label: str
    across: list[QuantityClaim] | None = None

    def pairs(self) -> Iterable[tuple[QuantityClaim, QuantityClaim]]:
        if self.across is not None:
            for a in self.members:
                for b in self.across:
                    if a.article_id != b.article_id:
                        yield a, b
            return
        for i, a in enumerate(self.members):
            for b in self.members[i + 1 :]:
                if a.article_id != b.article_id:
                    yield a, b
