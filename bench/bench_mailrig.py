"""Cold start-up and stop time of the test mail rig, per SMTP backend, and a login right after a refused one.

Each start is in a fresh root with new certificates, as the session fixture
does. Prints one line per backend (medians in ms) and, with --json, the raw
figures.

    .venv/bin/python bench/bench_mailrig.py [--runs 10] [--backends both,postfix] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from outreach.testing import MailRig, missing_binaries
from outreach.testing.mailrig import BACKENDS, Backend


def cold_start(backend: Backend) -> dict[str, float]:
    """Start and stop one rig in a new root; seconds for each phase."""
    root = tempfile.mkdtemp(prefix="mailrig-bench-")
    try:
        t = time.monotonic()
        rig = MailRig(root, smtp=backend, mail_fsync="never")
        rig.start()
        ready = time.monotonic() - t
        relogin = login_after_a_refused_one(rig)
        t = time.monotonic()
        rig.stop()
        return {"ready": ready, "relogin": relogin, "stop": time.monotonic() - t, **rig.timings}
    finally:
        shutil.rmtree(root, ignore_errors=True)


def login_after_a_refused_one(rig: MailRig) -> float:
    """Seconds for a good IMAP login right after a wrong password (Dovecot's auth penalty is off in the rig)."""
    from imapclient.exceptions import LoginError

    user = next(iter(rig.users))
    with contextlib.suppress(LoginError):
        rig.imap_client(user, "wrong").logout()
    t = time.monotonic()
    rig.imap_client(user).logout()
    return time.monotonic() - t


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    default = "none,postfix,aiosmtpd,both" if os.geteuid() == 0 else "none,aiosmtpd"
    parser.add_argument("--backends", default=default, help=f"comma-separated, from {BACKENDS}")
    parser.add_argument("--json", action="store_true", help="also print every figure as JSON")
    args = parser.parse_args()
    backends: list[Backend] = [b for b in BACKENDS if b in args.backends.split(",")]
    missing = missing_binaries("both" if "postfix" in args.backends or "both" in args.backends else "none")
    if missing:
        print(f"not installed: {', '.join(missing)}; run .ci/install-mail-servers.sh", file=sys.stderr)
        return 1
    results = {}
    for backend in backends:
        cold_start(backend)  # warm the page cache and Python imports; not counted
        runs = [cold_start(backend) for _ in range(args.runs)]
        keys = [k for k in runs[0] if all(k in r for r in runs)]
        medians = {k: round(statistics.median(r[k] for r in runs) * 1000, 1) for k in keys}
        medians["ready_max"] = round(max(r["ready"] for r in runs) * 1000, 1)
        results[backend] = medians
        print(
            f"mailrig smtp={backend:<8} ready {medians['ready']:6.1f} ms median of {args.runs}"
            f" (max {medians['ready_max']:.1f}, certs {medians.get('certs_s', 0):.1f}),"
            f" stop {medians['stop']:.1f} ms, login after a refused one {medians['relogin']:.1f} ms"
        )
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
