"""Offline extraction throughput on one core, against the limit of a bare regex scan.

    python benchmarks/extraction_speed.py [--mb 2] [--repeat 5] [--quick]

Each repeat runs in a fresh interpreter (so no warm cache from an earlier repeat flatters the
figure; ``-P``: set PYTHONPATH to time another checkout) and times ``RuleExtractor.extract``
over every article in CPU seconds; interpreter start-up, imports and the one-time first-name
list load are reported apart. The corpora: the
synthetic generator's articles (``--mb`` of them) and the eval set's hand-written articles.
The limit is what one pass of ``re.finditer`` over the same text costs: a word scan (every word
a match object, the least any tokenising rule extractor does) and a whitespace-split scan.
Figures, not a test: the box is shared and noisy, so this prints medians and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
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
claims = sum(len(extractor.extract(a)) for a in articles)
t4 = time.process_time()
text = "\n\n".join(a.text for a in articles)
t5 = time.process_time()
words = sum(1 for _ in re.finditer(r"\w+", text))
t6 = time.process_time()
chunks = sum(1 for _ in re.finditer(r"\S+", text))
t7 = time.process_time()
print(json.dumps({"imports": t1 - t0, "ingest": t2 - t1, "names": t3 - t2, "extract": t4 - t3,
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
                [sys.executable, "-P", "-c", _CHILD, str(path)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            runs.append(json.loads(out))
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def _eval_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "evals").glob("v*/clusters/*/*")):
        if path.suffix in (".txt", ".md"):
            texts.append(path.read_text(encoding="utf-8"))
    return texts


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
        f"first names {m['names']:.2f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mb", type=float, default=2.0, help="synthetic corpus size")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="small and once (CI)")
    ns = parser.parse_args()
    mb, repeat = (0.1, 1) if ns.quick else (ns.mb, ns.repeat)
    print(f"offline extraction, one core, median of {repeat} fresh interpreter(s)")
    report("synthetic corpus", _run(_synthetic_texts(mb), repeat))
    report("eval set articles", _run(_eval_texts(), repeat))


if __name__ == "__main__":
    main()
