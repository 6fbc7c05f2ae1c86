#!/usr/bin/env bash
# End-to-end latency uniprot.sequences.v1 -> protein.annotations.v1 through the packaged embed- and predict-service
# (tiny model): the maximum rate from a burst, then p50/p99 at a steady half of it.
#   src-test/e2e/bench/latency.sh [tiny|xl|MODEL_DIR] [BURST [STEADY_SECONDS]]
set -euo pipefail
source "$(dirname "$0")/bench-classpath.sh"
source "$(dirname "$0")/bench-model.sh"
model_for "${1:-tiny}"
exec "${BENCH_JAVA[@]}" io.protstream.e2e.bench.LatencyBenchmark "$MODEL" "${2:-3000}" "${3:-60}"
