"""Idle daemon footprint: RSS and CPU of `outreach run` over a period with nothing to do.

    .venv/bin/python bench/bench_daemon.py [--seconds 300]

Starts the local mail servers and a daemon on an empty queue (IDLE on the inbox),
waits for READY=1, then samples /proc every 5 s. Goal: at most 60 MB, under 1% CPU.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from outreach.testing.localconfig import write_local_config
from outreach.testing.mailrig import MailRig

TICKS = os.sysconf("SC_CLK_TCK")


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=300)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-daemon-"))
    root.chmod(0o755)
    with MailRig(root / "mail", smtp="postfix" if os.geteuid() == 0 else "aiosmtpd", name="bench") as rig:
        config = write_local_config(root / "cfg", rig)
        notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        notify.bind(str(root / "notify.sock"))
        notify.settimeout(30)
        env = {**os.environ, "NOTIFY_SOCKET": str(root / "notify.sock"), "JOURNAL_STREAM": "1:1"}
        proc = subprocess.Popen([sys.executable, "-m", "outreach", "-c", str(config), "run"], env=env,
                                stdout=subprocess.DEVNULL, stderr=(root / "daemon.log").open("w"))
        while b"READY=1" not in notify.recv(4096):
            pass
        start_cpu, start = cpu_seconds(proc.pid), time.monotonic()
        peak = 0
        samples = []
        while time.monotonic() - start < args.seconds:
            time.sleep(5)
            kb = rss_kb(proc.pid)
            samples.append(kb)
            peak = max(peak, kb)
        used = cpu_seconds(proc.pid) - start_cpu
        elapsed = time.monotonic() - start
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(30)
    print(f"idle daemon over {elapsed:.0f} s: RSS {samples[0] / 1024:.1f} MB at start, peak {peak / 1024:.1f} MB "
          f"(goal <= 60 MB); CPU {used:.2f} s = {100 * used / elapsed:.2f}% (goal < 1%); exit {code} on SIGTERM")


if __name__ == "__main__":
    main()
