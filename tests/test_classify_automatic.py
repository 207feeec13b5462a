"""Automatic mail: bounces, delay warnings, complaints, receipts, auto-replies, bulk mail and notifications.

Table-driven over the tuning files of tests/data/corpora/automatic and automatic-mixed
(never the held-out files, see bench/corpus_split.py), then hand-written structural cases.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from outreach.classify import classify_file, classify_message
from outreach.classify.bounces import Bounce, find_bounce
from outreach.classify.mime import body_texts, read_mail
from tests.helpers import delivery_report_body

ROOT = Path(__file__).parent.parent
AUTOMATIC_INTENTS = ("bounce", "auto_reply", "unsubscribe", "unknown")
PERSON_INTENTS = ("accepted", "declined", "referral", "later", "question")

# Where sisimai's labels (every file of automatic/ is "bounce") and the corpora README disagree:
# the README makes delay warnings and notices that report no failure "unknown", and so do we.
NOT_A_FAILURE = {
    "lhost-gmail-09.eml": "Gmail delay warning",
    "lhost-messagingserver-07.eml": "DSN Action: delayed",
    "lhost-opensmtpd-13.eml": "DSN Action: delayed",
    "lhost-sendmail-55.eml": "DSN Action: delayed (4 hours)",
    "rfc3464-07.eml": "DSN Action: delayed",
    "rfc3464-09.eml": "DSN Action: delayed",
    "rfc3464-55.eml": "DSN Action: delayed",
    "lhost-amazonses-13.eml": "SES JSON notice of a delivery",
    "lhost-postfix-75.eml": "Postfix's SMTP session transcript to the postmaster",
    "lhost-fml-03.eml": "a list server's loop alert to its admin",
}
# A spam complaint is an unsubscribe (the README's rule for ARF) in any form, Amazon SES's JSON too.
COMPLAINT = {"lhost-amazonses-11.eml"}


def _split() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_split", ROOT / "bench" / "corpus_split.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tuning(intents: tuple[str, ...]) -> list[tuple[str, str, dict[str, Any]]]:
    split = _split()
    out = []
    for corpus in ("automatic", "automatic-mixed"):
        labels = json.loads((split.CORPORA_DIR / corpus / "labels.json").read_text())
        tuning, _ = split.split(corpus)
        out += [(corpus, f.name, labels[f.name]) for f in tuning if labels[f.name]["intent"] in intents]
    return out


@pytest.mark.parametrize(
    ("corpus", "name", "labels"), _tuning(AUTOMATIC_INTENTS), ids=lambda v: v if isinstance(v, str) else ""
)
def test_automatic_tuning_files(corpus: str, name: str, labels: dict[str, Any]) -> None:
    """Automatic mail comes out with its labelled intent, failed recipient and referrals, and nothing a person means."""
    out = classify_file(str(_split().CORPORA_DIR / corpus / name), user_tz="America/Chicago").to_json()
    want = {
        "intent": "unknown" if name in NOT_A_FAILURE else "unsubscribe" if name in COMPLAINT else labels["intent"],
        "meeting": None,
        "proposed_times": [],
        "referrals": [{"email": e} for e in labels.get("referrals", [])],
    }
    if "bounced_recipient" in labels:
        want["bounced_recipient"] = labels["bounced_recipient"]
    got = {key: out[key] for key in want}
    got["referrals"] = [{"email": r["email"]} for r in out["referrals"]]
    assert got == want


@pytest.mark.parametrize(
    ("corpus", "name", "labels"), _tuning(PERSON_INTENTS), ids=lambda v: v if isinstance(v, str) else ""
)
def test_person_tuning_files_pass_through(corpus: str, name: str, labels: dict[str, Any]) -> None:
    """A person's answer in the automatic corpora (invitations, booking confirmations, relays) is never automatic."""
    out = classify_file(str(_split().CORPORA_DIR / corpus / name), user_tz="America/Chicago").to_json()
    assert (out["intent"] in PERSON_INTENTS or out["intent"] == "unknown", out["bounced_recipient"]) == (True, None)
    assert out["intent"] not in ("bounce", "auto_reply", "unsubscribe")


