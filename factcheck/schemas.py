"""Pydantic models shared by every stage; the report's JSON Schema is generated from here."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.3"  # 1.3: label-mode fields (model_frame, speaker_by, ...), usage.unrecorded


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RawPosition(_Model):
    """Where a span's words sit in the file as given (``Article.raw_text``, the decoded file or
    fetched page): offsets and the 1-based line and column an editor shows."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    column: int = Field(ge=1)


class Span(_Model):
    """Half-open character range ``[start, end)`` in ``Article.text`` and the text it covers."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    raw: RawPosition | None = Field(
        default=None,
        description="Evidence spans only: the same words in the file as given (whitespace may "
        "differ); None when they do not appear there as such (markup inside the sentence).",
    )

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError("span text length does not match its offsets")
        return self


class Article(_Model):
    id: str
    source: str = Field(description="Path (or name) the article was read from.")
    date: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    language: str | None = Field(
        default=None, description="ISO 639-1 code when detected with confidence ('en', 'de')."
    )
    raw_text: str = Field(description="The file as read, decoded.")
    text: str = Field(description="Cleaned text; every Span offset refers to this string.")

    def span(self, start: int, end: int) -> Span:
        return Span(start=start, end=end, text=self.text[start:end])

    def verify(self, span: Span) -> bool:
        return 0 <= span.start <= span.end <= len(self.text) and (
            self.text[span.start : span.end] == span.text
        )


class Hedge(StrEnum):
    EXACT = "exact"
    APPROXIMATE = "approximate"  # around, about, some, roughly
    NEARLY = "nearly"  # almost, nearly, just under: close to but below
    MORE_THAN = "more_than"  # more than, over, above
    SLIGHTLY_MORE = "slightly_more"  # a little more than, just over
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"  # less than, under, fewer than
    UP_TO = "up_to"  # up to, at most


class Dimension(StrEnum):
    DURATION = "duration"  # canonical unit: minute
    COUNT = "count"  # canonical unit: the counted noun class (person, vehicle, ...)
    MONEY = "money"
    PERCENT = "percent"
    LENGTH = "length"  # canonical unit: metre
    MASS = "mass"  # canonical unit: kilogram
    OTHER = "other"


class Channel(StrEnum):
    SOCIAL_POST = "social_post"  # X/Twitter, Facebook, official social-media account
    PRESS_BRIEFING = "press_briefing"  # remarks to reporters, press conference
    STATEMENT = "statement"  # written or joint statement, communique
    INTERVIEW = "interview"
    SPEECH = "speech"
    MEDIA_REPORT = "media_report"  # "according to statements reproduced by Telemundo"
    UNKNOWN = "unknown"


class Role(StrEnum):
    """What kind of figure a quantity is. Figures compare only when their roles are equal."""

    TOTAL = "total"  # a count or amount at a time: "129 people were killed"
    CHANGE = "change"  # a difference: "up 12", "rose by 3 percent", "an increase of 40"
    RATE = "rate"  # per period: "2,400 trucks a day"
    PROJECTION = "projection"  # forecast or expected: "could reach 200", "is expected to cost"
    SCHEDULED = "scheduled"  # planned, not actual: "was scheduled to land at 6.30am"
    RANKING = "ranking"  # "the fourth largest", "ranked 12th"
    AGE = "age"  # "the 53-year-old captain"
    CAPACITY = "capacity"  # what something can hold: "the 1,500-seat hall"
    OTHER = "other"


class ScopeKind(StrEnum):
    PLACE = "place"  # "in Paris", "at the Bataclan", "there"
    GROUP = "group"  # "Chinese passengers", "from Belgium", "of the party"
    OWNER = "owner"  # whose figure: "Syriza ... 72 seats"
    PART = "part"  # a part of a larger count: "three of the attackers", "including 50 bonus seats"
    PERIOD = "period"  # "in October", "this year", "on Friday"
    OTHER = "other"


class Slot(_Model):
    """One frame field: a canonical label and the words of the evidence it was read from."""

    value: str = Field(description="Canonical label, e.g. 'killed', 'attackers', 'syriza'.")
    text: str = Field(description="The words of the evidence sentence it comes from (verbatim).")
    by: Literal["rules", "model"] = Field(
        default="rules", description="Who filled it: the offline rules or the model's label."
    )


class ScopeSlot(Slot):
    kind: ScopeKind


class Frame(_Model):
    """What a figure measures: two figures are compared only when their frames agree."""

    counted: Slot | None = Field(
        default=None, description="What is counted: 'people', 'attackers', 'passengers', 'seats'."
    )
    event: Slot | None = Field(
        default=None, description="What happened to it or what it is: 'killed', 'injured', 'won'."
    )
    scope: list[ScopeSlot] = Field(
        default_factory=list, description="Place, group, owner or part that narrows the figure."
    )
    role: Role = Role.TOTAL
    role_text: str | None = Field(default=None, description="The words that set the role.")
    role_by: Literal["rules", "model"] = Field(
        default="rules", description="Who set the role: the rules, or the model's label."
    )
    time: Slot | None = Field(
        default=None, description="When it holds: 'so far', 'by Saturday', 'as of Monday'."
    )
    running: bool = Field(
        default=False,
        description="A running tally (deaths, injured, arrests, votes counted) that later "
        "reports may raise: a higher later figure is an update, not a contradiction.",
    )


class QuantityClaim(_Model):
    kind: Literal["quantity"] = "quantity"
    id: str = Field(description="Unique within the report, e.g. '002:q3'.")
    article_id: str
    measured: str = Field(description="What is measured, e.g. 'meeting duration', 'caravan size'.")
    subject_terms: list[str] = Field(
        default_factory=list, description="Normalised content words used to align claims."
    )
    raw: str = Field(description="Surface text of the quantity, e.g. 'less than two hours'.")
    value: float = Field(description="The number as written, in the canonical unit.")
    low: float | None = Field(description="Normalised interval low (None = unbounded).")
    high: float | None = Field(description="Normalised interval high (None = unbounded).")
    hedge: Hedge
    unit: str = Field(description="Canonical unit: 'minute', 'person', 'USD', ...")
    dimension: Dimension
    rate: str | None = Field(default=None, description="Per-period rate such as 'daily'.")
    quantity_span: Span
    evidence: Span = Field(description="The sentence that carries the claim.")
    rounding: float | None = Field(
        default=None,
        description="The step the figure was written with, in the canonical unit (1 for '128', "
        "1,000 for '8,000', 60 for 'three hours'): the rounding a reader should allow.",
    )
    frame: Frame = Field(default_factory=Frame, description="What the figure measures.")
    model_frame: Frame | None = Field(
        default=None,
        description="Label mode: the model's full answer for this figure, kept as evidence "
        "(it only fills frame slots the rules left empty; those carry by='model').",
    )


class AttributionClaim(_Model):
    kind: Literal["attribution"] = "attribution"
    id: str
    article_id: str
    statement: str
    quote_type: Literal["direct", "paraphrase"] = "direct"
    speaker_text: str | None = Field(description="Speaker as written: 'he', 'the diplomat'.")
    speaker: str | None = Field(description="Resolved canonical entity, e.g. 'López Obrador'.")
    channel: Channel = Channel.UNKNOWN
    channel_text: str | None = None
    statement_span: Span
    evidence: Span
    speaker_by: Literal["rules", "model"] = Field(
        default="rules", description="Who named the speaker: the rules, or the model's label."
    )
    model_speaker: str | None = Field(
        default=None,
        description="Label mode: the person the model chose from the article's people list "
        "(None: not in the list, or not asked).",
    )
    model_channel: Channel | None = Field(
        default=None, description="Label mode: the channel the model chose (evidence only)."
    )


Claim = Annotated[QuantityClaim | AttributionClaim, Field(discriminator="kind")]


class ContradictionKind(StrEnum):
    NUMERIC = "numeric"
    ATTRIBUTION_SPEAKER = "attribution_speaker"
    ATTRIBUTION_CHANNEL = "attribution_channel"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ClaimRef(_Model):
    claim_id: str
    article_id: str
    source: str
    evidence: Span
    highlight: Span | None = Field(
        default=None, description="The quantity or quoted statement inside the evidence."
    )
    summary: str = Field(description="Normalised value or speaker/channel, human readable.")
    group: int = Field(
        default=0,
        description="Side of the conflict: claims with the same group agree with each other; "
        "every pair from different groups (and different articles) conflicts.",
    )
    date: str | None = Field(default=None, description="The article's date, when known.")
    outlet: str | None = None


class Certainty(StrEnum):
    CONFIDENT = "confident"  # shown by default
    POSSIBLE = "possible"  # the frames matched only in part; shown with --show possible


class JudgeVerdict(_Model):
    """A model's second opinion on a candidate pair (``--judge``)."""

    same_measure: bool
    both_true: bool
    update: bool
    reason: str
    model: str | None = None


