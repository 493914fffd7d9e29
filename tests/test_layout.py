"""The tree shows the pipeline: a folder per stage, a file per idea, a small spine."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "factcheck"
STAGES = ("ingest", "numbers", "rules", "llm", "eval")
MAX_LINES = 400
MAX_SPINE_MODULES = 15


def test_no_module_over_the_line_limit() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these by idea (limit {MAX_LINES} lines): {long}"


def test_the_spine_stays_small() -> None:
    spine = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(spine) <= MAX_SPINE_MODULES, spine


def test_every_stage_is_a_package_that_says_what_it_does() -> None:
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        assert init.is_file(), f"factcheck/{stage}/ is not a package"
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"factcheck/{stage}/__init__.py has no docstring"


def test_prompts_are_package_data() -> None:
    assert list((PACKAGE / "llm" / "prompts").glob("*.toml")), "no prompt file in the package"
