#!/usr/bin/env python3
"""Nomarr scan benchmark: Nomarr against the floors (a walk, a TagLibSharp-only reader) and MPD, on
make-corpus corpora, with SQLite and (where the build has it) PostgreSQL.

Started by bench/run.sh, which installs what is missing and publishes nomarr and tagfloor first.
Every timed scenario runs --runs times and reports the median (min-max beside it).
Scan times are Nomarr's own duration_ms; the CLI's process start is reported apart.
"""

import argparse
import datetime
import glob
import http.client
import json
import math
import os
import platform
import pwd
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AUDIO = (".mp3", ".flac", ".m4a", ".ogg", ".opus")
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
T0 = time.monotonic()


def log(msg):
    print("bench: [%5.0f s] %s" % (time.monotonic() - T0, msg), file=sys.stderr, flush=True)


def run(cmd, env=None, check=True, capture=True, cwd=None):
    p = subprocess.run(cmd, env=env, text=True, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                       stderr=subprocess.PIPE, cwd=cwd)
    if check and p.returncode != 0:
        sys.exit("bench: %s failed (%d): %s" % (" ".join(cmd[:4]), p.returncode, p.stderr.strip()[-2000:]))
    return p


def timed(cmd, env=None):
    t0 = time.perf_counter()
    p = run(cmd, env=env)
    return time.perf_counter() - t0, p


class Stat:
    """Samples of one measure, in seconds (or any unit)."""

    def __init__(self, samples):
        self.samples = [s for s in samples if s is not None]

    def __bool__(self):
        return bool(self.samples)

    @property
    def median(self):
        return statistics.median(self.samples)

    def fmt(self, unit="s", scale=1.0, digits=3):
        if not self.samples:
            return "n/a"
        lo, hi = min(self.samples), max(self.samples)
        m = self.median * scale
        if len(self.samples) == 1:
            return "%.*f %s" % (digits, m, unit)
        return "%.*f %s (%.*f-%.*f, n=%d)" % (digits, m, unit, digits, lo * scale, digits, hi * scale, len(self.samples))

    def ms(self):
        return self.fmt("ms", 1000, 1)


def ratio(a, b):
    return a.median / b.median if a and b and b.median > 0 else None


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


def du_bytes(path):
    p = run(["du", "-sb", path], check=False)
    return int(p.stdout.split()[0]) if p.returncode == 0 and p.stdout else 0


def file_bytes(*paths):
    return sum(os.path.getsize(p) for p in paths if os.path.exists(p))


def gb(n):
    return "%.1f GB" % (n / 1e9) if n >= 1e9 else "%.0f MB" % (n / 1e6)


# --------------------------------------------------------------------------- corpora

def make_corpus_tool(explicit):
    for c in [explicit, os.path.join(REPO, "..", "shared", "tools", "make-corpus"), "/work/shared/tools/make-corpus"]:
        if c and os.path.isfile(c):
            return os.path.abspath(c)
    sys.exit("bench: make-corpus not found; give --make-corpus PATH")


def corpus_name(tracks, seed, seconds=None):
    return "corpus-%d-s%s" % (tracks, seed) + ("-%gs" % seconds if seconds else "")


class Corpus:
    def __init__(self, path, tracks, seconds, info):
        self.path, self.tracks, self.seconds, self.info = path, tracks, seconds, info

    def describe(self):
        i = self.info
        what = "make-corpus %s%d tracks" % ("--seconds %g, " % self.seconds if self.seconds else "", self.tracks)
        if i.get("bytes"):
            what += ", %s on disk" % gb(i["bytes"])
        if i.get("seconds"):
            what += ", generated in %.0f s%s" % (i["seconds"], " (%s)" % i["note"] if i.get("note") else "")
        return what


def ensure_corpus(tool, data, tracks, seed, seconds=None, nice=False):
    """The corpus, generated once and kept (its marker holds what generating it took)."""
    name = corpus_name(tracks, seed, seconds)
    path = os.path.join(data, name)
    marker = os.path.join(data, "." + name + ".done")
    if not os.path.exists(marker):
        log("generating a %d-track corpus in %s (once; kept for later runs)" % (tracks, path))
        os.makedirs(data, exist_ok=True)
        cmd = [tool, "--force", "-q"] + (["--seconds", str(seconds)] if seconds else []) + [path, str(tracks), seed]
        if nice:
            cmd = ["nice", "-n", "19", "ionice", "-c3"] + cmd
        t0 = time.monotonic()
        run(cmd, capture=False)
        info = {"seconds": round(time.monotonic() - t0, 1), "generated": now()}
        with open(marker, "w", encoding="utf-8") as f:
            json.dump(info, f)
    info = {}
    try:
        with open(marker, encoding="utf-8") as f:
            info = json.load(f)
    except (ValueError, OSError):
        pass
    if "bytes" not in info:
        info["bytes"] = du_bytes(path)
        with open(marker, "w", encoding="utf-8") as f:
            json.dump(info, f)
    return Corpus(path, tracks, seconds, info)


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")


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


LOAD = []
QUIET_LIMIT = [45]


def wait_quiet():
    """Waits (up to --quiet-wait seconds) until other work on the machine leaves it mostly idle, so that
    builds or tests running beside the benchmark skew it less. Records the busy share it settled for."""
    deadline = time.monotonic() + QUIET_LIMIT[0]
    busy = cpu_busy()
    while busy > 0.15 and time.monotonic() < deadline:
        busy = cpu_busy(1.0)
    LOAD.append(busy)
    return busy


def warm(corpus):
    """Reads every file once so that every scenario runs on a warm page cache, as the targets assume."""
    log("reading %s once (warm page cache)" % corpus.path)
    run(["sh", "-c", 'find "$0" -type f -print0 | xargs -0 -P 2 -n 2000 cat > /dev/null', corpus.path])


# --------------------------------------------------------------------------- floors

def floor_walk(corpus):
    t, _ = timed(["sh", "-c", 'find "$0" -printf "%s %T@ %p\\n" > /dev/null', corpus.path])
    return t


