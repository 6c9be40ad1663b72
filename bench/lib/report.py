"""Turns bench/run.sh's records (one JSON object a line) into RESULTS.md."""
import json
import os
import statistics

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def med(values, fmt="%.1f"):
    """median (min–max) of the values, or — when there are none."""
    values = [v for v in values if v is not None and v >= 0]
    if not values:
        return "—"
    m = statistics.median(values)
    if len(values) == 1:
        return fmt % m
    return (fmt + " (" + fmt + "–" + fmt + ")") % (m, min(values), max(values))


def median(values):
    values = [v for v in values if v is not None and v >= 0]
    return statistics.median(values) if values else None


def loads(rs):
    return ", ".join("%.1f" % r["load"] for r in rs if "load" in r) or "—"


def errors(rs):
    return sum(r.get("bad_status", 0) + r.get("socket_errors", 0) for r in rs)


def win(rs, key):
    return [r.get("window", {}).get(key) for r in rs]


def spread(values):
    """How far apart repeated runs came: (max - min) / min, in percent."""
    values = [v for v in values if v is not None and v > 0]
    if len(values) < 2:
        return None
    return 100.0 * (max(values) - min(values)) / min(values)


def spread_text(values):
    sp = spread(values)
    return "—" if sp is None else "%.1f %%" % sp


def per_unit(rs, field, units, scale):
    """Per-run CPU of FIELD (cpu_s or pg_cpu_s) per unit, times SCALE (ms per 1,000 reads: 1e6 / 1000 …)."""
    out = []
    for r in rs:
        n = units(r)
        c = r.get("cost", {}).get(field)
        out.append(c * scale / n if n and c is not None else None)
    return out


def verdict(ok):
    return "**met**" if ok else "**missed**"


