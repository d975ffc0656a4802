#!/usr/bin/env python3
"""How soon a node sees another node's scans: two `nomarr serve` (node-a, node-b) on one PostgreSQL
database, a scan asked of node-a N times, and for each the delay between node-a's and node-b's
scan_started and scan_finished on /api/events (LISTEN/NOTIFY; Node:PollSeconds is the fallback).

Usage: bench/nodes/latency.py NOMARR_EXECUTABLE CONNECTION_STRING LIBRARY_FOLDER [RUNS]
(an empty database; ports 54801 and 54802 on loopback)
"""
import json, os, subprocess, sys, threading, time, urllib.request
N, CS, lib = sys.argv[1], sys.argv[2], sys.argv[3]
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
env = dict(os.environ, NOMARR_Database__Provider="postgres", NOMARR_Database__ConnectionString=CS, NOMARR_Watcher__ScanOnStart="false")
procs = []
def serve(name, port):
    e = dict(env, NOMARR_Node__Name=name)
    p = subprocess.Popen([N, "serve", "--urls", "http://127.0.0.1:%d" % port], env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(p)
    for _ in range(300):
        try:
            urllib.request.urlopen("http://127.0.0.1:%d/health" % port); return
        except OSError: time.sleep(0.1)
events = {"a": [], "b": []}
def listen(key, port):
    r = urllib.request.urlopen("http://127.0.0.1:%d/api/events" % port)
    t = None
    for raw in r:
        line = raw.decode().rstrip("\n")
        if line.startswith("event: "): t = line[7:]
        elif line.startswith("data: ") and t:
            events[key].append((time.monotonic(), t, json.loads(line[6:]))); t = None
subprocess.run([N, "library", "add", lib, "--watch-mode", "off"], env=env, check=True, stdout=subprocess.DEVNULL)
serve("node-a", 54801); serve("node-b", 54802)
for k, p in (("a", 54801), ("b", 54802)):
    threading.Thread(target=listen, args=(k, p), daemon=True).start()
time.sleep(2)
for i in range(runs):
    req = urllib.request.Request("http://127.0.0.1:54801/api/libraries/1/scans", data=b"", method="POST", headers={"Content-Type": "application/json"})
    sid = json.load(urllib.request.urlopen(req))["scan_id"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not all(any(t == "scan_finished" and d["scan_id"] == sid for _, t, d in events[k]) for k in "ab"):
        time.sleep(0.01)
    def at(k, typ): return next(ts for ts, t, d in events[k] if t == typ and d["scan_id"] == sid)
    fa, fb = at("a", "scan_finished"), at("b", "scan_finished")
    sa, sb = at("a", "scan_started"), at("b", "scan_started")
    ran = json.load(urllib.request.urlopen("http://127.0.0.1:54801/api/scans/%d" % sid))["node"]
    print("scan %d ran on %s: started seen on other node +%.0f ms, finished seen on other node +%.0f ms" % (sid, ran, abs(sb - sa) * 1000, abs(fb - fa) * 1000), flush=True)
for p in procs: p.terminate()
for p in procs: p.wait()