class Contradiction(_Model):
    id: str
    kind: ContradictionKind
    severity: Severity
    topic: str
    claims: list[ClaimRef] = Field(min_length=2)
    explanation: str
    confidence: float = Field(
        default=1.0, ge=0.0, le=1.0, description="How well the two sides' frames matched."
    )
    certainty: Certainty = Certainty.CONFIDENT
    judge: JudgeVerdict | None = None


class Update(_Model):
    """A running tally that changed over time: a later, higher figure (not a contradiction)."""

    id: str
    topic: str
    claims: list[ClaimRef] = Field(min_length=2, description="Earliest report first.")
    explanation: str


class FigureValue(_Model):
    article_id: str
    claim_id: str
    raw: str
    low: float | None
    high: float | None
    unit: str
    date: str | None = None
    outlet: str | None = None


class Figure(_Model):
    """One measure and every article's value for it, side by side (a row of the figures table)."""

    id: str
    measure: str
    values: list[FigureValue] = Field(min_length=1)


class Topic(_Model):
    """Quantity claims from different articles that measure the same thing."""

    id: str
    measured: str
    claim_ids: list[str] = Field(min_length=2)


class ArticleResult(_Model):
    id: str
    source: str
    date: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    language: str | None = Field(default=None, description="ISO 639-1 code, when detected.")
    status: Literal["ok", "failed", "skipped"] = "ok"
    reason: str | None = None
    quantity_claims: int = 0
    attribution_claims: int = 0
    ungrounded_dropped: int = 0
    from_cache: bool = False


