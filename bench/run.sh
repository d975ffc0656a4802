#!/usr/bin/env bash
# Benchmarks Nomarr's scanner against the floors (a walk, TagLibSharp alone) and MPD on generated corpora.
# Usage: bench/run.sh [--quick] [--tracks 10000] [--big 100000] [--million 1000000] [--engines sqlite,postgres]
#                     [--runs 5] [--data DIR] [--update BENCHMARKS.md]
# Run `bench/run.sh --help` for every option. Needs root (or sudo) only to install missing packages.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Debian packages the benchmark needs: ffmpeg (make-corpus), mpd + mpc (the reference), time (peak RSS);
# PostgreSQL only for --engines postgres (a throw-away server is started for the run).
need=(ffmpeg:ffmpeg mpd:mpd mpc:mpc python3:python3 /usr/bin/time:time)
case " $* " in *postgres*) compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(/nonexistent:postgresql) ;; esac
missing=()
for pair in "${need[@]}"; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing missing Debian packages: ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  if [[ " ${missing[*]} " == *" postgresql "* ]]; then
    # The package's own cluster is not wanted: the benchmark runs a server of its own in a temporary folder.
    $sudo_cmd mkdir -p /etc/postgresql-common/createcluster.d
    echo 'create_main_cluster = false' | $sudo_cmd tee /etc/postgresql-common/createcluster.d/nomarr-bench.conf >/dev/null
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

out="$repo/bench/out"
case " $* " in
  *" --generate-only "*|*" -h "*|*" --help "*) ;;
  *)
    # The CLI as a user runs it: a Release publish; the TagLibSharp floor published the same way.
    echo "bench: publishing nomarr and tagfloor (Release) to $out" >&2
    dotnet publish "$repo/src/Nomarr.Cli" -c Release -o "$out/nomarr" --nologo -v quiet >&2
    dotnet publish "$repo/bench/tagfloor" -c Release -o "$out/tagfloor" --nologo -v quiet >&2
    ;;
esac

exec python3 "$repo/bench/bench.py" --nomarr "$out/nomarr/nomarr" --tagfloor "$out/tagfloor/tagfloor" --work "$out" "$@"
