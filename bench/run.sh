#!/usr/bin/env bash
# Benchmarks Nomarr's scanner against the file-system floors and MPD on generated corpora.
# Usage: bench/run.sh [--tracks 10000] [--big 100000] [--runs 5] [--data DIR] [--update BENCHMARKS.md]
# Run `bench/run.sh --help` for every option. Needs root (or sudo) only to install missing packages.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Debian packages the benchmark needs: ffmpeg (make-corpus), mpd + mpc (the reference), time (peak RSS).
missing=()
for pair in ffmpeg:ffmpeg mpd:mpd mpc:mpc python3:python3 /usr/bin/time:time; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing missing Debian packages: ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The CLI as a user runs it: a Release publish.
out="$repo/bench/out"
echo "bench: publishing nomarr (Release) to $out/nomarr" >&2
dotnet publish "$repo/src/Nomarr.Cli" -c Release -o "$out/nomarr" --nologo -v quiet >&2

exec python3 "$repo/bench/bench.py" --nomarr "$out/nomarr/nomarr" --work "$out" "$@"
