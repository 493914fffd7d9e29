"""Known given names: the list in gender-guesser's data file, read once per process.

Used purely as a gazetteer ("is this capitalised word a first name?"). gender-guesser stays the
data source (its licence does not let us ship the list), but its ``Detector`` is not used: it
builds per-gender, per-country tables we never read (0.4 s per instance, and an ``lru_cache``
around it built one per worker thread). Reading only the name column takes a fraction of that,
and the result is an immutable frozenset behind a lock, so threads share one copy.

Even that read is 50 ms of a 0.5 s command (scanning 4 MB and building 61,000 strings), so the
parsed set is kept in the user's cache directory (``$XDG_CACHE_HOME/factcheck``, marshal, about
0.5 MB, 10 ms to load), keyed by the data file's path, size and modification time and by our
parser's version: a new gender-guesser or a new parser makes a new entry. The cache is only
ever a shortcut: a cache that cannot be read or written is ignored and the file parsed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import tempfile
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


# Bump when ``_parse`` changes what it returns: old cache entries are then never read.
_PARSER_VERSION = 1


def _cache_file(source: Path) -> Path:
    stat = source.stat()
    key = f"{_PARSER_VERSION}\0{source}\0{stat.st_size}\0{stat.st_mtime_ns}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck" / "names" / f"first-names-{digest}.marshal"


def _from_cache(path: Path) -> frozenset[str] | None:
    try:
        value = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if isinstance(value, frozenset) and all(isinstance(n, str) for n in value):
        return value
    return None  # not ours, or damaged: parse again and overwrite


def _to_cache(path: Path, names: frozenset[str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".first-names-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(marshal.dumps(names))
            os.replace(tmp, path)  # whole or absent: a reader never sees half a file
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a read-only home or a full disk: the next run parses the file again


def _load() -> frozenset[str]:
    source = _data_file()
    try:
        cached = _cache_file(source)
    except OSError:
        return _parse(source.read_bytes())
    names = _from_cache(cached)
    if names is None:
        names = _parse(source.read_bytes())
        _to_cache(cached, names)
    return names


def first_names() -> frozenset[str]:
    global _names
    names = _names
    if names is None:
        with _LOCK:
            if _names is None:
                _names = _load()
            names = _names
    return names
