"""Settings: flag > environment > [tool.factcheck]; the API key stays secret."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from factcheck.config import add_model_arguments, settings_from_args
from factcheck.errors import UsageError

KEY = "sk-test-SECRET-42"


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_model_arguments(parser)
    return parser.parse_args(list(argv))


def project(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[project]\nname = 'x'\n\n[tool.factcheck]\n{table}")
    sub = tmp_path / "articles" / "deep"
    sub.mkdir(parents=True)
    return sub


def test_defaults_without_anything_configured_are_offline(tmp_path: Path) -> None:
    settings = settings_from_args(parse(), env={}, cwd=tmp_path)
    assert settings.backend == "rules"
    assert settings.cache and settings.concurrency == 4


def test_api_key_alone_does_not_switch_to_a_paid_model(tmp_path: Path) -> None:
    assert settings_from_args(parse(), env={"OPENAI_API_KEY": KEY}, cwd=tmp_path).backend == "rules"


def test_precedence_flag_over_env_over_file(tmp_path: Path) -> None:
    cwd = project(
        tmp_path, 'model = "file-model"\nconcurrency = 2\ntimeout = 10\nmax-retries = 7\n'
    )
    env = {"FACTCHECK_MODEL": "env-model", "FACTCHECK_CONCURRENCY": "3", "OPENAI_API_KEY": KEY}
    settings = settings_from_args(parse("--concurrency", "5"), env=env, cwd=cwd)
    assert settings.model == "env-model"
    assert settings.concurrency == 5
    assert settings.timeout == 10.0 and settings.max_retries == 7
    assert settings.backend == "openai" and settings.endpoint_kind == "openai"
    settings = settings_from_args(parse("--model", "flag-model"), env=env, cwd=cwd)
    assert settings.model == "flag-model"


def test_relative_paths_in_the_file_resolve_from_the_project_root(tmp_path: Path) -> None:
    cwd = project(tmp_path, 'cache_dir = ".fc-cache"\n')
    settings = settings_from_args(parse(), env={}, cwd=cwd)
    assert settings.cache_dir == tmp_path / ".fc-cache"
    assert settings.recordings_dir == tmp_path / "evals" / "recordings"


def test_api_key_in_pyproject_is_refused(tmp_path: Path) -> None:
    cwd = project(tmp_path, f'api_key = "{KEY}"\n')
    with pytest.raises(UsageError, match="OPENAI_API_KEY"):
        settings_from_args(parse(), env={}, cwd=cwd)


def test_key_is_never_shown(tmp_path: Path) -> None:
    settings = settings_from_args(
        parse("--model", "gpt-4o-mini"), env={"OPENAI_API_KEY": KEY}, cwd=tmp_path
    )
    assert settings.api_key_value() == KEY
    for text in (repr(settings), str(settings), settings.model_dump_json(), f"{settings!r}"):
        assert KEY not in text


def test_official_endpoint_needs_a_key(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="OPENAI_API_KEY"):
        settings_from_args(parse("--model", "gpt-4o-mini"), env={}, cwd=tmp_path)


def test_backend_is_inferred(tmp_path: Path) -> None:
    local = settings_from_args(
        parse("--base-url", "http://127.0.0.1:8080/v1"), env={}, cwd=tmp_path
    )
    assert (local.backend, local.model, local.endpoint_kind) == (
        "openai",
        "local",
        "openai-compatible",
    )
    assert local.effective_mode == "json_schema" and local.is_local
    gguf = settings_from_args(parse("--model-path", "m.gguf"), env={}, cwd=tmp_path)
    assert gguf.backend == "llama-cpp" and gguf.model_path == tmp_path / "m.gguf"
    replay = settings_from_args(parse("--replay"), env={}, cwd=tmp_path)
    assert replay.backend == "replay"
    env = {"OPENAI_BASE_URL": "http://localhost:11434/v1", "FACTCHECK_MODEL": "qwen2.5:7b"}
    ollama = settings_from_args(parse(), env=env, cwd=tmp_path)
    assert (ollama.backend, ollama.model) == ("openai", "qwen2.5:7b")


def test_default_mode_per_endpoint(tmp_path: Path) -> None:
    official = settings_from_args(parse("--model", "m"), env={"OPENAI_API_KEY": KEY}, cwd=tmp_path)
    assert official.effective_mode == "tools" and not official.is_local
    forced = settings_from_args(
        parse("--base-url", "http://h:1/v1", "--mode", "json_object"), env={}, cwd=tmp_path
    )
    assert forced.effective_mode == "json_object"


def test_endpoint_hides_credentials_in_the_url(tmp_path: Path) -> None:
    ns = parse("--base-url", "http://user:pw@example.test:8000/v1/")
    settings = settings_from_args(ns, env={}, cwd=tmp_path)
    assert settings.endpoint == "http://example.test:8000/v1"


def test_no_cache_from_flag_and_env(tmp_path: Path) -> None:
    assert not settings_from_args(parse("--no-cache"), env={}, cwd=tmp_path).cache
    assert not settings_from_args(parse(), env={"FACTCHECK_NO_CACHE": "1"}, cwd=tmp_path).cache
    assert settings_from_args(parse(), env={"FACTCHECK_NO_CACHE": "0"}, cwd=tmp_path).cache


@pytest.mark.parametrize(
    ("argv", "env"),
    [
        (["--concurrency", "0"], {}),
        ([], {"FACTCHECK_TIMEOUT": "soon"}),
        ([], {"FACTCHECK_BACKEND": "magic"}),
        ([], {"FACTCHECK_NO_CACHE": "perhaps"}),
        (["--backend", "llama-cpp"], {}),
        (["--backend", "openai"], {}),
    ],
)
def test_invalid_settings_are_usage_errors(
    tmp_path: Path, argv: list[str], env: dict[str, str]
) -> None:
    with pytest.raises(UsageError):
        settings_from_args(parse(*argv), env=env, cwd=tmp_path)


def test_unreadable_pyproject_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.factcheck\n")
    with pytest.raises(UsageError, match=r"pyproject\.toml"):
        settings_from_args(parse(), env={}, cwd=tmp_path)


def test_other_keys_in_the_table_are_ignored(tmp_path: Path) -> None:
    cwd = project(tmp_path, 'format = "markdown"\nmodel = "m"\nbase_url = "http://h:1/v1"\n')
    settings = settings_from_args(parse(), env={}, cwd=cwd)
    assert settings.model == "m"
