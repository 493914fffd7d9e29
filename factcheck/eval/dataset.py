"""Load a versioned eval set, locate every gold text in the cleaned articles, freeze/verify it.

Gold files store evidence as text, not offsets (see ``factcheck.eval.gold``), so loading means
finding each text in ``Article.text`` exactly once; a missing or ambiguous text is an
``EvalError`` naming cluster, article and claim, never a silent skip. A frozen version carries
``MANIFEST.json`` (sha256 of every other file in it): any later edit fails verification.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from factcheck.errors import EvalError, FactcheckError
from factcheck.eval.gold import EvalManifest, GoldAttribution, GoldCluster, GoldQuantity
from factcheck.eval.goldpairs import (
    cross_pairs,
    gold_acceptable_pairs,
    gold_conflict_pairs,
    gold_must_not_pairs,
    gold_update_pairs,
)
from factcheck.ingest import KINDS, read_article
from factcheck.ingest.dateline import read_dateline
from factcheck.llm.grounding import Aligner
from factcheck.schemas import Article, Span

MANIFEST = "MANIFEST.json"
SCHEMA_PATH = Path("evals/schema/gold-cluster.schema.json")
_VERSION = re.compile(r"^v(\d+)$")


@dataclass(frozen=True)
class LocatedQuantity:
    ref: str  # "<article_id>:<claim_id>"
    article_id: str
    gold: GoldQuantity
    span: Span  # quantity_text, located inside the evidence
    evidence: Span


@dataclass(frozen=True)
class LocatedAttribution:
    ref: str
    article_id: str
    gold: GoldAttribution
    span: Span  # the statement; gold keeps no wider evidence for attributions


@dataclass(frozen=True)
class LoadedCluster:
    gold: GoldCluster
    articles: list[Article]
    quantities: list[LocatedQuantity]
    attributions: list[LocatedAttribution]
    notes: list[str] = field(default_factory=list)  # gold texts found only tolerantly

    @property
    def id(self) -> str:
        return self.gold.id

    def evidence_of(self, ref: str) -> str:
        for q in self.quantities:
            if q.ref == ref:
                return q.evidence.text
        return next((a.span.text for a in self.attributions if a.ref == ref), "")


# --- versions and manifest ------------------------------------------------------------------


def list_versions(root: Path) -> list[str]:
    found = [p.name for p in root.iterdir() if p.is_dir() and _VERSION.match(p.name)]
    return sorted(found, key=lambda v: int(v[1:]))


def latest_version(root: Path) -> str:
    """The newest frozen version; the newest version of all when none is frozen yet."""
    if not root.is_dir():
        raise EvalError(f"{root}: no eval set directory")
    versions = list_versions(root)
    if not versions:
        raise EvalError(f"{root}: no version folder (v1, v2, ...)")
    frozen = [v for v in versions if (root / v / MANIFEST).is_file()]
    return (frozen or versions)[-1]


def next_version(version: str) -> str:
    m = _VERSION.match(version)
    return f"v{int(m.group(1)) + 1}" if m else f"{version}-2"


def file_hashes(version_dir: Path) -> dict[str, str]:
    """sha256 of every file under the version folder except the manifest, by posix path."""
    out: dict[str, str] = {}
    for path in sorted(version_dir.rglob("*")):
        rel = path.relative_to(version_dir).as_posix()
        if path.is_file() and rel != MANIFEST:
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def is_frozen(root: Path, version: str) -> bool:
    return (root / version / MANIFEST).is_file()


def verify_manifest(root: Path, version: str) -> None:
    """Raise ``EvalError`` when a frozen version's files differ from its manifest."""
    path = root / version / MANIFEST
    try:
        manifest = EvalManifest.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError) as exc:
        raise EvalError(f"{path}: unreadable manifest: {exc}") from exc
    actual = file_hashes(root / version)
    changed = sorted(
        k for k in manifest.files.keys() & actual.keys() if manifest.files[k] != actual[k]
    )
    added = sorted(actual.keys() - manifest.files.keys())
    removed = sorted(manifest.files.keys() - actual.keys())
    if changed or added or removed or manifest.version != version:
        what = "; ".join(
            f"{label}: {', '.join(names)}"
            for label, names in (("changed", changed), ("added", added), ("removed", removed))
            if names
        )
        raise EvalError(
            f"{root.name}/{version} is frozen: create {next_version(version)} instead "
            f"({what or 'manifest names version ' + manifest.version})"
        )


