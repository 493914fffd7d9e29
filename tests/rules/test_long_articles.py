"""Articles past the offline extractor's size limit are refused with the reason; the rest of
the run goes on."""

from __future__ import annotations

import pytest

from factcheck.errors import ExtractionError
from factcheck.ingest import article_from_text
from factcheck.pipeline import run_pipeline
from factcheck.rules import RuleExtractor
from factcheck.rules import extractor as rules_extractor

SHORT = "The meeting lasted three hours, officials said."


def test_an_article_over_the_limit_is_refused_with_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rules_extractor, "MAX_ARTICLE_CHARS", 200)
    long = article_from_text(SHORT + " More filler words here." * 20, article_id="big", source="b")
    with pytest.raises(
        ExtractionError, match=r"too long for the offline extractor: .*\(limit 200\)"
    ):
        RuleExtractor().extract(long)


def test_the_run_reports_the_refusal_and_keeps_the_other_articles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rules_extractor, "MAX_ARTICLE_CHARS", 200)
    articles = [
        article_from_text(
            SHORT + " Filler sentence for the test." * 20, article_id="big", source="b"
        ),
        article_from_text(SHORT, article_id="a", source="a"),
        article_from_text("The meeting lasted 45 minutes.", article_id="c", source="c"),
    ]
    report = run_pipeline(articles, RuleExtractor())
    status = {a.id: (a.status, a.reason) for a in report.articles}
    assert status["big"][0] == "failed" and "too long" in (status["big"][1] or "")
    assert status["a"][0] == status["c"][0] == "ok"
    assert report.partial
    assert len(report.contradictions) == 1
