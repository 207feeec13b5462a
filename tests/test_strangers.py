"""Who may make the daemon act: hostile messages delivered into the user's INBOX on the rig's Dovecot are
recorded and shown to the user, never acted on; the contact's own reply and a proven bounce still act."""

from __future__ import annotations

import email
import email.policy
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from imapclient import IMAPClient

from outreach.config.settings import Settings
from outreach.inbox.mailbox import watch_once
from outreach.outgoing.compose import compose_outreach_drafts
from outreach.replies.matching import auth_failures
from outreach.store.models import Contact, ContactStatus, Draft, Interview, Reply
from outreach.testing import MailRig
from outreach.testing.sendqueue import open_settings, sending_config
from tests.helpers import example_settings
from tests.test_replies import outreach
from tests.watchkit import sent_draft, watch_settings

CONTACT = "c07@example.test"
MALLORY = "Mallory <mallory@attacker.test>"
HELD_STRANGER = "held (not from c07@example.test or anyone they introduced); nothing done"
TUESDAY = "Hi Sam,\n\nLet's do Tuesday at 2pm ET.\n\nCasey\n"
REMOVE = "Please remove me from your list.\n"
EVE = ("Hi Sam,\n\nI'm not the right person, but please reach out to Eve <eve2@attacker.test>; she would be glad "
       "to talk.\n")
TWO = ("Hi Sam,\n\nI'm not the right person, but please reach out to Eve Adams <eve@attacker.test> and Bob Stone "
       "<bob@attacker.test>; both would be glad to talk.\n\nCasey\n")


def message(sender: str, body: str, in_reply_to: str | None = None, subject: str = "Re: Introduction",
            headers: tuple[tuple[str, str], ...] = ()) -> EmailMessage:
    """A plain message to the user; `headers` go on top, as a receiving server adds them."""
    msg = EmailMessage()
    for name, value in headers:
        msg[name] = value
    msg["From"], msg["To"], msg["Subject"] = sender, "Sam Rivera <me@example.test>", subject
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = f"<{uuid.uuid4().hex}@sender.example>"
    if in_reply_to:
        msg["In-Reply-To"] = msg["References"] = in_reply_to
    msg.set_content(body)
    return msg


def deliver(imap: Callable[..., IMAPClient], user: str, *messages: EmailMessage) -> None:
    client = imap(user)
    for msg in messages:
        client.append("INBOX", bytes(msg))


@pytest.fixture
def casey(tmp_path: Path, mailrig: MailRig, mail_user: str) -> tuple[Settings, Draft]:
    """Watch settings for a fresh mailbox, and Casey, a contact we wrote to an hour ago."""
    settings = watch_settings(tmp_path, mailrig, mail_user, authserv_id="mx.example.test")
    return settings, sent_draft(CONTACT, "Casey Doe", datetime.now(UTC) - timedelta(hours=1), settings,
                                company="Example Corp")


def state() -> tuple[Any, ...]:
    """What the daemon did: Casey's status, interviews, every contact, every draft, the stored reply."""
    reply = Reply.get()
    return (Contact.get(Contact.email == CONTACT).status, Interview.select().count(),
            [c.email for c in Contact.select().order_by(Contact.id)], Draft.select().count(),
            (reply.contact.email, reply.from_addr, reply.intent, reply.classified_intent, reply.needs_attention))


STRANGER_CASES = [("interview", TUESDAY, "accepted"), ("do-not-contact", REMOVE, "unsubscribe"),
                  ("introduction", EVE, "referral")]


@pytest.mark.parametrize(("name", "body", "classified"), STRANGER_CASES, ids=[c[0] for c in STRANGER_CASES])
def test_a_stranger_citing_our_message_id_makes_nothing_happen(
        casey: tuple[Settings, Draft], imap: Callable[..., IMAPClient], name: str, body: str, classified: str) -> None:
    """Mallory's forged In-Reply-To is recorded for the user under her own name; nothing is scheduled,
    suppressed or introduced."""
    settings, draft = casey
    deliver(imap, settings.imap.username, message(MALLORY, body, draft.message_id))
    lines = watch_once(settings, datetime.now(UTC))
    assert lines == ["INBOX: 1 new message, 1 reply (first scan)",
                     f"reply 1 from mallory@attacker.test about {CONTACT}: unverified [needs attention]: "
                     + HELD_STRANGER]
    assert state() == ("contacted", 0, [CONTACT], 1,
                       (CONTACT, "mallory@attacker.test", "unverified", classified, True))


