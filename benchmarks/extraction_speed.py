"""Offline extraction throughput on one core, against the limit of a bare regex scan.

    python benchmarks/extraction_speed.py [--mb 2] [--repeat 5] [--quick] [--dir PATH ...]

Each repeat runs in a fresh interpreter (so no warm cache from an earlier repeat flatters the
figure; ``-P``: set PYTHONPATH to time another checkout) and times ``RuleExtractor.extract``
over every article in CPU seconds; interpreter start-up, imports and the one-time first-name
list load are reported apart. The corpora: the
synthetic generator's articles (``--mb`` of them), the eval set's hand-written articles, and
each ``--dir`` given: every ``.txt``/``.md`` file under it (real news, which the repository does
not hold: ``--dir ../shared/realnews-dev/clusters``).
The limit is what one pass of ``re.finditer`` over the same text costs: a word scan (every word
a match object, the least any tokenising rule extractor does) and a whitespace-split scan.
Figures, not a test: the box is shared and noisy, so this prints medians and asserts nothing.

``--instructions`` counts instead of timing (valgrind's cachegrind, when installed): the
instructions the extraction executes per byte of text, and those of the word scan. Counts do
not move with the machine's load, so a before/after comparison on a busy box is exact (run it
with PYTHONPATH set to each checkout); it runs the interpreter 50 times slower, so the corpora
are small (``--mb 0.2`` by default there). ``--where`` adds, for each corpus, the share of the
extraction's instructions spent in the regex engine, the bytecode loop, compiled modules and
the rest of the interpreter (object and memory machinery), read from cachegrind's per-file
counts: what a faster rule could save and what it cannot.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import generate  # noqa: E402

_CHILD = r"""
import json, re, sys, time
from pathlib import Path
t0 = time.process_time()
from factcheck.ingest import article_from_text
from factcheck.rules import RuleExtractor
t1 = time.process_time()
texts = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
articles = [article_from_text(t, article_id=f"a{i}", source=f"a{i}.txt")
            for i, t in enumerate(texts)]
t2 = time.process_time()
extractor = RuleExtractor()
from factcheck.rules import mentions
mentions.is_first_name("Maria")  # the one-time name list load, timed apart
t3 = time.process_time()
# One-time costs of the first extraction (modules and patterns loaded on first use), timed
# apart on other text (the seed articles), so that a small corpus measures the steady rate.
for path in sorted(Path(sys.argv[2]).glob("*.txt")):
    extractor.extract(article_from_text(path.read_text(encoding="utf-8"), article_id="w",
                                        source=path.name))
t3b = time.process_time()
claims = sum(len(extractor.extract(a)) for a in articles)
t4 = time.process_time()
text = "\n\n".join(a.text for a in articles)
t5 = time.process_time()
words = sum(1 for _ in re.finditer(r"\w+", text))
t6 = time.process_time()
chunks = sum(1 for _ in re.finditer(r"\S+", text))
t7 = time.process_time()
print(json.dumps({"imports": t1 - t0, "ingest": t2 - t1, "names": t3 - t2, "warm": t3b - t3,
                  "extract": t4 - t3b,
                  "claims": claims, "chars": len(text), "bytes": len(text.encode()),
                  "word_scan": t6 - t5, "split_scan": t7 - t6, "words": words}))
"""


def _run(texts: list[str], repeat: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "texts.json"
        path.write_text(json.dumps(texts), encoding="utf-8")
        runs = []
        for _ in range(repeat):
            out = subprocess.run(
                [sys.executable, "-P", "-c", _CHILD, str(path), str(ROOT / "examples" / "seed")],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            runs.append(json.loads(out))
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


_COUNT_CHILD = r"""
import json, re, sys
from pathlib import Path
from factcheck.ingest import article_from_text
from factcheck.rules import RuleExtractor
texts = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
articles = [article_from_text(t, article_id=f"a{i}", source=f"a{i}.txt")
            for i, t in enumerate(texts)]
extractor = RuleExtractor()
extractor.extract(articles[0])  # one-time loads (first names, caches of compiled patterns)
what = sys.argv[2]
if what == "extract":
    for a in articles:
        extractor.extract(a)
elif what == "scan":
    sum(1 for _ in re.finditer(r"\w+", "\n\n".join(a.text for a in articles)))
