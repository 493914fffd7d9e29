"""One self-contained HTML page: summary, contradiction cards, updates, figures, articles.

Rendered with Jinja2 (already installed with instructor) with autoescaping on, so every value
is escaped unless this module marks it safe, and only our own CSS and JS are. A
Content-Security-Policy lets nothing load and runs no script but ours (by hash), so even a
missed escape could not run article text. The page needs no network: open it from disk.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from factcheck.numbers import format_interval
from factcheck.report.html_articles import ArticleView, article_views, claim_data
from factcheck.report.numberline import Mark, NumberLine, number_line
from factcheck.report.parts import (
    certainty_note,
    counts,
    figure_value,
    judge_note,
    sides,
    split_evidence,
    usage_line,
    where,
    with_article_meta,
)
from factcheck.report.sanitize import one_line, plain_text
from factcheck.schemas import (
    Article,
    Claim,
    ClaimRef,
    Contradiction,
    QuantityClaim,
    Report,
    Severity,
)

KIND_LABELS = {
    "numeric": "numbers disagree",
    "attribution_speaker": "quote given to different speakers",
    "attribution_channel": "quote given through different channels",
}
SEVERITIES = [s.value for s in sorted(Severity, key=lambda s: ["high", "medium", "low"].index(s))]
SHOWN_PER_SIDE = 3  # more evidence on one side folds into "n more"
LONG_TEXT = 500  # a longer explanation shows its start and unfolds on click


@dataclass
class Evidence:
    article: str
    anchor: str | None
    claim: int | None
    where: str
    source: str
    before: str
    hit: str
    after: str
    summary: str


@dataclass
class Card:
    id: str
    kind: str
    kind_label: str
    severity: str
    certainty: str
    topic: str
    explanation: str
    note: str | None
    judge: str | None
    sides: list[list[Evidence]]
    line: NumberLine | None


@dataclass
class Step:
    when: str
    text: str
    article: str
    anchor: str | None
    claim: int | None


@dataclass
class UpdateView:
    id: str
    topic: str
    explanation: str
    steps: list[Step]


@dataclass
class FigureRow:
    measure: str
    values: list[Step]


class _Index:
    """Article and claim ids to the small integers the page uses for anchors and lookups."""

    def __init__(self, report: Report, articles: Sequence[Article]) -> None:
        self.claims: dict[str, int] = {c.id: n for n, c in enumerate(report.claims)}
        self.by_id: dict[str, Claim] = {c.id: c for c in report.claims}
        ids = [a.id for a in report.articles] + [a.id for a in articles]
        self.articles: dict[str, int] = {}
        for article_id in ids:
            self.articles.setdefault(article_id, len(self.articles))
        self.with_text = {a.id for a in articles}

    def anchor(self, article_id: str) -> str | None:
        return f"art-{self.articles[article_id]}" if article_id in self.with_text else None


def _evidence(ref: ClaimRef, ix: _Index) -> Evidence:
    before, hit, after = split_evidence(ref)
    return Evidence(
        article=ref.article_id,
        anchor=ix.anchor(ref.article_id),
        claim=ix.claims.get(ref.claim_id),
        where=" · ".join(x for x in (ref.outlet, ref.date) if x),
        source=ref.source,
        before=before,
        hit=hit,
        after=after,
        summary=ref.summary,
    )


def _line(c: Contradiction, ix: _Index) -> NumberLine | None:
    marks, units = [], set()
    for n, side in enumerate(sides(c)):
        for ref in side:
            claim = ix.by_id.get(ref.claim_id)
            if isinstance(claim, QuantityClaim):
                units.add(claim.unit)
                marks.append(Mark(n, claim.raw, ref.article_id, claim.low, claim.high))
    if len(units) != 1 or len({m.side for m in marks}) < 2:
        return None
    return number_line(marks, units.pop())


def _card(c: Contradiction, ix: _Index) -> Card:
    return Card(
        id=c.id,
        kind=c.kind.value,
        kind_label=KIND_LABELS.get(c.kind.value, c.kind.value),
        severity=c.severity.value,
        certainty=c.certainty.value,
        topic=c.topic,
        explanation=c.explanation,
        note=certainty_note(c),
        judge=judge_note(c.judge) if c.judge is not None else None,
        sides=[[_evidence(r, ix) for r in side] for side in sides(c)],
        line=_line(c, ix) if c.kind.value == "numeric" else None,
    )


def _step(ref: ClaimRef, ix: _Index) -> Step:
    return Step(
        when=" · ".join(x for x in (ref.date, ref.outlet) if x),
        text=ref.summary,
        article=ref.article_id,
        anchor=ix.anchor(ref.article_id),
        claim=ix.claims.get(ref.claim_id),
    )


def _figures(report: Report, ix: _Index) -> list[FigureRow]:
    rows = []
    for fig in report.figures:
        values = [
            Step(
                when=" · ".join(x for x in (v.date, v.outlet) if x),
                text=figure_value(v),
                article=v.article_id,
                anchor=ix.anchor(v.article_id),
                claim=ix.claims.get(v.claim_id),
            )
            for v in fig.values
        ]
        rows.append(FigureRow(fig.measure, values))
    return rows


def _summary(report: Report) -> dict[str, Any]:
    n = counts(report)
    info = report.extractor
    return {
        "counts": n,
        "kinds": [(KIND_LABELS.get(k, k), k, v) for k, v in sorted(n.by_kind.items())],
        "severities": [(s, n.by_severity[s]) for s in SEVERITIES if n.by_severity[s]],
        "extractor": info.name,
        "model": info.model,
        "prompt_hash": info.prompt_hash[:12] if info.prompt_hash else None,
        "note": info.note,
        "usage": usage_line(report),
        "cost": report.usage.cost_usd,
        "tokens": report.usage.prompt_tokens + report.usage.completion_tokens,
    }


def _finalize(value: object) -> object:
    """Every ``{{ }}`` value: control characters out before autoescaping does the rest."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return plain_text(value)
    return "" if value is None else value


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("factcheck.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["interval"] = lambda c: format_interval(c.low, c.high, c.unit)
    env.filters["where"] = where
    env.filters["name"] = one_line
    return env


@cache
def _static() -> tuple[Markup, Markup, str]:
    """Our CSS and JS (trusted, ours) and the CSP hash of the script exactly as inlined."""
    folder = files("factcheck.report") / "static"
    css = (folder / "report.css").read_text(encoding="utf-8")
    js = (folder / "report.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    return Markup(css), Markup(js), f"sha256-{digest}"


def to_html(
    report: Report, *, articles: Sequence[Article] = (), problems: Sequence[str] = ()
) -> str:
    """The report as one HTML page; ``articles`` (their text) adds the per-article view."""
    report = with_article_meta(report)
    ix = _Index(report, articles)
    css, js, script_hash = _static()
    cards = [_card(c, ix) for c in report.contradictions]
    views: list[ArticleView] = article_views(report, articles, ix.articles, ix.claims)
    page = (
        _environment()
        .get_template("report.html.j2")
        .render(
            report=report,
            summary=_summary(report),
            warnings=[*problems, *report.warnings],
            cards=cards,
            kinds=sorted({c.kind for c in cards}),
            kind_labels=KIND_LABELS,
            severities=[s for s in SEVERITIES if any(c.severity == s for c in cards)],
            certainties=[
                x for x in ("confident", "possible") if any(c.certainty == x for c in cards)
            ],
            updates=[
                UpdateView(u.id, u.topic, u.explanation, [_step(r, ix) for r in u.claims])
                for u in report.updates
            ],
            figures=_figures(report, ix),
            articles=views,
            article_index=ix.articles,
            data={"claims": claim_data(report, ix.articles)},
            shown_per_side=SHOWN_PER_SIDE,
            long_text=LONG_TEXT,
            css=css,
            js=js,
            script_hash=script_hash,
        )
    )
    return page if page.endswith("\n") else page + "\n"
