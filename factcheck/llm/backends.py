"""``make_llm_extractor(settings)``: settings → the model extractor, for every model backend.

openai (any OpenAI-compatible endpoint) | llama-cpp (in-process GGUF) | replay (recorded
responses only, no network). Chosen by ``factcheck.extract.make_extractor``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from factcheck.config import GENERATION_DEFAULTS, Settings
from factcheck.errors import FactcheckError, UsageError
from factcheck.llm.cache import AnswerCache
from factcheck.llm.calls import Generation, LazyChatModel
from factcheck.llm.claims import schema_hash
from factcheck.llm.extractor import LLMExtractor, RequestIdentity
from factcheck.llm.prices import load_prices, price_for
from factcheck.llm.prompt import Prompt, load_prompt
from factcheck.llm.recording import RecordingStore
from factcheck.llm.redaction import REDACTOR
from factcheck.schemas import ExtractorInfo

if TYPE_CHECKING:
    import httpx2

    from factcheck.llm.client import ChatModel

LLAMA_URL = "http://llama-cpp.invalid/v1"  # never resolved: the transport answers in-process


def make_llm_extractor(
    settings: Settings,
    *,
    transport: httpx2.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> LLMExtractor:
    """``transport`` and ``sleep`` exist for tests (a fake server's clock is not ours)."""
    if settings.backend == "replay":
        return _replay_extractor(settings)
    if settings.backend == "llama-cpp":
        from factcheck.llm.local import LlamaTransport

        assert settings.model_path is not None
        try:
            transport = transport or LlamaTransport(settings.model_path, settings.n_ctx)
        except FactcheckError as exc:
            raise UsageError(str(exc)) from exc
    prompt = load_prompt(directory=settings.prompts_dir)
    model_name = settings.model or (settings.model_path.stem if settings.model_path else "local")
    kind = settings.endpoint_kind
    values = _resolved(settings, kind, {})
    generation = _generation(values, model_name, kind)
    api_key = settings.api_key_value()
    REDACTOR.protect(api_key)  # our own loggers now; the client's when it is built

    def build() -> ChatModel:
        from factcheck.llm.client import ChatModel

        return ChatModel(
            generation,
            base_url=LLAMA_URL if settings.backend == "llama-cpp" else settings.base_url,
            api_key=api_key,
            timeout=settings.timeout,
            max_retries=settings.max_retries,
            max_reasks=settings.max_reasks,
            retry_max_wait=settings.retry_max_wait,
            max_answer_bytes=settings.max_answer_bytes,
            transport=transport,
            sleep=sleep,
        )

    # Built on the first real request: a fully cached run never imports openai/instructor
    # nor builds the client (a second of start-up).
    model = LazyChatModel(build)
    recorder = None
    if settings.record:
        recorder = RecordingStore(settings.recordings_dir)
        recorder.write_manifest(model_name, kind, values)
    flags = ", recording" if settings.record else ""
    flags += "" if settings.cache else ", no cache"
    info = ExtractorInfo(
        name="llm",
        model=model_name,
        endpoint=settings.endpoint,
        prompt_hash=prompt.hash,
        note=f"LLM extraction ({kind}, mode {generation.mode}{flags})",
    )
    return LLMExtractor(
        model=model,
        identity=_identity(settings.endpoint, kind, prompt, generation),
        prompt=prompt,
        info=info,
        chunk_chars=values["chunk_chars"],
        chunk_overlap=values["chunk_overlap"],
        cache=_cache(settings),
        recorder=recorder,
        cost=_cost_fn(settings, model_name),
        max_claims=settings.max_claims,
    )


def _cache(settings: Settings) -> AnswerCache | None:
    if not settings.cache:
        return None
    # A stored answer is the validated part of a response of at most max_answer_bytes; an
    # entry much larger than that was not written by us and is not worth parsing.
    return AnswerCache(settings.cache_dir, max_entry_bytes=4 * settings.max_answer_bytes)


def _resolved(settings: Settings, kind: str, recorded: dict[str, Any]) -> dict[str, Any]:
    """Generation settings: given > recorded (replay only) > defaults."""
    values: dict[str, Any] = {}
    for name, default in GENERATION_DEFAULTS.items():
        given = getattr(settings, name)
        values[name] = given if given is not None else recorded.get(name, default)
    default_mode = "tools" if kind == "openai" else "json_schema"
    values["mode"] = settings.mode or recorded.get("mode") or default_mode
    return values


def _generation(values: dict[str, Any], model: str, kind: str) -> Generation:
    return Generation(
        model=model,
        mode=values["mode"],
        temperature=float(values["temperature"]),
        seed=values["seed"],
        max_tokens=int(values["max_tokens"]),
        official_openai=kind == "openai",
    )


def _identity(endpoint: str, kind: str, prompt: Prompt, generation: Generation) -> RequestIdentity:
    return RequestIdentity(
        endpoint=endpoint,
        endpoint_kind=kind,
        prompt_hash=prompt.hash,
        schema_hash=schema_hash(),
        generation=generation,
    )


def _cost_fn(settings: Settings, model: str) -> Callable[[int, int], float | None]:
    price = price_for(model, load_prices(settings.prices_file))
    local = settings.is_local

    def cost(prompt_tokens: int, completion_tokens: int) -> float | None:
        if price is not None:
            return price.cost(prompt_tokens, completion_tokens)
        return 0.0 if local else None

    return cost


def _replay_extractor(settings: Settings) -> LLMExtractor:
    store = RecordingStore(settings.recordings_dir)
    model = settings.model
    if model is None:
        models = store.models()
        if len(models) != 1:
            found = ", ".join(models) or "none"
            raise UsageError(
                f"--replay needs --model: recordings in {settings.recordings_dir}: {found}"
            )
        model = models[0]
    kind: str
    if settings.base_url or settings.model_path:
        kind = settings.endpoint_kind
    else:
        kinds = store.endpoint_kinds(model)
        if len(kinds) != 1:
            raise UsageError(
                f"--replay: {len(kinds)} endpoint kinds recorded for {model} "
                f"({', '.join(kinds) or 'none'}); pass --base-url or --model-path to choose"
            )
        kind = kinds[0]
    prompt = load_prompt(directory=settings.prompts_dir)
    values = _resolved(settings, kind, store.read_manifest(model, kind))
    generation = _generation(values, model, kind)
    info = ExtractorInfo(
        name="replay",
        model=model,
        endpoint=f"replay:{kind}",
        prompt_hash=prompt.hash,
        note=f"replaying recorded {model} responses from {settings.recordings_dir}",
    )
    return LLMExtractor(
        model=None,
        identity=_identity(f"replay:{kind}", kind, prompt, generation),
        prompt=prompt,
        info=info,
        chunk_chars=values["chunk_chars"],
        chunk_overlap=values["chunk_overlap"],
        replay=store,
        max_claims=settings.max_claims,
    )


__all__ = ["make_llm_extractor"]
