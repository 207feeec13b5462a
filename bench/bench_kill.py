"""kill -9 at random moments while `outreach run --once` sends 50 approved drafts; restart; count copies.

Each run: a fresh database with N approved drafts (one per recipient mailbox), `run --once`
in a subprocess killed with SIGKILL after a random delay within one unkilled run's duration,
then `run --once` again to completion. Then every draft's Message-ID is counted in its
recipient's INBOX. Reports duplicates (must be 0), lost (not delivered and not flagged for
review; must be 0), and drafts left in needs_review (with or without a delivered copy).

    .venv/bin/python bench/bench_kill.py [--runs 200] [--drafts 50] [--seed 1] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from outreach.outgoing.drafts import list_drafts
from outreach.store.db import close_database
from outreach.testing import MailRig
from outreach.testing.sendqueue import open_settings, queue_approved, sending_config

USERS = [f"box{i:03d}@example.test" for i in range(1, 101)]


def command(config: Path) -> list[str]:
    return [sys.executable, "-m", "outreach", "-c", str(config), "run", "--once"]


def trial(rig: MailRig, root: Path, index: int, drafts: int, kill_after: float | None) -> dict[str, object]:
    directory = root / f"run{index:04d}"
    config = sending_config(directory, rig)
    settings = open_settings(config)
    queued = queue_approved(settings, USERS[:drafts], datetime.now(UTC), subject=f"kill bench {index}")
    close_database()
    t = time.monotonic()
    proc = subprocess.Popen(command(config), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    killed = False
    if kill_after is not None:
        try:
            proc.wait(kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            killed = True
    proc.wait()
    duration = time.monotonic() - t
    restart = subprocess.run(command(config), capture_output=True, text=True, timeout=300)
    if restart.returncode != 0:
        raise RuntimeError(f"restart failed: {restart.stderr}")
    open_settings(config)
    status = {d.id: d.status for d in list_drafts()}
    close_database()
    copies = count_copies(rig, [(d.to_addr, d.message_id, status[d.id]) for d in queued])
    result: dict[str, object] = {"killed": killed, "seconds": duration, "duplicates": 0, "lost": 0,
                                 "needs_review_delivered": 0, "needs_review_not_delivered": 0, "unsettled": 0}
    for draft in queued:
        n, state = copies[draft.message_id], status[draft.id]
        if n > 1:
            result["duplicates"] = int(result["duplicates"]) + 1  # type: ignore[call-overload]
        if state == "needs_review":
            key = "needs_review_delivered" if n else "needs_review_not_delivered"
            result[key] = int(result[key]) + 1  # type: ignore[call-overload]
        elif state != "sent":
            result["unsettled"] = int(result["unsettled"]) + 1  # type: ignore[call-overload]
        elif n == 0:
            result["lost"] = int(result["lost"]) + 1  # type: ignore[call-overload]
    shutil.rmtree(directory, ignore_errors=True)
    empty_mailboxes(rig, [*USERS[:drafts], "me@example.test"])
    return result


def empty_mailboxes(rig: MailRig, users: list[str]) -> None:
    """Start each run with empty mailboxes, so that searching them does not slow down run after run."""
    for user in users:
        client = rig.imap_client(user)
        try:
            for folder in ("INBOX", "Sent"):
                client.select_folder(folder)
                uids = client.search(["ALL"])
                if uids:
                    client.delete_messages(uids)
                    client.expunge()
        finally:
            client.logout()


def count_copies(rig: MailRig, drafts: list[tuple[str, str, str]], settle: float = 10.0) -> dict[str, int]:
    """Copies per Message-ID in each recipient's INBOX, waiting for Postfix to deliver what it accepted."""
    clients = {}
    counts: dict[str, int] = {}
    deadline = time.monotonic() + settle
    try:
        for user, message_id, state in drafts:
            if user not in clients:
                clients[user] = rig.imap_client(user)
                clients[user].select_folder("INBOX", readonly=True)
            client = clients[user]
            while True:
                n = len(client.search(["HEADER", "Message-ID", message_id]))
                if n or state != "sent" or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
                client.noop()
            counts[message_id] = n
        time.sleep(0.3)  # a late duplicate would still be arriving: look once more
        for user, message_id, _ in drafts:
            clients[user].noop()
            counts[message_id] = len(clients[user].search(["HEADER", "Message-ID", message_id]))
    finally:
        for client in clients.values():
            client.logout()
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--drafts", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    root = Path(tempfile.mkdtemp(prefix="mailrig-killbench-"))
    root.chmod(0o755)
    rig = MailRig(root / "rig", users={**{u: "secret" for u in USERS}, "me@example.test": "secret"},
                  smtp="postfix" if os.geteuid() == 0 else "aiosmtpd", mail_fsync="never")
    rig.start()
    try:
        calibration = trial(rig, root, 0, args.drafts, None)
        span = float(calibration["seconds"])  # type: ignore[arg-type]
        results = []
        t0 = time.monotonic()
        for i in range(1, args.runs + 1):
            results.append(trial(rig, root, i, args.drafts, rng.uniform(0, span)))
            if i % 20 == 0:
                print(f"  {i} runs, {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
    finally:
        rig.stop()
        shutil.rmtree(root, ignore_errors=True)
    keys = ("duplicates", "lost", "needs_review_delivered", "needs_review_not_delivered", "unsettled")
    totals = {k: sum(int(r[k]) for r in results) for k in keys}  # type: ignore[call-overload]
    killed = sum(1 for r in results if r["killed"])
    summary = {"runs": args.runs, "drafts_per_run": args.drafts, "killed_mid_run": killed,
               "unkilled_run_seconds": round(span, 2), "messages": args.runs * args.drafts, **totals,
               "needs_review": totals["needs_review_delivered"] + totals["needs_review_not_delivered"],
               "backend": rig.smtp, "wall_seconds": round(time.monotonic() - t0, 1)}
    if args.json:
        print(json.dumps({"summary": summary, "runs": results}))
    else:
        for key, value in summary.items():
            print(f"{key:28} {value}")
    return 1 if totals["duplicates"] or totals["lost"] or totals["unsettled"] else 0


if __name__ == "__main__":
    sys.exit(main())