def freeze(root: Path, version: str) -> EvalManifest:
    """Validate the version (every cluster loads), then write its manifest. Re-freezing an
    unchanged version is a no-op; re-freezing an edited one is refused."""
    if is_frozen(root, version):
        verify_manifest(root, version)
        return EvalManifest.model_validate_json((root / version / MANIFEST).read_text("utf-8"))
    load_eval_set(root, version)
    manifest = EvalManifest(version=version, files=file_hashes(root / version))
    text = json.dumps(manifest.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    (root / version / MANIFEST).write_text(text, encoding="utf-8")
    return manifest


def gold_schema_text() -> str:
    schema = GoldCluster.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://factcheck.invalid/gold-cluster.schema.json"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_gold_schema(path: Path = SCHEMA_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(gold_schema_text(), encoding="utf-8")


# --- loading ---------------------------------------------------------------------------------


def load_eval_set(
    root: Path, version: str, clusters: list[str] | None = None
) -> list[LoadedCluster]:
    """Every cluster of ``root/version/clusters`` (or only ``clusters``), gold located."""
    base = root / version / "clusters"
    if not base.is_dir():
        raise EvalError(f"{base}: no clusters folder")
    folders = sorted(p for p in base.iterdir() if p.is_dir())
    if clusters:
        unknown = sorted(set(clusters) - {p.name for p in folders})
        if unknown:
            raise EvalError(f"{base}: no cluster named {', '.join(unknown)}")
        folders = [p for p in folders if p.name in clusters]
    return [load_cluster(p) for p in folders]


def load_cluster(folder: Path) -> LoadedCluster:
    gold_path = folder / "gold.json"
    try:
        gold = GoldCluster.model_validate_json(gold_path.read_bytes())
    except (OSError, ValidationError) as exc:
        raise EvalError(f"{gold_path}: {exc}") from exc
    where = gold.id
    if gold.id != folder.name:
        raise EvalError(f"{gold_path}: cluster id {gold.id!r} is not the folder name")
    listed = {a.file for a in gold.articles}
    stray = sorted(
        p.name for p in folder.iterdir() if p.suffix.lower() in KINDS and p.name not in listed
    )
    if stray:
        raise EvalError(f"{where}: article files without gold: {', '.join(stray)}")
    articles: list[Article] = []
    quantities: list[LocatedQuantity] = []
    attributions: list[LocatedAttribution] = []
    notes: list[str] = []
    for entry in gold.articles:
        if Path(entry.file).stem != entry.id:
            raise EvalError(f"{where}/{entry.id}: id must be the file name without extension")
        try:
            article = read_article(folder / entry.file, entry.id)
        except FactcheckError as exc:
            raise EvalError(f"{where}/{entry.id}: {exc}") from exc
        articles.append(article)
        finder = _Finder(article, f"{where}/{entry.id}", notes)
        seen: set[str] = set()
        for q in entry.quantities:
            _unique(q.id, seen, f"{where}/{entry.id}")
            if q.low is not None and q.high is not None and q.low > q.high:
                raise EvalError(f"{where}/{entry.id}:{q.id}: low {q.low} > high {q.high}")
            ev = finder.once(q.evidence, f"{q.id} evidence")
            span = finder.once(q.quantity_text, f"{q.id} quantity_text", ev.start, ev.end)
            _check_frame(q, f"{where}/{entry.id}:{q.id}")
            quantities.append(LocatedQuantity(f"{entry.id}:{q.id}", entry.id, q, span, ev))
        for a in entry.attributions:
            _unique(a.id, seen, f"{where}/{entry.id}")
            span = finder.once(a.statement, f"{a.id} statement")
            attributions.append(LocatedAttribution(f"{entry.id}:{a.id}", entry.id, a, span))
    loaded = LoadedCluster(gold, articles, quantities, attributions, notes)
    _check_refs(loaded)
    return loaded


def _unique(claim_id: str, seen: set[str], where: str) -> None:
    if claim_id in seen:
        raise EvalError(f"{where}: duplicate claim id {claim_id!r}")
    seen.add(claim_id)


def _check_frame(q: GoldQuantity, where: str) -> None:
    """Frame texts are words of the evidence: exact substrings, so nobody annotates a scope the
    sentence does not state."""
    if q.frame is None:
        return
    texts = [(f"scope {s.kind.value}", s.text) for s in q.frame.scope]
    texts += [("time", q.frame.time)] if q.frame.time is not None else []
    for what, text in texts:
        if text not in q.evidence:
            raise EvalError(f"{where}: frame {what} {text!r} is not in its evidence")


def _check_refs(loaded: LoadedCluster) -> None:
    gold = loaded.gold
    quantities = {q.ref: q.gold for q in loaded.quantities}
    known = quantities.keys() | {a.ref for a in loaded.attributions}
    used = [r for c in gold.contradictions for g in c.groups for r in g]
    used += [r for u in gold.updates for g in u.groups for r in g]
    used += [r for m in gold.must_not_flag for r in m.claims]
    used += [r for m in gold.acceptable for r in m.claims]
    missing = sorted(set(used) - known)
    if missing:
        raise EvalError(f"{loaded.id}: unknown claim refs {', '.join(missing)}")
    conflict, update = gold_conflict_pairs(gold).keys(), gold_update_pairs(gold).keys()
    must_not, acceptable = gold_must_not_pairs(gold).keys(), gold_acceptable_pairs(gold).keys()
    for label, both in (
        ("both conflicting and must-not-flag", conflict & must_not),
        ("both conflicting and an update", conflict & update),
        ("both an update and must-not-flag", update & must_not),
        ("both conflicting and acceptable", conflict & acceptable),
        ("both must-not-flag and acceptable", must_not & acceptable),
    ):
        if both:
            listed = "; ".join(" + ".join(sorted(p)) for p in sorted(both, key=sorted))
            raise EvalError(f"{loaded.id}: pairs {label}: {listed}")
    for n, item in enumerate(gold.updates, 1):
        _check_update(loaded.id, n, item.groups, quantities)


def _check_update(
    cluster: str, n: int, groups: list[list[str]], quantities: dict[str, GoldQuantity]
) -> None:
    """An update joins quantities of a running tally, and a later figure is never lower."""
    where = f"{cluster}: update {n}"
    for ref in (r for g in groups for r in g):
        q = quantities.get(ref)
        if q is None:
            raise EvalError(f"{where}: {ref} is not a quantity")
        if q.frame is not None and not q.frame.running:
            raise EvalError(f"{where}: {ref} is not a running tally (frame.running is false)")
    for a, b in cross_pairs(groups):
        early, late = quantities[a], quantities[b]
        if early.low is not None and late.high is not None and late.high < early.low:
            raise EvalError(
                f"{where}: {b} ({late.quantity_text}) is lower than {a}, listed earlier"
            )


class _Finder:
    """Exact search first; the tolerant grounding search only when the cleaner changed
    whitespace or quote style. Either way the text must occur exactly once."""

    def __init__(self, article: Article, where: str, notes: list[str]) -> None:
        self.article = article
        self.where = where
        self.notes = notes
        self._aligner: Aligner | None = None

    def once(self, needle: str, what: str, lo: int = 0, hi: int | None = None) -> Span:
        text = self.article.text
        end = len(text) if hi is None else hi
        scope = "in its evidence" if hi is not None else "in the cleaned article text"
        at = text.find(needle, lo, end)
        dateline = read_dateline(needle) if at < 0 and hi is None else None
        if dateline is not None:
            # Gold sentences were annotated with their dateline; the cleaner cuts it off.
            needle = needle[dateline.length :]
            at = text.find(needle, lo, end)
        if at >= 0:
            if text.find(needle, at + 1, end) >= 0:
                raise EvalError(f"{self.where}:{what} {needle!r} occurs more than once {scope}")
            return self.article.span(at, at + len(needle))
        self._aligner = self._aligner or Aligner(text)
        found = self._aligner.find(needle, lo, end)
        if found is None or not needle.strip():
            raise EvalError(f"{self.where}:{what} {needle!r} not found {scope}")
        if self._aligner.find(needle, found.span.end, end) is not None:
            raise EvalError(f"{self.where}:{what} {needle!r} occurs more than once {scope}")
        self.notes.append(f"{self.where}:{what} found only by {found.method} match")
        return found.span