def floor_read(corpus):
    # One head per 500 files, two at a time (one per core): the first 64 KiB of each audio file.
    script = ('find "$0" -type f \\( -name "*.mp3" -o -name "*.flac" -o -name "*.m4a" -o -name "*.ogg" '
              '-o -name "*.opus" \\) -print0 | xargs -0 -n 500 -P 2 head -q -c 65536 > /dev/null')
    t, _ = timed(["sh", "-c", script, corpus.path])
    return t


def floor_tags(tagfloor, corpus, reader=False):
    """TagLibSharp alone: walk and read the tags of every audio file on all cores (bench/tagfloor); its own clock.
    With reader, Nomarr's own file reader instead (tags, tag map, audio identity; no database): `tagfloor --reader`."""
    if not tagfloor:
        return None
    r = json.loads(run([tagfloor, corpus.path] + (["--reader"] if reader else [])).stdout)
    if r["files"] != corpus.tracks:
        sys.exit("bench: tagfloor read %d files, not %d" % (r["files"], corpus.tracks))
    return r["total_ms"] / 1000


# --------------------------------------------------------------------------- database engines

class Sqlite:
    name = "sqlite"

    def __init__(self, work):
        self.db = os.path.join(work, "bench.db")
        self.env = {"NOMARR_DB": self.db}

    def reset(self):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.db + suffix):
                os.remove(self.db + suffix)

    def size(self):
        return file_bytes(self.db, self.db + "-wal")

    def close(self):
        pass


