"""What the model is asked to return, and how its answer becomes grounded claims.

Pure code (no model client here): the response models, their schema hash, chunking of long
articles, and the conversion of a validated model answer into ``QuantityClaim`` /
``AttributionClaim``. The model only points at text and names things; every span is located in
the article by ``factcheck.llm.grounding`` and every number is parsed from the article text by
``factcheck.numbers``. Whatever cannot be located is dropped and counted.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, TypeVar

import pydantic_core
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.llm.grounding import Aligner, aligner_for
from factcheck.llm.quotes import NEAR, ground_speaker, is_reported
from factcheck.numbers import ParsedQuantity, parse_quantities
from factcheck.rules.sentences import Segment, split_sentences
from factcheck.rules.subjects import content_terms, describe_quantity, events_in
from factcheck.schemas import Article, AttributionClaim, Channel, Claim, QuantityClaim, Span


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")


# Length limits are generous for real text; a grammar-constrained server (llama.cpp) enforces
# them while generating, so a small model cannot run one string on until max_tokens.
SENTENCE_MAX = 600
QUOTE_MAX = 800  # llama-cpp-python cannot build a grammar for a maxLength near 1000
NAME_MAX = 120


class LLMQuantity(_Answer):
    evidence: str = Field(
        max_length=SENTENCE_MAX,
        description="The whole sentence of the article that states the quantity, copied "
        "character for character.",
    )
    quantity_text: str = Field(
        max_length=NAME_MAX,
        description="The quantity exactly as written in that sentence, with its hedge word and "
        "unit, e.g. 'almost 10,000 people', 'less than two hours', '$3.5 million'.",
    )
    measured: str = Field(
        max_length=NAME_MAX,
        description="What is measured, in a few plain words, e.g. 'caravan size', "
        "'meeting duration', 'daily border apprehensions'.",
    )


class LLMAttribution(_Answer):
    statement: str = Field(
        max_length=QUOTE_MAX,
        description="The quoted words (direct) or the reported statement (paraphrase), copied "
        "character for character from the article, without the speech verb.",
    )
    quote_type: Literal["direct", "paraphrase"]
    speaker: str = Field(
        max_length=NAME_MAX,
        description="Who made the statement: the fullest name the article gives; a pronoun or "
        "title ('he', 'the diplomat') is replaced by that name.",
    )
    channel: Channel = Field(description="How the statement was made.")
    evidence: str = Field(
        max_length=QUOTE_MAX,
        description="The whole sentence of the article that carries the statement, copied "
        "character for character.",
    )


class LLMExtraction(_Answer):
    """Everything the model reports for one article (or one chunk of a long article)."""

    quantities: list[LLMQuantity]
    attributions: list[LLMAttribution]


_ItemT = TypeVar("_ItemT", LLMQuantity, LLMAttribution)


def salvage_answer(text: str) -> LLMExtraction | None:
    """The complete items of a truncated JSON answer, or None if there are none.

    A model cut off by its token limit (often while repeating itself) has usually produced
    several whole items first. Incomplete trailing strings are discarded by the partial parser,
    so the item being written fails validation and is dropped: nothing half-copied survives.
    """
    try:
        data = pydantic_core.from_json(text, allow_partial=True)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    quantities = _valid_items(data.get("quantities"), LLMQuantity)
    attributions = _valid_items(data.get("attributions"), LLMAttribution)
    if not quantities and not attributions:
        return None
    return LLMExtraction(quantities=quantities, attributions=attributions)


def _valid_items(items: object, model: type[_ItemT]) -> list[_ItemT]:
    out: list[_ItemT] = []
    for item in items if isinstance(items, list) else []:
        try:
            out.append(model.model_validate(item))
        except ValidationError:
            continue
    return out


def schema_hash() -> str:
    text = json.dumps(LLMExtraction.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Chunk:
    start: int
    end: int
    text: str


_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]*\s"))


def chunk_text(text: str, max_chars: int, overlap: int) -> list[Chunk]:
    """Split ``text`` into pieces of at most ``max_chars``, ending at paragraph or sentence
    breaks where possible; consecutive pieces share about ``overlap`` chars, so a sentence cut
    by one boundary is whole in the next piece."""
    if max_chars <= 0 or len(text) <= max_chars:
        return [Chunk(0, len(text), text)]
    overlap = max(0, min(overlap, max_chars // 2))
    chunks: list[Chunk] = []
    start = 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            end = _last_break(text, start + max_chars // 2, end)
        chunks.append(Chunk(start, end, text[start:end]))
        if end >= len(text):
            break
        start = max(_next_start(text, end - overlap, end), start + 1)
    return chunks


def _last_break(text: str, lo: int, hi: int) -> int:
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(text, lo, hi)]
        if ends:
            return ends[-1]
    space = text.rfind(" ", lo, hi)
    return space + 1 if space > lo else hi


def _next_start(text: str, lo: int, hi: int) -> int:
    """First sentence (else word) start at or after ``lo``, not beyond ``hi``."""
    for pattern in _BREAKS:
        m = pattern.search(text, lo, hi)
        if m:
            return m.end()
    space = text.find(" ", lo, hi)
    return space + 1 if space >= 0 else hi


@dataclass
class Grounded:
    claims: list[Claim]
    dropped: int


def ground_answer(article: Article, answer: LLMExtraction, chunk: Chunk | None = None) -> Grounded:
    """Turn one validated model answer into claims located in ``article.text``."""
    aligner = aligner_for(article.text)
    lo, hi = (chunk.start, chunk.end) if chunk else (0, len(article.text))
    claims: list[Claim] = []
    dropped = 0
    for q in answer.quantities:
        claim = _quantity(article, aligner, q, lo, hi)
        if claim is None:
            dropped += 1
        else:
            claims.append(claim)
    for a in answer.attributions:
        attribution = _attribution(article, aligner, a, lo, hi)
        if attribution is None:
            dropped += 1
        else:
            claims.append(attribution)
    return Grounded(claims, dropped)


@lru_cache(maxsize=32)
def _sentences(text: str) -> tuple[Segment, ...]:
    return tuple(split_sentences(text))


def whole_sentences(article: Article, span: Span) -> Span:
    """``span`` widened to the sentences it touches. A model that copies part of a sentence
    ("10,000 people marched") must not cut off the hedge in front of the number ("Around")."""
    start, end = span.start, span.end
    for seg in _sentences(article.text):
        if seg.start < span.end and span.start < seg.end:
            start, end = min(start, seg.start), max(end, seg.end)
    return article.span(start, end)


def _quantity(
    article: Article, aligner: Aligner, q: LLMQuantity, lo: int, hi: int
) -> QuantityClaim | None:
    located = aligner.locate(q.evidence, lo, hi)
    if located is None:
        return None
    evidence = whole_sentences(article, located)
    parsed = _pick_quantity(aligner, evidence, q.quantity_text)
    if parsed is None:
        return None
    start = evidence.start + parsed.start
    return QuantityClaim(
        id="",
        article_id=article.id,
        measured=q.measured.strip() or "unspecified",
        subject_terms=_subject_terms(article, evidence, parsed, q.measured),
        raw=parsed.text,
        value=parsed.value,
        low=parsed.low,
        high=parsed.high,
        hedge=parsed.hedge,
        unit=parsed.unit,
        dimension=parsed.dimension,
        rate=parsed.rate,
        quantity_span=article.span(start, start + len(parsed.text)),
        evidence=evidence,
    )


def _subject_terms(
    article: Article, evidence: Span, parsed: ParsedQuantity, measured: str
) -> list[str]:
    """The model's "what is measured" first, then the words around the number in the article,
    so alignment weighs the model's reading without depending on its exact wording."""
    _, context = describe_quantity(evidence.text, parsed, article_text=article.text)
    events = [f"event:{canon}" for _, canon in events_in(measured)]
    return list(dict.fromkeys([*events[:1], *content_terms(measured), *context]))


