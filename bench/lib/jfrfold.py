#!/usr/bin/env python3
"""Folds a JFR recording's CPU samples into collapsed stacks (flame-graph input) and a summary.

  python3 bench/lib/jfrfold.py RECORDING.jfr OUT_PREFIX [THREAD_SUBSTRING]

Writes OUT_PREFIX.collapsed (one "root;...;leaf count" line per distinct stack, the format of
flamegraph.pl and speedscope) and OUT_PREFIX.txt: the samples by thread, by component (the leaf
frame's package, grouped), the top frames by self samples, and the top frames by total (inclusive)
samples. Only jdk.ExecutionSample (threads running Java code) is folded; threads inside a system
call show up under jdk.NativeMethodSample, counted separately in the summary.
"""
import collections
import re
import subprocess
import sys

FRAME = re.compile(r"^\s+(.+?)\s+line:\s*\d+")
THREAD = re.compile(r'sampledThread = "([^"]*)"')

# Leaf frames are put into these groups, first match wins, so the summary reads as "where the CPU went".
GROUPS = [
    ("JSON (Jackson, Vert.x JSON)", ("com.fasterxml.jackson", "io.vertx.core.json")),
    ("PostgreSQL client", ("io.vertx.pgclient", "io.vertx.sqlclient")),
    ("HTTP codec and server (Netty, Vert.x)", ("io.netty.handler.codec", "io.vertx.core.http", "io.vertx.core.net")),
    ("Netty channel, buffers, event loop", ("io.netty",)),
    ("Vert.x futures, contexts, timers", ("io.vertx.core",)),
    ("Vert.x Web router", ("io.vertx.ext.web",)),
    ("metrics (Micrometer)", ("io.micrometer", "io.vertx.micrometer")),
    ("logging", ("ch.qos.logback", "org.slf4j", "net.logstash")),
    ("product code", ("com.projectmeats",)),
    ("JDK: crypto and hashing", ("sun.security", "java.security", "javax.crypto", "com.sun.crypto")),
    ("JDK: text, strings, time", ("java.lang.String", "java.lang.StringLatin1", "java.lang.StringUTF16", "java.lang.AbstractStringBuilder",
                                   "java.lang.StringBuilder", "java.util.regex", "java.time", "java.text", "sun.nio.cs", "java.lang.Long", "java.lang.Integer")),
    ("JDK: NIO, sockets", ("sun.nio", "java.nio")),
    ("JDK: collections, concurrency", ("java.util",)),
    ("JDK: other", ("java.", "jdk.", "sun.")),
]


def group(frame):
    for name, prefixes in GROUPS:
        if frame.startswith(prefixes):
            return name
    return "other"


def simplify(frame):
    """method(Args) -> Class.method, so that overloads and lambdas fold together readably."""
    return frame.split("(", 1)[0]


def read(recording, event, thread_filter):
    out = subprocess.run(["jfr", "print", "--stack-depth", "96", "--events", event, recording],
                         capture_output=True, text=True, check=True).stdout
    stacks, threads = [], collections.Counter()
    thread, frames, inside = None, [], False
    for line in out.splitlines():
        m = THREAD.search(line)
        if m:
            thread = m.group(1)
        if "stackTrace = [" in line:
            inside, frames = True, []
            continue
        if inside:
            if line.strip().startswith("]"):
                inside = False
                if thread_filter is None or thread_filter in (thread or ""):
                    stacks.append((thread, [simplify(f) for f in frames]))
                    threads[re.sub(r"\d+$", "N", thread or "?")] += 1
                continue
            f = FRAME.match(line)
            if f:
                frames.append(f.group(1))
            elif line.strip() == "...":
                frames.append("[deeper frames cut]")
    return stacks, threads


def main(recording, prefix, thread_filter=None):
    stacks, threads = read(recording, "jdk.ExecutionSample", thread_filter)
    native, native_threads = read(recording, "jdk.NativeMethodSample", thread_filter)
    folded = collections.Counter(";".join(reversed(frames)) for _, frames in stacks if frames)
    with open(prefix + ".collapsed", "w") as f:
        for stack, n in folded.most_common():
            f.write("%s %d\n" % (stack, n))
    total = len(stacks) or 1
    self_ = collections.Counter(frames[0] for _, frames in stacks if frames)
    incl = collections.Counter()
    groups = collections.Counter()
    for _, frames in stacks:
        if frames:
            groups[group(frames[0])] += 1
        for fr in set(frames):
            incl[fr] += 1
    lines = ["JFR CPU samples of %s%s: %d in Java code (jdk.ExecutionSample), %d in native code / system calls "
             "(jdk.NativeMethodSample)" % (recording.rsplit("/", 1)[-1], " (threads matching '%s')" % thread_filter if thread_filter else "",
                                         len(stacks), len(native)), ""]
    lines.append("By thread (Java samples):")
    lines += ["  %5.1f %%  %s" % (100.0 * n / total, t) for t, n in threads.most_common(12)]
    lines += ["", "By component of the leaf frame (where the CPU was spent):"]
    lines += ["  %5.1f %%  %s" % (100.0 * n / total, g) for g, n in groups.most_common()]
    lines += ["", "Top frames by self samples:"]
    lines += ["  %5.1f %%  %s" % (100.0 * n / total, fr) for fr, n in self_.most_common(30)]
    lines += ["", "Top product and library frames by total (inclusive) samples:"]
    shown = 0
    for fr, n in incl.most_common():
        if fr.startswith(("java.lang.Thread", "io.netty.util.concurrent.FastThreadLocalRunnable", "io.netty.util.internal.ThreadExecutorMap",
                          "io.netty.util.concurrent.SingleThreadEventExecutor$", "java.util.concurrent.ThreadPoolExecutor")):
            continue
        lines.append("  %5.1f %%  %s" % (100.0 * n / total, fr))
        shown += 1
        if shown == 45:
            break
    if native:
        leaf = collections.Counter(frames[0] for _, frames in native if frames)
        lines += ["", "Native samples, top leaf frames:"]
        lines += ["  %5d  %s" % (n, fr) for fr, n in leaf.most_common(10)]
    with open(prefix + ".txt", "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines[:40]))


if __name__ == "__main__":
    main(*sys.argv[1:])
