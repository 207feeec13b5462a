"""Inbox watcher benchmarks on a private Dovecot (+ Postfix) rig.

1. latency: a reply delivered (LMTP) into the INBOX -> its interview record in the database,
   with the daemon's loop watching in IDLE (a thread); median and p95 of --replies rounds.
2. reconnect: how long the IDLE waiter takes to be back after `doveadm kick` and after a Dovecot
   restart, and how long a reply takes to arrive when the connection goes half-open (a stalling
   proxy, idle_renew 1 s, socket timeout 2 s). tests/test_mailbox.py checks that these happen.
3. first scan: a mailbox of --messages unrelated messages plus 50 replies (seeded with
   MULTIAPPEND), scanned by watch_once from a fresh database, against a raw imapclient header
   fetch of the same mailbox (same fields, chunks of 1000) in the same run.

    .venv/bin/python bench/bench_watcher.py [--replies 50] [--messages 20000] [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from outreach.inbox.mailbox import HEADER_ITEM, watch_once
from outreach.store.db import close_database
from outreach.store.models import Interview, Reply
from outreach.testing import MailRig
from tests.watchkit import (
    ACCEPT,
    StallingProxy,
    WatchDaemon,
    reply_to,
    sent_draft,
    unrelated,
    wait_until,
    watch_settings,
)

USER = "me@example.test"
BIG_USER = "contact2@example.test"


def latency(rig: MailRig, root: Path, rounds: int) -> dict[str, Any]:
    settings = watch_settings(root / "latency", rig, USER)
    sent_at = datetime.now(UTC) - timedelta(hours=1)
    drafts = [sent_draft(f"person{i}@example.com", f"Person Number{i}", sent_at, settings) for i in range(rounds)]
    watch = WatchDaemon(settings)
    watch.start()
    wait_until(lambda: len(watch.passes) >= 2, 60, 0.005)
    time.sleep(0.3)
    samples = []
    for i, draft in enumerate(drafts):
        raw = reply_to(draft, USER, ACCEPT)
        t0 = time.monotonic()
        rig.deliver(USER, raw)
        while Interview.select().count() < i + 1:
            time.sleep(0.002)
        samples.append(time.monotonic() - t0)
        time.sleep(random.uniform(0.05, 0.2))
    watch.stop()
    close_database()
    samples.sort()
    return {"rounds": rounds, "median_ms": round(statistics.median(samples) * 1000, 1),
            "p95_ms": round(samples[int(0.95 * (len(samples) - 1))] * 1000, 1),
            "max_ms": round(samples[-1] * 1000, 1)}


def reconnect(rig: MailRig, root: Path) -> dict[str, Any]:
    settings = watch_settings(root / "reconnect", rig, USER)
    watch = WatchDaemon(settings)
    watch.start()
    wait_until(lambda: len(watch.passes) >= 2, 60, 0.005)
    waiter = watch.waiters[0]
    rig.kick(USER)
    kick = wait_until(lambda: waiter.connects == 2, 60, 0.005)
    rig.restart_dovecot()
    restart = wait_until(lambda: waiter.connects == 3, 60, 0.005)
    watch.stop()
    close_database()
    proxy = StallingProxy(rig.imaps_port)
    try:
        settings = watch_settings(root / "half-open", rig, USER, port=proxy.port, timeout_seconds=2)
        draft = sent_draft("alex@example.com", "Alex Chen", datetime.now(UTC) - timedelta(hours=2), settings)
        watch = WatchDaemon(settings, idle_seconds=1.0)
        watch.start()
        wait_until(lambda: len(watch.passes) >= 2, 60, 0.005)
        time.sleep(0.2)
        proxy.stall()
        rig.deliver(USER, reply_to(draft, USER, ACCEPT))
        half_open = wait_until(lambda: Reply.select().count() == 1, 60, 0.005)
        watch.stop()
    finally:
        proxy.close()
        close_database()
    return {"after_kick_s": round(kick, 2), "after_restart_s": round(restart, 2),
            "reply_through_half_open_s": round(half_open, 2)}


def seed(rig: MailRig, settings: Any, messages: int, replies: int) -> None:
    sent_at = datetime.now(UTC) - timedelta(days=2)
    drafts = [sent_draft(f"contact{i}@example.org", f"Contact Person{i}", sent_at, settings) for i in range(replies)]
    at = sorted(random.Random(7).sample(range(messages + replies), replies))
    raws: list[bytes] = []
    n = 0
    for pos in range(messages + replies):
        if at and pos == at[0]:
            at.pop(0)
            raws.append(reply_to(drafts[len(drafts) - len(at) - 1], BIG_USER, ACCEPT))
        else:
            raws.append(unrelated(n, BIG_USER))
            n += 1
    client = rig.imap_client(BIG_USER)
    try:
        for i in range(0, len(raws), 1000):
            client.multiappend("INBOX", raws[i:i + 1000])
    finally:
        client.logout()


def raw_header_fetch(rig: MailRig) -> float:
    """What imapclient alone costs: connect, EXAMINE, SEARCH ALL, FETCH the same header fields in chunks."""
    t0 = time.monotonic()
    client = rig.imap_client(BIG_USER)
    client.select_folder("INBOX", readonly=True)
    uids = client.search(["ALL"])
    got = 0
    for i in range(0, len(uids), 1000):
        got += len(client.fetch(uids[i:i + 1000], [HEADER_ITEM]))
    client.logout()
    assert got == len(uids)
    return time.monotonic() - t0


def first_scan(rig: MailRig, root: Path, messages: int, replies: int) -> dict[str, Any]:
    settings = watch_settings(root / "scan-seed", rig, BIG_USER)
    t = time.monotonic()
    seed(rig, settings, messages, replies)
    seeded = time.monotonic() - t
    db = settings.paths.database
    close_database()
    total = messages + replies
    raw_cold = raw_header_fetch(rig)
    raw_warm = raw_header_fetch(rig)
    ours = []
    for run in range(2):
        copy = root / f"scan-{run}"
        copy.mkdir()
        shutil.copy(db, copy / "outreach.db")  # fresh state: drafts only, no replies, no UIDs
        run_settings = watch_settings(copy, rig, BIG_USER)
        t = time.monotonic()
        lines = watch_once(run_settings, datetime.now(UTC))
        ours.append(time.monotonic() - t)
        assert lines[0] == f"INBOX: {total} new messages, {replies} replies (first scan)", lines[0]
        close_database()
    raw_after = raw_header_fetch(rig)
    best_raw = min(raw_warm, raw_after)
    return {"messages": total, "seed_s": round(seeded, 2),
            "raw_cold_s": round(raw_cold, 3), "raw_warm_s": round(best_raw, 3),
            "raw_msgs_per_s": round(total / best_raw), "watcher_s": [round(x, 3) for x in ours],
            "watcher_msgs_per_s": round(total / min(ours)), "ratio_to_raw": round(best_raw / min(ours), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replies", type=int, default=50)
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    rig_root = tempfile.mkdtemp(prefix="mailrig-bench-")
    os.chmod(rig_root, 0o755)
    work = Path(tempfile.mkdtemp(prefix="watcher-bench-"))
    rig = MailRig(rig_root, smtp="both" if os.geteuid() == 0 else "aiosmtpd", name="bench", mail_fsync="never")
    rig.start()
    try:
        out = {"latency": latency(rig, work, args.replies), "reconnect": reconnect(rig, work),
               "first_scan": first_scan(rig, work, args.messages, 50)}
    finally:
        rig.stop()
        shutil.rmtree(rig_root, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        lat, back, scan = out["latency"], out["reconnect"], out["first_scan"]
        print(f"reply -> interview (IDLE), {lat['rounds']} rounds: median {lat['median_ms']} ms, "
              f"p95 {lat['p95_ms']} ms, max {lat['max_ms']} ms")
        print(f"IDLE back after doveadm kick {back['after_kick_s']} s, after a Dovecot restart "
              f"{back['after_restart_s']} s; a reply through a half-open connection "
              f"{back['reply_through_half_open_s']} s")
        print(f"first scan of {scan['messages']} messages: watcher {min(scan['watcher_s'])} s "
              f"({scan['watcher_msgs_per_s']} msg/s); raw imapclient header fetch {scan['raw_warm_s']} s "
              f"({scan['raw_msgs_per_s']} msg/s, cold {scan['raw_cold_s']} s); ratio {scan['ratio_to_raw']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
