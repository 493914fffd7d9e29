"""``factcheck eval`` end to end through the extractor seam: the baseline gate's exit codes,
failed extractions, stale replays, and the reports it writes."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from factcheck.errors import ExtractionError
from factcheck.eval import add_eval_arguments, run_eval_command
from factcheck.eval.dataset import LoadedCluster, load_eval_set
from factcheck.eval.report import Baseline, EvalReport, compare_to_baseline
from factcheck.eval.scoring import Scores, prf
from factcheck.extract import Extractor
from factcheck.schemas import AttributionClaim, Claim, ExtractorInfo, Hedge, QuantityClaim
from tests.doubles import FakeExtractor

TINY = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def tiny() -> LoadedCluster:
    (cluster,) = load_eval_set(TINY, "v1")
    return cluster


def gold_claims(cluster: LoadedCluster, article_id: str) -> list[Claim]:
    """What a perfect extractor would return for one article of the cluster."""
    out: list[Claim] = []
    for q in cluster.quantities:
        if q.article_id == article_id:
            g = q.gold
            out.append(QuantityClaim(
                id="x", article_id=article_id, measured=g.measured, raw=q.span.text,
                value=g.low if g.low is not None else g.high or 0.0, low=g.low, high=g.high,
                hedge=Hedge.EXACT, unit=g.unit, dimension=g.dimension, rate=g.rate,
                quantity_span=q.span, evidence=q.evidence,
            ))  # fmt: skip
    for a in cluster.attributions:
        if a.article_id == article_id:
            out.append(AttributionClaim(
                id="x", article_id=article_id, statement=a.span.text, speaker_text=a.gold.speaker,
                speaker=a.gold.speaker, channel=a.gold.channel, statement_span=a.span,
                evidence=a.span,
            ))  # fmt: skip
    return out


def fake(cluster: LoadedCluster, drop: int = 0) -> FakeExtractor:
    """Perfect answers, minus the first ``drop`` quantities of the second article."""
    extractor = FakeExtractor()
    for article in cluster.articles:
        claims = gold_claims(cluster, article.id)
        if article.id == "t2_post":
            claims = claims[drop:]
        extractor.answer(article.id, claims)
    return extractor


def run(tmp_path: Path, extractor: Extractor | None, *args: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    add_eval_arguments(parser)
    base = ["--evals-dir", str(TINY), "--baseline", str(tmp_path / "baseline.json")]
    base += [] if "--version" in args else ["--version", "v1"]
    base += ["--json", str(tmp_path / "r.json"), "--markdown", str(tmp_path / "s.md")]
    ns = parser.parse_args([*base, *args])
    buf = io.StringIO()
    factory = None if extractor is None else (lambda _ns: extractor)
    code = run_eval_command(ns, factory, Console(file=buf, width=200))
    return code, buf.getvalue()


def _bump_baseline(path: Path, metric: str, delta: float) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["clusters"]["tiny"][metric] += delta
    data["overall"][metric] += delta
    path.write_text(json.dumps(data), encoding="utf-8")


def test_gate_exit_codes_around_the_tolerance(tmp_path: Path, tiny: LoadedCluster) -> None:
    code, out = run(tmp_path, fake(tiny), "--update-baseline")
    assert code == 0, out
    baseline = tmp_path / "baseline.json"
    assert Baseline.model_validate_json(baseline.read_text(encoding="utf-8")).eval_version == "v1"
    assert run(tmp_path, fake(tiny))[0] == 0

    _bump_baseline(baseline, "quantity.f1", 0.015)  # we now sit 0.015 below: within 0.02
    code, out = run(tmp_path, fake(tiny))
    assert code == 0, out
    _bump_baseline(baseline, "quantity.f1", 0.01)  # 0.025 below: beyond 0.02
    code, out = run(tmp_path, fake(tiny))
    assert code == 1
    assert "regression" in out and "quantity.f1" in out
    assert run(tmp_path, fake(tiny), "--tolerance", "0.03")[0] == 0


def test_a_real_drop_fails_and_is_listed_with_its_evidence(
    tmp_path: Path, tiny: LoadedCluster
) -> None:
    assert run(tmp_path, fake(tiny), "--update-baseline")[0] == 0
    code, out = run(tmp_path, fake(tiny, drop=1))
    assert code == 1
    assert "quantity miss t2_post:q1" in out
    assert "The meeting lasted less than two hours." in out
    report = EvalReport.model_validate_json((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report.overall.quantity.fn == 1
    assert report.gate is not None and not report.gate.passed
    assert "Gate FAILED" in (tmp_path / "s.md").read_text(encoding="utf-8")
    # A drop this large passes only when the tolerance is deliberately widened.
    assert run(tmp_path, fake(tiny, drop=1), "--tolerance", "0.5")[0] == 0


def test_failed_extraction_invalidates_the_run(tmp_path: Path, tiny: LoadedCluster) -> None:
    assert run(tmp_path, fake(tiny), "--update-baseline")[0] == 0
    broken = FakeExtractor()
    broken.enqueue(ExtractionError("t1_wire", "model unreachable"))
    broken.answer("t2_post", gold_claims(tiny, "t2_post"))
    code, out = run(tmp_path, broken)
    assert code == 2
    assert "tiny/t1_wire: model unreachable" in out


def test_missing_or_foreign_baseline_is_an_error(tmp_path: Path, tiny: LoadedCluster) -> None:
    code, out = run(tmp_path, fake(tiny))
    assert code == 2 and "--update-baseline" in out
    assert (tmp_path / "r.json").is_file()  # what was measured is still written
    assert run(tmp_path, fake(tiny), "--update-baseline")[0] == 0
    other = FakeExtractor()
    other.info = lambda: ExtractorInfo(name="llm", model="some-model")  # type: ignore[method-assign]
    code, out = run(tmp_path, other)
    assert code == 2 and "some-model" in out


def test_stale_replay_fails_the_run(tmp_path: Path) -> None:
    """The real replay backend with an empty recordings folder: nothing may be answered."""
    from factcheck.config import settings_from_args
    from factcheck.extract import make_extractor

    def factory(ns: argparse.Namespace) -> Extractor:
        return make_extractor(settings_from_args(ns))

    parser = argparse.ArgumentParser()
    add_eval_arguments(parser)
    ns = parser.parse_args([
        "--evals-dir", str(TINY), "--version", "v1", "--baseline", str(tmp_path / "b.json"),
        "--json", str(tmp_path / "r.json"), "--markdown", str(tmp_path / "s.md"),
        "--replay", "--model", "recorded-model", "--base-url", "http://127.0.0.1:9/v1",
        "--recordings-dir", str(tmp_path / "recordings"), "--no-cache",
    ])  # fmt: skip
    buf = io.StringIO()
    code = run_eval_command(ns, factory, Console(file=buf, width=400))
    assert code == 2
    out = buf.getvalue()
    assert "stale recording" in out
    # Every request of every article was missed, and the run says how many in one line.
    report = json.loads((tmp_path / "r.json").read_text())
    missing = report["usage"]["unrecorded"]
    assert missing >= len(report["failures"]) > 0
    assert f"replay: {missing} request(s) had no recording" in " ".join(out.split())


def test_replay_without_a_model_factory_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run(tmp_path, None, "--replay", "--model", "m")
    assert code == 2 and "factory" in out


def test_missing_eval_set_says_where_it_is_expected(tmp_path: Path) -> None:
    """An installed factcheck run outside a checkout: the default ./evals is absent."""
    parser = argparse.ArgumentParser()
    add_eval_arguments(parser)
    missing = tmp_path / "elsewhere" / "evals"
    for argv in ([], ["--freeze", "v9"]):
        ns = parser.parse_args(["--evals-dir", str(missing), *argv])
        buf = io.StringIO()
        code = run_eval_command(ns, None, Console(file=buf, width=60))
        out = buf.getvalue()
        assert code == 2
        assert f"no eval set at {missing}" in out and "--evals-dir" in out
        assert out.count("\n") == 1  # one line, even on a narrow console
        assert not missing.exists()
    default = parser.parse_args([])
    assert default.evals_dir == Path("evals")


def test_count_metrics_may_not_grow_whatever_the_tolerance() -> None:
    before = Scores(must_not_flag_false_alarms=0)
    info = ExtractorInfo(name="rules")
    base = Baseline(eval_version="v1", extractor=info, overall=before.metrics(), clusters={})
    after = Scores(must_not_flag_false_alarms=1, quantity=prf(1, 0, 0))
    report = EvalReport(eval_version="v1", frozen=True, extractor=info, clusters=[], overall=after)
    gate = compare_to_baseline(report, base, Path("b.json"), tolerance=1.0)
    assert [r.metric for r in gate.regressions] == ["must_not_flag.false_alarms"]


def test_eval_modules_do_not_import_the_model_client() -> None:
    code = (
        "import sys, factcheck.eval, factcheck.eval.scoring, factcheck.eval.dataset, factcheck.eval.report;"
        "bad = [m for m in ('openai', 'instructor', 'llama_cpp') if m in sys.modules];"
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --- v2: new gated figures, baseline -> now ----------------------------------------------------


def test_v2_gate_prints_baseline_to_now_for_every_gated_figure(tmp_path: Path) -> None:
    (tally,) = load_eval_set(TINY, "v2")
    extractor = FakeExtractor()
    for article in tally.articles:
        extractor.answer(article.id, gold_claims(tally, article.id))
    code, out = run(tmp_path, extractor, "--version", "v2", "--update-baseline")
    assert code == 0, out
    baseline = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert baseline["eval_version"] == "v2"
    assert {"update.f1", "frame.counted.accuracy", "frame.scope.f1"} <= baseline["overall"].keys()

    code, out = run(tmp_path, extractor, "--version", "v2")
    assert code == 0, out
    assert "baseline → now" in out
    for metric in ("update.f1", "frame.event.accuracy", "contradiction.f1", "false_alarms"):
        assert metric in out
    markdown = (tmp_path / "s.md").read_text(encoding="utf-8")
    assert "| overall | `update.f1` |" in markdown
    assert "| tally | `update.f1` |" in markdown  # gated per cluster too

    # Per-cluster update F1 is gated: a baseline above the run beyond the tolerance fails it.
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    data["clusters"]["tally"]["update.f1"] = data["clusters"]["tally"]["update.f1"] + 0.5
    (tmp_path / "baseline.json").write_text(json.dumps(data), encoding="utf-8")
    code, out = run(tmp_path, extractor, "--version", "v2")
    assert code == 1
    assert "regression tally update.f1" in out
    report = EvalReport.model_validate_json((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report.gate is not None
    regressed = [c for c in report.gate.comparisons if c.regressed]
    assert [(c.scope, c.metric) for c in regressed] == [("tally", "update.f1")]
    assert len(report.gate.comparisons) > len(regressed)  # unchanged figures are listed too
