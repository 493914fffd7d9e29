"""Record raw responses, replay them through the same client + instructor path, fail on stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factcheck.config import Settings
from factcheck.errors import ExtractionError, UsageError
from factcheck.extract import make_extractor
from factcheck.llm.prompt import default_prompts_dir
from factcheck.pipeline import run_pipeline
from tests.fake_openai_server import FakeOpenAI, content
from tests.llm.support import (  # noqa: F401
    HARBOUR_A,
    article,
    cache_files,
    fake_server,
    harbour_articles,
    llm_settings,
)


def recording_files(tmp_path: Path) -> list[Path]:
    return sorted(p for p in (tmp_path / "recordings").rglob("*.json") if len(p.stem) == 64)


def record(server: FakeOpenAI, tmp_path: Path, mode: str = "json_schema") -> Settings:
    settings = llm_settings(server.url, tmp_path, record=True, mode=mode)
    run_pipeline(harbour_articles(), make_extractor(settings), concurrency=2)
    return settings


def replay_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "backend": "replay",
        "recordings_dir": tmp_path / "recordings",
        "cache_dir": tmp_path / "cache",
    }
    values.update(overrides)
    return Settings.model_validate(values)


@pytest.mark.parametrize("mode", ["json_schema", "tools"])
def test_record_then_replay_gives_the_same_report_offline(
    server: FakeOpenAI, tmp_path: Path, mode: str
) -> None:
    settings = llm_settings(server.url, tmp_path, mode=mode, cache=False)
    live = run_pipeline(harbour_articles(), make_extractor(settings))
    record(server, tmp_path, mode)
    files = recording_files(tmp_path)
    assert len(files) == 2
    assert {f.parent.relative_to(tmp_path) for f in files} == {
        Path("recordings/fake-model/openai-compatible")
    }
    stored = json.loads(files[0].read_text())
    assert stored["model_id"] == "fake-model" and stored["recorded_at"]
    assert stored["key"]["prompt_hash"] and stored["key"]["schema_hash"]
    assert stored["response"]["choices"][0]["message"]
    calls = server.calls
    server.stop()  # replay must not need the network

    replayed = run_pipeline(
        harbour_articles(), make_extractor(replay_settings(tmp_path, mode=mode))
    )
    assert server.calls == calls
    assert replayed.claims == live.claims
    assert [a.ungrounded_dropped for a in replayed.articles] == [1, 1]
    assert replayed.extractor.name == "replay" and replayed.extractor.model == "fake-model"


def test_changed_article_is_a_stale_recording(server: FakeOpenAI, tmp_path: Path) -> None:
    record(server, tmp_path)
    extractor = make_extractor(replay_settings(tmp_path))
    with pytest.raises(ExtractionError, match=r"stale recording: 1 of 1 requests have no"):
        extractor.extract(article(HARBOUR_A + "\nA late correction.\n", "a"))
    assert extractor.stats("a").usage.unrecorded == 1


def test_changed_prompt_is_a_stale_recording(server: FakeOpenAI, tmp_path: Path) -> None:
    record(server, tmp_path)
    prompts = tmp_path / "prompts"
    shutil.copytree(default_prompts_dir(), prompts)
    path = prompts / "extract_claims.toml"
    path.write_text(path.read_text().replace("fact-checking tool", "fact checker"))
    extractor = make_extractor(replay_settings(tmp_path, prompts_dir=prompts))
    with pytest.raises(ExtractionError, match="stale recording"):
        extractor.extract(article(HARBOUR_A, "a"))


def test_changed_settings_are_stale_and_never_answered_by_another_request(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    record(server, tmp_path)
    with pytest.raises(ExtractionError, match="stale recording"):
        make_extractor(replay_settings(tmp_path, temperature=0.7)).extract(article(HARBOUR_A, "a"))
    # Swap two recordings' contents: each file now holds another request's key.
    a, b = recording_files(tmp_path)
    text_a, text_b = a.read_text(), b.read_text()
    a.write_text(text_b)
    b.write_text(text_a)
    with pytest.raises(ExtractionError, match="stale recording"):
        make_extractor(replay_settings(tmp_path)).extract(article(HARBOUR_A, "a"))


def test_stale_recording_fails_the_replay_run(server: FakeOpenAI, tmp_path: Path) -> None:
    record(server, tmp_path)
    extra = article("Unrecorded article\n\nNothing was recorded for 12 people.\n", "new")
    report = run_pipeline([*harbour_articles(), extra], make_extractor(replay_settings(tmp_path)))
    assert [a.status for a in report.articles] == ["ok", "ok", "failed"]
    assert "stale recording: 1 of 1 requests" in (report.articles[2].reason or "")
    assert report.usage.unrecorded == 1 and report.partial


def test_replay_needs_an_unambiguous_model(server: FakeOpenAI, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--model"):
        make_extractor(replay_settings(tmp_path))
    record(server, tmp_path)
    llm = llm_settings(server.url, tmp_path, record=True, model="second-model")
    run_pipeline(harbour_articles(), make_extractor(llm))
    with pytest.raises(UsageError, match="fake-model, second-model"):
        make_extractor(replay_settings(tmp_path))
    make_extractor(replay_settings(tmp_path, model="second-model")).extract(article(HARBOUR_A, "a"))


def test_recording_bypasses_cache_reads_so_every_response_is_stored(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    run_pipeline(harbour_articles(), make_extractor(llm_settings(server.url, tmp_path)))
    assert server.calls == 2
    record(server, tmp_path)
    assert server.calls == 4
    assert len(recording_files(tmp_path)) == 2


def test_plain_replay_uses_the_recorded_generation_settings(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    settings = llm_settings(server.url, tmp_path, record=True, mode="json_object", max_tokens=300)
    live = run_pipeline(harbour_articles(), make_extractor(settings))
    replayed = run_pipeline(harbour_articles(), make_extractor(replay_settings(tmp_path)))
    assert replayed.claims == live.claims
    with pytest.raises(
        ExtractionError, match="stale recording"
    ):  # an explicit, different setting is not guessed
        make_extractor(replay_settings(tmp_path, max_tokens=301)).extract(article(HARBOUR_A, "a"))


def test_unusable_answers_are_recorded_so_replay_fails_alike(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    server.fail_when("Port Selwyn strike", content('{"quantities": [{"evidence": "x', "length"))
    settings = llm_settings(server.url, tmp_path, record=True)
    live = run_pipeline(harbour_articles(), make_extractor(settings))
    assert [a.status for a in live.articles] == ["ok", "failed"]
    assert len(recording_files(tmp_path)) == 2
    assert len(cache_files(settings)) == 1  # recorded, but never cached
    replayed = run_pipeline(harbour_articles(), make_extractor(replay_settings(tmp_path)))
    assert [(a.status, a.reason) for a in replayed.articles] == [
        (a.status, a.reason) for a in live.articles
    ]


def test_record_needs_a_model_backend(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--record"):
        make_extractor(Settings(backend="rules", record=True, cache_dir=tmp_path))
