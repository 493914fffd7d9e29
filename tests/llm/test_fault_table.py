"""The standing fault suite: one loopback fake OpenAI server, driven by a table of faults.

Article ``a`` is always answered well; article ``b`` meets the fault, once (a transient fault:
``b`` must recover) or on every request (``b`` must fail with a one-line reason). Every case
runs the real command (``factcheck check``), renders its report in every format and checks the
same invariants: no exception, ``a`` unharmed, ``b`` in the report with the expected outcome, the key
nowhere (report, cache, recordings, stderr, log records), nothing from a failure cached, every
HTTP request counted.
"""

from __future__ import annotations

import copy
import datetime as dt
import email.utils
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from factcheck.report import render_text, to_markdown
from factcheck.schemas import QuantityClaim, Report
from tests.fake_openai_server import (
    Behaviour,
    FakeOpenAI,
    content,
    cut,
    edited,
    hang,
    huge,
    raw,
    reset,
    status,
    trickle,
)
from tests.llm.hostile import KEY, files_with_key, key_pieces, run_cli, write_articles
from tests.llm.support import ANSWERS, fake_server  # noqa: F401

B = "Port Selwyn strike"
GOOD_B = ANSWERS["Port Selwyn strike: no deal"]


@dataclass(frozen=True)
class Fault:
    behaviour: Behaviour
    once: bool  # True: only b's first request; False: every request for b
    outcome: str  # what b's status must be: "ok" or "failed"
    reason: str = ""  # a part of b's failure reason
    flags: tuple[str, ...] = ()


def b_with(**changes: Any) -> str:
    data = copy.deepcopy(GOOD_B)
    data["quantities"][1].update(changes)
    return json.dumps(data)


def b_speaker(speaker: str) -> str:
    data = copy.deepcopy(GOOD_B)
    data["attributions"][0]["speaker"] = speaker
    return json.dumps(data)


def http_date(days: float) -> str:
    when = dt.datetime.now(dt.UTC) + dt.timedelta(days=days)
    return email.utils.format_datetime(when, usegmt=True)


def choices(value: Any) -> Behaviour:
    return edited(lambda c: {**c, "choices": value})


def message(**fields: Any) -> Behaviour:
    def edit(c: dict[str, Any]) -> dict[str, Any]:
        c["choices"][0]["message"] = {**c["choices"][0]["message"], **fields}
        return c

    return edited(edit)


FLOOD = json.dumps({**GOOD_B, "quantities": GOOD_B["quantities"] * 20})
CUT_NOTHING = '{"quantities": [{"evidence": "Some 600 dock wor'
CUT_ONE = json.dumps({"quantities": GOOD_B["quantities"] * 2, "attributions": []})[:-60]

