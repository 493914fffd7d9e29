"""The number line: intervals in, positions and the gap out."""

from __future__ import annotations

import pytest

from factcheck.report.numberline import MAX_BARS, Mark, number_line

MEETING = [
    Mark(0, "less than two hours", "004", None, 120.0),
    Mark(0, "a little more than an hour and a half", "004", 90.0, 108.0),
    Mark(1, "three-hour", "000", 180.0, 180.0),
    Mark(1, "almost three hours", "001", 162.0, 180.0),
    Mark(1, "three hours", "002", 180.0, 180.0),
]


def test_seed_meeting_lengths() -> None:
    line = number_line(MEETING, "minute")
    assert line is not None and not line.log
    assert [(b.side, b.label, b.value) for b in line.bars] == [
        (0, "less than two hours", "< 120 min"),
        (0, "a little more than an hour and a half", "90–108 min"),
        (1, "almost three hours", "162–180 min"),
        (1, "three-hour ×2", "180 min"),
    ]
    open_bar, _short, almost, point = line.bars
    assert open_bar.open_left and open_bar.left == 0
    assert point.point and not almost.point
    assert line.gap is not None and line.gap.label == "42 min apart"
    assert open_bar.left + open_bar.width == pytest.approx(line.gap.left)
    assert line.gap.left + line.gap.width == pytest.approx(almost.left)
    assert [t for _, t in line.ticks] == ["100", "120", "140", "160", "180"]
    assert line.unit == "min"


def test_positions_are_in_order_and_on_the_axis() -> None:
    line = number_line(
        [Mark(0, "a", "x", 7400.0, 8600.0), Mark(1, "b", "y", 9000.0, 10000.0)], "person"
    )
    assert line is not None and line.unit == "people"
    a, b = line.bars
    assert 0 < a.left < a.left + a.width < b.left < b.left + b.width < 100
    assert line.gap is not None and line.gap.label == "400 people apart"


def test_overlapping_sides_have_no_gap_and_hours_scale() -> None:
    line = number_line([Mark(0, "a", "x", 240.0, 600.0), Mark(1, "b", "y", 500.0, None)], "minute")
    assert line is not None and line.gap is None and line.unit == "h"
    assert line.bars[1].open_right and line.bars[1].left + line.bars[1].width == 100


def test_wide_ranges_use_a_log_scale() -> None:
    line = number_line([Mark(0, "a", "x", 12.0, 12.0), Mark(1, "b", "y", 40000.0, 40000.0)], "USD")
    assert line is not None and line.log
    assert [t for _, t in line.ticks] == ["10", "100", "1,000", "10,000"]


def test_nothing_finite_draws_nothing_and_many_bars_are_capped() -> None:
    assert number_line([Mark(0, "a", "x", None, None)], "person") is None
    many = [Mark(k % 2, str(k), "x", float(k), float(k)) for k in range(1, 40)]
    line = number_line(many, "person")
    assert line is not None and len(line.bars) == MAX_BARS and line.hidden == 39 - MAX_BARS
    assert {b.side for b in line.bars} == {0, 1}, "both sides stay on the line"
