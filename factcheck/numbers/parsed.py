"""The parser's output: one quantity phrase with its normalised value, unit and spans."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.schemas import Dimension, Hedge


@dataclass(frozen=True)
class ParsedQuantity:
    """One quantity phrase; offsets are half-open into the parsed text, values canonical."""

    start: int  # the whole phrase, hedge words and unit/counted noun included
    end: int
    text: str
    value: float
    low: float | None
    high: float | None
    hedge: Hedge
    unit: str
    unit_text: str  # as written: "hours", "migrants", "$"; "" when only the context names it
    dimension: Dimension
    rate: str | None  # "daily", "weekly", ... when a rate phrase goes with the quantity
    number_start: int  # just the number words/digits: "10,000", "an hour and a half"
    number_end: int
