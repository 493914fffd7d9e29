"""From a validated model answer to grounded claims: spans located, numbers parsed from the text."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.ingest import article_from_text
from factcheck.llm.claims import (
    Chunk,
    LLMAttribution,
    LLMExtraction,
    LLMQuantity,
    chunk_text,
    ground_answer,
    merge_claims,
)
from factcheck.schemas import AttributionClaim, Channel, Hedge, QuantityClaim

TEXT = (
    "Harbour talks end after three hours\n\n"
    "The talks in Port Selwyn lasted a little more than an hour and a half, officials said.\n\n"
    "Around 1,200 dock workers walked out on Monday.\n\n"
    "“We will not accept a cut in pay,” said union leader Ida Brandt. "
    "She told reporters that talks would resume on Friday."
)
ARTICLE = article_from_text(TEXT, article_id="a1", source="a1.txt")


def q(evidence: str, quantity_text: str, measured: str = "x") -> LLMQuantity:
    return LLMQuantity(evidence=evidence, quantity_text=quantity_text, measured=measured)


def a(statement: str, evidence: str, speaker: str = "Ida Brandt") -> LLMAttribution:
    return LLMAttribution(
        statement=statement,
        quote_type="direct",
        speaker=speaker,
        channel=Channel.PRESS_BRIEFING,
        evidence=evidence,
    )


def ground(
    *items: LLMQuantity | LLMAttribution,
) -> tuple[list[QuantityClaim], list[AttributionClaim], int]:
    answer = LLMExtraction(
        quantities=[i for i in items if isinstance(i, LLMQuantity)],
        attributions=[i for i in items if isinstance(i, LLMAttribution)],
    )
    out = ground_answer(ARTICLE, answer)
    qs = [c for c in out.claims if isinstance(c, QuantityClaim)]
    ats = [c for c in out.claims if isinstance(c, AttributionClaim)]
    return qs, ats, out.dropped


def test_quantity_values_come_from_the_article_not_the_model() -> None:
    qs, _, dropped = ground(
        q(
            "Around 1,200 dock workers walked out on Monday.",
            "Around 1,200 dock workers",
            "strikers",
        )
    )
    assert dropped == 0
    [claim] = qs
    assert (claim.value, claim.hedge, claim.unit) == (1200, Hedge.APPROXIMATE, "person")
    assert ARTICLE.verify(claim.evidence) and ARTICLE.verify(claim.quantity_span)
    assert claim.measured == "strikers" and claim.id == ""
    # Alignment terms: the model's "what is measured" first, then the words around the number.
    assert claim.subject_terms[:2] == ["striker", "walk"]


def test_reworded_quantity_text_is_dropped_not_guessed() -> None:
    # The model wrote "just over" where the article says "a little more than": another hedge.
    sentence = (
        "The talks in Port Selwyn lasted a little more than an hour and a half, officials said."
    )
    qs, _, dropped = ground(q(sentence, "just over 90 minutes"))
    assert qs == [] and dropped == 1
    qs, _, dropped = ground(q(sentence, "a little more than an hour and a half"))
    assert [c.raw for c in qs] == ["a little more than an hour and a half"] and dropped == 0


def test_evidence_not_in_the_article_is_dropped_even_if_the_number_is() -> None:
    qs, ats, dropped = ground(
        q("Around 1,200 dock workers were arrested.", "Around 1,200 dock workers"),
        q("All sources agree that 5 people died.", "5 people"),
    )
    assert qs == [] and ats == [] and dropped == 2


def test_quantity_without_a_parseable_number_is_dropped() -> None:
    # The sentence has a number, but not where the model pointed: no claim is made up.
    qs, _, dropped = ground(q("Around 1,200 dock workers walked out on Monday.", "on Monday"))
    assert qs == [] and dropped == 1
    qs, _, dropped = ground(q("She told reporters that talks would resume on Friday.", "Friday"))
    assert qs == [] and dropped == 1


def test_attribution_is_grounded_and_speaker_kept() -> None:
    evidence = "“We will not accept a cut in pay,” said union leader Ida Brandt."
    _, ats, dropped = ground(a('"We will not accept a cut in pay,"', evidence))
    assert dropped == 0
    [claim] = ats
    assert claim.statement == "We will not accept a cut in pay"
    assert claim.speaker == claim.speaker_text == "Ida Brandt"
    assert ARTICLE.verify(claim.statement_span) and ARTICLE.verify(claim.evidence)


def test_attribution_with_invented_statement_is_dropped() -> None:
    _, ats, dropped = ground(a("All sources agree", "All sources agree, said Ida Brandt."))
    assert ats == [] and dropped == 1


def test_attribution_to_a_speaker_absent_from_the_article_is_dropped() -> None:
    evidence = "She told reporters that talks would resume on Friday."
    _, ats, dropped = ground(a("talks would resume on Friday", evidence, speaker="Joe Biden"))
    assert ats == [] and dropped == 1
    _, ats, dropped = ground(a("talks would resume on Friday", evidence, speaker="Brandt"))
    assert [c.speaker for c in ats] == ["Brandt"] and dropped == 0


def test_attribution_with_invented_evidence_is_dropped() -> None:
    _, ats, dropped = ground(a("talks would resume on Friday", "Brandt said talks would resume."))
    assert ats == [] and dropped == 1


def test_quote_longer_than_its_evidence_sentence_extends_the_evidence() -> None:
    statement = "We will not accept a cut in pay,” said union leader Ida Brandt. She told reporters"
    evidence = "She told reporters that talks would resume on Friday."
    _, ats, _ = ground(a(statement, evidence))
    [claim] = ats
    assert claim.evidence.text.startswith("“We will not") and claim.evidence.text.endswith(
        "Friday."
    )
    assert ARTICLE.verify(claim.evidence)


def test_chunk_window_limits_grounding() -> None:
    start = TEXT.index("“We will")
    chunk = Chunk(start, len(TEXT), TEXT[start:])
    answer = LLMExtraction(
        quantities=[
            q("Around 1,200 dock workers walked out on Monday.", "Around 1,200 dock workers")
        ],
        attributions=[],
    )
    out = ground_answer(ARTICLE, answer, chunk)
    assert out.claims == [] and out.dropped == 1


def test_merge_keeps_one_claim_per_span() -> None:
    qs, _, _ = ground(
        q("Around 1,200 dock workers walked out on Monday.", "Around 1,200 dock workers")
    )
    merged = merge_claims([list(qs), list(qs)])
    assert len(merged) == 1


def test_short_text_is_one_chunk() -> None:
    assert chunk_text("abc", 100, 10) == [Chunk(0, 3, "abc")]


_PARAS = st.lists(
    st.text(alphabet=st.sampled_from("abc de. fg! \n"), min_size=1, max_size=300),
    min_size=1,
    max_size=12,
).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(_PARAS, st.integers(500, 2000), st.integers(0, 400))
def test_chunks_cover_the_text_within_size_and_overlap(text: str, size: int, overlap: int) -> None:
    chunks = chunk_text(text, size, overlap)
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    for c in chunks:
        assert text[c.start : c.end] == c.text
        assert len(c.text) <= size
    for prev, nxt in itertools.pairwise(chunks):
        assert prev.start < nxt.start <= prev.end  # no gap, always progress
