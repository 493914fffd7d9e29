"""The eval set's gold format (pydantic, exported to JSON Schema).

Layout: ``evals/v<N>/clusters/<cluster_id>/`` holds the article files and ``gold.json``
(one ``GoldCluster``). Gold evidence is stored as text, not offsets, so that a change to the
ingest cleaner cannot silently shift a frozen gold span: the loader finds each evidence text in
the cleaned article and fails loudly when it is absent or ambiguous.

Every field added after v1 is optional, so a v1 gold file stays valid (and frozen) as it is.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from factcheck.schemas import Channel, Dimension, Role, ScopeKind

# The frame vocabulary, frozen with the gold: the keys of ``factcheck.rules.framewords.EVENTS``
# and ``COUNTED`` when v2 was written, plus "other". A frozen eval set must not change meaning
# when the checker's vocabulary grows; a predicted label outside this list is scored as "other"
# (tests/eval checks that every label here is still one the checker knows).
EventLabel = Literal[
    "affected", "arrested", "cost", "deployed", "displaced", "employed",
    "evacuated", "hospitalized", "infected", "injured", "killed", "lasted", "missing",
    "on_board", "rescued", "took_part", "voted", "won", "other",
]  # fmt: skip
CountedLabel = Literal[
    "aircraft", "attackers", "children", "countries", "crew", "migrants", "passengers",
    "passengers and crew", "people", "police", "seats", "ships", "soldiers", "students",
    "votes", "women", "workers", "other",
]  # fmt: skip


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldScope(_Gold):
    kind: ScopeKind
    text: str = Field(
        min_length=1,
        description="Exact substring of the quantity's evidence that narrows the figure: "
        "'in Valdora', 'of the crew', 'Partido Verde', 'in October'.",
    )


class GoldFrame(_Gold):
    """What a gold figure measures, as a careful fact-checker reads it (schemas.Frame)."""

    counted: CountedLabel = Field(
        description="What is counted, from the frame vocabulary; 'other' for anything else "
        "(money, durations, trucks, homes)."
    )
    event: EventLabel = Field(
        description="What happened to it or what it is, from the frame vocabulary; 'other' "
        "when no vocabulary event applies."
    )
    scope: list[GoldScope] = Field(
        default_factory=list,
        description="Every place, group, owner, part or period the text states for this figure "
        "(empty: none stated).",
    )
    role: Role = Field(description="total, change, rate, projection, scheduled, ranking, ...")
    time: str | None = Field(
        default=None,
        description="Exact substring of the evidence saying when the figure holds: 'so far', "
        "'by Saturday', 'as of 6 a.m.' (null: none stated).",
    )
    running: bool = Field(
        default=False,
        description="A running tally (deaths, injured, arrests, votes counted) that later "
        "reports may raise.",
    )


class GoldQuantity(_Gold):
    id: str = Field(description="Unique within the article, e.g. 'q1'.")
    quantity_text: str = Field(description="Surface text of the quantity: 'almost 10,000 people'.")
    evidence: str = Field(
        description="A longer exact substring of the cleaned article containing quantity_text "
        "(usually its sentence); must occur exactly once."
    )
    measured: str = Field(description="What is measured, in plain words: 'caravan size'.")
    topic: str = Field(
        description="Cluster-wide alignment key: gold quantities with the same topic measure "
        "the same thing ('meeting_duration', 'caravan_size')."
    )
    low: float | None = Field(description="Normalised interval low in the canonical unit.")
    high: float | None = Field(description="Normalised interval high in the canonical unit.")
    unit: str = Field(description="Canonical unit: minute, person, USD, percent, metre, kg, ...")
    dimension: Dimension
    rate: str | None = Field(default=None, description="'daily', 'weekly', 'monthly', 'yearly'.")
    frame: GoldFrame | None = Field(
        default=None, description="What the figure measures (v2 on; null: not annotated)."
    )


class GoldAttribution(_Gold):
    id: str = Field(description="Unique within the article, e.g. 'a1'.")
    statement: str = Field(
        description="Exact substring of the cleaned article: the quoted words (direct) or the "
        "reported statement (paraphrase); must occur exactly once."
    )
    quote_type: Literal["direct", "paraphrase"] = "direct"
    speaker: str = Field(description="Canonical speaker, as in the cluster's 'entities' list.")
    channel: Channel


class GoldArticle(_Gold):
    id: str = Field(description="Article id = file name without extension.")
    file: str = Field(description="File name inside the cluster folder.")
    date: str | None = Field(
        default=None,
        description="When the article was published, as ISO 8601 ('2025-03-14' or "
        "'2025-03-14T23:40'), when the text gives it.",
    )
    quantities: list[GoldQuantity] = Field(default_factory=list)
    attributions: list[GoldAttribution] = Field(default_factory=list)

    @field_validator("date")
    @classmethod
    def _iso(cls, value: str | None) -> str | None:
        if value is not None:
            datetime.fromisoformat(value)  # raises ValueError with the offending text
        return value


class GoldContradiction(_Gold):
    kind: Literal["numeric", "attribution_speaker", "attribution_channel"]
    groups: list[list[str]] = Field(
        min_length=2,
        description="Gold claim refs '<article_id>:<claim_id>' in groups (sides): claims in the "
        "same group agree with each other; every pair of claims from DIFFERENT groups and "
        "different articles is a conflicting pair to find. E.g. meeting length: "
        "[['004:q1', '004:q2'], ['000:q1', '001:q1', '002:q1']].",
    )
    note: str = ""


class GoldUpdate(_Gold):
    groups: list[list[str]] = Field(
        min_length=2,
        description="A running tally that rose: quantity refs grouped by the time the figure "
        "holds, EARLIEST GROUP FIRST (claims in one group agree). Every pair from different "
        "groups and different articles is an update pair to report as an update, not as a "
        "contradiction. E.g. [['a:q1', 'b:q1'], ['c:q2'], ['d:q1']] for 12 -> 19 -> 21 dead.",
    )
    note: str = ""


class MustNotFlag(_Gold):
    claims: list[str] = Field(min_length=2, description="Claim refs that must never be paired.")
    reason: str


class Acceptable(_Gold):
    claims: list[str] = Field(
        min_length=2,
        description="Claim refs whose cross-article pairs a checker MAY report (as a "
        "contradiction or an update) without penalty, and need not report.",
    )
    reason: str


class GoldCluster(_Gold):
    schema_ref: str | None = Field(
        default=None,
        alias="$schema",
        description="Relative path of the gold JSON Schema, for editors (v2 on).",
    )
    id: str
    title: str
    description: str = Field(description="What this cluster tests.")
    entities: list[str] = Field(
        default_factory=list, description="Canonical names of the people and bodies quoted."
    )
    articles: list[GoldArticle]
    contradictions: list[GoldContradiction] = Field(default_factory=list)
    updates: list[GoldUpdate] = Field(default_factory=list)
    must_not_flag: list[MustNotFlag] = Field(default_factory=list)
    acceptable: list[Acceptable] = Field(default_factory=list)


class EvalManifest(_Gold):
    version: str
    frozen: bool = True
    files: dict[str, str] = Field(description="Path relative to the version folder -> sha256.")
