"""The report's published JSON Schema (``factcheck schema``, docs/report.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from factcheck.schemas import SCHEMA_VERSION, Report


def report_json_schema() -> dict[str, Any]:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://factcheck.invalid/report-{SCHEMA_VERSION}.json"
    return schema


def report_json_schema_text() -> str:
    return json.dumps(report_json_schema(), indent=2, ensure_ascii=False) + "\n"
