"""Score records: P/R/F1 and accuracy with explicit empty-set rules, the cases that explain
them, one cluster's scores and their micro-average (``evals/README.md`` gives the definitions)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class _Score(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PRF(_Score):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    precision: float = 1.0
    recall: float = 1.0
    f1: float = 1.0


def prf(tp: int, fp: int, fn: int) -> PRF:
    """P/R/F1 with explicit empty-set conventions: nothing predicted -> precision 1.0; nothing
    to find -> recall 1.0; F1 is 1.0 when there was nothing to find and nothing predicted,
    0.0 when there is no hit but something was predicted or missed."""
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    if tp:
        f1 = 2 * precision * recall / (precision + recall)
    else:
        f1 = 1.0 if fp == 0 and fn == 0 else 0.0
    return PRF(tp=tp, fp=fp, fn=fn, precision=precision, recall=recall, f1=f1)


def add_prf(parts: Iterable[PRF]) -> PRF:
    parts = list(parts)
    return prf(sum(x.tp for x in parts), sum(x.fp for x in parts), sum(x.fn for x in parts))


class Accuracy(_Score):
    correct: int = 0
    total: int = 0
    value: float = 1.0  # 1.0 when there is nothing to judge


def accuracy(correct: int, total: int) -> Accuracy:
    return Accuracy(correct=correct, total=total, value=correct / total if total else 1.0)


def add_accuracy(parts: Iterable[Accuracy]) -> Accuracy:
    parts = list(parts)
    return accuracy(sum(x.correct for x in parts), sum(x.total for x in parts))


class Area(StrEnum):
    QUANTITY = "quantity"
    MEASURED = "measured"
    ATTRIBUTION = "attribution"
    CHANNEL = "channel"
    CONTRADICTION = "contradiction"
    MUST_NOT_FLAG = "must_not_flag"
    UPDATE = "update"
    FRAME = "frame"
    POSSIBLE = "possible"  # a contradiction the default report hides (certainty "possible")


class Case(_Score):
    """One miss, false alarm or wrong label, with the evidence a reader needs to judge it."""

    area: Area
    outcome: str  # miss | false_alarm | wrong | hit (a possible contradiction that is right)
    refs: list[str]  # gold refs '<article_id>:<claim_id>'
    predicted: list[str] = []  # ids of the system's claims (same shape, other namespace)
    evidence: list[str]
    detail: str = ""


def case(
    area: Area, outcome: str, refs: list[str], ev: list[str], detail: str, pred: Sequence[str] = ()
) -> Case:
    return Case(
        area=area, outcome=outcome, refs=refs, predicted=[*pred], evidence=ev, detail=detail
    )


FRAME_FIELDS = ("counted", "event", "role", "time", "running")


class FrameScores(_Score):
    """Frame labels of matched quantities whose gold carries a frame, field by field."""

    counted: Accuracy = Accuracy()
    event: Accuracy = Accuracy()
    role: Accuracy = Accuracy()
    time: Accuracy = Accuracy()
    running: Accuracy = Accuracy()
    scope: PRF = PRF()  # scope items as sets: a gold item found in the prediction is a hit

    @property
    def core(self) -> Accuracy:
        """counted, event and role together: the labels frame matching keys on."""
        return add_accuracy((self.counted, self.event, self.role))


class Scores(_Score):
    quantity: PRF = PRF()
    measured: PRF = PRF()
    attribution: PRF = PRF()
    channel: Accuracy = Accuracy()
    contradiction: PRF = PRF()  # the default report: confident contradictions only
    must_not_flag_false_alarms: int = 0
    update: PRF = PRF()
    frame: FrameScores = FrameScores()
    # Reported, never gated: what ``--show possible`` would add to the default report.
    contradiction_with_possible: PRF = PRF()
    updates_flagged_as_contradictions: int = 0

    def metrics(self) -> dict[str, float]:
        """Flat ``name -> value`` view of the gated figures (the baseline stores these)."""
        out: dict[str, float] = {}
        for name in ("quantity", "measured", "attribution", "contradiction", "update"):
            score: PRF = getattr(self, name)
            out |= {f"{name}.precision": score.precision, f"{name}.recall": score.recall}
            out[f"{name}.f1"] = score.f1
        out["channel.accuracy"] = self.channel.value
        for field in FRAME_FIELDS:
            acc: Accuracy = getattr(self.frame, field)
            out[f"frame.{field}.accuracy"] = acc.value
        out["frame.scope.f1"] = self.frame.scope.f1
        out["must_not_flag.false_alarms"] = float(self.must_not_flag_false_alarms)
        return out


class ClusterScore(_Score):
    cluster: str
    scores: Scores
    cases: list[Case]


def sum_scores(items: Iterable[Scores]) -> Scores:
    """Micro-average: add every cluster's counts, then recompute the ratios."""
    items = list(items)

    def total(name: str) -> PRF:
        return add_prf(getattr(s, name) for s in items)

    def frame(name: str) -> Accuracy:
        return add_accuracy(getattr(s.frame, name) for s in items)

    return Scores(
        quantity=total("quantity"),
        measured=total("measured"),
        attribution=total("attribution"),
        channel=add_accuracy(s.channel for s in items),
        contradiction=total("contradiction"),
        must_not_flag_false_alarms=sum(s.must_not_flag_false_alarms for s in items),
        update=total("update"),
        frame=FrameScores(
            **{name: frame(name) for name in FRAME_FIELDS},
            scope=add_prf(s.frame.scope for s in items),
        ),
        contradiction_with_possible=total("contradiction_with_possible"),
        updates_flagged_as_contradictions=sum(s.updates_flagged_as_contradictions for s in items),
    )
