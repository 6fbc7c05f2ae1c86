#!/usr/bin/env bash
# Builds protstream, then starts Kafka, Cassandra and the four services in the background and waits until every
# service reports ready, ingests the sample release and waits until its sequences come out of predict-service as
# annotation events. All state (data, logs, pid files, models) lives in one folder: $PROTSTREAM_STATE or
# ./.protstream. The model: see choose-model.sh.
#   deploy/local/run.sh [--release FILE [--release-id ID]]
# --release ingests FILE (UniProt FASTA, XML or .dat, gzipped or not; not declared complete, so nothing is deleted
# by absence) instead of the sample, and prints progress (entries parsed, embedded, annotated, indexed, consumer
# lag) until the pipeline has drained. The release id defaults to the first YYYY_MM in the file's name.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --release|--release-id)
      [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; }
      if [ "$1" = --release ]; then
        [ -f "$2" ] || { echo "--release $2: no such file" >&2; exit 2; }
        ARGS+=("$1" "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")")
      else
        ARGS+=("$1" "$2")
      fi
      shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (usage: run.sh [--release FILE [--release-id ID]])" >&2; exit 2 ;;
  esac
done
cd "$ROOT"
STATE="${PROTSTREAM_STATE:-$ROOT/.protstream}"
export PROTSTREAM_STATE="$STATE"
if [ "${PROTSTREAM_SKIP_BUILD:-}" != "1" ]; then
  echo "building (./mvnw install -DskipTests) ..."
  ./mvnw -B -q install -DskipTests
fi
MODEL="$(deploy/local/choose-model.sh)"
exec java -cp "$(cat deploy/local/target/local.classpath):deploy/local/target/classes" \
  io.protstream.local.LocalStack start "$STATE" "$MODEL" ${ARGS[@]+"${ARGS[@]}"}
