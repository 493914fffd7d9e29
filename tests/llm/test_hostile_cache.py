"""Issue 10, row 2: a cache or recordings directory in a strange state gives one clear line,
never a traceback, and never a hang (a FIFO is never opened for a blocking read)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factcheck.cli import main
from factcheck.errors import EvalError
from factcheck.extract import make_extractor
from factcheck.llm.cache import AnswerCache, clear_cache, read_file_text
from factcheck.llm.recording import RecordingStore, RequestKey
from factcheck.pipeline import run_pipeline
from tests.fake_openai_server import FakeOpenAI
from tests.llm.support import (  # noqa: F401
    cache_files,
    fake_server,
    harbour_articles,
    llm_settings,
)

KEY_A = "a" * 64
KEY_B = "b" * 64
BOUND = 30.0  # seconds: far beyond any honest run of these tests, short of CI's patience


def within_bound(work: Callable[[], Any]) -> Any:
    """Run ``work`` in a thread; a hang fails the test instead of freezing the suite."""
    result: list[Any] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            result.append(work())
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(BOUND)
    assert not thread.is_alive(), "hung"
    if failure:
        raise failure[0]
    return result[0]


def filled_cache(tmp_path: Path) -> AnswerCache:
    cache = AnswerCache(tmp_path / "cache")
    cache.put(KEY_A, {"quantities": [], "attributions": []}, "m")
    cache.put(KEY_B, {"quantities": [], "attributions": []}, "m")
    return cache


def clear_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = within_bound(lambda: main(["cache", "clear", "--cache-dir", str(tmp_path / "cache")]))
    return code, capsys.readouterr().err


def test_clear_skips_a_directory_named_like_an_entry_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = filled_cache(tmp_path)
    squatter = cache.path_for("c" * 64)
    squatter.mkdir(parents=True)
    code, err = clear_cli(tmp_path, capsys)
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "removed 2 cached response(s)" in err and "is a directory" in err
    assert squatter.is_dir()  # not ours: left alone
    assert not cache.path_for(KEY_A).exists()


def test_clear_of_a_read_only_cache_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    filled_cache(tmp_path)

    def refuse(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "unlink", refuse)
    code, err = clear_cli(tmp_path, capsys)
    assert code == 2
    assert err.startswith("error: removed 0 cached response(s); could not remove ")
    assert err.rstrip().endswith("Permission denied (and 1 more)")
    assert err.count("\n") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_clear_of_a_really_read_only_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = filled_cache(tmp_path)
    for sub in cache.root.iterdir():
        sub.chmod(0o500)
    try:
        code, err = clear_cli(tmp_path, capsys)
    finally:
        for sub in cache.root.iterdir():
            sub.chmod(0o700)
    assert code == 2 and "Permission denied" in err and err.count("\n") == 1


def test_clear_of_an_unlistable_cache_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    filled_cache(tmp_path)

    def refuse(self: Path) -> Any:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refuse)
    code, err = clear_cli(tmp_path, capsys)
    assert code == 2 and "cannot list the cache: Permission denied" in err


def test_clear_removes_a_fifo_named_like_an_entry_without_opening_it(tmp_path: Path) -> None:
    cache = filled_cache(tmp_path)
    fifo = cache.path_for("d" * 64)
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    stray = cache.root / "ab" / "notes.fifo"
    stray.parent.mkdir(exist_ok=True)
    os.mkfifo(stray)
    assert within_bound(lambda: clear_cache(llm_settings("http://x.invalid", tmp_path))) == 3
    assert not fifo.exists() and stray.exists()  # only names the cache writes are removed


def test_a_fifo_in_place_of_an_entry_is_never_read(
    server: FakeOpenAI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = llm_settings(server.url, tmp_path)
    run_pipeline(harbour_articles(), make_extractor(settings))
    [first, _] = cache_files(settings)
    first.unlink()
    os.mkfifo(first)
    report = within_bound(lambda: run_pipeline(harbour_articles(), make_extractor(settings)))
    assert [a.status for a in report.articles] == ["ok", "ok"]
    assert "not a regular file" in caplog.text
    assert server.calls == 3  # the FIFO's article was asked again, the other came from cache


@pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
def test_reading_something_that_is_not_a_file_raises_at_once(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "entry.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero")
    with pytest.raises(OSError):
        within_bound(lambda: read_file_text(path, 1000))


def test_a_directory_in_place_of_an_entry_does_not_stop_the_run(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    settings = llm_settings(server.url, tmp_path)
    run_pipeline(harbour_articles(), make_extractor(settings))
    [first, _] = cache_files(settings)
    first.unlink()
    first.mkdir()
    report = run_pipeline(harbour_articles(), make_extractor(settings))
    assert [a.status for a in report.articles] == ["ok", "ok"]
    assert first.is_dir()


def recording_key() -> RequestKey:
    return RequestKey(
        endpoint_kind="openai-compatible",
        model="m",
        prompt_hash="p",
        schema_hash="s",
        text_sha256="t",
        settings={},
    )


def test_a_fifo_in_place_of_a_recording_is_an_error_not_a_hang(tmp_path: Path) -> None:
    store = RecordingStore(tmp_path / "recordings")
    path = store.path_for(recording_key())
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    with pytest.raises(EvalError, match="unreadable recording: not a regular file"):
        within_bound(lambda: store.load(recording_key()))


def test_an_unwritable_recording_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("factcheck.llm.recording.atomic_write", refuse)
    store = RecordingStore(tmp_path / "recordings")
    with pytest.raises(EvalError, match=r"cannot write the recording: Permission denied$"):
        store.save(recording_key(), {}, "m", "label")
