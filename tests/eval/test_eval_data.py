"""Eval-set loading, the frozen-version manifest and the exported gold JSON Schema."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factcheck.errors import EvalError
from factcheck.eval.dataset import (
    MANIFEST,
    freeze,
    gold_schema_text,
    latest_version,
    load_eval_set,
    verify_manifest,
)

REPO = Path(__file__).resolve().parents[2]
TINY = Path(__file__).parent / "data"
SCHEMA_FILE = REPO / "evals" / "schema" / "gold-cluster.schema.json"


@pytest.fixture
def evals(tmp_path: Path) -> Path:
    """A writable copy of the tiny eval set under a folder named 'evals'."""
    root = tmp_path / "evals"
    shutil.copytree(TINY, root)
    return root


def _edit_gold(root: Path, change: Any) -> None:
    path = root / "v1" / "clusters" / "tiny" / "gold.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _q(data: dict[str, Any], article: int, n: int) -> dict[str, Any]:
    quantity: dict[str, Any] = data["articles"][article]["quantities"][n]
    return quantity


def test_tiny_set_loads_with_spans_in_the_cleaned_text() -> None:
    (cluster,) = load_eval_set(TINY, "v1")
    assert [a.id for a in cluster.articles] == ["t1_wire", "t2_post"]
    first = cluster.articles[0]
    assert first.date == "2024-03-02"  # the leading "date ... (Wire)" line is not article text
    for q in cluster.quantities:
        article = next(a for a in cluster.articles if a.id == q.article_id)
        assert article.verify(q.span) and article.verify(q.evidence)
        assert q.evidence.start <= q.span.start < q.span.end <= q.evidence.end
    assert [a.span.text for a in cluster.attributions] == ["We will meet again in January,"] * 2
    assert cluster.notes == []


def _flag(d: dict[str, Any], *refs: str) -> None:
    d["must_not_flag"].append({"claims": list(refs), "reason": "r"})


def _statement(d: dict[str, Any], text: str) -> None:
    d["articles"][1]["attributions"][0]["statement"] = text


BROKEN = [
    (lambda d: _q(d, 0, 0).update(evidence="The talks lasted four hours."),
     "tiny/t1_wire:q1 evidence 'The talks lasted four hours.' not found"),
    (lambda d: _q(d, 0, 1).update(evidence="migrants"), "occurs more than once"),
    (lambda d: _q(d, 0, 0).update(quantity_text="8,000"),
     "q1 quantity_text '8,000' not found in its evidence"),
    (lambda d: _statement(d, "We never met"), "tiny/t2_post:a1 statement"),
    (lambda d: _flag(d, "t1_wire:q1", "t2_post:q9"), "unknown claim refs t2_post:q9"),
    (lambda d: _flag(d, "t1_wire:q1", "t2_post:q1"), "both conflicting and must-not-flag"),
    (lambda d: _q(d, 1, 0).update(low=200, high=120), "t2_post:q1: low 200.0 > high 120.0"),
    (lambda d: d["articles"].pop(), "article files without gold: t2_post.txt"),
    (lambda d: d.update(id="other"), "is not the folder name"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "message"), BROKEN)
def test_malformed_gold_fails_naming_cluster_article_claim(
    evals: Path, change: Any, message: str
) -> None:
    _edit_gold(evals, change)
    with pytest.raises(EvalError) as info:
        load_eval_set(evals, "v1")
    assert message in str(info.value)


def test_gold_text_found_only_tolerantly_is_noted(evals: Path) -> None:
    _edit_gold(
        evals, lambda d: _q(d, 1, 1).update(evidence="Almost  10,000 people joined the caravan.")
    )
    (cluster,) = load_eval_set(evals, "v1")
    assert any("t2_post:q2 evidence found only by normalized match" in n for n in cluster.notes)


def test_unknown_cluster_filter(evals: Path) -> None:
    with pytest.raises(EvalError, match="no cluster named nope"):
        load_eval_set(evals, "v1", ["nope"])


# --- versions and manifest ------------------------------------------------------------------


def test_freeze_then_any_edit_fails_with_a_version_bump_message(evals: Path) -> None:
    manifest = freeze(evals, "v1")
    assert (evals / "v1" / MANIFEST).is_file()
    assert set(manifest.files) == {
        "clusters/tiny/gold.json", "clusters/tiny/t1_wire.txt", "clusters/tiny/t2_post.txt",
    }  # fmt: skip
    verify_manifest(evals, "v1")
    assert freeze(evals, "v1") == manifest  # re-freezing an unchanged version is a no-op

    article = evals / "v1" / "clusters" / "tiny" / "t2_post.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("two", "three"), "utf-8")
    with pytest.raises(EvalError, match=r"evals/v1 is frozen: create v2 instead") as info:
        verify_manifest(evals, "v1")
    assert "changed: clusters/tiny/t2_post.txt" in str(info.value)
    with pytest.raises(EvalError, match="is frozen"):
        freeze(evals, "v1")


def test_added_and_removed_files_break_the_manifest(evals: Path) -> None:
    freeze(evals, "v1")
    (evals / "v1" / "clusters" / "tiny" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(EvalError, match=re.escape("added: clusters/tiny/notes.txt")):
        verify_manifest(evals, "v1")
    (evals / "v1" / "clusters" / "tiny" / "notes.txt").unlink()
    (evals / "v1" / "clusters" / "tiny" / "t2_post.txt").unlink()
    with pytest.raises(EvalError, match=re.escape("removed: clusters/tiny/t2_post.txt")):
        verify_manifest(evals, "v1")


def test_a_broken_set_is_never_frozen(evals: Path) -> None:
    _edit_gold(evals, lambda d: _q(d, 0, 0).update(evidence="nowhere"))
    with pytest.raises(EvalError):
        freeze(evals, "v1")
    assert not (evals / "v1" / MANIFEST).exists()


def test_latest_version_prefers_frozen(evals: Path) -> None:
    shutil.copytree(evals / "v1", evals / "v3")
    shutil.copytree(evals / "v1", evals / "v10")
    assert latest_version(evals) == "v10"  # numeric, not lexical, order
    freeze(evals, "v3")
    assert latest_version(evals) == "v3"


def test_real_eval_set_matches_its_manifest() -> None:
    if not (REPO / "evals" / "v1" / MANIFEST).is_file():
        pytest.skip("evals/v1 is not frozen yet")
    try:
        verify_manifest(REPO / "evals", "v1")
    except EvalError as exc:
        pytest.fail(str(exc))


# --- schema -----------------------------------------------------------------------------------


def test_exported_gold_schema_is_up_to_date() -> None:
    hint = 'regenerate: python -c "from factcheck.eval.dataset import write_gold_schema as w; w()"'
    assert SCHEMA_FILE.is_file(), hint
    assert SCHEMA_FILE.read_text(encoding="utf-8") == gold_schema_text(), hint


def test_every_gold_file_validates_against_the_exported_schema() -> None:
    schema = json.loads(gold_schema_text())
    files = sorted(REPO.glob("evals/v*/clusters/*/gold.json")) + sorted(TINY.glob("**/gold.json"))
    assert files
    for path in files:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)
    bad = json.loads((TINY / "v1/clusters/tiny/gold.json").read_text(encoding="utf-8"))
    bad["articles"][0]["quantities"][0]["dimension"] = "volume"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_real_eval_set_loads() -> None:
    """Every frozen gold text is found exactly once in the cleaned articles."""
    root = REPO / "evals"
    version = latest_version(root)
    clusters = load_eval_set(root, version)
    assert len(clusters) >= 7
    assert sum(len(c.articles) for c in clusters) >= 30
