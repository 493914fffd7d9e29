"""``--judge``: a model's verdict on each numeric contradiction, cached, recorded, replayed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck.cli import main
from factcheck.config import Settings
from factcheck.errors import PromptError, UsageError
from factcheck.extract import make_judge
from factcheck.llm.judge import JudgeError, load_judge_prompt
from factcheck.llm.prompt import default_prompts_dir
from factcheck.pipeline import run_pipeline
from factcheck.rules import RuleExtractor
from factcheck.schemas import Certainty, JudgeVerdict, QuantityClaim, Usage
from tests.fake_openai_server import FakeOpenAI, status
from tests.llm.label_support import schema_name
from tests.llm.support import HARBOUR_A, HARBOUR_B, harbour_articles, llm_settings

VERDICTS: dict[str, dict[str, Any]] = {
    "conflict": {
        "same_measure": True,
        "both_true": False,
        "update": False,
        "reason": "Same talks.",
    },
    "apart": {"same_measure": False, "both_true": True, "update": False, "reason": "Different."},
}


def judge_server(verdict: str) -> Iterator[FakeOpenAI]:
    def respond(request: dict[str, Any]) -> dict[str, Any]:
        assert schema_name(request) == "JudgeAnswer"
        return VERDICTS[verdict]

    server = FakeOpenAI(respond).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(name="server")
def _server() -> Iterator[FakeOpenAI]:
    yield from judge_server("conflict")


@pytest.fixture(name="apart")
def _apart() -> Iterator[FakeOpenAI]:
    yield from judge_server("apart")


class ScriptedJudge:
    def __init__(self, verdict: JudgeVerdict | Exception) -> None:
        self.verdict = verdict
        self.pairs: list[tuple[str, str | None, str, str | None]] = []

    def judge(
        self, first: QuantityClaim, a: str | None, second: QuantityClaim, b: str | None
    ) -> JudgeVerdict:
        self.pairs.append((first.id, a, second.id, b))
        if isinstance(self.verdict, Exception):
            raise self.verdict
        return self.verdict

    def usage(self) -> Usage:
        return Usage(calls=len(self.pairs))


def test_the_pipeline_asks_the_judge_about_each_numeric_contradiction() -> None:
    articles = harbour_articles()
    articles[0] = articles[0].model_copy(update={"date": "2025-03-03"})
    plain = run_pipeline(articles, RuleExtractor())
    [c] = plain.contradictions
    assert c.certainty is Certainty.CONFIDENT and c.judge is None

    keep = ScriptedJudge(JudgeVerdict(same_measure=True, both_true=False, update=True, reason="r"))
    judged = run_pipeline(articles, RuleExtractor(), judge=keep)
    [c] = judged.contradictions
    assert keep.pairs == [("b:q1", None, "a:q1", "2025-03-03")]
    assert c.judge is not None and c.judge.update and c.certainty is Certainty.CONFIDENT
    assert judged.usage.calls == 1

    for verdict in (
        JudgeVerdict(same_measure=False, both_true=False, update=False, reason="apart"),
        JudgeVerdict(same_measure=True, both_true=True, update=False, reason="rounded"),
    ):
        judged = run_pipeline(articles, RuleExtractor(), judge=ScriptedJudge(verdict))
        assert judged.contradictions == [] and judged.possible_hidden == 1  # demoted: hidden
        shown = run_pipeline(
            articles, RuleExtractor(), judge=ScriptedJudge(verdict), show_possible=True
        )
        [c] = shown.contradictions
        assert c.certainty is Certainty.POSSIBLE and c.judge == verdict


def test_a_judge_that_cannot_answer_changes_nothing_but_is_reported() -> None:
    report = run_pipeline(
        harbour_articles(), RuleExtractor(), judge=ScriptedJudge(JudgeError("endpoint down"))
    )
    [c] = report.contradictions
    assert c.judge is None and c.certainty is Certainty.CONFIDENT
    assert report.warnings == ["judge: no verdict for C1: endpoint down"]


def test_the_model_judge_sees_both_sentences_frames_and_dates(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    judge = make_judge(llm_settings(server.url, tmp_path, judge=True))
    report = run_pipeline(harbour_articles(), RuleExtractor(), judge=judge)
    [c] = report.contradictions
    assert c.judge is not None and c.judge.model == "fake-model"
    assert (c.judge.same_measure, c.judge.both_true, c.judge.reason) == (True, False, "Same talks.")
    [request] = server.requests
    asked = request["messages"][-1]["content"]
    assert "[[less than two hours]]" in asked and "[[three hours]]" in asked
    assert "Article date: unknown" in asked and "Read as: counted: " in asked
    assert "role: total" in asked
    assert report.usage.calls == 1


def test_judge_verdicts_are_cached_recorded_and_replayed(apart: FakeOpenAI, tmp_path: Path) -> None:
    settings = llm_settings(apart.url, tmp_path, judge=True, record=True)
    live = run_pipeline(
        harbour_articles(), RuleExtractor(), judge=make_judge(settings), show_possible=True
    )
    [c] = live.contradictions
    assert c.certainty is Certainty.POSSIBLE
    cached = llm_settings(apart.url, tmp_path, judge=True)
    again = run_pipeline(
        harbour_articles(), RuleExtractor(), judge=make_judge(cached), show_possible=True
    )
    assert apart.calls == 1 and again.contradictions == live.contradictions
    apart.stop()
    replay = Settings(
        backend="replay", judge=True, recordings_dir=tmp_path / "recordings", cache_dir=tmp_path
    )
    replayed = run_pipeline(
        harbour_articles(), RuleExtractor(), judge=make_judge(replay), show_possible=True
    )
    assert replayed.contradictions == live.contradictions


def test_check_with_judge_shows_the_verdict(apart: FakeOpenAI, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(HARBOUR_A)
    (tmp_path / "b.txt").write_text(HARBOUR_B)
    out = tmp_path / "report.md"
    argv = ["check", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "markdown"]
    argv += ["--base-url", apart.url, "--model", "m", "--judge", "--llm-mode", "extract"]
    argv += ["--cache-dir", str(tmp_path / "cache"), "-o", str(out), "--show", "possible"]
    apart.responder = _judge_or_extract
    code = main(argv)
    text = out.read_text()
    # The judge demoted the numeric contradiction to possible: shown (--show possible); the exit
    # code 1 is the channel contradiction, which no judge is asked about.
    assert code == 1 and "*possible (confidence" in text
    assert "judge (m): different measures, both can be true. Different." in text


def _judge_or_extract(request: dict[str, Any]) -> dict[str, Any]:
    from tests.llm.support import scripted

    return VERDICTS["apart"] if schema_name(request) == "JudgeAnswer" else scripted(request)


def test_judge_needs_a_model(tmp_path: Path) -> None:
    import argparse

    from factcheck.config import add_model_arguments, settings_from_args

    parser = argparse.ArgumentParser()
    add_model_arguments(parser)
    with pytest.raises(UsageError, match="--judge needs a model"):
        settings_from_args(parser.parse_args(["--judge"]), env={}, cwd=tmp_path)


def test_a_failing_judge_endpoint_is_a_warning(tmp_path: Path) -> None:
    server = FakeOpenAI().start()
    try:
        server.fail_when("", status(500))
        settings = llm_settings(server.url, tmp_path, judge=True, max_retries=0)
        report = run_pipeline(harbour_articles(), RuleExtractor(), judge=make_judge(settings))
    finally:
        server.stop()
    [c] = report.contradictions
    assert c.judge is None and report.warnings[0].startswith("judge: no verdict for C1: server")


def test_judge_prompt_examples_are_checked(tmp_path: Path) -> None:
    assert len(load_judge_prompt().examples) >= 3
    data = (default_prompts_dir() / "judge_pair.toml").read_text(encoding="utf-8")
    (tmp_path / "judge_pair.toml").write_text(data.replace('mark = "31"', 'mark = "32"'))
    with pytest.raises(PromptError, match="mark '32'"):
        load_judge_prompt(tmp_path)
