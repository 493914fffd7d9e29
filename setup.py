"""Build hook. By default the package is pure Python. With ``FACTCHECK_COMPILE=1`` the offline
extractor's modules (``factcheck/numbers``, ``factcheck/rules``) are compiled to C extensions
with mypyc: the same code and the same claims, about 1.3 times faster (docs/speed.md). The
compile type-checks the package, so mypy, setuptools >= 77 and the package's own dependencies
must be in the build environment (README "Faster offline extraction")."""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

# Left pure: package ``__init__`` files (re-exports only), and the first-name list's loader
# (file I/O, run once; its tests replace its functions, which a compiled module would not see).
_PURE = {"__init__.py", "firstnames.py"}


def compiled_modules() -> list[str]:
    root = Path(__file__).resolve().parent
    return [
        str(path.relative_to(root))
        for folder in ("factcheck/numbers", "factcheck/rules")
        for path in sorted((root / folder).glob("*.py"))
        if path.name not in _PURE
    ]


def _ext_modules() -> list[object]:
    if os.environ.get("FACTCHECK_COMPILE", "") != "1":
        return []
    from mypyc.build import mypycify

    return list(mypycify(compiled_modules(), opt_level="3"))


setup(ext_modules=_ext_modules())
