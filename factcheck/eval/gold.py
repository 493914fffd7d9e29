"""The eval set's gold format (pydantic, exported to JSON Schema) and its loader.

Layout: ``evals/v<N>/clusters/<cluster_id>/`` holds the article files and ``gold.json``
(one ``GoldCluster``). Gold evidence is stored as text, not offsets, so that a change to the
ingest cleaner cannot silently shift a frozen gold span: the loader finds each evidence text in
the cleaned article and fails loudly when it is absent or ambiguous.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from factcheck.schemas import Channel, Dimension


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")


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
    quantities: list[GoldQuantity] = Field(default_factory=list)
    attributions: list[GoldAttribution] = Field(default_factory=list)


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


class MustNotFlag(_Gold):
    claims: list[str] = Field(min_length=2, description="Claim refs that must never be paired.")
    reason: str


class GoldCluster(_Gold):
    id: str
    title: str
    description: str = Field(description="What this cluster tests.")
    entities: list[str] = Field(
        default_factory=list, description="Canonical names of the people and bodies quoted."
    )
    articles: list[GoldArticle]
    contradictions: list[GoldContradiction] = Field(default_factory=list)
    must_not_flag: list[MustNotFlag] = Field(default_factory=list)


class EvalManifest(_Gold):
    version: str
    frozen: bool = True
    files: dict[str, str] = Field(description="Path relative to the version folder -> sha256.")
