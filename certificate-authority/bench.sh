#!/usr/bin/env bash
# Issuance benchmark of the CA (see README.md, "Benchmark"). Run from anywhere:
#   certificate-authority/bench.sh [seconds per measurement, default 20] [client threads, default 8]
# Builds the module without tests (CA_BENCH_MVN_ARGS: extra Maven arguments, e.g. -o), then runs
# io.tlsuite.ca.bench.IssuanceBenchmark, which starts an embedded Kafka broker and the packaged CA
# (embedded H2; CA_BENCH_POSTGRES=127.0.0.1:5432 for a fresh PostgreSQL database per key type) once
# per key type on free ports, and prints issuance beside BC signing and sign+verify, as rates and as
# CPU per operation. Other settings (CA_BENCH_*): see README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q ${CA_BENCH_MVN_ARGS:-} -pl certificate-authority package -DskipTests
mvn -q ${CA_BENCH_MVN_ARGS:-} -pl certificate-authority dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="certificate-authority/target/test-classes:certificate-authority/target/classes:$(cat certificate-authority/target/bench.classpath)"
exec java -cp "$cp" io.tlsuite.ca.bench.IssuanceBenchmark "$@"
