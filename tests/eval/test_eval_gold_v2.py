"""The v2 gold format (frames, updates, acceptable pairs, article dates, the ``$schema`` key),
the loader's checks on it, and the real ``evals/v2`` set."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, get_args

import pytest

from factcheck.errors import EvalError
from factcheck.eval.dataset import MANIFEST, load_eval_set, verify_manifest
from factcheck.eval.gold import CountedLabel, EventLabel
from factcheck.eval.goldpairs import gold_acceptable_pairs, gold_update_pairs
from factcheck.schemas import Role, ScopeKind

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
SCHEMA_REF = "../../../schema/gold-cluster.schema.json"
V1_CLUSTERS = {
    "attribution-summit", "border-rates", "budget-agree", "factory-strike", "long-chunking",
    "seed", "storm-casualties",
}  # fmt: skip


@pytest.fixture
def evals(tmp_path: Path) -> Path:
    root = tmp_path / "evals"
    shutil.copytree(DATA, root)
    return root


def _edit(root: Path, change: Any) -> None:
    path = root / "v2" / "clusters" / "tally" / "gold.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _q(data: dict[str, Any], article: int, n: int) -> dict[str, Any]:
    quantity: dict[str, Any] = data["articles"][article]["quantities"][n]
    return quantity


def test_tally_loads_with_frames_updates_dates_and_schema_key() -> None:
    (cluster,) = load_eval_set(DATA, "v2")
    gold = {q.ref: q.gold for q in cluster.quantities}
    frame = gold["t1_night:q1"].frame
    assert frame is not None and frame.running and frame.role == Role.TOTAL
    assert [(s.kind, s.text) for s in frame.scope] == [(ScopeKind.PLACE, "in Orla")]
    assert gold["t3_radio:q2"].frame is None  # a frame is optional per quantity
    assert cluster.gold.schema_ref == SCHEMA_REF
    assert cluster.gold.articles[0].date == "2024-03-02T22:00"
    # Earliest group first; t2~t3 share the later group, so they are no update pair.
    assert set(gold_update_pairs(cluster.gold)) == {
        frozenset(("t1_night:q1", "t2_morning:q1")), frozenset(("t1_night:q1", "t3_radio:q1")),
    }  # fmt: skip
    assert set(gold_acceptable_pairs(cluster.gold)) == {frozenset(("t1_night:q2", "t2_morning:q2"))}


def _update(d: dict[str, Any], *groups: list[str]) -> None:
    d["updates"].append({"groups": [list(g) for g in groups]})


def _falls(d: dict[str, Any]) -> None:
    """An update listed later-first: only a bounded later figure is provably lower."""
    _q(d, 0, 0)["high"] = 12
    d["updates"][0]["groups"] = [["t2_morning:q1"], ["t1_night:q1"]]


BROKEN = [
    (lambda d: _q(d, 0, 0)["frame"]["scope"][0].update(text="in Orlando"),
     "tally/t1_night:q1: frame scope place 'in Orlando' is not in its evidence"),
    (lambda d: _q(d, 1, 0)["frame"].update(time="on Monday"),
     "tally/t2_morning:q1: frame time 'on Monday' is not in its evidence"),
    (lambda d: _update(d, ["t1_night:q1"], ["t2_morning:a1"]), "update 2: t2_morning:a1 is not a quantity"),
    (lambda d: _update(d, ["t1_night:q2"], ["t2_morning:q2"]),
     "update 2: t1_night:q2 is not a running tally"),
    (lambda d: _falls(d), "update 1: t1_night:q1 (At least 12 people) is lower than t2_morning:q1"),
    (lambda d: _update(d, ["t2_morning:q2"], ["t3_radio:q2"]), "both conflicting and an update"),
    (lambda d: d["must_not_flag"].append({"claims": ["t1_night:q1", "t2_morning:q1"], "reason": "r"}),
     "both an update and must-not-flag"),
    (lambda d: d["acceptable"].append({"claims": ["t2_morning:q2", "t3_radio:q2"], "reason": "r"}),
     "both conflicting and acceptable"),
    (lambda d: d["acceptable"].append({"claims": ["t1_night:q1", "t3_radio:q2"], "reason": "r"}),
     "both must-not-flag and acceptable"),
    (lambda d: d["acceptable"].append({"claims": ["t1_night:q1", "t3_radio:q9"], "reason": "r"}),
     "unknown claim refs t3_radio:q9"),
    (lambda d: _q(d, 0, 1)["frame"].update(counted="trucks"), "counted"),
    (lambda d: _q(d, 0, 1)["frame"].update(role="guess"), "role"),
    (lambda d: d["articles"][0].update(date="last Sunday"), "date"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "message"), BROKEN)
def test_malformed_v2_gold_fails_naming_what_is_wrong(
    evals: Path, change: Any, message: str
) -> None:
    _edit(evals, change)
    with pytest.raises(EvalError) as info:
        load_eval_set(evals, "v2")
    assert message in str(info.value)


def test_frame_vocabulary_is_one_the_checker_knows() -> None:
    """The gold vocabulary is frozen with v2; the checker may add words but must keep these."""
    from factcheck.rules.framewords import COUNTED, EVENTS

    assert set(get_args(CountedLabel)) - {"other"} <= set(COUNTED)
    assert set(get_args(EventLabel)) - {"other"} <= set(EVENTS)


# --- the real v2 set ------------------------------------------------------------------------


def _v2_gold_files() -> list[Path]:
    files = sorted((REPO / "evals" / "v2" / "clusters").glob("*/gold.json"))
    if not files:
        pytest.skip("evals/v2 is not there")
    return files


def test_every_v2_gold_file_opens_with_its_schema_and_frames_every_quantity() -> None:
    for path in _v2_gold_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        assert next(iter(data)) == "$schema", path
        assert (path.parent / data["$schema"]).resolve() == (
            REPO / "evals" / "schema" / "gold-cluster.schema.json"
        ).resolve()
        for article in data["articles"]:
            for q in article["quantities"]:
                assert q.get("frame"), f"{path.parent.name}/{article['id']}:{q['id']} has no frame"


def test_v2_keeps_the_v1_clusters_and_adds_at_least_six() -> None:
    _v2_gold_files()
    clusters = load_eval_set(REPO / "evals", "v2")
    ids = {c.id for c in clusters}
    assert ids >= V1_CLUSTERS
    new = [c for c in clusters if c.id not in V1_CLUSTERS]
    assert len(new) >= 6
    for cluster in new:
        assert 3 <= len(cluster.articles) <= 5, cluster.id
        assert cluster.gold.must_not_flag, cluster.id
        assert cluster.gold.contradictions, cluster.id
    assert sum(len(gold_update_pairs(c.gold)) for c in clusters) >= 10
    assert any(c.gold.acceptable for c in clusters)
    # v1 clusters are re-annotated in place: the same claims as in v1.
    v1 = {c.id: c for c in load_eval_set(REPO / "evals", "v1")}
    for cluster in clusters:
        if cluster.id in v1:
            assert [q.ref for q in cluster.quantities] == [q.ref for q in v1[cluster.id].quantities]


def test_real_v2_matches_its_manifest() -> None:
    if not (REPO / "evals" / "v2" / MANIFEST).is_file():
        pytest.skip("evals/v2 is not frozen yet")
    try:
        verify_manifest(REPO / "evals", "v2")
    except EvalError as exc:
        pytest.fail(str(exc))