class Usage(_Model):
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    retries: int = 0
    cost_usd: float | None = None
    unrecorded: int = Field(
        default=0, description="Replay only: requests that had no recording (stale recordings)."
    )


@dataclass
class ExtractionStats:
    """What happened while extracting one article; merged into the report by the pipeline."""

    ungrounded_dropped: int = 0
    from_cache: bool = False
    usage: Usage = field(default_factory=Usage)


class ExtractorInfo(_Model):
    name: str
    model: str | None = None
    endpoint: str | None = None
    prompt_hash: str | None = None
    note: str | None = None


class RunStatus(StrEnum):
    """What the run could do, whatever it found."""

    COMPLETE = "complete"  # every article was read and checked
    PARTIAL = "partial"  # some article failed, was skipped or lost every claim to grounding
    NOTHING_CHECKED = "nothing_checked"  # no article could be checked at all
    NOTHING_GROUNDED = "nothing_grounded"  # articles were read, but no claim survived grounding


class Report(_Model):
    schema_version: str = SCHEMA_VERSION
    status: RunStatus = Field(
        default=RunStatus.COMPLETE,
        description="complete, partial, nothing_checked or nothing_grounded: an empty "
        "contradiction list means 'no contradiction' only when the run is complete.",
    )
    extractor: ExtractorInfo
    articles: list[ArticleResult]
    claims: list[Claim]
    contradictions: list[Contradiction]
    topics: list[Topic] = Field(default_factory=list)
    updates: list[Update] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    possible_hidden: int = Field(
        default=0, description="Possible contradictions left out (shown with --show possible)."
    )
    warnings: list[str] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)

    @property
    def partial(self) -> bool:
        return self.status != RunStatus.COMPLETE or any(a.status == "failed" for a in self.articles)
