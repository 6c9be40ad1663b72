#!/usr/bin/env python3
"""Paperwork figures: rendering a 200-line purchase order as PDF, and exporting 100,000 purchase
orders as CSV and XLSX (time, and the JVM's peak used heap while it runs, beside a 10,000-row
export to show whether memory grows with the list).

    python3 bench/paperwork.py [--rows 100000] [--pdf-runs 30] [--xmx 256m]

Runs the packaged jar (target/projectmeats.jar; built when missing) on a fresh SQLite file, seeds
the rows with Python's sqlite3 straight into the migrated schema, samples the heap with the JDK's
jstat every 100 ms, and appends a section to bench/PAPERWORK.md with the 1-minute load average
before each figure. Standard library only.
"""
import argparse, datetime, http.cookiejar, json, os, platform, shutil, socket, sqlite3, statistics
import subprocess, sys, tempfile, threading, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAVA_HOME = os.environ.get("JAVA_HOME") if os.path.exists(os.path.join(os.environ.get("JAVA_HOME", "/x"), "bin/jstat")) \
    else "/usr/lib/jvm/temurin-25-jdk-amd64"
JAVA = os.path.join(JAVA_HOME, "bin/java")
JSTAT = os.path.join(JAVA_HOME, "bin/jstat")
JAR = os.path.join(ROOT, "target/projectmeats.jar")
EMAIL, PASSWORD = "bench@paperwork.example", "Bench-Paperwork-2026!"


