#!/usr/bin/env bash
# Runs the whole Rusvarsel system on this machine: Kafka, PostgreSQL and the three services.
# Builds first when a jar is missing or any source or pom.xml is newer than the last build.
# Usage: ./devstack/run.sh [--fresh] [--demo] [--data-dir DIR] [--help] ...   (works from any directory)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# a relative --data-dir means relative to where the command was typed
export DEVSTACK_CALLER_DIR="$PWD"
cd "$root"

state=".devstack"
stamp="$state/build.stamp"
log="$state/build.log"
version="0.1.0-SNAPSHOT"
modules=(contracts embedded-infra ingest-service analytics-service alert-service devstack)

needs_build() {
    local m
    for m in "${modules[@]}"; do
        [[ -f "$m/target/$m-$version.jar" ]] || { echo "$m is not built"; return 0; }
    done
    [[ -f "$stamp" ]] || { echo "no previous build by the devstack"; return 0; }
    local newer
    newer="$(find . \( -name .git -o -name .devstack -o -name target -o -name node_modules \) -prune -o \
        -type f \( -path '*/src/*' -o -name pom.xml \) -newer "$stamp" -print -quit)"
    [[ -n "$newer" ]] && { echo "${newer#./} changed"; return 0; }
    return 1
}

if [[ "${RUSVARSEL_SKIP_BUILD:-}" != "true" ]] && reason="$(needs_build)"; then
    mkdir -p "$state"
    if ! command -v mvn >/dev/null 2>&1; then
        echo "devstack: Maven (mvn) is needed to build the project ($reason), but it is not on the PATH" >&2
        exit 1
    fi
    echo "devstack: building… ($reason; mvn -B -DskipTests install, log in $log)"
    started="$state/build.stamp.new"
    touch "$started"    # sources edited during the build count as newer than this build
    if ! mvn -B -DskipTests install >"$log" 2>&1; then
        rm -f "$started"
        echo "devstack: build failed; the end of $log:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
    mv -f "$started" "$stamp"
fi

exec java -Xmx96m -XX:+UseSerialGC -jar devstack/target/devstack-$version.jar "$@"