def test_the_contacts_own_reply_still_acts(casey: tuple[Settings, Draft], imap: Callable[..., IMAPClient]) -> None:
    """The same words from Casey herself schedule the interview and queue the confirmation."""
    settings, draft = casey
    deliver(imap, settings.imap.username, message(f"Casey Doe <{CONTACT}>", TUESDAY, draft.message_id))
    lines = watch_once(settings, datetime.now(UTC))
    assert lines[1] == f"reply 1 from {CONTACT}: accepted: interview 1 (scheduled)"
    assert state() == ("meeting", 1, [CONTACT], 2, (CONTACT, CONTACT, "accepted", "accepted", False))


def test_several_from_addresses_are_held(casey: tuple[Settings, Draft], imap: Callable[..., IMAPClient]) -> None:
    """A From naming the contact and someone else proves nothing: held."""
    settings, draft = casey
    deliver(imap, settings.imap.username,
            message(f"{CONTACT}, mallory@attacker.test", REMOVE, draft.message_id))
    lines = watch_once(settings, datetime.now(UTC))
    assert lines[1] == (f"reply 1 from {CONTACT}, mallory@attacker.test about {CONTACT}: unverified "
                        "[needs attention]: held (From names 2 addresses; a reply has one); nothing done")
    assert state()[0:4] == ("contacted", 0, [CONTACT], 1)


def test_a_person_the_contact_introduced_answers_for_themselves(
        casey: tuple[Settings, Draft], imap: Callable[..., IMAPClient]) -> None:
    """Jane, whom Casey introduced, answering in Casey's thread gets her own interview; Casey is unchanged."""
    settings, draft = casey
    deliver(imap, settings.imap.username, message(f"Casey Doe <{CONTACT}>", EVE.replace("eve2@attacker.test",
                                                                                       "jane@example.test"),
                                                  draft.message_id))
    watch_once(settings, datetime.now(UTC))
    deliver(imap, settings.imap.username, message("Jane <jane@example.test>", TUESDAY, draft.message_id))
    lines = watch_once(settings, datetime.now(UTC))
    interview = Interview.get()
    assert lines[1:] == ["reply 2 from jane@example.test: accepted: interview 1 (scheduled)"]
    assert (Contact.get(Contact.email == CONTACT).status, interview.contact.email,
            Contact.get(Contact.email == "jane@example.test").status) == ("replied", "jane@example.test", "meeting")


# ------------------------------------------------------------------ the provider's Authentication-Results

SPOOF = message(f"Casey Doe <{CONTACT}>", TWO)
AUTH_CASES = [
    ("dmarc fail from our provider",
     [("Authentication-Results", "mx.example.test; dmarc=fail (p=REJECT) header.from=example.test")],
     ["held (mx.example.test recorded dmarc=fail for c07@example.test); nothing done"]),
    ("spf and dkim fail, comments and a version",
     [("Authentication-Results", "mx.example.test 1; spf=fail (sender not permitted) smtp.mailfrom=c07@example.test;"
                                 " dkim=fail (bad signature) header.d=example.test")],
     ["held (mx.example.test recorded spf=fail, dkim=fail for c07@example.test); nothing done"]),
    ("a fail below someone else's header could be the sender's own",
     [("Authentication-Results", "relay.attacker.test; dmarc=pass header.from=example.test"),
      ("Authentication-Results", "mx.example.test; dmarc=fail header.from=example.test")],
     ["new introduction eve@attacker.test", "new introduction bob@attacker.test"]),
    ("dmarc pass", [("Authentication-Results", "mx.example.test; spf=softfail; dmarc=pass header.from=example.test")],
     ["new introduction eve@attacker.test", "new introduction bob@attacker.test"]),
]


