"""Pure scoring of a pipeline ``Report`` against a located gold cluster (no I/O, no printing).

Matching (``matching``) pairs each predicted claim with at most one gold claim; one small
scorer per metric then reads that matching (``scorers``: quantities, what is measured,
attributions, channels; ``flags``: contradictions, updates, must-not-flag; ``framescore``:
frames). Every score is micro-averaged over clusters (``metrics.sum_scores``);
``evals/README.md`` gives the definitions.
"""

from __future__ import annotations

from collections.abc import Mapping

from factcheck.eval.dataset import LoadedCluster
from factcheck.eval.flags import FlagScores, score_flags
from factcheck.eval.framescore import score_frames
from factcheck.eval.matching import (
    Matching,
    SameSpeaker,
    intervals_compatible,
    match_attributions,
    match_claims,
    match_quantities,
    overlap,
)
from factcheck.eval.metrics import (
    PRF,
    Accuracy,
    Area,
    Case,
    ClusterScore,
    FrameScores,
    Scores,
    prf,
    sum_scores,
)
from factcheck.eval.scorers import (
    score_attributions,
    score_channel,
    score_measured,
    score_quantities,
)
from factcheck.rules.speakers import same_entity
from factcheck.schemas import Report


def score_cluster(
    loaded: LoadedCluster,
    report: Report,
    group_of: Mapping[str, str] | None = None,
    same_speaker: SameSpeaker = same_entity,
) -> ClusterScore:
    """Score one cluster. ``group_of`` maps predicted claim ids to the system's align group."""
    m = match_claims(loaded, report, same_speaker)
    quantity, cases = score_quantities(m)
    measured, measured_cases = score_measured(m.matched_quantities, group_of or {})
    attribution, attribution_cases = score_attributions(m)
    channel, channel_cases = score_channel(m)
    frame, frame_cases = score_frames(m.matched_quantities)
    flags = score_flags(loaded, report, m.to_gold)
    cases += measured_cases + attribution_cases + channel_cases + frame_cases + flags.cases
    scores = Scores(
        quantity=quantity,
        measured=measured,
        attribution=attribution,
        channel=channel,
        contradiction=flags.contradiction,
        must_not_flag_false_alarms=flags.must_not_flag_false_alarms,
        update=flags.update,
        frame=frame,
        contradiction_with_possible=flags.contradiction_with_possible,
        updates_flagged_as_contradictions=flags.updates_flagged_as_contradictions,
    )
    return ClusterScore(cluster=loaded.id, scores=scores, cases=cases)


__all__ = [
    "PRF",
    "Accuracy",
    "Area",
    "Case",
    "ClusterScore",
    "FlagScores",
    "FrameScores",
    "Matching",
    "Scores",
    "intervals_compatible",
    "match_attributions",
    "match_claims",
    "match_quantities",
    "overlap",
    "prf",
    "score_cluster",
    "score_flags",
    "sum_scores",
]
