#!/usr/bin/env python3
"""Nomarr scan benchmark: Nomarr against the file-system floors and MPD, on make-corpus corpora.

Started by bench/run.sh, which installs what is missing and publishes nomarr first.
Every timed scenario runs --runs times and reports the median (min-max beside it).
Scan times are Nomarr's own duration_ms; the CLI's process start is reported apart.
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AUDIO = (".mp3", ".flac", ".m4a", ".ogg", ".opus")
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def run(cmd, env=None, check=True, capture=True):
    p = subprocess.run(cmd, env=env, text=True, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    if check and p.returncode != 0:
        sys.exit("bench: %s failed (%d): %s" % (" ".join(cmd[:3]), p.returncode, p.stderr.strip()[-2000:]))
    return p


def timed(cmd, env=None):
    t0 = time.perf_counter()
    p = run(cmd, env=env)
    return time.perf_counter() - t0, p


class Stat:
    """Samples of one measure, in seconds (or any unit)."""

    def __init__(self, samples):
        self.samples = list(samples)

    @property
    def median(self):
        return statistics.median(self.samples)

    def fmt(self, unit="s", scale=1.0, digits=3):
        lo, hi = min(self.samples), max(self.samples)
        m = self.median * scale
        if len(self.samples) == 1:
            return "%.*f %s" % (digits, m, unit)
        return "%.*f %s (%.*f-%.*f, n=%d)" % (digits, m, unit, digits, lo * scale, digits, hi * scale, len(self.samples))


# --------------------------------------------------------------------------- machine

def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as f:
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
    return cpu, mem_kb


def disk(path):
    src = run(["findmnt", "-no", "SOURCE,FSTYPE", "-T", path], check=False).stdout.strip() or "?"
    dev = os.path.basename(src.split()[0]) if src != "?" else ""
    rot = "/sys/block/%s/queue/rotational" % re.sub(r"\d+$", "", dev)
    kind = ""
    if os.path.exists(rot):
        kind = "rotational" if open(rot, encoding="utf-8").read().strip() == "1" else "non-rotational"
    return ("%s %s" % (src, kind)).strip()


# --------------------------------------------------------------------------- corpora

def make_corpus_tool(explicit):
    for c in [explicit, os.path.join(REPO, "..", "shared", "tools", "make-corpus"), "/work/shared/tools/make-corpus"]:
        if c and os.path.isfile(c):
            return os.path.abspath(c)
    sys.exit("bench: make-corpus not found; give --make-corpus PATH")


def ensure_corpus(tool, data, tracks, seed):
    path = os.path.join(data, "corpus-%d-s%s" % (tracks, seed))
    marker = os.path.join(data, ".corpus-%d-s%s.done" % (tracks, seed))
    if not os.path.exists(marker):
        log("generating a %d-track corpus in %s (once; kept for later runs)" % (tracks, path))
        os.makedirs(data, exist_ok=True)
        run([tool, "--force", "-q", path, str(tracks), seed], capture=False)
        open(marker, "w", encoding="utf-8").close()
    return path


def cpu_busy(seconds=0.5):
    """Share of the machine's CPU time that was busy over a short interval (other processes included)."""
    def sample():
        with open("/proc/stat", encoding="utf-8") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v), v[3] + v[4]
    t0, i0 = sample()
    time.sleep(seconds)
    t1, i1 = sample()
    return 1 - (i1 - i0) / max(1, t1 - t0)


def wait_quiet(limit=45):
    """Waits (up to limit seconds) until other work on the machine leaves it mostly idle, so that builds
    or tests running beside the benchmark skew it less. Returns the busy share it settled for."""
    deadline = time.monotonic() + limit
    busy = cpu_busy()
    while busy > 0.15 and time.monotonic() < deadline:
        busy = cpu_busy(1.0)
    LOAD.append(busy)
    return busy


LOAD = []


def warm(corpus):
    """Reads every file once so that every scenario runs on a warm page cache, as the targets assume."""
    run(["sh", "-c", 'find "$0" -type f -print0 | xargs -0 cat > /dev/null', corpus])


