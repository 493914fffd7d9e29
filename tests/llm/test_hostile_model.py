"""Issue 10, the model's rows: a hostile or broken server costs one article at most, never the
run, never the key, never a traceback or a screenful of library errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import httpx2
import pytest

from factcheck.extract import make_extractor
from factcheck.llm.failures import retry_after_seconds
from factcheck.pipeline import run_pipeline
from tests.fake_openai_server import FakeOpenAI, content, edited, huge, raw, status
from tests.llm.hostile import (
    FORMATS,
    KEY,
    files_with_key,
    key_pieces,
    run_cli,
    run_cli_process,
    write_articles,
)
from tests.llm.support import (  # noqa: F401
    ANSWERS,
    HARBOUR_A,
    HARBOUR_B,
    Sleeps,
    cache_files,
    fake_server,
    harbour_articles,
    llm_settings,
)

B = "Port Selwyn strike"  # article b's marker; article a is always answered well
B_ANSWER = ANSWERS["Port Selwyn strike: no deal"]


def b_answer(**changes: Any) -> dict[str, Any]:
    """Article b's good answer with its second quantity's fields changed."""
    data = copy.deepcopy(B_ANSWER)
    data["quantities"][1].update(changes)
    return data


def articles_by_id(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in report["articles"]}


# Row 1: a Retry-After we cannot read falls back to our backoff.


@pytest.mark.parametrize(
    "value",
    [
        "soon",
        "",
        "   ",
        "nan",
        "NaN",
        "Mon, 99 Foo 2024",
        "Wed, 31 Feb 2024 99:99:99 GMT",
        "\x00",
        "1,5",
        "Thu, 01 Jan 99999 00:00:00 GMT",
    ],
)
def test_unreadable_retry_after_means_our_own_backoff(value: str) -> None:
    assert retry_after_seconds(httpx2.Headers({"Retry-After": value})) is None


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"Retry-After": " 2.5 "}, 2.5),
        ({"Retry-After": "-3"}, 0.0),
        ({"Retry-After": "-inf"}, 0.0),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),  # in the past
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "soon", "Retry-After": "4"}, 4.0),
        ({"Retry-After": "inf"}, float("inf")),  # capped by retry_max_wait by the caller
    ],
)
def test_readable_retry_after(headers: dict[str, str], expected: float) -> None:
    assert retry_after_seconds(httpx2.Headers(headers)) == expected


@pytest.mark.parametrize("value", ["soon", "", "Fri, 32 Dec 2024 25:00:00 GMT"])
def test_429_with_unreadable_retry_after_does_not_stop_the_run(
    server: FakeOpenAI, tmp_path: Path, value: str
) -> None:
    server.fail_when(B, status(429, {"Retry-After": value}), times=1)
    run = run_cli(server, tmp_path, write_articles(tmp_path / "in"))
    assert run.code in (0, 1)
    outcome = articles_by_id(run.report())
    assert outcome["b"]["status"] == "ok" and outcome["b"]["quantity_claims"] == 2
    assert run.report()["usage"]["retries"] == 1


def test_429_forever_with_unreadable_retry_after_fails_that_article_only(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    server.fail_when(B, status(429, {"Retry-After": "soon"}))
    run = run_cli(server, tmp_path, write_articles(tmp_path / "in"))
    assert run.code == 3  # partial: the report is written
    outcome = articles_by_id(run.report())
    assert outcome["a"]["status"] == "ok"
    assert outcome["b"]["status"] == "failed"
    assert "rate limited (HTTP 429) on all 3 attempts" in outcome["b"]["reason"]


def test_backoff_cap_of_zero_means_no_wait(server: FakeOpenAI, tmp_path: Path) -> None:
    server.fail_when(B, status(503), times=2)
    sleeps = Sleeps()
    settings = llm_settings(server.url, tmp_path, retry_max_wait=0.0)
    report = run_pipeline(harbour_articles(), make_extractor(settings, sleep=sleeps))
    assert [a.status for a in report.articles] == ["ok", "ok"]
    assert sleeps == [0.0, 0.0]


# Row 3: the key inside a valid answer never reaches a file or a report.

ECHOES = {
    "measured": edited(lambda c: c, text=json.dumps(b_answer(measured=f"strikers {KEY}"))),
    "speaker": edited(
        lambda c: c,
        text=json.dumps(
            {**B_ANSWER, "attributions": [{**B_ANSWER["attributions"][0], "speaker": f"Ida {KEY}"}]}
        ),
    ),
    "response id": edited(lambda c: {**c, "id": KEY}),
    "system_fingerprint": edited(lambda c: {**c, "system_fingerprint": f"fp_{KEY}"}),
    "model": edited(lambda c: {**c, "model": KEY}),
    "unknown field": edited(lambda c: {**c, "echo": {"nested": [KEY]}}),
    "json escapes": edited(
        lambda c: c,
        text=json.dumps(b_answer(measured=f"strikers {KEY}")).replace("sk-", "\\u0073k-"),
    ),
    "a piece of it": edited(lambda c: c, text=json.dumps(b_answer(measured=KEY[:20]))),
    "a header": edited(lambda c: c, headers={"x-request-id": KEY, "x-echo": f"key={KEY}"}),
}


@pytest.mark.parametrize("where", list(ECHOES))
def test_key_echoed_in_a_valid_answer_is_never_stored_or_reported(
    server: FakeOpenAI, tmp_path: Path, where: str
) -> None:
    server.fail_when(B, ECHOES[where])
    inputs = write_articles(tmp_path / "in")
    for fmt in FORMATS:
        run = run_cli(server, tmp_path, inputs, fmt, *(["--no-cache"] if fmt != "json" else []))
        assert run.code in (0, 1), run.stderr
        assert not key_pieces(run.output), fmt
        assert not key_pieces(run.stderr) and not key_pieces("\n".join(run.logs))
    assert files_with_key(tmp_path) == []
    assert cache_files_of(tmp_path) and recordings_of(tmp_path)  # they were written


def cache_files_of(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").rglob("*.json"))


def recordings_of(tmp_path: Path) -> list[Path]:
    return sorted(p for p in (tmp_path / "recordings").rglob("*.json") if len(p.stem) == 64)


def test_a_measured_that_echoed_the_key_keeps_its_claim(server: FakeOpenAI, tmp_path: Path) -> None:
    server.fail_when(B, content(json.dumps(b_answer(measured=f"strikers {KEY}"))))
    run = run_cli(server, tmp_path, write_articles(tmp_path / "in"))
    measured = [c.get("measured") for c in run.report()["claims"] if c["article_id"] == "b"]
    assert "strikers ***" in measured


# Row 4: the key inside an invalid answer never reaches stderr, not even a piece of it.

INVALID_ECHOES = [
    json.dumps({"quantities": KEY + " and more text to make pydantic shorten it" * 3}),
    json.dumps({"quantities": [{"evidence": KEY * 3}], "attributions": []}),
    "Sure! " + KEY + " {quantities: [",
    json.dumps({"quantities": [], "attributions": [{"channel": KEY}]}),
]


@pytest.mark.parametrize("text", INVALID_ECHOES)
def test_key_echoed_in_an_invalid_answer_is_never_shown(
    server: FakeOpenAI, tmp_path: Path, text: str
) -> None:
    server.fail_when(B, content(text))
    run = run_cli(server, tmp_path, write_articles(tmp_path / "in"))
    assert run.code == 3
    reason = articles_by_id(run.report())["b"]["reason"]
    assert "does not match the schema" in reason or "not valid JSON" in reason
    assert not key_pieces(run.stderr + run.output + "\n".join(run.logs))
    assert files_with_key(tmp_path) == []


def test_key_in_an_invalid_answer_stays_off_the_real_stderr(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    server.fail_when(B, content(INVALID_ECHOES[0]))
    run = run_cli_process(server, tmp_path, write_articles(tmp_path / "in"))
    assert run.code == 3
    assert not key_pieces(run.stderr) and "input_value" not in run.stderr
    assert "Traceback" not in run.stderr


# Row 13: transient trouble is counted, not shouted.


TRANSIENT = [
    status(429, {"Retry-After": "soon"}),
    status(500),
    status(503, message="upstream\nmulti\nline"),
    raw(b"<html>502 Bad Gateway</html>"),
    content("Sure! {quantities: ["),
    content(json.dumps({"quantities": "many"})),
]


def test_transient_faults_leave_stderr_silent_and_are_counted(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    """One real process (what a user sees on stderr, library loggers and Python warnings
    included), one article per fault, each fault once."""
    texts: dict[str, str | bytes] = {"a.txt": HARBOUR_A}
    for n, fault in enumerate(TRANSIENT):
        texts[f"b{n}.txt"] = f"{HARBOUR_B}\nFault {n}.\n"
        server.fail_when(f"Fault {n}.", fault, times=1)
    run = run_cli_process(server, tmp_path, write_articles(tmp_path / "in", texts))
    assert run.code in (0, 1)
    assert run.stderr == ""
    report = run.report()
    assert [a["status"] for a in report["articles"]] == ["ok"] * len(texts)
    assert report["usage"]["retries"] == len(TRANSIENT)
    assert report["usage"]["calls"] == len(texts) + len(TRANSIENT)


def test_retries_count_every_extra_request(server: FakeOpenAI, tmp_path: Path) -> None:
    """Garbage bodies make instructor re-send without a parse hook: count requests, not hooks."""
    server.fail_when(B, raw(b"\x00\xffnot json"))
    settings = llm_settings(server.url, tmp_path, max_retries=1, max_reasks=2)
    report = run_pipeline(harbour_articles(), make_extractor(settings, sleep=Sleeps()))
    sent_for_b = len(server.requests_for(B))
    assert sent_for_b == 3  # instructor re-sends a non-JSON body up to max_reasks times
    assert report.usage.calls == sent_for_b + 1
    assert report.usage.retries == sent_for_b - 1


# Row 14 and the limits: a runaway answer fails its article, fast and with a reason.


def test_a_20_mb_answer_fails_that_article_and_is_never_cached(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    server.fail_when(B, huge(20_000_000))
    run = run_cli(server, tmp_path, write_articles(tmp_path / "in"))
    assert run.code == 3
    outcome = articles_by_id(run.report())
    assert outcome["a"]["status"] == "ok"
    assert "larger than max_answer_bytes=1048576" in outcome["b"]["reason"]
    assert len(server.requests_for(B)) == 1  # not retried: it would run away again
    assert [p.stat().st_size < 100_000 for p in cache_files_of(tmp_path)] == [True]
    assert all(p.stat().st_size < 100_000 for p in (tmp_path / "recordings").rglob("*"))


def test_answer_size_limit_is_a_setting(server: FakeOpenAI, tmp_path: Path) -> None:
    server.fail_when(B, huge(200_000))
    inputs = write_articles(tmp_path / "in")
    small = run_cli(server, tmp_path, inputs, "json", "--max-answer-bytes", "100000")
    assert "max_answer_bytes=100000" in articles_by_id(small.report())["b"]["reason"]
    large = run_cli(server, tmp_path, inputs, "json", "--max-answer-bytes", "400000")
    assert articles_by_id(large.report())["b"]["status"] == "ok"


def test_a_declared_oversized_body_is_refused_before_it_is_read(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    body = json.dumps({"error": {"message": "x" * 200_000}}).encode()
    server.fail_when(B, raw(body, code=500))
    run = run_cli(server, tmp_path, write_articles(tmp_path / "in"), "json",
                  "--max-answer-bytes", "100000")  # fmt: skip
    assert "larger than max_answer_bytes=100000" in articles_by_id(run.report())["b"]["reason"]


def test_too_many_claims_fail_the_article_with_the_limit_named(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    flood = copy.deepcopy(B_ANSWER)
    flood["quantities"] = flood["quantities"] * 20
    server.fail_when(B, content(json.dumps(flood)))
    inputs = write_articles(tmp_path / "in")
    run = run_cli(server, tmp_path, inputs, "json", "--max-claims", "25")
    outcome = articles_by_id(run.report())
    assert run.code == 3 and outcome["a"]["status"] == "ok"
    assert "more than max_claims=25 claims" in outcome["b"]["reason"]
    assert articles_by_id(run_cli(server, tmp_path, inputs).report())["b"]["status"] == "ok"


def test_an_oversized_cache_entry_is_recomputed_not_parsed(
    server: FakeOpenAI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = llm_settings(server.url, tmp_path, max_answer_bytes=8192)
    run_pipeline(harbour_articles(), make_extractor(settings))
    entry = cache_files(settings)[0]
    entry.write_text(entry.read_text()[:-2] + ', "pad": "' + "x" * 40_000 + '"}')
    calls = server.calls
    again = run_pipeline(harbour_articles(), make_extractor(settings))
    assert server.calls == calls + 1
    assert [a.status for a in again.articles] == ["ok", "ok"]
    assert "larger than 32768 bytes" in caplog.text


def test_an_unexpected_client_error_fails_the_article_not_the_run(
    server: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Instructor and the SDK raise more than they document on shapes they do not expect."""

    def broken(headers: Any) -> float:
        raise KeyError(f"surprise {KEY}")

    monkeypatch.setattr("factcheck.llm.client.retry_after_seconds", broken)
    server.fail_when(B, status(429))
    run = run_cli(server, tmp_path, write_articles(tmp_path / "in"))
    assert run.code == 3
    reason = articles_by_id(run.report())["b"]["reason"]
    assert reason.startswith("model response unusable: KeyError") and "***" in reason
    assert not key_pieces(reason)