"""


def _instructions(path: Path, what: str, cache: str, out_file: str = "/dev/null") -> int:
    """Instructions the child executes (all of it: start-up, imports, ``what``); cachegrind's
    per-file counts go to ``out_file``."""
    out = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out_file}",
         sys.executable, "-P", "-c", _COUNT_CHILD, str(path), what],
        check=True, capture_output=True, text=True,
        # The same set orders every run; the first-name list read from a cache only these runs
        # use (see ``count``).
        env={**os.environ, "PYTHONHASHSEED": "0", "XDG_CACHE_HOME": cache},
    )  # fmt: skip
    found = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no instruction count:\n{out.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


# Where an instruction runs, by the source file cachegrind names (CPython built with symbols, as
# pyenv builds it; without them most of it is "unnamed"): first match wins.
_PLACES = (
    ("regex engine (_sre)", ("/_sre/",)),
    ("bytecode loop (ceval)", ("/ceval.c",)),
    ("compiled modules (mypyc)", ("__native", "/mypyc/")),
    ("unnamed (libraries without symbols: pydantic-core, rapidfuzz, ...)", ("???",)),
)


def _per_place(out_file: str) -> dict[str, int]:
    """Instructions per place (``_PLACES``, and the rest of the interpreter) of a cachegrind
    output file: ``fl=`` names the file the next count lines belong to."""
    totals: dict[str, int] = {}
    place = "interpreter runtime (objects, memory, strings, ...)"
    for line in Path(out_file).read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("fl="):
            place = next(
                (name for name, marks in _PLACES if any(m in line for m in marks)),
                "interpreter runtime (objects, memory, strings, ...)",
            )
        elif line[:1].isdigit():
            fields = line.split()
            if len(fields) >= 2:
                totals[place] = totals.get(place, 0) + int(fields[1])
    return totals


def count(name: str, texts: list[str], where: bool = False) -> None:
    """Instructions per byte of the extraction and of the word scan (each minus a run that
    stops before it); with ``where``, the extraction's instructions by place."""
    with tempfile.TemporaryDirectory() as tmp:
        # The first-name list parsed once into a cache folder of these runs alone, so that
        # every run reads it ("Maria": a one-letter word is refused before the list loads).
        # Of a run that parses it (500 M instructions) and one that reads it, the difference
        # would not be the extraction alone; and the user's own cache folder is shared with
        # every other checkout and install on the machine, each keeping only its newest entries
        # (rules/firstnames.py), so a run beside them could find ours evicted.
        cache = str(Path(tmp) / "cache")
        load = "from factcheck.rules import mentions; mentions.is_first_name('Maria')"
        subprocess.run(
            [sys.executable, "-P", "-c", load],
            check=True,
            # Written under the runs' hash seed too: the set's order in the file decides its
            # probe chains, which moved the counts by half a percent between cache writes.
            env={**os.environ, "PYTHONHASHSEED": "0", "XDG_CACHE_HOME": cache},
        )
        path = Path(tmp) / "texts.json"
        path.write_text(json.dumps(texts), encoding="utf-8")
        files = (str(Path(tmp) / "base.cg"), str(Path(tmp) / "extract.cg"))
        base = _instructions(path, "none", cache, files[0] if where else "/dev/null")
        extract = _instructions(path, "extract", cache, files[1] if where else "/dev/null") - base
        scan = _instructions(path, "scan", cache) - base
        places = {}
        if where:
            before, after = _per_place(files[0]), _per_place(files[1])
            places = {k: after[k] - before.get(k, 0) for k in after}
    if extract <= 0 or scan <= 0:
        raise SystemExit(f"{name}: the baseline run counted more than the measured runs; not valid")
    size = sum(len(t.encode()) for t in texts)
    print(
        f"{name:22s} {size / 1e6:6.2f} MB  extract {extract / 1e6:8.0f} M instructions = "
        f"{extract / size:6.0f} per byte   word scan {scan / size:5.0f} per byte   "
        f"(ratio {extract / max(scan, 1):.0f})"
    )
    for place, n in sorted(places.items(), key=lambda kv: -kv[1]):
        print(f"{'':22s} {n / extract:6.1%} {n / size:6.0f} per byte  {place}")


def _eval_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "evals").glob("v*/clusters/*/*")):
        if path.suffix in (".txt", ".md"):
            texts.append(path.read_text(encoding="utf-8"))
    return texts


def _dir_texts(folder: Path) -> list[str]:
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md") and p.is_file())
    if not files:
        raise SystemExit(f"--dir {folder}: no .txt or .md article under it")
    return [p.read_text(encoding="utf-8") for p in files]


def _synthetic_texts(megabytes: float) -> list[str]:
    per_article = len(next(iter(generate(1)[0].values())).encode())
    files, _ = generate(max(1, int(megabytes * 1_000_000 / per_article)))
    return list(files.values())


def report(name: str, m: dict[str, float]) -> None:
    mb = m["bytes"] / 1e6
    print(
        f"{name:22s} {mb:6.2f} MB {int(m['claims']):6d} claims  "
        f"extract {m['extract']:6.2f} s CPU = {mb / m['extract']:5.2f} MB/s   "
        f"limit: word scan {mb / m['word_scan']:6.1f} MB/s, split scan "
        f"{mb / m['split_scan']:6.1f} MB/s   (one-time: imports {m['imports']:.2f} s, "
        f"first names {m['names']:.2f} s, first extraction {m['warm']:.2f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mb", type=float, default=2.0, help="synthetic corpus size")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="small and once (CI)")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions (valgrind) instead"
    )
    parser.add_argument(
        "--where",
        action="store_true",
        help="with --instructions: the share of the regex engine, the bytecode loop, ...",
    )
    parser.add_argument(
        "--dir",
        type=Path,
        action="append",
        default=[],
        help="also measure the .txt/.md articles under this folder (repeatable)",
    )
    ns = parser.parse_args()
    folders = [(f"{folder.name}/", _dir_texts(folder)) for folder in ns.dir]
    if ns.instructions:
        if shutil.which("valgrind") is None:
            raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
        mb = ns.mb if "--mb" in sys.argv else 0.2
        print("offline extraction, instructions counted by valgrind (PYTHONHASHSEED=0)")
        count("synthetic corpus", _synthetic_texts(mb), ns.where)
        count("eval set articles", _eval_texts(), ns.where)
        for name, texts in folders:
            count(name[-22:], texts, ns.where)
        return
    mb, repeat = (0.1, 1) if ns.quick else (ns.mb, ns.repeat)
    print(f"offline extraction, one core, median of {repeat} fresh interpreter(s)")
    report("synthetic corpus", _run(_synthetic_texts(mb), repeat))
    report("eval set articles", _run(_eval_texts(), repeat))
    for name, texts in folders:
        report(name[-22:], _run(texts, repeat))


if __name__ == "__main__":
    main()