# --------------------------------------------------------------------------- floors

def floor_walk(corpus):
    t, _ = timed(["sh", "-c", 'find "$0" -printf "%s %T@ %p\\n" > /dev/null', corpus])
    return t


def floor_read(corpus):
    # One head per 500 files, two at a time (one per core): the first 64 KiB of each audio file.
    script = ('find "$0" -type f \\( -name "*.mp3" -o -name "*.flac" -o -name "*.m4a" -o -name "*.ogg" '
              '-o -name "*.opus" \\) -print0 | xargs -0 -n 500 -P 2 head -q -c 65536 > /dev/null')
    t, _ = timed(["sh", "-c", script, corpus])
    return t


# --------------------------------------------------------------------------- nomarr

class Nomarr:
    def __init__(self, exe, db):
        self.exe, self.db = exe, db
        self.env = dict(os.environ, NOMARR_DB=db, DOTNET_CLI_TELEMETRY_OPTOUT="1")

    def fresh(self, corpus):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.db + suffix):
                os.remove(self.db + suffix)
        p = run([self.exe, "library", "add", corpus, "--no-watch", "--json"], env=self.env)
        return json.loads(p.stdout)["id"]

    def scan(self, library, folder=None, time_v=False):
        cmd = [self.exe, "scan", str(library), "--json", "-v"] + (["--folder", folder] if folder else [])
        if time_v:
            cmd = ["/usr/bin/time", "-v"] + cmd
        wall, p = timed(cmd, env=self.env)
        result = json.loads(p.stdout)
        result["_timings"] = timings(p.stderr)
        rss = None
        if time_v:
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
            rss = int(m.group(1)) * 1024 if m else None
        return result, wall, rss

    def start_time(self):
        wall, _ = timed([self.exe, "--version"], env=self.env)
        return wall

    def list_time(self):
        wall, _ = timed([self.exe, "library", "list", "--json"], env=self.env)
        return wall


TIMINGS = re.compile(r"timings \(ms\): start (\d+), known files (\d+) \((\d+) files\), walk (\d+), walk\+read\+write (\d+), moves (\d+), missing (\d+)")
PHASES = ("start", "known files", "known count", "walk", "walk+read+write", "moves", "missing")


def timings(stderr):
    """The scan's own breakdown by phase (logged with -v), in ms; empty for a nomarr that does not log it."""
    m = TIMINGS.search(stderr)
    return dict(zip(PHASES, (int(g) for g in m.groups()))) if m else {}


def phase_row(name, results):
    """One line of the profile table: the median of each phase over the runs of a scenario."""
    rows = [r["_timings"] for r in results if r.get("_timings")]
    if not rows:
        return None
    med = {k: statistics.median(t[k] for t in rows) for k in PHASES}
    total = statistics.median(r["duration_ms"] for r in results)
    rest = total - med["start"] - med["known files"] - med["walk+read+write"] - med["moves"] - med["missing"]
    return "| %s | %.0f | %.0f | %.0f (%d) | %.0f | %.0f | %.0f | %.0f | %.0f |" % (
        name, total, med["start"], med["known files"], med["known count"], med["walk"], med["walk+read+write"],
        med["moves"], med["missing"], max(0, rest))


def check_transactions(result, batch):
    changed = result["files_added"] + result["files_updated"] + result["files_failed"] - sum(
        1 for f in result["failures"] if f["kind"] in ("vanished", "unreadable"))
    expected = math.ceil(changed / batch) + (1 if result["files_missing"] > 0 else 0)
    return result["db_transactions"], changed, expected


# --------------------------------------------------------------------------- mpd

