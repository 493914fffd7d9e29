"""Fault injection: a fake OpenAI server misbehaves; the run completes with the right outcome
per article and nothing from a failure is cached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.config import Settings
from factcheck.extract import make_extractor
from factcheck.pipeline import run_pipeline
from factcheck.schemas import ArticleResult, Report
from tests.fake_openai_server import FakeOpenAI, content, hang, raw, status
from tests.llm.support import (  # noqa: F401
    HARBOUR_A,
    Sleeps,
    article,
    cache_files,
    fake_server,
    harbour_articles,
    llm_settings,
)

FAILING = "Port Selwyn strike"  # marker of article "b"; article "a" is always served well
VALID = json.dumps({"quantities": [], "attributions": []})
SCHEMA_VIOLATION = json.dumps(
    {
        "quantities": "many",
        "attributions": [{"statement": "x", "speaker": "Ida Brandt", "channel": "telepathy"}],
    }
)


def run(
    server: FakeOpenAI, tmp_path: Path, sleeps: Sleeps | None = None, **overrides: object
) -> tuple[Settings, dict[str, ArticleResult], Report]:
    settings = llm_settings(server.url, tmp_path, **overrides)
    extractor = make_extractor(settings, sleep=sleeps if sleeps is not None else Sleeps())
    report = run_pipeline(harbour_articles(), extractor, concurrency=2)
    return settings, {a.id: a for a in report.articles}, report


def assert_b_failed_and_not_cached(
    server: FakeOpenAI,
    tmp_path: Path,
    outcome: dict[str, ArticleResult],
    report: Report,
    settings: Settings,
) -> None:
    assert outcome["a"].status == "ok" and outcome["a"].quantity_claims == 2
    assert outcome["b"].status == "failed"
    assert report.partial
    assert not [c for c in report.claims if c.article_id == "b"]
    assert len(cache_files(settings)) == 1  # only article a's answer
    before = len(server.requests_for(FAILING))
    # The failure was not cached: article b is asked again.
    run(server, tmp_path, timeout=settings.timeout, max_retries=0)
    assert len(server.requests_for(FAILING)) > before


def test_429_with_retry_after_is_honoured_then_succeeds(server: FakeOpenAI, tmp_path: Path) -> None:
    server.fail_when(FAILING, status(429, {"Retry-After": "7"}), times=1)
    sleeps = Sleeps()
    _, outcome, report = run(server, tmp_path, sleeps)
    assert outcome["b"].status == "ok" and outcome["b"].quantity_claims == 2
    assert sleeps == [7.0]
    assert report.usage.retries == 1 and report.usage.calls == 3


def test_retry_after_is_capped(server: FakeOpenAI, tmp_path: Path) -> None:
    server.fail_when(FAILING, status(429, {"Retry-After": "3600"}), times=1)
    sleeps = Sleeps()
    run(server, tmp_path, sleeps, retry_max_wait=30.0)
    assert sleeps == [30.0]


def test_429_forever_fails_the_article_only(server: FakeOpenAI, tmp_path: Path) -> None:
    server.fail_when(FAILING, status(429, {"Retry-After": "1"}))
    settings, outcome, report = run(server, tmp_path)
    assert "rate limited (HTTP 429)" in (outcome["b"].reason or "")
    assert len(server.requests_for(FAILING)) == settings.max_retries + 1
    assert_b_failed_and_not_cached(server, tmp_path, outcome, report, settings)


def test_500_is_retried_with_backoff(server: FakeOpenAI, tmp_path: Path) -> None:
    server.fail_when(FAILING, status(500), times=2)
    sleeps = Sleeps()
    _, outcome, _ = run(server, tmp_path, sleeps)
    assert outcome["b"].status == "ok"
    assert len(sleeps) == 2 and all(0 < s <= 60 for s in sleeps)


def test_500_forever(server: FakeOpenAI, tmp_path: Path) -> None:
    server.fail_when(FAILING, status(503))
    settings, outcome, report = run(server, tmp_path)
    assert "server error (HTTP 503)" in (outcome["b"].reason or "")
    assert_b_failed_and_not_cached(server, tmp_path, outcome, report, settings)


def test_hang_past_the_timeout(server: FakeOpenAI, tmp_path: Path) -> None:
    server.fail_when(FAILING, hang(10))
    settings, outcome, report = run(server, tmp_path, timeout=0.3, max_retries=1)
    assert "timed out after 0.3s (2 attempts)" in (outcome["b"].reason or "")
    assert_b_failed_and_not_cached(server, tmp_path, outcome, report, settings)


def test_one_hang_then_success(server: FakeOpenAI, tmp_path: Path) -> None:
    server.fail_when(FAILING, hang(10), times=1)
    _, outcome, _ = run(server, tmp_path, timeout=0.3)
    assert outcome["b"].status == "ok"


def test_invalid_json_is_reasked_then_fails(server: FakeOpenAI, tmp_path: Path) -> None:
    server.fail_when(FAILING, content("Sure! Here are the claims: {quantities: [}"))
    settings, outcome, report = run(server, tmp_path, max_reasks=2)
    assert "not valid JSON (3 attempts)" in (outcome["b"].reason or "")
    assert len(server.requests_for(FAILING)) == 3  # no transport retry for bad output
    reask = server.requests_for(FAILING)[-1]["messages"]
    assert reask[-2]["role"] == "assistant" and "Sure!" in reask[-2]["content"]
    assert_b_failed_and_not_cached(server, tmp_path, outcome, report, settings)


def test_invalid_json_once_is_repaired_by_a_reask(server: FakeOpenAI, tmp_path: Path) -> None:
    server.fail_when(FAILING, content("not json"), times=1)
    _, outcome, report = run(server, tmp_path)
    assert outcome["b"].status == "ok" and outcome["b"].quantity_claims == 2
    assert report.usage.retries == 1


def test_http_body_that_is_not_json(server: FakeOpenAI, tmp_path: Path) -> None:
    server.fail_when(FAILING, raw(b"<html>502 Bad Gateway</html>"))
    settings, outcome, report = run(server, tmp_path)
    assert "response body is not JSON" in (outcome["b"].reason or "")
    assert_b_failed_and_not_cached(server, tmp_path, outcome, report, settings)


def test_schema_violation_is_reasked_then_fails(server: FakeOpenAI, tmp_path: Path) -> None:
    server.fail_when(FAILING, content(SCHEMA_VIOLATION))
    settings, outcome, report = run(server, tmp_path, max_reasks=1)
    assert "does not match the schema (2 attempts)" in (outcome["b"].reason or "")
    assert_b_failed_and_not_cached(server, tmp_path, outcome, report, settings)


def test_truncated_output_fails_without_reask(server: FakeOpenAI, tmp_path: Path) -> None:
    server.fail_when(FAILING, content('{"quantities": [{"evidence": "The mee', "length"))
    settings, outcome, report = run(server, tmp_path)
    assert "truncated" in (outcome["b"].reason or "")
    assert len(server.requests_for(FAILING)) == 1  # too short to split, never re-asked
    assert_b_failed_and_not_cached(server, tmp_path, outcome, report, settings)


def test_truncated_long_article_is_retried_in_halves(server: FakeOpenAI, tmp_path: Path) -> None:
    filler = "".join(f"Paragraph {i} says nothing of note at all here.\n\n" for i in range(40))
    long_text = HARBOUR_A + "\n" + filler
    server.enqueue(content('{"quantities": [', "length"))
    settings = llm_settings(server.url, tmp_path)
    extractor = make_extractor(settings, sleep=Sleeps())
    claims = extractor.extract(article(long_text, "long"))
    assert len(claims) == 3  # found in the first half
    assert server.calls == 3
    assert extractor.stats("long").usage.calls == 3


def test_unsupported_response_format_fails_fast_with_a_hint(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    body = (
        "1 validation error: ('body', 'response_format', 'type') "
        "Input should be 'text' or 'json_object'"
    )
    server.fail_when(FAILING, status(500, message=body))
    _, outcome, _ = run(server, tmp_path)
    assert "--mode json_object" in (outcome["b"].reason or "")
    assert len(server.requests_for(FAILING)) == 1


@pytest.mark.parametrize("concurrency", [1, 4])
def test_failures_do_not_stop_other_articles(
    server: FakeOpenAI, tmp_path: Path, concurrency: int
) -> None:
    server.fail_when(FAILING, status(500))
    articles = harbour_articles() + [
        article(HARBOUR_A + f"\nNote {i}.\n", f"x{i}") for i in range(4)
    ]
    extractor = make_extractor(llm_settings(server.url, tmp_path, max_retries=0))
    report = run_pipeline(articles, extractor, concurrency=concurrency)
    assert [a.status for a in report.articles] == ["ok", "failed", "ok", "ok", "ok", "ok"]


def test_truncated_output_keeps_its_complete_items(server: FakeOpenAI, tmp_path: Path) -> None:
    whole = {
        "evidence": "Some 600 dock workers remain on strike, the port authority said.",
        "quantity_text": "Some 600 dock workers",
        "measured": "strikers",
    }
    cut = json.dumps({"quantities": [whole, whole]})[:-40]  # second item cut mid-string
    server.fail_when(FAILING, content(cut, "length"))
    settings, outcome, report = run(server, tmp_path)
    assert outcome["b"].status == "ok" and outcome["b"].quantity_claims == 1
    assert [c.raw for c in report.claims if c.article_id == "b"] == ["Some 600 dock workers"]
    calls = server.calls
    again = run_pipeline(harbour_articles(), make_extractor(settings))
    assert server.calls == calls and all(a.from_cache for a in again.articles)


def test_repeating_model_is_not_split_again_and_again(server: FakeOpenAI, tmp_path: Path) -> None:
    filler = "".join(f"Paragraph {i} says nothing of note at all here.\n\n" for i in range(40))
    item = {
        "evidence": "Around 1,200 dock workers have walked out since Friday.",
        "quantity_text": "Around 1,200 dock workers",
        "measured": "strikers",
    }
    looping = json.dumps({"quantities": [item] * 5})[:-30]
    server.enqueue(content(looping, "length"))
    extractor = make_extractor(llm_settings(server.url, tmp_path), sleep=Sleeps())
    claims = extractor.extract(article(HARBOUR_A + "\n" + filler, "long"))
    assert server.calls == 1
    assert [c.raw for c in claims] == ["Around 1,200 dock workers"]
