"""The offline extractor: deterministic rules, no model, no network. The default backend."""

from __future__ import annotations

import re

from factcheck.errors import ExtractionError
from factcheck.numbers import ParsedQuantity, parse_quantities, rounding_of
from factcheck.rules.frames import proper_words, read_frame
from factcheck.rules.mentions import ROLE_WORDS, find_people
from factcheck.rules.quotes import extract_attributions
from factcheck.rules.sentences import Segment, split_sentences
from factcheck.rules.subjects import describe_quantity, is_period_qualifier, lemma
from factcheck.schemas import (
    Article,
    Claim,
    Dimension,
    ExtractionStats,
    ExtractorInfo,
    QuantityClaim,
    Role,
)


def extract_quantities(article: Article) -> list[QuantityClaim]:
    text = article.text
    claims: list[QuantityClaim] = []
    segments = split_sentences(text)
    names = _speaker_words(text)
    proper = proper_words(text)
    for index, seg in enumerate(segments):
        previous = segments[index - 1].text if index > 0 else ""
        found = parse_quantities(seg.text)
        for q in found:
            if q.dimension is Dimension.DURATION and is_period_qualifier(seg.text, q.start):
                continue
            if _one_witness(seg.text, q):
                continue
            others = [o for o in found if o is not q]
            claims.append(quantity_claim(article, seg, q, others, previous, names, proper))
    return claims


# "One passenger, a 38-year-old vendor, said ...", "one resident told reporters": "one" picks a
# witness out of a group; it does not count the group.
_WITNESS_AFTER = re.compile(
    r"^\s*(?:,\s*(?:a|an)\s|(?:who\s+)?(?:said|says|told|recalled|described|added|wrote)\b)",
    re.IGNORECASE,
)


def _one_witness(sentence: str, q: ParsedQuantity) -> bool:
    return (
        q.value == 1
        and q.text.lower().startswith("one ")
        and bool(_WITNESS_AFTER.match(sentence[q.end :]))
    )


def quantity_claim(
    article: Article,
    seg: Segment,
    q: ParsedQuantity,
    others: list[ParsedQuantity],
    previous: str = "",
    names: frozenset[str] | None = None,
    proper: frozenset[str] | None = None,
) -> QuantityClaim:
    """The claim of figure ``q`` of sentence ``seg``: what it measures, its frame and rounding.
    One builder for every figure our parser reads, the rules' and those a model points at."""
    names = _speaker_words(article.text) if names is None else names
    proper = proper_words(article.text) if proper is None else proper
    spans = tuple((o.start, o.end) for o in others)
    measured, terms = describe_quantity(
        seg.text, q, article_text=article.text, previous=previous, others=spans, names=names
    )
    rate = q.rate or _rate_in_frame(seg.text[: q.start])
    if rate and not q.rate:
        measured = f"{measured}, {rate}"
    frame = read_frame(seg.text, q, others, previous, proper)
    if rate and frame.role is Role.TOTAL:
        frame = frame.model_copy(update={"role": Role.RATE, "role_text": rate, "running": False})
    return QuantityClaim(
        id="",
        article_id=article.id,
        measured=measured,
        subject_terms=terms,
        raw=q.text,
        value=q.value,
        low=q.low,
        high=q.high,
        hedge=q.hedge,
        unit=q.unit,
        dimension=q.dimension,
        rate=rate,
        quantity_span=article.span(seg.start + q.start, seg.start + q.end),
        evidence=article.span(seg.start, seg.end),
        rounding=rounding_of(q, seg.text),
        frame=frame,
    )


def _speaker_words(text: str) -> frozenset[str]:
    """Stems of the people's names and titles in the article."""
    people = find_people(text)
    words = {w for m in people.names for w in f"{m.text} {m.role}".split()}
    words |= {w for roles in people.roles.values() for r in roles for w in r.split()}
    return frozenset(lemma(w) for w in words if w.lower() in ROLE_WORDS or w[:1].isupper())


_FRAME_RATE_RE = re.compile(r"\b(?:each|every|per)\s+(day|week|month|year|hour)\b[^,;:.]*$", re.I)
_PERIOD_RATE = {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}


def _rate_in_frame(before: str) -> str | None:
    """'Each day of the strike cost the supplier 2.5 million dollars': the rate opens the
    clause, too far from the number for the parser, but it still makes this a daily figure."""
    # No character of a match is one of ",;:." (letters, spaces, then [^,;:.]*$): a match lies
    # after the last of them, where "\b" reads the same (a mark is no word character).
    m = _FRAME_RATE_RE.search(before[max(map(before.rfind, ",;:.")) + 1 :])
    return _PERIOD_RATE.get(m.group(1).lower(), "hourly") if m else None


# Linking mentions compares every pair of distinct names in an article: about ten seconds at
# this size for the most name-dense generated text (benchmarks/scaling.py --stress), nothing
# for real news (a long feature is 50,000 characters). Beyond it the article is refused.
MAX_ARTICLE_CHARS = 500_000


class RuleExtractor:
    """Quantities from our number parser, attributions from quote and speech-verb rules."""

    cpu_bound = True  # pure Python: the pipeline runs it sequentially (threads cannot help)

    def info(self) -> ExtractorInfo:
        return ExtractorInfo(
            name="rules",
            note="offline rule-based extractor (no LLM endpoint configured)",
        )

    def extract(self, article: Article) -> list[Claim]:
        if len(article.text) > MAX_ARTICLE_CHARS:
            raise ExtractionError(
                article.id,
                f"too long for the offline extractor: {len(article.text):,} characters (limit "
                f"{MAX_ARTICLE_CHARS:,}); split it into articles or use a model backend",
            )
        try:
            claims: list[Claim] = [*extract_quantities(article), *extract_attributions(article)]
        except Exception as exc:  # any text reaches these rules
            # A bug of ours met on some text is this article's failure, not the run's: the
            # report names the article and the error (the other articles are still checked).
            raise ExtractionError(
                article.id,
                f"the offline extractor failed on this text ({type(exc).__name__}: {exc}); "
                "please report it with the article",
            ) from exc
        return claims

    def stats(self, article_id: str) -> ExtractionStats:
        return ExtractionStats()


def make_rule_extractor(settings: object = None, **_options: object) -> RuleExtractor:
    """Backend factory (see ``factcheck.extract.BACKENDS``): the rules take no settings."""
    return RuleExtractor()
