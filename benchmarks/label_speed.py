"""Label mode against a live model: seconds per article, calls, output tokens per candidate.

    python benchmarks/label_speed.py --base-url http://127.0.0.1:8080/v1 \\
        --model qwen2.5-coder-1.5b-instruct --mode json_object --shape single \\
        --cluster seed --cluster storm-casualties [--record] [--no-cache] [--dump out.jsonl]

Runs the label extractor article by article (one at a time, as a local one-thread server needs)
over eval clusters and prints, per article and as medians: wall seconds, candidates, calls,
prompt and completion tokens, completion tokens per candidate. ``--record`` stores the responses
in evals/recordings (what ``factcheck eval --replay`` then answers from); ``--dump`` writes every
label next to its candidate, for judging label accuracy by hand.

Figures, not a test: these machines are shared and noisy, so nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from factcheck.config import Settings
from factcheck.eval.dataset import latest_version, load_eval_set
from factcheck.extract import make_extractor
from factcheck.schemas import AttributionClaim, QuantityClaim

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--mode", default="json_object")
    parser.add_argument("--shape", choices=["batch", "single"], default="single")
    parser.add_argument("--cluster", action="append", default=[])
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    settings = Settings(
        backend="openai",
        model=args.model,
        base_url=args.base_url,
        mode=args.mode,
        llm_mode="label",
        label_shape=args.shape,
        label_recall=False,
        timeout=args.timeout,
        max_retries=1,
        record=args.record,
        cache=not args.no_cache,
        recordings_dir=ROOT / "evals" / "recordings",
        cache_dir=Path(os.environ.get("FACTCHECK_CACHE_DIR", Path.home() / ".cache/factcheck")),
    )
    extractor = make_extractor(settings)
    version = latest_version(ROOT / "evals")
    clusters = load_eval_set(ROOT / "evals", version, args.cluster or None)
    rows = []
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for cluster in clusters:
        for article in cluster.articles:
            start = time.perf_counter()
            claims = extractor.extract(article)
            seconds = time.perf_counter() - start
            usage = extractor.stats(article.id).usage
            n = len(claims)
            rows.append((seconds, n, usage.calls, usage.prompt_tokens, usage.completion_tokens))
            per = usage.completion_tokens / n if n else 0.0
            print(
                f"{cluster.id:20s} {article.id[:24]:24s} {seconds:7.1f} s {n:3d} candidates "
                f"{usage.calls:3d} calls {usage.prompt_tokens:6d} in {usage.completion_tokens:5d} "
                f"out {per:5.1f} out/candidate",
                flush=True,
            )
            for claim in claims if dump else []:
                assert dump is not None
                dump.write(json.dumps(_row(cluster.id, claim), ensure_ascii=False) + "\n")
    if dump:
        dump.close()
    if not rows:
        return
    seconds = [r[0] for r in rows]
    per_candidate = sum(r[4] for r in rows) / max(1, sum(r[1] for r in rows))
    calls_per_article = statistics.median(r[2] for r in rows)
    print(
        f"\n{len(rows)} articles, shape {args.shape}: median {statistics.median(seconds):.1f} s "
        f"per article (max {max(seconds):.1f}), median {calls_per_article:g} calls per article, "
        f"{per_candidate:.1f} completion tokens per candidate, "
        f"{sum(r[3] for r in rows)} prompt tokens in all"
    )


def _row(cluster: str, claim: object) -> dict[str, object]:
    if isinstance(claim, QuantityClaim):
        return {
            "cluster": cluster,
            "article": claim.article_id,
            "kind": "quantity",
            "raw": claim.raw,
            "sentence": claim.evidence.text,
            "model": claim.model_frame.model_dump(mode="json") if claim.model_frame else None,
            "filled": claim.frame.model_dump(mode="json"),
        }
    assert isinstance(claim, AttributionClaim)
    return {
        "cluster": cluster,
        "article": claim.article_id,
        "kind": "quote",
        "statement": claim.statement,
        "sentence": claim.evidence.text,
        "rules_speaker": claim.speaker if claim.speaker_by == "rules" else None,
        "rules_channel": claim.channel.value,
        "model_speaker": claim.model_speaker,
        "model_channel": claim.model_channel.value if claim.model_channel else None,
    }


if __name__ == "__main__":
    main()
