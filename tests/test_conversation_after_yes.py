"""The conversation after yes, on the rig's servers through the daemon's jobs: once Alex has an interview,
every later message in the thread answers about it (confirms, proposes another time, cancels; in words or
from a calendar app) and none creates a second one. Our mail goes out through the SMTP server into
Alex's mailbox; Alex's answers are filed in the user's INBOX on Dovecot and read by the watcher."""

from __future__ import annotations

import email
import email.policy
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import icalendar
import pytest
import yaml
from imapclient import IMAPClient

from outreach.cli.status import gather
from outreach.config.settings import Settings
from outreach.daemon import jobs
from outreach.inbox.mailbox import watch_once
from outreach.interviews import records as interviews
from outreach.outgoing import drafts
from outreach.store.db import close_database
from outreach.store.models import Contact, Draft, Interview
from outreach.testing import MailRig
from outreach.testing.sendqueue import open_settings, sending_config
from tests.test_classify_context import Parties, google_reply, outlook_reply
from tests.test_cli_interviews import outreach

ACCEPTED_ON = "Mon, 25 Nov 2030 10:02:00 -0800"  # Alex writes from Los Angeles
ANSWERED_ON = "Mon, 2 Dec 2030 09:12:00 -0800"
MOVED_TO = datetime(2030, 12, 11, 15, 0, tzinfo=UTC)  # Wednesday December 11, 10:00 EST (7:00 PST)


@dataclass
class Conversation:
    settings: Settings
    me: str
    alex: str
    rig: MailRig
    imap: Callable[..., IMAPClient]

    @property
    def who(self) -> Parties:
        return Parties(alex=self.alex, me=self.me, date=ANSWERED_ON)

    def deliver(self, raw: bytes) -> list[str]:
        """File Alex's message in the user's INBOX and run the watcher once; the reply lines."""
        self.imap(self.me).append("INBOX", raw)
        return watch_once(self.settings, datetime.now(UTC))[1:]

    def says(self, body: str, date: str = ANSWERED_ON) -> list[str]:
        """Alex answers our latest message in the thread, in plain words."""
        last = Draft.select().where(Draft.status == "sent").order_by(Draft.sent_at.desc(), Draft.id.desc()).first()
        msg = EmailMessage()
        msg["From"], msg["To"] = f"Alex Chen <{self.alex}>", f"Sam Rivera <{self.me}>"
        msg["Subject"], msg["Date"] = f"Re: {last.subject.removeprefix('Re: ')}", date
        msg["Message-ID"] = f"<{uuid.uuid4().hex}@example.test>"
        msg["In-Reply-To"], msg["References"] = last.message_id, last.message_id
        msg.set_content(f"{body}\n\nAlex\n")
        return self.deliver(bytes(msg))

    def send(self) -> list[str]:
        return jobs.send_job(self.settings, datetime.now(UTC))


def state() -> tuple[Any, ...]:
    """Every interview (id, status, start, their answer, options) and every draft (id, kind, status)."""
    rows = Interview.select().order_by(Interview.id)
    return ([(i.id, i.status, i.start, i.their_answer, i.proposed_times) for i in rows],
            [(d.id, d.kind, d.status) for d in Draft.select().order_by(Draft.id)])


@pytest.fixture
def written(tmp_path: Path, mailrig: MailRig, mail_users: Callable[[int], list[str]],
            imap: Callable[..., IMAPClient], faults: Callable[..., None]) -> Conversation:
    """Our outreach to Alex went out through the fault-free aiosmtpd server (confirmations on auto)."""
    me, alex = mail_users(2)
    config = sending_config(tmp_path, mailrig, smtp="fault", user=me)
    data = yaml.safe_load(config.read_text())
    data["approval"] = {"confirmation": "auto"}
    config.write_text(yaml.safe_dump(data, sort_keys=False))
    (tmp_path / "introductions.yaml").write_text(
        f"introductions:\n  - name: Alex Chen\n    email: {alex}\n    company: Example Corp\n"
        "    referred_by: Maria Lopez\n    timezone: America/Los_Angeles\n    topics: [ML in production]\n")
    settings = open_settings(config)
    now = datetime.now(UTC)
    jobs.sync_job(settings, now, always=True)
    drafts.approve(1, now)
    assert jobs.send_job(settings, now)[0].startswith(f"draft 1 sent to {alex}")
    return Conversation(settings, me, alex, mailrig, imap)


@pytest.fixture
def confirmed(written: Conversation) -> Conversation:
    """The issue's story up to Alex's answer: Alex accepted Tuesday Dec 10 at 3pm Eastern, the user moved the
    call to Wednesday 10:00 with `interviews set`, and that confirmation (our invitation) went out."""
    assert written.says("Happy to chat! How about Tuesday Dec 10 at 3pm Eastern?", ACCEPTED_ON) == [
        f"reply 1 from {written.alex}: accepted: interview 1 (scheduled)"]
    interviews.set_time(1, written.settings, datetime.now(UTC), at="2030-12-11 10:00")
    assert [line.split(":")[0] for line in written.send()] == [f"draft 3 sent to {written.alex}"]
    assert state() == ([(1, "scheduled", MOVED_TO, None, [])],
                       [(1, "outreach", "sent"), (2, "confirmation", "rejected"), (3, "confirmation", "sent")])
    return written


