"""Where each side's values fall on one axis, so the gap between them shows at a glance.

Pure geometry: intervals in, percentages out. The template draws them with CSS.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from factcheck.numbers import format_interval

MAX_BARS = 12  # distinct intervals drawn; the rest are counted, not drawn
_OPEN_PAD = 0.14  # share of the axis an unbounded bar runs past the last finite value
_PAD = 0.06


@dataclass(frozen=True)
class Mark:
    """One claim's interval on one side of a conflict."""

    side: int
    label: str
    where: str
    low: float | None
    high: float | None


@dataclass
class Bar:
    side: int
    label: str
    value: str
    where: list[str]
    left: float  # percent of the axis
    width: float
    open_left: bool
    open_right: bool

    @property
    def point(self) -> bool:
        return self.width < 0.5 and not (self.open_left or self.open_right)


@dataclass
class Gap:
    left: float
    width: float
    label: str


@dataclass
class NumberLine:
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    unit: str
    log: bool
    gap: Gap | None = None
    hidden: int = 0
    sides: list[int] = field(default_factory=list)


def number_line(marks: list[Mark], unit: str) -> NumberLine | None:
    """None when there is nothing finite to place."""
    finite = [v for m in marks for v in (m.low, m.high) if v is not None and math.isfinite(v)]
    if not finite:
        return None
    lo, hi = min(finite), max(finite)
    if math.isclose(lo, hi):
        lo, hi = (lo * 0.9, hi * 1.1) if lo > 0 else (lo - 1, hi + 1)
    use_log = lo > 0 and hi / lo > 30
    f = math.log10 if use_log else float
    span = f(hi) - f(lo)
    left_pad = _OPEN_PAD if any(m.low is None for m in marks) else _PAD
    right_pad = _OPEN_PAD if any(m.high is None for m in marks) else _PAD
    scale = 100 * (1 - left_pad - right_pad) / span

    def pos(v: float) -> float:
        return max(0.0, min(100.0, 100 * left_pad + (f(v) - f(lo)) * scale))

    grouped: dict[tuple[int, float | None, float | None], list[Mark]] = {}
    for m in marks:
        grouped.setdefault((m.side, m.low, m.high), []).append(m)
    bars = []
    for (side, low, high), same in grouped.items():
        start = 0.0 if low is None else pos(low)
        end = 100.0 if high is None else pos(high)
        labels = list(dict.fromkeys(m.label for m in same))
        label = labels[0] + (f" ×{len(same)}" if len(same) > 1 else "")
        bars.append(
            Bar(
                side,
                label,
                format_interval(low, high, unit),
                [m.where for m in same],
                start,
                end - start,
                low is None,
                high is None,
            )
        )
    line = NumberLine(
        bars=_keep(bars),
        ticks=_ticks(lo, hi, unit, pos, use_log),
        unit=_unit_label(hi, unit),
        log=use_log,
        hidden=max(0, len(bars) - MAX_BARS),
        sides=sorted({m.side for m in marks}),
    )
    line.gap = _gap(marks, unit, pos)
    return line


def _keep(bars: list[Bar]) -> list[Bar]:
    """At most MAX_BARS, taken from each side in turn so every side stays on the line."""
    by_side: dict[int, list[Bar]] = {}
    for b in sorted(bars, key=lambda b: b.left + b.width / 2):
        by_side.setdefault(b.side, []).append(b)
    kept: list[Bar] = []
    queues = [by_side[k] for k in sorted(by_side)]
    while len(kept) < MAX_BARS and any(queues):
        for queue in queues:
            if queue and len(kept) < MAX_BARS:
                kept.append(queue.pop(0))
    return sorted(kept, key=lambda b: (b.side, b.left + b.width / 2))


def _gap(marks: list[Mark], unit: str, pos: Callable[[float], float]) -> Gap | None:
    """The empty stretch between two sides' values, when the sides do not overlap at all."""
    hulls: dict[int, tuple[float, float]] = {}
    for m in marks:
        low = -math.inf if m.low is None else m.low
        high = math.inf if m.high is None else m.high
        a, b = hulls.get(m.side, (math.inf, -math.inf))
        hulls[m.side] = (min(a, low), max(b, high))
    if len(hulls) != 2:
        return None
    (a_lo, a_hi), (b_lo, b_hi) = hulls.values()
    start, end = (a_hi, b_lo) if a_hi < b_lo else (b_hi, a_lo) if b_hi < a_lo else (0.0, 0.0)
    if not end > start:
        return None
    left, right = pos(start), pos(end)
    return Gap(left, right - left, f"{format_interval(end - start, end - start, unit)} apart")


# Minutes are shown in the largest unit the top value reaches at least three times, as
# numbers.format_interval does for a single value, so every tick shares one unit.
_DURATION_STEPS = ((525600.0, "y"), (1440.0, "d"), (60.0, "h"))


def _time_scale(top: float) -> tuple[float, str]:
    return next(((f, u) for f, u in _DURATION_STEPS if top > max(180, 3 * f - 1)), (1.0, "min"))


def _unit_label(top: float, unit: str) -> str:
    if unit == "minute":
        return _time_scale(top)[1]
    return format_interval(2.0, 2.0, unit).removeprefix("2").strip()


def _ticks(
    lo: float, hi: float, unit: str, pos: Callable[[float], float], use_log: bool
) -> list[tuple[float, str]]:
    factor = _time_scale(hi)[0] if unit == "minute" else 1.0
    if use_log:
        values = [10.0**k for k in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)]
    else:
        step = _nice_step((hi - lo) / factor / 4) * factor
        first = math.ceil(lo / step) * step
        values = [first + k * step for k in range(int((hi - first) / step + 1e-9) + 1)]
    out = []
    for v in values:
        p = pos(v)
        if 0 < p < 100:
            shown = v / factor
            text = f"{shown:,.2f}".rstrip("0").rstrip(".")
            out.append((p, text))
    return out


def _nice_step(raw: float) -> float:
    """1, 2 or 5 times a power of ten, the nearest to ``raw`` on a log scale."""
    if raw <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    return min((m * power for m in (1, 2, 5, 10)), key=lambda s: abs(math.log(s / raw)))
