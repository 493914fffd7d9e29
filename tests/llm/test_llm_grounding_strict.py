"""Issue 10 rows 10 and 11, and the tighter attribution grounding of extract mode (issue 13).

Each case here was accepted before: a rewritten hedge passed a fuzzy match, a partial sentence
cut the hedge off, a speaker passed because one short word of it was in the article, a quote's
addressee became its speaker, and a sentence with no speech act became a "statement".
"""

from __future__ import annotations

from factcheck.ingest import article_from_text
from factcheck.llm.claims import LLMAttribution, LLMExtraction, LLMQuantity, ground_answer
from factcheck.schemas import AttributionClaim, Channel, Hedge, QuantityClaim

TEXT = (
    "Marchers fill Velmora's avenues\n\n"
    "Around 10,000 people marched through the capital of Velmora on Sunday, police said.\n\n"
    "Governor Ines Caldera wrote on her official account after the march.\n\n"
    "“We ask Prime Minister Tomas Arvid to meet the organisers and to listen to the "
    "marchers,” she wrote.\n\n"
    "Tomas Arvid did not comment. The route was closed for six hours.\n\n"
    "Organisers will hold another march next month.\n"
)
ARTICLE = article_from_text(TEXT, article_id="m1", source="m1.txt")
MARCH = "Around 10,000 people marched through the capital of Velmora on Sunday, police said."
QUOTE = "We ask Prime Minister Tomas Arvid to meet the organisers and to listen to the marchers"
QUOTE_SENTENCE = (
    "“We ask Prime Minister Tomas Arvid to meet the organisers and to listen to the "
    "marchers,” she wrote."
)


def quantities(*items: LLMQuantity) -> tuple[list[QuantityClaim], int]:
    out = ground_answer(ARTICLE, LLMExtraction(quantities=list(items), attributions=[]))
    return [c for c in out.claims if isinstance(c, QuantityClaim)], out.dropped


def attributions(*items: LLMAttribution) -> tuple[list[AttributionClaim], int]:
    out = ground_answer(ARTICLE, LLMExtraction(quantities=[], attributions=list(items)))
    return [c for c in out.claims if isinstance(c, AttributionClaim)], out.dropped


def said(statement: str, evidence: str, speaker: str, kind: str = "direct") -> LLMAttribution:
    return LLMAttribution(
        statement=statement,
        quote_type=kind,  # type: ignore[arg-type]
        speaker=speaker,
        channel=Channel.SOCIAL_POST,
        evidence=evidence,
    )


def test_around_rewritten_as_exactly_is_dropped_not_made_exact() -> None:
    """Row 10: the model copies the sentence back with "Exactly" for "Around"."""
    rewritten = MARCH.replace("Around", "Exactly")
    claims, dropped = quantities(
        LLMQuantity(evidence=rewritten, quantity_text="Exactly 10,000 people", measured="x"),
        LLMQuantity(evidence=rewritten, quantity_text="10,000 people", measured="x"),
    )
    assert claims == [] and dropped == 2


def test_a_partial_sentence_never_cuts_the_hedge_off() -> None:
    partial = "10,000 people marched through the capital of Velmora"
    claims, dropped = quantities(
        LLMQuantity(evidence=partial, quantity_text="10,000 people", measured="marchers")
    )
    assert dropped == 0
    [claim] = claims
    assert claim.hedge is Hedge.APPROXIMATE and claim.raw == "Around 10,000 people"
    assert claim.evidence.text == MARCH


def test_a_speaker_with_one_matching_word_is_not_a_speaker() -> None:
    """Row 11: '<script>… Caldera' shares a word with the article; it is not in it."""
    for speaker in ("<script>alert(1)</script> Caldera", "Joe Caldera", "Cal"):
        claims, dropped = attributions(said(QUOTE, QUOTE_SENTENCE, speaker))
        assert claims == [] and dropped == 1, speaker


def test_the_person_a_quote_addresses_is_never_its_speaker() -> None:
    """Named near the evidence (the next paragraph), but inside the quote: the addressee."""
    claims, dropped = attributions(said(QUOTE, QUOTE_SENTENCE, "Tomas Arvid"))
    assert claims == [] and dropped == 1
    claims, dropped = attributions(said(QUOTE, QUOTE_SENTENCE, "Ines Caldera"))
    assert [c.speaker for c in claims] == ["Ines Caldera"] and dropped == 0


def test_a_speaker_named_far_away_needs_the_discourse_tracking() -> None:
    # "Organisers will hold another march next month." has no speech act at all.
    far = "Organisers will hold another march next month."
    claims, dropped = attributions(said(far, far, "Ines Caldera", "paraphrase"))
    assert claims == [] and dropped == 1


def test_a_statement_without_speech_verb_or_quotation_marks_is_dropped() -> None:
    sentence = "Tomas Arvid did not comment."
    claims, dropped = attributions(said("did not comment", sentence, "Tomas Arvid", "paraphrase"))
    assert claims == [] and dropped == 1
