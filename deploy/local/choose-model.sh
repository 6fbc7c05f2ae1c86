#!/usr/bin/env bash
# Prints the model folder the local run serves, preparing it if needed; everything else goes to stderr.
# Order: $PROTSTREAM_MODEL; a model already fetched into $STATE/models/prott5; a fetch of the published model
# (after a quick check that the hosts answer; PROTSTREAM_FETCH=0 skips it); else the tiny deterministic demo
# model generated into $STATE/models/demo, announced loudly.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
STATE="${PROTSTREAM_STATE:-$ROOT/.protstream}"
MODELS="$STATE/models"
# the protstream tool; a different command can stand in for it (e.g. a wrapper with JVM options)
read -r -a TOOL <<< "${PROTSTREAM_TOOL:-java -jar $ROOT/model/target/protstream.jar}"

say() { echo "$@" >&2; }

if [ -n "${PROTSTREAM_MODEL:-}" ]; then
  if [ ! -f "$PROTSTREAM_MODEL/manifest.json" ]; then
    say "PROTSTREAM_MODEL=$PROTSTREAM_MODEL is not a model folder (no manifest.json)"
    exit 2
  fi
  say "model: $PROTSTREAM_MODEL (PROTSTREAM_MODEL)"
  echo "$PROTSTREAM_MODEL"
  exit 0
fi

if [ -f "$MODELS/prott5/manifest.json" ]; then
  say "model: $MODELS/prott5 (fetched earlier)"
  echo "$MODELS/prott5"
  exit 0
fi

mkdir -p "$MODELS"
if [ "${PROTSTREAM_FETCH:-1}" != "0" ]; then
  if "${TOOL[@]}" fetch --check --connect-timeout "${PROTSTREAM_FETCH_CHECK_SECONDS:-5}" \
      --out "$MODELS/prott5" >&2; then
    say "fetching the published ProtT5-XL-U50 model into $MODELS/prott5 (2.4 GB download, then convert) ..."
    if "${TOOL[@]}" fetch --out "$MODELS/prott5" --downloads "$MODELS/prott5.download" >&2; then
      echo "$MODELS/prott5"
      exit 0
    fi
    say "the fetch failed (see above); falling back to the demo model"
  fi
fi

if [ ! -f "$MODELS/demo/manifest.json" ]; then
  "${TOOL[@]}" demo-model --size tiny --out "$MODELS/demo" >&2
fi
say ""
say "################################################################################"
say "#  DEMO MODEL: the published ProtT5 weights are not available here, so the     #"
say "#  pipeline runs a tiny generated model with RANDOM weights ($MODELS/demo)."
say "#  Embeddings and annotations are plumbing checks, not biology. For real       #"
say "#  results: set PROTSTREAM_MODEL, or run 'protstream fetch' with network.      #"
say "################################################################################"
say ""
echo "$MODELS/demo"
