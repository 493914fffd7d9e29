"""Map evidence spans (offsets into the cleaned ``Article.text``) back to the file as given
(``Article.raw_text``), so a reader can find the sentence in their own file: offsets plus the
line and column an editor shows.

Cleaning only removes whole lines and normalises whitespace, so in a .txt file the sentence is
there verbatim; in HTML or Markdown it is found when no markup or entity sits inside it
(whitespace may differ: HTML source wraps lines). Otherwise the position stays None.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from factcheck.schemas import Article, ClaimRef, Contradiction, RawPosition, Report, Span, Update

# Searching with a whitespace-tolerant pattern is linear in what it scans: it looks only this
# far past the previous match, so a 10 MB article with thousands of claims stays fast.
_WINDOW = 200_000


class _Locator:
    def __init__(self, article: Article) -> None:
        self.raw = article.raw_text
        self.lines = [0] + [m.end() for m in re.finditer("\n", self.raw)]
        self.cache: dict[tuple[int, int], RawPosition | None] = {}
        self.cursor = 0

    def position(self, span: Span) -> RawPosition | None:
        key = (span.start, span.end)
        if key not in self.cache:
            self.cache[key] = self._find(span.text)
        return self.cache[key]

    def _find(self, text: str) -> RawPosition | None:
        if not text.strip():
            return None
        start = self.raw.find(text, self.cursor)
        if start < 0:
            start = self.raw.find(text)
        end = start + len(text)
        if start < 0:
            pattern = r"\s+".join(re.escape(w) for w in text.split())
            match = re.compile(pattern).search(self.raw, self.cursor, self.cursor + _WINDOW)
            if match is None:
                return None
            start, end = match.span()
        self.cursor = start
        line = bisect.bisect_right(self.lines, start)
        return RawPosition(start=start, end=end, line=line, column=start - self.lines[line - 1] + 1)


def _with_raw(span: Span, locator: _Locator | None) -> Span:
    if locator is None:
        return span
    return span.model_copy(update={"raw": locator.position(span)})


def _refs(refs: list[ClaimRef], locators: Mapping[str, _Locator]) -> list[ClaimRef]:
    return [
        ref.model_copy(update={"evidence": _with_raw(ref.evidence, locators.get(ref.article_id))})
        for ref in refs
    ]


def locate_evidence(report: Report, articles: list[Article]) -> Report:
    """The report with ``raw`` positions on every evidence span (claims, contradictions,
    updates)."""
    locators = {a.id: _Locator(a) for a in articles}
    ordered = sorted(report.claims, key=lambda c: (c.article_id, c.evidence.start))
    located = {
        c.id: c.model_copy(update={"evidence": _with_raw(c.evidence, locators.get(c.article_id))})
        for c in ordered
    }
    contradictions: list[Contradiction] = [
        c.model_copy(update={"claims": _refs(c.claims, locators)}) for c in report.contradictions
    ]
    updates: list[Update] = [
        u.model_copy(update={"claims": _refs(u.claims, locators)}) for u in report.updates
    ]
    return report.model_copy(
        update={
            "claims": [located[c.id] for c in report.claims],
            "contradictions": contradictions,
            "updates": updates,
        }
    )
