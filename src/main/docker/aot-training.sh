#!/bin/sh
# Trains the JDK 25 ahead-of-time cache (JEP 483/514/515) with a real run: a full start (Tomcat, Camel routes,
# Quartz), a few requests on every kind of route, then a normal stop; the JVM writes the cache as it exits. A
# start that stops at `spring.context.exit=onRefresh` would miss the web server, Camel's start and the requests.
#
#   aot-training.sh CACHE JAR [java options...]   (the options of the real start; JAVA picks the java binary)
#
# Used by the Dockerfile and by bench/run. Nothing leaves the machine: HixAI is a closed local port.
set -eu
cache=$1
jar=$2
shift 2
java=${JAVA:-java}
port=${AOT_TRAINING_PORT:-7011}
data=$(mktemp -d)
base=http://127.0.0.1:$port

PORT=$port DATA_DIR=$data BACKEND_SECRET=aot-training SERVER_ADDRESS=127.0.0.1 HIX_BASE_URL=http://127.0.0.1:9 \
    "$java" -XX:AOTCacheOutput="$cache" "$@" -jar "$jar" > "$data/training.log" 2>&1 &
pid=$!

tries=0
until curl -fs -o /dev/null "$base/actuator/health/liveness"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 600 ] || ! kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        cat "$data/training.log" >&2
        echo "aot-training: the gateway did not start" >&2
        exit 1
    fi
    sleep 0.2
done

chat='{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}'
stream='{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}]}'
for round in 1 2 3; do
    for path in /actuator/health/liveness /actuator/health/readiness /actuator/health /actuator/prometheus \
                /v1/models /swagger/openapi.json /; do
        curl -s -o /dev/null "$base$path" || true
    done
    for body in "$chat" "$stream" 'not json'; do
        curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d "$body" "$base/v1/chat/completions" || true
    done
    curl -s -o /dev/null -X POST -H 'Authorization: Bearer aot-training' "$base/api/auth/verify" || true
    for path in /api/key/all /api/cookie/all /api/status; do
        curl -s -o /dev/null -H 'Authorization: Bearer aot-training' "$base$path" || true
    done
done

# SIGTERM: Spring's graceful shutdown, then the JVM writes the cache on its way out.
kill -TERM "$pid"
wait "$pid" || true
rm -rf "$data"
test -s "$cache"
