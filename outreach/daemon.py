"""The run loop: jobs on a schedule, IDLE waits, signals, systemd notify, start-up recovery.

Signal handlers only set flags; the loop does the work between jobs, so a
SIGTERM never interrupts a send half-way. All due times that matter live in the
database; `schedule` only decides when to look again.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import Protocol

import schedule

from .config import Settings, load_settings
from .errors import OutreachError
from .locks import InstanceLock
from .models import utcnow
from .sdnotify import Notifier, watchdog_interval_seconds

logger = logging.getLogger(__name__)

JobFunction = Callable[[Settings, datetime], list[str]]
MAX_BACKOFF_SECONDS = 30 * 60
WAIT_SLICE_SECONDS = 1.0  # how quickly a signal is noticed while waiting for mail
IDLE_SAFETY_POLL_SECONDS = 600


def expected_failure(exc: BaseException) -> OutreachError | None:
    """The error to report for a job's failure: an expected one as it is, a full or read-only database
    as such (not as the failed rollback that masks it); None for anything else (a bug)."""
    from .db import storage_problem

    return storage_problem(exc) or (exc if isinstance(exc, OutreachError) else None)


class InboxWaiter(Protocol):
    """A long-lived inbox connection the loop can wait on (IMAP IDLE), cheaper than polling."""

    def wait(self, timeout: float, interrupted: Callable[[], bool]) -> bool:
        """Block up to `timeout` s; True when new mail arrived. Returns early when interrupted()."""
        ...

    def close(self) -> None: ...


@dataclass
class Job:
    name: str
    every_seconds: int
    function: JobFunction
    # Inbox polling: while an IDLE connection is up, run only when it reports mail (or every 10 min).
    idle_driven: bool = False
    # Jobs to run right away when this one reports something (new mail -> compose and send now).
    then: tuple[str, ...] = ()
    failures: int = 0
    last_run: float = 0.0
    skip_until: float = 0.0  # monotonic; set after a failure (backoff)
    due_now: bool = False
    reported: frozenset[str] = frozenset()  # the lines of its last run, each logged once while it holds


class Daemon:
    def __init__(self, config_path: Path | None, jobs: Callable[[Callable[[], bool]], list[Job]],
                 notifier: Notifier | None = None,
                 clock: Callable[[], datetime] = utcnow,
                 waiter_factory: Callable[[Settings], InboxWaiter | None] | None = None) -> None:
        self.config_path = config_path
        self.settings = load_settings(config_path)
        self.jobs = jobs(lambda: self.stop_requested)  # the jobs may ask whether to stop early
        self.notifier = notifier or Notifier()
        self.clock = clock
        self.waiter_factory = waiter_factory
        self.waiter: InboxWaiter | None = None
        self.scheduler = schedule.Scheduler()
        self.stop_requested = False
        self.reload_requested = False
        self.wakeup = threading.Event()
        self.lock = InstanceLock(self.settings)
        self.last_summary = "starting"
        self.watchdog_every = watchdog_interval_seconds()
        self.last_watchdog = 0.0

    # ------------------------------------------------------------------ signals

    def install_signal_handlers(self) -> None:
        signal.signal(signal.SIGTERM, self._on_stop)
        signal.signal(signal.SIGINT, self._on_stop)
        signal.signal(signal.SIGHUP, self._on_reload)

    def _on_stop(self, signum: int, frame: FrameType | None) -> None:
        self.stop_requested = True
        self.wakeup.set()

    def _on_reload(self, signum: int, frame: FrameType | None) -> None:
        self.reload_requested = True
        self.wakeup.set()

    def interrupted(self) -> bool:
        return self.stop_requested or self.reload_requested

    # ------------------------------------------------------------------ life cycle

    def start(self, recover: JobFunction | None = None) -> None:
        """Take the lock, open the database, repair what a crash left, then tell systemd we're ready."""
        from .db import open_database

        self.lock.acquire()
        open_database(self.settings.paths.database)
        if recover is not None:
            for line in recover(self.settings, self.clock()):
                logger.info("%s", line)
        for job in self.jobs:
            self.scheduler.every(job.every_seconds).seconds.do(self._run_job, job)
        self._open_waiter()
        self.run_all_due(force=True)
        self.notifier.ready(self.last_summary)
        logger.info("outreach daemon ready (pid %s)", os.getpid())

    def serve(self) -> int:
        """Loop until SIGTERM/SIGINT; returns the exit status."""
        while not self.stop_requested:
            if self.reload_requested:
                self.reload()
            self.scheduler.run_pending()
            while any(job.due_now for job in self.jobs) and not self.stop_requested:
                self.run_all_due()  # jobs that others asked for (new mail -> compose -> send) run now
            self._ping_watchdog()
            if self.stop_requested:
                break
            self._wait(self._seconds_until_next_job())
        self.notifier.stopping()
        self.close()
        logger.info("outreach daemon stopped")
        return 0

    def close(self) -> None:
        if self.waiter is not None:
            try:
                self.waiter.close()
            except Exception:  # the connection may already be dead; nothing to save
                logger.debug("closing the inbox connection failed", exc_info=True)
            self.waiter = None
        self.lock.release()

    def reload(self) -> None:
        """SIGHUP: re-read config (and with it the templates); a bad new config keeps the old one."""
        self.reload_requested = False
        self.notifier.reloading(time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000)
        try:
            new = load_settings(self.config_path)
        except OutreachError as exc:
            logger.error("reload refused, keeping the running config: %s", exc)
        except Exception:  # a reload must never take the daemon down, whatever the new file holds
            logger.exception("reload refused (unexpected error, a bug), keeping the running config")
        else:
            if new.paths.database != self.settings.paths.database:
                logger.error("reload refused: paths.database changed; restart the service to switch databases")
            else:
                self.settings = new
                if self.waiter is not None:
                    self.waiter.close()
                    self.waiter = None
                self._open_waiter()
                for job in self.jobs:
                    job.due_now = True
                logger.info("configuration reloaded from %s", new.source)
        self.notifier.ready(self.last_summary)

    # ------------------------------------------------------------------ jobs

    def run_all_due(self, force: bool = False) -> None:
        for job in self.jobs:
            if (force or job.due_now) and not self.stop_requested:
                self._run_job(job)
                job.due_now = False

    def _run_job(self, job: Job) -> None:
        if self.stop_requested or time.monotonic() < job.skip_until:
            return
        if (job.idle_driven and self.waiter is not None and not job.due_now and not job.failures
                and time.monotonic() - job.last_run < IDLE_SAFETY_POLL_SECONDS):
            return
        job.last_run = time.monotonic()
        try:
            lines = job.function(self.settings, self.clock())
        except Exception as exc:  # one failing job never kills the daemon
            job.failures += 1
            # the inbox is retried at least as often as IDLE is renewed; the waiter's reconnect ends it sooner
            cap = self.settings.imap.idle_renew_seconds if job.idle_driven else MAX_BACKOFF_SECONDS
            delay = min(cap, job.every_seconds * 2 ** min(job.failures, 10))
            job.skip_until = time.monotonic() + delay
            known = expected_failure(exc)
            if known is None:
                logger.exception("%s failed unexpectedly; retrying in %d s", job.name, delay)
            else:
                logger.error("%s failed (%s); retrying in %d s", job.name, known, delay)
            self.notifier.status(f"{job.name} failing: {known or exc}"[:200])
            return
        job.failures, job.skip_until = 0, 0.0
        if job.idle_driven and self.waiter is None:
            self._open_waiter()
        # One log line per event: a job's lines are its record (the modules log details at DEBUG only), and
        # a line that still holds (a draft waiting for the window) is not logged again on every run.
        for line in lines:
            if line not in job.reported:
                logger.info("%s: %s", job.name, line)
        job.reported = frozenset(lines)
        if lines:
            self.last_summary = f"{job.name}: {lines[-1]}"[:200]
            self.notifier.status(self.last_summary)
            for name in job.then:
                self._mark_due(name)

    def _seconds_until_next_job(self) -> float:
        idle = self.scheduler.idle_seconds
        return max(0.0, min(idle if idle is not None else 60.0, 60.0))

    # ------------------------------------------------------------------ waiting

    def _open_waiter(self) -> None:
        if self.waiter_factory is None:
            return
        try:
            self.waiter = self.waiter_factory(self.settings)
        except OutreachError as exc:
            logger.error("cannot watch the inbox for now (%s); polling on schedule instead", exc)
            self.waiter = None

    def _wait(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not self.interrupted():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            step = min(remaining, self.watchdog_every or remaining)
            if self.waiter is not None:
                try:
                    if self.waiter.wait(step, self.interrupted):
                        self._wake_inbox_jobs()
                        return
                except OutreachError as exc:
                    logger.warning("inbox connection lost (%s); reconnecting on the next pass", exc)
                    self.waiter = None
                    self._mark_due("watch")
                    return
            else:
                self.wakeup.wait(min(step, WAIT_SLICE_SECONDS * 5))
                self.wakeup.clear()
            self._ping_watchdog()

    def _wake_inbox_jobs(self) -> None:
        """The inbox may hold new mail, and the server answers (the IDLE connection is up, perhaps just
        reconnected after an outage): scan now, even if an earlier scan failed and is backing off."""
        for job in self.jobs:
            if job.idle_driven:
                job.due_now, job.skip_until = True, 0.0

    def _mark_due(self, name: str) -> None:
        for job in self.jobs:
            if job.name == name:
                job.due_now = True

    def _ping_watchdog(self) -> None:
        if self.watchdog_every is None:
            return
        if time.monotonic() - self.last_watchdog >= self.watchdog_every / 2:
            self.notifier.watchdog()
            self.last_watchdog = time.monotonic()
