"""What every format shows the same way: sides, highlighted evidence, notes, counts.

Strings here are raw (unescaped); each format escapes them for its own output.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TypeVar

from factcheck.numbers import format_interval
from factcheck.schemas import (
    Certainty,
    Claim,
    ClaimRef,
    Contradiction,
    FigureValue,
    Frame,
    JudgeVerdict,
    Report,
    RunStatus,
)

_Ref = TypeVar("_Ref", ClaimRef, FigureValue)


def sides(c: Contradiction) -> list[list[ClaimRef]]:
    """The claims of a contradiction by side; claims on one side agree with each other."""
    groups: dict[int, list[ClaimRef]] = {}
    for ref in c.claims:
        groups.setdefault(ref.group, []).append(ref)
    return [groups[k] for k in sorted(groups)]


def side_name(n: int) -> str:
    return chr(ord("A") + n) if n < 26 else str(n + 1)


def split_evidence(ref: ClaimRef) -> tuple[str, str, str]:
    """(before, highlighted, after) of the evidence; nothing highlighted if the span is off."""
    text = ref.evidence.text
    if ref.highlight is not None:
        start = ref.highlight.start - ref.evidence.start
        end = ref.highlight.end - ref.evidence.start
        if 0 <= start <= end <= len(text):
            return text[:start], text[start:end], text[end:]
    return text, "", ""


def where(ref: ClaimRef | FigureValue) -> str:
    """'article · outlet · date', leaving out what is unknown."""
    return " · ".join(x for x in (ref.article_id, ref.outlet, ref.date) if x)


def certainty_note(c: Contradiction) -> str | None:
    """'possible (confidence 0.60)' for a possible one; the confidence alone when below 1."""
    if c.certainty is Certainty.POSSIBLE:
        return f"possible (confidence {c.confidence:.2f})"
    if c.confidence < 1.0:
        return f"confidence {c.confidence:.2f}"
    return None


def judge_note(j: JudgeVerdict) -> str:
    who = f"judge ({j.model})" if j.model else "judge"
    verdict = "an update" if j.update else ("both can be true" if j.both_true else "conflict")
    same = "same measure" if j.same_measure else "different measures"
    return f"{who}: {same}, {verdict}. {j.reason}"


def figure_value(v: FigureValue) -> str:
    return f"{v.raw} → {format_interval(v.low, v.high, v.unit)}"


def claim_index(report: Report) -> dict[str, Claim]:
    return {c.id: c for c in report.claims}


@dataclass
class Counts:
    """The summary numbers of a report."""

    articles_ok: int = 0
    articles_failed: int = 0
    articles_skipped: int = 0
    quantities: int = 0
    attributions: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    possible: int = 0


def counts(report: Report) -> Counts:
    out = Counts()
    status = Counter(a.status for a in report.articles)
    out.articles_ok, out.articles_failed = status["ok"], status["failed"]
    out.articles_skipped = status["skipped"]
    out.quantities = sum(1 for c in report.claims if c.kind == "quantity")
    out.attributions = len(report.claims) - out.quantities
    for c in report.contradictions:
        out.by_kind[c.kind.value] += 1
        out.by_severity[c.severity.value] += 1
        out.possible += c.certainty is Certainty.POSSIBLE
    return out


def summary_line(report: Report) -> str:
    """'5 article(s) checked, 45 claims, 2 contradiction(s)' plus updates and hidden ones."""
    n = counts(report)
    line = (
        f"{n.articles_ok} article(s) checked, {len(report.claims)} claims, "
        f"{len(report.contradictions)} contradiction(s)"
    )
    if n.possible:
        line += f" ({n.possible} possible)"
    if report.updates:
        line += f", {len(report.updates)} update(s)"
    if report.possible_hidden:
        line += f"; {report.possible_hidden} possible contradiction(s) not shown"
    return line


def usage_line(report: Report) -> str | None:
    u = report.usage
    if not u.calls:
        return None
    cost = f", ≈ ${u.cost_usd:.4f}" if u.cost_usd is not None else ""
    return (
        f"model usage: {u.calls} call(s), {u.prompt_tokens} prompt + "
        f"{u.completion_tokens} completion tokens, {u.retries} retries{cost}"
    )


def with_article_meta(report: Report) -> Report:
    """A copy whose claim references carry their article's outlet and date when they lack them.

    The references may be built before the article metadata is joined in; the reader wants
    "which outlet, which day" next to every sentence either way.
    """
    meta = {a.id: a for a in report.articles}

    def fill(ref: _Ref) -> _Ref:
        a = meta.get(ref.article_id)
        if a is None or ((ref.outlet or not a.outlet) and (ref.date or not a.date)):
            return ref
        return ref.model_copy(update={"outlet": ref.outlet or a.outlet, "date": ref.date or a.date})

    return report.model_copy(
        update={
            "contradictions": [
                c.model_copy(update={"claims": [fill(r) for r in c.claims]})
                for c in report.contradictions
            ],
            "updates": [
                u.model_copy(update={"claims": [fill(r) for r in u.claims]}) for u in report.updates
            ],
            "figures": [
                f.model_copy(update={"values": [fill(v) for v in f.values]}) for f in report.figures
            ],
        }
    )


def outcome_without_contradictions(report: Report) -> str:
    """What an empty contradiction list means: "none found" only when everything was checked."""
    not_checked = [a.id for a in report.articles if a.status != "ok"]
    if report.status == RunStatus.NOTHING_CHECKED:
        return "Nothing was checked: no article could be read by the extractor (see warnings)."
    if report.status == RunStatus.NOTHING_GROUNDED:
        return (
            "Nothing was compared: no extracted claim survived grounding "
            "(the evidence the extractor gave is not in the articles)."
        )
    checked = len(report.articles) - len(not_checked)
    if checked == 1 and len(report.articles) > 0:
        return "Nothing to compare: only one article was checked."
    if report.status == RunStatus.PARTIAL:
        names = ", ".join(not_checked) if not_checked else "see warnings"
        return f"No contradictions found among the articles checked (not checked: {names})."
    return "No contradictions found between these articles."


def model_fields(frame: Frame | None) -> str:
    """Which frame fields the model filled: 'event, scope (model)' or ''."""
    if frame is None:
        return ""
    slots = {"counted": frame.counted, "event": frame.event, "time": frame.time}
    names = [name for name, slot in slots.items() if slot is not None and slot.by == "model"]
    names += ["scope"] if any(s.by == "model" for s in frame.scope) else []
    names += ["role"] if frame.role_by == "model" else []
    return f"{', '.join(names)} (model)" if names else ""


def frame_cell(frame: Frame) -> str:
    """A frame in one cell: 'counted=people; event=killed; scope=in Paris', and which fields
    the model filled."""
    slots = {"counted": frame.counted, "event": frame.event, "time": frame.time}
    parts = [f"{name}={slot.value}" for name, slot in slots.items() if slot is not None]
    parts += [f"scope={s.text}" for s in frame.scope]
    if frame.role.value != "total":
        parts.append(f"role={frame.role.value}")
    marked = model_fields(frame)
    return "; ".join(parts) + (f" ({marked})" if marked else "")