def load():
    return open("/proc/loadavg").read().split()[0]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class HeapSampler(threading.Thread):
    """Peak of S0U+S1U+EU+OU (KB) reported by jstat while running."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.proc = subprocess.Popen([JSTAT, "-gc", str(pid), "100"], stdout=subprocess.PIPE, text=True)
        self.peak_kb = 0.0

    def run(self):
        header = None
        for line in self.proc.stdout:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "S0C":
                header = parts
                continue
            if header:
                row = dict(zip(header, parts))
                try:
                    used = sum(float(row[k].replace(",", ".")) for k in ("S0U", "S1U", "EU", "OU"))
                except (KeyError, ValueError):
                    continue
                self.peak_kb = max(self.peak_kb, used)

    def stop(self):
        time.sleep(0.3)
        self.proc.terminate()
        self.proc.wait()
        return self.peak_kb / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--pdf-runs", type=int, default=30)
    ap.add_argument("--xmx", default="256m")
    args = ap.parse_args()
    if not os.path.exists(JAR):
        subprocess.run(["mvn", "-B", "-q", "-ntp", "package", "-DskipTests", "-Dskip.npm=true"], cwd=ROOT, check=True)
    tmp = tempfile.mkdtemp(prefix="pm-bench-paper-")
    db = os.path.join(tmp, "pm.db")
    port = free_port()
    env = dict(os.environ, DATABASE_URL="sqlite:" + db, APP_ENV="dev", PORT=str(port), LOG_FORMAT="json",
               PASSWORD_HASH_ITERATIONS="1000", PROJECTMEATS_PASSWORD=PASSWORD)
    subprocess.run([JAVA, "-jar", JAR, "create-user", "--email", EMAIL, "--company", "Bench Paperwork", "--role", "owner"],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    seed(db, args.rows)
    log = open(os.path.join(tmp, "service.log"), "w")
    server = subprocess.Popen([JAVA, "-Xmx" + args.xmx, "-jar", JAR], env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base)
        opener = sign_in(base)
        results = {"pdf": pdf(base, opener, args.pdf_runs)}
        for fmt in ("csv", "xlsx"):
            results[f"{fmt}_small"] = export(base, opener, server.pid, fmt, "?order_date_after=" + small_cut(db))
            results[fmt] = export(base, opener, server.pid, fmt, "")
        write_report(args, results)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def seed(db, rows):
    con = sqlite3.connect(db)
    company = con.execute("SELECT id FROM companies").fetchone()[0]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    cur = con.execute("INSERT INTO suppliers (company_id, name, tested_product, offers_contracts, offers_export_documents,"
                      " credit_app_sent, credit_app_set_up, created_on, modified_on) VALUES (?, 'Cactus Packing', 0, 0, 0, 0, 0, ?, ?)",
                      (company, now, now))
    supplier = cur.lastrowid
    start = datetime.date(2020, 1, 1)
    con.executemany(
        "INSERT INTO purchase_orders (company_id, status, order_number, supplier_id, order_date, special_instructions,"
        " total_amount, paid_amount, outstanding_amount, payment_status, created_on, modified_on)"
        " VALUES (?, 'approved', ?, ?, ?, ?, ?, 0, ?, 'unpaid', ?, ?)",
        ((company, str(100000 + i), supplier, (start + datetime.timedelta(days=i % 2400)).isoformat(),
          "Keep frozen, call before loading", 7840000 + i, 7840000 + i, now, now) for i in range(rows)))
    con.commit()
    con.close()


def small_cut(db):
    """An order_date_after that selects about a tenth of the rows."""
    con = sqlite3.connect(db)
    d = con.execute("SELECT order_date FROM purchase_orders ORDER BY order_date DESC LIMIT 1 OFFSET"
                    " (SELECT count(*) / 10 FROM purchase_orders)").fetchone()[0]
    con.close()
    return d


def wait_ready(base):
    until = time.time() + 120
    while time.time() < until:
        try:
            if urllib.request.urlopen(base + "/healthz", timeout=2).status == 200:
                return
        except Exception:
            time.sleep(0.3)
    raise SystemExit("the service did not become ready")


def sign_in(base):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("X-Requested-With", "bench")]
    req = urllib.request.Request(base + "/api/v1/auth/login", json.dumps({"email": EMAIL, "password": PASSWORD}).encode(),
                                 {"Content-Type": "application/json"})
    opener.open(req).read()
    return opener


def post(opener, url, body):
    req = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    return json.loads(opener.open(req).read())


def pdf(base, opener, runs):
    supplier = post(opener, base + "/api/v1/suppliers", {"name": "Frigorífico São João", "city": "Goiânia"})["id"]
    lines = [{"description": f"Item {i} boxed beef, choice", "weight": f"{1000 + i}.00", "price_per_unit": "2.4550",
              "quantity": 40} for i in range(200)]
    po = post(opener, base + "/api/v1/purchase-orders", {"supplier": supplier, "lines": lines})
    url = f"{base}/api/v1/purchase-orders/{po['id']}/pdf"
    for _ in range(5):
        opener.open(url).read()  # warm-up: class loading, JIT
    before = load()
    times, size = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        size = len(opener.open(url).read())
        times.append((time.perf_counter() - t) * 1000)
    return {"median_ms": statistics.median(times), "min_ms": min(times), "max_ms": max(times), "bytes": size,
            "runs": runs, "load": before}


def export(base, opener, pid, fmt, query):
    url = f"{base}/api/v1/purchase-orders/export.{fmt}{query}"
    before = load()
    sampler = HeapSampler(pid)
    sampler.start()
    time.sleep(0.5)
    t = time.perf_counter()
    response = opener.open(url)
    rows = response.headers.get("X-Total-Count")
    size = 0
    while True:
        chunk = response.read(1 << 16)
        if not chunk:
            break
        size += len(chunk)
    seconds = time.perf_counter() - t
    return {"rows": int(rows), "seconds": seconds, "bytes": size, "peak_heap_mb": sampler.stop(), "load": before}


def write_report(args, r):
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    jdk = subprocess.run([JAVA, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    p = r["pdf"]
    out = [f"\n## {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC · commit {commit}",
           f"{platform.node()}, {os.cpu_count()} CPUs, {jdk}, SQLite, `-Xmx{args.xmx}`\n",
           "| what | figure | 1-min load before |", "|---|---|---|",
           f"| PDF of a 200-line purchase order (`GET …/pdf`, {p['runs']} runs after 5 warm-up) | median {p['median_ms']:.0f} ms"
           f" (min {p['min_ms']:.0f}, max {p['max_ms']:.0f}), {p['bytes'] / 1024:.0f} KB | {p['load']} |"]
    for fmt in ("csv", "xlsx"):
        for key in (f"{fmt}_small", fmt):
            e = r[key]
            out.append(f"| export.{fmt}, {e['rows']:,} rows | {e['seconds']:.1f} s ({e['rows'] / e['seconds']:,.0f} rows/s),"
                       f" {e['bytes'] / 1048576:.1f} MB; peak used heap {e['peak_heap_mb']:.0f} MB | {e['load']} |")
    text = "\n".join(out) + "\n"
    path = os.path.join(ROOT, "bench/PAPERWORK.md")
    if not os.path.exists(path):
        text = ("# Paperwork figures\n\nWritten by `python3 bench/paperwork.py` (see its docstring). Peak used heap is the"
                " largest S0U+S1U+EU+OU that `jstat -gc` reported every 100 ms during the download; it includes garbage"
                " not yet collected, so compare the 10k and 100k rows of one run rather than reading it as live data.\n") + text
    with open(path, "a") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
