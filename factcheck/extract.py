"""The one seam between the pipeline and whatever reads articles: the ``Extractor`` protocol.

Implementations: ``factcheck.rules.RuleExtractor`` (offline, deterministic),
``factcheck.llm.LLMExtractor`` (any OpenAI-compatible endpoint or in-process llama.cpp),
replay of recorded responses, and ``FakeExtractor`` here for tests of our own logic.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from factcheck.schemas import Article, AttributionClaim, Claim, ExtractorInfo, QuantityClaim, Usage


@dataclass
class ExtractionStats:
    """What happened while extracting one article; merged into the report."""

    ungrounded_dropped: int = 0
    from_cache: bool = False
    usage: Usage = field(default_factory=Usage)


@runtime_checkable
class Extractor(Protocol):
    def info(self) -> ExtractorInfo: ...

    def extract(self, article: Article) -> list[Claim]:
        """Return grounded claims; raise ``ExtractionError`` when the article cannot be read."""
        ...

    def stats(self, article_id: str) -> ExtractionStats: ...


def number_claims(article_id: str, claims: Iterable[Claim]) -> list[Claim]:
    """Give claims stable ids in document order ('002:q1', '002:a1', ...)."""
    ordered = sorted(claims, key=lambda c: (c.evidence.start, c.kind, c.evidence.end))
    out: list[Claim] = []
    counters = {"quantity": 0, "attribution": 0}
    for claim in ordered:
        counters[claim.kind] += 1
        prefix = "q" if isinstance(claim, QuantityClaim) else "a"
        out.append(claim.model_copy(update={"id": f"{article_id}:{prefix}{counters[claim.kind]}"}))
    return out


class FakeExtractor:
    """Test double: returns queued claim lists in order (like simonw/llm's MockModel.enqueue).

    An article id may also be mapped to a fixed answer; an empty queue with no mapping
    yields no claims.
    """

    def __init__(self) -> None:
        self._queue: deque[list[Claim] | Exception] = deque()
        self._by_article: dict[str, list[Claim]] = {}
        self.calls: list[str] = []

    def enqueue(self, claims: list[Claim] | Exception) -> None:
        self._queue.append(claims)

    def answer(self, article_id: str, claims: list[Claim]) -> None:
        self._by_article[article_id] = claims

    def info(self) -> ExtractorInfo:
        return ExtractorInfo(name="fake")

    def extract(self, article: Article) -> list[Claim]:
        self.calls.append(article.id)
        if article.id in self._by_article:
            return list(self._by_article[article.id])
        if not self._queue:
            return []
        item = self._queue.popleft()
        if isinstance(item, Exception):
            raise item
        return list(item)

    def stats(self, article_id: str) -> ExtractionStats:
        return ExtractionStats()


__all__ = [
    "AttributionClaim",
    "ExtractionStats",
    "Extractor",
    "FakeExtractor",
    "QuantityClaim",
    "number_claims",
]
