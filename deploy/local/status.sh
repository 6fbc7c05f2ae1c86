#!/usr/bin/env bash
# Says which parts of the local stack run, how far each consumer group is behind on each topic (per pipeline
# stage: embed-service on uniprot.sequences.v1, predict-service on protein.residue-embeddings.v1, index-service on
# its three topics) and the state of ingest-service's release jobs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
exec java -cp "$(cat deploy/local/target/local.classpath):deploy/local/target/classes" \
  io.protstream.local.LocalStack status "${PROTSTREAM_STATE:-$ROOT/.protstream}"
