"""Contradiction scoring and aggregation on hand-made cases: sides, repeated pairs, pairs with
claims outside the gold, must-not-flag alarms, micro-averaging."""

from __future__ import annotations

import pytest

from factcheck.eval.dataset import LoadedCluster
from factcheck.eval.gold import GoldArticle, GoldCluster, GoldContradiction, MustNotFlag
from factcheck.eval.scoring import PRF, Scores, prf, score_flags, sum_scores
from factcheck.schemas import (
    Article,
    ClaimRef,
    Contradiction,
    ContradictionKind,
    ExtractorInfo,
    Report,
    Severity,
    Span,
)

# --- contradictions -----------------------------------------------------------------------


def _three_article_cluster() -> LoadedCluster:
    articles = [Article(id=i, source=i, raw_text="text", text="text") for i in ("x", "y", "z")]
    gold = GoldCluster(
        id="three",
        title="t",
        description="d",
        articles=[GoldArticle(id=i, file=f"{i}.txt") for i in ("x", "y", "z")],
        contradictions=[GoldContradiction(kind="numeric", groups=[["x:q1"], ["y:q1", "z:q1"]])],
        must_not_flag=[
            MustNotFlag(claims=["y:q1", "z:q1"], reason="agree"),
            MustNotFlag(claims=["y:q2", "x:q2"], reason="rate vs total"),
        ],
    )
    return LoadedCluster(gold=gold, articles=articles, quantities=[], attributions=[])


def _ref(article: str, claim: str, group: int = 0) -> ClaimRef:
    return ClaimRef(
        claim_id=claim,
        article_id=article,
        source=article,
        evidence=Span(start=0, end=4, text="text"),
        summary="",
        group=group,
    )


def _con(*refs: ClaimRef) -> Contradiction:
    return Contradiction(
        id="c",
        kind=ContradictionKind.NUMERIC,
        severity=Severity.LOW,
        topic="t",
        claims=list(refs),
        explanation="e",
    )


TO_GOLD = {"px": "x:q1", "py": "y:q1", "pz": "z:q1", "px2": "x:q2", "py2": "y:q2"}


def _score(*cons: Contradiction) -> tuple[PRF, int]:
    rep = Report(
        extractor=ExtractorInfo(name="t"), articles=[], claims=[], contradictions=list(cons)
    )
    flags = score_flags(_three_article_cluster(), rep, TO_GOLD)
    return flags.contradiction, flags.must_not_flag_false_alarms


def test_pairs_on_one_side_are_not_asserted() -> None:
    sided = _con(_ref("x", "px", 0), _ref("y", "py", 1), _ref("z", "pz", 1))
    score, alarms = _score(sided)
    assert (score.tp, score.fp, score.fn, alarms) == (2, 0, 0, 0)
    # Without sides every cross-article pair is asserted, the agreeing y~z pair included.
    score, alarms = _score(_con(_ref("x", "px"), _ref("y", "py"), _ref("z", "pz")))
    assert (score.tp, score.fp, score.fn, alarms) == (2, 1, 0, 1)


def test_agreeing_pair_alone_is_a_must_not_flag_alarm() -> None:
    score, alarms = _score(_con(_ref("y", "py"), _ref("z", "pz")))
    assert (score.tp, score.fp, score.fn, alarms) == (0, 1, 2, 1)


def test_repeated_pair_counts_once_and_pairs_are_unordered() -> None:
    score, _ = _score(
        _con(_ref("x", "px"), _ref("y", "py")), _con(_ref("y", "py"), _ref("x", "px"))
    )
    assert (score.tp, score.fp, score.fn) == (1, 0, 1)


def test_unmatched_claims_and_same_article_pairs() -> None:
    # px~unknown is a false positive; px~px2 sit in one article and are ignored.
    score, alarms = _score(_con(_ref("x", "px"), _ref("x", "px2"), _ref("y", "nope")))
    assert (score.tp, score.fp, score.fn, alarms) == (0, 2, 2, 0)
    score, alarms = _score(_con(_ref("y", "py2"), _ref("x", "px2")))
    assert (score.fp, alarms) == (1, 1)


# --- aggregation --------------------------------------------------------------------------


def test_overall_is_micro_averaged() -> None:
    a = Scores(contradiction=prf(1, 0, 0), must_not_flag_false_alarms=1)
    b = Scores(contradiction=prf(0, 0, 3), must_not_flag_false_alarms=2)
    total = sum_scores([a, b])
    assert total.contradiction.recall == pytest.approx(0.25)  # macro would say 0.5
    assert total.must_not_flag_false_alarms == 3
    assert sum_scores([]).quantity.f1 == 1.0
