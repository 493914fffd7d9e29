"""Prompt files: load, validate, hash and render them into chat messages.

A prompt is a TOML file in ``factcheck/llm/prompts/`` (instruction, user template, few-shot
examples). The examples are checked like model output: they must validate against the response
schema and every text they quote must occur verbatim in their example article, so a broken
example (which would teach the model to invent spans) fails loudly at load time. The file's
content hash goes into every cache key, recording and report.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from factcheck.errors import PromptError
from factcheck.llm.claims import LLMAttribution, LLMExtraction, LLMQuantity

DEFAULT_PROMPT = "extract_claims"
PLACEHOLDER = "{article}"


class PromptExample(BaseModel):
    model_config = ConfigDict(extra="forbid")

    article: str
    quantities: list[LLMQuantity] = []
    attributions: list[LLMAttribution] = []

    def answer(self) -> LLMExtraction:
        return LLMExtraction(quantities=self.quantities, attributions=self.attributions)


class Prompt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: int
    system: str
    user_template: str
    examples: list[PromptExample] = []
    hash: str = ""
    path: str = ""

    def user_message(self, article_text: str) -> str:
        # str.replace, not str.format: articles contain braces.
        return self.user_template.replace(PLACEHOLDER, article_text)

    def messages(self, article_text: str) -> list[dict[str, str]]:
        """System instruction, each example as a user/assistant turn, then the article."""
        out = [{"role": "system", "content": self.system}]
        for example in self.examples:
            out.append({"role": "user", "content": self.user_message(example.article)})
            out.append({"role": "assistant", "content": example.answer().model_dump_json()})
        out.append({"role": "user", "content": self.user_message(article_text)})
        return out


def default_prompts_dir() -> Path:
    """``factcheck/llm/prompts/``: package data, so an installed wheel finds it too."""
    return Path(__file__).resolve().with_name("prompts")


def read_prompt_file(name: str, directory: Path | None = None) -> tuple[bytes, str]:
    """(content, path) of ``<directory>/<name>.toml`` (default: the package's prompts)."""
    path = (directory or default_prompts_dir()) / f"{name}.toml"
    try:
        return path.read_bytes(), str(path)
    except OSError as exc:
        raise PromptError(f"{path}: cannot read prompt file ({exc.strerror or exc})") from exc


def parse_toml(data: bytes, source: str) -> tuple[dict[str, object], str]:
    """(table, content hash): the hash of the file's bytes goes into every request key."""
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PromptError(f"{source}: not valid UTF-8 TOML: {exc}") from exc
    return table, hashlib.sha256(data).hexdigest()[:16]


def first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg']}"


def load_prompt(name: str = DEFAULT_PROMPT, directory: Path | None = None) -> Prompt:
    return parse_prompt(*read_prompt_file(name, directory))


def parse_prompt(data: bytes, source: str = "<prompt>") -> Prompt:
    table, digest = parse_toml(data, source)
    try:
        prompt = Prompt.model_validate({**table, "hash": digest, "path": source})
    except ValidationError as exc:
        raise PromptError(f"{source}: {first_error(exc)}") from exc
    _check(prompt, source)
    return prompt


def _check(prompt: Prompt, source: str) -> None:
    if prompt.user_template.count(PLACEHOLDER) != 1:
        raise PromptError(f"{source}: user_template must contain {PLACEHOLDER} exactly once")
    if not prompt.system.strip():
        raise PromptError(f"{source}: system instruction is empty")
    for n, example in enumerate(prompt.examples, 1):
        text = example.article
        for q in example.quantities:
            _verbatim(source, n, "evidence", q.evidence, text)
            _verbatim(source, n, "quantity_text", q.quantity_text, q.evidence)
        for a in example.attributions:
            _verbatim(source, n, "evidence", a.evidence, text)
            _verbatim(source, n, "statement", a.statement, a.evidence)


def _verbatim(source: str, n: int, field: str, needle: str, haystack: str) -> None:
    if not needle or needle not in haystack:
        raise PromptError(f"{source}: example {n}: {field} {needle!r} is not copied verbatim")


__all__ = [
    "DEFAULT_PROMPT",
    "Prompt",
    "PromptExample",
    "default_prompts_dir",
    "first_error",
    "load_prompt",
    "parse_toml",
    "read_prompt_file",
]
