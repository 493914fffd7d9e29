"""Flag scoring on the tiny v2 cluster: updates vs contradictions, possible contradictions,
acceptable pairs and must-not-flag alarms. Each case is built so that a plausible scorer bug
(an update counted as a hit for contradictions, a possible flag gated, an acceptable pair
counted as a false alarm, a pair flagged twice counted twice) changes the expected figure."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from factcheck.eval.dataset import LoadedCluster, load_eval_set
from factcheck.eval.metrics import Area, Scores, prf, sum_scores
from factcheck.eval.scoring import score_cluster
from factcheck.schemas import Certainty, Claim, Contradiction, Update
from tests.eval.goldclaims import contradiction, perfect_claims, report, update

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def tally() -> LoadedCluster:
    (cluster,) = load_eval_set(DATA, "v2")
    return cluster


@pytest.fixture(scope="module")
def p(tally: LoadedCluster) -> dict[str, Claim]:
    return perfect_claims(tally)


def _score(
    tally: LoadedCluster,
    p: dict[str, Claim],
    cons: Sequence[Contradiction] = (),
    ups: Sequence[Update] = (),
) -> Scores:
    return score_cluster(tally, report(list(p.values()), cons, ups)).scores


def test_perfect_flags(tally: LoadedCluster, p: dict[str, Claim]) -> None:
    cons = [
        contradiction(p["t2_morning:q2"], p["t3_radio:q2"]),
        contradiction(p["t2_morning:a1"], p["t3_radio:a1"]),
    ]
    ups = [update(p["t1_night:q1"], p["t2_morning:q1"], p["t3_radio:q1"], groups=[0, 1, 1])]
    result = score_cluster(tally, report(list(p.values()), cons, ups))
    s = result.scores
    assert (s.contradiction.tp, s.contradiction.fp, s.contradiction.fn) == (2, 0, 0)
    assert (s.update.tp, s.update.fp, s.update.fn) == (2, 0, 0)
    assert s.must_not_flag_false_alarms == 0 and s.updates_flagged_as_contradictions == 0
    assert s.contradiction_with_possible == s.contradiction
    assert [c for c in result.cases if c.area in (Area.UPDATE, Area.CONTRADICTION)] == []


def test_an_update_without_sides_asserts_every_cross_article_pair(
    tally: LoadedCluster, p: dict[str, Claim]
) -> None:
    # t2~t3 agree (same time): asserted as an update it is a false positive.
    ups = [update(p["t1_night:q1"], p["t2_morning:q1"], p["t3_radio:q1"])]
    s = _score(tally, p, ups=ups)
    assert (s.update.tp, s.update.fp, s.update.fn) == (2, 1, 0)


def test_a_rising_tally_flagged_as_contradiction_is_a_miss_and_a_false_alarm(
    tally: LoadedCluster, p: dict[str, Claim]
) -> None:
    cons = [contradiction(p["t1_night:q1"], p["t2_morning:q1"])]
    result = score_cluster(tally, report(list(p.values()), cons))
    s = result.scores
    assert (s.contradiction.tp, s.contradiction.fp, s.contradiction.fn) == (0, 1, 2)
    assert (s.update.tp, s.update.fp, s.update.fn) == (0, 0, 2)
    assert s.updates_flagged_as_contradictions == 1
    assert s.must_not_flag_false_alarms == 0
    alarm = next(
        c for c in result.cases if c.area == Area.CONTRADICTION and c.outcome == "false_alarm"
    )
    assert "an update of a running tally" in alarm.detail
    miss = next(c for c in result.cases if c.area == Area.UPDATE and "t2_morning:q1" in c.refs)
    assert "reported as a contradiction" in miss.detail


def test_possible_contradictions_are_not_in_the_gated_figure(
    tally: LoadedCluster, p: dict[str, Claim]
) -> None:
    maybe = contradiction(p["t2_morning:q2"], p["t3_radio:q2"], certainty=Certainty.POSSIBLE)
    wrong = contradiction(p["t1_night:q2"], p["t3_radio:q2"], certainty=Certainty.POSSIBLE)
    result = score_cluster(tally, report(list(p.values()), [maybe, wrong]))
    s = result.scores
    assert (s.contradiction.tp, s.contradiction.fp, s.contradiction.fn) == (0, 0, 2)
    c = s.contradiction_with_possible
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)
    possible = sorted((x.outcome, tuple(x.refs)) for x in result.cases if x.area == Area.POSSIBLE)
    assert possible == [
        ("false_alarm", ("t1_night:q2", "t3_radio:q2")), ("hit", ("t2_morning:q2", "t3_radio:q2")),
    ]  # fmt: skip
    miss = next(x for x in result.cases if x.area == Area.CONTRADICTION and "t3_radio:q2" in x.refs)
    assert "possible" in miss.detail


def test_acceptable_pairs_are_neither_hits_nor_false_alarms(
    tally: LoadedCluster, p: dict[str, Claim]
) -> None:
    s = _score(
        tally,
        p,
        cons=[contradiction(p["t1_night:q2"], p["t2_morning:q2"])],
        ups=[update(p["t1_night:q2"], p["t2_morning:q2"])],
    )
    assert (s.contradiction.tp, s.contradiction.fp) == (0, 0)
    assert (s.update.tp, s.update.fp) == (0, 0)


def test_must_not_flag_pair_as_update_or_both_ways_counts_once(
    tally: LoadedCluster, p: dict[str, Claim]
) -> None:
    pair = (p["t1_night:q1"], p["t3_radio:q2"])
    s = _score(tally, p, ups=[update(*pair)])
    assert s.must_not_flag_false_alarms == 1
    assert (s.update.fp, s.contradiction.fp) == (1, 0)
    s = _score(tally, p, cons=[contradiction(*pair)], ups=[update(*pair)])
    assert s.must_not_flag_false_alarms == 1
    assert (s.update.fp, s.contradiction.fp) == (1, 1)


def test_a_conflict_reported_as_an_update(tally: LoadedCluster, p: dict[str, Claim]) -> None:
    result = score_cluster(
        tally, report(list(p.values()), updates=[update(p["t2_morning:q2"], p["t3_radio:q2"])])
    )
    s = result.scores
    assert (s.update.fp, s.contradiction.fn) == (1, 2)
    alarm = next(c for c in result.cases if c.area == Area.UPDATE and c.outcome == "false_alarm")
    assert "a contradiction reported as an update" in alarm.detail


def test_new_figures_are_micro_averaged_and_gated() -> None:
    a = Scores(update=prf(1, 0, 0), contradiction_with_possible=prf(1, 0, 0))
    b = Scores(update=prf(0, 1, 3), updates_flagged_as_contradictions=2)
    total = sum_scores([a, b])
    assert total.update.recall == pytest.approx(0.25)
    assert total.update.precision == pytest.approx(0.5)
    assert total.updates_flagged_as_contradictions == 2
    metrics = total.metrics()
    assert {"update.f1", "frame.counted.accuracy", "frame.scope.f1"} <= metrics.keys()
    assert not any("possible" in key for key in metrics)  # reported, never gated
