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
from factcheck.llm.answers import AnswerSource, RequestIdentity
from factcheck.llm.cache import AnswerCache
from factcheck.llm.calls import Generation, LazyChatModel
from factcheck.llm.claims import schema_hash
from factcheck.llm.extractor import LLMExtractor
from factcheck.llm.label_prompt import load_label_prompt
from factcheck.llm.labeler import LabelExtractor
from factcheck.llm.prices import load_prices, price_for
from factcheck.llm.prompt import load_prompt
from factcheck.llm.recording import RecordingStore
from factcheck.llm.redaction import REDACTOR
from factcheck.schemas import ExtractorInfo

if TYPE_CHECKING:
    import httpx2

    from factcheck.llm.client import ChatModel

LLAMA_URL = "http://llama-cpp.invalid/v1"  # never resolved: the transport answers in-process
# Single-shape label requests carry system, examples and the article: keep the article part
# small enough for a 4096-token local context.
SINGLE_CONTEXT_CHARS = 6000
ModelExtractor = LLMExtractor | LabelExtractor


def make_llm_extractor(
    settings: Settings,
    *,
    transport: httpx2.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> ModelExtractor:
    """``transport`` and ``sleep`` exist for tests (a fake server's clock is not ours)."""
    if settings.backend == "replay":
        model_name, kind, values = replay_target(settings)
        store = RecordingStore(settings.recordings_dir)
        source = AnswerSource(
            model=None,
            identity=_identity(
                f"replay:{kind}", kind, "", generation_for(values, model_name, kind)
            ),
            replay=store,
        )
        note = f"replaying recorded {model_name} responses from {settings.recordings_dir}"
        return _build(settings, source, values, "replay", f"replay:{kind}", note, None)
    model, model_name, kind, values = chat_model(settings, transport=transport, sleep=sleep)
    recorder = None
    if settings.record:
        recorder = RecordingStore(settings.recordings_dir)
        recorder.write_manifest(model_name, kind, values)
    source = AnswerSource(
        model=model,
        identity=_identity(settings.endpoint, kind, "", model.generation),
        cache=answer_cache(settings),
        recorder=recorder,
    )
    flags = ", recording" if settings.record else ""
    flags += "" if settings.cache else ", no cache"
    mode = f"mode {model.generation.mode}{flags}"
    return _build(settings, source, values, "llm", settings.endpoint, mode, model_name)


def chat_model(
    settings: Settings,
    *,
    transport: httpx2.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[LazyChatModel, str, str, dict[str, Any]]:
    """(model client, model name, endpoint kind, resolved settings) for a live backend."""
    if settings.backend == "llama-cpp":
        from factcheck.llm.local import LlamaTransport

        assert settings.model_path is not None
        try:
            transport = transport or LlamaTransport(settings.model_path, settings.n_ctx)
        except FactcheckError as exc:
            raise UsageError(str(exc)) from exc
    model_name = settings.model or (settings.model_path.stem if settings.model_path else "local")
    kind = settings.endpoint_kind
    values = _resolved(settings, kind, {})
    generation = generation_for(values, model_name, kind)
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
    return LazyChatModel(generation, build), model_name, kind, values


def _build(
    settings: Settings,
    source: AnswerSource,
    values: dict[str, Any],
    name: str,
    endpoint: str,
    note: str,
    model_name: str | None,
) -> ModelExtractor:
    model_name = model_name or source.generation.model
    kind = source.identity.endpoint_kind
    cost = _cost_fn(settings, model_name) if source.model is not None else None
    if values["llm_mode"] == "extract":
        prompt = load_prompt(directory=settings.prompts_dir)
        source.identity = _identity(endpoint, kind, prompt.hash, source.generation, schema_hash())
        info = ExtractorInfo(
            name=name,
            model=model_name,
            endpoint=endpoint,
            prompt_hash=prompt.hash,
            note=_note(name, f"LLM extraction ({kind}, {note})", note),
        )
        return LLMExtractor(
            source=source,
            prompt=prompt,
            info=info,
            chunk_chars=values["chunk_chars"],
            chunk_overlap=values["chunk_overlap"],
            cost=cost,
            max_claims=settings.max_claims,
        )
    label_prompt = load_label_prompt(settings.prompts_dir)
    source.identity = _identity(endpoint, kind, label_prompt.hash, source.generation)
    shape, recall = values["label_shape"], bool(values["label_recall"])
    context = values["chunk_chars"]
    if shape == "single":
        context = min(context, SINGLE_CONTEXT_CHARS)
    what = f"labels for the rules' candidates ({kind}, {shape}{', recall' if recall else ''}"
    info = ExtractorInfo(
        name=name,
        model=model_name,
        endpoint=endpoint,
        prompt_hash=label_prompt.hash,
        note=_note(name, f"LLM {what}, {note})", f"{note}; {what})"),
    )
    return LabelExtractor(
        source=source,
        prompt=label_prompt,
        info=info,
        shape=shape,
        recall=recall,
        context_chars=context,
        context_overlap=values["chunk_overlap"],
        cost=cost,
    )


def _note(name: str, live: str, replay: str) -> str:
    return replay if name == "replay" else live


def answer_cache(settings: Settings) -> AnswerCache | None:
    if not settings.cache:
        return None
    # A stored answer is the validated part of a response of at most max_answer_bytes; an
    # entry much larger than that was not written by us and is not worth parsing.
    return AnswerCache(settings.cache_dir, max_entry_bytes=4 * settings.max_answer_bytes)


def _resolved(settings: Settings, kind: str, recorded: dict[str, Any]) -> dict[str, Any]:
    """Generation and mode settings: given > recorded (replay only) > defaults."""
    values: dict[str, Any] = {}
    for name, default in GENERATION_DEFAULTS.items():
        given = getattr(settings, name)
        values[name] = given if given is not None else recorded.get(name, default)
    default_mode = "tools" if kind == "openai" else "json_schema"
    values["mode"] = settings.mode or recorded.get("mode") or default_mode
    # Recordings made before label mode existed hold extraction answers.
    default_llm_mode = "extract" if recorded and "llm_mode" not in recorded else "label"
    values["llm_mode"] = settings.llm_mode or recorded.get("llm_mode") or default_llm_mode
    values["label_shape"] = (
        settings.label_shape or recorded.get("label_shape") or settings.default_label_shape
    )
    recall = settings.label_recall
    if recall is None:
        recall = recorded.get("label_recall", kind == "openai")
    values["label_recall"] = bool(recall) and values["label_shape"] == "batch"
    return values


def generation_for(values: dict[str, Any], model: str, kind: str) -> Generation:
    return Generation(
        model=model,
        mode=values["mode"],
        temperature=float(values["temperature"]),
        seed=values["seed"],
        max_tokens=int(values["max_tokens"]),
        official_openai=kind == "openai",
    )


def _identity(
    endpoint: str, kind: str, prompt_hash: str, generation: Generation, schema: str = ""
) -> RequestIdentity:
    return RequestIdentity(
        endpoint=endpoint,
        endpoint_kind=kind,
        prompt_hash=prompt_hash,
        schema_hash=schema,
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


def replay_target(settings: Settings) -> tuple[str, str, dict[str, Any]]:
    """(model, endpoint kind, recorded settings) a replay answers for."""
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
    return model, kind, _resolved(settings, kind, store.read_manifest(model, kind))


__all__ = ["answer_cache", "chat_model", "generation_for", "make_llm_extractor", "replay_target"]