def write(results_path, meta_path, out_path):
    recs = [json.loads(line) for line in open(results_path) if line.strip()]
    meta = json.load(open(meta_path))
    by = lambda **kw: [r for r in recs if all(str(r.get(k)) == str(v) for k, v in kw.items())]
    busy = float(meta["load_start"][0]) > meta["nproc"]
    out, targets = [], []
    w = out.append

    w("# ProjectMeats benchmark results\n")
    w("Written by `bench/run.sh`%s on %s. Every figure is the median of %d measurements of %d s with the range "
      "(min–max) beside it; the load generator (wrk, 2 threads, or bench/loadgen) runs on the same machine. The 1-minute "
      "load average before each measurement is listed with it.\n"
      % (" --quick" if meta["quick"] else "", meta["date"], meta["runs"], meta["duration"]))
    w("| machine | |\n|---|---|")
    w("| CPU | %s × %d (nproc) |" % (meta["cpu"], meta["nproc"]))
    w("| memory | %.1f GB |" % meta["memory_gb"])
    w("| kernel | %s |" % meta["kernel"])
    w("| JDK | %s |" % meta["java"])
    w("| PostgreSQL | %s (shared with other work on this machine) |" % meta["postgres"])
    w("| product | %s, JVM flags `%s` |" % (meta["commit"], meta["java_opts"]))
    w("| load average at start | %s |" % " ".join(meta["load_start"]))
    w("| pinned | %s |" % ("yes: wrk, bench/loadgen and the fake model on core 0; the service, the baseline and every "
                          "PostgreSQL process on core 1 (`taskset`), for scenarios 1-4; scenario 6 pins wrk and the service but not "
                          "PostgreSQL or seed-demo; scenario 5 is not pinned"
                          if meta.get("pinned") else "no: every process on any core"))
    w("")
    for note in meta.get("notes", []):
        w("> " + note + "\n")
    if busy:
        # The 1-minute average cannot say what ran: the harness's own build counts as much as anyone's.
        w("> **The machine was busy at the start**: the 1-minute load average (%s) was above its %d cores, from "
          "whatever ran in the minute before (this harness's own build of the jars counts too). Each scenario waited "
          "for quiet CPUs first, and the load beside each figure is the one to read; the baseline measured in the same "
          "minutes is the fairer yardstick.\n"
          % (meta["load_start"][0], meta["nproc"]))

    # ---- cost per unit
    c1p, c1b = by(scenario=1, key="cost", subject="product"), by(scenario=1, key="cost", subject="baseline")
    c3 = by(scenario=3, key="cost")
    c4 = by(scenario=4, key="cost")
    if c1p or c3 or c4:
        w("## Cost per unit\n")
        w("CPU time (utime + stime from /proc) of the service's process and of the PostgreSQL backends serving its "
          "connections (found through its sockets), over a fixed amount of work from bench/loadgen "
          "(`FixedLoad`, `StreamLoad`), less what the same processes used over an idle window measured just before "
          "(scaled to the work's wall time). Each figure is the median of the runs, with min–max; *spread* is "
          "(max − min) ÷ min over the runs of one build, the agreement asked for is within 10 %.\n")
        w("| unit | service CPU | PostgreSQL backends CPU | together | spread (service / together) | work per run | load |")
        w("|---|---|---|---|---|---|---|")

        def row(label, rs, units, scale, fmt, work):
            svc = per_unit(rs, "cpu_s", units, scale)
            pg = per_unit(rs, "pg_cpu_s", units, scale)
            tot = [a + b if a is not None and b is not None else None for a, b in zip(svc, pg)]
            w("| %s | %s | %s | %s | %s / %s | %s | %s |" % (label, med(svc, fmt), med(pg, fmt), med(tot, fmt),
              spread_text(svc), spread_text(tot), work, loads(rs)))
            return median(svc), median(tot), spread(svc), spread(tot)

        reads = lambda r: r.get("requests")
        if c1p:
            p = row("1,000 authenticated reads, product (ms)", c1p, reads, 1e6, "%.0f", "%s reads" % c1p[0].get("requests"))
            b = row("1,000 reads, bare baseline (ms)", c1b, reads, 1e6, "%.0f", "%s reads" % (c1b[0].get("requests") if c1b else "—"))
            if p[0] and b[0]:
                targets.append(("1 cost: an authenticated read ≤ 2 × the baseline's CPU per read (service + its backends)",
                                "%.2f × (%.0f vs %.0f ms per 1,000; the processes alone %.2f ×)" % (p[1] / b[1], p[1], b[1], p[0] / b[0]),
                                p[1] <= 2 * b[1]))
        for store in ("postgresql", "sqlite"):
            rs = [r for r in c3 if r.get("datastore") == store]
            if rs:
                row("created order, %s (ms)" % store, rs, reads, 1e3, "%.2f", "%s creates" % rs[0].get("requests"))
        a50 = [r for r in c4 if r.get("deltas_per_answer") == 50]
        a250 = [r for r in c4 if r.get("deltas_per_answer") == 250]
        if a50:
            answers = lambda r: r.get("ok") or None
            svc, tot, _, _ = row("streamed answer of 50 deltas (ms)", a50, answers, 1e3, "%.2f", "%s answers" % a50[0].get("streams"))
            if svc is not None:
                targets.append(("4 cost: a streamed answer of 50 deltas ≤ 3 ms of service CPU", "%.2f ms" % svc, svc <= 3))
        if a50 and a250:
            # Per run: (cost of an answer of 250 − of 50) ÷ 200 deltas.
            per_delta, per_delta_pg = [], []
            for x, y in zip(sorted(a50, key=lambda r: r["run"]), sorted(a250, key=lambda r: r["run"])):
                if x.get("ok") and y.get("ok"):
                    per_delta.append((y["cost"]["cpu_s"] / y["ok"] - x["cost"]["cpu_s"] / x["ok"]) * 1e6 / 200)
                    per_delta_pg.append((y["cost"]["pg_cpu_s"] / y["ok"] - x["cost"]["pg_cpu_s"] / x["ok"]) * 1e6 / 200)
            w("| relayed delta (µs): (answer of 250 − answer of 50) ÷ 200 | %s | %s | — | %s | %s answers of 250 | %s |" % (
                med(per_delta, "%.1f"), med(per_delta_pg, "%.1f"), spread_text(per_delta), a250[0].get("streams"), loads(a250)))
            w("| streamed answer of 250 deltas (ms) | %s | %s | — | %s | | |" % (
                med(per_unit(a250, "cpu_s", lambda r: r.get("ok") or None, 1e3), "%.2f"),
                med(per_unit(a250, "pg_cpu_s", lambda r: r.get("ok") or None, 1e3), "%.2f"),
                spread_text(per_unit(a250, "cpu_s", lambda r: r.get("ok") or None, 1e3))))
            m = median(per_delta)
            if m is not None:
                targets.append(("4 cost: a relayed delta ≤ 25 µs of service CPU", "%.1f µs" % m, m <= 25))
            # The same less the JIT compiler's threads: a service still compiling reads higher by
            # what it compiled in that run, which is no cost of an answer or a delta once warm.
            warm = lambda r: (r["cost"]["cpu_s"] - r["cost"]["jit_cpu_s"]) / r["ok"]
            have = lambda r: r.get("ok") and r.get("cost", {}).get("jit_cpu_s") is not None
            jit50 = [r["cost"]["jit_cpu_s"] * 1e3 / r["ok"] for r in a50 if have(r)]
            warm50 = [warm(r) * 1e3 for r in a50 if have(r)]
            warm_delta = [(warm(y) - warm(x)) * 1e6 / 200
                          for x, y in zip(sorted(a50, key=lambda r: r["run"]), sorted(a250, key=lambda r: r["run"]))
                          if have(x) and have(y)]
            if warm50:
                w("| answer of 50 deltas: the JIT compiler's threads in it (ms) | %s | | | %s | | |" % (
                    med(jit50, "%.2f"), spread_text(jit50)))
                w("| answer of 50 deltas less the JIT compiler (ms) | %s | | | %s | | |" % (
                    med(warm50, "%.2f"), spread_text(warm50)))
            if warm_delta:
                w("| relayed delta less the JIT compiler (µs) | %s | | | %s | | |" % (
                    med(warm_delta, "%.1f"), spread_text(warm_delta)))
            # The bare relay (bench/baseline), run by run beside the product: an absolute CPU time on
            # this VM moves by half from hour to hour, a ratio to work measured in the same minutes
            # does not.
            r4 = by(scenario=4, key="cost_relay")
            r50 = sorted([r for r in r4 if r.get("deltas_per_answer") == 50 and r.get("ok")], key=lambda r: r["run"])
            r250 = sorted([r for r in r4 if r.get("deltas_per_answer") == 250 and r.get("ok")], key=lambda r: r["run"])
            if r50 and r250:
                per = lambda r: r["cost"]["cpu_s"] / r["ok"]
                ok50 = sorted([r for r in a50 if r.get("ok")], key=lambda r: r["run"])
                ok250 = sorted([r for r in a250 if r.get("ok")], key=lambda r: r["run"])
                relay_answer = [per(r) * 1e3 for r in r50]
                relay_delta = [(per(y) - per(x)) * 1e6 / 200 for x, y in zip(r50, r250)]
                answer_ratio = [per(p) / per(b) for p, b in zip(ok50, r50)]
                delta_ratio = [(per(py) - per(px)) / (per(by_) - per(bx))
                               for px, py, bx, by_ in zip(ok50, ok250, r50, r250) if per(by_) > per(bx)]
                w("| answer of 50 deltas, bare relay (ms) | %s | | | %s | | %s |" % (
                    med(relay_answer, "%.2f"), spread_text(relay_answer), loads(r50)))
                w("| relayed delta, bare relay (µs) | %s | | | %s | | %s |" % (
                    med(relay_delta, "%.1f"), spread_text(relay_delta), loads(r250)))
                w("| answer of 50 deltas, product ÷ bare relay, run by run (×) | %s | | | %s | | |" % (
                    med(answer_ratio, "%.2f"), spread_text(answer_ratio)))
                w("| relayed delta, product ÷ bare relay, run by run (×) | %s | | | %s | | |" % (
                    med(delta_ratio, "%.2f"), spread_text(delta_ratio)))
                # What part of a delta is the kernel's, and how many system calls it takes: the floor
                # under any relay that reads and writes each delta, whatever its code.
                for label, xs, ys in (("product", ok50, ok250), ("bare relay", r50, r250)):
                    pairs = [(x, y) for x, y in zip(xs, ys)
                             if x["cost"].get("sys_cpu_s") is not None and y["cost"].get("sys_cpu_s") is not None]
                    kernel = [(y["cost"]["sys_cpu_s"] / y["ok"] - x["cost"]["sys_cpu_s"] / x["ok"]) * 1e6 / 200
                              for x, y in pairs]
                    if kernel:
                        w("| relayed delta, %s: its system (kernel) time (µs) | %s | | | %s | | |" % (
                            label, med(kernel, "%.1f"), spread_text(kernel)))
                    calls = [((y["cost"]["syscr"] / y["ok"] - x["cost"]["syscr"] / x["ok"]) / 200,
                              (y["cost"]["syscw"] / y["ok"] - x["cost"]["syscw"] / x["ok"]) / 200)
                             for x, y in zip(xs, ys) if "syscr" in x["cost"] and "syscr" in y["cost"]]
                    if calls:
                        w("| relayed delta, %s: read-type / write-type system calls (/proc/PID/io) | %s / %s | | | | | |" % (
                            label, med([c[0] for c in calls], "%.2f"), med([c[1] for c in calls], "%.2f")))
            # How much of each measured run was the JIT compiler's (its share of the process's CPU):
            # small and alike from run to run means the figures above are the build's, not the
            # compiler's schedule.
            share = lambda r: 100.0 * r["cost"]["jit_cpu_s"] / r["cost"]["cpu_s"] if (
                r.get("cost", {}).get("jit_cpu_s") is not None and r["cost"].get("cpu_s", 0) > 0) else None
            for label, rs in (("product, answers of 50 deltas", a50), ("product, answers of 250 deltas", a250),
                              ("bare relay, answers of 50 deltas", r50), ("bare relay, answers of 250 deltas", r250)):
                vals = [share(r) for r in sorted(rs, key=lambda r: r["run"])]
                if any(v is not None for v in vals):
                    w("| the JIT compiler's share of the service's CPU in the runs, %s (%%), run by run: %s | %s | | | | | |" % (
                        label, ", ".join("%.1f" % v if v is not None else "—" for v in vals), med(vals, "%.1f")))
            wu = sorted(by(scenario=4, key="cost_warmup"), key=lambda r: r["round"])
            if wu:
                pct = lambda c: "%.1f" % (100.0 * c["jit_cpu_s"] / c["cpu_s"]) if c.get("cpu_s", 0) > 0 and c.get("jit_cpu_s") is not None else "—"
                w("| unrecorded cost warm-up rounds before the runs (each the runs' work against both): %d; the JIT compiler's "
                  "share of the relay's / product's CPU by round (%%): %s | | | | | | |" % (
                    len(wu), ", ".join("%s / %s" % (pct(r["relay"]), pct(r["product"])) for r in wu)))
        w("")

    # ---- scenario 1
    s1p, s1b = by(scenario=1, key="product"), by(scenario=1, key="baseline")
    rev = by(scenario=1, key="revocation")
    if s1p:
        w("## 1. Read one record: `GET /api/v1/purchase-orders/{id}`, 64 connections\n")
        w("Bearer token, company-scoped, PostgreSQL, the largest data set. The baseline (bench/baseline) is bare Vert.x + "
          "vertx-pg-client with the same two SELECTs and byte-identical JSON, no router, auth or logging.\n")
        w("| | req/s | p50 ms | p99 ms | p99.9 ms | errors | RSS max MB | CPU cores | load |")
        w("|---|---|---|---|---|---|---|---|---|")
        for name, rs in (("product", s1p), ("baseline", s1b)):
            w("| %s | %s | %s | %s | %s | %d | %s | %s | %s |" % (name, med([r["rps"] for r in rs], "%.0f"),
              med([r["p50"] for r in rs], "%.2f"), med([r["p99"] for r in rs], "%.2f"), med([r["p999"] for r in rs], "%.2f"),
              errors(rs), med(win(rs, "rss_max_mb"), "%.0f"), med(win(rs, "cpu_cores"), "%.2f"), loads(rs)))
        ratios = [p["rps"] / b["rps"] for p, b in zip(s1p, s1b) if b["rps"] > 0]
        ratio = median(ratios)
        p99 = median([r["p99"] for r in s1p])
        base_p99 = median([r["p99"] for r in s1b])
        w("\nProduct / baseline throughput, per interleaved pair: %s." % med(ratios, "%.2f"))
        base_rps = median([r["rps"] for r in s1b])
        w("With 64 connections in a closed loop the mean latency is 64 ÷ throughput (Little's law): p99 < 10 ms "
          "needs more than 6,400 req/s from product, PostgreSQL and wrk together on this machine's cores%s; "
          "the baseline's p99 is the yardstick beside the product's." % (
              ", which the bare baseline does not reach either" if base_rps is not None and base_rps < 6400
              else " and a tail no longer than the median's few multiples (the baseline reaches %.0f req/s with p99 %.1f ms)"
              % (base_rps or 0, base_p99 or 0)))
        if rev:
            w("Bodies identical to the baseline's: %s. Revocation across two replicas under load: %s (%s)."
              % (rev[0].get("bodies_identical"), "passed" if rev[0]["ok"] is True else "**FAILED**", rev[0]["detail"]))
        w("")
        targets.append(("1 read: throughput ≥ ½ baseline", "%.2f × baseline" % ratio if ratio else "—", ratio is not None and ratio >= 0.5))
        targets.append(("1 read: p99 < 10 ms at 64 connections", "%.2f ms (baseline %.2f ms)" % (p99, base_p99) if p99 and base_p99 else "—",
                        p99 is not None and p99 < 10))
        if rev:
            targets.append(("1 read: revoked token fails on its next request, every replica", rev[0]["detail"], rev[0]["ok"] is True))

    # ---- scenario 2
    s2 = by(scenario=2)
    if s2:
        sizes = sorted({r["size"] for r in s2})
        data = {r["size"]: r for r in by(scenario="data")}
        w("## 2. List with filter and ordering, and search, by size\n")
        w("One company holds the size below; nine others hold a tenth of it each, in the same table. %d connections. "
          "`list`: `?status=…&supplier=…&ordering=-order_date&page_size=25` (random supplier of 50 and status of 6); "
          "`search`: `?q=<random 4 digits>&ordering=-order_date&page_size=25` (order, release and confirmation numbers). "
          "Both with the exact `count`.\n" % s2[0]["conns"])
        for key in ("list", "search"):
            rs_all = by(scenario=2, key=key)
            base = median([r["p50"] for r in rs_all if r["size"] == sizes[0]])
            w("| %s: orders | req/s | p50 ms | p99 ms | p50 ÷ p50 at %d | errors | data set | load |" % (key, sizes[0]))
            w("|---|---|---|---|---|---|---|---|")
            for size in sizes:
                rs = [r for r in rs_all if r["size"] == size]
                p50 = median([r["p50"] for r in rs])
                d = data.get(size)
                made = "%.1f GB, made in %d s" % (d["bytes"] / 1e9, d["seconds"]) if d else "reused"
                w("| %d | %s | %s | %s | %s | %d | %s | %s |" % (size, med([r["rps"] for r in rs], "%.0f"),
                  med([r["p50"] for r in rs], "%.2f"), med([r["p99"] for r in rs], "%.2f"),
                  "%.2f" % (p50 / base) if p50 and base else "—", errors(rs), made, loads(rs)))
            w("")
            top = median([r["p50"] for r in rs_all if r["size"] == sizes[-1]])
            if top is not None and base:
                targets.append(("2 %s: p50 ≤ 20 ms at %d" % (key, sizes[-1]), "%.2f ms" % top, top <= 20))
                targets.append(("2 %s: p50 at %d ≤ 3 × p50 at %d" % (key, sizes[-1], sizes[0]), "%.2f ×" % (top / base), top <= 3 * base))

    # ---- scenario 3
    s3 = by(scenario=3, key="create")
    if s3:
        w("## 3. Create a purchase order with three lines, 64 concurrent writers\n")
        w("One company, generated order numbers, one transaction each (references checked, supplier snapshot, totals, history).\n")
        w("| datastore | req/s | p50 ms | p99 ms | errors | integrity | RSS max MB | CPU cores | load |")
        w("|---|---|---|---|---|---|---|---|---|")
        for store in ("postgresql", "sqlite"):
            rs = [r for r in s3 if r["datastore"] == store]
            if not rs:
                continue
            integ = by(scenario=3, key="integrity", datastore=store)
            text = "—"
            if integ:
                i = integ[0]
                text = "%s duplicate numbers" % i["duplicate_numbers"] + (
                    ", %s orders without 3 lines" % i["orders_without_3_lines"] if "orders_without_3_lines" in i else "")
            w("| %s | %s | %s | %s | %d | %s | %s | %s | %s |" % (store, med([r["rps"] for r in rs], "%.0f"),
              med([r["p50"] for r in rs], "%.2f"), med([r["p99"] for r in rs], "%.2f"), errors(rs), text,
              med(win(rs, "rss_max_mb"), "%.0f"), med(win(rs, "cpu_cores"), "%.2f"), loads(rs)))
            targets.append(("3 create on %s: no error" % store, "%d errors" % errors(rs), errors(rs) == 0))
        w("")

    # ---- scenario 4
    s4 = [r for r in by(scenario=4) if r.get("key") not in ("cost", "cost_relay", "cost_warmup", "level_warmup")]
    if s4 and s4[0].get("key") == "skipped":
        w("## 4. Streaming fan-out\n\nNot measured: %s.\n" % s4[0]["reason"])
    elif s4:
        levels = sorted({r["level"] for r in s4})
        w("## 4. Streaming fan-out: chat streams through the service vs straight to the test server\n")
        w("bench/loadgen's FakeOpenAi sends 50 deltas per answer at 20 per second, each stamped with its send time; "
          "StreamLoad starts the streams evenly over 2.5 s (one answer's length, so all are open at once), checks every "
          "delta arrives once and in order, and times the first delta (TTFB, from sending the request) and each delta "
          "(from the test server's write). Heap from the product's GC log (-Xmx512m); CPU and RSS from /proc. "
          "*Machine CPU cores busy*: all processes together (test server, load generator, PostgreSQL, the product) over "
          "the run, out of the machine's %d; when the direct runs alone come near it, the service runs queue for CPU.\n" % meta["nproc"])
        w("| streams | delivered (service) | out of order | TTFB p50 direct / service / added ms | TTFB p99 direct / service / added ms "
          "| delta delay p99 direct / service / added ms | heap peak MB | RSS max MB | CPU cores | service CPU ms per answer (warm-up answers included) "
          "| machine CPU cores busy, direct / service | load |")
        w("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for level in levels:
            d = [r for r in s4 if r["level"] == level and r["key"] == "direct"]
            s = [r for r in s4 if r["level"] == level and r["key"] == "service"]

            def trio(k):
                a, b = median([r[k] for r in d]), median([r[k] for r in s])
                return "%.2f / %.2f / **%.2f**" % (a, b, b - a) if a is not None and b is not None else "—"
            cpu = median(win(s, "cpu_s"))
            w("| %d | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s |" % (level,
              "%d/%d" % (min(r["ok"] for r in s), level) if s else "—", sum(r["out_of_order"] for r in s),
              trio("ttfb_p50"), trio("ttfb_p99"), trio("delay_p99"),
              med([r.get("heap", {}).get("heap_peak_mb") for r in s], "%.0f"), med(win(s, "rss_max_mb"), "%.0f"),
              med(win(s, "cpu_cores"), "%.2f"), "%.2f" % (cpu * 1000 / (level + min(level, 200))) if cpu else "—",
              med([r.get("machine_cores") for r in d], "%.2f"), med([r.get("machine_cores") for r in s], "%.2f"), loads(s)))
        # The arrival pattern, and whether the service kept up with it: the streams start evenly over
        # the ramp (an open model: a start does not wait for earlier streams), so TTFB that grows
        # from one fifth of the starts to the next is a queue, one high only in the first fifth a
        # cold start.
        if any(r.get("ttfb_p50_by_fifth") for r in s4):
            w("\nArrivals and queueing: the streams of a level start at a fixed rate (*starts/s*, the level ÷ the 2.5 s ramp), "
              "whatever the service does with the earlier ones. TTFB p50 of each fifth of the streams in the order they started "
              "(service; direct in brackets): rising fifth by fifth means streams arrive faster than the service starts them, "
              "so they queue for its CPU.\n")
            w("| streams | starts/s | TTFB p50 by fifth of the starts, service ms (direct) | service CPU cores over the run |")
            w("|---|---|---|---|")
            for level in levels:
                d = [r for r in s4 if r["level"] == level and r["key"] == "direct" and r.get("ttfb_p50_by_fifth")]
                s = [r for r in s4 if r["level"] == level and r["key"] == "service" and r.get("ttfb_p50_by_fifth")]
                if not s:
                    continue
                fifths = []
                for i in range(5):
                    sv = median([r["ttfb_p50_by_fifth"][i] for r in s])
                    dv = median([r["ttfb_p50_by_fifth"][i] for r in d]) if d else None
                    fifths.append("%.1f (%s)" % (sv, "%.1f" % dv if dv is not None else "—"))
                w("| %d | %s | %s | %s |" % (level, med([r.get("starts_per_s") for r in s], "%.0f"), ", ".join(fifths),
                                             med(win(s, "cpu_cores"), "%.2f")))
        # The bare relay (bench/baseline with MODEL_URL) through the same levels, on the product's
        # core: what relaying alone adds on this machine, beside what the product adds.
        if any(r["key"] == "relay" for r in s4):
            w("\nThe bare relay beside the product: bench/baseline with MODEL_URL (no router, authentication, database or "
              "history; one JSON decode and encode per delta) on the product's core, the same StreamLoad at each level "
              "right after the product's run, warmed the same way. *Added* is against the same level's direct run; a negative "
              "figure means the direct run was the slower one (its load generator short of core 0), so that level says nothing.\n")
            w("| streams | delivered (relay) | added TTFB p50 product / relay ms | added TTFB p99 product / relay ms "
              "| added delta delay p99 product / relay ms | TTFB p50 by fifth of the starts, relay ms | CPU cores product / relay "
              "| CPU ms per answer product / relay (warm-up answers included) | machine CPU cores busy, product / relay "
              "| JIT compiler's share of the CPU, product / relay, run by run % | load (relay) |")
            w("|---|---|---|---|---|---|---|---|---|---|---|")

            # The JIT compiler's share (%) of a process's CPU in a `benchlib cost` record, and run by run.
            def jit_pct(c):
                return "%.1f" % (100.0 * c["jit_cpu_s"] / c["cpu_s"]) if (
                    c.get("cpu_s", 0) > 0 and c.get("jit_cpu_s") is not None) else "—"

            def jit_runs(rs):
                return ", ".join(jit_pct(r.get("jit") or {}) for r in sorted(rs, key=lambda r: r["run"])) or "—"
            for level in levels:
                d = [r for r in s4 if r["level"] == level and r["key"] == "direct"]
                s = [r for r in s4 if r["level"] == level and r["key"] == "service"]
                b = [r for r in s4 if r["level"] == level and r["key"] == "relay"]
                if not b:
                    continue

                def pair(k):
                    a = median([r[k] for r in d])
                    out = []
                    for rs in (s, b):
                        v = median([r[k] for r in rs])
                        out.append("%.2f" % (v - a) if a is not None and v is not None else "—")
                    return "%s / **%s**" % tuple(out)

                def per_answer(rs):
                    cpu = median(win(rs, "cpu_s"))
                    return "%.2f" % (cpu * 1000 / (level + min(level, 200))) if cpu else "—"
                fifths = ", ".join("%.1f" % median([r["ttfb_p50_by_fifth"][i] for r in b if r.get("ttfb_p50_by_fifth")])
                                   for i in range(5)) if any(r.get("ttfb_p50_by_fifth") for r in b) else "—"
                w("| %d | %s | %s | %s | %s | %s | %s / %s | %s / %s | %s / %s | %s / %s | %s |" % (level,
                  "%d/%d" % (min(r["ok"] for r in b), level), pair("ttfb_p50"), pair("ttfb_p99"), pair("delay_p99"), fifths,
                  med(win(s, "cpu_cores"), "%.2f"), med(win(b, "cpu_cores"), "%.2f"), per_answer(s), per_answer(b),
                  med([r.get("machine_cores") for r in s], "%.2f"), med([r.get("machine_cores") for r in b], "%.2f"),
                  jit_runs(s), jit_runs(b), loads(b)))
            # Which core was full: pinned, core 0 holds the load generator and the test server, core 1
            # the service (or the relay) and PostgreSQL. A level whose direct run already fills core
            # 0 measures the harness, whatever goes through core 1.
            if any(r.get("core_busy") for r in s4):
                w("\nEach core's busy share over the level's runs (%, median of the runs; from /proc/stat). Pinned, core 0 "
                  "runs the load generator and the test server, core 1 the service or the relay and PostgreSQL. An average "
                  "over the whole run: the 2.5 s ramp, when every stream starts, can fill a core that reads far below 100 % "
                  "here (CHANGES 70).\n")
                w("| streams | core 0 busy: direct / product / relay | core 1 busy: direct / product / relay |")
                w("|---|---|---|")

                def core(rs, i):
                    return med([100.0 * r["core_busy"][i] for r in rs if len(r.get("core_busy") or []) > i], "%.0f")
                for level in levels:
                    by_key = {k: [r for r in s4 if r["level"] == level and r["key"] == k] for k in ("direct", "service", "relay")}
                    w("| %d | %s | %s |" % (level, " / ".join(core(by_key[k], 0) for k in ("direct", "service", "relay")),
                                            " / ".join(core(by_key[k], 1) for k in ("direct", "service", "relay"))))
            # The unrecorded rounds before each level (run.sh's level_warmup): the level's work through
            # both, repeated until the compiler took under BENCH_JIT_SHARE % of each one's CPU.
            wl = by(scenario=4, key="level_warmup")
            if wl:
                w("\nUnrecorded warm-up rounds before each level (the level's work through the product and the relay, "
                  "repeated until the JIT compiler took under %s %% of each one's CPU), the compiler's share of the "
                  "relay's / product's CPU by round (%%): %s.\n" % (
                    meta.get("jit_share", 3), "; ".join("%d streams: %s" % (level, ", ".join(
                        "%s / %s" % (jit_pct(r["relay"]), jit_pct(r["product"]))
                        for r in sorted((r for r in wl if r["level"] == level), key=lambda r: r["round"])))
                        for level in sorted({r["level"] for r in wl}))))
        top = [r for r in s4 if r["level"] == levels[-1]]
        d = [r for r in top if r["key"] == "direct"]
        s = [r for r in top if r["key"] == "service"]
        if d and s:
            delivered = all(r["ok"] == r["streams"] and r["out_of_order"] == 0 for r in s)
            a50 = median([r["ttfb_p50"] for r in s]) - median([r["ttfb_p50"] for r in d])
            a99 = median([r["ttfb_p99"] for r in s]) - median([r["ttfb_p99"] for r in d])
            dly = median([r["delay_p99"] for r in s]) - median([r["delay_p99"] for r in d])
            heap = max((r.get("heap", {}).get("heap_peak_mb") or 0) for r in s)
            targets.append(("4 streams: every delta delivered in order (%d streams)" % levels[-1],
                            "%s" % ", ".join("%d/%d ok" % (r["ok"], r["streams"]) for r in s), delivered))
            # Negative: the direct run was the slower one (disturbed), so nothing can be read from it.
            def added(v):
                return "%.2f ms%s" % (v, " (the direct run was slower: not comparable)" if v < 0 else "")
            targets.append(("4 streams: TTFB added ≤ 1 ms p50", added(a50), 0 <= a50 <= 1))
            targets.append(("4 streams: TTFB added ≤ 5 ms p99", added(a99), 0 <= a99 <= 5))
            targets.append(("4 streams: per-delta delay added p99 ≤ 10 ms", added(dly), 0 <= dly <= 10))
            targets.append(("4 streams: heap ≤ 512 MB", "peak %d MB before a GC (-Xmx512m)" % heap, 0 < heap <= 512))
        # Issue 19's targets, pinned: at 250 and 500 streams.
        pin = " (pinned)" if meta.get("pinned") else " (NOT pinned)"
        # The bare relay's figure at the same level beside the product's: whether the machine allows the target.
        def relay_too(level, k):
            d = [r for r in s4 if r["level"] == level and r["key"] == "direct"]
            b = [r for r in s4 if r["level"] == level and r["key"] == "relay"]
            if not d or not b:
                return ""
            return " (bare relay %.2f ms)" % (median([r[k] for r in b]) - median([r[k] for r in d]))
        for level, limit in ((250, 2), (500, 5)):
            d = [r for r in s4 if r["level"] == level and r["key"] == "direct"]
            s = [r for r in s4 if r["level"] == level and r["key"] == "service"]
            if d and s:
                a = median([r["ttfb_p50"] for r in s]) - median([r["ttfb_p50"] for r in d])
                targets.append(("4 streams: TTFB added p50 ≤ %d ms at %d streams%s" % (limit, level, pin),
                                "%.2f ms%s" % (a, relay_too(level, "ttfb_p50")), a <= limit))
        d = [r for r in s4 if r["level"] == 500 and r["key"] == "direct"]
        s = [r for r in s4 if r["level"] == 500 and r["key"] == "service"]
        if d and s:
            a = median([r["delay_p99"] for r in s]) - median([r["delay_p99"] for r in d])
            targets.append(("4 streams: delta delay added p99 ≤ 10 ms at 500 streams" + pin,
                            "%.2f ms%s" % (a, relay_too(500, "delay_p99")), a <= 10))
        fails = [f for r in s4 for f in r.get("failures", [])][:5]
        if fails:
            w("\nFirst failures: " + "; ".join("`%s`" % f[:160] for f in fails))
        w("")

    # ---- scenario 5
    s5 = by(scenario=5)
    if s5:
        w("## 5. Start-up and footprint\n")
        w("From process start to the first 200 from `/healthz` (the schema checked or migrated, the database reachable), "
          "then RSS after 5 s idle. *first*: an empty database (all migrations run).\n")
        w("| datastore | ms to /healthz 200 | idle RSS MB | load |")
        w("|---|---|---|---|")
        for kind in ("sqlite", "postgresql", "sqlite-first", "postgresql-first"):
            rs = by(scenario=5, key=kind)
            if rs:
                w("| %s | %s | %s | %s |" % (kind, med([r["ms"] for r in rs], "%.0f"), med([r["idle_rss_mb"] for r in rs], "%.0f"), loads(rs)))
                if not kind.endswith("first"):
                    m = median([r["ms"] for r in rs])
                    targets.append(("5 start-up on %s ≤ 1.5 s" % kind, "%.0f ms" % m, m <= 1500))
        if s1p:
            w("\nRSS under scenario 1's load: %s MB (baseline: %s MB)." % (med(win(s1p, "rss_max_mb"), "%.0f"), med(win(s1b, "rss_max_mb"), "%.0f")))
        w("")

    # ---- scenario 6
    seed = by(scenario=6, key="seed")
    s6 = [r for r in by(scenario=6) if r.get("key") in ("prefix", "name", "fragment", "global")]
    if seed or s6:
        w("## 6. seed-demo, and search on its data\n")
    if seed:
        r = seed[0]
        w("**seed-demo**: `seed-demo --company … --orders %s` on a fresh PostgreSQL database: **%s s** (load %s before; "
          "%s progress lines; duplicate order numbers %s, gaps in them %s, orders without their `created` history %s).\n"
          % (r["orders"], r["seconds"], r["load"], r["progress_lines"], r["duplicate_numbers"], r["number_gaps"],
             r["without_history"]))
        targets.append(("6 seed-demo: %s orders in < 50 s" % r["orders"], "%s s" % r["seconds"], float(r["seconds"]) < 50))
    if s6:
        sizes = sorted({r["size"] for r in s6})
        data = {r["size"]: r for r in by(scenario="demo-data")}
        w("Search on seed-demo data: one company (Acme Meats) with the size below, nine others with a tenth each, all "
          "written by seed-demo. %d connections, purchase orders, 25 to a page in the search's own order (exact and "
          "prefix matches of numbers first), with the exact `count`. `prefix`: the first 4 digits of one of the "
          "company's order numbers; `name`: a word of a supplier's name (`Cactus`); `fragment`: 3 digits from inside an "
          "order number; `global`: `GET /api/v1/search?q=` (every resource, 5 each), half names, half prefixes. "
          "The earlier Django app answered `q` at 92 req/s on this machine (issue 20).\n" % s6[0]["conns"])
        w("| q | orders | req/s | p50 ms | p99 ms | errors | data set | load |")
        w("|---|---|---|---|---|---|---|---|")
        for key in ("prefix", "name", "fragment", "global"):
            for size in sizes:
                rs = [r for r in s6 if r["key"] == key and r["size"] == size]
                if not rs:
                    continue
                d = data.get(size)
                made = "%.2f GB, made in %d s" % (d["bytes"] / 1e9, d["seconds"]) if d else "reused"
                w("| %s | %d | %s | %s | %s | %d | %s | %s |" % (key, size, med([r["rps"] for r in rs], "%.0f"),
                  med([r["p50"] for r in rs], "%.2f"), med([r["p99"] for r in rs], "%.2f"), errors(rs), made, loads(rs)))
                p50 = median([r["p50"] for r in rs])
                p99 = median([r["p99"] for r in rs])
                if key == "global":
                    targets.append(("6 search: global p50 ≤ 20 ms at %d" % size, "%.2f ms" % p50, p50 <= 20))
                else:
                    targets.append(("6 search: %s p50 ≤ 10 ms, p99 ≤ 50 ms at %d" % (key, size),
                                    "%.2f / %.2f ms" % (p50, p99), p50 <= 10 and p99 <= 50))
        w("")

    # Sections whose figures were kept from an earlier run (run.sh --only) say so in their heading.
    earlier = {r.get("scenario") for r in recs if r.get("earlier_run")}
    for i, line in enumerate(out):
        if line.startswith("## ") and line[3:4].isdigit() and int(line[3]) in earlier:
            out[i] = line.rstrip() + " — *kept from an earlier run (see the note at the top)*\n"

    # ---- summary first, then the details
    head = ["## Targets\n", "| target | measured | |", "|---|---|---|"]
    head += ["| %s | %s | %s |" % (t, m, verdict(ok)) for t, m, ok in targets]
    head.append("")
    changes = os.path.join(HERE, "CHANGES.md")
    tail = [open(changes).read()] if os.path.exists(changes) else []
    intro_end = next(i for i, line in enumerate(out) if line.startswith("## ") or i == len(out) - 1)
    text = out[:intro_end] + head + out[intro_end:] + tail
    with open(out_path, "w") as f:
        f.write("\n".join(text).rstrip() + "\n")
    with open(os.path.splitext(out_path)[0] + ".jsonl", "w") as f:
        f.write("".join(json.dumps(r) + "\n" for r in recs))
