"""Settings for the extractor backends: command-line flag > environment > ``[tool.factcheck]``.

The API key is read from the environment only (``OPENAI_API_KEY``), kept as a ``SecretStr`` so it
never shows in a repr, a log line or a report, and refused when found in a pyproject file.
"""

from __future__ import annotations

import argparse
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from factcheck.errors import UsageError

Backend = Literal["rules", "openai", "llama-cpp", "replay"]
Mode = Literal["tools", "json_schema", "json_object", "md_json"]
EndpointKind = Literal["openai", "openai-compatible", "llama-cpp"]
LLMMode = Literal["label", "extract"]
LabelShape = Literal["batch", "single"]
BACKENDS: tuple[Backend, ...] = ("rules", "openai", "llama-cpp", "replay")
MODES: tuple[Mode, ...] = ("tools", "json_schema", "json_object", "md_json")
LLM_MODES: tuple[LLMMode, ...] = ("label", "extract")
LABEL_SHAPES: tuple[LabelShape, ...] = ("batch", "single")
OPENAI_URL = "https://api.openai.com/v1"


GENERATION_DEFAULTS: dict[str, Any] = {
    "temperature": 0.0,
    "seed": None,
    "max_tokens": 2048,
    "chunk_chars": 8000,
    "chunk_overlap": 400,
}


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck"


