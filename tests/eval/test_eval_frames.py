"""Frame scoring on the tiny v2 cluster: field by field over matched quantities with a gold
frame; labels outside the gold vocabulary count as 'other'; scope items as sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.eval.dataset import LoadedCluster, load_eval_set
from factcheck.eval.framescore import same_words, score_frames
from factcheck.eval.metrics import Area
from factcheck.eval.scoring import score_cluster
from factcheck.schemas import Frame, QuantityClaim, Role, ScopeKind, ScopeSlot, Slot
from tests.eval.goldclaims import quantity, report

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def tally() -> LoadedCluster:
    (cluster,) = load_eval_set(DATA, "v2")
    return cluster


def _slot(value: str, text: str | None = None) -> Slot:
    return Slot(value=value, text=text or value)


def gold_frame(tally: LoadedCluster, ref: str) -> Frame:
    """The frame a perfect extractor would fill for a gold quantity."""
    g = next(q.gold.frame for q in tally.quantities if q.ref == ref)
    if g is None:
        return Frame()
    return Frame(
        counted=_slot(g.counted),
        event=_slot(g.event),
        scope=[ScopeSlot(kind=s.kind, value=s.text, text=s.text) for s in g.scope],
        role=g.role,
        time=_slot(g.time) if g.time else None,
        running=g.running,
    )


def _matched(tally: LoadedCluster, frames: dict[str, Frame]) -> list[tuple[QuantityClaim, object]]:
    return [(quantity(q, frames.get(q.ref)), q) for q in tally.quantities]


def test_perfect_frames_score_one(tally: LoadedCluster) -> None:
    frames = {q.ref: gold_frame(tally, q.ref) for q in tally.quantities}
    claims = [quantity(q, frames[q.ref]) for q in tally.quantities]
    result = score_cluster(tally, report(claims))
    f = result.scores.frame
    # Five of the six gold quantities carry a frame; t3_radio:q2 is not judged.
    assert (f.counted.correct, f.counted.total) == (5, 5)
    assert f.event.value == f.role.value == f.time.value == f.running.value == 1.0
    assert (f.scope.tp, f.scope.fp, f.scope.fn) == (2, 0, 0)
    assert [c for c in result.cases if c.area == Area.FRAME] == []


def test_empty_frames_get_only_the_defaults_right(tally: LoadedCluster) -> None:
    claims = [quantity(q) for q in tally.quantities]
    result = score_cluster(tally, report(claims))
    f = result.scores.frame
    # A missing label counts as 'other': right only where the gold says 'other'.
    assert (f.counted.correct, f.event.correct) == (0, 1)
    assert (f.role.correct, f.time.correct, f.running.correct) == (5, 3, 1)
    assert (f.scope.tp, f.scope.fp, f.scope.fn, f.scope.precision) == (0, 0, 2, 1.0)
    case = next(c for c in result.cases if c.refs == ["t1_night:q1"])
    assert case.area == Area.FRAME
    assert "counted: predicted 'other', gold 'people'" in case.detail
    assert "scope missed place 'in Orla'" in case.detail


def test_labels_outside_the_vocabulary_count_as_other(tally: LoadedCluster) -> None:
    population = next(q for q in tally.quantities if q.ref == "t1_night:q2")
    frame = Frame(counted=_slot("residents"), event=_slot("lived"), role=Role.TOTAL)
    scores, _ = score_frames([(quantity(population, frame), population)])
    assert scores.event.value == 1.0  # 'lived' -> other == gold other
    assert scores.counted.value == 0.0  # 'residents' -> other != gold people
    frame = Frame(counted=_slot("People"), event=_slot("other"), role=Role.CAPACITY)
    scores, cases = score_frames([(quantity(population, frame), population)])
    assert (scores.counted.value, scores.role.value) == (1.0, 0.0)
    assert "role: predicted 'capacity', gold 'total'" in cases[0].detail


def test_scope_items_match_by_their_words(tally: LoadedCluster) -> None:
    toll = next(q for q in tally.quantities if q.ref == "t1_night:q1")
    base = gold_frame(tally, toll.ref)
    near = base.model_copy(
        update={"scope": [ScopeSlot(kind=ScopeKind.GROUP, value="orla", text="Orla")]}
    )
    extra = base.model_copy(
        update={
            "scope": [*base.scope, ScopeSlot(kind=ScopeKind.PERIOD, value="night", text="night")]
        }
    )
    scores, _ = score_frames([(quantity(toll, near), toll)])
    assert (scores.scope.tp, scores.scope.fp, scores.scope.fn) == (1, 0, 0)  # kind not required
    scores, cases = score_frames([(quantity(toll, extra), toll)])
    assert (scores.scope.tp, scores.scope.fp, scores.scope.fn) == (1, 1, 0)
    assert "scope extra period 'night'" in cases[0].detail


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("in Orla", "Orla", True), ("on Sunday", "Sunday morning", False), ("so far", "", False),
     ("by 9 p.m.", "by 9 p.m", True)],
)  # fmt: skip
def test_same_words(a: str, b: str, same: bool) -> None:
    assert same_words(a, b) is same
    assert same_words(b, a) is same


def test_time_must_be_stated_or_absent_like_the_gold(tally: LoadedCluster) -> None:
    toll = next(q for q in tally.quantities if q.ref == "t2_morning:q1")
    right = gold_frame(tally, toll.ref)
    missing = right.model_copy(update={"time": None})
    invented = gold_frame(tally, "t1_night:q1").model_copy(update={"time": _slot("tonight")})
    night = next(q for q in tally.quantities if q.ref == "t1_night:q1")
    scores, _ = score_frames(
        [
            (quantity(toll, right), toll),
            (quantity(toll, missing), toll),
            (quantity(night, invented), night),
        ]
    )
    assert (scores.time.correct, scores.time.total) == (1, 3)
