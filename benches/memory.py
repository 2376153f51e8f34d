#!/usr/bin/env python3
"""Peak memory of starlog against tui-journal on the same journal.

    STARLOG_BIN=target/release/starlog ENTRIES=100000 python3 benches/memory.py

Generates a workspace with `starlog demo --entries N` and the same diary as
a tui-journal JSON file (benches/compare.py's way), opens the app once to
write its load cache, then measures the peak resident set size
(`/usr/bin/time -v`, "Maximum resident set size") of, in interleaved
rounds:

- the app, from start until every entry is listed (`Entries (N)`) and then
  SETTLE seconds more (the search index and the Progress figures are worked
  out after the list shows), then quit with `q`;
- tui-journal the same way (it loads everything before its first frame);
- `starlog search refund` and `starlog check` from the shell.

Needs python3 with pexpect and pyte, and GNU time (`apt-get install time`).
Prints the medians in MB (10^6 bytes).
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect
import pyte

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import build, peers_journals, prime  # noqa: E402

ENTRIES = int(os.environ.get("ENTRIES", "10000"))
ROUNDS = int(os.environ.get("ROUNDS", "1"))
SETTLE = float(os.environ.get("SETTLE", "10"))
TIME = "/usr/bin/time"


def max_rss(report):
    for line in Path(report).read_text().splitlines():
        if "Maximum resident set size" in line:
            return int(line.rsplit(":", 1)[1]) * 1024
    raise RuntimeError(f"no peak memory in {report}")


def app_peak(argv, env, shown, report, timeout=300):
    """Peak RSS of the app opened in an 80x24 pty until `shown`, SETTLE s more."""
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    child = pexpect.spawn(TIME, ["-v", "-o", report, *argv], env=env, dimensions=(24, 80), timeout=timeout)
    try:
        while not shown("\n".join(screen.display)):
            stream.feed(child.read_nonblocking(65536, timeout=timeout))
        end = time.monotonic() + SETTLE
        while time.monotonic() < end:
            try:
                child.read_nonblocking(65536, timeout=0.2)
            except pexpect.TIMEOUT:
                pass
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.terminate(force=True)
    return max_rss(report)


def cli_peak(argv, report):
    subprocess.run([TIME, "-v", "-o", report, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return max_rss(report)


def main():
    if not Path(TIME).exists():
        sys.exit("needs GNU time at /usr/bin/time (apt-get install time)")
    bin_ = build()
    work = Path(tempfile.mkdtemp(prefix="starlog-memory."))
    try:
        env = dict(os.environ, STARLOG_DIR=str(work), TERM="xterm-256color")
        print(f"== {ENTRIES} entries, {ROUNDS} rounds, settle {SETTLE} s, in {work}", flush=True)
        subprocess.run([bin_, "--dir", work, "demo", "--entries", str(ENTRIES)], check=True, stdout=subprocess.DEVNULL)
        ws = work / "demo"
        n_diary = len(list((ws / "diary").glob("*/*.ron")))
        entries = peers_journals(ws, work)
        full = f"Entries ({n_diary})"
        app = [str(bin_), "--workspace", "demo"]
        time.sleep(3.5)
        prime(app, env, lambda s: full in s, ws / ".cache" / "records.bin")
        subprocess.run(["sync"], check=False)
        report = str(work / "time.txt")
        tj = shutil.which("tjournal")
        tj_argv = [tj, "-c", str(work / "tj-config"), "-b", "json", "-j", str(work / "tj.json")] if tj else None
        tj_full = f"1/{len(entries)}"
        if tj:
            (work / "tj-config").mkdir()
            app_peak(tj_argv, env, lambda s: tj_full in s, report)
        shell = [str(bin_), "--dir", str(work), "--workspace", "demo"]
        figures = {}
        for _ in range(ROUNDS):
            figures.setdefault("app, everything loaded", []).append(app_peak(app, env, lambda s: full in s, report))
            if tj:
                figures.setdefault("tui-journal, everything loaded", []).append(
                    app_peak(tj_argv, env, lambda s: tj_full in s, report)
                )
            figures.setdefault("starlog search refund", []).append(cli_peak([*shell, "search", "refund"], report))
            figures.setdefault("starlog check", []).append(cli_peak([*shell, "check"], report))
        for name, values in figures.items():
            print(f"{name:<34} peak {statistics.median(values) / 1e6:7.0f} MB", flush=True)
    finally:
        if not os.environ.get("KEEP"):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