def _mail(headers: str, body: str = "", content_type: str = "text/plain; charset=utf-8") -> bytes:
    head = (
        "From: Pat Lee <pat@acme.example>\nTo: Dana Kim <dana.kim@example.org>\n"
        "Date: Wed, 21 Oct 2026 10:00:00 -0500\nMessage-ID: <x1@acme.example>\n"
    )
    return f"{head}{headers}Content-Type: {content_type}\n\n{body}".encode()


def _dsn(groups: str, *, text: str = "Delivery failed.\n", original: str = "") -> bytes:
    body = delivery_report_body(groups, text, original, "b")
    return _mail(
        "Subject: Undelivered Mail Returned to Sender\nReturn-Path: <>\n",
        body,
        "multipart/report; report-type=delivery-status; boundary=b",
    ).replace(b"From: Pat Lee <pat@acme.example>", b"From: MAILER-DAEMON@mx.far.example (Mail Delivery System)")


QUOTED_ORIGINAL = (
    "From: Dana Kim <dana.kim@example.org>\nTo: sam@far.example\nSubject: chat\n\n"
    "Happy to chat Tuesday Oct 27 at 2pm CT? My colleague jo@acme.example can join.\n"
)


NOTHING_READ: dict[str, Any] = {
    "meeting": None,
    "proposed_times": [],
    "referrals": [],
    "resume_after": None,
    "bounced_recipient": None,
}


def _result(intent: str, confidence: float, **fields: Any) -> dict[str, Any]:
    return {"intent": intent, "confidence": confidence, **NOTHING_READ, **fields}