FAULTS: dict[str, Fault] = {
    # Status codes: retried (408/409/429/5xx) or not (other 4xx).
    **{
        f"http {code} once": Fault(status(code), once=True, outcome="ok")
        for code in (408, 409, 429, 500, 502, 503, 504, 599)
    },
    **{
        f"http {code} always": Fault(status(code), once=False, outcome="failed", reason=why)
        for code, why in [
            (400, "refused the request (HTTP 400)"),
            (401, "refused the request (HTTP 401)"),
            (403, "refused the request (HTTP 403)"),
            (404, "refused the request (HTTP 404)"),
            (408, "HTTP 408"),
            (413, "refused the request (HTTP 413)"),
            (422, "refused the request (HTTP 422)"),
            (429, "rate limited (HTTP 429) on all 3 attempts"),
            (500, "server error (HTTP 500) on all 3 attempts"),
            (503, "server error (HTTP 503) on all 3 attempts"),
        ]
    },
    "http 500 with a multi-line html body": Fault(
        raw(b"<html>\n<h1>500</h1>\n\x1b[31mboom\x1b[0m\n</html>", code=500),
        once=False,
        outcome="failed",
        reason="server error (HTTP 500)",
    ),
    # Retry-After in every form a server might send.
    **{
        f"retry-after {value!r}": Fault(
            status(429, {"Retry-After": value}), once=True, outcome="ok"
        )
        for value in [
            "0",
            "1",
            "-1",
            "1.5",
            "soon",
            "",
            "inf",
            "nan",
            "1e309",
            "Fri, 99 Foo",
        ]
    },
    "retry-after yesterday's date": Fault(
        status(429, {"Retry-After": http_date(-1)}), once=True, outcome="ok"
    ),
    "retry-after tomorrow's date": Fault(
        status(429, {"Retry-After": http_date(1)}), once=True, outcome="ok"
    ),
    "retry-after-ms 100": Fault(status(429, {"retry-after-ms": "100"}), once=True, outcome="ok"),
    "retry-after-ms garbage": Fault(status(429, {"retry-after-ms": "x"}), once=True, outcome="ok"),
    # Time: silent past the timeout, or a byte at a time forever.
    "hang once": Fault(hang(30), once=True, outcome="ok", flags=("--timeout", "1")),
    "hang always": Fault(
        hang(30),
        once=False,
        outcome="failed",
        reason="timed out after 1s (3 attempts)",
        flags=("--timeout", "1"),
    ),
    "trickle once": Fault(trickle(), once=True, outcome="ok", flags=("--timeout", "1")),
    "trickle always": Fault(
        trickle(),
        once=False,
        outcome="failed",
        reason="timed out after 1s",
        flags=("--timeout", "1"),
    ),
    # The connection itself.
    "reset once": Fault(reset(), once=True, outcome="ok"),
    "reset always": Fault(reset(), once=False, outcome="failed", reason="connection"),
    "cut body once": Fault(cut(), once=True, outcome="ok"),
    "cut body always": Fault(cut(), once=False, outcome="failed", reason="connection"),
    # Garbage where a completion should be.
    **{
        f"garbage body {name}": Fault(raw(body), once=once, outcome=outcome, reason=why)
        for name, body, once, outcome, why in [
            ("html once", b"<html>502 Bad Gateway</html>", True, "ok", ""),
            ("html", b"<html>502 Bad Gateway</html>", False, "failed", "not JSON"),
            ("empty", b"", False, "failed", "not JSON"),
            ("binary", bytes(range(256)) * 4, False, "failed", "not JSON"),
            ("null", b"null", False, "failed", ""),
            ("list", b"[1, 2, 3]", False, "failed", ""),
            ("string", b'"hello"', False, "failed", ""),
            ("deep", b"[" * 100_000 + b"]" * 100_000, False, "failed", ""),
        ]
    },
    "gzip header on plain bytes": Fault(
        status(200, {"content-encoding": "gzip"}, message="x"), once=False, outcome="failed"
    ),
    # A completion of the wrong shape.
    "no choices": Fault(choices([]), once=False, outcome="failed"),
    "choices null": Fault(choices(None), once=False, outcome="failed"),
    "message null": Fault(choices([{"index": 0, "message": None}]), once=False, outcome="failed"),
    "empty message": Fault(message(content=None), once=False, outcome="failed"),
    "refusal": Fault(message(content=None, refusal="I can't"), once=False, outcome="failed"),
    "content filter": Fault(
        edited(
            lambda c: {**c, "choices": [{**c["choices"][0], "finish_reason": "content_filter"}]}
        ),
        once=False,
        outcome="ok",
    ),
    "usage nonsense": Fault(
        edited(lambda c: {**c, "usage": {"prompt_tokens": -5, "completion_tokens": "many"}}),
        once=False,
        outcome="ok",
    ),
    "completion is a list": Fault(edited(lambda c: [c]), once=False, outcome="failed"),
    # Wrong schema, invalid JSON, truncation.
    "invalid json once": Fault(content("Sure! {quantities: ["), once=True, outcome="ok"),
    "invalid json": Fault(
        content("Sure! {quantities: ["), once=False, outcome="failed", reason="not valid JSON"
    ),
    "wrong schema": Fault(
        content(json.dumps({"quantities": "many"})),
        once=False,
        outcome="failed",
        reason="does not match the schema",
    ),
    "wrong item types": Fault(
        content(
            json.dumps(
                {
                    "quantities": [{"evidence": 5, "quantity_text": [], "measured": {}}],
                    "attributions": [],
                }
            )
        ),
        once=False,
        outcome="failed",
        reason="does not match the schema",
    ),
    "unknown channel": Fault(
        content(b_with().replace('"social_post"', '"telepathy"')),
        once=False,
        outcome="failed",
        reason="does not match the schema",
    ),
    "truncated, nothing whole": Fault(
        content(CUT_NOTHING, "length"), once=False, outcome="failed", reason="truncated"
    ),
    "truncated, items whole": Fault(content(CUT_ONE, "length"), once=False, outcome="ok"),
    # Size.
    "huge answer": Fault(huge(20_000_000), once=False, outcome="failed", reason="max_answer_bytes"),
    "claims flood": Fault(
        content(FLOOD),
        once=False,
        outcome="failed",
        reason="max_claims=20",
        flags=("--max-claims", "20"),
    ),
    # The key echoed back in a valid answer.
    "key in measured": Fault(content(b_with(measured=f"strikers {KEY}")), once=False, outcome="ok"),
    "key in speaker": Fault(content(b_speaker(f"Ida Brandt {KEY}")), once=False, outcome="ok"),
    "key in id": Fault(edited(lambda c: {**c, "id": KEY}), once=False, outcome="ok"),
    "key in fingerprint": Fault(
        edited(lambda c: {**c, "system_fingerprint": KEY}), once=False, outcome="ok"
    ),
    "key in model": Fault(edited(lambda c: {**c, "model": KEY}), once=False, outcome="ok"),
    "key escaped": Fault(
        content(b_with(measured=KEY).replace("sk-", "\\u0073k-")), once=False, outcome="ok"
    ),
    "key in error body": Fault(
        status(401, message=f"Incorrect API key provided: {KEY}"),
        once=False,
        outcome="failed",
        reason="HTTP 401",
    ),
    # The model makes things up.
    "invented span": Fault(
        content(b_with(evidence="Some 6,000 dock workers joined, the union said.")),
        once=False,
        outcome="ok",
    ),
    "rewritten hedge": Fault(
        content(
            b_with(
                evidence="Exactly 600 dock workers remain on strike, the port authority said.",
                quantity_text="Exactly 600 dock workers",
            )
        ),
        once=False,
        outcome="ok",
    ),
    "html in fields": Fault(
        content(b_speaker("<script>alert(1)</script> Ida Brandt")), once=False, outcome="ok"
    ),
    "control characters in fields": Fault(
        content(b_speaker("Ida Brandt\x1b[2J\x1b]0;pwned\x07\nwarning: fake")),
        once=False,
        outcome="ok",
    ),
}


