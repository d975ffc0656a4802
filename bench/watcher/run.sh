#!/usr/bin/env bash
# Watcher latency: from a change on disk to its new state in the database, through a real `nomarr serve`.
# Usage: bench/watcher/run.sh [--changes 50] [--quiet 2,0.2]
# Prints a Markdown table (median and 95th percentile per quiet period). Not part of the test suite.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="$repo/bench/watcher/out"
echo "bench/watcher: publishing nomarr (Release) to $out/nomarr" >&2
dotnet publish "$repo/src/Nomarr.Cli" -c Release -o "$out/nomarr" --nologo -v quiet >&2
dotnet build "$repo/bench/watcher/WatcherLatency" -c Release -o "$out/bench" --nologo -v quiet >&2
exec "$out/bench/WatcherLatency" --nomarr "$out/nomarr/nomarr" --fixtures "$repo/tests/fixtures/audio" --work "$out/work" "$@"
