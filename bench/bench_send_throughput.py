"""Messages per second through the whole send path with limits off, to the local servers.

Per backend (Postfix, the aiosmtpd fault server) and save_to_sent mode (auto: search Sent then
append; never: SMTP only): queue N approved drafts, time one `send_due` over one SMTP connection
(claim, MAIL/RCPT/DATA, data-end mark, 250, Sent copy, mark sent: three database commits per message).

    .venv/bin/python bench/bench_send_throughput.py [--drafts 300] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from outreach.sending.sender import send_due
from outreach.store.db import close_database
from outreach.testing import MailRig
from outreach.testing.sendqueue import open_settings, queue_approved, sending_config

USERS = [f"box{i:03d}@example.test" for i in range(1, 501)]


def measure(rig: MailRig, root: Path, smtp: str, save_to_sent: str, drafts: int) -> dict[str, object]:
    directory = root / f"{smtp}-{save_to_sent}"
    settings = open_settings(sending_config(directory, rig, smtp=smtp, smtp_extra={"save_to_sent": save_to_sent}))
    now = datetime.now(UTC)
    queue_approved(settings, USERS[:drafts], now)
    t = time.perf_counter()
    outcomes = send_due(settings, now)
    seconds = time.perf_counter() - t
    close_database()
    sent = sum(1 for o in outcomes if o.result == "sent")
    return {"smtp": smtp, "save_to_sent": save_to_sent, "sent": sent, "seconds": round(seconds, 3),
            "messages_per_second": round(sent / seconds, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="mailrig-sendbench-"))
    root.chmod(0o755)
    backend = "both" if os.geteuid() == 0 else "aiosmtpd"
    rig = MailRig(root / "rig", users={**{u: "secret" for u in USERS}, "me@example.test": "secret"},
                  smtp=backend, mail_fsync="never")
    rig.start()
    rows = []
    try:
        servers = ["postfix", "fault"] if backend == "both" else ["fault"]
        for smtp in servers:
            for mode in ("never", "auto"):
                rows.append(measure(rig, root, smtp, mode, args.drafts))
    finally:
        rig.stop()
        shutil.rmtree(root, ignore_errors=True)
    if args.json:
        print(json.dumps(rows))
    else:
        for row in rows:
            name = "postfix" if row["smtp"] == "postfix" else "aiosmtpd"
            print(f"{name:9} save_to_sent={row['save_to_sent']:6} {row['sent']} sent in {row['seconds']} s: "
                  f"{row['messages_per_second']} msg/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
