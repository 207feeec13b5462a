"""The added start-up cost of `outreach sync` with a CalDAV calendar: 100 introductions, 1,000 events.

    .venv/bin/python bench/bench_calendar.py [--introductions 100] [--events 1000] [--runs 5]

Each run is a fresh `outreach sync` (import + compose, a new database) as a user runs it, once without a
`calendar:` section and once with one on a local Radicale holding `--events` events spread over a year
(about 4 a weekday, 30 to 90 minutes each, in working hours). The difference of the medians is the cost of
the calendar: one login, one free-busy report over the offer window, and the holds written with the drafts.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from outreach.testing.radicale_rig import RadicaleRig, calendar_config
from tests.helpers import write_config


def timed_sync(outreach: str, config: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([outreach, "-c", str(config), "sync"], env=env, capture_output=True, check=True)
    return time.perf_counter() - started


def events(count: int, today: datetime) -> list[tuple[str, datetime, datetime]]:
    rng = random.Random(16)
    out = []
    while len(out) < count:
        day = today + timedelta(days=rng.randrange(-30, 335))
        if day.weekday() >= 5:
            continue
        start = day.replace(hour=rng.randrange(13, 22), minute=rng.choice((0, 15, 30, 45)))  # 08:00-17:45 ET
        out.append((f"Meeting {len(out)}", start, start + timedelta(minutes=rng.choice((30, 45, 60, 90)))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--introductions", type=int, default=100)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    outreach = str(Path(sys.executable).parent / "outreach")
    env = {**os.environ, "OUTREACH_TEST_PASSWORD": "x"}
    intros = "introductions:\n" + "".join(
        f"  - {{name: Person {i}, email: person{i}@example.com, company: Company {i}, timezone: Europe/Paris}}\n"
        for i in range(args.introductions))
    with tempfile.TemporaryDirectory(prefix="bench-calendar-") as tmp, RadicaleRig(Path(tmp) / "dav") as dav:
        user = dav.add_user("me")
        dav.make_calendar(user, "Interviews")
        started = time.perf_counter()
        today = datetime.now(UTC).replace(second=0, microsecond=0)
        dav.add_events(user, "Work", events(args.events, today))
        print(f"calendar: {args.events} events put into Radicale in {time.perf_counter() - started:.1f} s")
        timings: dict[str, list[float]] = {"without": [], "with": []}
        for run in range(args.runs):
            for label in timings:
                directory = Path(tmp) / f"{label}-{run}"
                config = write_config(directory, intros)
                if label == "with":
                    data = yaml.safe_load(config.read_text())
                    data["calendar"] = calendar_config(dav, user, directory)
                    config.write_text(yaml.safe_dump(data, sort_keys=False))
                timings[label].append(timed_sync(outreach, config, env))
                shutil.rmtree(directory)
        without, with_calendar = (statistics.median(timings[k]) for k in ("without", "with"))
        print(f"outreach sync, {args.introductions} introductions, median of {args.runs} runs: "
              f"{without * 1000:.0f} ms without a calendar, {with_calendar * 1000:.0f} ms with one of "
              f"{args.events} events: +{(with_calendar - without) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
