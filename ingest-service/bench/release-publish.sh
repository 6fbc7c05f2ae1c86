#!/usr/bin/env bash
# Release benchmark: a generated UniProt release of N flat-file entries (default 570,000, Swiss-Prot size) is
# diffed against the ledger and published to Kafka by a running local stack (deploy/local/run.sh), and compared
# with the time to only parse the same file (uniprot-check.jar) in the same run.
#   ingest-service/bench/release-publish.sh [ENTRIES]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
N="${1:-570000}"
STATE="${PROTSTREAM_STATE:-$ROOT/.protstream}"
TOKEN="$(cat "$STATE/ingest-token")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
RELEASE="bench_$(date +%s)"
FILE="$WORK/$RELEASE.dat"

java -cp ingest-service/target/classes io.protstream.ingest.bench.ParseBenchmark --generate flat "$N" "$FILE"

T0=$(date +%s.%N)
java -jar ingest-service/target/uniprot-check.jar "$FILE" | tail -1
T1=$(date +%s.%N)
PARSE=$(echo "$T1 - $T0" | bc)

JOB=$(curl -sf -X POST http://127.0.0.1:8081/releases -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d "{\"source\":\"$FILE\",\"releaseId\":\"$RELEASE\",\"complete\":false}" | sed 's/.*"id":"\([^"]*\)".*/\1/')
while :; do
  STATUS=$(curl -sf "http://127.0.0.1:8081/releases/$JOB")
  case "$STATUS" in *'"state":"SUCCEEDED"'*|*'"state":"FAILED"'*) break ;; esac
  sleep 2
done
echo "$STATUS"
python3 - "$STATUS" "$PARSE" "$N" <<'PY'
import json, sys
from datetime import datetime
job, parse, n = json.loads(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
t = lambda s: datetime.fromisoformat(s.replace('Z', '+00:00')[:26] + '+00:00')
total = (t(job['finished']) - t(job['started'])).total_seconds()
print(f"entries {n:,}: parse only {parse:.1f} s ({n/parse:,.0f}/s); diff + ledger + publish {total:.1f} s "
      f"({n/total:,.0f}/s); publish/parse time ratio {total/parse:.1f}x")
PY