ARF = _mail(
    "Subject: Abuse Report\n",
    "--b\nContent-Type: text/plain\n\nThis is an abuse report.\n--b\nContent-Type: message/feedback-report\n\n"
    "Feedback-Type: abuse\nUser-Agent: FBL/1.0\nVersion: 1\n--b\nContent-Type: message/rfc822\n\n"
    + QUOTED_ORIGINAL
    + "--b--\n",
    "multipart/report; report-type=feedback-report; boundary=b",
)
JMRP = _mail(
    "Subject: complaint about message from 192.0.2.1\n",
    "--b\nContent-Type: message/rfc822\n\nX-HmXmrOriginalRecipient: sam@far.example\n" + QUOTED_ORIGINAL + "--b--\n",
    "multipart/mixed; boundary=b",
)
MDN = _mail(
    "Subject: Read: chat\n",
    "--b\nContent-Type: text/plain\n\nYour message was read on Wednesday. Happy to chat Tuesday at 2pm!\n"
    "--b\nContent-Type: message/disposition-notification\n\nFinal-Recipient: rfc822; pat@acme.example\n"
    "Disposition: manual-action/MDN-sent-manually; displayed\n--b--\n",
    "multipart/report; report-type=disposition-notification; boundary=b",
)
NEWSLETTER = _mail(
    "Subject: The Weekly Query #142\nList-Unsubscribe: <https://news.example/u?id=1>\nPrecedence: bulk\n",
    "Join us Tuesday Oct 27 at 2pm CT for a webinar!\n\nTo stop receiving these emails, unsubscribe here.\n",
).replace(b"pat@acme.example", b"news@news.example")
RECEIPT_FROM_SHOP = _mail(
    "Subject: Your tickets for DataCon\n",
    "Thanks for your order! Doors open Tuesday Oct 27 at 2pm. Questions? Write to help@tickets.example.\n",
).replace(b"pat@acme.example", b"orders@tickets.example")
CALENDAR_REMINDER = _mail(
    "Subject: Notification: Dentist @ Thu Oct 22 8am\nAuto-Submitted: auto-generated\n",
    "This is a reminder for the following event: Dentist, Thursday Oct 22 at 8am.\n",
).replace(b"pat@acme.example", b"calendar-notification@calendar.example")
OUTLOOK_OOO = _mail(
    "Subject: Automatic reply: chat\nAuto-Submitted: auto-generated\nIn-Reply-To: <d1@example.org>\n"
    "X-Auto-Response-Suppress: All\n",
    "I am out of the office with no access to email. I will be back on Monday, October 26.\n"
    "For anything urgent please contact my colleague Jo Park (jo.park@acme.example).\n",
)
LEFT_COMPANY = _mail(
    "Subject: Re: chat\nAuto-Submitted: auto-replied\nIn-Reply-To: <d1@example.org>\n",
    "Thank you for your message. Pat Lee is no longer with Acme. For analytics questions please contact "
    "Jo Park (jo.park@acme.example). You can reach me personally at pat.lee.home@mail.example.\n",
)
RELAYED_REPLY = _mail(
    "Subject: Re: Fellow alum - 20 minutes?\nIn-Reply-To: <msg.1@connect.example.edu>\n"
    "List-Id: member messages <messages.connect.example.edu>\nList-Unsubscribe: <https://connect.example.edu/u>\n"
    "Precedence: bulk\nAuto-Submitted: auto-generated\n",
    "Pat Lee replied to your message\n\nSure, happy to talk! Tuesday Oct 27 at 2pm CT works for me.\n\nPat\n",
).replace(b"pat@acme.example", b"messages@connect.example.edu")
FORWARDED_DSN = _mail(
    "Subject: Fwd: Delivery Status Notification (Failure)\nIn-Reply-To: <x@mx.example>\n",
    "Sam left us; please write to Jo instead: jo.park@acme.example\n\n---------- Forwarded message ---------\n"
    "From: Mail Delivery Subsystem <mailer-daemon@mx.example>\nAddress not found: sam@acme.example\n",
)
IMIP_DECLINED = _mail(
    "Subject: Declined: chat\nAuto-Submitted: auto-generated\n",
    "--b\nContent-Type: text/plain\n\nPat Lee has declined this invitation.\n--b\n"
    "Content-Type: text/calendar; method=REPLY\n\nBEGIN:VCALENDAR\nMETHOD:REPLY\nBEGIN:VEVENT\n"
    "DTSTART:20261027T190000Z\nDTEND:20261027T193000Z\nATTENDEE;PARTSTAT=DECLINED:mailto:pat@acme.example\n"
    "END:VEVENT\nEND:VCALENDAR\n--b--\n",
    "multipart/mixed; boundary=b",
)
IMIP_ACCEPTED = IMIP_DECLINED.replace(b"DECLINED", b"ACCEPTED").replace(b"declined", b"accepted")
SES_BOUNCE = _mail(
    "Subject: AWS Notification Message\n",
    '{"notificationType":"Bounce","bounce":{"bounceType":"Permanent",'
    '"bouncedRecipients":[{"emailAddress":"sam@far.example","status":"5.1.1"}]}}\n',
).replace(b"pat@acme.example", b"no-reply@sns.example")
EXIM_TEXT = _mail(
    "Subject: Mail delivery failed: returning message to sender\nX-Failed-Recipients: sam@far.example\n",
    "This message was created automatically by mail delivery software.\n\nA message that you sent could not be "
    "delivered to one or more of its recipients. This is a permanent error.\n",
).replace(b"Pat Lee <pat@acme.example>", b"Mail Delivery System <Mailer-Daemon@mx.far.example>")
BROKEN_BOUNDARY = _mail(
    "Subject: Re:Test message\nIn-Reply-To: <1@example.org>\n",
    "Error: Invalid user address\n\n550 - Requested action not taken: no such user here\n",
    "multipart/alternative;\nboundary=nowhere",
).replace(b"Pat Lee <pat@acme.example>", b"post_master@mx.far.example")

