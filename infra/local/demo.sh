#!/usr/bin/env bash
# Sample traffic for the local stack: realistic spans and logs (10 services calling each other
# over about 50 endpoints, 1-2 % errors, slow outliers, correlated logs) sent to the stack's
# Kafka until stopped. `infra/local/stack up --demo` runs it in the background and
# `infra/local/stack demo [--rate N]` in the foreground; it can also be run by hand.
#
# Environment: PANOPTICON_KAFKA_PORT (9092), PANOPTICON_DEMO_RATE (200 spans/s),
# KAFKA_APM_SPAN_TOPIC / KAFKA_APM_LOG_TOPIC (apm.spans / apm.logs),
# PANOPTICON_DEMO_JAVA_OPTS (-Xmx128m -XX:+UseSerialGC). Arguments are passed on to the
# generator (io.panopticon.demo.SampleTraffic in the demo module's executable jar; --help lists
# them) and win over these.
# Output is appended to infra/local/.data/logs/demo.log.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
LOG=$SCRIPT_DIR/.data/logs/demo.log
JAR=$ROOT/demo/target/panopticon-demo-0.1.0-SNAPSHOT-exec.jar

KAFKA_PORT=${PANOPTICON_KAFKA_PORT:-9092}
RATE=${PANOPTICON_DEMO_RATE:-200}
JAVA_OPTS=${PANOPTICON_DEMO_JAVA_OPTS:--Xmx128m -XX:+UseSerialGC}

mkdir -p "$(dirname "$LOG")"
# Started by the stack, standard output already is the log; otherwise show the output and
# keep a copy (tee -i: Ctrl-C must not cut off the generator's last summary line).
if [[ $(readlink -f /proc/$$/fd/1 2>/dev/null || true) != "$(readlink -f "$LOG")" ]]; then
	exec > >(tee -i -a "$LOG") 2>&1
fi

if [[ ! -f $JAR ]]; then
	echo "demo: $JAR is missing; building it: ./mvnw -q -B -DskipTests -pl demo -am install"
	(cd "$ROOT" && ./mvnw -q -B -DskipTests -pl demo -am install)
fi

echo "===== $(date '+%Y-%m-%d %H:%M:%S'): sample traffic to 127.0.0.1:$KAFKA_PORT at $RATE spans/s ====="
# shellcheck disable=SC2086 # the JVM options are meant to be split into words
java $JAVA_OPTS -jar "$JAR" \
	--brokers "127.0.0.1:$KAFKA_PORT" --rate "$RATE" "$@" &
generator=$!

# This shell stays the process the stack recorded (its command line names demo.sh), so it
# passes SIGTERM (and Ctrl-C) on and waits while the generator flushes and exits.
stopping=0
trap 'stopping=1; kill -TERM "$generator" 2>/dev/null || true' TERM INT
status=0
wait "$generator" || status=$?
if ((stopping)); then
	wait "$generator" 2>/dev/null || true
	exit 0
fi
exit "$status"
