"""Property: whatever the articles' bytes and whatever the model server sends, ``factcheck
check`` never raises, never hangs, never writes the API key anywhere, and accounts for every
input article (in the report, or named in its warnings with a reason).

Generated inputs: article files (grammar-built news sentences with hedges, numbers and quotes,
mixed with HTML, control characters, invalid bytes and other encodings) and, per request, a
server behaviour (grounded answers mutated to carry the key, HTML or a rewritten hedge; any
JSON; any text; any status with any Retry-After; garbage bodies; odd completions; hangs,
trickles, resets, cut and oversized bodies). One loopback fake server serves every example.

CI runs a fixed, modest set of examples (derandomised, so a red run is reproducible);
``FACTCHECK_HOSTILE_EXAMPLES=500`` searches more, randomly.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from factcheck.report import render_text, to_markdown
from factcheck.schemas import Report
from tests.fake_openai_server import (
    Behaviour,
    FakeOpenAI,
    article_of,
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
from tests.llm.hostile import KEY, Run, files_with_key, key_pieces, run_cli

EXAMPLES = int(os.environ.get("FACTCHECK_HOSTILE_EXAMPLES", "0"))
BOUND = 90.0  # seconds for one whole run; an honest one takes about a second
FLAGS = ("--timeout", "0.5", "--max-retries", "1", "--max-answer-bytes", "65536")

# --- articles -------------------------------------------------------------------------------

HEDGES = ["", "About ", "Around ", "Some ", "Nearly ", "More than ", "At least ", "Exactly "]
NOUNS = ["people", "migrants", "dock workers", "hours", "km", "dollars", "percent", "votes"]
NAMES = ["Ida Brandt", "Jane Doe", "Andrés Manuel López Obrador", "the minister", "he"]
NOISE = ["<script>alert(1)</script>", "&lt;script&gt;", "\x1b[31m", "\u202e", "\ufeff", "|", "\x00",
         "<img src=x onerror=alert(1)>", "\r\n", "**", "`", "> ", "[link](javascript:x)"]  # fmt: skip


def number_text(n: int, style: int) -> str:
    return [f"{n:,}", str(n), f"{n / 1e6:.1f} million", "three", "a dozen"][style]


sentence = st.one_of(
    st.builds(
        lambda h, n, s, noun: f"{h}{number_text(n, s)} {noun} were counted on Monday.",
        st.sampled_from(HEDGES),
        st.integers(0, 10**7),
        st.integers(0, 4),
        st.sampled_from(NOUNS),
    ),
    st.builds(
        lambda q, who: f"“{q},” said {who} at a press conference.",
        st.text(st.characters(codec="utf-8"), min_size=1, max_size=40),
        st.sampled_from(NAMES),
    ),
    st.builds(
        lambda who, q: f"{who} wrote on X that “{q}”.",
        st.sampled_from(NAMES),
        st.sampled_from(["we will not accept a cut", "the strike is over"]),
    ),
    st.sampled_from(NOISE),
    st.text(max_size=60),
)
article_text = st.lists(sentence, min_size=1, max_size=8).map("\n\n".join)


@st.composite
def article_file(draw: st.DrawFn) -> tuple[str, bytes]:
    text = draw(article_text)
    suffix = draw(st.sampled_from([".txt", ".md", ".html"]))
    if suffix == ".html" and draw(st.booleans()):
        text = f"<html><head><title>t</title></head><body><p>{text}</p></body></html>"
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-16", "latin-1", "binary"]))
    if encoding == "binary":
        return suffix, draw(st.binary(max_size=200))
    return suffix, text.encode(encoding, errors="replace")


# --- model behaviours -----------------------------------------------------------------------


@dataclass(frozen=True)
class Grounded:
    """An answer built, at request time, from the sentences of the article it was asked about,
    then mutated."""

    picks: tuple[int, ...]
    key_in: str | None  # which field carries the key (or a piece of it, or its JSON escape)
    key_form: int
    hedge_rewrite: bool
    html: bool
    truncate_at: int | None
    channel: str

    def behaviour(self, text: str) -> Behaviour:
        sentences = [s for s in re.split(r"(?<=[.!?”])\s+", text) if s.strip()] or [text]
        quantities, attributions = [], []
        for pick in self.picks:
            s = sentences[pick % len(sentences)][:500]
            number = re.search(r"\d[\d,.]*", s)
            q_text = number.group(0) if number else " ".join(s.split()[:3])
            if self.hedge_rewrite:
                s = re.sub(r"^(About|Around|Some|Nearly)", "Exactly", s)
            quantities.append({"evidence": s, "quantity_text": q_text[:100], "measured": "count"})
            quote = re.search(r"“(.+?)”", s)
            attributions.append({
                "statement": quote.group(1)[:700] if quote else s[:700], "quote_type": "direct",
                "speaker": "Ida Brandt", "channel": self.channel, "evidence": s[:700],
            })  # fmt: skip
        data: dict[str, Any] = {"quantities": quantities, "attributions": attributions}
        target = quantities or attributions
        if self.key_in and target:
            echo = [KEY, f"key={KEY}!", KEY[:14], KEY[5:25]][self.key_form % 4]
            field = self.key_in if self.key_in in target[0] else next(iter(target[0]))
            target[0][field] = f"{target[0][field]} {echo}"
        if self.html and target:
            target[0]["measured" if "measured" in target[0] else "speaker"] += " <b onclick=x>"
        body = json.dumps(data)
        if self.key_in and self.key_form % 2:
            body = body.replace("sk-", "\\u0073k-")
        if self.truncate_at is not None:
            return content(body[: self.truncate_at % max(len(body), 1)], "length")
        return content(body)


grounded = st.builds(
    Grounded,
    picks=st.lists(st.integers(0, 20), max_size=4).map(tuple),
    key_in=st.sampled_from([None, "measured", "speaker", "quantity_text", "evidence"]),
    key_form=st.integers(0, 3),
    hedge_rewrite=st.booleans(),
    html=st.booleans(),
    truncate_at=st.one_of(st.none(), st.integers(0, 2000)),
    channel=st.sampled_from(["statement", "social_post", "press_briefing", "telepathy"]),
)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
header_value = st.one_of(
    st.sampled_from(["soon", "", "0", "1", "-1", "nan", "inf", "1e309", "Wed, 21 Oct 2015 07:28:00 GMT"]),
    st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=20),
)  # fmt: skip
edits = st.sampled_from([
    lambda c: {**c, "id": KEY}, lambda c: {**c, "system_fingerprint": f"fp_{KEY}"},
    lambda c: {**c, "model": KEY}, lambda c: {**c, "choices": []}, lambda c: {**c, "choices": None},
    lambda c: [c], lambda c: {**c, "usage": None}, lambda c: {**c, "choices": [{"message": None}]},
])  # fmt: skip
behaviour = st.one_of(
    grounded,
    st.builds(lambda v: content(json.dumps(v)), json_value),
    st.builds(content, st.text(max_size=200)),
    st.builds(
        lambda code, after, echo: status(
            code, {"Retry-After": after}, message=f"bad key {KEY}" if echo else "boom"
        ),
        st.sampled_from([400, 401, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504]),
        header_value,
        st.booleans(),
    ),
    st.builds(raw, st.binary(max_size=200), st.sampled_from([200, 500])),
    st.builds(lambda e: edited(e), edits),
    st.sampled_from([hang(5), trickle(), reset(), cut(), huge(100_000)]),
)

# --- the server, shared by every example ----------------------------------------------------


class Plan:
    """The current example's behaviours, chosen per request by article and attempt (not by
    arrival order, which threads make arbitrary)."""

    def __init__(self) -> None:
        self.behaviours: list[Any] = []

    def __call__(self, request: dict[str, Any], nth: int) -> Behaviour | None:
        text = article_of(request)
        if not self.behaviours:
            return None
        seed = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)
        chosen = self.behaviours[(seed + nth) % len(self.behaviours)]
        return chosen.behaviour(text) if isinstance(chosen, Grounded) else chosen


PLAN = Plan()


@pytest.fixture(scope="module")
def server() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI(plan=PLAN).start()
    try:
        yield fake
    finally:
        fake.stop()


def run_bounded(server: FakeOpenAI, tmp: Path, inputs: list[Path], extra: list[str]) -> Run:
    result: list[Run] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            result.append(run_cli(server, tmp, inputs, "json", *FLAGS, *extra))
        except BaseException as exc:  # a raise is what the property forbids: report it
            failure.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(BOUND)
    assert not thread.is_alive(), f"hung past {BOUND}s"
    if failure:
        raise failure[0]
    return result[0]


@settings(
    max_examples=EXAMPLES or 30,
    derandomize=not EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(
    files=st.lists(article_file(), min_size=1, max_size=4),
    behaviours=st.lists(behaviour, min_size=1, max_size=4),
    chunk_small=st.booleans(),
)
def test_the_pipeline_survives_any_input_and_any_model(
    server: FakeOpenAI,
    files: list[tuple[str, bytes]],
    behaviours: list[Any],
    chunk_small: bool,
) -> None:
    server.reset()
    PLAN.behaviours = behaviours
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        (tmp / "in").mkdir()
        inputs = []
        for n, (suffix, data) in enumerate(files):
            path = tmp / "in" / f"article{n}{suffix}"
            path.write_bytes(data)
            inputs.append(path)
        extra = ["--chunk-chars", "500"] if chunk_small else []
        run = run_bounded(server, tmp, inputs, extra)
        check(run, tmp, inputs)


def check(run: Run, tmp: Path, inputs: list[Path]) -> None:
    assert run.code in (0, 1, 2, 3), run.stderr
    assert "Traceback" not in run.stderr
    seen = [run.output, run.stderr, *run.logs]
    if not run.output:  # nothing could be read: each file is named on stderr with its reason
        assert run.code == 2
        for path in inputs:
            assert re.search(re.escape(f"warning: {path}: ") + r"\S", run.stderr), path
    else:
        report = Report.model_validate_json(run.output)
        sources = {a.source: a for a in report.articles}
        for path in inputs:
            warned = [w for w in report.warnings if w.startswith(f"{path}: ")]
            assert str(path) in sources or warned, f"{path} lost: {report.warnings}"
            if str(path) in sources and sources[str(path)].status == "failed":
                assert sources[str(path)].reason
        console = Console(file=io.StringIO(), width=100)
        render_text(report, console)
        seen += [to_markdown(report), console.file.getvalue()]  # type: ignore[attr-defined]
    assert not key_pieces("\n".join(seen))
    assert files_with_key(tmp) == []