RETURNED_ONLY = _mail(
    "Subject: Mail\nReturn-Path: <>\n",
    "--b\nContent-Type: text/plain\n\nYour mail sent on: Wed, 21 Oct 2026\n--b\nContent-Type: message/rfc822\n\n"
    + QUOTED_ORIGINAL
    + "--b--\n",
    "multipart/mixed; boundary=b",
).replace(b"pat@acme.example", b"no-reply@mx.far.example")
TEXT_NAMES_USER_FIRST = _mail(
    "Subject: failure notice\nReturn-Path: <>\n",
    "Hi. This is the qmail-send program at mx.far.example.\nI'm afraid I wasn't able to deliver your message "
    "to the following addresses.\n\n<dana.kim@example.org>:\n<sam@far.example>:\n"
    "Sorry, no mailbox here by that name.\n",
).replace(b"Pat Lee <pat@acme.example>", b"MAILER-DAEMON@mx.far.example")

CASES = {
    "dsn: Original-Recipient is the address the user wrote to": (
        _dsn(
            "Original-Recipient: rfc822; sam@far.example\nFinal-Recipient: rfc822; s.mail@mbx.far.example\n"
            "Action: failed\nStatus: 5.1.1\n",
            original=QUOTED_ORIGINAL,
        ),
        (),
        _result("bounce", 0.99, bounced_recipient="sam@far.example"),
    ),
    "dsn: a known contact wins over another failed address": (
        _dsn(
            "Final-Recipient: rfc822; list@far.example\nAction: failed\nStatus: 5.1.1\n\n"
            "Final-Recipient: rfc822; sam@far.example\nAction: failed\nStatus: 5.1.1\n"
        ),
        ("sam@far.example",),
        _result("bounce", 0.99, bounced_recipient="sam@far.example"),
    ),
    "dsn: a 5.x.x status without Action is a failure": (
        _dsn("Final-Recipient: rfc822; sam@far.example\nStatus: 5.2.2\n"),
        (),
        _result("bounce", 0.99, bounced_recipient="sam@far.example"),
    ),
    "dsn: a delay warning is unknown, not a bounce": (
        _dsn("Final-Recipient: rfc822; sam@far.example\nAction: delayed\nStatus: 4.4.7\n", text="Will retry."),
        (),
        _result("unknown", 0.5),  # the user hears it is late; nothing acts
    ),
    "exim text notice: X-Failed-Recipients names the address": (
        EXIM_TEXT,
        (),
        _result("bounce", 0.9, bounced_recipient="sam@far.example"),
    ),
    "an MTA's notice whose multipart has no boundary is read as text": (
        BROKEN_BOUNDARY,
        (),
        _result("bounce", 0.9, bounced_recipient=None),
    ),
    "a null sender returning a message: its To is the failed address": (
        RETURNED_ONLY,
        (),
        _result("bounce", 0.9, bounced_recipient="sam@far.example"),
    ),
    "the user's own address is never the failed one": (
        TEXT_NAMES_USER_FIRST,
        (),
        _result("bounce", 0.9, bounced_recipient="sam@far.example"),
    ),
    "Amazon SES JSON bounce": (SES_BOUNCE, (), _result("bounce", 0.9, bounced_recipient="sam@far.example")),
    "ARF spam complaint: never write again": (ARF, (), _result("unsubscribe", 0.97)),
    "Microsoft JMRP complaint": (JMRP, (), _result("unsubscribe", 0.97)),
    "read receipt (MDN) is unknown whatever its text says": (MDN, (), _result("unknown", 0.95)),
    "newsletter with an unsubscribe footer is not an unsubscribe request": (NEWSLETTER, (), _result("unknown", 0.9)),
    "shop mail outside any thread is a notice, not an acceptance": (RECEIPT_FROM_SHOP, (), _result("unknown", 0.8)),
    "auto-generated notification outside any thread is unknown": (CALENDAR_REMINDER, (), _result("unknown", 0.9)),
    "Outlook out-of-office: return date, urgent contact is not a referral": (
        OUTLOOK_OOO,
        (),
        _result("auto_reply", 0.95, resume_after="2026-10-26"),
    ),
    "left the company: the replacement is a referral, the personal address is not": (
        LEFT_COMPANY,
        (),
        _result("auto_reply", 0.97, referrals=[{"name": "Jo Park", "email": "jo.park@acme.example"}]),
    ),
    "iMIP REPLY with PARTSTAT=DECLINED is a decline": (IMIP_DECLINED, (), _result("declined", 0.95)),
}


