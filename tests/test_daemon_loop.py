"""The daemon's loop step by step: `tick(now)` with fake jobs, a fake clock and a fake inbox waiter."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from outreach.backoff import Backoff
from outreach.config.settings import Settings
from outreach.daemon.jobs import JobName, daemon_jobs
from outreach.daemon.loop import Daemon, Job
from outreach.errors import ConnectionFailed, OutreachError
from tests.helpers import NOW, example_settings


class FakeJob:
    """A job function that records when it ran and returns (or raises) what it is told to."""

    def __init__(self, name: str, runs: list[tuple[str, datetime]]) -> None:
        self.name, self.runs = name, runs
        self.lines: list[str] = []
        self.error: Exception | None = None

    def __call__(self, settings: Settings, now: datetime) -> list[str]:
        self.runs.append((self.name, now))
        if self.error is not None:
            raise self.error
        return self.lines


class FakeWaiter:
    """An inbox connection that answers from a script: True (new mail), False (quiet) or an error."""

    def __init__(self, answers: list[bool | OutreachError]) -> None:
        self.answers = answers
        self.closed = False

    def wait(self, timeout: float, interrupted: Callable[[], bool]) -> bool:
        answer = self.answers.pop(0) if self.answers else False
        if isinstance(answer, OutreachError):
            raise answer
        if not answer:
            time.sleep(timeout)  # quiet: the whole timeout passes
        return answer

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return example_settings(tmp_path)


def loop(settings: Settings, waiter: FakeWaiter | None = None) -> tuple[Daemon, dict[str, FakeJob],
                                                                          list[tuple[str, datetime]]]:
    """A daemon with the real schedule's shape (names, periods, chains) but fake job functions."""
    runs: list[tuple[str, datetime]] = []
    fakes: dict[str, FakeJob] = {}

    def jobs(should_stop: Callable[[], bool]) -> list[Job]:
        real = daemon_jobs(should_stop)
        for job in real:
            fakes[job.name] = FakeJob(job.name, runs)
            job.function = fakes[job.name]
        return real

    daemon = Daemon(None, jobs, settings=settings, waiter_factory=lambda s: waiter)
    return daemon, fakes, runs


def names(runs: list[tuple[str, datetime]]) -> list[str]:
    return [name for name, _ in runs]


def test_first_tick_runs_every_job_then_each_on_its_period(settings: Settings) -> None:
    """Every job runs at the first pass; later passes run only the jobs whose period has passed."""
    daemon, _, runs = loop(settings)
    assert daemon.tick(NOW) == 10.0  # due-drafts, every 10 s, is next
    assert names(runs) == ["sync", "due-drafts", "prep-brief", "send", "watch", "calendar"]
    runs.clear()
    assert daemon.tick(NOW + timedelta(seconds=10)) == 10.0
    assert daemon.tick(NOW + timedelta(seconds=20)) == 10.0
    assert runs == [("due-drafts", NOW + timedelta(seconds=10)), ("due-drafts", NOW + timedelta(seconds=20)),
                    ("send", NOW + timedelta(seconds=20))]


def test_a_report_wakes_the_chained_jobs_at_once(settings: Settings) -> None:
    """New mail (watch reports) -> sync, due-drafts, calendar and send run now, in the same or the next pass."""
    daemon, fakes, runs = loop(settings)
    daemon.tick(NOW)
    runs.clear()
    fakes[JobName.WATCH].lines = ["INBOX: 1 new message, 1 reply", "reply from ana@example.org: accepted"]
    later = NOW + timedelta(seconds=60)
    assert daemon.tick(later) == 0.0  # watch ran last-but-one: sync, due-drafts and send wait for the next pass
    fakes[JobName.WATCH].lines = []
    assert daemon.tick(later) == 10.0
    assert names(runs) == ["sync", "due-drafts", "prep-brief", "send", "watch", "calendar",
                           "sync", "due-drafts", "send"]


def test_a_quiet_watch_pass_wakes_nothing(settings: Settings) -> None:
    """A watch pass that only reports its summary (no reply recorded) leaves the chained jobs on their schedule."""
    daemon, fakes, runs = loop(settings)
    daemon.tick(NOW)
    runs.clear()
    fakes[JobName.WATCH].lines = ["INBOX: 2 new messages, 0 replies"]
    assert daemon.tick(NOW + timedelta(seconds=60)) == 10.0
    assert names(runs) == ["sync", "due-drafts", "prep-brief", "send", "watch", "calendar"]
    runs.clear()
    assert daemon.tick(NOW + timedelta(seconds=61)) == 9.0
    assert runs == []


