# Sourced by the record_*.sh scripts: start `python -m llama_cpp.server` on a free loopback port,
# one thread, wait until it answers, and stop it on exit.
#   start_llama_server GGUF ALIAS [extra server flags...]   -> sets PORT, SERVER, LOG
start_llama_server() {
    local gguf=$1 alias=$2
    shift 2
    PORT=$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    LOG=$(mktemp -t llama-server.XXXXXX.log)
    python -m llama_cpp.server --model "$gguf" --n_threads 1 --n_ctx 4096 --host 127.0.0.1 \
        --port "$PORT" --model_alias "$alias" "$@" >"$LOG" 2>&1 &
    SERVER=$!
    trap 'kill "$SERVER" 2>/dev/null || true' EXIT
    for _ in $(seq 1 120); do
        python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$PORT/v1/models', timeout=2)" \
            2>/dev/null && return 0
        kill -0 "$SERVER" 2>/dev/null || { echo "llama server exited:" >&2; tail -20 "$LOG" >&2; exit 1; }
        sleep 1
    done
    echo "llama server not ready after 120 s" >&2
    exit 1
}
