#!/usr/bin/env python3
"""The measuring half of the command-level benchmarks; `run.sh` prepares the files and calls it.

Every figure is one command of the real binary on a real file, timed from outside (wall clock around
the process) with its peak RSS from `/usr/bin/time -f %M`, beside Python's csv module and csvtool on the
same file, in one session (issue 11, "Targets"). Times into a run are read from the sandbox: it stamps
each `/v1` request when its middleware receives it (`receivedAt` in `GET /_sandbox/requests`), on the same
clock as this script, so "first POST" is that stamp minus the moment the command was started.

    python3 bench.py --binary BIN --dir TMP --sizes 100000,1000000 [--runs 5] [--runs-large 3]

TMP must hold guests-N.csv and guests-N.yml for each size and for 10000 (run.sh writes them). Progress
goes to stderr; the Markdown tables go to stdout (and to --json, if given, as data).
"""
import argparse
import csv
import datetime
import http.client
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time

MIB = 1024.0
TARGET_RSS_MIB = 64
TIME = "/usr/bin/time"


def log(text):
    print(text, file=sys.stderr, flush=True)


class Measured:
    """One command's figures: wall seconds and peak RSS in KiB, as medians when it ran several times."""

    def __init__(self, wall, rss_kib, runs=1, extra=None):
        self.wall = wall
        self.rss_kib = rss_kib
        self.runs = runs
        self.extra = extra or {}

    @property
    def rss_mib(self):
        return self.rss_kib / MIB


def timed(argv, stdout=subprocess.DEVNULL, env=None, rss_file=None):
    """Runs argv under /usr/bin/time; returns (wall seconds, peak RSS KiB, exit status)."""
    rss_file = rss_file or os.path.join(ARGS.dir, "rss.txt")
    start = time.perf_counter()
    proc = subprocess.run([TIME, "-f", "%M", "-o", rss_file] + argv, stdout=stdout, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    with open(rss_file) as f:
        rss = int(f.read().strip().splitlines()[-1])
    if proc.returncode not in (0,):
        log(f"  ! {' '.join(argv[:3])}… exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-400:]}")
    return wall, rss, proc.returncode


def median_of(argv, runs, label, **kw):
    walls, rsss, statuses = [], [], []
    for i in range(runs):
        wall, rss, status = timed(argv, **kw)
        walls.append(wall)
        rsss.append(rss)
        statuses.append(status)
        log(f"  {label} #{i + 1}: {wall:.3f} s, {rss / MIB:.1f} MiB, exit {status}")
    return Measured(statistics.median(walls), statistics.median(rsss), runs, {"exit": statuses})


# ---------------------------------------------------------------------------------------------------
# The sandbox: a `guestlist sandbox` process with no rate limit, driven over its admin endpoints.

class Sandbox:
    def __init__(self, binary, folder):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.out = open(os.path.join(folder, "sandbox.log"), "w")
        self.proc = subprocess.Popen([binary, "sandbox", "--port", str(self.port)], stdout=self.out, stderr=subprocess.STDOUT)
        with open(os.path.join(folder, "sandbox.pid"), "w") as f:
            f.write(str(self.proc.pid))
        self.conn = None
        deadline = time.time() + 30
        while True:
            try:
                self.stats()
                break
            except OSError:
                if self.proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"the sandbox did not start on port {self.port}")
                time.sleep(0.05)
        self.base_url = f"http://127.0.0.1:{self.port}"

    def request(self, method, path, body=None):
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                headers = {"Content-Type": "application/json"} if body is not None else {}
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                return response.status, data
            except (http.client.HTTPException, OSError):
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                if attempt == 1:
                    raise

    def stats(self):
        status, data = self.request("GET", "/_sandbox/stats")
        return json.loads(data)

    def requests(self):
        status, data = self.request("GET", "/_sandbox/requests")
        return json.loads(data)

    def set_latency(self, milliseconds):
        self.request("PUT", "/_sandbox/faults", json.dumps({"latencyMilliseconds": milliseconds}))

    def reset(self):
        self.request("POST", "/_sandbox/reset")

    def close(self):
        if self.conn is not None:
            self.conn.close()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.out.close()
        try:
            os.remove(os.path.join(ARGS.dir, "sandbox.pid"))
        except FileNotFoundError:
            pass