@pytest.mark.parametrize(("raw", "known", "want"), CASES.values(), ids=CASES.keys())
def test_structural_cases(raw: bytes, known: tuple[str, ...], want: dict[str, Any]) -> None:
    """Each structural case gives exactly this contract object."""
    assert classify_message(raw, user_tz="America/Chicago", known_addresses=known).to_json() == want


def test_relayed_reply_goes_to_the_person_stage() -> None:
    """A platform relaying a person's reply into the thread (list headers, auto-generated) is read as the person."""
    out = classify_message(RELAYED_REPLY, user_tz="America/Chicago").to_json()
    assert (out["intent"], out["meeting"]["start"]) == ("accepted", "2026-10-27T14:00:00-05:00")


def test_forwarded_notice_is_the_person_who_forwarded_it() -> None:
    """A person forwarding a bounce is not a bounce: their own words decide."""
    out = classify_message(FORWARDED_DSN, user_tz="America/Chicago").to_json()
    assert (out["intent"], out["bounced_recipient"]) == ("referral", None)


def test_imip_accepted_with_auto_submitted_is_accepted() -> None:
    """A calendar tool's iMIP REPLY (Auto-Submitted: auto-generated) with PARTSTAT=ACCEPTED fixes the meeting."""
    out = classify_message(IMIP_ACCEPTED, user_tz="America/Chicago").to_json()
    assert (out["intent"], out["meeting"]["start"]) == ("accepted", "2026-10-27T19:00:00+00:00")


def test_find_bounce_is_a_pure_function_of_the_mail() -> None:
    """find_bounce reads a parsed Mail and returns the whole Bounce; a person's mail gives None."""
    mail = read_mail(EXIM_TEXT)
    assert find_bounce(mail, body_texts(mail)[0]) == Bounce("sam@far.example", permanent=True, standard=False)
    person = read_mail(_mail("Subject: Re: chat\n", "My old address bounced your mail (550 user unknown). Sure!"))
    assert find_bounce(person, body_texts(person)[0]) is None


def test_flufl_bounce_is_imported_only_for_notices() -> None:
    """A person's reply never imports flufl.bounce; a non-standard notice does."""
    code = (
        "import sys; from outreach.classify import classify_message as c; "
        "c(sys.stdin.buffer.read()); print('flufl.bounce' in sys.modules)"
    )
    person = _mail("Subject: Re: chat\n", "Sure, Tuesday at 2pm works.")
    results = [
        subprocess.run([sys.executable, "-c", code], input=raw, capture_output=True, check=True).stdout.strip()
        for raw in (person, BROKEN_BOUNDARY)
    ]
    assert results == [b"False", b"True"]


