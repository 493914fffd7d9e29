"""The bisection helpers of the quote rules answer exactly what a scan of every span would."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from factcheck.rules.quotes import _Quote, _Segments, _Spans, find_quotes
from factcheck.rules.sentences import split_sentences

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=12).map(
    lambda pairs: [(s, s + n) for s, n in pairs]
)


@given(spans, st.integers(-5, 100), st.integers(0, 20))
def test_spans_match_a_full_scan(found: list[tuple[int, int]], point: int, width: int) -> None:
    index = _Spans(found)
    assert index.contains(point) == any(s <= point < e for s, e in found)
    end = point + width
    assert index.overlaps(point, end) == any(s < end and point < e for s, e in found)


TEXT = "First one here. Second one, longer.\n\nA new paragraph! And the end"


@given(st.integers(-1, len(TEXT) + 2))
def test_segments_match_a_full_scan(offset: int) -> None:
    segments = split_sentences(TEXT)
    index = _Segments(segments)
    containing = next((s for s in segments if s.start <= offset < s.end), None)
    if containing is None:
        before = [s for s in segments if s.start <= offset]
        containing = before[-1] if before else segments[0]
    assert index.containing(offset) == containing
    after = next((s for s in segments if s.end > offset), None)
    expected = offset if after is None else (after.end if after.start <= offset else offset)
    assert index.end_after(offset) == expected


def _quotes_paragraph_by_paragraph(text: str) -> list[_Quote]:
    """The plain reading: each paragraph scanned for marks from its start."""
    quotes: list[_Quote] = []
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_end = para.span()
        i = p_start
        while i < p_end:
            if text[i] not in '“"':
                i += 1
                continue
            prev = text[i - 1] if i > 0 else " "
            if prev.isspace() or prev in "(:—–-,[" or i == p_start:
                j = next(
                    (
                        k
                        for k in range(i + 1, p_end)
                        if text[k] in '”"' and not (k + 1 < p_end and text[k + 1].isalnum())
                    ),
                    p_end,
                )
                quotes.append(_Quote(i + 1, j, min(j + 1, p_end)))
                i = j + 1
            else:
                i += 1
    return quotes


QUOTE_PIECES = ["“", "”", '"', "\n", " ", "a", "Ab", "(", ":", "—", ",", "é", "_", "1", ". "]


@given(st.lists(st.sampled_from(QUOTE_PIECES), max_size=30))
def test_quotes_found_over_the_article_as_paragraph_by_paragraph(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert find_quotes(text) == _quotes_paragraph_by_paragraph(text), repr(text)


def test_quotes_found_over_the_eval_articles_as_paragraph_by_paragraph() -> None:
    paths = sorted(Path(__file__).resolve().parents[2].glob("evals/v*/clusters/*/*.txt"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert find_quotes(text) == _quotes_paragraph_by_paragraph(text), path
