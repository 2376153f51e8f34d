#!/usr/bin/env python3
"""Two or more builds of starlog side by side, each against tui-journal.

    python3 benches/ab.py OLD/starlog NEW/starlog        # 10k entries
    ENTRIES=100000 ROUNDS=12 python3 benches/ab.py A B

For a change meant to make the app's load faster: is it, by more than the
noise? Each build writes its own journal (`starlog demo --entries N`: a
build whose record types or cache layout changed cannot read another's
cache) and its own load cache; tui-journal gets the first build's diary
(benches/compare.py's way). Then, in every round, each build opens its
journal in an 80x24 pseudo-terminal until every entry is listed, and
tui-journal until it lists them all.

The order rotates each round: on a shared 2-core machine a run right after
another run of the same app measured about 5% faster than one right after
the other app, so a fixed order flatters whichever build comes later. Two
copies of one build still differ by up to 0.03 in their ratio over 40
rounds: pass the same build twice to see this machine's noise.

Prints, per build, the median time, the ratio to tui-journal (median of
the per-round ratios) and the ratio to the first build. Needs what
compare.py needs (pexpect, pyte, tui-journal as `tjournal`).
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import log, peers_journals, prime, time_until  # noqa: E402

ENTRIES = int(os.environ.get("ENTRIES", "10000"))
ROUNDS = int(os.environ.get("ROUNDS", "40"))


def journal(bin_, work):
    """A fresh journal written by `bin_`, its load cache written by its app."""
    env = dict(os.environ, STARLOG_DIR=str(work), TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    subprocess.run(
        [bin_, "--dir", work, "demo", "--entries", str(ENTRIES)], check=True, stdout=subprocess.DEVNULL
    )
    ws = work / "demo"
    full = f"Entries ({len(list((ws / 'diary').glob('*/*.ron')))})"
    # Files just written are not cached for 3 s.
    time.sleep(3.5)
    prime([str(bin_), "--workspace", "demo"], env, lambda s: full in s, ws / ".cache" / "records.bin")
    subprocess.run(["sync"], check=False)
    return env, full


def main():
    bins = [Path(b).resolve() for b in sys.argv[1:]]
    if len(bins) < 2:
        sys.exit(__doc__)
    tj = shutil.which("tjournal")
    if not tj:
        sys.exit("tui-journal is not installed (cargo install tui-journal --locked)")
    work = Path(tempfile.mkdtemp(prefix="starlog-ab."))
    try:
        runs = []
        for i, bin_ in enumerate(bins):
            folder = work / f"build{i}"
            folder.mkdir()
            env, full = journal(bin_, folder)
            runs.append((f"{i}: {bin_}", [str(bin_), "--workspace", "demo"], env, full))
        entries = peers_journals(work / "build0" / "demo", work)
        (work / "tj-config").mkdir()
        tj_env = runs[0][2]
        tj_argv = [tj, "-c", str(work / "tj-config"), "-b", "json", "-j", str(work / "tj.json")]
        tj_full = f"1/{len(entries)}"
        # Its first run writes its settings; not counted.
        time_until(tj_argv, tj_env, lambda s: tj_full in s)
        runs.append(("tui-journal", tj_argv, tj_env, tj_full))
        log(f"== {ENTRIES} entries, {ROUNDS} rounds, {os.cpu_count()} cores, order rotated each round")
        times = {name: [] for name, *_ in runs}
        for r in range(ROUNDS):
            k = r % len(runs)
            for name, argv, env, full in runs[k:] + runs[:k]:
                times[name].append(time_until(argv, env, lambda s, full=full: full in s))
        peer = times["tui-journal"]
        first = times[runs[0][0]]
        for name, *_ in runs[:-1]:
            mine = times[name]
            to_peer = statistics.median(a / b for a, b in zip(mine, peer))
            to_first = statistics.median(a / b for a, b in zip(mine, first))
            log(
                f"{name}\n    everything listed {statistics.median(mine) * 1000:7.1f} ms"
                f"   / tui-journal {to_peer:.3f}   / build 0 {to_first:.3f}"
            )
        log(f"tui-journal {statistics.median(peer) * 1000:7.1f} ms")
    finally:
        if not os.environ.get("KEEP"):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
