"""The eval's JSON report model and the baseline gate (rendering lives in ``render``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.errors import EvalError
from factcheck.eval.metrics import ClusterScore, Scores
from factcheck.schemas import ExtractorInfo, Usage

# Per-cluster gating uses only the headline figures: with a handful of pairs per cluster a
# precision/recall split (or a frame field over a dozen quantities) is noise, while the overall
# figures (``Scores.metrics``: frames included) are gated in full.
CLUSTER_GATED = ("quantity.f1", "measured.f1", "attribution.f1", "contradiction.f1", "update.f1")
COUNT_METRICS = ("must_not_flag.false_alarms",)  # lower is better; any increase fails


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Regression(_Out):
    scope: str  # "overall" or a cluster id
    metric: str
    baseline: float
    current: float


class Comparison(_Out):
    """One gated figure, baseline -> now (improvements included)."""

    scope: str
    metric: str
    baseline: float
    current: float
    regressed: bool


class GateResult(_Out):
    baseline_path: str
    tolerance: float
    regressions: list[Regression] = Field(default_factory=list)
    comparisons: list[Comparison] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.regressions


class EvalReport(_Out):
    eval_version: str
    frozen: bool
    mode: Literal["live", "record", "replay"] = "live"
    extractor: ExtractorInfo
    clusters: list[ClusterScore]
    overall: Scores
    failures: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    gate: GateResult | None = None


class Baseline(_Out):
    eval_version: str
    extractor: ExtractorInfo
    overall: dict[str, float]
    clusters: dict[str, dict[str, float]]


def baseline_of(report: EvalReport) -> Baseline:
    return Baseline(
        eval_version=report.eval_version,
        extractor=report.extractor,
        overall=report.overall.metrics(),
        clusters={c.cluster: c.scores.metrics() for c in report.clusters},
    )


def write_baseline(report: EvalReport, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(baseline_of(report).model_dump(mode="json"), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def read_baseline(path: Path) -> Baseline:
    try:
        return Baseline.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise EvalError(f"{path}: no baseline; run with --update-baseline to create it") from None
    except (OSError, ValidationError) as exc:
        raise EvalError(f"{path}: unreadable baseline: {exc}") from exc


def compare_to_baseline(
    report: EvalReport, baseline: Baseline, path: Path, tolerance: float
) -> GateResult:
    """Regressions of the gated figures; raises ``EvalError`` when the two are not comparable."""
    if baseline.eval_version != report.eval_version:
        raise EvalError(
            f"{path} is for eval set {baseline.eval_version}, this run is "
            f"{report.eval_version}: run with --update-baseline (deliberately) or pass --baseline"
        )
    was, now = baseline.extractor, report.extractor
    # A recording run ("llm") and its replay ("replay") are the same model: compare by model.
    if (was.model or was.name) != (now.model or now.name):
        raise EvalError(
            f"{path} was made with extractor {was.name}/{was.model}, this run uses "
            f"{now.name}/{now.model}: pass the matching --baseline or --update-baseline"
        )
    gate = GateResult(baseline_path=str(path), tolerance=tolerance)
    current = {c.cluster: c.scores.metrics() for c in report.clusters}
    if set(current) == set(baseline.clusters):
        _regress(gate, "overall", baseline.overall, report.overall.metrics(), None, tolerance)
    else:
        gate.notes.append("cluster subset: overall figures not compared")
    for cluster, metrics in current.items():
        if cluster not in baseline.clusters:
            gate.notes.append(f"{cluster}: not in the baseline")
            continue
        keys = (*CLUSTER_GATED, *COUNT_METRICS)
        _regress(gate, cluster, baseline.clusters[cluster], metrics, keys, tolerance)
    return gate


def _regress(
    gate: GateResult,
    scope: str,
    before: dict[str, float],
    after: dict[str, float],
    keys: tuple[str, ...] | None,
    tolerance: float,
) -> None:
    for key in keys or tuple(after):
        if key not in before or key not in after:
            continue
        if key in COUNT_METRICS:
            worse = after[key] > before[key]
        else:
            worse = after[key] < before[key] - tolerance - 1e-12
        was, now = before[key], after[key]
        gate.comparisons.append(
            Comparison(scope=scope, metric=key, baseline=was, current=now, regressed=worse)
        )
        if worse:
            gate.regressions.append(Regression(scope=scope, metric=key, baseline=was, current=now))
