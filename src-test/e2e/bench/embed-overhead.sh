#!/usr/bin/env bash
# Pipeline overhead of embed-service: sequences/s and residues/s through the packaged service (Kafka in, both output
# topics committed) against ProtT5Model called directly on the same sequences in the same run, and the padding
# embed-service reports for a UniProt-like length mix arriving in random order.
#   src-test/e2e/bench/embed-overhead.sh [tiny|xl|MODEL_DIR] [SEQUENCES [MAX_LENGTH]]
# tiny (default): 2,000 sequences of 30..2,000 residues; xl: the ProtT5-XL shape (demo weights, 4.8 GB, generated
# once into $PROTSTREAM_STATE/models/demo-xl), 16 sequences of 30..600 residues, some minutes on 2 cores.
set -euo pipefail
source "$(dirname "$0")/bench-classpath.sh"
source "$(dirname "$0")/bench-model.sh"
model_for "${1:-tiny}"
case "${1:-tiny}" in
  xl) DEFAULT_N=16; DEFAULT_MAX=600 ;;
  *) DEFAULT_N=2000; DEFAULT_MAX=2000 ;;
esac
exec "${BENCH_JAVA[@]}" io.protstream.e2e.bench.EmbedOverheadBenchmark "$MODEL" "${2:-$DEFAULT_N}" "${3:-$DEFAULT_MAX}"
