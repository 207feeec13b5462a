"""`outreach contacts --json` with 1,000 contacts: median wall time against `python -c pass`.

    .venv/bin/python bench/bench_contacts.py [--count 1000] [--runs 15]
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.helpers import write_config


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=True)
    return time.perf_counter() - started, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    outreach = str(Path(sys.executable).parent / "outreach")
    env = {**os.environ, "OUTREACH_TEST_PASSWORD": "x"}
    intros = "introductions:\n" + "".join(
        f"  - {{name: Person {i}, email: person{i}@example.com, company: Company {i % 50}, "
        f"topics: [data, careers]}}\n" for i in range(args.count))
    with tempfile.TemporaryDirectory(prefix="bench-contacts-") as tmp:
        config = write_config(Path(tmp), intros)
        seconds, _ = timed([outreach, "-c", str(config), "sync"], env)
        print(f"sync of {args.count} introductions (import + compose): {seconds:.2f} s")
        command = [outreach, "-c", str(config), "contacts", "--json"]
        _, out = timed(command, env)
        assert len(json.loads(out)) == args.count
        base = statistics.median(timed([sys.executable, "-c", "pass"], env)[0] for _ in range(args.runs))
        listing = statistics.median(timed(command, env)[0] for _ in range(args.runs))
        print(f"python -c pass: median {base * 1000:.1f} ms; contacts --json ({args.count} contacts): median "
              f"{listing * 1000:.1f} ms ({listing / base:.1f}x) over {args.runs} runs")


if __name__ == "__main__":
    main()