class Settings(BaseModel):
    """Resolved configuration; ``backend`` is never None after ``settings_from_args``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    backend: Backend = "rules"
    model: str | None = None
    base_url: str | None = None
    api_key: SecretStr | None = Field(default=None, repr=False)
    model_path: Path | None = None
    mode: Mode | None = Field(default=None, description="None: chosen per endpoint.")
    concurrency: int = Field(default=4, ge=1, le=64)
    timeout: float = Field(default=120.0, gt=0, description="Seconds per HTTP request.")
    max_retries: int = Field(default=4, ge=0, le=20, description="Transport retries.")
    max_reasks: int = Field(default=2, ge=0, le=10, description="Validation re-asks.")
    retry_max_wait: float = Field(default=60.0, ge=0, description="Cap on one backoff wait.")
    # Limits on what a model may send (a runaway or hostile server): the article fails with
    # a reason naming the limit; nothing past it is parsed, grounded or cached.
    max_answer_bytes: int = Field(default=1_048_576, ge=4096, description="Per response.")
    max_claims: int = Field(default=500, ge=1, description="Model items per article.")
    # Generation settings: None = not given, so a replay can take them from its recordings
    # (GENERATION_DEFAULTS otherwise).
    temperature: float | None = Field(default=None, ge=0, le=2)
    seed: int | None = None
    max_tokens: int | None = Field(default=None, ge=16)
    chunk_chars: int | None = Field(default=None, ge=500)
    chunk_overlap: int | None = Field(default=None, ge=0)
    cache: bool = True
    cache_dir: Path = Field(default_factory=_default_cache_dir)
    record: bool = False
    recordings_dir: Path = Path("evals/recordings")
    n_ctx: int = Field(default=4096, ge=512, description="llama-cpp in-process context size.")
    prompts_dir: Path | None = None
    prices_file: Path | None = None
    # What the model is asked (docs/llm.md). None = not given: the default, or on replay the
    # recorded session's value.
    llm_mode: LLMMode | None = Field(default=None, description="None: label (replay: recorded).")
    label_shape: LabelShape | None = Field(default=None, description="None: chosen per endpoint.")
    label_recall: bool | None = Field(default=None, description="None: on for api.openai.com.")
    judge: bool = False

    @property
    def endpoint_kind(self) -> EndpointKind:
        if self.backend == "llama-cpp":
            return "llama-cpp"
        if self.base_url is None or urlsplit(self.base_url).hostname == "api.openai.com":
            return "openai"
        return "openai-compatible"

    @property
    def endpoint(self) -> str:
        """Where requests go, without credentials: part of the cache key and of the report."""
        if self.backend == "llama-cpp":
            return f"llama-cpp:{self.model_path}"
        url = urlsplit(self.base_url or OPENAI_URL)
        host = url.hostname or ""
        port = f":{url.port}" if url.port else ""
        return f"{url.scheme}://{host}{port}{url.path.rstrip('/')}"

    @property
    def effective_mode(self) -> Mode:
        if self.mode is not None:
            return self.mode
        return "tools" if self.endpoint_kind == "openai" else "json_schema"

    @property
    def default_label_shape(self) -> LabelShape:
        """One batched call per article for API models; one short call per candidate (sharing
        the article as a cached prompt prefix) for local servers and in-process llama.cpp."""
        if self.endpoint_kind == "openai":
            return "batch"
        return "single" if self.is_local else "batch"

    @property
    def is_local(self) -> bool:
        if self.backend == "llama-cpp":
            return True
        host = urlsplit(self.base_url or OPENAI_URL).hostname or ""
        return host in {"localhost", "127.0.0.1", "::1"} or host.endswith(".local")

    def api_key_value(self) -> str | None:
        return self.api_key.get_secret_value() if self.api_key else None


_INT = {"concurrency", "max_retries", "max_reasks", "seed", "max_tokens", "chunk_chars"}
_INT |= {"chunk_overlap", "n_ctx", "max_answer_bytes", "max_claims"}
_FLOAT = {"timeout", "retry_max_wait", "temperature"}
_PATH = {"model_path", "cache_dir", "recordings_dir", "prompts_dir", "prices_file"}
_STR = {"backend", "model", "base_url", "mode", "llm_mode", "label_shape"}
_BOOL = {"cache", "record", "label_recall", "judge"}
FILE_KEYS = _INT | _FLOAT | _PATH | _STR | _BOOL
ENV_VARS: dict[str, str] = {f"FACTCHECK_{k.upper()}": k for k in sorted(FILE_KEYS)}
ENV_VARS["OPENAI_BASE_URL"] = "base_url"


def add_model_arguments(parser: argparse.ArgumentParser) -> None:
    """Flags for choosing and tuning the extractor; every default is None (= not given)."""
    g = parser.add_argument_group("extractor (flag > env FACTCHECK_* > [tool.factcheck])")
    g.add_argument("--backend", choices=BACKENDS, help="default: rules, or openai with --model")
    g.add_argument("--model", help="model name, e.g. gpt-4o-mini (env FACTCHECK_MODEL)")
    g.add_argument("--base-url", help="OpenAI-compatible endpoint (env OPENAI_BASE_URL)")
    g.add_argument("--model-path", type=Path, help="GGUF file for --backend llama-cpp")
    g.add_argument("--mode", choices=MODES, help="structured-output mode (default per endpoint)")
    g.add_argument("--concurrency", type=int, help="articles extracted in parallel (default 4)")
    g.add_argument("--timeout", type=float, help="seconds per request (default 120)")
    g.add_argument("--max-retries", type=int, help="retries on 429/5xx/timeouts (default 4)")
    g.add_argument("--max-reasks", type=int, help="re-asks on invalid output (default 2)")
    g.add_argument("--max-answer-bytes", type=int, help="largest model response (default 1 MiB)")
    g.add_argument("--max-claims", type=int, help="most model claims per article (default 500)")
    g.add_argument("--temperature", type=float, help="sampling temperature (default 0)")
    g.add_argument("--seed", type=int, help="sampling seed, if the endpoint supports it")
    g.add_argument("--max-tokens", type=int, help="completion token limit (default 2048)")
    g.add_argument("--chunk-chars", type=int, help="split longer articles (default 8000)")
    g.add_argument("--no-cache", dest="cache", action="store_const", const=False, default=None)
    g.add_argument("--cache-dir", type=Path, help="default ~/.cache/factcheck")
    g.add_argument(
        "--record", action="store_const", const=True, help="store raw responses (--recordings-dir)"
    )
    g.add_argument("--replay", action="store_const", const=True, help="answer only from recordings")
    g.add_argument("--recordings-dir", type=Path, help="default evals/recordings")
    g.add_argument("--n-ctx", type=int, help="context size for --backend llama-cpp")
    g.add_argument(
        "--llm-mode",
        choices=LLM_MODES,
        help="label: the model labels what the rules find (default); extract: the model "
        "returns every claim itself",
    )
    g.add_argument(
        "--label-shape",
        choices=LABEL_SHAPES,
        help="label mode: batch (one call per article; default for API models) or single "
        "(one short call per candidate; default for local servers)",
    )
    g.add_argument(
        "--recall",
        dest="label_recall",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="label mode, batch shape: also ask for figures the rules missed (default: on "
        "for api.openai.com)",
    )
    g.add_argument(
        "--judge",
        action="store_const",
        const=True,
        help="ask the model about each numeric contradiction (needs a model; off by default)",
    )


def find_pyproject(cwd: Path) -> Path | None:
    for directory in (cwd, *cwd.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _file_settings(cwd: Path) -> tuple[dict[str, Any], Path | None]:
    path = find_pyproject(cwd)
    if path is None:
        return {}, None
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read [tool.factcheck]: {exc}") from exc
    section = table.get("tool", {}).get("factcheck", {})
    if not isinstance(section, dict):
        raise UsageError(f"{path}: [tool.factcheck] must be a table")
    out = {str(k).replace("-", "_"): v for k, v in section.items()}
    if any("key" in k for k in out):
        raise UsageError(
            f"{path}: API keys must not be stored in pyproject.toml; set OPENAI_API_KEY"
        )
    # Other tools' options may share the table: only ours are read.
    return {k: v for k, v in out.items() if k in FILE_KEYS}, path.parent


def _coerce(key: str, raw: str) -> Any:
    if key in _BOOL:
        low = raw.strip().lower()
        if low in {"1", "true", "yes", "on"}:
            return True
        if low in {"0", "false", "no", "off", ""}:
            return False
        raise UsageError(f"{key}: expected a boolean, got {raw!r}")
    return raw


def _env_settings(env: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for var, key in ENV_VARS.items():
        if env.get(var):
            out.setdefault(key, _coerce(key, env[var]))
    if env.get("FACTCHECK_NO_CACHE"):
        out["cache"] = not _coerce("cache", env["FACTCHECK_NO_CACHE"])
    return out


def _flag_settings(ns: argparse.Namespace) -> dict[str, Any]:
    out = {k: getattr(ns, k, None) for k in FILE_KEYS}
    if getattr(ns, "replay", None):
        out["backend"] = "replay"
    return {k: v for k, v in out.items() if v is not None}


def _resolve_backend(values: dict[str, Any]) -> str:
    if values.get("backend"):
        return str(values["backend"])
    if values.get("model_path"):
        return "llama-cpp"
    if values.get("model") or values.get("base_url"):
        return "openai"
    return "rules"


def settings_from_args(
    ns: argparse.Namespace, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Settings:
    env = os.environ if env is None else env
    cwd = Path.cwd() if cwd is None else cwd
    file_values, root = _file_settings(cwd)
    values: dict[str, Any] = {**file_values, **_env_settings(env), **_flag_settings(ns)}
    values["backend"] = _resolve_backend(values)
    base = root or cwd
    for key in _PATH & values.keys():
        path = Path(values[key]).expanduser()
        values[key] = path if path.is_absolute() else base / path
    values.setdefault("recordings_dir", base / "evals" / "recordings")
    if values["backend"] == "openai" and not values.get("model"):
        if not values.get("base_url"):
            raise UsageError("--backend openai needs --model (or FACTCHECK_MODEL)")
        values["model"] = "local"
    if values["backend"] == "llama-cpp" and not values.get("model_path"):
        raise UsageError("--backend llama-cpp needs --model-path (or FACTCHECK_MODEL_PATH)")
    if env.get("OPENAI_API_KEY"):
        values["api_key"] = SecretStr(env["OPENAI_API_KEY"])
    try:
        settings = Settings.model_validate(values)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise UsageError(f"invalid setting {where}: {err['msg']}") from None
    if settings.backend == "openai" and settings.endpoint_kind == "openai" and not settings.api_key:
        raise UsageError("OPENAI_API_KEY is not set (needed for api.openai.com)")
    if settings.judge and settings.backend == "rules":
        raise UsageError("--judge needs a model: give --model, --base-url or --model-path")
    return settings


__all__ = [
    "BACKENDS",
    "ENV_VARS",
    "GENERATION_DEFAULTS",
    "LABEL_SHAPES",
    "LLM_MODES",
    "MODES",
    "Backend",
    "EndpointKind",
    "LLMMode",
    "LabelShape",
    "Mode",
    "Settings",
    "add_model_arguments",
    "find_pyproject",
    "settings_from_args",
]
