#!/usr/bin/env python3
"""Start-up of two or more builds, interleaved: each round runs `java -version`, then each launcher's `serve` until
`initialize` is answered, so that the machine's load falls on all of them alike. Prints medians and ratios.
Usage: bench/startup-ab.py ROUNDS LAUNCHER... (e.g. bench/startup-ab.py 15 /tmp/before/bin/aw bin/aw)"""
import statistics
import subprocess
import sys
import tempfile
import time

INIT = ('{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18",'
        '"capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}\n').encode()
WARM_UP = 2


def java_version():
    t = time.perf_counter()
    subprocess.run(["java", "-version"], stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - t) * 1000


def serve(launcher, root):
    t = time.perf_counter()
    p = subprocess.Popen([launcher, "serve", "--root", root], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    p.stdin.write(INIT)
    p.stdin.flush()
    line = p.stdout.readline()
    ms = (time.perf_counter() - t) * 1000
    if b'"result"' not in line:
        sys.exit(f"{launcher}: no initialize result: {line!r}")
    p.stdin.close()
    p.wait()
    return ms


def main():
    rounds, launchers = int(sys.argv[1]), sys.argv[2:]
    root = tempfile.mkdtemp(prefix="aw-start-")
    times = {"java -version": []} | {launcher: [] for launcher in launchers}
    for i in range(rounds + WARM_UP):
        measured = [java_version()] + [serve(launcher, root) for launcher in launchers]
        if i >= WARM_UP:
            for key, ms in zip(times, measured):
                times[key].append(ms)
    base = statistics.median(times["java -version"])
    for key, values in times.items():
        m = statistics.median(values)
        print(f"{key:50s} median {m:7.1f} ms  min {min(values):7.1f}  ratio {m / base:5.2f}x")


if __name__ == "__main__":
    main()