def _pick_quantity(aligner: Aligner, evidence: Span, quantity_text: str) -> ParsedQuantity | None:
    """The quantity of the evidence sentence the model pointed at, parsed from the article:
    the parsed quantity overlapping ``quantity_text`` located in the sentence. A quantity text
    that is not in the sentence ("nearly" where the article says "almost") is not guessed at:
    the claim is dropped."""
    located = aligner.locate(quantity_text, evidence.start, evidence.end)
    if located is None:
        return None
    a, b = located.start - evidence.start, located.end - evidence.start
    overlapping = [p for p in parse_quantities(evidence.text) if p.start < b and a < p.end]
    if not overlapping:
        return None
    return max(overlapping, key=lambda p: min(b, p.end) - max(a, p.start))


def _attribution(
    article: Article, aligner: Aligner, a: LLMAttribution, lo: int, hi: int
) -> AttributionClaim | None:
    """Statement, evidence sentence and speaker must all be in the article, the statement
    must be reported speech, and the speaker must pass ``quotes.ground_speaker``."""
    located = aligner.locate(a.evidence, lo, hi)
    if located is None:
        return None
    evidence = whole_sentences(article, located)
    statement = aligner.locate(a.statement, evidence.start, evidence.end, elided=True)
    if statement is None:
        # A quote running over several sentences: accept it next to its evidence sentence.
        window = (max(lo, evidence.start - NEAR), evidence.end + NEAR)
        statement = aligner.locate(a.statement, *window, elided=True)
        if statement is None:
            return None
        evidence = whole_sentences(article, statement)
        start, end = min(located.start, evidence.start), max(located.end, evidence.end)
        evidence = whole_sentences(article, article.span(start, end))
    if len(statement.text) < 3 or not is_reported(article.text, evidence, statement):
        return None
    speaker = ground_speaker(aligner, a.speaker, evidence, statement, a.quote_type)
    if speaker is None:
        return None
    return AttributionClaim(
        id="",
        article_id=article.id,
        statement=statement.text,
        quote_type=a.quote_type,
        speaker_text=speaker,
        speaker=speaker,
        channel=a.channel,
        channel_text=None,
        statement_span=statement,
        evidence=evidence,
    )


def merge_claims(groups: list[list[Claim]]) -> list[Claim]:
    """Claims from overlapping chunks, each located span kept once (first seen wins)."""
    seen: set[tuple[str, int, int]] = set()
    out: list[Claim] = []
    for group in groups:
        for claim in group:
            span = claim.quantity_span if isinstance(claim, QuantityClaim) else claim.statement_span
            key = (claim.kind, span.start, span.end)
            if key not in seen:
                seen.add(key)
                out.append(claim)
    return out


__all__ = [
    "Chunk",
    "Grounded",
    "LLMAttribution",
    "LLMExtraction",
    "LLMQuantity",
    "chunk_text",
    "ground_answer",
    "merge_claims",
    "salvage_answer",
    "schema_hash",
    "whole_sentences",
]