def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def child_of(pid):
    """The process /usr/bin/time started (time itself ignores SIGINT while it waits)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            children = f.read().split()
        return int(children[0]) if children else None
    except (FileNotFoundError, ProcessLookupError):
        return None


def peak_so_far(pid):
    """VmHWM of a running process in KiB: its peak RSS up to now (what /usr/bin/time reports at its end)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, ValueError):
        pass
    return None


def drive_run(sandbox, pipeline, label, stop_at=None, slow_at=None):
    """Runs `guestlist run PIPELINE` against the sandbox and watches it.

    stop_at: send SIGINT once the sandbox has received this many POSTs from this command.
    slow_at: from this many POSTs on, the sandbox answers after 20 ms, so that the SIGINT lands close to
    stop_at even at thousands of POSTs a second (a way to leave about 100 rows pending).
    Returns Measured with extra: firstRequest, firstPost (seconds from start), posts, exit, stopSeconds, and
    peakBeforeFirstPost (KiB): the peak RSS of reading, recording and the pre-flight alone, read from /proc
    as soon as the first POST is seen (a few ms late at worst).
    """
    before = sandbox.stats()
    env = dict(os.environ, JICOO_API_KEY="sandbox-key", JICOO_BASE_URL=sandbox.base_url)
    rss_file = os.path.join(ARGS.dir, "rss-run.txt")
    out = open(os.path.join(ARGS.dir, f"run-{label}.out"), "w")
    t0 = time.time()
    proc = subprocess.Popen([TIME, "-f", "%M", "-o", rss_file, ARGS.binary, "run", pipeline, "--quiet"],
                            stdout=out, stderr=subprocess.STDOUT, env=env)
    seen_request = seen_post = None
    first_request = first_post = None
    slowed = False
    signalled = None
    peak_before = None
    posts = 0
    try:
        while proc.poll() is None:
            stats = sandbox.stats()
            now = time.time()
            posts = stats["postsReceived"] - before["postsReceived"]
            if seen_request is None and stats["requestsReceived"] > before["requestsReceived"]:
                seen_request = now - t0
            if seen_post is None and posts > 0:
                child = child_of(proc.pid)
                peak_before = peak_so_far(child) if child else None
                seen_post = now - t0
                # Exact stamps from the request log, now that it holds this command's first requests.
                mine = [r for r in sandbox.requests() if instant(r["receivedAt"]) >= t0]
                if mine:
                    first_request = instant(mine[0]["receivedAt"]) - t0
                posts_only = [r for r in mine if r["method"] == "POST"]
                if posts_only:
                    first_post = instant(posts_only[0]["receivedAt"]) - t0
                log(f"  {label}: first request {sec(first_request or seen_request)}, first POST {sec(first_post or seen_post)}")
            if slow_at is not None and not slowed and posts >= slow_at:
                sandbox.set_latency(20)
                slowed = True
            if stop_at is not None and signalled is None and posts >= stop_at:
                child = child_of(proc.pid)
                if child:
                    os.kill(child, signal.SIGINT)
                    signalled = time.time()
                    log(f"  {label}: SIGINT after {posts} POSTs")
            time.sleep(0.005 if seen_post is None else (0.02 if slowed else 0.1))
        proc.wait()
    finally:
        if proc.poll() is None:
            child = child_of(proc.pid)
            if child:
                os.kill(child, signal.SIGKILL)
            proc.wait()
        out.close()
        if slowed:
            sandbox.set_latency(0)
    wall = time.time() - t0
    with open(rss_file) as f:
        rss = int(f.read().strip().splitlines()[-1])
    after = sandbox.stats()
    posts = after["postsReceived"] - before["postsReceived"]
    if seen_request is not None and first_request is None:
        first_request = seen_request
    if seen_post is not None and first_post is None:
        first_post = seen_post
    extra = {"firstRequest": first_request, "firstPost": first_post, "posts": posts, "exit": proc.returncode,
             "stopSeconds": (time.time() - signalled) if signalled else None, "peakBeforeFirstPost": peak_before}
    log(f"  {label}: {wall:.1f} s, {rss / MIB:.1f} MiB, {posts} POSTs, exit {proc.returncode}")
    return Measured(wall, rss, 1, extra)


