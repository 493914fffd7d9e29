"""The bisection helpers of the quote rules answer exactly what a scan of every span would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factcheck.rules.quotes import _Segments, _Spans
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