# What a model writes into a free-text field reaches the reports: escaped there (issue 10 rows
# 7, 8 and 11), so these cases pass like the others.
@pytest.mark.parametrize("name", list(FAULTS))
def test_fault(server: FakeOpenAI, tmp_path: Path, name: str) -> None:
    fault = FAULTS[name]
    server.fail_when(B, fault.behaviour, times=1 if fault.once else None)
    run = run_cli(server, tmp_path, write_articles(tmp_path / "in"), "json", *fault.flags)
    assert run.code == 3 if fault.outcome == "failed" else run.code in (0, 1), run.stderr
    assert all(line.startswith(("warning: ", "error: ")) for line in run.stderr.splitlines())
    report = Report.model_validate_json(run.output)
    assert report.usage.calls == server.calls  # every request counted
    outcome = {a.id: a for a in report.articles}
    assert outcome["a"].status == "ok" and outcome["a"].quantity_claims == 2
    assert outcome["b"].status == fault.outcome, outcome["b"].reason
    if fault.outcome == "failed":
        reason = outcome["b"].reason or ""
        assert fault.reason in reason and len(reason) < 400 and reason.isprintable()
        assert len(list((tmp_path / "cache").rglob("*.json"))) == 1  # a's answer only
    # The same report in the other formats, rendered as the command renders them.
    markdown = to_markdown(report)
    console = Console(file=io.StringIO(), width=120, force_terminal=False)
    render_text(report, console)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert not key_pieces("\n".join([run.output, markdown, text, run.stderr, *run.logs]))
    assert files_with_key(tmp_path) == []
    check_content(name, report, markdown, text)


def check_content(name: str, report: Report, markdown: str, text: str) -> None:
    claims_b = [c for c in report.claims if c.article_id == "b"]
    if name == "invented span":
        assert not any("6,000" in c.evidence.text for c in claims_b)
        assert next(a for a in report.articles if a.id == "b").ungrounded_dropped >= 2
    if name == "rewritten hedge":
        for claim in claims_b:
            if isinstance(claim, QuantityClaim) and claim.value == 600:
                assert claim.hedge is not None, "the article says 'Some 600'"
    if name == "html in fields":
        assert "<script" not in markdown
    if name == "control characters in fields":
        assert "\x1b" not in markdown and "\x1b" not in text and "\x07" not in text
        assert "\nwarning: fake" not in text
