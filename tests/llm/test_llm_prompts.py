"""Prompt files: loaded, validated (examples must be verbatim), hashed, rendered."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from factcheck.errors import PromptError
from factcheck.llm.prompt import default_prompts_dir, load_prompt
from factcheck.llm.prompt import parse_prompt as parse

ROOT = Path(__file__).resolve().parents[2]
GOOD = b"""name = "p"
version = 1
system = "Extract claims."
user_template = "Article:\\n<<<\\n{article}\\n>>>"

[[examples]]
article = "The ferry carried 212 passengers. \\"All safe,\\" said captain Lena Dahl."

[[examples.quantities]]
evidence = "The ferry carried 212 passengers."
quantity_text = "212 passengers"
measured = "passengers"

[[examples.attributions]]
statement = "All safe,"
quote_type = "direct"
speaker = "Lena Dahl"
channel = "press_briefing"
evidence = "\\"All safe,\\" said captain Lena Dahl."
"""


def test_default_prompt_loads_and_has_examples() -> None:
    prompt = load_prompt()
    assert prompt.examples and len(prompt.hash) == 16
    assert prompt.examples[0].quantities and prompt.examples[0].attributions


def test_messages_put_instruction_first_and_article_last_verbatim() -> None:
    prompt = parse(GOOD)
    text = "A {braced} article with <<< markers >>>."
    messages = prompt.messages(text)
    assert messages[0] == {"role": "system", "content": "Extract claims."}
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert text in messages[-1]["content"]
    assert '"212 passengers"' in messages[2]["content"]


def test_hash_follows_content() -> None:
    assert parse(GOOD).hash == parse(GOOD).hash
    assert parse(GOOD).hash != parse(GOOD.replace(b"Extract claims.", b"Extract.")).hash


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            b'The ferry carried 212 passengers."\n',
            b'The ferry carried 213 passengers."\n',
            "evidence",
        ),
        (b'quantity_text = "212 passengers"', b'quantity_text = "212 people"', "quantity_text"),
        (b'statement = "All safe,"', b'statement = "All is safe"', "statement"),
        (b"{article}", b"{text}", "exactly once"),
        (b'channel = "press_briefing"', b'channel = "pigeon"', "channel"),
        (b"version = 1", b'version = "one"', "version"),
        (b'name = "p"', b'name = "p"\nname = "q"', "TOML"),
    ],
)
def test_malformed_prompts_are_rejected(old: bytes, new: bytes, message: str) -> None:
    broken = GOOD.replace(old, new)
    assert broken != GOOD
    with pytest.raises(PromptError, match=message):
        parse(broken)


def test_missing_prompt_file_is_a_prompt_error(tmp_path: Path) -> None:
    with pytest.raises(PromptError, match="cannot read"):
        load_prompt(directory=tmp_path)


def _example_lines(node: object) -> list[str]:
    """Every line of every text in the prompt files' examples (articles, sentences, ...)."""
    if isinstance(node, dict):
        return [line for value in node.values() for line in _example_lines(value)]
    if isinstance(node, list):
        return [line for value in node for line in _example_lines(value)]
    if isinstance(node, str):
        return [line.strip() for line in node.splitlines() if len(line.strip()) >= 30]
    return []


def test_few_shot_examples_are_not_drawn_from_seed_or_eval_articles() -> None:
    sentences = []
    for prompt_file in default_prompts_dir().glob("*.toml"):
        table = tomllib.loads(prompt_file.read_text(encoding="utf-8"))
        sentences += _example_lines(table.get("examples", []))
    assert len(sentences) > 20
    # Article files only: recorded model answers may well parrot the examples.
    corpus = [*(ROOT / "examples").rglob("*"), *(ROOT / "evals").glob("v*/**/*")]
    files = [p for p in corpus if p.is_file() and p.suffix in {".txt", ".md", ".html", ".json"}]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for sentence in sentences:
            assert sentence not in text, f"few-shot sentence found in {path}"