class Mpd:
    """A throwaway MPD on a unix socket, its database in a temporary folder."""

    def __init__(self, corpus, work):
        self.dir = tempfile.mkdtemp(prefix="mpd-", dir=work)
        self.conf = os.path.join(self.dir, "mpd.conf")
        self.db = os.path.join(self.dir, "db")
        self.empty_db = os.path.join(self.dir, "empty.db")
        self.env = dict(os.environ, MPD_HOST=os.path.join(self.dir, "socket"))
        empty = os.path.join(self.dir, "empty")
        os.makedirs(empty)
        # An empty database, so that a started MPD does not update by itself and the update can be timed.
        self._configure(empty)
        self.start()
        self.mpc("update", "--wait")
        self.stop()
        shutil.copy(self.db, self.empty_db)
        self._configure(corpus)

    def _configure(self, music):
        with open(self.conf, "w", encoding="utf-8") as f:
            f.write('music_directory "%s"\ndb_file "%s"\nlog_file "%s/log"\npid_file "%s/pid"\n'
                    'bind_to_address "%s/socket"\nauto_update "no"\nzeroconf_enabled "no"\nlog_level "error"\n'
                    'audio_output {\n  type "null"\n  name "null"\n}\n' % (music, self.db, self.dir, self.dir, self.dir))

    def start(self):
        run(["mpd", self.conf])
        for _ in range(200):
            if run(["mpc", "status"], env=self.env, check=False).returncode == 0:
                return
            time.sleep(0.05)
        sys.exit("bench: mpd did not start; see %s/log" % self.dir)

    def stop(self):
        run(["mpd", "--kill", self.conf], check=False)
        pidfile = os.path.join(self.dir, "pid")
        for _ in range(200):
            if not os.path.exists(pidfile):
                return
            time.sleep(0.05)

    def mpc(self, *args):
        return run(["mpc"] + list(args), env=self.env)

    def update(self):
        t, _ = timed(["mpc", "update", "--wait"], env=self.env)
        return t

    def full_update(self):
        self.stop()
        shutil.copy(self.empty_db, self.db)
        self.start()
        return self.update()

    def songs(self):
        m = re.search(r"Songs:\s+(\d+)", self.mpc("stats").stdout)
        return int(m.group(1)) if m else -1

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


# --------------------------------------------------------------------------- scenarios

def bench_small(a, nomarr, corpus, tool, seed):
    """Nomarr and MPD take turns, run by run, so that a machine whose load changes skews both alike."""
    n = a.tracks
    r = {}
    mpd = Mpd(corpus, a.work)
    try:
        wait_quiet()
        log("full scan / full update of %d new tracks, and the floors, x%d" % (n, a.runs))
        walk, read, full, full_wall, tx, mfull = [], [], [], [], [], []
        for _ in range(a.runs):
            walk.append(floor_walk(corpus))
            read.append(floor_read(corpus))
            lib = nomarr.fresh(corpus)
            res, wall, _ = nomarr.scan(lib)
            if res["files_added"] != n:
                sys.exit("bench: the full scan added %d files, not %d" % (res["files_added"], n))
            full.append(res["duration_ms"] / 1000)
            full_wall.append(wall)
            r.setdefault("full_res", []).append(res)
            tx.append(check_transactions(res, a.batch))
            mfull.append(mpd.full_update())
            if mpd.songs() != n:
                sys.exit("bench: mpd found %d songs, not %d" % (mpd.songs(), n))
        r["full"], r["full_wall"], r["full_tx"], r["mpd_full"] = Stat(full), Stat(full_wall), tx[-1], Stat(mfull)

        wait_quiet()
        log("no-change rescan / update x%d" % a.runs)
        same, same_wall, msame = [], [], []
        for _ in range(a.runs):
            walk.append(floor_walk(corpus))
            res, wall, _ = nomarr.scan(lib)
            if res["files_unchanged"] != n or res["db_transactions"] != 0:
                sys.exit("bench: the no-change rescan changed something: %s" % json.dumps(res)[:500])
            same.append(res["duration_ms"] / 1000)
            same_wall.append(wall)
            r.setdefault("same_res", []).append(res)
            msame.append(mpd.update())
        r["same"], r["same_wall"], r["same_tx"], r["mpd_same"] = Stat(same), Stat(same_wall), check_transactions(res, a.batch), Stat(msame)
        r["walk"], r["read"] = Stat(walk), Stat(read)
        r["start"] = Stat(nomarr.start_time() for _ in range(a.runs))
        r["list"] = Stat(nomarr.list_time() for _ in range(a.runs))

        wait_quiet()
        log("1%% retagged (make-corpus --mutate 1): nomarr, then mpd, x%d" % a.runs)
        mut, mut_wall, mmut, mtx = [], [], [], []
        for i in range(a.runs):
            run([tool, "--mutate", "1", "--mutate-seed", str(int(time.time()) % 100000 + i), corpus, str(n), seed])
            res, wall, _ = nomarr.scan(lib)
            if res["files_updated"] == 0:
                sys.exit("bench: the rescan after --mutate found nothing: %s" % json.dumps(res)[:500])
            mut.append(res["duration_ms"] / 1000)
            mut_wall.append(wall)
            r.setdefault("mut_res", []).append(res)
            mtx.append(check_transactions(res, a.batch))
            mmut.append(mpd.update())
        r["mut"], r["mut_wall"], r["mpd_mut"], r["mut_tx"] = Stat(mut), Stat(mut_wall), Stat(mmut), mtx[-1]
        r["mut_files"] = res["files_updated"]
    finally:
        mpd.close()
    return r