@pytest.mark.parametrize(("name", "results", "actions"), AUTH_CASES, ids=[c[0] for c in AUTH_CASES])
def test_a_failing_verdict_from_our_provider_holds_a_contacts_reply(
        casey: tuple[Settings, Draft], imap: Callable[..., IMAPClient], name: str,
        results: list[tuple[str, str]], actions: list[str]) -> None:
    """Only the topmost Authentication-Results of imap.authserv_id count, and a fail there sends it to the user."""
    settings, draft = casey
    deliver(imap, settings.imap.username,
            message(f"Casey Doe <{CONTACT}>", TWO, draft.message_id, headers=tuple(results)))
    lines = watch_once(settings, datetime.now(UTC))
    held = actions[0].startswith("held")
    assert lines[1] == (f"reply 1 from {CONTACT}: " + ("unverified [needs attention]: " if held else "referral: ")
                        + "; ".join(actions))
    assert Contact.select().count() == (1 if held else 3)


def test_authserv_id_defaults_to_the_imap_host(tmp_path: Path, mailrig: MailRig, mail_user: str,
                                               imap: Callable[..., IMAPClient]) -> None:
    """Without imap.authserv_id, the IMAP host's name is the one believed."""
    settings = watch_settings(tmp_path, mailrig, mail_user)
    draft = sent_draft(CONTACT, "Casey Doe", datetime.now(UTC) - timedelta(hours=1), settings)
    deliver(imap, mail_user, message(f"Casey Doe <{CONTACT}>", REMOVE, draft.message_id, headers=(
        ("Authentication-Results", "127.0.0.1; dmarc=fail header.from=example.test"),)))
    lines = watch_once(settings, datetime.now(UTC))
    assert (settings.imap.authserv_id, lines[1]) == (
        "127.0.0.1", f"reply 1 from {CONTACT}: unverified [needs attention]: "
        "held (127.0.0.1 recorded dmarc=fail for c07@example.test); nothing done")


AUTH_PARSE_CASES = [
    ("no headers", [], []),
    ("dkim: one failing signature, another passing", ["mx.example.test; dkim=fail header.d=example.test; "
                                                      "dkim=pass header.i=@example.test"], []),
    ("another domain's failure", ["mx.example.test; dkim=fail header.d=lists.example.org"], []),
    ("no property: about the message", ["mx.example.test; dmarc=fail"], ["dmarc=fail"]),
    ("Microsoft style, no authserv-id", ["spf=fail smtp.mailfrom=example.test; dmarc=fail header.from=example.test"],
     []),
    ("case and quoting", ['MX.Example.Test; DMARC=FAIL header.from="Example.Test"'], ["dmarc=fail"]),
    ("nested comments", ["mx.example.test (a (nested) comment); dmarc=fail (x (y)) header.from=example.test"],
     ["dmarc=fail"]),
]


@pytest.mark.parametrize(("name", "values", "expected"), AUTH_PARSE_CASES, ids=[c[0] for c in AUTH_PARSE_CASES])
def test_auth_failures(name: str, values: list[str], expected: list[str]) -> None:
    """Authentication-Results are read as RFC 8601 writes them, about the sender's own domain only."""
    msg = email.message_from_string("".join(f"Authentication-Results: {v}\n" for v in values) + "From: x\n\n",
                                    policy=email.policy.compat32)
    assert auth_failures(msg, "mx.example.test", CONTACT) == expected


# ------------------------------------------------------------------ bounces and invitations


def bounce(returned: str | None) -> EmailMessage:
    """A delivery report from the attacker's "mailer daemon" naming Casey; `returned` is the returned header block."""
    msg = message("MAILER-DAEMON@attacker.test", f"I'm sorry to have to inform you that your message could not be "
                  f"delivered to one or more recipients.\n\n<{CONTACT}>: host mx.example.test said: 550 5.1.1 "
                  "User unknown\n", subject="Undelivered Mail Returned to Sender")
    if returned is not None:
        msg.add_attachment(returned.encode(), maintype="text", subtype="rfc822-headers", disposition="inline")
    return msg


BOUNCE_CASES = [
    ("naming only the contact", None, "contacted",
     f"reply 1 from mailer-daemon@attacker.test about {CONTACT}: unverified [needs attention]: held (a delivery "
     f"report that does not contain our message to {CONTACT}); nothing done"),
    ("returning our Message-ID", "Message-ID: {message_id}\nTo: {to}\n", "bounced",
     f"reply 1 from mailer-daemon@attacker.test about {CONTACT}: bounce: contact bounced"),
    ("returning our X-Outreach-Draft", "X-Outreach-Draft: {identity}\nTo: {to}\n", "bounced",
     f"reply 1 from mailer-daemon@attacker.test about {CONTACT}: bounce: contact bounced"),
]


