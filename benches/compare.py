#!/usr/bin/env python3
"""starlog side by side with tui-journal, jrnl and rg on the same journal.

    python3 benches/compare.py                 # 10k entries
    ENTRIES=100000 ROUNDS=5 python3 benches/compare.py
    COLD=1 ...                                 # also cold page cache (root)
    SKIP=jrnl ...                              # leave out a peer (jrnl, tjournal, rg)

Generates a workspace with `starlog demo --entries N`, writes the same diary
entries as a tui-journal JSON file and a jrnl text journal, then measures,
in interleaved rounds (A B A B ...), so each ratio compares runs made at the
same moment on a shared, noisy machine:

- everything loaded in the app: from start until the full list shows
  (starlog: `Entries (N)`; tui-journal, which loads all before its first
  frame: `1/N` under its list), in an 80x24 pseudo-terminal;
- `starlog search refund` end to end against `rg -c refund` over the
  workspace and `jrnl -contains refund`;
- a full load from the shell (`starlog check`) against `rg -c x`.

Needs python3 with pexpect and pyte (pip install pexpect pyte); peers are
used when installed: `cargo install tui-journal --locked`, `pip install
jrnl`, `apt-get install ripgrep`. Prints medians and the ratios (starlog /
peer, median of the per-round ratios).
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect
import pyte

ENTRIES = int(os.environ.get("ENTRIES", "10000"))
ROUNDS = int(os.environ.get("ROUNDS", "5"))
COLD = bool(os.environ.get("COLD"))
SKIP = set(filter(None, os.environ.get("SKIP", "").split(",")))
ROOT = Path(__file__).resolve().parent.parent


def log(*args):
    print(*args, flush=True)


def drop_caches():
    subprocess.run(["sync"], check=False)
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def build():
    if os.environ.get("STARLOG_BIN"):
        return Path(os.environ["STARLOG_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    return target / "release" / "starlog"


STRING = re.compile(r'(\w+): "((?:[^"\\]|\\.)*)"', re.S)


def ron_strings(text):
    return {k: v.replace('\\"', '"').replace("\\\\", "\\") for k, v in STRING.findall(text)}


def peers_journals(ws, work):
    """The diary as tui-journal's JSON storage file and a jrnl journal."""
    entries = []
    for path in sorted((ws / "diary").glob("*/*.ron")):
        s = ron_strings(path.read_text())
        body = "\n\n".join(s.get(k, "") for k in ("situation", "task", "action", "result", "reflection", "text"))
        body = body.strip()
        title = body.split("\n", 1)[0][:80] or "entry"
        entries.append((s["updated"], title, body))
    entries.sort()
    tj = [
        {"id": i, "date": when, "title": title, "content": body, "tags": [], "priority": None}
        for i, (when, title, body) in enumerate(entries)
    ]
    (work / "tj.json").write_text(json.dumps(tj))
    with open(work / "jrnl.txt", "w") as out:
        for when, title, body in entries:
            out.write(f"[{when[:10]} {when[11:16]}] {title}\n{body}\n\n")
    (work / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals: {{default: {{journal: {work / 'jrnl.txt'}}}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n"
        "version: v4.2\n"
    )
    return entries


def time_until(argv, env, shown, timeout=120):
    """Seconds from spawn until `shown(screen text)` holds, in an 80x24 pty."""
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    start = time.perf_counter()
    child = pexpect.spawn(argv[0], argv[1:], env=env, dimensions=(24, 80), timeout=timeout)
    try:
        while True:
            try:
                data = child.read_nonblocking(65536, timeout=timeout)
            except pexpect.TIMEOUT:
                raise RuntimeError(f"{argv[0]}: never showed what was awaited")
            stream.feed(data)
            if shown("\n".join(screen.display)):
                return time.perf_counter() - start
    finally:
        child.terminate(force=True)


def prime(argv, env, shown, cache, timeout=300):
    """Opens the app, times it until `shown`, and keeps it open until it
    has written its load cache (it does so after the load)."""
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    start = time.perf_counter()
    child = pexpect.spawn(argv[0], argv[1:], env=env, dimensions=(24, 80), timeout=timeout)
    took = None
    try:
        while took is None:
            stream.feed(child.read_nonblocking(65536, timeout=timeout))
            if shown("\n".join(screen.display)):
                took = time.perf_counter() - start
        for _ in range(timeout * 10):
            if cache.exists():
                break
            time.sleep(0.1)
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.terminate(force=True)
    return took


def run_time(argv, env=None):
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def report(name, a, b):
    ratios = [x / y for x, y in zip(a, b)]
    log(
        f"{name:<46} {statistics.median(a) * 1000:9.1f} ms vs {statistics.median(b) * 1000:9.1f} ms"
        f"   ratio {statistics.median(ratios):5.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})"
    )


def main():
    bin_ = build()
    work = Path(tempfile.mkdtemp(prefix="starlog-compare."))
    try:
        env = dict(os.environ, STARLOG_DIR=str(work), TERM="xterm-256color")
        env.pop("NO_COLOR", None)
        log(f"== {ENTRIES} entries, {ROUNDS} rounds, {os.cpu_count()} cores, in {work}")
        subprocess.run([bin_, "--dir", work, "demo", "--entries", str(ENTRIES)], check=True, stdout=subprocess.DEVNULL)
        ws = work / "demo"
        n_diary = len(list((ws / "diary").glob("*/*.ron")))
        entries = peers_journals(ws, work)
        full = f"Entries ({n_diary})"
        app = [str(bin_), "--workspace", "demo"]
        # The first open has no cache yet (files just written are not cached
        # for 3 s): keep the app open until it has written one, as a
        # learner's app would.
        time.sleep(3.5)
        cache = ws / ".cache" / "records.bin"
        first = prime(app, env, lambda s: full in s, cache)
        # A learner's journal is not being written out as it is opened: let
        # the disk take the generated files (and the cache) first, or the
        # first rounds share the cores and the disk with the kernel writing
        # them back.
        subprocess.run(["sync"], check=False)
        log(f"first open, no cache: everything loaded in {first * 1000:.0f} ms; cache {cache.stat().st_size >> 20} MB")

        tj, jrnl, rg = (None if p in SKIP else shutil.which(p) for p in ("tjournal", "jrnl", "rg"))
        # Its list's border counts the entries once they are all loaded.
        tj_full = f"1/{len(entries)}"
        tj_argv = [tj, "-c", str(work / "tj-config"), "-b", "json", "-j", str(work / "tj.json")] if tj else None
        if tj:
            (work / "tj-config").mkdir()
            # Its first run writes its settings; not counted.
            time_until(tj_argv, env, lambda s: tj_full in s)
        kinds = ["warm"] + (["cold"] if COLD else [])
        for kind in kinds:
            prep = drop_caches if kind == "cold" else (lambda: None)
            sl, peer = [], []
            if tj:
                for _ in range(ROUNDS):
                    prep()
                    sl.append(time_until(app, env, lambda s: full in s))
                    prep()
                    peer.append(time_until(tj_argv, env, lambda s: tj_full in s))
                report(f"everything loaded, {kind}: starlog / tui-journal", sl, peer)
            if rg:
                sl, peer = [], []
                for _ in range(ROUNDS):
                    prep()
                    sl.append(time_until(app, env, lambda s: full in s))
                    prep()
                    peer.append(run_time([rg, "-c", "x", str(ws)]))
                report(f"everything loaded, {kind}: starlog / rg -c x", sl, peer)
                sl, peer = [], []
                for _ in range(ROUNDS):
                    prep()
                    sl.append(run_time([bin_, "--dir", work, "--workspace", "demo", "search", "refund"]))
                    prep()
                    peer.append(run_time([rg, "-c", "refund", str(ws)]))
                report(f"search refund, {kind}: starlog / rg -c refund", sl, peer)
            if jrnl:
                sl, peer = [], []
                for _ in range(ROUNDS):
                    prep()
                    sl.append(run_time([bin_, "--dir", work, "--workspace", "demo", "search", "refund"]))
                    prep()
                    peer.append(run_time([jrnl, "--config-file", str(work / "jrnl.yaml"), "-contains", "refund"], env))
                report(f"search refund, {kind}: starlog / jrnl -contains", sl, peer)
    finally:
        if not os.environ.get("KEEP"):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