def bench_big(a, nomarr, corpus):
    r = {}
    wait_quiet()
    log("nomarr: full scan of %d new tracks under /usr/bin/time -v x%d" % (a.big, a.big_runs))
    full, rss = [], []
    for _ in range(a.big_runs):
        lib = nomarr.fresh(corpus)
        res, _, peak = nomarr.scan(lib, time_v=True)
        if res["files_added"] != a.big:
            sys.exit("bench: the full scan added %d files, not %d" % (res["files_added"], a.big))
        full.append(res["duration_ms"] / 1000)
        rss.append(peak)
        r.setdefault("full_res", []).append(res)
    r["full"], r["rss"], r["full_tx"] = Stat(full), Stat(rss), check_transactions(res, a.batch)

    album = first_album(corpus)
    wait_quiet()
    log("nomarr: targeted scan of one album (%s) x%d" % (album, a.runs))
    t, wall, files = [], [], 0
    for _ in range(a.runs):
        res, w, _ = nomarr.scan(lib, folder=album)
        r.setdefault("album_res", []).append(res)
        t.append(res["duration_ms"] / 1000)
        wall.append(w)
        files = res["files_scanned"]
    r["album"], r["album_wall"], r["album_files"], r["album_name"] = Stat(t), Stat(wall), files, album
    r["same"] = Stat(nomarr.scan(lib)[0]["duration_ms"] / 1000 for _ in range(max(1, a.big_runs)))
    r["walk"] = Stat(floor_walk(corpus) for _ in range(max(1, a.big_runs)))
    return r


def first_album(corpus):
    for root, dirs, files in os.walk(corpus):
        dirs.sort()
        if any(f.endswith(AUDIO) for f in files):
            return os.path.relpath(root, corpus)
    sys.exit("bench: no album in " + corpus)


# --------------------------------------------------------------------------- report

def ok(flag):
    return "met" if flag else "**missed**"


