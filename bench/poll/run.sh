#!/usr/bin/env bash
# Poll cost: one poll round of a library against a `find -printf` walk of it, on generated corpora.
# Usage: bench/poll/run.sh [--tracks 10000] [--big 100000] [--runs 5] [--data DIR]
# Makes missing corpora with ../shared/tools/make-corpus (needs Debian's ffmpeg), or the tool named by
# MAKE_CORPUS; prints a Markdown table. Not part of the test suite.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
tracks=10000 big=100000 runs=5 data="$repo/../bench-data"
while [ $# -gt 0 ]; do
  case "$1" in
    --tracks) tracks="$2"; shift 2 ;;
    --big) big="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    *) echo "bench/poll: unknown option $1" >&2; exit 2 ;;
  esac
done
make_corpus="${MAKE_CORPUS:-$repo/../shared/tools/make-corpus}"
corpora=()
for n in "$tracks" "$big"; do
  dir="$data/corpus-$n-s1"
  if [ ! -d "$dir" ]; then
    command -v ffmpeg >/dev/null || { echo "bench/poll: make-corpus needs ffmpeg (apt-get install ffmpeg)" >&2; exit 1; }
    echo "bench/poll: generating $dir" >&2
    "$make_corpus" -q "$dir" "$n" 1
  fi
  corpora+=("$dir")
done
out="$repo/bench/poll/out"
dotnet build "$repo/bench/poll/PollCost" -c Release -o "$out" --nologo -v quiet >&2
exec "$out/PollCost" "${corpora[@]}" --runs "$runs"
