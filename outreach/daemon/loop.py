"""The run loop: jobs on a schedule, IDLE waits, signals, systemd notify, start-up recovery.

Signal handlers only set flags; the loop does the work between jobs, so a SIGTERM never interrupts a send
half-way. `tick(now)` is one pass of the loop (tests drive it with fake jobs, a fake clock and a fake
waiter); `serve()` ticks, then waits on the inbox connection or on an event until the next pass is due.
Every due time that matters lives in the database; the times kept here only decide when to look again.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Protocol

from outreach.backoff import Backoff
from outreach.config.reader import load_settings
from outreach.config.settings import Settings
from outreach.daemon.sdnotify import Notifier, watchdog_interval_seconds
from outreach.errors import OutreachError
from outreach.store.db import open_database, storage_problem
from outreach.store.locks import InstanceLock
from outreach.store.models import utcnow

logger = logging.getLogger(__name__)

JobFunction = Callable[[Settings, datetime], list[str]]
MAX_BACKOFF_SECONDS = 30 * 60
MAX_WAIT_SECONDS = 60.0  # the schedule is looked at least this often
WAIT_SLICE_SECONDS = 5.0  # how quickly a signal is noticed while waiting without an inbox connection
IDLE_SAFETY_POLL_SECONDS = 600
NEVER = datetime.min.replace(tzinfo=UTC)


def expected_failure(exc: BaseException) -> OutreachError | None:
    """The error to report for a job's failure: an expected one as it is, a full or read-only database
    as such (not as the failed rollback that masks it); None for anything else (a bug)."""
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
    # Whether a run's lines call for the `then` jobs (by default: any line at all).
    follow_up: Callable[[list[str]], bool] = bool
    backoff: Backoff = field(init=False)
    next_at: datetime = NEVER  # the schedule's next look (NEVER: at the first pass)
    last_run: datetime = NEVER
    skip_until: datetime = NEVER  # set after a failure (backoff)
    due_now: bool = False  # woken by another job, by new mail, or by a reload
    reported: frozenset[str] = frozenset()  # the lines of its last run, each logged once while it holds

    def __post_init__(self) -> None:
        # after n failures in a row: 2, 4, 8 ... periods, at most 30 minutes
        self.backoff = Backoff(base=2.0 * self.every_seconds, cap=MAX_BACKOFF_SECONDS, jitter=False)


class Daemon:
    def __init__(self, config_path: Path | None, jobs: Callable[[Callable[[], bool]], list[Job]],
                 notifier: Notifier | None = None,
                 clock: Callable[[], datetime] = utcnow,
                 waiter_factory: Callable[[Settings], InboxWaiter | None] | None = None,
                 settings: Settings | None = None) -> None:
        self.config_path = config_path
        self.settings = settings or load_settings(config_path)
        self.jobs = jobs(lambda: self.stop_requested)  # the jobs may ask whether to stop early
        self.notifier = notifier or Notifier()
        self.clock = clock
        self.waiter_factory = waiter_factory
        self.waiter: InboxWaiter | None = None
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
        self.request_stop()

    def request_stop(self) -> None:
        """Finish the current step, then leave the loop (what SIGTERM does)."""
        self.stop_requested = True
        self.wakeup.set()

    def _on_reload(self, signum: int, frame: FrameType | None) -> None:
        self.reload_requested = True
        self.wakeup.set()

    def interrupted(self) -> bool:
        return self.stop_requested or self.reload_requested

    # ------------------------------------------------------------------ life cycle

    def start(self, recover: JobFunction | None = None) -> None:
        """Take the lock, open the database, repair what a crash left, run every job once, then tell systemd
        we're ready."""
        self.lock.acquire()
        open_database(self.settings.paths.database)
        if recover is not None:
            for line in recover(self.settings, self.clock()):
                logger.info("%s", line)
        self._open_waiter()
        for job in self.jobs:
            job.due_now = True
        self.tick(self.clock())
        self.notifier.ready(self.last_summary)
        logger.info("outreach daemon ready (pid %s)", os.getpid())

    def serve(self) -> int:
        """Loop until SIGTERM/SIGINT; returns the exit status."""
        while not self.stop_requested:
            timeout = self.tick(self.clock())
            if self.stop_requested:
                break
            if timeout > 0:
                self.wait(timeout)
        self.notifier.stopping()
        self.close()
        logger.info("outreach daemon stopped")
        return 0

    def tick(self, now: datetime) -> float:
        """One pass: apply a requested reload, run each job that is due at `now` (or woken by another job, by
        new mail or by a reload), ping the watchdog. Returns the seconds until the next pass is due: 0 when a
        job woke one that already had its turn in this pass (new mail -> compose -> send)."""
        if self.reload_requested:
            self.reload()
        for job in self.jobs:
            _distrust_clock(job, now)
            if self.stop_requested:
                break
            if job.due_now or now >= job.next_at:
                self._run_job(job, now)
        self._ping_watchdog()
        if any(job.due_now for job in self.jobs):
            return 0.0
        soonest = min((job.next_at for job in self.jobs), default=now + timedelta(seconds=MAX_WAIT_SECONDS))
        return max(0.0, min((soonest - now).total_seconds(), MAX_WAIT_SECONDS))

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

    def _run_job(self, job: Job, now: datetime) -> None:
        woken, job.due_now = job.due_now, False
        job.next_at = now + timedelta(seconds=job.every_seconds)
        if now < job.skip_until:
            return
        if (job.idle_driven and self.waiter is not None and not woken and not job.backoff.failures
                and now - job.last_run < timedelta(seconds=IDLE_SAFETY_POLL_SECONDS)):
            return
        job.last_run = now
        try:
            lines = job.function(self.settings, now)
        except Exception as exc:  # one failing job never kills the daemon
            # the inbox is retried at least as often as IDLE is renewed; the waiter's reconnect ends it sooner
            job.backoff.cap = self.settings.imap.idle_renew_seconds if job.idle_driven else MAX_BACKOFF_SECONDS
            delay = job.backoff.next_delay()
            job.skip_until = now + timedelta(seconds=delay)
            known = expected_failure(exc)
            if known is None:
                logger.exception("%s failed unexpectedly; retrying in %d s", job.name, delay)
            else:
                logger.error("%s failed (%s); retrying in %d s", job.name, known, delay)
            self.notifier.status(f"{job.name} failing: {known or exc}"[:200])
            return
        job.backoff.reset()
        job.skip_until = NEVER
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
        if job.follow_up(lines):
            for other in self.jobs:
                if other.name in job.then:
                    other.due_now = True

    # ------------------------------------------------------------------ waiting

    def _open_waiter(self) -> None:
        if self.waiter_factory is None:
            return
        try:
            self.waiter = self.waiter_factory(self.settings)
        except OutreachError as exc:
            logger.error("cannot watch the inbox for now (%s); polling on schedule instead", exc)
            self.waiter = None

    def wait(self, timeout: float) -> None:
        """Until the next pass is due: on the inbox connection (new mail wakes the inbox jobs), or on the
        event a signal sets; the watchdog is pinged meanwhile."""
        deadline = time.monotonic() + timeout
        while not self.interrupted():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            step = min(remaining, self.watchdog_every or remaining)
            if self.waiter is not None:
                try:
                    if self.waiter.wait(step, self.interrupted):
                        self._wake_inbox_jobs(server_answers=True)
                        return
                except OutreachError as exc:
                    logger.warning("inbox connection lost (%s); reconnecting on the next pass", exc)
                    self.waiter = None
                    self._wake_inbox_jobs(server_answers=False)
                    return
            else:
                self.wakeup.wait(min(step, WAIT_SLICE_SECONDS))
                self.wakeup.clear()
            self._ping_watchdog()

    def _wake_inbox_jobs(self, server_answers: bool) -> None:
        """The inbox may hold new mail: scan on the next pass. `server_answers`: the IDLE connection is up
        (perhaps just reconnected after an outage), so even a scan that is backing off runs now."""
        for job in self.jobs:
            if job.idle_driven:
                job.due_now = True
                if server_answers:
                    job.skip_until = NEVER

    def _ping_watchdog(self) -> None:
        if self.watchdog_every is None:
            return
        if time.monotonic() - self.last_watchdog >= self.watchdog_every / 2:
            self.notifier.watchdog()
            self.last_watchdog = time.monotonic()


def _distrust_clock(job: Job, now: datetime) -> None:
    """The wall clock went back (NTP, a resumed laptop): no job waits longer than its own period or backoff."""
    job.next_at = min(job.next_at, now + timedelta(seconds=job.every_seconds))
    job.skip_until = min(job.skip_until, now + timedelta(seconds=job.backoff.cap))
    job.last_run = min(job.last_run, now)