# ---------------------------------------------------------------------------------------------------

def main():
    sizes = [int(s) for s in ARGS.sizes.split(",")]
    binary = ARGS.binary
    results = {"sizes": sizes, "static": {}, "run": {}, "report": {}}

    def csv_path(n):
        return os.path.join(ARGS.dir, f"guests-{n}.csv")

    def pipeline(n):
        return os.path.join(ARGS.dir, f"guests-{n}.yml")

    parse = ["python3", "-c",
             "import csv,sys\nn=0\nwith open(sys.argv[1],newline='',encoding='utf-8-sig') as f:\n"
             "    for row in csv.reader(f): n+=1\nprint(n)"]

    small = ARGS.small
    log(f"validate {small} rows")
    results["static"][("validate", small)] = median_of([binary, "validate", pipeline(small)], ARGS.runs, f"validate {small}")
    for n in sizes:
        runs = ARGS.runs if n <= 100_000 else ARGS.runs_large
        log(f"{n} rows ({os.path.getsize(csv_path(n)) / 1e6:.1f} MB)")
        results["static"][("python csv", n)] = median_of(parse + [csv_path(n)], runs, f"python csv {n}")
        results["static"][("csvtool height", n)] = median_of(["csvtool", "height", csv_path(n)], runs, f"csvtool {n}")
        results["static"][("validate", n)] = median_of([binary, "validate", pipeline(n)], runs, f"validate {n}")

    sandbox = Sandbox(binary, ARGS.dir)
    try:
        for n in sizes:
            log(f"run {n} rows against {sandbox.base_url}")
            sandbox.reset()
            leave = 100
            if n > ARGS.first_sends:
                first = drive_run(sandbox, pipeline(n), f"run-{n}", stop_at=ARGS.first_sends)
                sent = first.extra["posts"]
                # The rest is sent by resuming in chunks, each stopped with SIGINT, so that a run whose memory
                # grows with every request sent cannot take the shared machine's memory; the first chunk's
                # figures are those of resuming a run with most rows pending.
                rest = None
                while n - leave - sent > 0:
                    left = n - leave - sent
                    last = left <= ARGS.chunk
                    chunk = drive_run(sandbox, pipeline(n), f"resume-chunk-{n}-{sent}", stop_at=min(left, ARGS.chunk),
                                      slow_at=max(0, left - 3000) if last else None)
                    rest = rest or chunk
                    sent += chunk.extra["posts"]
                    if chunk.extra["posts"] == 0 or chunk.extra["exit"] not in (0, 3):
                        raise RuntimeError(f"resuming {n} rows stopped sending: {chunk.extra}")
            else:
                first = drive_run(sandbox, pipeline(n), f"run-{n}", stop_at=n - leave, slow_at=max(0, n - leave - 3000))
                rest = None
                sent = first.extra["posts"]
            resume = drive_run(sandbox, pipeline(n), f"resume-{n}")
            resume.extra["pending"] = resume.extra["posts"]
            results["run"][n] = {"first": first, "most": rest, "resume": resume, "sentBefore": sent}
            ledger = os.path.join(ARGS.dir, f"guests-{n}.ledger.sqlite")
            for label, flags in [("json", ["--format", "json"]), ("csv", ["--format", "csv"]),
                                 ("csv --original", ["--format", "csv", "--original"])]:
                out_path = os.path.join(ARGS.dir, "report.out")
                with open(out_path, "w") as out:
                    m = median_of([binary, "report", "--ledger", ledger] + flags, ARGS.runs_large,
                                  f"report {label} {n}", stdout=out)
                m.extra["bytes"] = os.path.getsize(out_path)
                os.remove(out_path)
                results["report"][(label, n)] = m
    finally:
        sandbox.close()
    print_tables(results)