def test_a_failing_job_backs_off_exponentially_up_to_30_minutes(settings: Settings,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    """A job that raises is logged and skipped for 2, 4, 8 ... periods (at most 30 min); the others go on."""
    daemon, fakes, runs = loop(settings)
    fakes[JobName.SYNC].error = ConnectionFailed("imap down; check the server")
    waits, at = [], NOW
    with caplog.at_level(logging.ERROR, logger="outreach.daemon.loop"):
        for _ in range(7):
            daemon.tick(at)
            job = daemon.jobs[0]
            waits.append((job.skip_until - at).total_seconds())
            at = job.skip_until
    assert waits == [120.0, 240.0, 480.0, 960.0, 1800.0, 1800.0, 1800.0]
    assert caplog.messages[:2] == ["sync failed (imap down; check the server); retrying in 120 s",
                                   "sync failed (imap down; check the server); retrying in 240 s"]
    fakes[JobName.SYNC].error = None
    daemon.tick(at)
    assert (daemon.jobs[0].backoff.failures, names(runs).count("sync")) == (0, 8)


def test_backoff_skips_the_job_until_it_is_over(settings: Settings) -> None:
    """While a job backs off, its period passing does not run it; once the backoff is over it runs."""
    daemon, fakes, runs = loop(settings)
    fakes[JobName.SEND].error = OutreachError("smtp refused")
    daemon.tick(NOW)
    for seconds in (20, 39):
        daemon.tick(NOW + timedelta(seconds=seconds))
    daemon.tick(NOW + timedelta(seconds=40))
    assert [at - NOW for name, at in runs if name == "send"] == [timedelta(0), timedelta(seconds=40)]


def test_inbox_backoff_is_capped_at_the_idle_renewal(settings: Settings) -> None:
    """The inbox scan backs off at most imap.idle_renew_seconds (540 s), not 30 minutes."""
    daemon, fakes, _ = loop(settings)
    fakes[JobName.WATCH].error = ConnectionFailed("imap down")
    at, waits = NOW, []
    watch = next(job for job in daemon.jobs if job.name == JobName.WATCH)
    for _ in range(5):
        daemon.tick(at)
        waits.append((watch.skip_until - at).total_seconds())
        at = watch.skip_until
    assert waits == [120.0, 240.0, 480.0, 540.0, 540.0]


def test_with_idle_the_inbox_is_scanned_on_new_mail_and_every_10_minutes(settings: Settings) -> None:
    """While IDLE is up the 60 s poll is skipped; new mail scans at once; a safety scan runs every 10 min."""
    waiter = FakeWaiter([False, True])
    daemon, _, runs = loop(settings, waiter)
    daemon.tick(NOW)  # the first pass scans, and opens the IDLE connection
    for minute in range(1, 10):
        daemon.tick(NOW + timedelta(minutes=minute))
    daemon.wait(0.01)  # quiet
    daemon.tick(NOW + timedelta(minutes=9, seconds=30))
    daemon.wait(0.01)  # new mail
    daemon.tick(NOW + timedelta(minutes=9, seconds=40))
    daemon.tick(NOW + timedelta(minutes=19, seconds=40))
    assert [at - NOW for name, at in runs if name == "watch"] == [
        timedelta(0), timedelta(minutes=9, seconds=40), timedelta(minutes=19, seconds=40)]


def test_new_mail_ends_the_inbox_backoff_but_a_lost_connection_does_not(settings: Settings) -> None:
    """IDLE saying 'new mail' (the server answers again) scans now despite a backoff; a lost connection
    only asks for a scan when the backoff allows it, and the next successful scan opens IDLE again."""
    waiter = FakeWaiter([ConnectionFailed("imap gone"), True])
    opened: list[FakeWaiter] = []

    def factory(s: Settings) -> FakeWaiter:
        opened.append(waiter)
        return waiter

    daemon, fakes, runs = loop(settings)
    daemon.waiter_factory = factory
    daemon.tick(NOW)
    fakes[JobName.WATCH].error = ConnectionFailed("imap down")
    daemon.wait(1.0)  # the connection is lost: scan on the next pass
    daemon.tick(NOW + timedelta(seconds=1))  # fails: backs off 120 s
    assert daemon.waiter is None
    fakes[JobName.WATCH].error = None
    daemon.tick(NOW + timedelta(seconds=61))  # the poll period passed, the backoff did not
    daemon.tick(NOW + timedelta(seconds=121))  # backoff over: scans, and opens IDLE again
    daemon.wait(1.0)  # new mail
    daemon.tick(NOW + timedelta(seconds=122))
    assert ([at - NOW for name, at in runs if name == "watch"], len(opened)) == (
        [timedelta(0), timedelta(seconds=1), timedelta(seconds=121), timedelta(seconds=122)], 2)


def test_a_clock_that_went_back_does_not_stall_the_jobs(settings: Settings) -> None:
    """After the wall clock jumps back an hour, each job still runs within its own period."""
    daemon, _, runs = loop(settings)
    daemon.tick(NOW)
    runs.clear()
    back = NOW - timedelta(hours=1)
    daemon.tick(back)
    daemon.tick(back + timedelta(seconds=10))
    assert names(runs) == ["due-drafts"]


def test_stop_requested_ends_the_pass_between_jobs(settings: Settings) -> None:
    """A stop asked for by one job (SIGTERM during it) keeps the later jobs of that pass from starting."""
    daemon, _, runs = loop(settings)

    def stop_during(settings: Settings, now: datetime) -> list[str]:
        runs.append(("due-drafts", now))
        daemon.request_stop()
        return []

    daemon.jobs[1].function = stop_during
    daemon.tick(NOW)
    assert names(runs) == ["sync", "due-drafts"]


def test_backoff_with_jitter_waits_between_half_and_all_of_the_delay() -> None:
    """Equal jitter: the n-th wait is in [d/2, d] for d = base * 2**n, capped; reset starts over."""
    backoff = Backoff(base=1.0, cap=8.0, rng=random.Random(3))
    delays = [backoff.next_delay() for _ in range(6)]
    bounds = [(0.5, 1), (1, 2), (2, 4), (4, 8), (4, 8), (4, 8)]
    assert all(low <= d <= high for d, (low, high) in zip(delays, bounds, strict=True)), delays
    backoff.reset()
    assert 0.5 <= backoff.next_delay() <= 1.0
