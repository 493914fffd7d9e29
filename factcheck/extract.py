"""The one seam between the pipeline and whatever reads articles: the ``Extractor`` protocol,
and ``make_extractor``, which turns settings into one.

Implementations are found by name and imported only when chosen (like google/langextract's
provider registry), so the offline path never loads the model client:
``rules`` → ``factcheck.rules.RuleExtractor``; every model backend (``openai``, ``llama-cpp``,
``replay``) → ``factcheck.llm.backends.make_llm_extractor``. Tests pass a fake through the same
protocol (``tests/doubles.py``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from factcheck.errors import UsageError
from factcheck.schemas import (
    Article,
    AttributionClaim,
    Claim,
    ExtractionStats,
    ExtractorInfo,
    QuantityClaim,
)

if TYPE_CHECKING:
    from factcheck.config import Settings


@runtime_checkable
class Extractor(Protocol):
    """An implementation may set a class attribute ``cpu_bound = True`` (the rules do): the
    pipeline then extracts sequentially, since threads only help while waiting on a model."""

    def info(self) -> ExtractorInfo: ...

    def extract(self, article: Article) -> list[Claim]:
        """Return grounded claims; raise ``ExtractionError`` when the article cannot be read."""
        ...

    def stats(self, article_id: str) -> ExtractionStats: ...


# backend name -> "module:factory"; the factory takes (settings, **options) and returns an
# Extractor. Strings, not imports: choosing "rules" must never import openai.
BACKENDS: dict[str, str] = {
    "rules": "factcheck.rules:make_rule_extractor",
    "openai": "factcheck.llm.backends:make_llm_extractor",
    "llama-cpp": "factcheck.llm.backends:make_llm_extractor",
    "replay": "factcheck.llm.backends:make_llm_extractor",
}


def make_extractor(settings: Settings, **options: Any) -> Extractor:
    """The extractor the settings ask for; ``options`` reach the backend factory (tests pass a
    transport and a clock)."""
    if settings.record and settings.backend in ("rules", "replay"):
        raise UsageError(f"--record needs a model backend, not {settings.backend}")
    target = BACKENDS.get(settings.backend)
    if target is None:
        raise UsageError(f"unknown backend {settings.backend!r}; choose from {', '.join(BACKENDS)}")
    module, _, name = target.partition(":")
    factory = getattr(importlib.import_module(module), name)
    extractor: Extractor = factory(settings, **options)
    return extractor


JUDGE = "factcheck.llm.judge:make_judge"


def make_judge(settings: Settings, **options: Any) -> Any:
    """The ``--judge`` model for the settings (a ``pipeline.Judge``), found by name like the
    extractors so that nothing here imports the model client."""
    module, _, name = JUDGE.partition(":")
    return getattr(importlib.import_module(module), name)(settings, **options)


def number_claims(article_id: str, claims: Iterable[Claim]) -> list[Claim]:
    """Give claims stable ids in document order ('002:q1', '002:a1', ...)."""
    ordered = sorted(claims, key=lambda c: (c.evidence.start, c.kind, c.evidence.end))
    out: list[Claim] = []
    counters = {"quantity": 0, "attribution": 0}
    for claim in ordered:
        counters[claim.kind] += 1
        prefix = "q" if isinstance(claim, QuantityClaim) else "a"
        out.append(claim.model_copy(update={"id": f"{article_id}:{prefix}{counters[claim.kind]}"}))
    return out


__all__ = [
    "BACKENDS",
    "AttributionClaim",
    "ExtractionStats",
    "Extractor",
    "QuantityClaim",
    "make_extractor",
    "make_judge",
    "number_claims",
]
