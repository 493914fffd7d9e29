"""A scripted labeller for the fake server: answers label-mode requests by their schema name.

Kept apart from ``tests/fake_openai_server.py`` (which the fault suite extends) so both can grow
without touching each other.
"""

from __future__ import annotations

import json
import re
from typing import Any

from tests.fake_openai_server import article_of

# Labels per marked text, as a careful model would give them for the harbour articles.
FIGURES: dict[str, dict[str, Any]] = {
    "three hours": {
        "counted": "other",
        "event": "lasted",
        "role": "total",
        "scope": "at the port authority",
        "time": "on Monday",
    },
    "Around 1,200 dock workers": {
        "counted": "workers",
        "event": "none",
        "role": "total",
        "scope": "in Port Selwyn",  # not in the sentence: must be dropped, counted
        "time": "since Friday",
    },
    "less than two hours": {
        "counted": "other",
        "event": "lasted",
        "role": "total",
        "scope": "",
        "time": "",
    },
    "Some 600 dock workers": {
        "counted": "workers",
        "event": "none",
        "role": "projection",
        "scope": "",
        "time": "",
    },
}
QUOTES: dict[str, dict[str, Any]] = {
    "will not accept a cut in pay": {"speaker": 1, "channel": "social_post"},
    "The meeting was short, less than two hours": {"speaker": 7, "channel": "unknown"},
}
_MARK = re.compile(r"\[\[(.+?)\]\]")
_NUMBERED = re.compile(r"^(\d+)\. .*?\[\[(.+?)\]\]", re.MULTILINE)


def schema_name(request: dict[str, Any]) -> str:
    if request.get("tools"):
        return str(request["tools"][0]["function"]["name"])
    fmt = request.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return str(fmt["json_schema"]["name"])
    schema = fmt.get("schema") or {}
    return str(schema.get("title", ""))


def label_answer(request: dict[str, Any]) -> dict[str, Any]:
    name = schema_name(request)
    last = request["messages"][-1]["content"]
    if name in ("QuantityLabels", "QuoteLabels"):
        question = last.rsplit("\n>>>", 1)[-1]
        mark = _MARK.search(question)
        table = FIGURES if name == "QuantityLabels" else QUOTES
        return dict(table[mark.group(1)]) if mark else {}
    if name.startswith("LabelBatch"):
        quantities, quotes = [], []
        for number, mark in _NUMBERED.findall(last.rsplit("\n>>>", 1)[-1]):
            if mark in FIGURES:
                quantities.append({"id": int(number), **FIGURES[mark]})
            elif mark in QUOTES:
                quotes.append({"id": int(number), **QUOTES[mark]})
        quantities.append({"id": 99, **FIGURES["three hours"]})  # not asked: dropped, counted
        out: dict[str, Any] = {"quantities": quantities, "quotes": quotes}
        if name == "LabelBatchRecall":
            out["missed"] = MISSED if "Truck queue" in article_of(request) else []
        return out
    raise AssertionError(f"unexpected request schema {name!r}: {json.dumps(request)[:300]}")


TRUCKS = (
    "Truck queue at Port Selwyn\n\n"
    "About 300 trucks were stuck at the gates in the past two weeks, drivers said.\n"
)
# Recall for TRUCKS: the rules skip "two weeks" (a period qualifier); the model anchors it, and
# also a figure the rules have and one that is not in the article.
MISSED = [
    {
        "anchor": "in the past two weeks",
        "counted": "other",
        "event": "lasted",
        "role": "total",
        "scope": "at the gates",
        "time": "",
    },
    {
        "anchor": "About 300 trucks",
        "counted": "other",
        "event": "none",
        "role": "total",
        "scope": "",
        "time": "",
    },
    {
        "anchor": "About 900 trucks",
        "counted": "other",
        "event": "none",
        "role": "total",
        "scope": "",
        "time": "",
    },
]
FIGURES["About 300 trucks"] = {
    "counted": "other", "event": "none", "role": "total", "scope": "", "time": ""
}  # fmt: skip