class Postgres:
    """A throw-away PostgreSQL server for the run: initdb in a temporary folder, loopback only, trust auth
    (as the tests run theirs), stopped and deleted at the end. Server defaults otherwise (fsync on)."""
    name = "postgres"

    def __init__(self, work):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
        if not bins:
            sys.exit("bench: --engines postgres needs PostgreSQL (Debian: apt-get install postgresql)")
        self.bin = os.path.dirname(bins[-1])
        self.dir = tempfile.mkdtemp(prefix="pg-", dir=work)
        self.data = os.path.join(self.dir, "data")
        self.as_user = []
        if os.getuid() == 0:
            # The server refuses to run as root: it runs as the package's postgres user.
            u = pwd.getpwnam("postgres")
            os.chown(self.dir, u.pw_uid, u.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        run(self.as_user + [os.path.join(self.bin, "initdb"), "-D", self.data, "-U", "postgres", "-A", "trust",
                            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        run(self.as_user + [os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l", os.path.join(self.dir, "log"), "-w",
                            "-o", "-c listen_addresses=127.0.0.1 -c port=%d -c unix_socket_directories=%s" % (self.port, self.dir),
                            "start"])
        self.database = "nomarr_bench"
        self.env = {"NOMARR_Database__Provider": "postgres",
                    "NOMARR_Database__ConnectionString": "Host=127.0.0.1;Port=%d;Username=postgres;Database=%s" % (self.port, self.database)}
        self.version = self.psql("SHOW server_version").strip()

    def psql(self, sql, database="postgres"):
        return run(self.as_user + [os.path.join(self.bin, "psql"), "-h", self.dir, "-p", str(self.port), "-U", "postgres",
                                   "-d", database, "-Atqc", sql]).stdout

    def reset(self):
        self.psql("DROP DATABASE IF EXISTS %s WITH (FORCE)" % self.database)
        self.psql("CREATE DATABASE %s" % self.database)

    def size(self):
        return int(self.psql("SELECT pg_database_size('%s')" % self.database).strip() or 0)

    def close(self):
        run(self.as_user + [os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop"], check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


# --------------------------------------------------------------------------- nomarr

class Nomarr:
    def __init__(self, exe, engine):
        self.exe, self.engine = exe, engine
        self.env = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1", **engine.env)
        # Nothing the benchmark does not ask for: no periodic scan in `serve`.
        self.env["NOMARR_Scanner__PeriodicScanHours"] = "0"

    @property
    def name(self):
        return self.engine.name

    def fresh(self, corpus):
        self.engine.reset()
        p = run([self.exe, "library", "add", corpus.path, "--no-watch", "--json"], env=self.env)
        return json.loads(p.stdout)["id"]

    def scan(self, library, folder=None, time_v=False):
        cmd = [self.exe, "scan", str(library), "--json", "-v"] + (["--folder", folder] if folder else [])
        if time_v:
            cmd = ["/usr/bin/time", "-v"] + cmd
        wall, p = timed(cmd, env=self.env)
        result = json.loads(p.stdout)
        result["_timings"] = timings(p.stderr)
        result["_wall"] = wall
        if time_v:
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
            result["_rss"] = int(m.group(1)) * 1024 if m else None
        return result

    def start_time(self):
        wall, _ = timed([self.exe, "--version"], env=self.env)
        return wall

    def list_time(self):
        wall, _ = timed([self.exe, "library", "list", "--json"], env=self.env)
        return wall

    def files(self, *args):
        return json.loads(run([self.exe, "files", "--json"] + list(args), env=self.env).stdout)

    def search_cli(self, text):
        wall, _ = timed([self.exe, "files", "-q", text, "--json", "--limit", "100"], env=self.env)
        return wall


class Server:
    """`nomarr serve` on a free loopback port, for the HTTP searches."""

    def __init__(self, nomarr, work):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = open(os.path.join(work, "serve-%s.log" % nomarr.name), "w", encoding="utf-8")
        self.proc = subprocess.Popen([nomarr.exe, "serve", "--urls", "http://127.0.0.1:%d" % self.port],
                                     env=nomarr.env, stdout=self.log, stderr=subprocess.STDOUT)
        self.conn = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                sys.exit("bench: nomarr serve exited (%d); see %s" % (self.proc.returncode, self.log.name))
            try:
                status, _ = self.get("/api/libraries")
                if status == 200:
                    return
            except OSError:
                self.conn = None
            time.sleep(0.1)
        sys.exit("bench: nomarr serve did not answer in 120 s")

    def get(self, path):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        self.conn.request("GET", path)
        r = self.conn.getresponse()
        return r.status, r.read()

    def timed_get(self, path):
        t0 = time.perf_counter()
        status, body = self.get(path)
        t = time.perf_counter() - t0
        if status != 200:
            sys.exit("bench: GET %s answered %d: %s" % (path, status, body[:300]))
        return t, json.loads(body)

    def close(self):
        if self.conn:
            self.conn.close()
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def timings(stderr):
    """The scan's own breakdown by phase (`timings (ms): start 14, known files 17 (10000 files), walk 59, ...`,
    logged with -v), as an ordered list of (phase, ms); empty for a nomarr that does not log it."""
    m = re.search(r"timings \(ms\): ([^\n]*)", stderr)
    if not m:
        return []
    out = []
    for part in m.group(1).split(", "):
        pm = re.match(r"\s*(.+?) (\d+)(?: \((\d+) files\))?\s*$", part)
        if pm:
            out.append((pm.group(1), int(pm.group(2))))
            if pm.group(3):
                out.append((pm.group(1) + " (count)", int(pm.group(3))))
    return out


def check_transactions(result, batch):
    changed = result["files_added"] + result["files_updated"] + result["files_failed"] - sum(
        1 for f in result["failures"] if f["kind"] in ("vanished", "unreadable"))
    expected = math.ceil(changed / batch) + (1 if result["files_missing"] > 0 else 0)
    return result["db_transactions"], changed, expected


# --------------------------------------------------------------------------- mpd

class Mpd:
    """A throwaway MPD on a unix socket, its database in a temporary folder. With a cache file, a full
    update of a large corpus is made once and its database kept for later runs."""

    def __init__(self, corpus, work, cache=None, nice=False):
        self.nice = ["nice", "-n", "19", "ionice", "-c3"] if nice else []
        self.dir = tempfile.mkdtemp(prefix="mpd-", dir=work)
        self.conf = os.path.join(self.dir, "mpd.conf")
        self.db = os.path.join(self.dir, "db")
        self.empty_db = os.path.join(self.dir, "empty.db")
        self.env = dict(os.environ, MPD_HOST=os.path.join(self.dir, "socket"))
        self.corpus = corpus
        self.cached_full = None
        empty = os.path.join(self.dir, "empty")
        os.makedirs(empty)
        # An empty database, so that a started MPD does not update by itself and the update can be timed.
        self._configure(empty)
        self.start()
        self.mpc("update", "--wait")
        self.stop()
        shutil.copy(self.db, self.empty_db)
        self._configure(corpus.path)
        if cache:
            info = cache + ".json"
            if os.path.exists(cache) and os.path.exists(info):
                shutil.copy(cache, self.db)
                with open(info, encoding="utf-8") as f:
                    self.cached_full = json.load(f)
                self.start()
            else:
                log("mpd: full update of %d tracks (once; its database is kept in %s)" % (corpus.tracks, cache))
                t = self.full_update()
                self.stop()
                shutil.copy(self.db, cache)
                self.cached_full = {"seconds": round(t, 3), "measured": now(), "songs": None, "niced": bool(self.nice)}
                self.start()
                self.cached_full["songs"] = self.songs()
                with open(info, "w", encoding="utf-8") as f:
                    json.dump(self.cached_full, f)
            if self.songs() != corpus.tracks:
                sys.exit("bench: mpd's database holds %d songs, not %d" % (self.songs(), corpus.tracks))

    def _configure(self, music):
        with open(self.conf, "w", encoding="utf-8") as f:
            f.write('music_directory "%s"\ndb_file "%s"\nlog_file "%s/log"\npid_file "%s/pid"\n'
                    'bind_to_address "%s/socket"\nauto_update "no"\nzeroconf_enabled "no"\nlog_level "error"\n'
                    'audio_output {\n  type "null"\n  name "null"\n}\n' % (music, self.db, self.dir, self.dir, self.dir))

    def start(self):
        run(self.nice + ["mpd", self.conf])
        for _ in range(600):
            if run(["mpc", "status"], env=self.env, check=False).returncode == 0:
                return
            time.sleep(0.05)
        sys.exit("bench: mpd did not start; see %s/log" % self.dir)

    def stop(self):
        run(["mpd", "--kill", self.conf], check=False)
        pidfile = os.path.join(self.dir, "pid")
        for _ in range(1200):
            if not os.path.exists(pidfile):
                return
            time.sleep(0.05)

    def mpc(self, *args):
        return run(["mpc"] + list(args), env=self.env)

    def update(self, path=None):
        t, _ = timed(["mpc", "update", "--wait"] + ([path] if path else []), env=self.env)
        return t

    def full_update(self):
        self.stop()
        shutil.copy(self.empty_db, self.db)
        self.start()
        t = self.update()
        if self.songs() != self.corpus.tracks:
            sys.exit("bench: mpd found %d songs, not %d" % (self.songs(), self.corpus.tracks))
        return t

    def songs(self):
        m = re.search(r"Songs:\s+(\d+)", self.mpc("stats").stdout)
        return int(m.group(1)) if m else -1

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


# --------------------------------------------------------------------------- scenarios

def sample_file(nomarr, total):
    """A file from the middle of the library: its title and artist are the searched text."""
    f = nomarr.files("--limit", "1", "--offset", str(total // 2))[0]
    return f["title"], f["artist"]


def bench_search(a, nomarrs, total):
    """`nomarr files -q TITLE` (the whole process), and through a running `nomarr serve`:
    GET /api/files?q=TITLE, ?artist=ARTIST and both (the in-process time of a search)."""
    out = {}
    for nm in nomarrs:
        title, artist = sample_file(nm, total)
        r = {"title_text": title, "artist_text": artist}
        r["cli"] = Stat(nm.search_cli(title) for _ in range(a.runs))
        server = Server(nm, a.work)
        try:
            queries = {"q": {"q": title}, "artist": {"artist": artist}, "q+artist": {"q": title, "artist": artist}}
            everything = server.timed_get("/api/files?limit=1")[1]["total"]
            for key, params in queries.items():
                path = "/api/files?" + urllib.parse.urlencode(dict(params, limit=100))
                server.timed_get(path)  # the first request of each kind compiles its code
                samples, found = [], None
                for _ in range(max(5, a.runs * 2)):
                    t, body = server.timed_get(path)
                    samples.append(t)
                    found = body["total"]
                r[key] = Stat(samples)
                # An API without the artist filter ignores the parameter and lists everything.
                r[key + "_found"] = found
                r[key + "_filtered"] = found < everything
        finally:
            server.close()
        out[nm.name] = r
    return out


def bench_main(a, nomarrs, corpus, tool, tagfloor):
    """Nomarr (each engine) and MPD take turns, run by run, so that a machine whose load changes skews all alike."""
    n = corpus.tracks
    r = {nm.name: {} for nm in nomarrs}
    libs = {}
    mpd = Mpd(corpus, a.work)
    try:
        wait_quiet()
        log("%d tracks: full scan / full update, and the floors, x%d" % (n, a.runs))
        walk, read, tags, reader, mfull = [], [], [], [], []
        for _ in range(a.runs):
            walk.append(floor_walk(corpus))
            read.append(floor_read(corpus))
            tags.append(floor_tags(tagfloor, corpus))
            reader.append(floor_tags(tagfloor, corpus, reader=True))
            for nm in nomarrs:
                libs[nm.name] = nm.fresh(corpus)
                res = nm.scan(libs[nm.name])
                if res["files_added"] != n:
                    sys.exit("bench: the full scan added %d files, not %d" % (res["files_added"], n))
                r[nm.name].setdefault("full_res", []).append(res)
            mfull.append(mpd.full_update())
        for nm in nomarrs:
            r[nm.name]["db_size"] = nm.engine.size()

        wait_quiet()
        log("%d tracks: no-change rescan / update x%d" % (n, a.runs))
        msame = []
        for _ in range(a.runs):
            walk.append(floor_walk(corpus))
            for nm in nomarrs:
                res = nm.scan(libs[nm.name])
                if res["files_unchanged"] != n or res["db_transactions"] != 0:
                    sys.exit("bench: the no-change rescan changed something: %s" % json.dumps(res)[:500])
                r[nm.name].setdefault("same_res", []).append(res)
            msame.append(mpd.update())
        shared = {"walk": Stat(walk), "read": Stat(read), "tags": Stat(tags), "reader": Stat(reader), "mpd_full": Stat(mfull), "mpd_same": Stat(msame)}

        wait_quiet()
        log("%d tracks: process start x%d" % (n, a.runs))
        shared["start"] = Stat(nomarrs[0].start_time() for _ in range(a.runs))
        for nm in nomarrs:
            r[nm.name]["list"] = Stat(nm.list_time() for _ in range(a.runs))

        wait_quiet()
        log("%d tracks: 1%% retagged (make-corpus --mutate 1): nomarr, then mpd, x%d" % (n, a.runs))
        mmut = []
        for i in range(a.runs):
            run([tool, "--mutate", "1", "--mutate-seed", str(int(time.time()) % 100000 + i)]
                + (["--seconds", str(corpus.seconds)] if corpus.seconds else []) + [corpus.path, str(n), a.seed])
            for nm in nomarrs:
                res = nm.scan(libs[nm.name])
                if res["files_updated"] == 0:
                    sys.exit("bench: the rescan after --mutate found nothing: %s" % json.dumps(res)[:500])
                r[nm.name].setdefault("mut_res", []).append(res)
            mmut.append(mpd.update())
        shared["mpd_mut"] = Stat(mmut)
    finally:
        mpd.close()

    if a.search:
        wait_quiet()
        log("%d tracks: searches" % n)
        for name, s in bench_search(a, nomarrs, n).items():
            r[name]["search"] = s
    for name, e in r.items():
        for key in ("full", "same", "mut"):
            e[key] = Stat(x["duration_ms"] / 1000 for x in e[key + "_res"])
            e[key + "_wall"] = Stat(x["_wall"] for x in e[key + "_res"])
            e[key + "_tx"] = check_transactions(e[key + "_res"][-1], a.batch)
        e["mut_files"] = e["mut_res"][-1]["files_updated"]
    return shared, r


def bench_real(a, nomarrs, corpus, tagfloor):
    """Real-sized tracks: Nomarr's full scan against MPD's full update and the TagLibSharp floor."""
    n = corpus.tracks
    r = {nm.name: {"full_res": []} for nm in nomarrs}
    mpd = Mpd(corpus, a.work)
    try:
        wait_quiet()
        log("%d real-sized tracks: full scan / full update x%d" % (n, a.runs))
        mfull, tags, reader = [], [], []
        for _ in range(a.runs):
            tags.append(floor_tags(tagfloor, corpus))
            reader.append(floor_tags(tagfloor, corpus, reader=True))
            for nm in nomarrs:
                res = nm.scan(nm.fresh(corpus))
                if res["files_added"] != n:
                    sys.exit("bench: the full scan added %d files, not %d" % (res["files_added"], n))
                r[nm.name]["full_res"].append(res)
            mfull.append(mpd.full_update())
    finally:
        mpd.close()
    for e in r.values():
        e["full"] = Stat(x["duration_ms"] / 1000 for x in e["full_res"])
    return {"mpd_full": Stat(mfull), "tags": Stat(tags), "reader": Stat(reader)}, r


def bench_big(a, nomarrs, corpus, label, album_and_search=True):
    """A large library: full scan under /usr/bin/time -v, no-change rescan against the walk, one album
    targeted against MPD's targeted update (MPD's full update made once and kept), and the searches."""
    n = corpus.tracks
    started = time.monotonic()
    r = {nm.name: {} for nm in nomarrs}
    shared = {"corpus": corpus}
    libs = {}
    for nm in nomarrs:
        wait_quiet()
        log("%s, %s: full scan of %d new tracks under /usr/bin/time -v x%d" % (label, nm.name, n, a.big_runs))
        full = []
        for _ in range(a.big_runs):
            libs[nm.name] = nm.fresh(corpus)
            res = nm.scan(libs[nm.name], time_v=True)
            if res["files_added"] != n:
                sys.exit("bench: the full scan added %d files, not %d" % (res["files_added"], n))
            full.append(res)
        e = r[nm.name]
        e["full_res"] = full
        e["full"] = Stat(x["duration_ms"] / 1000 for x in full)
        e["full_wall"] = Stat(x["_wall"] for x in full)
        e["rss"] = Stat(x["_rss"] for x in full)
        e["full_tx"] = check_transactions(full[-1], a.batch)
        e["db_size"] = nm.engine.size()

    wait_quiet()
    log("%s: no-change rescan x%d, and the walk floor" % (label, a.big_runs))
    walk = []
    for _ in range(max(1, a.big_runs)):
        walk.append(floor_walk(corpus))
        for nm in nomarrs:
            res = nm.scan(libs[nm.name])
            if res["files_unchanged"] != n:
                sys.exit("bench: the no-change rescan changed something: %s" % json.dumps(res)[:500])
            r[nm.name].setdefault("same_res", []).append(res)
    shared["walk"] = Stat(walk)
    for e in r.values():
        e["same"] = Stat(x["duration_ms"] / 1000 for x in e["same_res"])
        e["same_wall"] = Stat(x["_wall"] for x in e["same_res"])

    if album_and_search:
        album = first_album(corpus.path)
        shared["album_name"] = album
        cache = os.path.join(a.data, ".mpd-%s.db" % os.path.basename(corpus.path))
        mpd = Mpd(corpus, a.work, cache=cache)
        try:
            shared["mpd_full_cached"] = mpd.cached_full
            wait_quiet()
            log("%s: one album (%s) targeted: nomarr scan --folder, then mpc update --wait ALBUM, x%d" % (label, album, a.runs))
            malbum = []
            for _ in range(a.runs):
                for nm in nomarrs:
                    r[nm.name].setdefault("album_res", []).append(nm.scan(libs[nm.name], folder=album))
                malbum.append(mpd.update(album))
            shared["mpd_album"] = Stat(malbum)
        finally:
            mpd.close()
        for e in r.values():
            e["album"] = Stat(x["duration_ms"] / 1000 for x in e["album_res"])
            e["album_wall"] = Stat(x["_wall"] for x in e["album_res"])
            e["album_files"] = e["album_res"][-1]["files_scanned"]
        if a.search:
            wait_quiet()
            log("%s: searches" % label)
            for name, s in bench_search(a, nomarrs, n).items():
                r[name]["search"] = s
    shared["took"] = time.monotonic() - started
    return shared, r


def first_album(corpus):
    for root, dirs, files in os.walk(corpus):
        dirs.sort()
        if any(f.endswith(AUDIO) for f in files):
            return os.path.relpath(root, corpus)
    sys.exit("bench: no album in " + corpus)


# --------------------------------------------------------------------------- report

def verdict(value, limit):
    if value is None:
        return "n/a"
    return "met" if value <= limit else "**missed**"


def x(value):
    return "%.2f x" % value if value is not None else "n/a"


def phase_table(rows):
    """Nomarr's own breakdown by phase (`nomarr scan -v`), medians over the runs of each scenario."""
    names = []
    for _, results in rows:
        for res in results:
            for k, _ in res.get("_timings", []):
                if k not in names:
                    names.append(k)
    if not names:
        return []
    L = ["| scenario | duration_ms | " + " | ".join(names) + " |", "| --- | --- | " + " | ".join("---" for _ in names) + " |"]
    for label, results in rows:
        med = {}
        for k in names:
            vals = [dict(res["_timings"]).get(k) for res in results]
            vals = [v for v in vals if v is not None]
            med[k] = "%.0f" % statistics.median(vals) if vals else ""
        L.append("| %s | %.0f | %s |" % (label, statistics.median(res["duration_ms"] for res in results), " | ".join(med[k] for k in names)))
    return L


def report(a, main, real, big, million, ref, started, pg_version):
    cpu, mem_kb = machine()
    engines = [e for e in a.engines]
    L = []
    L.append("Run %s UTC, `%s`, took %.0f min." % (started, " ".join(["bench/run.sh"] + a.argv), (time.monotonic() - T0) / 60))
    L.append("Machine: %d cores (`nproc`), %s, %.1f GiB memory, disk %s, %s, kernel %s; nomarr %s (Release publish);"
             " %s%s." % (os.cpu_count(), cpu, mem_kb / 1048576, disk(a.data), platform.freedesktop_os_release().get("PRETTY_NAME", "Linux"),
                         platform.release(), a.nomarr_version, a.mpd_version, "; PostgreSQL %s (throw-away server, defaults)" % pg_version if pg_version else ""))
    L.append("Other processes kept the CPU %.0f-%.0f %% busy when the scenarios started (the benchmark waits up to %d s for"
             " the machine to be under 15 %% busy before each)." % (100 * min(LOAD or [0]), 100 * max(LOAD or [0]), QUIET_LIMIT[0]))
    L.append("")

    # ---- the targets, side by side
    T = []

    def target(engine, scenario, nomarr, beside, value, limit, limit_text):
        T.append("| %s | %s | %s | %s | %s | %s | %s |" % (scenario, engine, nomarr, beside, x(value), limit_text, verdict(value, limit)))

    if main:
        shared, per = main
        n = a.tracks
        for en in engines:
            e = per[en]
            target(en, "full scan, %d new tracks (`duration_ms`)" % n, e["full"].fmt(), "MPD %s" % shared["mpd_full"].fmt(),
                   ratio(e["full"], shared["mpd_full"]), 0.25, "<= 0.25 x MPD")
            target(en, "full scan, %d new tracks (`duration_ms`)" % n, e["full"].fmt(), "TagLibSharp floor %s" % shared["tags"].fmt(),
                   ratio(e["full"], shared["tags"]), 1.5, "<= 1.5 x floor")
            target(en, "no-change rescan, %d, in-process" % n, e["same"].fmt(), "`find` walk+stat %s" % shared["walk"].fmt(),
                   ratio(e["same"], shared["walk"]), 1.5, "<= 1.5 x floor")
            target(en, "no-change rescan, whole `nomarr scan` process", e["same_wall"].fmt(), "MPD `mpc update --wait` %s" % shared["mpd_same"].fmt(),
                   ratio(e["same_wall"], shared["mpd_same"]), 1.0, "<= 1 x MPD")
            target(en, "1 %% retagged (%d files), in-process" % e["mut_files"], e["mut"].fmt(), "MPD %s" % shared["mpd_mut"].fmt(),
                   ratio(e["mut"], shared["mpd_mut"]), 0.5, "<= 0.5 x MPD")
            target(en, "`nomarr library list --json` (start, open the database)", e["list"].fmt(), "`nomarr --version` %s" % shared["start"].fmt(),
                   ratio(e["list"], shared["start"]), 2.0, "<= 2 x `--version`")
    if real:
        shared, per = real
        for en in engines:
            target(en, "full scan, %d real-sized tracks (%s)" % (a.real, gb(shared["corpus"].info.get("bytes", 0))), per[en]["full"].fmt(),
                   "MPD %s" % shared["mpd_full"].fmt(), ratio(per[en]["full"], shared["mpd_full"]), 0.25, "<= 0.25 x MPD")
    if million:
        shared, per = million
        n = shared["corpus"].tracks
        for en in [en for en in engines if en in per]:
            e = per[en]
            target(en, "peak RSS, full scan of %d" % n, e["rss"].fmt("MB", 1e-6, 1), "", e["rss"].median / 300e6 if e["rss"] else None, 1.0, "<= 300 MB")
            if ref and en in ref[1]:
                rs, rp = ref
                rn = rs["corpus"].tracks
                per_file = e["full"].median / n * 1e6
                ref_file = rp[en]["full"].median / rn * 1e6
                target(en, "time per file, full scan at %d vs %d (same make-corpus settings)" % (n, rn), "%.1f µs" % per_file,
                       "%.1f µs" % ref_file, per_file / ref_file, 1.2, "<= 1.2 x")
            target(en, "no-change rescan of %d, in-process" % n, e["same"].fmt(), "`find` walk+stat %s" % shared["walk"].fmt(),
                   ratio(e["same"], shared["walk"]), 1.5, "<= 1.5 x floor")
            if "album" in e:
                target(en, "one album (%d files) targeted in %d, `nomarr scan --folder` process" % (e["album_files"], n), e["album_wall"].fmt(),
                       "MPD `mpc update --wait ALBUM` %s" % shared["mpd_album"].fmt(), ratio(e["album_wall"], shared["mpd_album"]), 2.0, "<= 2 x MPD")
            if "search" in e and main and "search" in main[1][en]:
                small = main[1][en]["search"]
                for key, what in (("q", "`GET /api/files?q=TITLE`"), ("artist", "`GET /api/files?artist=ARTIST`"), ("q+artist", "`GET /api/files?q=TITLE&artist=ARTIST`")):
                    note = "" if e["search"][key + "_filtered"] else " (the artist filter is not in this build: it lists everything)"
                    target(en, "search at %d vs %d: %s%s" % (n, a.tracks, what, note), e["search"][key].ms(), small[key].ms(),
                           ratio(e["search"][key], small[key]), 5.0, "<= 5 x")
                target(en, "search at %d vs %d: `nomarr files -q TITLE` process" % (n, a.tracks), e["search"]["cli"].ms(), small["cli"].ms(),
                       ratio(e["search"]["cli"], small["cli"]), 5.0, "<= 5 x")
    if T:
        L.append("### Targets")
        L.append("")
        L.append("| scenario | engine | Nomarr | beside it | ratio | target | |")
        L.append("| --- | --- | --- | --- | --- | --- | --- |")
        L.extend(T)
        L.append("")

    # ---- details
    if main:
        shared, per = main
        n = a.tracks
        L.append("### %d tracks (%s; median of %d runs, warm page cache)" % (n, shared["corpus"].describe(), a.runs))
        L.append("")
        L.append("| scenario | engine | Nomarr scan (`duration_ms`) | Nomarr process, wall | MPD `mpc update --wait` |")
        L.append("| --- | --- | --- | --- | --- |")
        for en in engines:
            e = per[en]
            L.append("| full scan, new library | %s | %s (%d files/s) | %s | %s (%d files/s) |" % (
                en, e["full"].fmt(), n / e["full"].median, e["full_wall"].fmt(), shared["mpd_full"].fmt(), n / shared["mpd_full"].median))
            L.append("| no-change rescan | %s | %s | %s | %s |" % (en, e["same"].fmt(), e["same_wall"].fmt(), shared["mpd_same"].fmt()))
            L.append("| rescan after 1 %% retagged (%d files) | %s | %s | %s | %s |" % (
                e["mut_files"], en, e["mut"].fmt(), e["mut_wall"].fmt(), shared["mpd_mut"].fmt()))
        L.append("")
        L.append("| floor / start-up | time |")
        L.append("| --- | --- |")
        L.append("| walk + stat every file (`find -printf`) | %s |" % shared["walk"].fmt())
        L.append("| read the first 64 KiB of every audio file (`head -c 65536`, 2 at a time) | %s |" % shared["read"].fmt())
        L.append("| walk and read the tags of every audio file, TagLibSharp alone on all cores (`bench/tagfloor`) | %s |" % shared["tags"].fmt())
        L.append("| the same with Nomarr's own file reader (tags, tag map, audio identity; no database: `bench/tagfloor --reader`) | %s |" % shared["reader"].fmt())
        L.append("| `nomarr --version` (process start, no database) | %s |" % shared["start"].fmt())
        for en in engines:
            L.append("| `nomarr library list --json` (start + open the database), %s | %s |" % (en, per[en]["list"].fmt()))
        L.append("")
        L.append("Database write transactions per scan (batch %d; expected ⌈changed / batch⌉ + 1 if files went missing):" % a.batch)
        L.append("")
        for en in engines:
            for name, key in (("full scan", "full_tx"), ("no-change rescan", "same_tx"), ("1 % retagged", "mut_tx")):
                got, changed, expected = per[en][key]
                L.append("- %s, %s: %d changed files, %d transactions, expected %d: %s" % (
                    en, name, changed, got, expected, "ok" if got == expected else "**differs**"))
        L.append("")
    if real:
        shared, per = real
        L.append("### %d real-sized tracks (%s; median of %d runs)" % (a.real, shared["corpus"].describe(), a.runs))
        L.append("")
        L.append("| scenario | engine | Nomarr scan (`duration_ms`) | MPD full update | TagLibSharp floor | Nomarr's reader, no database (`tagfloor --reader`) |")
        L.append("| --- | --- | --- | --- | --- | --- |")
        for en in engines:
            L.append("| full scan, new library | %s | %s | %s | %s | %s |" % (en, per[en]["full"].fmt(), shared["mpd_full"].fmt(), shared["tags"].fmt(), shared["reader"].fmt()))
        L.append("")
    for block, title in ((big, None), (ref, "reference for the time per file"), (million, None)):
        if not block:
            continue
        shared, per = block
        c = shared["corpus"]
        L.append("### %d tracks%s (%s)" % (c.tracks, ", " + title if title else "", c.describe()))
        L.append("")
        L.append("| scenario | engine | result |")
        L.append("| --- | --- | --- |")
        for en in [en for en in engines if en in per]:
            e = per[en]
            L.append("| full scan, new library (`duration_ms`, n=%d) | %s | %s (%d files/s, %.1f µs a file; process %s) |" % (
                a.big_runs, en, e["full"].fmt(), c.tracks / e["full"].median, e["full"].median / c.tracks * 1e6, e["full_wall"].fmt()))
            L.append("| peak RSS of that full scan (`/usr/bin/time -v`, the nomarr process) | %s | %s |" % (en, e["rss"].fmt("MB", 1e-6, 1)))
            L.append("| database size after it | %s | %s |" % (en, gb(e["db_size"])))
            got, changed, expected = e["full_tx"]
            L.append("| database write transactions, full scan | %s | %d (%d files, expected %d: %s) |" % (
                en, got, changed, expected, "ok" if got == expected else "**differs**"))
            L.append("| no-change rescan (`duration_ms`; process) | %s | %s; %s (walk floor %s) |" % (en, e["same"].fmt(), e["same_wall"].fmt(), shared["walk"].fmt()))
            if "album" in e:
                L.append("| one album (%d files, `%s`) targeted: `duration_ms`; `nomarr scan --folder` process | %s | %s; %s (MPD `mpc update --wait ALBUM` %s) |" % (
                    e["album_files"], shared["album_name"], en, e["album"].ms(), e["album_wall"].ms(), shared["mpd_album"].ms()))
            if "search" in e:
                s = e["search"]
                L.append("| search `GET /api/files?q=%s` (%d found) | %s | %s |" % (s["title_text"], s["q_found"], en, s["q"].ms()))
                L.append("| search `GET /api/files?artist=%s` (%d found%s) | %s | %s |" % (
                    s["artist_text"], s["artist_found"], "" if s["artist_filtered"] else ", not filtered by this build", en, s["artist"].ms()))
                L.append("| search `nomarr files -q` process | %s | %s |" % (en, s["cli"].ms()))
        if shared.get("mpd_full_cached"):
            m = shared["mpd_full_cached"]
            L.append("| MPD full update from an empty database (made once, %s UTC%s; its database kept) | mpd | %.3f s (%d files/s) |" % (
                m["measured"], ", with nice 19 beside other work: not a measurement" if m.get("niced") else "", m["seconds"], c.tracks / m["seconds"]))
        L.append("")
        L.append("This part of the run took %.1f min." % (shared["took"] / 60))
        L.append("")
    if main and "search" in main[1][engines[0]]:
        L.append("Searches at %d tracks:" % a.tracks)
        L.append("")
        for en in engines:
            s = main[1][en]["search"]
            L.append("- %s: `GET /api/files?q=%s` %s (%d found); `?artist=%s` %s (%d found%s); `nomarr files -q` process %s" % (
                en, s["title_text"], s["q"].ms(), s["q_found"], s["artist_text"], s["artist"].ms(), s["artist_found"],
                "" if s["artist_filtered"] else ", not filtered by this build", s["cli"].ms()))
        L.append("")

    rows = []
    for en in engines:
        if main:
            p = main[1][en]
            rows += [("%s, %d: full scan" % (en, a.tracks), p["full_res"]), ("%s, %d: no-change rescan" % (en, a.tracks), p["same_res"]),
                     ("%s, %d: 1 %% retagged" % (en, a.tracks), p["mut_res"])]
        if real:
            rows.append(("%s, %d real-sized: full scan" % (en, a.real), real[1][en]["full_res"]))
        for block in (big, ref, million):
            if block and en in block[1]:
                p, n = block[1][en], block[0]["corpus"].tracks
                rows += [("%s, %d: full scan" % (en, n), p["full_res"]), ("%s, %d: no-change rescan" % (en, n), p["same_res"])]
                if "album_res" in p:
                    rows.append(("%s, %d: one album" % (en, n), p["album_res"]))
    table = phase_table(rows)
    if table:
        L.append("### Where the scan time goes (medians, ms; Nomarr's own timings, `nomarr scan -v`)")
        L.append("")
        L.append("Walk, tag reads and writes overlap in the pipeline; the phases are those `nomarr scan -v` logs, in its order: wall time up to `missing`, then the time the readers spent reading (`tags` and `audio identity` within it) and the writer writing, each summed over its threads, and the CPU time of the process during the scan.")
        L.append("")
        L.extend(table)
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
    ap.add_argument("--quick", action="store_true",
                    help="the same tables on 10,000 tracks (and the real-sized corpus) in under five minutes: --big 0 --million 0 --runs 3 --quiet-wait 10")
    ap.add_argument("--tracks", type=int, default=10000, help="tracks of the main corpus (default 10000)")
    ap.add_argument("--real", type=int, default=500, help="tracks of the real-sized corpus; 0 skips it (default 500)")
    ap.add_argument("--real-seconds", type=float, default=200, help="make-corpus --seconds of the real-sized corpus (default 200)")
    ap.add_argument("--big", type=int, default=100000, help="tracks of the big corpus; 0 skips it (default 100000)")
    ap.add_argument("--million", type=int, default=0, help="tracks of the very large library, e.g. 1000000; 0 skips it (default 0)")
    ap.add_argument("--million-seconds", type=float, default=0.25,
                    help="make-corpus --seconds of the very large library and of its 100,000-track reference (default 0.25)")
    ap.add_argument("--million-ref", type=int, default=100000, help="tracks of the reference the time per file is compared with (default 100000)")
    ap.add_argument("--runs", type=int, default=5, help="runs of each timed scenario (default 5)")
    ap.add_argument("--big-runs", type=int, default=1, help="full scans of the big corpora (default 1)")
    ap.add_argument("--engines", default="sqlite", help="database engines, comma-separated: sqlite, postgres (default sqlite)")
    ap.add_argument("--million-engines", help="engines for the very large library and its reference (default: --engines)")
    ap.add_argument("--no-search", dest="search", action="store_false", help="skip the searches")
    ap.add_argument("--seed", default="1", help="make-corpus seed (default 1)")
    ap.add_argument("--batch", type=int, default=200, help="Scanner:BatchSize in effect (default 200)")
    ap.add_argument("--quiet-wait", type=int, default=45, help="seconds to wait for an idle machine before each scenario (default 45)")
    ap.add_argument("--data", default=os.environ.get("NOMARR_BENCH_DATA", os.path.join(os.path.dirname(REPO), "bench-data")),
                    help="where corpora are generated and kept (default: $NOMARR_BENCH_DATA or ../bench-data beside the repo)")
    ap.add_argument("--make-corpus", help="path of make-corpus (default: ../shared/tools/make-corpus)")
    ap.add_argument("--generate-only", action="store_true",
                    help="generate the corpora the options name, and MPD's database of the large ones, with nice 19; then stop")
    ap.add_argument("--skip-small", action="store_true", help="skip the main and the real-sized corpus")
    ap.add_argument("--update", metavar="FILE", help="also write the tables into FILE between the bench markers (e.g. BENCHMARKS.md)")
    ap.add_argument("--nomarr", required=True, help=argparse.SUPPRESS)
    ap.add_argument("--tagfloor", help=argparse.SUPPRESS)
    ap.add_argument("--work", required=True, help=argparse.SUPPRESS)
    a = ap.parse_args()
    a.argv = [v for v in sys.argv[1:] if not v.startswith(("--nomarr", "--work", "--tagfloor")) and v not in (a.nomarr, a.work, a.tagfloor)]
    if a.quick:
        a.big, a.million, a.runs = 0, 0, min(a.runs, 3)
        a.quiet_wait = min(a.quiet_wait, 10)
    QUIET_LIMIT[0] = a.quiet_wait
    a.engines = [e.strip() for e in a.engines.split(",") if e.strip()]
    for e in a.engines:
        if e not in ("sqlite", "postgres"):
            sys.exit("bench: unknown engine '%s' (sqlite, postgres)" % e)
    a.data = os.path.abspath(a.data)
    a.work = os.path.abspath(a.work)
    os.makedirs(a.work, exist_ok=True)
    started = now()
    tool = make_corpus_tool(a.make_corpus)

    def corpora():
        out = {}
        if not a.skip_small:
            out["main"] = (a.tracks, None)
            if a.real > 0:
                out["real"] = (a.real, a.real_seconds)
        if a.big > 0:
            out["big"] = (a.big, None)
        if a.million > 0:
            out["million"] = (a.million, a.million_seconds)
            if a.million_ref > 0:
                out["ref"] = (a.million_ref, a.million_seconds)
        return out

    if a.generate_only:
        # The corpora, and MPD's database of the large ones (its full update, made once), all with nice 19.
        for key, (n, sec) in corpora().items():
            c = ensure_corpus(tool, a.data, n, a.seed, sec, nice=True)
            log("%s: %s" % (c.path, c.describe()))
            if key in ("big", "million"):
                Mpd(c, a.work, cache=os.path.join(a.data, ".mpd-%s.db" % os.path.basename(c.path)), nice=True).close()
        return

    a.nomarr_version = run([a.nomarr, "--version"]).stdout.strip()
    a.mpd_version = run(["mpd", "--version"]).stdout.splitlines()[0].strip()
    engines, pg_version = [], None
    try:
        for e in a.engines:
            engines.append(Sqlite(a.work) if e == "sqlite" else Postgres(a.work))
            if e == "postgres":
                pg_version = engines[-1].version
        nomarrs = [Nomarr(a.nomarr, e) for e in engines]
        for nm in nomarrs:
            nm.engine.reset()
            p = run([nm.exe, "library", "list", "--json"], env=nm.env, check=False)
            if p.returncode != 0:
                sys.exit("bench: this nomarr cannot use %s: %s" % (nm.name, p.stderr.strip()[-500:]))

        main_r = real_r = big_r = million_r = ref_r = None
        wanted = [e.strip() for e in (a.million_engines or ",".join(a.engines)).split(",") if e.strip()]
        million_nomarrs = [nm for nm in nomarrs if nm.name in wanted]
        if a.million > 0 and not million_nomarrs:
            sys.exit("bench: --million-engines names no engine of --engines")
        todo = corpora()
        if "main" in todo:
            c = ensure_corpus(tool, a.data, a.tracks, a.seed)
            warm(c)
            main_r = bench_main(a, nomarrs, c, tool, a.tagfloor)
            main_r[0]["corpus"] = c
        if "real" in todo:
            c = ensure_corpus(tool, a.data, a.real, a.seed, a.real_seconds)
            warm(c)
            real_r = bench_real(a, nomarrs, c, a.tagfloor)
            real_r[0]["corpus"] = c
        if "big" in todo:
            c = ensure_corpus(tool, a.data, a.big, a.seed)
            warm(c)
            big_r = bench_big(a, nomarrs, c, "%d tracks" % a.big)
        if "ref" in todo:
            c = ensure_corpus(tool, a.data, a.million_ref, a.seed, a.million_seconds)
            warm(c)
            ref_r = bench_big(a, million_nomarrs, c, "%d tracks (reference)" % a.million_ref, album_and_search=False)
        if "million" in todo:
            c = ensure_corpus(tool, a.data, a.million, a.seed, a.million_seconds)
            warm(c)
            million_r = bench_big(a, million_nomarrs, c, "%d tracks" % a.million)
    finally:
        for e in engines:
            e.close()

    text = report(a, main_r, real_r, big_r, million_r, ref_r, started, pg_version)
    print(text)
    with open(os.path.join(a.work, "results.md"), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    if a.update:
        update_file(a.update, text)
        log("wrote " + a.update)


if __name__ == "__main__":
    main()
