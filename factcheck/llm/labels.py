"""Label mode's answer schemas: short, enum-constrained labels for the rules' candidates.

The model copies nothing back. For a figure it names what is counted and what happened (labels
of ``factcheck.rules.framewords``), the role (``schemas.Role``) and, as a few words of the
sentence or "", the scope and the time cue; for a quote it picks the speaker from the numbered
people list (0 = not in the list) and the channel. Every label is a closed set in the JSON
Schema, so a grammar-constrained server (llama.cpp) cannot produce anything else and outputs
stay a few dozen tokens. Pure code: no model client here.
"""

from __future__ import annotations

from typing import Any, TypeVar

import pydantic_core
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from factcheck.rules.framewords import COUNTED, EVENTS
from factcheck.schemas import Channel, Role

COUNTED_LABELS: tuple[str, ...] = (*COUNTED, "other")
EVENT_LABELS: tuple[str, ...] = (*EVENTS, "none", "other")
NO_LABEL = frozenset({"other", "none"})
SCOPE_MAX = 60  # a few words; a grammar-constrained server stops the string there
TIME_MAX = 40
ANCHOR_MAX = 80
MAX_PEOPLE = 40
MAX_MISSED = 10


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")


def _enum(values: tuple[str, ...], description: str) -> Any:
    return Field(description=description, json_schema_extra={"enum": list(values)})


class QuantityLabels(_Answer):
    """The frame of one figure, as the model reads it."""

    counted: str = _enum(COUNTED_LABELS, "What the figure counts; 'other' if none of these.")
    event: str = _enum(
        EVENT_LABELS, "What happened to what is counted, or what it is; 'none' if nothing."
    )
    role: Role = Field(description="What kind of figure it is.")
    scope: str = Field(
        max_length=SCOPE_MAX,
        description="Words of the sentence that narrow the figure (a place, group, party, "
        "'of the attackers'), copied exactly; '' if none.",
    )
    time: str = Field(
        max_length=TIME_MAX,
        description="Words of the sentence that say when the figure holds ('so far', "
        "'by Saturday'), copied exactly; '' if none.",
    )

    @field_validator("counted")
    @classmethod
    def _counted(cls, value: str) -> str:
        if value not in COUNTED_LABELS:
            raise ValueError(f"counted must be one of {', '.join(COUNTED_LABELS)}")
        return value

    @field_validator("event")
    @classmethod
    def _event(cls, value: str) -> str:
        if value not in EVENT_LABELS:
            raise ValueError(f"event must be one of {', '.join(EVENT_LABELS)}")
        return value


class QuoteLabels(_Answer):
    """Who made a statement and how, as the model reads it."""

    speaker: int = Field(
        ge=0,
        le=MAX_PEOPLE,
        description="Number of the speaker in the people list; 0 if the speaker is not listed.",
    )
    channel: Channel = Field(description="How the statement was made.")


class _Numbered(_Answer):
    id: int = Field(ge=1, description="The candidate's number.")


class NumberedQuantity(QuantityLabels, _Numbered):
    """Bases in this order put ``id`` first in the schema (and so first in the output)."""


class NumberedQuote(QuoteLabels, _Numbered):
    pass


class _Anchor(_Answer):
    anchor: str = Field(
        max_length=ANCHOR_MAX,
        description="A few words of the article around a figure the list missed, copied "
        "exactly, the number included, e.g. 'rose to 112'.",
    )


class MissedQuantity(QuantityLabels, _Anchor):
    pass


class LabelBatch(_Answer):
    """Batch shape: every candidate of an article (or of a slice of a long one) at once."""

    quantities: list[NumberedQuantity]
    quotes: list[NumberedQuote]


class LabelBatchRecall(LabelBatch):
    """Batch shape with recall: plus the figures the rules missed, each by an anchor quote."""

    missed: list[MissedQuantity] = Field(max_length=MAX_MISSED)


_ItemT = TypeVar("_ItemT", bound=_Answer)


def _items(data: dict[str, Any], key: str, model: type[_ItemT]) -> list[_ItemT]:
    out: list[_ItemT] = []
    items = data.get(key)
    for item in items if isinstance(items, list) else []:
        try:
            out.append(model.model_validate(item))
        except ValidationError:
            continue
    return out


def salvage_batch(text: str, recall: bool = False) -> LabelBatch | None:
    """The complete items of a truncated batch answer (a half-written item is dropped)."""
    try:
        data = pydantic_core.from_json(text, allow_partial=True)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    quantities = _items(data, "quantities", NumberedQuantity)
    quotes = _items(data, "quotes", NumberedQuote)
    if not quantities and not quotes:
        return None
    if recall:
        missed = _items(data, "missed", MissedQuantity)
        return LabelBatchRecall(quantities=quantities, quotes=quotes, missed=missed)
    return LabelBatch(quantities=quantities, quotes=quotes)


__all__ = [
    "COUNTED_LABELS",
    "EVENT_LABELS",
    "NO_LABEL",
    "LabelBatch",
    "LabelBatchRecall",
    "MissedQuantity",
    "NumberedQuantity",
    "NumberedQuote",
    "QuantityLabels",
    "QuoteLabels",
    "salvage_batch",
]
