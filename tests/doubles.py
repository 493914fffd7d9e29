"""Test doubles that go through the same seams as the real thing."""

from __future__ import annotations

from collections import deque

from factcheck.schemas import Article, Claim, ExtractionStats, ExtractorInfo


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
