#!/usr/bin/env bash
# Pipeline speed end to end: a generated UniProt FASTA release posted to the packaged ingest-service until index-service
# has every entry, vector and annotation (Kafka, Cassandra and the four services as separate processes), against the
# encoder alone on the same sequences in the same run; per-stage throughput and consumer lag show the bottleneck.
#   src-test/e2e/bench/pipeline-speed.sh [tiny|xl|MODEL_DIR] [SEQUENCES [MAX_LENGTH]]
# tiny (default): 10,000 sequences of 30..2,000 residues; xl: 16 sequences of 30..600 residues.
set -euo pipefail
source "$(dirname "$0")/bench-classpath.sh"
source "$(dirname "$0")/bench-model.sh"
model_for "${1:-tiny}"
case "${1:-tiny}" in
  xl) DEFAULT_N=16; DEFAULT_MAX=600 ;;
  *) DEFAULT_N=10000; DEFAULT_MAX=2000 ;;
esac
exec "${BENCH_JAVA[@]}" io.protstream.e2e.bench.PipelineSpeedBenchmark "$MODEL" "${2:-$DEFAULT_N}" "${3:-$DEFAULT_MAX}"
