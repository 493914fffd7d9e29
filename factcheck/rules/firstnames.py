"""Known given names: the list in gender-guesser's data file, read once per process.

Used purely as a gazetteer ("is this capitalised word a first name?"). gender-guesser stays the
data source (its licence does not let us ship the list), but its ``Detector`` is not used: it
builds per-gender, per-country tables we never read (0.4 s per instance, and an ``lru_cache``
around it built one per worker thread). Reading only the name column takes a fraction of that,
and the result is an immutable frozenset behind a lock, so threads share one copy.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

# A data line: a gender code ("M", "?F", ...), blanks, the name; "#" and "=" lines are comments.
# Matched on bytes and anchored on a newline rather than "^" with MULTILINE: several times
# faster on the 4 MB file; only the names found are decoded and lower-cased.
_NAME_RE = re.compile(rb"\n[^#=\s]\S*[ \t]+(\S+)")
_LOCK = threading.Lock()
_names: frozenset[str] | None = None


def _data_file() -> Path:
    import gender_guesser

    return Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"


def _parse(data: bytes) -> frozenset[str]:
    """Lower-cased names, as ``Detector(case_sensitive=False)`` keys them; a "+" in a name
    stands for "", " " or "-" ("Jean+Pierre")."""
    found = _NAME_RE.findall(b"\n" + data)
    names = set(b"\n".join(found).decode("utf-8").lower().split("\n"))
    for name in [n for n in names if "+" in n]:
        names.discard(name)
        names.update(name.replace("+", sep) for sep in ("", " ", "-"))
    return frozenset(names)


def first_names() -> frozenset[str]:
    global _names
    names = _names
    if names is None:
        with _LOCK:
            if _names is None:
                _names = _parse(_data_file().read_bytes())
            names = _names
    return names
