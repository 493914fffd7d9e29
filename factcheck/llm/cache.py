"""On-disk cache of validated model answers: one small JSON file per request.

Why plain JSON files rather than diskcache: entries are few and small (one per article chunk);
a JSON file can be read, diffed and grepped (the tests prove no API key is ever stored); there
is no pickle, so a tampered cache directory cannot run code; a corrupted entry is one unreadable
file that is deleted and recomputed, never a broken database; and atomic ``os.replace`` makes
concurrent writers (threads or processes) safe without locks.

Only successes are stored: callers ``put`` after a validated answer and never on an error.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from factcheck.config import Settings

log = logging.getLogger(__name__)

FORMAT = 1
_ENTRY_NAME = re.compile(r"^[0-9a-f]{64}\.json$")


def request_key(parts: dict[str, Any]) -> str:
    """Stable digest of a request description (endpoint, model, hashes, text, settings)."""
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class CacheEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: int
    key: str
    created: str
    model_id: str | None = None
    truncated: bool = False
    answer: dict[str, Any]


class AnswerCache:
    """``<dir>/v1/<key[:2]>/<key>.json``; safe to share between threads."""

    def __init__(self, directory: Path) -> None:
        self.root = directory / f"v{FORMAT}"

    def path_for(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> CacheEntry | None:
        path = self.path_for(key)
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("cache entry %s unreadable (%s); recomputing", path.name, exc)
            self.discard(key)
            return None
        try:
            entry = CacheEntry.model_validate_json(raw)
        except ValidationError:
            entry = None
        if entry is None or entry.key != key or entry.format != FORMAT:
            log.warning("cache entry %s is corrupted; recomputing", path.name)
            self.discard(key)
            return None
        return entry

    def put(
        self, key: str, answer: dict[str, Any], model_id: str | None, truncated: bool = False
    ) -> None:
        entry = CacheEntry(
            format=FORMAT,
            key=key,
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            model_id=model_id,
            truncated=truncated,
            answer=answer,
        )
        path = self.path_for(key)
        try:
            atomic_write(path, entry.model_dump_json(indent=1))
        except OSError as exc:
            # A cache that cannot be written must not fail the run.
            log.warning("cannot write cache entry %s: %s", path, exc)

    def discard(self, key: str) -> None:
        try:
            self.path_for(key).unlink(missing_ok=True)
        except OSError as exc:
            log.warning("cannot delete cache entry %s: %s", key, exc)

    def clear(self) -> int:
        """Delete every entry (only files this cache wrote); return how many."""
        removed = 0
        if not self.root.is_dir():
            return 0
        for sub in self.root.iterdir():
            if not (sub.is_dir() and len(sub.name) == 2):
                continue
            for path in sub.iterdir():
                if _ENTRY_NAME.match(path.name) or path.name.startswith(".tmp-"):
                    path.unlink(missing_ok=True)
                    removed += path.suffix == ".json" and not path.name.startswith(".tmp-")
            if not any(sub.iterdir()):
                sub.rmdir()
        return removed


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clear_cache(settings: Settings) -> int:
    """``factcheck cache clear``: number of entries removed from ``settings.cache_dir``."""
    return AnswerCache(settings.cache_dir).clear()


__all__ = ["AnswerCache", "CacheEntry", "clear_cache", "request_key"]
