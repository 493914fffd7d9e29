"""Numbers: find quantity phrases in text and normalise them (value, unit, hedge interval, rate).

Our own parser; a model's arithmetic is never trusted. Public names below.
"""

from factcheck.numbers.hedges import format_interval, interval_for, parse_hedge
from factcheck.numbers.parsed import ParsedQuantity
from factcheck.numbers.quantities import (
    parse_number,
    parse_quantities,
    rounding_of,
)

__all__ = [
    "ParsedQuantity",
    "format_interval",
    "interval_for",
    "parse_hedge",
    "parse_number",
    "parse_quantities",
    "rounding_of",
]
