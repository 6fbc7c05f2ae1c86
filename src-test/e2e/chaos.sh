#!/usr/bin/env bash
# The chaos suite: a generated release (default 10,000 sequences, UniProtKB's length mix, tiny demo model) through the
# four services twice, clean and while each service is SIGKILLed at random moments and restarted, the Kafka broker and
# the Cassandra node are restarted; prints the comparison and the faults with their recovery times, and writes it to
# src-test/e2e/target/chaos/chaos-report.txt. Exit status 0 when the chaos run matches the clean run.
#   src-test/e2e/chaos.sh [--sequences N] [--seed S] [--kills K] [--kafka-restarts R] [--cassandra-restarts C]
#                         [--drain-minutes M]
# CHAOS_SKIP_BUILD=1 reuses the last build (the services' quarkus-app folders and the e2e test classes).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
CLASSPATH_FILE="$ROOT/src-test/e2e/target/chaos.classpath"
if [ "${CHAOS_SKIP_BUILD:-0}" != "1" ] || [ ! -f "$CLASSPATH_FILE" ]; then
  ./mvnw -B -q -pl ingest-service,embed-service,predict-service,index-service,src-test/e2e -am package \
    -DskipTests -Dspotless.check.skip=true \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE"
fi
cd src-test/e2e
exec java -Xmx1g -De2e.repository="$ROOT" \
  -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" io.protstream.e2e.ChaosRun "$@"