def report(a, small, big, started):
    cpu, mem_kb = machine()
    n = a.tracks
    L = []
    L.append("Run %s UTC, `%s`." % (started, " ".join(["bench/run.sh"] + a.argv)))
    L.append("Machine: %d cores (`nproc`), %s, %.1f GiB memory, disk %s, %s, kernel %s; nomarr %s (Release publish);"
             " %s." % (os.cpu_count(), cpu, mem_kb / 1048576, disk(a.data), platform.freedesktop_os_release().get("PRETTY_NAME", "Linux"),
                       platform.release(), a.nomarr_version, a.mpd_version))
    L.append("Other processes kept the CPU %.0f-%.0f %% busy when the scenarios started (the benchmark waits up to 45 s for"
             " the machine to be under 15 %% busy before each)." % (100 * min(LOAD or [0]), 100 * max(LOAD or [0])))
    L.append("")
    if small:
        s = small
        L.append("### %d tracks (median of %d runs, warm page cache)" % (n, a.runs))
        L.append("")
        L.append("| scenario | Nomarr scan (`duration_ms`) | Nomarr process, wall | MPD `mpc update --wait` | Nomarr / MPD | target | |")
        L.append("| --- | --- | --- | --- | --- | --- | --- |")
        full_ratio = s["full"].median / s["mpd_full"].median
        L.append("| full scan, new library | %s (%d files/s) | %s | %s (%d files/s) | %.2f | <= 0.5 x MPD | %s |" % (
            s["full"].fmt(), n / s["full"].median, s["full_wall"].fmt(), s["mpd_full"].fmt(), n / s["mpd_full"].median,
            full_ratio, ok(full_ratio <= 0.5)))
        same_floor = s["same"].median / s["walk"].median
        L.append("| no-change rescan | %s | %s | %s | %.2f | <= 1.5 x walk floor (%.2f x) | %s |" % (
            s["same"].fmt(), s["same_wall"].fmt(), s["mpd_same"].fmt(), s["same"].median / s["mpd_same"].median,
            same_floor, ok(same_floor <= 1.5)))
        mut_ratio = s["mut"].median / s["mpd_mut"].median
        L.append("| rescan after 1 %% retagged (%d files) | %s | %s | %s | %.2f | <= 1 x MPD | %s |" % (
            s["mut_files"], s["mut"].fmt(), s["mut_wall"].fmt(), s["mpd_mut"].fmt(), mut_ratio, ok(mut_ratio <= 1.0)))
        L.append("")
        L.append("| floor / start-up | time |")
        L.append("| --- | --- |")
        L.append("| walk + stat every file (`find -printf`) | %s |" % s["walk"].fmt())
        L.append("| read the first 64 KiB of every audio file (`head -c 65536`, 2 at a time) | %s |" % s["read"].fmt())
        L.append("| `nomarr --version` (process start, no database) | %s |" % s["start"].fmt())
        L.append("| `nomarr library list --json` (start + open the database) | %s |" % s["list"].fmt())
        L.append("")
        L.append("Database write transactions per scan (batch %d; expected ⌈changed / batch⌉ + 1 if files went missing):" % a.batch)
        L.append("")
        for name, key in (("full scan", "full_tx"), ("no-change rescan", "same_tx"), ("1 % retagged", "mut_tx")):
            got, changed, expected = s[key]
            L.append("- %s: %d changed files, %d transactions, expected %d: %s" % (name, changed, got, expected, "ok" if got == expected else "**differs**"))
        L.append("")
    if big:
        b = big
        L.append("### %d tracks" % a.big)
        L.append("")
        L.append("| scenario | result | target | |")
        L.append("| --- | --- | --- | --- |")
        L.append("| full scan, new library (`duration_ms`, n=%d) | %s (%d files/s) | | |" % (a.big_runs, b["full"].fmt(), a.big / b["full"].median))
        L.append("| peak RSS of that full scan (`/usr/bin/time -v`) | %s | < 200 MB | %s |" % (
            b["rss"].fmt("MB", 1e-6, 1), ok(b["rss"].median < 200e6)))
        L.append("| targeted scan of one album (%d files), `duration_ms` | %s | < 50 ms | %s |" % (
            b["album_files"], b["album"].fmt("ms", 1000, 1), ok(b["album"].median < 0.05)))
        L.append("| the same, whole `nomarr scan --folder` process | %s (start-up adds %.0f ms) | | |" % (
            b["album_wall"].fmt("ms", 1000, 1), (b["album_wall"].median - b["album"].median) * 1000))
        L.append("| no-change rescan of all %d | %s (walk floor %s) | | |" % (a.big, b["same"].fmt(), b["walk"].fmt()))
        got, changed, expected = b["full_tx"]
        L.append("| database write transactions, full scan | %d (%d files, expected %d) | ⌈changed / %d⌉ | %s |" % (
            got, changed, expected, a.batch, ok(got == expected)))
        L.append("")
    rows = []
    if small:
        rows += [phase_row("%d tracks: full scan" % n, small["full_res"]), phase_row("%d tracks: no-change rescan" % n, small["same_res"]),
                 phase_row("%d tracks: 1 %% retagged" % n, small["mut_res"])]
    if big:
        rows += [phase_row("%d tracks: full scan" % a.big, big["full_res"]), phase_row("%d tracks: one album" % a.big, big["album_res"])]
    rows = [x for x in rows if x]
    if rows:
        L.append("### Where the scan time goes (medians, ms; Nomarr's own timings, `nomarr scan -v`)")
        L.append("")
        L.append("Walk, tag reads and writes overlap in the pipeline: `walk` is the walk alone, `walk+read+write` the pipeline"
                 " until its last write. `start` records the scan in `scan_runs` and `libraries`; `rest` is whatever else `duration_ms` holds.")
        L.append("")
        L.append("| scenario | duration_ms | start | known files (count) | walk | walk+read+write | moves | missing | rest |")
        L.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        L.extend(rows)
        L.append("")
    return "\n".join(L)


