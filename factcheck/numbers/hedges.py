"""Hedges ("around", "less than", "a little more than") and the intervals they give a value."""

from __future__ import annotations

import math
import re

from factcheck.numbers import lexicon as lx
from factcheck.numbers.tokens import Tok, digits_value, plural
from factcheck.schemas import Hedge

# The last word of every hedge phrase: a phrase ending right before ``s`` ends with the word
# there, so without one of these there is none (the parser asks at every figure, most have none).
_HEDGE_ENDS = frozenset(phrase.split()[-1] for phrase in lx.HEDGES)


def hedge_before(toks: list[Tok], s: int, floor: int) -> tuple[Hedge, int]:
    if s <= floor or toks[s - 1].low not in _HEDGE_ENDS:
        return Hedge.EXACT, s
    for size in range(lx.MAX_HEDGE_WORDS, 0, -1):
        a = s - size
        seg = toks[a:s] if a >= floor else []
        if seg and all(t.is_word and not t.blocked for t in seg):
            hedge = lx.HEDGES.get(" ".join(t.low for t in seg))
            if hedge is not None:
                return hedge, a
    return Hedge.EXACT, s


def format_interval(low: float | None, high: float | None, unit: str) -> str:
    """Short human-readable interval: "< 120 min", "90–108 min", "≈ 8,000 person"."""
    bounded = [v for v in (low, high) if v is not None]
    if not bounded:
        return f"any {unit}"
    scale, label = 1.0, unit
    if unit == "minute":
        top = max(bounded)
        # Minutes up to three hours ("90–108 min"), then the largest unit seen at least thrice.
        steps = [(525600.0, "y"), (1440.0, "d"), (60.0, "h")]
        scale, label = next(((f, u) for f, u in steps if top > max(180, 3 * f - 1)), (1.0, "min"))
    big = max(abs(v) for v in bounded) != 1
    suffix = "%" if unit == "percent" else f" {plural(label) if big and label == unit else label}"

    def show(v: float) -> str:
        v /= scale
        whole = math.isclose(v, round(v), abs_tol=1e-9)
        return f"{round(v):,}" if whole else f"{v:,.2f}".rstrip("0").rstrip(".")

    if low is None or high is None:
        return f"{'<' if low is None else '>'} {show(bounded[0])}{suffix}"
    mid = (low + high) / 2
    if math.isclose(low, high, rel_tol=1e-9):
        return show(low) + suffix
    if mid > 0 and math.isclose(low, 0.925 * mid) and math.isclose(high, 1.075 * mid):
        return f"≈ {show(mid)}{suffix}"
    return f"{show(low)}–{show(high)}{suffix}"


def parse_hedge(words: str) -> Hedge | None:
    """Hedge named by a phrase such as "a little more than"; None when it is not one."""
    return lx.HEDGES.get(" ".join(words.lower().split()))


_HEDGE_FACTORS: dict[Hedge, tuple[float | None, float | None]] = {
    **dict.fromkeys((Hedge.MORE_THAN, Hedge.AT_LEAST), (1.0, None)),
    **dict.fromkeys((Hedge.LESS_THAN, Hedge.UP_TO), (None, 1.0)),
    Hedge.EXACT: (1.0, 1.0),
    Hedge.APPROXIMATE: (0.925, 1.075),
    Hedge.NEARLY: (0.9, 1.0),
    Hedge.SLIGHTLY_MORE: (1.0, 1.2),
}


def interval_for(value: float, hedge: Hedge) -> tuple[float | None, float | None]:
    """Normalised interval for a written value under a hedge (the brief's table)."""
    low, high = _HEDGE_FACTORS[hedge]
    return (None if low is None else low * value), (None if high is None else high * value)


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def rounding_step(number_text: str, written: float, canonical: float) -> float | None:
    """The step a figure was written with, in the canonical unit: 1 for "128", 1,000 for
    "8,000", 0.1 for "6.9", 100,000 for "2.2 million", 60 (minutes) for "three hours".

    Reporters round: "three hours" for 2 h 55 min is no contradiction, "129" for 128 is. The
    coarser of two figures sets the tolerance (see ``factcheck.compare``). None when the
    written number cannot be read back (then no rounding is assumed)."""
    if written == 0 or not math.isfinite(written):
        return None
    factor = canonical / written
    digits = _DIGITS.search(number_text)
    if digits is not None:
        raw = digits.group(0)
        value = digits_value(raw)
        if value is None or value == 0:
            return None
        if "." in raw.replace(",", "") or (raw.count(",") == 1 and len(raw.split(",")[1]) != 3):
            decimals = len(re.split(r"[.,]", raw)[-1])
            step = 10.0**-decimals
        else:
            whole = raw.replace(",", "").replace(".", "")
            step = 10.0 ** (len(whole) - len(whole.rstrip("0")))
        return step * (written / value) * factor
    if float(written).is_integer():  # number words: "twenty" -> 10, "three hundred" -> 100
        whole = str(int(written))
        return 10.0 ** (len(whole) - len(whole.rstrip("0"))) * factor
    return 0.5 * factor if (written * 2).is_integer() else None