def invitations(conversation: Conversation, count: int) -> list[icalendar.cal.Component]:
    """The VEVENTs of our invitations in Alex's mailbox, as the SMTP server delivered them (oldest first)."""
    received = conversation.rig.wait_for(conversation.alex, count + 1)  # the outreach, then the invitations
    out = []
    for raw in received:
        for part in email.message_from_bytes(raw, policy=email.policy.default).walk():
            if part.get_content_type() == "text/calendar":
                out.extend(icalendar.Calendar.from_ical(part.get_content()).walk("VEVENT"))
    return out


def test_wednesday_at_10_works_great_confirms_the_one_interview(confirmed: Conversation, tmp_path: Path) -> None:
    """The issue's sequence: still one interview, confirmed by them, nothing queued, one event exported."""
    assert confirmed.says("Wednesday at 10 works great, see you then!") == [
        f"reply 2 from {confirmed.alex}: accepted: interview 1 confirmed by them"]
    assert state() == ([(1, "scheduled", MOVED_TO, "confirmed", [])],
                       [(1, "outreach", "sent"), (2, "confirmation", "rejected"), (3, "confirmation", "sent")])
    assert confirmed.send() == []
    close_database()
    listed = outreach(confirmed.settings.source, "interviews")
    assert listed.stdout == (
        "   1  scheduled  Wednesday, December 11, 2030 at 10:00 AM EST (7:00 AM PST theirs)  "
        f"Alex Chen <{confirmed.alex}> (Example Corp)  confirmed by them\n")
    exported = outreach(confirmed.settings.source, "interviews", "export", str(tmp_path / "all.ics"))
    assert exported.stdout == f"wrote 1 interview(s) to {tmp_path / 'all.ics'}\n"


def test_thursday_at_2_instead_asks_the_user_and_moves_the_same_event(confirmed: Conversation) -> None:
    """Another time: one interview, proposed with that option, the user asked; the next confirmation carries
    the same UID with SEQUENCE + 1, so Alex's calendar moves the event instead of adding one."""
    thursday = "2030-12-05T14:00:00-08:00"
    assert confirmed.says("Could we do Thursday at 2 instead?") == [
        f"reply 2 from {confirmed.alex}: accepted: interview 1: they proposed another time; "
        "`outreach interviews set 1 --pick N` (1 option(s))"]
    assert state()[0] == [(1, "proposed", None, "other_time", [thursday])]
    [need] = [n.to_json() for n in gather(datetime.now(UTC), confirmed.settings.me.zone).needs]
    assert need == {"kind": "schedule", "id": 1, "command": "outreach interviews set 1 --pick N",
                    "text": "interview 1 with Alex Chen: they proposed another time (reply 2); pick one of 1 times"}
    interviews.set_time(1, confirmed.settings, datetime.now(UTC), pick=1)
    assert [line.split(":")[0] for line in confirmed.send()] == [f"draft 4 sent to {confirmed.alex}"]
    first, second = invitations(confirmed, 2)
    assert (str(second["UID"]), int(second.decoded("SEQUENCE")), second.decoded("DTSTART")) == (
        str(first["UID"]), int(first.decoded("SEQUENCE")) + 1, datetime.fromisoformat(thursday))
    assert state() == ([(1, "scheduled", datetime(2030, 12, 5, 22, 0, tzinfo=UTC), None, [thursday])],
                       [(1, "outreach", "sent"), (2, "confirmation", "rejected"), (3, "confirmation", "sent"),
                        (4, "confirmation", "sent")])


CALENDAR_APPS = [
    ("google", lambda who: google_reply(start="DTSTART:20301211T150000Z", end="DTEND:20301211T153000Z", who=who)),
    ("outlook", lambda who: outlook_reply(start="20301211T100000", end="20301211T103000", who=who)),
]


@pytest.mark.parametrize(("app", "build"), CALENDAR_APPS, ids=[a for a, _ in CALENDAR_APPS])
def test_their_calendar_accepting_our_invitation_confirms(confirmed: Conversation, app: str,
                                                          build: Callable[[Parties], bytes]) -> None:
    """An iMIP REPLY, PARTSTAT=ACCEPTED (Google's and Outlook's own shapes, no In-Reply-To): confirmed by them,
    never a new acceptance."""
    assert confirmed.deliver(build(confirmed.who)) == [
        f"reply 2 from {confirmed.alex}: accepted: interview 1 confirmed by them"]
    assert state()[0] == [(1, "scheduled", MOVED_TO, "confirmed", [])]


def test_a_counter_proposal_is_another_time(confirmed: Conversation) -> None:
    """Outlook's "New Time Proposed" (METHOD:COUNTER): proposed again with their time as the option."""
    counter = outlook_reply("TENTATIVE", "New Time Proposed", "COUNTER", "20301212T140000", "20301212T143000",
                            who=confirmed.who)
    assert confirmed.deliver(counter) == [
        f"reply 2 from {confirmed.alex}: accepted: interview 1: they proposed another time; "
        "`outreach interviews set 1 --pick N` (1 option(s))"]
    assert state()[0] == [(1, "proposed", None, "other_time", ["2030-12-12T14:00:00-05:00"])]