def update_file(path, text):
    with open(path, encoding="utf-8") as f:
        content = f.read()
    if BEGIN not in content or END not in content:
        sys.exit("bench: %s has no %s ... %s block to replace" % (path, BEGIN, END))
    head, rest = content.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + BEGIN + "\n" + text + "\n" + END + tail)


def main():
    ap = argparse.ArgumentParser(description="Benchmark Nomarr's scanner against the floors and MPD.")
    ap.add_argument("--tracks", type=int, default=10000, help="tracks of the main corpus (default 10000)")
    ap.add_argument("--big", type=int, default=100000, help="tracks of the big corpus; 0 skips it (default 100000)")
    ap.add_argument("--runs", type=int, default=5, help="runs of each timed scenario (default 5)")
    ap.add_argument("--big-runs", type=int, default=1, help="full scans of the big corpus (default 1)")
    ap.add_argument("--seed", default="1", help="make-corpus seed (default 1)")
    ap.add_argument("--batch", type=int, default=200, help="Scanner:BatchSize in effect (default 200)")
    ap.add_argument("--data", default=os.environ.get("NOMARR_BENCH_DATA", os.path.join(os.path.dirname(REPO), "bench-data")),
                    help="where corpora are generated and kept (default: $NOMARR_BENCH_DATA or ../bench-data beside the repo)")
    ap.add_argument("--make-corpus", help="path of make-corpus (default: ../shared/tools/make-corpus)")
    ap.add_argument("--skip-small", action="store_true", help="only the big corpus")
    ap.add_argument("--update", metavar="FILE", help="also write the tables into FILE between the bench markers (e.g. BENCHMARKS.md)")
    ap.add_argument("--nomarr", required=True, help=argparse.SUPPRESS)
    ap.add_argument("--work", required=True, help=argparse.SUPPRESS)
    a = ap.parse_args()
    a.argv = [x for x in sys.argv[1:] if not x.startswith("--nomarr") and not x.startswith("--work") and x not in (a.nomarr, a.work)]
    a.data = os.path.abspath(a.data)
    os.makedirs(a.work, exist_ok=True)
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
    tool = make_corpus_tool(a.make_corpus)
    nomarr = Nomarr(a.nomarr, os.path.join(a.work, "bench.db"))
    a.nomarr_version = run([a.nomarr, "--version"]).stdout.strip()
    a.mpd_version = run(["mpd", "--version"]).stdout.splitlines()[0].strip()

    small = big = None
    if not a.skip_small:
        corpus = ensure_corpus(tool, a.data, a.tracks, a.seed)
        warm(corpus)
        small = bench_small(a, nomarr, corpus, tool, a.seed)
    if a.big > 0:
        corpus = ensure_corpus(tool, a.data, a.big, a.seed)
        warm(corpus)
        big = bench_big(a, nomarr, corpus)

    text = report(a, small, big, started)
    print(text)
    with open(os.path.join(a.work, "results.md"), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    if a.update:
        update_file(a.update, text)
        log("wrote " + a.update)


if __name__ == "__main__":
    main()
