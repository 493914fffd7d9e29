"""Scorer unit tests on hand-made cases: each one is built so that a plausible scorer bug
(off-by-one span overlap, double counting, a wrong denominator, macro instead of micro
averaging, ordered pairs) changes the expected figure."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from factcheck.eval.dataset import LoadedCluster, load_eval_set
from factcheck.eval.scoring import (
    PRF,
    intervals_compatible,
    match_quantities,
    overlap,
    prf,
    score_cluster,
)
from factcheck.schemas import (
    Article,
    AttributionClaim,
    Channel,
    ClaimRef,
    Contradiction,
    ContradictionKind,
    Dimension,
    ExtractorInfo,
    Hedge,
    QuantityClaim,
    Report,
    Severity,
    Span,
    Topic,
)

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def tiny() -> LoadedCluster:
    (cluster,) = load_eval_set(DATA, "v1")
    return cluster


def _article(c: LoadedCluster, article_id: str) -> Article:
    return next(a for a in c.articles if a.id == article_id)


def _find(text: str, needle: str, nth: int = 0) -> Span:
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return Span(start=at, end=at + len(needle), text=needle)


def qty(
    c: LoadedCluster,
    article_id: str,
    raw: str,
    low: float | None,
    high: float | None,
    unit: str = "person",
    dim: Dimension = Dimension.COUNT,
    *,
    cid: str,
    evidence: str | None = None,
    span: Span | None = None,
) -> QuantityClaim:
    text = _article(c, article_id).text
    q_span = span or _find(text, raw)
    ev = _find(text, evidence) if evidence else q_span
    value = low if low is not None else (high or 0.0)
    return QuantityClaim(
        id=cid,
        article_id=article_id,
        measured="m",
        raw=raw,
        value=value,
        low=low,
        high=high,
        hedge=Hedge.EXACT,
        unit=unit,
        dimension=dim,
        quantity_span=q_span,
        evidence=ev,
    )


def att(
    c: LoadedCluster,
    article_id: str,
    statement: str,
    speaker: str | None,
    channel: Channel,
    *,
    cid: str,
    span: Span | None = None,
) -> AttributionClaim:
    s = span or _find(_article(c, article_id).text, statement)
    return AttributionClaim(
        id=cid,
        article_id=article_id,
        statement=statement,
        speaker_text=speaker,
        speaker=speaker,
        channel=channel,
        statement_span=s,
        evidence=s,
    )


def con(*claims: QuantityClaim | AttributionClaim, cid: str = "c1") -> Contradiction:
    refs = [
        ClaimRef(
            claim_id=x.id, article_id=x.article_id, source="s", evidence=x.evidence, summary=""
        )
        for x in claims
    ]
    kind = ContradictionKind.NUMERIC
    return Contradiction(
        id=cid, kind=kind, severity=Severity.HIGH, topic="t", claims=refs, explanation="x"
    )


def report(
    claims: Sequence[QuantityClaim | AttributionClaim],
    cons: Sequence[Contradiction] = (),
    topics: Sequence[Topic] = (),
) -> Report:
    return Report(
        extractor=ExtractorInfo(name="test"),
        articles=[],
        claims=list(claims),
        contradictions=list(cons),
        topics=list(topics),
    )


def perfect(c: LoadedCluster) -> list[QuantityClaim | AttributionClaim]:
    return [
        qty(c, "t1_wire", "three hours", 180, 180, "minute", Dimension.DURATION, cid="A:q1"),
        qty(c, "t1_wire", "Around 8,000 migrants", 7400, 8600, cid="A:q2"),
        qty(c, "t1_wire", "10,000 migrants daily", 10000, 10000, cid="A:q3"),
        qty(
            c, "t2_post", "less than two hours", None, 120, "minute", Dimension.DURATION, cid="B:q1"
        ),
        qty(c, "t2_post", "Almost 10,000 people", 9000, 10000, cid="B:q2"),
        att(
            c,
            "t1_wire",
            "We will meet again in January,",
            "Lopez",
            Channel.PRESS_BRIEFING,
            cid="A:a1",
        ),
        att(
            c,
            "t2_post",
            "We will meet again in January,",
            "Juan Perez",
            Channel.SOCIAL_POST,
            cid="B:a1",
        ),
    ]


# --- primitives ---------------------------------------------------------------------------


def test_prf_conventions_and_denominators() -> None:
    assert prf(0, 0, 0) == PRF(tp=0, fp=0, fn=0, precision=1.0, recall=1.0, f1=1.0)
    nothing_found = prf(0, 0, 2)
    assert (nothing_found.precision, nothing_found.recall, nothing_found.f1) == (1.0, 0.0, 0.0)
    only_wrong = prf(0, 3, 0)
    assert (only_wrong.precision, only_wrong.recall, only_wrong.f1) == (0.0, 1.0, 0.0)
    # 1 hit, 1 wrong prediction, 2 missed: P uses tp+fp, R uses tp+fn.
    s = prf(1, 1, 2)
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(1 / 3)
    assert s.f1 == pytest.approx(0.4)


def test_overlap_is_half_open() -> None:
    a = Span(start=0, end=5, text="abcde")
    assert overlap(a, Span(start=5, end=7, text="fg")) == 0  # touching is not overlapping
    assert overlap(a, Span(start=4, end=7, text="efg")) == 1
    assert overlap(Span(start=2, end=3, text="c"), a) == 1


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ((180, 180), (162, 180), True),
        ((None, 120), (180, 180), False),
        ((90, 108), (None, 120), True),
        ((7400, 8600), (9000, 10000), False),
        ((2_200_000, None), (2_000_000, 2_100_000), False),
        ((2_200_000, None), (None, None), True),
        ((100, 100), (100.5, 101), True),  # inside the 1 % rounding slack
        ((100, 100), (102, 103), False),
    ],
)
def test_interval_compatibility(
    a: tuple[float | None, float | None], b: tuple[float | None, float | None], ok: bool
) -> None:
    assert intervals_compatible(*a, *b) is ok
    assert intervals_compatible(*b, *a) is ok


# --- quantities ---------------------------------------------------------------------------


def test_perfect_prediction_scores_one(tiny: LoadedCluster) -> None:
    claims = perfect(tiny)
    by = {x.id: x for x in claims}
    topics = [
        Topic(id="t1", measured="m", claim_ids=["A:q1", "B:q1"]),
        Topic(id="t2", measured="m", claim_ids=["A:q2", "B:q2"]),
    ]
    cons = [
        con(by["A:q1"], by["B:q1"]),
        con(by["A:q2"], by["B:q2"], cid="c2"),
        con(by["A:a1"], by["B:a1"], cid="c3"),
    ]
    result = score_cluster(
        tiny, report(claims, cons, topics), {c: t.id for t in topics for c in t.claim_ids}
    )
    s = result.scores
    assert (s.quantity.tp, s.quantity.fp, s.quantity.fn) == (5, 0, 0)
    assert (s.attribution.tp, s.attribution.fp, s.attribution.fn) == (2, 0, 0)
    assert s.channel.value == 1.0
    assert (s.contradiction.tp, s.contradiction.fp, s.contradiction.fn) == (3, 0, 0)
    assert s.measured.f1 == 1.0
    assert s.must_not_flag_false_alarms == 0
    assert result.cases == []


def test_duplicate_predictions_are_not_double_counted(tiny: LoadedCluster) -> None:
    claims = [
        qty(tiny, "t1_wire", "three hours", 180, 180, "minute", Dimension.DURATION, cid="A:q1"),
        qty(tiny, "t1_wire", "three hours", 180, 180, "minute", Dimension.DURATION, cid="A:q9"),
    ]
    q = score_cluster(tiny, report(claims)).scores.quantity
    assert (q.tp, q.fp, q.fn) == (1, 1, 4)
    assert q.precision == pytest.approx(0.5)
    assert q.recall == pytest.approx(0.2)


def test_span_adjacent_to_gold_does_not_match(tiny: LoadedCluster) -> None:
    text = _article(tiny, "t1_wire").text
    gold = _find(text, "three hours")
    before = Span(start=gold.start - 7, end=gold.start, text=text[gold.start - 7 : gold.start])
    one_in = Span(
        start=gold.start - 6, end=gold.start + 1, text=text[gold.start - 6 : gold.start + 1]
    )
    far = qty(tiny, "t1_wire", "x", 180, 180, "minute", Dimension.DURATION, cid="p", span=before)
    near = qty(tiny, "t1_wire", "x", 180, 180, "minute", Dimension.DURATION, cid="p", span=one_in)
    assert match_quantities([far], tiny.quantities) == []
    assert match_quantities([near], tiny.quantities) == [(0, 0)]


def test_quantity_needs_compatible_interval_and_same_unit(tiny: LoadedCluster) -> None:
    wrong_value = qty(tiny, "t2_post", "Almost 10,000 people", 10500, 10500, cid="B:q2")
    wrong_unit = qty(
        tiny, "t2_post", "less than two hours", None, 2, "hour", Dimension.DURATION, cid="B:q1"
    )
    other_article = qty(
        tiny, "t1_wire", "three hours", 180, 180, "minute", Dimension.DURATION, cid="A:q1"
    )
    # Right text and value, but claimed for the other article's gold: span offsets differ.
    assert match_quantities([wrong_value, wrong_unit], tiny.quantities) == []
    assert match_quantities([other_article], tiny.quantities) == [(0, 0)]
    result = score_cluster(tiny, report([wrong_value]))
    miss = next(c for c in result.cases if c.refs == ["t2_post:q2"])
    assert "interval incompatible" in miss.detail


def test_evidence_overlap_is_enough_and_matching_is_one_to_one(tiny: LoadedCluster) -> None:
    sentence = "The talks lasted three hours, officials said. Around 8,000 migrants joined"
    # Both predictions carry an evidence span covering both gold quantities; the one whose own
    # quantity span sits on a gold quantity must take it, leaving the other its right partner.
    text = _article(tiny, "t1_wire").text
    loose = qty(
        tiny,
        "t1_wire",
        "officials",
        7500,
        7500,
        cid="p1",
        evidence=sentence,
        span=_find(text, "officials"),
    )
    tight = qty(tiny, "t1_wire", "Around 8,000 migrants", 8000, 8000, cid="p2", evidence=sentence)
    assert match_quantities([loose, tight], tiny.quantities) == [(1, 1)]


def test_measured_alignment_is_pairwise_across_articles(tiny: LoadedCluster) -> None:
    claims = perfect(tiny)
    # System: durations not grouped (miss), caravan grouped (hit), daily rate wrongly grouped
    # with the caravans (two false pairs: A:q3~B:q2 cross-article; A:q3~A:q2 is same-article).
    groups = {"A:q2": "g", "B:q2": "g", "A:q3": "g"}
    m = score_cluster(tiny, report(claims), groups).scores.measured
    assert (m.tp, m.fp, m.fn) == (1, 1, 1)


# --- attributions -------------------------------------------------------------------------


def test_attribution_speaker_and_channel(tiny: LoadedCluster) -> None:
    right = att(
        tiny,
        "t1_wire",
        "We will meet again in January,",
        "María López",
        Channel.SOCIAL_POST,
        cid="A:a1",
    )
    wrong_speaker = att(
        tiny,
        "t2_post",
        "We will meet again in January,",
        "María López",
        Channel.SOCIAL_POST,
        cid="B:a1",
    )
    s = score_cluster(tiny, report([right, wrong_speaker])).scores
    assert (s.attribution.tp, s.attribution.fp, s.attribution.fn) == (1, 1, 1)
    # Channel accuracy is over matched pairs only: 0 of 1, not 0 of 2.
    assert (s.channel.correct, s.channel.total) == (0, 1)


def test_attribution_fuzzy_text_without_span_overlap(tiny: LoadedCluster) -> None:
    text = _article(tiny, "t2_post").text
    elsewhere = _find(text, "The meeting lasted less than two hours.")
    para = att(
        tiny,
        "t2_post",
        "We will meet again in January",
        "Perez",
        Channel.SOCIAL_POST,
        cid="B:a1",
        span=elsewhere,
    )
    unrelated = att(
        tiny,
        "t2_post",
        "The caravan was large",
        "Perez",
        Channel.SOCIAL_POST,
        cid="B:a2",
        span=elsewhere,
    )
    a = score_cluster(tiny, report([para])).scores.attribution
    assert a.tp == 1
    b = score_cluster(tiny, report([unrelated])).scores.attribution
    assert (b.tp, b.fp) == (0, 1)


def test_tiny_must_not_flag_counted_and_listed(tiny: LoadedCluster) -> None:
    claims = perfect(tiny)
    by = {x.id: x for x in claims}
    result = score_cluster(tiny, report(claims, [con(by["A:q3"], by["B:q2"])]))
    assert result.scores.must_not_flag_false_alarms == 1
    assert result.scores.contradiction.fp == 1
    alarm = next(c for c in result.cases if c.area == "must_not_flag")
    assert alarm.refs == ["t1_wire:q3", "t2_post:q2"]
    assert "10,000 migrants daily" in alarm.evidence[0] + alarm.evidence[1]
    misses = [c for c in result.cases if c.area == "contradiction" and c.outcome == "miss"]
    assert len(misses) == 3


def test_one_prediction_never_matches_two_gold_claims(tiny: LoadedCluster) -> None:
    text = _article(tiny, "t1_wire").text
    both = "Around 8,000 migrants joined the caravan this week.\n\nBorder agents apprehend 10,000"
    # Unbounded interval: compatible with both gold counts whose text its evidence covers.
    greedy = qty(
        tiny, "t1_wire", "x", None, None, cid="p", evidence=both, span=_find(text, "caravan")
    )
    q = score_cluster(tiny, report([greedy])).scores.quantity
    assert (q.tp, q.fp, q.fn) == (1, 0, 4)


def test_evidence_overlap_alone_matches(tiny: LoadedCluster) -> None:
    text = _article(tiny, "t2_post").text
    # The model pointed its quantity span at the wrong words but its evidence is the sentence.
    off = qty(
        tiny,
        "t2_post",
        "x",
        9500,
        9500,
        cid="p",
        span=_find(text, "joined the caravan"),
        evidence="Almost 10,000 people joined the caravan.",
    )
    assert match_quantities([off], tiny.quantities) == [(0, 4)]