def test_their_invitation_at_another_time_moves_the_interview(confirmed: Conversation) -> None:
    """Their own METHOD:REQUEST for the conversation: the time is theirs now; no second interview, nothing sent."""
    request = google_reply("NEEDS-ACTION", "Invitation", "invited you.", "REQUEST", "DTSTART:20301212T190000Z",
                           "DTEND:20301212T194500Z", who=confirmed.who)
    assert confirmed.deliver(request) == [
        f"reply 2 from {confirmed.alex}: accepted: interview 1 moved to 2030-12-12T19:00:00+00:00 (their invitation)"]
    assert state() == ([(1, "scheduled", datetime(2030, 12, 12, 19, 0, tzinfo=UTC), "confirmed", [])],
                       [(1, "outreach", "sent"), (2, "confirmation", "rejected"), (3, "confirmation", "sent")])
    assert Interview.get_by_id(1).end == datetime(2030, 12, 12, 19, 45, tzinfo=UTC)


def test_something_came_up_flags_and_holds_but_cancels_nothing(confirmed: Conversation) -> None:
    """"Sorry, something came up, I have to cancel": the interview stays scheduled and is flagged with the
    commands to run; the approved (unsent) confirmation for a newer time goes back to pending; no thank-you
    is drafted after the time passes; the contact is not closed."""
    moved = interviews.set_time(1, confirmed.settings, datetime.now(UTC), at="2030-12-12 11:00")[1]
    assert moved is not None and (moved.id, moved.status) == (4, "approved")
    assert confirmed.says("Sorry, something came up, I have to cancel.") == [
        f"reply 2 from {confirmed.alex}: unknown: interview 1: they asked to cancel; nothing cancelled; "
        "draft(s) 4 held for you"]
    start = datetime(2030, 12, 12, 16, 0, tzinfo=UTC)
    assert state() == ([(1, "scheduled", start, "cancel", [])],
                       [(1, "outreach", "sent"), (2, "confirmation", "rejected"), (3, "confirmation", "sent"),
                        (4, "confirmation", "pending")])
    held = Draft.get_by_id(4)
    assert (held.reason, Contact.get(Contact.email == confirmed.alex).status) == (
        "they asked to cancel (reply 2)", "meeting")
    assert confirmed.send() == []
    assert jobs.due_drafts_job(confirmed.settings, datetime(2030, 12, 14, tzinfo=UTC)) == []
    close_database()
    status = json.loads(outreach(confirmed.settings.source, "status", "--json").stdout)
    assert status["needs_you"] == [
        {"kind": "approve", "id": None, "text": "1 draft to approve (1 confirmation)",
         "command": "outreach drafts --status pending"},
        {"kind": "their_answer", "id": 1,
         "text": "interview 1 with Alex Chen (Thu Dec 12): they asked to cancel (reply 2); "
                 "nothing is cancelled until you say so",
         "command": "outreach interviews cancel 1, or set 1 --at WHEN to offer another time"}]
    listed = outreach(confirmed.settings.source, "interviews")
    assert listed.stdout == (
        "   1  scheduled  Thursday, December 12, 2030 at 11:00 AM EST (8:00 AM PST theirs)  "
        f"Alex Chen <{confirmed.alex}> (Example Corp)  they asked to cancel  "
        "→ outreach interviews cancel 1, or set 1 --at WHEN to offer another time\n")


def test_a_time_in_a_thread_without_an_interview_still_creates_one(written: Conversation) -> None:
    """No interview yet: a reply with a time is an acceptance, as before (scheduled, a confirmation queued)."""
    assert written.says("Happy to chat! How about Tuesday Dec 10 at 3pm Eastern?", ACCEPTED_ON) == [
        f"reply 1 from {written.alex}: accepted: interview 1 (scheduled)"]
    assert state() == ([(1, "scheduled", datetime(2030, 12, 10, 20, 0, tzinfo=UTC), None, [])],
                       [(1, "outreach", "sent"), (2, "confirmation", "approved")])


def test_a_stranger_cancelling_changes_nothing(confirmed: Conversation) -> None:
    """A METHOD:CANCEL naming Alex's event from someone else is held for the user; the interview is not flagged."""
    forged = google_reply(verb="Canceled event", note="cancelled", method="CANCEL",
                          who=Parties(alex="mallory@attacker.test", me=confirmed.me, date=ANSWERED_ON))
    cited = f"In-Reply-To: {Draft.get_by_id(3).message_id}\r\n".encode()  # our confirmation's Message-ID
    assert confirmed.deliver(cited + forged) == [
        f"reply 2 from mallory@attacker.test about {confirmed.alex}: unverified [needs attention]: held (not from "
        f"{confirmed.alex} or anyone they introduced); nothing done"]
    assert state()[0] == [(1, "scheduled", MOVED_TO, None, [])]
