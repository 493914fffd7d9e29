"""Record raw model responses and replay them, keyed by the full request.

Layout: ``<recordings_dir>/<model>/<endpoint kind>/<request digest>.json``. The digest covers the
endpoint kind, model, prompt hash, schema hash, the exact text sent and the generation settings,
so a replay can only ever be answered by the response to the very same request: anything else
(a changed prompt, schema, article or setting) is a stale recording and fails loudly.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from factcheck.errors import EvalError
from factcheck.llm.cache import atomic_write, read_file_text, request_key

FORMAT = 1
MANIFEST = "settings.json"
MAX_RECORDING_BYTES = 16 * 1024 * 1024  # a response is at most max_answer_bytes, and dumped


class StaleRecordingError(EvalError):
    """A replayed request has no recording: the run must fail, not guess."""

    def __init__(self, path: Path, label: str) -> None:
        super().__init__(
            f"stale recording (prompt changed since recording?): no recorded response for "
            f"{label} at {path}; re-record with --record"
        )
        self.path = path


class RequestKey(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    endpoint_kind: str
    model: str
    prompt_hash: str
    schema_hash: str
    text_sha256: str
    settings: dict[str, Any]

    def digest(self) -> str:
        return request_key(self.model_dump())


class Recording(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: int
    key: RequestKey
    label: str = ""
    model_id: str | None
    recorded_at: str
    response: dict[str, Any]


def model_slug(model: str) -> str:
    """A directory name for a model id ('org/model:q4' -> 'org-model-q4')."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", model).strip("-.")
    return slug or "model"


class RecordingStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, key: RequestKey) -> Path:
        return self.root / model_slug(key.model) / key.endpoint_kind / f"{key.digest()}.json"

    def save(
        self, key: RequestKey, response: dict[str, Any], model_id: str | None, label: str
    ) -> Path:
        record = Recording(
            format=FORMAT,
            key=key,
            label=label,
            model_id=model_id,
            recorded_at=datetime.now(UTC).date().isoformat(),
            response=response,
        )
        path = self.path_for(key)
        _write(path, record.model_dump_json(indent=1) + "\n")
        return path

    def load(self, key: RequestKey, label: str = "a request") -> Recording:
        path = self.path_for(key)
        try:
            record = Recording.model_validate_json(read_file_text(path, MAX_RECORDING_BYTES))
        except FileNotFoundError:
            raise StaleRecordingError(path, label) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise EvalError(f"{path}: unreadable recording: {_why(exc)}") from None
        except ValidationError as exc:
            raise EvalError(f"{path}: unreadable recording: {_first(exc)}") from None
        if record.key != key:
            raise StaleRecordingError(path, label)
        return record

    def write_manifest(self, model: str, endpoint_kind: str, settings: dict[str, Any]) -> None:
        """The generation settings of a recording session, so that a plain ``--replay``
        sends the same requests (and so finds their recordings)."""
        path = self.root / model_slug(model) / endpoint_kind / MANIFEST
        _write(path, json.dumps(settings, indent=1, sort_keys=True) + "\n")

    def read_manifest(self, model: str, endpoint_kind: str) -> dict[str, Any]:
        path = self.root / model_slug(model) / endpoint_kind / MANIFEST
        try:
            data = json.loads(read_file_text(path, MAX_RECORDING_BYTES))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            why = _why(exc) if isinstance(exc, OSError) else str(exc)
            raise EvalError(f"{path}: unreadable recording settings: {why}") from None
        return data if isinstance(data, dict) else {}

    def models(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir())

    def endpoint_kinds(self, model: str) -> list[str]:
        directory = self.root / model_slug(model)
        if not directory.is_dir():
            return []
        return sorted(p.name for p in directory.iterdir() if p.is_dir())


def _write(path: Path, text: str) -> None:
    """A recording that cannot be written stops the run: a --record run that silently kept
    nothing would pass for a complete one."""
    try:
        atomic_write(path, text)
    except OSError as exc:
        raise EvalError(f"{path}: cannot write the recording: {_why(exc)}") from None


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return type(exc).__name__


def _first(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"


__all__ = ["Recording", "RecordingStore", "RequestKey", "StaleRecordingError", "model_slug"]
