"""Benchmarks for the drafts queue (issue 3).

1. `outreach sync` composing outreach drafts for 1,000 introductions (wall time, one run).
2. `outreach drafts list --json` with 1,000 drafts: median wall time of N runs against
   `python -c pass` on the same machine; the goal is a ratio of at most 5.

Run: .venv/bin/python bench/bench_drafts.py [--runs 15] [--count 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers import example_config  # noqa: E402


def introductions(count: int) -> str:
    lines = ["introductions:"]
    for i in range(count):
        lines += [
            f"  - name: Person {i:04d} Example",
            f"    email: person{i:04d}@example.com",
            f"    company: Company {i % 50}",
            "    role: Data Scientist",
            f"    referred_by: Referrer {i % 20}",
            "    relationship: a former colleague",
            "    topics: [ML in production, career paths]",
        ]
    return "\n".join(lines) + "\n"


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=False)
    return time.perf_counter() - started, done


NOT_NEEDED = ("outreach.classify", "outreach.outgoing.render", "jinja2", "imapclient", "icalendar",
              "outreach.cli.interviews", "outreach.cli.replies", "outreach.cli.run")


def unneeded_imports(args: list[str], env: dict[str, str]) -> list[str]:
    """The modules in NOT_NEEDED that `outreach ARGS` imports (run in a fresh interpreter)."""
    code = ("import sys\nfrom outreach.cli.main import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            f"print('\\nLOADED=' + ','.join(m for m in {NOT_NEEDED!r} if m in sys.modules), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=False)
    line = [x for x in done.stderr.splitlines() if x.startswith("LOADED=")][-1]
    return [m for m in line[len("LOADED="):].split(",") if m]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    outreach = str(Path(sys.executable).parent / "outreach")
    env = {**os.environ, "OUTREACH_TEST_PASSWORD": "x"}
    with tempfile.TemporaryDirectory(prefix="bench-drafts-") as tmp:
        cfg = example_config(Path(tmp), introductions(args.count))
        seconds, done = timed([outreach, "-c", str(cfg), "sync"], env)
        if done.returncode:
            sys.exit(f"sync failed: {done.stderr.decode()}")
        composed = done.stdout.decode().splitlines()[-1]
        print(f"sync, {args.count} introductions: {seconds:.2f} s wall ({composed})")

        list_cmd = [outreach, "-c", str(cfg), "drafts", "list", "--json"]
        _, done = timed(list_cmd, env)  # warm the page cache and .pyc files
        rows = len(json.loads(done.stdout))
        baseline = [timed([sys.executable, "-c", "pass"], env)[0] for _ in range(args.runs)]
        listing = [timed(list_cmd, env)[0] for _ in range(args.runs)]
        base, lst = statistics.median(baseline), statistics.median(listing)
        print(f"python -c pass: median {base * 1000:.1f} ms over {args.runs} runs")
        print(f"drafts list --json ({rows} drafts): median {lst * 1000:.1f} ms over {args.runs} runs")
        print(f"ratio: {lst / base:.1f}x (goal: at most 5x)")
        print(f"imported but not needed: {', '.join(unneeded_imports(list_cmd[1:], env)) or 'none'}")
        if os.environ.get("PYTHONDONTWRITEBYTECODE") or sys.flags.dont_write_bytecode:
            print("note: PYTHONDONTWRITEBYTECODE is set, so every run compiles outreach's modules from source")


if __name__ == "__main__":
    main()
