"""Wall time of `outreach status` and `outreach interviews list --json` with 1,000 interviews.

Builds a throwaway config and database (1,000 contacts, each with a sent outreach draft, an
accepted reply and an interview in a mix of states, plus follow-through items), then runs each
command N times in a fresh process and prints the median against bare `python -c pass`. It also
reports whether the heavy modules (jinja2, icalendar, imapclient) were imported by either command.

    .venv/bin/python bench/bench_interviews.py [--runs 9] [--interviews 1000] [--json]
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
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from outreach.config.reader import load_settings
from outreach.store.db import close_database, open_database, transaction
from outreach.store.models import Contact, Draft, FollowThrough, Interview, Reply
from tests.helpers import write_config

NOW = datetime(2026, 10, 5, 14, 0, tzinfo=UTC)
STATES = ("proposed", "scheduled", "held", "cancelled")
HEAVY = ("jinja2", "icalendar", "imapclient")


def build(directory: Path, count: int) -> Path:
    """A config and a database holding `count` interviews; returns the config path."""
    settings = load_settings(write_config(directory))
    open_database(settings.paths.database)
    with transaction():
        for i in range(count):
            contact = Contact.create(email=f"person{i}@example.com", name=f"Person {i}", company=f"Company {i % 50}",
                                     timezone="America/Los_Angeles", status="meeting", created_at=NOW, updated_at=NOW)
            draft = Draft.create(contact=contact, kind="outreach", status="sent", to_addr=contact.email,
                                 subject="Hello", body="Hi.\n", message_id=f"<{uuid.uuid4().hex}@example.test>",
                                 identity=uuid.uuid4().hex, created_at=NOW, updated_at=NOW, sent_at=NOW)
            reply = Reply.create(contact=contact, draft=draft, message_id=f"<r{i}@example.com>", folder="INBOX",
                                 from_addr=contact.email, received_at=NOW, text="Sure.", intent="accepted",
                                 classified_intent="accepted", confidence=0.9, result={}, created_at=NOW,
                                 needs_attention=i % 40 == 0)
            state = STATES[i % len(STATES)]
            start = None if state == "proposed" else NOW + timedelta(days=i % 30 - 10, hours=i % 8)
            interview = Interview.create(
                contact=contact, reply=reply, status=state, start=start,
                end=start + timedelta(minutes=30) if start else None, url="https://meet.example.com/x",
                proposed_times=["2026-10-12T09:00:00-07:00", "2026-10-13T11:00:00-07:00"] if not start else [],
                notes="## Trends\n" if state == "held" else None, created_at=NOW, updated_at=NOW)
            if state == "held":
                FollowThrough.create(interview=interview, text="send my portfolio", due=date(2026, 10, 20),
                                     created_at=NOW)
    close_database()
    return settings.source


def timed(argv: list[str], runs: int) -> tuple[float, list[float]]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), samples


def heavy_modules(config: Path, args: list[str]) -> list[str]:
    """The heavy modules a command imports (run in-process under a fresh interpreter)."""
    code = ("import sys\nfrom outreach.cli.main import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            f"print('\\nHEAVY=' + ','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code, "-c", str(config), *args], capture_output=True, text=True,
                            check=True)
    line = [x for x in result.stderr.splitlines() if x.startswith("HEAVY=")][-1]
    return [m for m in line[len("HEAVY="):].split(",") if m]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--interviews", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-interviews-") as tmp:
        started = time.perf_counter()
        config = build(Path(tmp), options.interviews)
        built = time.perf_counter() - started
        env_python = [sys.executable]
        os.environ.pop("OUTREACH_CONFIG", None)
        commands = {
            "python -c pass": [*env_python, "-c", "pass"],
            "outreach status": [*env_python, "-m", "outreach", "-c", str(config), "status"],
            "outreach interviews list --json": [*env_python, "-m", "outreach", "-c", str(config), "interviews",
                                                "list", "--json"],
        }
        figures = {name: timed(argv, options.runs) for name, argv in commands.items()}
        heavy = {"status": heavy_modules(config, ["status"]),
                 "interviews list --json": heavy_modules(config, ["interviews", "list", "--json"])}
    base = figures["python -c pass"][0]
    if options.json:
        print(json.dumps({"interviews": options.interviews, "runs": options.runs, "build_seconds": built,
                          "median_seconds": {k: v[0] for k, v in figures.items()},
                          "samples": {k: v[1] for k, v in figures.items()}, "heavy_imports": heavy}))
        return
    print(f"{options.interviews} interviews (database built in {built:.1f} s); median of {options.runs} runs")
    for name, (median, _) in figures.items():
        extra = "" if name == "python -c pass" else f"  (+{(median - base) * 1000:.0f} ms over python -c pass)"
        print(f"  {name:34} {median * 1000:7.0f} ms{extra}")
    for name, modules in heavy.items():
        print(f"  heavy imports in {name}: {', '.join(modules) or 'none'}")


if __name__ == "__main__":
    main()