@pytest.mark.parametrize(("name", "returned", "status", "line"), BOUNCE_CASES, ids=[c[0] for c in BOUNCE_CASES])
def test_a_bounce_acts_only_with_our_message_in_it(casey: tuple[Settings, Draft], imap: Callable[..., IMAPClient],
                                                   name: str, returned: str | None, status: str, line: str) -> None:
    """A report that returns our Message-ID or X-Outreach-Draft bounces the contact; one that only names her waits."""
    settings, draft = casey
    deliver(imap, settings.imap.username, bounce(returned and returned.format(
        message_id=draft.message_id, identity=draft.identity, to=CONTACT)))
    lines = watch_once(settings, datetime.now(UTC))
    assert (lines[1], Contact.get(Contact.email == CONTACT).status) == (line, status)


def invitation(sender: str) -> EmailMessage:
    ics = "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN", "METHOD:REQUEST", "BEGIN:VEVENT",
        "UID:call-1@sender.example", "DTSTAMP:20261006T140000Z", "DTSTART:20261008T180000Z",
        "DTEND:20261008T183000Z", "SUMMARY:Chat with Casey Doe", f"ORGANIZER:mailto:{sender.split('<')[-1][:-1]}",
        f"ATTENDEE:mailto:{CONTACT}", "ATTENDEE:mailto:me@example.test", "URL:https://evil.attacker.test/meet",
        "END:VEVENT", "END:VCALENDAR", ""])
    msg = message(sender, f"You have been invited to a chat with Casey Doe ({CONTACT}).",
                  subject="Invitation: Chat with Casey Doe")
    msg.add_alternative(ics, subtype="calendar", params={"method": "REQUEST"})
    return msg


def test_a_strangers_calendar_invitation_schedules_nothing(casey: tuple[Settings, Draft],
                                                            imap: Callable[..., IMAPClient]) -> None:
    """An invitation naming Casey from someone else is held; the same invitation from Casey is recorded."""
    settings, _ = casey
    deliver(imap, settings.imap.username, invitation("Scheduler <stranger@attacker.test>"))
    held = watch_once(settings, datetime.now(UTC))
    assert (held[1], Interview.select().count()) == (
        f"reply 1 from stranger@attacker.test about {CONTACT}: unverified [needs attention]: held (a calendar "
        f"invitation naming {CONTACT} from someone else); nothing done", 0)
    deliver(imap, settings.imap.username, invitation(f"Casey Doe <{CONTACT}>"))
    acted = watch_once(settings, datetime.now(UTC))
    interview = Interview.get()
    assert (acted[1], interview.status, interview.url) == (
        f"reply 2 from {CONTACT}: accepted: interview 1 (scheduled)", "scheduled", "https://evil.attacker.test/meet")


# ------------------------------------------------------------------ referrals wait for the user; the CLI


def test_a_spoofed_contact_cannot_make_it_write_to_strangers(tmp_path: Path, postfix: MailRig, mail_user: str,
                                                             imap: Callable[..., IMAPClient]) -> None:
    """With approval.outreach: auto, introductions a reply named are drafted but wait for the user; nothing is sent."""
    config = sending_config(tmp_path, postfix, user=mail_user)
    data = yaml.safe_load(config.read_text())
    data["approval"] = {"outreach": "auto"}
    config.write_text(yaml.safe_dump(data, sort_keys=False))
    settings = open_settings(config)
    draft = sent_draft(CONTACT, "Casey Doe", datetime.now(UTC) - timedelta(hours=1), settings, company="Example Corp")
    deliver(imap, mail_user, message(f"Casey Doe <{CONTACT}>", TWO, draft.message_id))
    first = outreach(config, "run", "--once")
    assert first.stdout.splitlines()[-2:] == [
        "watch: INBOX: 1 new message, 1 reply (first scan)",
        f"watch: reply 1 from {CONTACT}: referral: new introduction eve@attacker.test; "
        "new introduction bob@attacker.test"], first.stderr
    second = outreach(config, "run", "--once")
    subject = "Casey Doe suggested I reach out about your work at Example Corp"
    assert second.stdout.splitlines()[1:] == [
        f"sync: composed draft 2 (pending) for Eve Adams <eve@attacker.test>: {subject}",
        f"sync: composed draft 3 (pending) for Bob Stone <bob@attacker.test>: {subject}",
        "watch: INBOX: 0 new messages, 0 replies"], second.stderr
    assert [(d.to_addr, d.status) for d in Draft.select().where(Draft.id != draft.id).order_by(Draft.id)] == [
        ("eve@attacker.test", "pending"), ("bob@attacker.test", "pending")]


