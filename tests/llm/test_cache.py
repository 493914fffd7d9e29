"""The answer cache: hits make zero requests; corruption is recomputed; clear removes entries."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from factcheck.extract import make_extractor
from factcheck.llm.cache import AnswerCache, clear_cache, request_key
from factcheck.llm.prompt import default_prompts_dir
from factcheck.pipeline import run_pipeline
from tests.fake_openai_server import FakeOpenAI
from tests.llm.support import (  # noqa: F401
    HARBOUR_A,
    article,
    cache_files,
    fake_server,
    harbour_articles,
    llm_settings,
)


def test_second_run_is_served_from_cache_with_zero_requests(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    settings = llm_settings(server.url, tmp_path)
    first = run_pipeline(harbour_articles(), make_extractor(settings), concurrency=2)
    assert server.calls == 2
    second = run_pipeline(harbour_articles(), make_extractor(settings), concurrency=2)
    assert server.calls == 2
    assert all(a.from_cache for a in second.articles)
    assert not any(a.from_cache for a in first.articles)
    assert second.claims == first.claims
    assert second.usage.calls == 0 and second.usage.prompt_tokens == 0
    assert [a.ungrounded_dropped for a in second.articles] == [1, 1]


def test_no_cache_always_asks_and_writes_nothing(server: FakeOpenAI, tmp_path: Path) -> None:
    settings = llm_settings(server.url, tmp_path, cache=False)
    for _ in range(2):
        make_extractor(settings).extract(article(HARBOUR_A, "a"))
    assert server.calls == 2
    assert cache_files(settings) == []


@pytest.mark.parametrize(
    "garbage", [b"{not json", b"\xff\xfe\x00", b'{"format": 1}', b'{"format":1,"key":"x"}']
)
def test_corrupted_entry_is_ignored_and_recomputed(
    server: FakeOpenAI, tmp_path: Path, garbage: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    settings = llm_settings(server.url, tmp_path)
    make_extractor(settings).extract(article(HARBOUR_A, "a"))
    [entry] = cache_files(settings)
    entry.write_bytes(garbage)
    with caplog.at_level(logging.WARNING, logger="factcheck.llm.cache"):
        claims = make_extractor(settings).extract(article(HARBOUR_A, "a"))
    assert server.calls == 2 and len(claims) == 3
    assert "recomputing" in caplog.text
    assert AnswerCache(settings.cache_dir).get(entry.stem) is not None  # rewritten, valid


def test_entry_whose_answer_no_longer_validates_is_recomputed(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    settings = llm_settings(server.url, tmp_path)
    make_extractor(settings).extract(article(HARBOUR_A, "a"))
    [entry] = cache_files(settings)
    cache = AnswerCache(settings.cache_dir)
    cache.put(entry.stem, {"quantities": "many"}, "fake-model")
    make_extractor(settings).extract(article(HARBOUR_A, "a"))
    assert server.calls == 2


def test_key_covers_model_settings_prompt_and_text(server: FakeOpenAI, tmp_path: Path) -> None:
    base = llm_settings(server.url, tmp_path)
    make_extractor(base).extract(article(HARBOUR_A, "a"))
    prompts = tmp_path / "prompts"
    shutil.copytree(default_prompts_dir(), prompts)
    prompt_file = prompts / "extract_claims.toml"
    prompt_file.write_text(prompt_file.read_text() + "\n# edited\n")
    variants = [
        llm_settings(server.url, tmp_path, model="other-model"),
        llm_settings(server.url, tmp_path, temperature=0.5),
        llm_settings(server.url, tmp_path, max_tokens=999),
        llm_settings(server.url, tmp_path, mode="tools"),
        llm_settings(server.url, tmp_path, prompts_dir=prompts),
    ]
    for n, settings in enumerate(variants, start=2):
        make_extractor(settings).extract(article(HARBOUR_A, "a"))
        assert server.calls == n, settings
    make_extractor(base).extract(article(HARBOUR_A + "\nMore.\n", "a"))  # different text
    assert server.calls == len(variants) + 2
    make_extractor(base).extract(article(HARBOUR_A, "renamed"))  # same text, other id: a hit
    assert server.calls == len(variants) + 2


def test_clear_removes_only_cache_entries(server: FakeOpenAI, tmp_path: Path) -> None:
    settings = llm_settings(server.url, tmp_path)
    run_pipeline(harbour_articles(), make_extractor(settings))
    bystander = settings.cache_dir / "notes.txt"
    bystander.write_text("keep me")
    assert clear_cache(settings) == 2
    assert cache_files(settings) == []
    assert bystander.read_text() == "keep me"
    assert clear_cache(settings) == 0
    run_pipeline(harbour_articles(), make_extractor(settings))
    assert server.calls == 4


def test_request_key_is_order_independent_and_sensitive() -> None:
    assert request_key({"a": 1, "b": [1, 2]}) == request_key({"b": [1, 2], "a": 1})
    assert request_key({"a": 1}) != request_key({"a": 2})


def test_unwritable_cache_does_not_fail_the_run(server: FakeOpenAI, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    settings = llm_settings(server.url, tmp_path, cache_dir=blocker)
    claims = make_extractor(settings).extract(article(HARBOUR_A, "a"))
    assert len(claims) == 3
