"""The prep brief in the user's own inbox on the morning of each interview (`interviews.email_prep_brief`).

Not sent over SMTP: the brief is APPENDed to the user's IMAP inbox as an unread message from and
to the user, carrying the private header X-Outreach-Prep: <interview id> <start, UTC>. It is due at 07:00 in the
user's zone on the interview's local day (an hour before an interview that starts earlier than
that), or at once if the interview was scheduled after that but has not started yet. A call moved
to another time gets a new brief.

Exactly once: before appending, the inbox is searched for the header, so a crash between the
APPEND and the database update never makes a second copy; then `interviews.mark_prep_sent`
records it. The watcher never reads it as a reply: mail from the user is dropped unread
(`matching.is_own`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from outreach.calendar.clock import clock, day
from outreach.config.settings import ImapSettings, Settings
from outreach.errors import ConnectionFailed, TemplateError
from outreach.interviews.records import mark_prep_sent
from outreach.mailconn import explained_errors, open_imap
from outreach.outgoing.drafts import new_message_id
from outreach.outgoing.message import set_text_body
from outreach.outgoing.prep import render_prep
from outreach.store.models import Contact, Interview, InterviewStatus

if TYPE_CHECKING:
    from imapclient import IMAPClient

logger = logging.getLogger(__name__)

PREP_HEADER = "X-Outreach-Prep"
PREP_AT = time(7, 0)  # local time on the interview's day
EARLY_LEAD = timedelta(hours=1)  # for an interview at or before PREP_AT
LOOKAHEAD = timedelta(days=2)  # coarse database filter; prep_due decides


@dataclass(frozen=True)
class Brief:
    interview_id: int
    contact_email: str
    key: str
    raw: bytes


def brief_key(interview_id: int, start: datetime) -> str:
    """The X-Outreach-Prep value: one brief per interview and start time, so a moved call gets a new one."""
    return f"{interview_id} {start.astimezone(UTC):%Y-%m-%dT%H:%MZ}"


def prep_due(start: datetime, zone: ZoneInfo) -> datetime:
    """07:00 in `zone` on the interview's local day; an hour before an interview that starts by then."""
    morning = datetime.combine(start.astimezone(zone).date(), PREP_AT, tzinfo=zone)
    return morning if morning < start else start - EARLY_LEAD


def due_interviews(settings: Settings, now: datetime) -> list[Interview]:
    """Scheduled interviews without a brief yet whose brief is due at `now` and that have not started."""
    zone = settings.me.zone
    candidates = (Interview.select(Interview, Contact).join(Contact)
                  .where(Interview.status == InterviewStatus.SCHEDULED, Interview.prep_sent_at.is_null(),
                         Interview.start.is_null(False), Interview.start > now,
                         Interview.start <= now + LOOKAHEAD)
                  .order_by(Interview.start, Interview.id))
    return [i for i in candidates if prep_due(i.start, zone) <= now]


def deliver_prep_briefs(settings: Settings, now: datetime) -> list[str]:
    """Put each due prep brief in the user's inbox (once each); one line per brief or error."""
    if not settings.interviews.email_prep_brief:
        return []
    lines: list[str] = []
    briefs: list[Brief] = []
    for interview in due_interviews(settings, now):
        try:
            briefs.append(build_brief(interview, settings, now))
        except TemplateError as exc:
            logger.warning("no prep brief for interview %s yet: %s", interview.id, exc)
            lines.append(f"interview {interview.id}: prep brief not rendered: {exc}")
    if not briefs:
        return lines

    client = open_imap(settings.imap)
    try:
        lines += [_deliver(client, brief, settings.imap, now) for brief in briefs]
    finally:
        try:
            client.logout()
        except Exception:  # already gone: nothing to clean up
            logger.debug("imap logout failed", exc_info=True)
    return lines


def build_brief(interview: Interview, settings: Settings, now: datetime) -> Brief:
    """The message: the rendered prep brief as text/plain UTF-8, from and to the user."""
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime


    me, zone, contact = settings.me, settings.me.zone, interview.contact
    assert interview.start is not None
    today = interview.start.astimezone(zone).date() == now.astimezone(zone).date()
    subject = f"Prep brief: {contact.name}, {'today' if today else day(interview.start, zone)} at " \
              f"{clock(interview.start, zone)}"
    body = render_prep(interview, settings).body
    msg = EmailMessage(policy=SMTP)
    msg["From"] = Address(display_name=me.name, addr_spec=me.email)
    msg["To"] = Address(display_name=me.name, addr_spec=me.email)
    msg["Subject"] = subject  # names are single-line since import; the email package refuses a line break too
    msg["Date"] = format_datetime(now.astimezone(zone))
    msg["Message-ID"] = new_message_id(settings)
    key = brief_key(interview.id, interview.start)
    msg[PREP_HEADER] = key
    set_text_body(msg, body)
    return Brief(interview.id, contact.email, key, bytes(msg))


def _deliver(client: IMAPClient, brief: Brief, imap: ImapSettings, now: datetime) -> str:
    inbox = imap.folders.inbox
    fresh = Interview.get_or_none(Interview.id == brief.interview_id)
    if fresh is None or fresh.status != InterviewStatus.SCHEDULED or fresh.prep_sent_at is not None:
        return f"interview {brief.interview_id}: prep brief no longer due"
    with _errors(imap):
        if already_filed(client, inbox, brief.key):
            where = f"already in {inbox}"
        else:
            client.append(inbox, brief.raw, flags=(), msg_time=now)
            where = f"put in {inbox}"
    mark_prep_sent(brief.interview_id, now)
    logger.debug("prep brief for interview %s (%s) %s", brief.interview_id, brief.contact_email, where)
    return f"prep brief for interview {brief.interview_id} ({brief.contact_email}) {where}"


def already_filed(client: IMAPClient, folder: str, key: str) -> bool:
    """Is the brief with this key in `folder`? (SEARCH HEADER matches substrings: compare exactly)"""
    client.select_folder(folder, readonly=True)
    uids = client.search(["HEADER", PREP_HEADER, key])
    if not uids:
        return False
    item = f"BODY[HEADER.FIELDS ({PREP_HEADER.upper()})]".encode()
    fetched = client.fetch(uids, [b"BODY.PEEK[HEADER.FIELDS (" + PREP_HEADER.upper().encode() + b")]"])
    for data in fetched.values():
        _, _, value = data.get(item, b"").decode("ascii", "replace").partition(":")
        if value.strip() == key:
            return True
    return False


@contextmanager
def _errors(imap: ImapSettings) -> Iterator[None]:
    from imapclient.exceptions import IMAPClientError


    with explained_errors(imap, "imap"):
        try:
            yield
        except IMAPClientError as exc:
            raise ConnectionFailed(f"imap {imap.address} {imap.folders.inbox}: {exc}") from None