@pytest.mark.parametrize(("source", "status"), [("reply", "pending"), ("notes", "pending"),
                                                ("introductions", "approved")])
def test_referrals_wait_for_approval_whatever_approval_outreach_says(tmp_path: Path, source: str,
                                                                     status: str) -> None:
    """Only introductions from the user's own file follow approval.outreach: auto."""
    settings = example_settings(tmp_path, introductions="introductions: []\n", approval={"outreach": "auto"})
    now = datetime.now(UTC)
    Contact.create(email="new@example.com", name="New Person", source=source, status=ContactStatus.NEW,
                   created_at=now, updated_at=now)
    made = compose_outreach_drafts(settings, now, "daemon")
    assert [(d.to_addr, d.status) for d in made.created] == [("new@example.com", status)]


def test_held_replies_are_shown_with_what_to_do(tmp_path: Path, mailrig: MailRig, mail_user: str,
                                                imap: Callable[..., IMAPClient]) -> None:
    """`run --once`, `replies`, `status` name the real sender and the next step; `resolve --as ignored` does nothing,
    and the held message never counted as Casey's answer."""
    settings = watch_settings(tmp_path, mailrig, mail_user)
    draft = sent_draft(CONTACT, "Casey Doe", datetime(2026, 10, 6, 13, 0, tzinfo=UTC), settings)
    msg = message(MALLORY, TUESDAY, draft.message_id, subject="Re: Introduction via Maria Lopez")
    del msg["Date"]
    msg["Date"] = "Tue, 06 Oct 2026 10:00:00 -0400"
    client = imap(mail_user)
    client.append("INBOX", bytes(msg), msg_time=datetime(2026, 10, 6, 14, 0, tzinfo=UTC))
    config = tmp_path / "outreach.yaml"
    run = outreach(config, "run", "--once")
    assert run.stdout.splitlines()[-1] == (f"watch: reply 1 from mallory@attacker.test about {CONTACT}: unverified "
                                           f"[needs attention]: {HELD_STRANGER}"), run.stderr
    assert outreach(config, "replies", "--attention").stdout.splitlines() == [
        f"    1 ! 2026-10-06 10:00  {CONTACT:32} unverified (was accepted) Re: Introduction via Maria Lopez",
        f"        from mallory@attacker.test, not acted on: not from {CONTACT} or anyone they introduced",
        "        genuine? `outreach replies resolve 1 --as accepted`; "
        "if not, `outreach replies resolve 1 --as ignored`",
        "1 waiting for you: answer them, then `outreach replies resolve ID --as INTENT`"]
    status = json.loads(outreach(config, "status", "--json").stdout)
    assert [n for n in status["needs_you"] if n["kind"] == "held"] == [{
        "kind": "held", "id": 1, "command": "outreach replies --attention",
        "text": f"reply 1 from mallory@attacker.test about Casey Doe <{CONTACT}> was not acted on (not from "
                f"{CONTACT} or anyone they introduced); resolve it as accepted if it is genuine, else as ignored"}]
    resolved = outreach(config, "replies", "resolve", "1", "--as", "ignored")
    assert resolved.stdout == f"reply 1 from mallory@attacker.test about {CONTACT}: ignored\n", resolved.stderr
    status = json.loads(outreach(config, "status", "--json").stdout)
    # Mallory's message is no answer from Casey: her follow-up came due weeks later all the same
    assert ([n["text"] for n in status["needs_you"]], status["funnel"]["replied"],
            Contact.get(Contact.email == CONTACT).status, Interview.select().count()) == (
        ["1 draft to approve (1 follow-up)"], 0, "contacted", 0)
