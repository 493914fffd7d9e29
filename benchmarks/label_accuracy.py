"""How good are a model's labels? Quote speakers and channels against the eval gold, and what the
figures' labels filled, from recorded responses (no server, no network).

    python benchmarks/label_accuracy.py --model qwen2.5-coder-1.5b-instruct \\
        --cluster seed --cluster storm-casualties [--show]

For every quote the rules found that matches a gold attribution (same statement), it counts how
often the rules' speaker and the model's speaker (``model_speaker``) are the gold speaker, and
the same for the channel. For figures, it counts the labels the model gave and the frame slots
they filled (``by="model"``); ``--show`` prints every figure's labels for judging by hand (the
eval gold has no frames).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from factcheck.config import Settings
from factcheck.eval.dataset import latest_version, load_eval_set
from factcheck.extract import make_extractor
from factcheck.rules.speakers import same_entity
from factcheck.schemas import AttributionClaim, QuantityClaim

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--cluster", action="append", default=[])
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    settings = Settings(
        backend="replay", model=args.model, recordings_dir=ROOT / "evals" / "recordings"
    )
    extractor = make_extractor(settings)
    clusters = load_eval_set(ROOT / "evals", latest_version(ROOT / "evals"), args.cluster or None)
    counts: Counter[str] = Counter()
    for cluster in clusters:
        gold = [(a, attr) for a in cluster.gold.articles for attr in a.attributions]
        for article in cluster.articles:
            for claim in extractor.extract(article):
                if isinstance(claim, QuantityClaim):
                    _figure(claim, counts, args.show)
                    continue
                assert isinstance(claim, AttributionClaim)
                match = [
                    g for a, g in gold
                    if a.id == article.id and (g.statement in claim.statement
                                               or claim.statement in g.statement)
                ]  # fmt: skip
                if not match:
                    continue
                want = match[0]
                counts["quotes"] += 1
                counts["rules speaker"] += bool(claim.speaker and same_entity(claim.speaker, want.speaker))
                model = claim.model_speaker
                counts["model speaker"] += bool(model and same_entity(model, want.speaker))
                counts["model: not in list"] += model is None
                counts["rules channel"] += claim.channel.value == want.channel
                model_channel = claim.model_channel.value if claim.model_channel else None
                counts["model channel"] += model_channel == want.channel
    quotes = max(1, counts["quotes"])
    print(f"quotes matched to gold: {counts['quotes']}")
    for key in ("rules speaker", "model speaker", "rules channel", "model channel"):
        print(f"  {key:15s} right {counts[key]:3d}  ({counts[key] / quotes:.0%})")
    print(f"  model answered 'not in list' {counts['model: not in list']} times")
    figures = max(1, counts["figures"])
    print(f"figures: {counts['figures']}")
    for key in ("counted", "event", "scope", "time", "role"):
        given, filled = counts[f"given {key}"], counts[f"filled {key}"]
        print(f"  {key:8s} labelled {given:3d} ({given / figures:.0%}), filled {filled:3d}")


def _figure(claim: QuantityClaim, counts: Counter[str], show: bool) -> None:
    counts["figures"] += 1
    model, frame = claim.model_frame, claim.frame
    if model is None:
        return
    counts["given counted"] += model.counted is not None
    counts["given event"] += model.event is not None
    counts["given scope"] += bool(model.scope)
    counts["given time"] += model.time is not None
    counts["given role"] += model.role.value != "total"
    for key in ("counted", "event", "time"):
        slot = getattr(frame, key)
        counts[f"filled {key}"] += bool(slot and slot.by == "model")
    counts["filled scope"] += any(s.by == "model" for s in frame.scope)
    counts["filled role"] += frame.role_by == "model"
    if show:
        def v(slot: object) -> str:
            return str(getattr(slot, "value", "-")) if slot else "-"

        print(
            f"{claim.article_id[:12]:12s} {claim.raw!r:36s} counted={v(model.counted):10s} "
            f"event={v(model.event):10s} role={model.role.value:8s} "
            f"scope={[s.text for s in model.scope]} time={v(model.time)} | filled: "
            + ", ".join(
                k for k in ("counted", "event", "time") if getattr(frame, k) is not None
            )
        )


if __name__ == "__main__":
    main()
