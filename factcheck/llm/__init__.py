"""LLM: the model path. Label mode (default): the model labels the rules' candidates; extract
mode: the model returns claims, grounded in the article; the judge: a verdict on a conflicting
pair. Any OpenAI-compatible endpoint (instructor + openai) or an in-process llama.cpp model;
every answer cached, recorded and replayed.

Only ``factcheck.llm.client`` imports openai/instructor and only ``factcheck.llm.local`` llama_cpp;
names are resolved lazily so ``import factcheck.llm.grounding`` never loads a model client.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.llm.backends import make_llm_extractor
    from factcheck.llm.extractor import LLMExtractor
    from factcheck.llm.judge import ModelJudge, make_judge
    from factcheck.llm.labeler import LabelExtractor

_LAZY = {
    "LLMExtractor": "factcheck.llm.extractor",
    "LabelExtractor": "factcheck.llm.labeler",
    "ModelJudge": "factcheck.llm.judge",
    "make_judge": "factcheck.llm.judge",
    "make_llm_extractor": "factcheck.llm.backends",
}

__all__ = ["LLMExtractor", "LabelExtractor", "ModelJudge", "make_judge", "make_llm_extractor"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'factcheck.llm' has no attribute {name!r}")
