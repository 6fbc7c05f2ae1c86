#!/usr/bin/env bash
# Sourced by the benchmark scripts: packages the four services and what the benchmarks use (skipped with
# PROTSTREAM_SKIP_BUILD=1), compiles the benchmark classes against those modules' class paths, and sets BENCH_JAVA
# to the java command line that runs a benchmark class.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
if [ "${PROTSTREAM_SKIP_BUILD:-}" != "1" ]; then
  echo "building the services (./mvnw package -DskipTests) ..." >&2
  ./mvnw -B -q -pl ingest-service,embed-service,predict-service,index-service,deploy/local,src-test/infra -am package \
    dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime \
    -DskipTests -Dspotless.check.skip=true
fi
for f in deploy/local/target/local.classpath model/target/bench.classpath schemas/target/bench.classpath \
  src-test/infra/target/bench.classpath; do
  [ -e "$f" ] || { echo "$f is missing: run without PROTSTREAM_SKIP_BUILD=1" >&2; exit 2; }
done
BENCH_CP="deploy/local/target/classes:$(cat deploy/local/target/local.classpath)"
BENCH_CP="$BENCH_CP:model/target/classes:$(cat model/target/bench.classpath)"
BENCH_CP="$BENCH_CP:schemas/target/classes:$(cat schemas/target/bench.classpath)"
BENCH_CP="$BENCH_CP:src-test/infra/target/classes:$(cat src-test/infra/target/bench.classpath)"
BENCH_CLASSES=src-test/e2e/target/bench-classes
rm -rf "$BENCH_CLASSES"
# the benchmarks build their events with the end-to-end suite's EmbedStreams
javac -nowarn -d "$BENCH_CLASSES" -cp "$BENCH_CP" src-test/e2e/src/test/java/io/protstream/e2e/bench/*.java \
  src-test/e2e/src/test/java/io/protstream/e2e/EmbedStreams.java
BENCH_JAVA=(java "${BENCH_HEAP:--Xmx2g}" -De2e.repository="$ROOT" -cp "$BENCH_CLASSES:$BENCH_CP")
