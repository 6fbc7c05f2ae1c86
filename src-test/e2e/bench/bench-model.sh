#!/usr/bin/env bash
# Sourced by the benchmark scripts: model_for tiny|xl|DIR sets MODEL to a model folder, generating the demo model
# of that shape once into $PROTSTREAM_STATE/models (default .protstream/models) when needed.
model_for() {
  local state="${PROTSTREAM_STATE:-$ROOT/.protstream}"
  case "$1" in
    tiny|xl)
      MODEL="$state/models/demo-$1"
      if [ ! -f "$MODEL/manifest.json" ]; then
        echo "generating the $1 demo model into $MODEL ..." >&2
        java -jar model/target/protstream.jar demo-model --size "$1" --out "$MODEL" >&2
      fi ;;
    *)
      MODEL="$1"
      [ -f "$MODEL/manifest.json" ] || { echo "$MODEL is not a model folder (no manifest.json)" >&2; exit 2; } ;;
  esac
}
