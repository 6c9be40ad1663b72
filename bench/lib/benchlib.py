#!/usr/bin/env python3
"""Helpers for bench/run.sh (Python standard library only).

  waitready URL START_NS TIMEOUT_S     print ms from START_NS until URL answers 200 (exit 1 on timeout)
  settle MAX_S BUSY_PCT                wait (at most MAX_S) until the CPUs were under BUSY_PCT % busy for 2 s
  busyticks                            print all CPUs' busy clock ticks so far
  coreticks                            print each CPU's busy clock ticks so far (cpu0 first)
  sample PID OUT                       append "epoch_ms rss_kb cpu_ticks" every 200 ms while PID lives
  window SAMPLES START_MS END_MS       JSON: max/mean RSS (MB) and CPU seconds of the process in the window
  gcwindow GCLOG START_MS END_MS       JSON: peak heap used before a GC and max live after GC (MB) in the window
  record FILE JSON key=value...        append JSON merged with the key=values (numbers parsed) as one line
  snap NAME=PID...                     JSON: now, and the CPU ticks of each process and of the PostgreSQL
                                       backends serving its connections (found through its sockets)
  cost SNAP0 SNAP1 [IDLE0 IDLE1]       JSON per NAME: CPU seconds of the process and of its backends
                                       between two snaps, less what the same wall time cost when idle
  pgpin CORES | pgunpin MASK           pin every PostgreSQL process (postmaster, so its future
                                       children too) to CORES; pgunpin restores MASK (a taskset list)
  seed-sqlite DB TOKEN_HASH...         the measured company, its owner, suppliers, products and tokens
  keep-others RESULTS OLD ONLY META    append OLD's records of the scenarios not in ONLY (marked) to RESULTS
  report RESULTS META OUT              write RESULTS.md from the records
"""
import http.client
import json
import os
import re
import sqlite3
import statistics
import sys
import time
from datetime import datetime, timezone


def waitready(url, start_ns, timeout_s):
    host, port, path = re.match(r"http://([^:/]+):(\d+)(/.*)", url).groups()
    deadline = time.time() + float(timeout_s)
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection(host, int(port), timeout=1)
            conn.request("GET", path)
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                print("%.1f" % ((time.time_ns() - int(start_ns)) / 1e6))
                return 0
        except OSError:
            pass
        time.sleep(0.002)
    return 1


