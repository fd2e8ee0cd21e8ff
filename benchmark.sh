#!/usr/bin/env bash
# Builds the server and the benchmark harness, then runs the load scenarios against a fresh server
# process on an embedded PostgreSQL and prints the figures. Arguments go to the harness, e.g.
#   ./benchmark.sh rotation --seconds 30
# Scenarios: rotation, me-under-login-flood, messages, large-history, realtime-latency, realtime-cross-node,
# realtime-fanout, realtime-idle (all when none is named).
# --jfr records a profile; --history-size N sets the size of the large history (default 1,000,000).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests package
exec java -jar benchmark/target/benchmark-0.1.0-SNAPSHOT.jar "$@"
