"""The daemon's jobs, each short and idempotent, each taking `now` from the caller.

`daemon_jobs` is the one list: `run --once` runs it in order; the daemon runs each job on its own schedule.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum

from outreach.config.settings import Settings
from outreach.daemon.loop import Job
from outreach.inbox.mailbox import watch_once
from outreach.interviews.calendar_sync import sync_interviews
from outreach.interviews.followups import create_due_drafts
from outreach.interviews.prepmail import deliver_prep_briefs
from outreach.outgoing.compose import compose_outreach_drafts
from outreach.outgoing.sync import composed_lines, import_file
from outreach.sending.reconcile import reconcile
from outreach.sending.sender import run_once, sender_lock
from outreach.store.models import RuntimeState, utcnow

logger = logging.getLogger(__name__)

FINGERPRINT_KEY = "introductions_fingerprint"  # RuntimeState written by this module


class JobName(StrEnum):
    SYNC = "sync"
    DUE_DRAFTS = "due-drafts"
    PREP_BRIEF = "prep-brief"
    SEND = "send"
    WATCH = "watch"
    CALENDAR = "calendar"


def introductions_changed(settings: Settings) -> tuple[bool, str]:
    """Has introductions.yaml changed since the daemon last imported it? (content hash, not mtime)"""
    try:
        digest = hashlib.sha256(settings.paths.introductions.read_bytes()).hexdigest()
    except FileNotFoundError:
        digest = "missing"
    return RuntimeState.read(FINGERPRINT_KEY) != digest, digest


def sync_job(settings: Settings, now: datetime, always: bool = False) -> list[str]:
    """Import introductions when the file changed (or `always`), then compose outreach drafts."""
    lines = []
    changed, digest = introductions_changed(settings)
    if changed or always:
        lines.append(import_file(settings, now))
        RuntimeState.write(FINGERPRINT_KEY, digest, now)
    return lines + composed_lines(compose_outreach_drafts(settings, now, "daemon"))


def send_job(settings: Settings, now: datetime, should_stop: Callable[[], bool] | None = None) -> list[str]:
    """Reconcile anything a crash left in `sending`, then send what is due (stopping between messages
    when `should_stop` says so)."""
    return [o.line(settings.me.zone) for o in run_once(settings, now, clock=utcnow, should_stop=should_stop)]


def watch_job(settings: Settings, now: datetime) -> list[str]:
    return watch_once(settings, now)


def watch_found_replies(lines: list[str]) -> bool:
    """A watch pass's first line is its summary ("INBOX: 0 new messages, 0 replies"); each further line is a
    reply it recorded, the only news the chained jobs (compose, due drafts, calendar, send) act on."""
    return len(lines) > 1


def due_drafts_job(settings: Settings, now: datetime) -> list[str]:
    """Thank-you notes and follow-ups whose time has come (catching up after downtime)."""
    return create_due_drafts(settings, now, "daemon")


def prep_brief_job(settings: Settings, now: datetime) -> list[str]:
    """Prep briefs into the user's inbox on interview mornings (only with interviews.email_prep_brief)."""
    if not settings.interviews.email_prep_brief:
        return []

    return deliver_prep_briefs(settings, now)


def calendar_job(settings: Settings, now: datetime) -> list[str]:
    """Interviews into the user's CalDAV calendar (only with `calendar:`): written, moved, removed, or flagged."""
    return sync_interviews(settings, now)


def recover_job(settings: Settings, now: datetime) -> list[str]:
    """Start-up recovery: settle drafts left in `sending` before anything else runs."""
    with sender_lock(settings):
        return [o.line(settings.me.zone) for o in reconcile(settings, now)]


def daemon_jobs(should_stop: Callable[[], bool] = lambda: False, poll_seconds: int = 60,
                once: bool = False) -> list[Job]:
    """The jobs, in the order `run --once` runs them (`once`: introductions are imported even when unchanged).
    The inbox is watched by IDLE between runs; `watch` is the polling fallback. `should_stop` is the
    daemon's SIGTERM flag: a long send run stops between two messages."""
    return [
        Job(JobName.SYNC, 60, lambda settings, now: sync_job(settings, now, always=once), then=(JobName.SEND,)),
        Job(JobName.DUE_DRAFTS, 10, due_drafts_job, then=(JobName.SEND,)),
        Job(JobName.PREP_BRIEF, 60, prep_brief_job),
        Job(JobName.SEND, 20, lambda settings, now: send_job(settings, now, should_stop)),
        Job(JobName.WATCH, poll_seconds, watch_job, idle_driven=True, follow_up=watch_found_replies,
            then=(JobName.SYNC, JobName.DUE_DRAFTS, JobName.CALENDAR, JobName.SEND)),
        Job(JobName.CALENDAR, 60, calendar_job, then=(JobName.SEND,)),
    ]