def cpu_busy():
    """All CPUs' clock ticks so far: (busy, total). Busy is user, nice, system, irq, softirq and steal
    (guest time is counted inside user and nice already); the rest of the total is idle and iowait."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7]
    return busy, busy + v[3] + v[4]


def core_busy():
    """Each CPU's busy clock ticks so far, cpu0 first, counted as cpu_busy counts them: in a pinned
    run, whether the load generator's core or the service's was the full one."""
    out = []
    with open("/proc/stat") as f:
        for line in f:
            name = line.split(" ", 1)[0]
            if name.startswith("cpu") and name != "cpu":
                v = [int(x) for x in line.split()[1:9]]
                out.append(v[0] + v[1] + v[2] + v[5] + v[6] + v[7])
    return out


def settle(max_s, busy_pct):
    """A measurement starts on a quiet machine, not in the tail of the one before (a JVM's exit, PostgreSQL's checkpoint)."""
    start = time.time()
    busy = 100.0
    while True:
        b0, t0 = cpu_busy()
        time.sleep(2)
        b1, t1 = cpu_busy()
        busy = 100.0 * (b1 - b0) / max(1, t1 - t0)
        if busy < float(busy_pct) or time.time() - start > float(max_s):
            break
    print("  settled after %.0f s: CPUs %.0f%% busy over the last 2 s" % (time.time() - start, busy))
    return 0


def proc_sample(pid):
    with open("/proc/%s/status" % pid) as f:
        rss = int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))
    with open("/proc/%s/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return rss, int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks


def sample(pid, out):
    with open(out, "a") as f:
        while True:
            try:
                rss, ticks = proc_sample(pid)
            except (OSError, AttributeError):
                return 0
            f.write("%d %d %d\n" % (time.time() * 1000, rss, ticks))
            f.flush()
            time.sleep(0.2)


def window(samples, start_ms, end_ms):
    rows = []
    with open(samples) as f:
        for line in f:
            t, rss, ticks = (int(x) for x in line.split())
            rows.append((t, rss, ticks))
    inside = [r for r in rows if int(start_ms) <= r[0] <= int(end_ms)]
    if len(inside) < 2:
        return {}
    hz = os.sysconf("SC_CLK_TCK")
    cpu = (inside[-1][2] - inside[0][2]) / hz
    wall = (inside[-1][0] - inside[0][0]) / 1000
    return {"rss_max_mb": round(max(r[1] for r in inside) / 1024, 1),
            "rss_mean_mb": round(statistics.mean(r[1] for r in inside) / 1024, 1),
            "cpu_s": round(cpu, 2), "cpu_cores": round(cpu / wall, 2) if wall > 0 else None}


GC_LINE = re.compile(r"^\[([^\]]+)\].*GC\(\d+\) Pause.* (\d+)M->(\d+)M\((\d+)M\)")


def gcwindow(log, start_ms, end_ms):
    peak, live, count = 0, 0, 0
    with open(log) as f:
        for line in f:
            m = GC_LINE.match(line)
            if not m:
                continue
            t = datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp() * 1000
            if int(start_ms) <= t <= int(end_ms):
                count += 1
                peak = max(peak, int(m.group(2)))
                live = max(live, int(m.group(3)))
    return {"heap_peak_mb": peak, "heap_live_max_mb": live, "gcs": count}


def record(path, data, pairs):
    rec = json.loads(data) if data.strip() else {}
    for pair in pairs:
        k, v = pair.split("=", 1)
        try:
            rec[k] = json.loads(v)
        except ValueError:
            rec[k] = v
    with open(path, "a") as f:
        f.write(json.dumps(rec) + "\n")


def cpu_times(pid):
    """(utime, stime) of a process (all its threads), in clock ticks; None once it is gone. stime is
    the kernel's part: system calls, and on loopback the receiving side's TCP input, which runs in
    the sender's system call."""
    try:
        with open("/proc/%s/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]), int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


def ticks(pid):
    """utime + stime of a process, in clock ticks; None once it is gone."""
    times = cpu_times(pid)
    return None if times is None else sum(times)


def syscalls(pid):
    """The process's read-type and write-type system calls so far (/proc/PID/io syscr, syscw)."""
    try:
        with open("/proc/%s/io" % pid) as f:
            io = dict(line.split(": ") for line in f.read().splitlines())
        return int(io["syscr"]), int(io["syscw"])
    except (OSError, KeyError, ValueError):
        return None


def jit_ticks(pid):
    """utime + stime of a JVM's JIT compiler threads, in clock ticks: the part of a process's CPU that
    pays for compiling, not for the work (a run that still compiles reads higher for that alone)."""
    total = 0
    try:
        tasks = os.listdir("/proc/%s/task" % pid)
    except OSError:
        return None
    for tid in tasks:
        try:
            with open("/proc/%s/task/%s/stat" % (pid, tid)) as f:
                head, rest = f.read().rsplit(")", 1)
            if head.split("(", 1)[1].startswith(("C1 CompilerThre", "C2 CompilerThre")):
                fields = rest.split()
                total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass  # a compiler thread that ended between the listing and the read
    return total


def local_ports_to(pid, remote_port=5432):
    """The local ports of the process's TCP connections to REMOTE_PORT (PostgreSQL's)."""
    inodes = set()
    try:
        for fd in os.listdir("/proc/%s/fd" % pid):
            try:
                link = os.readlink("/proc/%s/fd/%s" % (pid, fd))
            except OSError:
                continue
            if link.startswith("socket:["):
                inodes.add(link[8:-1])
    except OSError:
        return set()
    ports = set()
    for table in ("/proc/%s/net/tcp" % pid, "/proc/%s/net/tcp6" % pid):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    cols = line.split()
                    local, remote, inode = cols[1], cols[2], cols[9]
                    if inode in inodes and int(remote.rsplit(":", 1)[1], 16) == remote_port:
                        ports.add(int(local.rsplit(":", 1)[1], 16))
        except OSError:
            pass
    return ports


def pg_backends(ports):
    """PostgreSQL backend pids whose client port is one of PORTS (the server is on this machine)."""
    if not ports:
        return []
    import subprocess
    out = subprocess.run(["psql", "-qAtX", "-d", "postgres", "-c",
                          "SELECT pid, client_port FROM pg_stat_activity WHERE client_port IS NOT NULL"],
                         capture_output=True, text=True).stdout
    found = []
    for line in out.splitlines():
        bpid, port = line.split("|")
        if int(port) in ports:
            found.append(int(bpid))
    return found


def snap(pairs):
    """CPU ticks now of each NAME=PID and of the backends serving its connections."""
    out = {"t_ms": int(time.time() * 1000)}
    for pair in pairs:
        name, pid = pair.split("=", 1)
        backends = pg_backends(local_ports_to(pid))
        times = cpu_times(pid)
        out[name] = {"pid": int(pid), "ticks": times and sum(times), "sys": times and times[1], "jit": jit_ticks(pid),
                     "calls": syscalls(pid),
                     "pg": {str(b): ticks(b) for b in backends if ticks(b) is not None}}
    return out


def cost(snap0, snap1, idle0=None, idle1=None):
    """CPU seconds of each process and its backends from SNAP0 to SNAP1, less the idle rate
    (IDLE0 to IDLE1, a window with the same processes and no load) times the wall time. A backend
    that appears after SNAP0 counts from zero (its start is part of the work); one that ended
    before SNAP1 is lost (the pools keep theirs for the whole run)."""
    hz = float(os.sysconf("SC_CLK_TCK"))
    a, b = json.loads(snap0), json.loads(snap1)
    wall = (b["t_ms"] - a["t_ms"]) / 1000.0

    def used(x, y, name):
        proc = (y[name]["ticks"] - x[name]["ticks"]) / hz
        pg = sum(t - x[name]["pg"].get(p, 0) for p, t in y[name]["pg"].items()) / hz
        return proc, pg

    out = {"wall_s": round(wall, 3)}
    idle = None
    if idle0 and idle1:
        i0, i1 = json.loads(idle0), json.loads(idle1)
        idle = (i0, i1, (i1["t_ms"] - i0["t_ms"]) / 1000.0)
    for name in b:
        if name == "t_ms" or name not in a:
            continue
        proc, pg = used(a, b, name)
        rec = {"cpu_s": round(proc, 3), "pg_cpu_s": round(pg, 3), "backends": len(b[name]["pg"])}
        if a[name].get("jit") is not None and b[name].get("jit") is not None:
            # Not less an idle rate: compiling comes in bursts, not at a rate.
            rec["jit_cpu_s"] = round((b[name]["jit"] - a[name]["jit"]) / hz, 3)
        if a[name].get("sys") is not None and b[name].get("sys") is not None:
            # Not less an idle rate either: an idle process's system time is its timers' wake-ups,
            # a few ticks a minute.
            rec["sys_cpu_s"] = round((b[name]["sys"] - a[name]["sys"]) / hz, 3)
        if a[name].get("calls") and b[name].get("calls"):
            rec["syscr"] = b[name]["calls"][0] - a[name]["calls"][0]
            rec["syscw"] = b[name]["calls"][1] - a[name]["calls"][1]
        if idle and name in idle[0] and idle[2] > 0:
            iproc, ipg = used(idle[0], idle[1], name)
            rec["idle_cpu_s"] = round(iproc * wall / idle[2], 3)
            rec["idle_pg_cpu_s"] = round(ipg * wall / idle[2], 3)
            rec["cpu_s"] = round(proc - rec["idle_cpu_s"], 3)
            rec["pg_cpu_s"] = round(pg - rec["idle_pg_cpu_s"], 3)
        out[name] = rec
    return out


def postgres_pids():
    pids = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open("/proc/%s/comm" % p) as f:
                    if f.read().strip() == "postgres":
                        pids.append(int(p))
            except OSError:
                pass
    return sorted(pids)


def pgpin(cores):
    """Pins every PostgreSQL process to CORES and prints the postmaster's mask before (to restore).
    Backends forked later inherit the postmaster's mask."""
    import subprocess
    pids = postgres_pids()
    if not pids:
        return 1
    # The postmaster is the one whose parent is not postgres.
    postmaster = next(p for p in pids if int(open("/proc/%d/stat" % p).read().rsplit(")", 1)[1].split()[1]) not in pids)
    before = subprocess.run(["taskset", "-c", "-p", str(postmaster)], capture_output=True, text=True).stdout
    print(before.rsplit(":", 1)[1].strip())
    for p in pids:
        subprocess.run(["taskset", "-a", "-c", "-p", cores, str(p)], capture_output=True)
    return 0


def pgunpin(mask):
    import subprocess
    for p in postgres_pids():
        subprocess.run(["taskset", "-a", "-c", "-p", mask, str(p)], capture_output=True)
    return 0


def keep_others(results, old, only, meta_path):
    """A run of some scenarios (--only) keeps the figures of the others from the results it replaces;
    the report says which scenarios come from which run."""
    wanted = {int(x) for x in only.split(",") if x.strip()}
    kept, dates = 0, set()
    with open(old) as f, open(results, "a") as out:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            sc = rec.get("scenario")
            # Data-set records describe scenario 2's tables ("made in N s").
            if (isinstance(sc, int) and sc not in wanted) or (sc == "data" and 2 not in wanted):
                rec["earlier_run"] = True
                out.write(json.dumps(rec) + "\n")
                kept += 1
    meta = json.load(open(meta_path))
    others = sorted({1, 2, 3, 4, 5, 6} - wanted)
    meta.setdefault("notes", []).append(
        "Scenarios %s were run for this report (%s); the figures of scenarios %s are kept from the results this one "
        "replaced (an earlier run, with its own load and, where it says so, its own build): see bench/CHANGES.md for when."
        % (", ".join(map(str, sorted(wanted))), meta["date"], ", ".join(map(str, others))))
    json.dump(meta, open(meta_path, "w"))
    print("kept %d records of scenarios %s from %s" % (kept, others, old))


def seed_sqlite(db, hashes):
    """The same measured company as sql/generate.sql, without the orders: what scenario 3 writes against."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    c = sqlite3.connect(db, timeout=30)
    c.execute("INSERT INTO companies (id, name, slug, active, created_on, modified_on) VALUES (1, 'Bench Target Brokerage', 'bench-target', 1, ?, ?)", (now, now))
    c.execute("INSERT INTO users (id, email, name, password_hash, active, default_company_id, created_on, modified_on) VALUES (1, 'owner1@bench.example', 'Owner 1', '!unusable', 1, 1, ?, ?)", (now, now))
    c.execute("INSERT INTO memberships (user_id, company_id, role, created_on) VALUES (1, 1, 'owner', ?)", (now,))
    for j in range(1, 51):
        c.execute("""INSERT INTO suppliers (id, company_id, name, contact_person, email, phone, city, state, country, tested_product,
                     offers_contracts, offers_export_documents, credit_app_sent, credit_app_set_up, status, payment_terms, credit_limit,
                     created_on, modified_on) VALUES (?, 1, ?, ?, ?, '+1 806 555 0100', 'Amarillo', 'TX', 'USA', 0, 0, 0, 1, 1, 'active',
                     'Wire', 'Net 30', ?, ?)""", (j, "Supplier 1-%d Packing" % j, "Pat Seller %d" % j, "sales%d@supplier.example" % j, now, now))
    for j in range(1, 101):
        c.execute("""INSERT INTO products (id, company_id, product_code, description, protein, fresh_or_frozen, package_type, net_or_catch,
                     edible_inedible, tested, supplier_id, unit_of_measure, active, created_on, modified_on)
                     VALUES (?, 1, ?, 'Beef chuck roll, choice', 'Beef', 'Frozen', 'Boxed wax lined', 'Catch', 'Edible', 0, ?, 'LBS', 1, ?, ?)""",
                  (j, "SKU-%04d" % j, 1 + j % 50, now, now))
    for h in hashes:
        c.execute("INSERT INTO api_tokens (token_hash, prefix, name, user_id, company_id, created_on) VALUES (?, 'pmt_bench', 'bench', 1, 1, ?)", (h, now))
    c.commit()
    c.close()


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "waitready":
        sys.exit(waitready(*args))
    elif cmd == "settle":
        sys.exit(settle(*args))
    elif cmd == "busyticks":
        print(cpu_busy()[0])
    elif cmd == "coreticks":
        print(" ".join(str(t) for t in core_busy()))
    elif cmd == "sample":
        sys.exit(sample(*args))
    elif cmd == "window":
        print(json.dumps(window(*args)))
    elif cmd == "gcwindow":
        print(json.dumps(gcwindow(*args)))
    elif cmd == "record":
        record(args[0], args[1], args[2:])
    elif cmd == "snap":
        print(json.dumps(snap(args)))
    elif cmd == "cost":
        print(json.dumps(cost(*args)))
    elif cmd == "pgpin":
        sys.exit(pgpin(args[0]))
    elif cmd == "pgunpin":
        sys.exit(pgunpin(args[0]))
    elif cmd == "seed-sqlite":
        seed_sqlite(args[0], args[1:])
    elif cmd == "keep-others":
        keep_others(*args)
    elif cmd == "report":
        sys.path.insert(0, os.path.dirname(__file__))
        import report
        report.write(*args)
    else:
        sys.exit(__doc__)