def _invitation_with(length_line: str) -> bytes:
    return (
        "From: Alex Chen <alex@example.com>\r\nTo: Sam <sam@example.edu>\r\nSubject: Invitation: chat\r\n"
        "Date: Mon, 30 Nov 2026 10:00:00 -0500\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n"
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x1@example.com\r\n"
        f"DTSTART:20261203T150000Z\r\n{length_line}\r\nSUMMARY:chat\r\n"
        "ORGANIZER:mailto:alex@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


@pytest.mark.parametrize(("length_line", "end"), [
    ("DURATION:PT30M", "2026-12-03T15:30:00+00:00"),
    ("DURATION:P1DT1H", "2026-12-04T16:00:00+00:00"),
    ("DTEND:20261203T154500Z", "2026-12-03T15:45:00+00:00"),
    ("DURATION:bogus", None),
])
def test_an_invitation_without_dtend_ends_after_its_duration(length_line: str, end: str | None) -> None:
    """An invitation giving DURATION instead of DTEND (RFC 5545) still has its end time."""
    meeting = classify_message(_invitation_with(length_line)).to_json()["meeting"]
    assert (meeting["start"], meeting["end"]) == ("2026-12-03T15:00:00+00:00", end)


def test_a_person_answering_from_their_own_automatic_reply_is_the_person() -> None:
    """Under "Automatic reply: ...", words of the sender's own above a quote of their responder's message and no
    automatic-reply header: a person's answer. The responder's own message (no quote) stays an auto-reply."""
    responder = "I am out of the office until Monday 2 November with limited access to email."
    quoted = (
        "\n\n________________________________\nFrom: Pat Lee\nSent: Wednesday, October 21, 2026 9:00 AM\n"
        f"To: Dana Kim\nSubject: Automatic reply: chat\n\n{responder}\n"
    )
    headers = "Subject: Automatic reply: chat\nIn-Reply-To: <d1@example.org>\n"
    person = _mail(headers, "Dana - happy to talk once I'm back on 2 November. Write to me then.\n\nPat" + quoted)
    # in the responder's words: still a person, who quotes the thread
    away = _mail(headers, "Dana, I'm out of the office until 2 November, but write to me then!\n\nPat" + quoted)
    machine = _mail(headers, responder)
    got = [classify_message(raw, user_tz="America/Chicago").to_json() for raw in (person, away, machine)]
    assert [(o["intent"], o["resume_after"]) for o in got] == [
        ("later", "2026-11-02"), ("later", "2026-11-02"), ("auto_reply", "2026-11-02")]


def test_a_scheduling_tool_s_confirmation_in_the_thread_without_a_calendar_file_is_the_acceptance() -> None:
    """A booking tool answering the user's message with "When: <day>, <time>" (Auto-Submitted, no .ics) is the
    contact's acceptance at that time; the same notice outside the thread is a notification."""
    body = (
        "Hello Dana,\n\nA meeting with Pat Lee was scheduled for you.\n\n"
        "When: Thursday, 29 October 2026, 2:00 PM - 2:30 PM (America/Chicago)\n"
        "Where: https://meet.example/abc-defg\n"
    )
    headers = "Auto-Submitted: auto-generated\nSubject: Meeting booked\n"
    booked = _mail(headers + "In-Reply-To: <d1@example.org>\n", body)
    reminder = _mail(headers, body)
    got = [classify_message(raw, user_tz="America/Chicago").to_json() for raw in (booked, reminder)]
    assert [(o["intent"], (o["meeting"] or {}).get("start")) for o in got] == [
        ("accepted", "2026-10-29T14:00:00-05:00"), ("unknown", None)]


def test_a_tool_s_booking_for_a_contact_outside_the_thread() -> None:
    """A scheduling tool's "Event Date/Time:" notice with a contact to reply to is that contact's acceptance; with
    a stranger to reply to it is unknown at 0.5, so the user looks."""
    body = (
        "Hi Dana,\n\nA new event has been scheduled.\n\nEvent Date/Time:\n"
        "02:00pm - 02:30pm (Central Time - US & Canada) Thursday, October 29, 2026\n"
    )
    raw = _mail(
        "Auto-Submitted: auto-generated\nSubject: New Event: 30 Minute Meeting\nReply-To: Pat Lee <pat@acme.example>\n",
        body,
    ).replace(b"From: Pat Lee <pat@acme.example>", b"From: Scheduler <notifications@scheduler.example>")
    known = classify_message(raw, user_tz="America/Chicago", known_addresses=["pat@acme.example"]).to_json()
    stranger = classify_message(raw, user_tz="America/Chicago").to_json()
    assert [(o["intent"], o["confidence"], (o["meeting"] or {}).get("start")) for o in (known, stranger)] == [
        ("accepted", 0.95, "2026-10-29T14:00:00-05:00"), ("unknown", 0.5, None)]


def test_a_booking_page_confirmation_sent_in_the_contacts_name_is_the_acceptance() -> None:
    """A booking page's confirmation in the user's thread, From the contact but Sent by the calendar tool, giving
    the day and hours then a "Time zone:" line, is the contact's acceptance; outside the thread it waits for the
    user."""
    body = (
        "Appointment booked\n\nCoffee chat with Pat (30 min)\n\nThursday, October 29 · 2:00 – 2:30pm\n"
        "Time zone: Central Time - Chicago\n\nVideo call link: https://meet.example/abc-defg\n"
    )
    headers = "In-Reply-To: <d1@example.org>\nSubject: Re: Informational interview\n"
    sender = "Sender: Calendar <calendar-notification@calendar.example>\n"
    in_thread = _mail(headers + sender, body)
    outside = _mail(sender + "Subject: Appointment booked\n", body)
    got = [classify_message(raw, user_tz="America/Chicago").to_json() for raw in (in_thread, outside)]
    assert [(o["intent"], o["confidence"] < 0.6, (o["meeting"] or {}).get("start")) for o in got] == [
        ("accepted", False, "2026-10-29T14:00:00-05:00"), ("unknown", True, None)]


def test_an_invitation_organized_by_an_events_mailbox_is_no_contacts_answer() -> None:
    """A webinar's invitation organized by eventos@ (the user signed up) is unknown, so nothing is booked; the same
    invitation organized by a person is that person's acceptance."""
    person = _invitation_with("DURATION:PT30M")
    events = person.replace(b"alex@example.com", b"eventos@webinars.example")
    got = [classify_message(raw).to_json() for raw in (events, person)]
    assert [(o["intent"], (o["meeting"] or {}).get("start")) for o in got] == [
        ("unknown", None), ("accepted", "2026-12-03T15:00:00+00:00")]


def test_a_gateway_block_and_a_sending_services_bounce_notification() -> None:
    """A security gateway's "Your message to: a@b / was blocked ... 550 permanent failure" is a bounce for a@b (not
    a delay, though flufl.bounce reads the block as temporary); a sending service's "Bounce notification: message to
    c@d" with a hard-bounce record is a bounce for c@d."""
    gateway = (
        b"Return-Path: <>\nFrom: Mail Gateway <postmaster@gw.firm.example>\nTo: sam@example.edu\n"
        b"Date: Tue, 06 Mar 2046 10:00:00 +0100\nSubject: Message blocked by our content filter\n"
        b"Content-Type: text/plain; charset=us-ascii\n\n"
        b"Your message to: ana.ruiz@firm.example\nwas blocked by our mail gateway and has NOT BEEN DELIVERED.\n\n"
        b"Reason: 550 permanent failure for one or more recipients (ana.ruiz@firm.example:blocked)\n"
    )
    service = (
        b"Return-Path: <bounces+77-sam=example.edu@mail.sender.example>\nFrom: Relay Service <no-reply@relay.example>\n"
        b"To: sam@example.edu\nDate: Tue, 06 Mar 2046 10:00:00 +0000\nAuto-Submitted: auto-generated\n"
        b"Subject: Bounce notification: message to li.wei@lab.example\nContent-Type: text/plain; charset=utf-8\n\n"
        b"We could not deliver an email you sent.\n\nType:   Hard bounce\nEmail:  li.wei@lab.example\n"
        b"Reason: 550 5.1.1 The mailbox does not exist.\n"
    )
    results = [classify_message(raw).to_json() for raw in (gateway, service)]
    assert [(r["intent"], r["bounced_recipient"]) for r in results] == [
        ("bounce", "ana.ruiz@firm.example"), ("bounce", "li.wei@lab.example")]