def mib(m):
    return f"{m.rss_mib:.1f}"


def sec(x):
    """Seconds, or a dash when the moment never came (the command ended before it)."""
    return "—" if x is None else f"{x:.2f} s"


def verdict(ok):
    return "✅" if ok else "❌"


def print_tables(results):
    sizes = results["sizes"]
    big, mid = max(sizes), min(sizes)
    st, rn, rp = results["static"], results["run"], results["report"]
    lines = []
    add = lines.append
    add(f"Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC · commit {ARGS.commit} · "
        f"binary {ARGS.binary}")
    add(f"Machine: {platform.machine()}, {os.cpu_count()} cores shared with other builds (load average at start "
        f"{ARGS.load}), {platform.system()} {platform.release()}. Peak RSS in MiB from `/usr/bin/time -f %M`; "
        f"wall times and RSS are medians of {ARGS.runs} runs (100k rows and fewer) or {ARGS.runs_large} (more, and "
        f"reports); each `run` figure is from one run. Sandbox: `guestlist sandbox` of the same binary, no rate "
        f"limit, on the same 2 cores.")
    add("")
    add("| command | rows | wall | peak RSS (MiB) | rows/s | target | met |")
    add("|---|---:|---:|---:|---:|---|:-:|")
    small = st[("validate", ARGS.small)]
    add(f"| `guestlist validate` | {ARGS.small:,} | {small.wall * 1000:.0f} ms | {mib(small)} | {ARGS.small / small.wall:,.0f} "
        f"| ≤ 100 ms | {verdict(small.wall <= 0.1)} |")
    for n in sizes:
        py, ct, va = st[("python csv", n)], st[("csvtool height", n)], st[("validate", n)]
        add(f"| python3 csv.reader (yardstick) | {n:,} | {py.wall:.2f} s | {mib(py)} | {n / py.wall:,.0f} | | |")
        add(f"| csvtool height | {n:,} | {ct.wall:.2f} s | {mib(ct)} | {n / ct.wall:,.0f} | | |")
        target = f"≤ python ({py.wall:.2f} s), ≤ {TARGET_RSS_MIB} MiB"
        ok = va.wall <= py.wall and va.rss_mib <= TARGET_RSS_MIB
        add(f"| `guestlist validate` | {n:,} | {va.wall:.2f} s | {mib(va)} | {n / va.wall:,.0f} | {target if n == big else ''} "
            f"| {verdict(ok) if n == big else ''} |")
    for n in sizes:
        r = rn[n]
        first = r["first"]
        fp = first.extra["firstPost"]
        fr = first.extra["firstRequest"]
        ok = fp is not None and fp <= 5 and first.rss_mib <= TARGET_RSS_MIB
        before = first.extra.get("peakBeforeFirstPost")
        before = f"{before / MIB:.1f} until the first POST; " if before else ""
        add(f"| `guestlist run`: start → first POST (first request, the pre-flight: {sec(fr)}) | {n:,} | "
            f"{sec(fp)} | {before}{mib(first)} through {first.extra['posts']:,} POSTs | | "
            f"{'≤ 5 s, ≤ 64 MiB' if n == big else ''} | {verdict(ok) if n == big else ''} |")
        if r["most"] is not None:
            m = r["most"]
            add(f"| `guestlist run` resumed, {n - first.extra['posts']:,} pending: start → first request / first POST | {n:,} | "
                f"{sec(m.extra['firstRequest'])} / {sec(m.extra['firstPost'])} | {mib(m)} through {m.extra['posts']:,} POSTs | | | |")
        res = r["resume"]
        ok = res.extra["firstRequest"] is not None and res.extra["firstRequest"] <= 1 and res.rss_mib <= TARGET_RSS_MIB
        add(f"| `guestlist run` resumed, {res.extra['pending']} pending: start → first request (first POST "
            f"{sec(res.extra['firstPost'])}) | {n:,} | {sec(res.extra['firstRequest'])} | {mib(res)} | | "
            f"{'≤ 1 s, ≤ 64 MiB' if n == big else ''} | {verdict(ok) if n == big else ''} |")
    for (label, n), m in sorted(rp.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        rate = n / m.wall
        ok = rate >= 500_000 and m.rss_mib <= TARGET_RSS_MIB
        target = "≥ 500,000 rows/s, ≤ 64 MiB" if label in ("json", "csv") and n == big else ""
        add(f"| `guestlist report --format {label}` ({m.extra['bytes'] / 1e6:.0f} MB) | {n:,} | {m.wall:.2f} s | {mib(m)} | "
            f"{rate:,.0f} | {target} | {verdict(ok) if target else ''} |")
    add("")
    add(f"Flatness: peak RSS at {mid:,} and {big:,} rows (target: within 10 MiB).")
    add("")
    add(f"| command | {mid:,} | {big:,} | Δ | met |")
    add("|---|---:|---:|---:|:-:|")

    def flat(label, a, b):
        delta = b.rss_mib - a.rss_mib
        add(f"| {label} | {mib(a)} | {mib(b)} | {delta:+.1f} | {verdict(abs(delta) <= 10)} |")

    flat("`validate`", st[("validate", mid)], st[("validate", big)])
    b_mid, b_big = rn[mid]["first"].extra.get("peakBeforeFirstPost"), rn[big]["first"].extra.get("peakBeforeFirstPost")
    if b_mid and b_big:
        flat("`run` until the first POST (reading, recording, pre-flight)", Measured(0, b_mid), Measured(0, b_big))
    flat("`run` through recording and the first sends", rn[mid]["first"], rn[big]["first"])
    flat("`run` resumed, ~100 pending", rn[mid]["resume"], rn[big]["resume"])
    for label in ("json", "csv", "csv --original"):
        flat(f"`report --format {label}`", rp[(label, mid)], rp[(label, big)])
    add("")
    add("Run details (exit status, POSTs, seconds from SIGINT to exit):")
    add("")
    for n in sizes:
        for key, name in (("first", "first run"), ("most", "first resumed chunk"), ("resume", "resume of ~100 pending")):
            m = rn[n][key]
            if m is None:
                continue
            stop = m.extra["stopSeconds"]
            add(f"- {n:,} rows, {name}: exit {m.extra['exit']}, {m.extra['posts']:,} POSTs, wall {m.wall:.1f} s"
                + (f", stopped {stop:.1f} s after SIGINT" if stop is not None else ""))
    text = "\n".join(lines)
    print(text)
    if ARGS.json:
        def plain(m):
            return None if m is None else {"wall": m.wall, "rssKiB": m.rss_kib, "runs": m.runs, **m.extra}
        data = {
            "commit": ARGS.commit,
            "static": [{"command": k[0], "rows": k[1], **plain(v)} for k, v in st.items()],
            "run": {str(n): {k: plain(v) if isinstance(v, Measured) else v for k, v in r.items()} for n, r in rn.items()},
            "report": [{"format": k[0], "rows": k[1], **plain(v)} for k, v in rp.items()],
        }
        with open(ARGS.json, "w") as f:
            json.dump(data, f, indent=1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--runs-large", type=int, default=3)
    parser.add_argument("--commit", default="unknown")
    parser.add_argument("--load", default="?")
    parser.add_argument("--first-sends", type=int, default=100_000,
                        help="a larger list's first run is stopped after this many POSTs (smaller lists: ~100 left)")
    parser.add_argument("--chunk", type=int, default=200_000,
                        help="POSTs per resumed chunk when sending the rest of a large run (bounds its memory)")
    parser.add_argument("--json")
    ARGS = parser.parse_args()
    main()
