"""Cost estimate from a small editable price table (``factcheck/prices.toml``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import UsageError

DEFAULT_TABLE = Path(__file__).with_name("prices.toml")


@dataclass(frozen=True)
class Price:
    input_per_mtok: float
    output_per_mtok: float

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        total = prompt_tokens * self.input_per_mtok + completion_tokens * self.output_per_mtok
        return round(total / 1_000_000, 6)


def load_prices(path: Path | None = None) -> dict[str, Price]:
    path = path or DEFAULT_TABLE
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        return {
            str(name): Price(float(row["input"]), float(row["output"]))
            for name, row in table.get("models", {}).items()
        }
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise UsageError(f"{path}: unreadable price table: {exc}") from exc


def price_for(model: str, prices: dict[str, Price]) -> Price | None:
    if model in prices:
        return prices[model]
    prefixes = [name for name in prices if model.startswith(name)]
    return prices[max(prefixes, key=len)] if prefixes else None


__all__ = ["DEFAULT_TABLE", "Price", "load_prices", "price_for"]
