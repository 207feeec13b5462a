"""Acting on matched replies: each intent's action, idempotence, corrections, and the replies commands."""

from __future__ import annotations

import email
import email.policy
import json
import os
import re
import smtplib
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from imapclient import IMAPClient

from outreach.classify import Classification, classify_message
from outreach.config.reader import load_settings
from outreach.config.settings import Settings
from outreach.inbox.mailbox import watch_once
from outreach.intents import meaning
from outreach.interviews.followups import create_due_drafts
from outreach.replies import act as replies
from outreach.replies import listing
from outreach.replies.matching import Match, address_of
from outreach.store.db import open_database
from outreach.store.models import Contact, Draft, DraftKind, DraftStatus, Interview, Reply
from outreach.testing import MailRig
from tests.helpers import write_config
from tests.test_mailbox import flags
from tests.watchkit import ACCEPT, DECLINE, reply_to, sent_draft, watch_settings

NOW = datetime(2026, 10, 6, 15, 0, tzinfo=UTC)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    loaded = load_settings(write_config(tmp_path))
    open_database(loaded.paths.database)
    return loaded


def result(intent: str, confidence: float = 0.9, **fields: Any) -> Classification:
    """A classification, written as the contract's JSON."""
    return Classification.from_json({"intent": intent, "confidence": confidence, **fields})


def record(settings: Settings, draft: Draft, outcome: Classification, key: str = "<r1@example.com>",
           how: str = "thread") -> replies.Outcome | None:
    raw = reply_to(draft, settings.me.email, "text", message_id=key, date=NOW)
    match = Match(draft.contact.id, draft.id, how)
    return replies.record(replies.incoming(raw, key, match, replies.Location("INBOX", 1, 7), outcome), settings, NOW)


def pending_draft(draft: Draft) -> Draft:
    created: Draft = Draft.create(
        contact=draft.contact, kind=DraftKind.FOLLOW_UP, status=DraftStatus.PENDING, to_addr=draft.to_addr,
        subject="Following up", body="Hi again", identity="follow-" + draft.identity,
        message_id="<follow-" + draft.message_id[1:], created_at=NOW, updated_at=NOW)
    return created


LEFT = [{"name": "Jo Park", "email": "jo.park@example.com"}]  # "I've left; write to Jo": never read from automatic mail
MEETING = {"start": "2026-10-08T14:00:00-04:00", "end": None, "url": "https://meet.example.com/x",
           "location": None, "booking_url": None}
ACTION_CASES = [
    ("accepted", result("accepted", meeting=MEETING, referrals=[{"name": "Jane Roe", "email": "jane@example.com"}]),
     "meeting", None, "scheduled", "interview 1 (scheduled); new introduction jane@example.com", False),
    ("referral", result("referral", referrals=[{"name": None, "email": "bo@example.com"}]),
     "replied", None, None, "new introduction bo@example.com", False),
    ("declined", result("declined"), "declined", None, None, "contact closed (declined)", False),
    ("later with a date", result("later", resume_after="2026-12-07"), "later", "2026-12-07 05:00",
     None, "follow-ups paused until 2026-12-07", False),
    ("later without a date", result("later"), "later", "2026-11-05 15:00", None,
     "follow-ups paused until 2026-11-05", False),
    ("auto reply", result("auto_reply", 0.97, resume_after="2026-10-26", referrals=LEFT), "contacted",
     "2026-10-26 04:00", None, "follow-ups paused until 2026-10-26", False),
    ("bounce", result("bounce", 0.99, bounced_recipient="alex@example.com", referrals=LEFT), "bounced", None, None,
     "contact bounced; 1 unsent draft(s) rejected", False),
    ("unsubscribe", result("unsubscribe", 0.85), "do_not_contact", None, None,
     "contact do_not_contact; 1 unsent draft(s) rejected", False),
    ("question", result("question", 0.8), "replied", None, None, "waiting for you", True),
    ("low confidence", result("accepted", 0.55), "replied", None, None, "low confidence (0.55); please check", True),
]


@pytest.mark.parametrize(("name", "given", "status", "paused", "interview", "actions", "attention"), ACTION_CASES,
                         ids=[c[0] for c in ACTION_CASES])
def test_actions(settings: Settings, name: str, given: Classification, status: str, paused: str | None,
                 interview: str | None, actions: str, attention: bool) -> None:
    """Each intent does what the issue says, in the transaction that stores the reply."""
    draft = sent_draft("alex@example.com", "Alex Chen", NOW - timedelta(days=1), settings, company="Example Corp",
                       timezone="America/New_York")
    pending = pending_draft(draft)
    outcome = record(settings, draft, given)
    assert outcome is not None
    contact = Contact.get_by_id(draft.contact.id)
    interviews = [i.status for i in Interview.select()]
    seen = (contact.status, contact.paused_until.strftime("%Y-%m-%d %H:%M") if contact.paused_until else None,
            interviews[0] if interviews else None, "; ".join(outcome.actions), outcome.reply.needs_attention)
    assert seen == (status, paused, interview, actions, attention)
    rejected = Draft.get_by_id(pending.id).status == DraftStatus.REJECTED
    assert rejected == (name in ("bounce", "unsubscribe"))
    assert Contact.get_or_none(Contact.email == "jo.park@example.com") is None


def test_referrals_are_recorded_once_with_the_contact_as_referrer(settings: Settings) -> None:
    """People named in an acceptance become introductions referred by the contact, once; a bad address is skipped."""
    draft = sent_draft("alex@example.com", "Alex Chen", NOW - timedelta(days=1), settings, company="Example Corp")
    people = [{"name": "Jane Roe", "email": "Jane.Roe@example.com"}, {"name": None, "email": "bad@"},
              {"name": "Jane R.", "email": "jane.roe@example.com"}]
    outcome = record(settings, draft, result("accepted", meeting=MEETING, referrals=people))
    assert outcome is not None
    assert outcome.actions == ["interview 1 (scheduled)", "new introduction jane.roe@example.com"]
    assert [(c.email, c.name, c.referred_by, c.referred_by_email, c.company, c.source, c.status)
            for c in Contact.select().order_by(Contact.id)] == [
        ("alex@example.com", "Alex Chen", None, None, "Example Corp", "introductions", "meeting"),
        ("jane.roe@example.com", "Jane Roe", "Alex Chen", "alex@example.com", "Example Corp", "reply", "new")]


def handle(raw: bytes, match: Match, where: replies.Location, settings: Settings) -> replies.Outcome | None:
    """What the watcher does with one matched message: prepare (classify), then record (store and act)."""
    incoming = replies.prepare(raw, match, where, settings, None)
    return None if incoming is None else replies.record(incoming, settings, NOW)


def test_stored_result_is_the_contract_json_and_the_text_their_words(settings: Settings) -> None:
    """The replies table keeps the classifier's to_json() and its body; `replies list --json` shows that JSON."""
    draft = sent_draft("alex@example.com", "Alex Chen", NOW - timedelta(days=1), settings)
    raw = reply_to(draft, settings.me.email, ACCEPT + "\n--\nAlex Chen\n\n> Would you be open to a call?\n",
                   message_id="<yes@example.com>", date=NOW)
    match = Match(draft.contact.id, draft.id, "thread")
    outcome = handle(raw, match, replies.Location("INBOX", 1, 7), settings)
    assert outcome is not None
    reply = Reply.get_by_id(outcome.reply.id)
    assert (reply.text, reply.result, listing.reply_json(reply)["result"]) == (
        "Hi Sam,\n\nSure, happy to chat. Thursday at 2pm ET works for me.\n\nBest,\nAlex",
        {"intent": "accepted", "confidence": 0.9, "proposed_times": [], "referrals": [], "resume_after": None,
         "bounced_recipient": None, "meeting": {"start": "2026-10-08T14:00:00-04:00", "end": None, "url": None,
                                                "location": None, "booking_url": None}},
        reply.result)


def invitation(draft: Draft, me: str, event: str) -> bytes:
    """The contact's own calendar invitation (METHOD:REQUEST), threaded on `draft`."""
    msg = EmailMessage()
    msg["From"], msg["To"] = f"{draft.contact.name} <{draft.contact.email}>", me
    msg["Subject"], msg["Date"] = "Invitation: Coffee chat", "Tue, 06 Oct 2026 11:00:00 -0400"
    msg["Message-ID"], msg["In-Reply-To"] = "<invite-1@example.com>", draft.message_id
    msg.set_content("Alex Chen has invited you to an event: Coffee chat, Thursday 8 October 14:00.")
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Cal//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
           f"UID:chat-1@example.com\r\nDTSTAMP:20261006T150000Z\r\n{event}SUMMARY:Coffee chat\r\n"
           f"ORGANIZER:mailto:{draft.contact.email}\r\nATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:{me}\r\n"
           "END:VEVENT\r\nEND:VCALENDAR\r\n")
    msg.add_alternative(ics, subtype="calendar", params={"method": "REQUEST"})
    return bytes(msg)


@pytest.mark.parametrize("event", ["DTSTART:20261008T180000Z\r\nDTEND:20261008T183000Z\r\n",
                                   "DTSTART:20261008T180000Z\r\nDURATION:PT30M\r\n"], ids=["dtend", "duration"])
def test_their_invitation_is_recorded_not_confirmed(settings: Settings, event: str) -> None:
    """The contact's own invitation schedules the interview and queues no confirmation of it, also when it gives a
    DURATION and no end (the classifier says it came from an invitation; meeting.end alone could not)."""
    draft = sent_draft("alex@example.com", "Alex Chen", NOW - timedelta(days=1), settings)
    raw = invitation(draft, settings.me.email, event)
    match = Match(draft.contact.id, draft.id, "thread")
    outcome = handle(raw, match, replies.Location("INBOX", 1, 7), settings)
    assert outcome is not None
    interview = Interview.get()
    assert (outcome.actions, interview.start, [d.kind for d in Draft.select().order_by(Draft.id)]) == (
        ["interview 1 (scheduled)"], datetime(2026, 10, 8, 18, 0, tzinfo=UTC), ["outreach"])


def test_same_reply_twice_acts_once(settings: Settings) -> None:
    """Seeing one Message-ID again stores nothing and acts on nothing."""
    draft = sent_draft("alex@example.com", "Alex Chen", NOW - timedelta(days=1), settings)
    raw = reply_to(draft, settings.me.email, ACCEPT, message_id="<same@example.com>")
    match = Match(draft.contact.id, draft.id, "thread")
    first = handle(raw, match, replies.Location("INBOX", 5, 1), settings)
    second = handle(raw, match, replies.Location("INBOX", 9, 2), settings)
    assert (first is not None, second, Reply.select().count(), Interview.select().count()) == (True, None, 1, 1)


def test_bounce_report_outweighs_the_text(settings: Settings) -> None:
    """A message matched through its delivery report is a bounce even when its text reads otherwise."""
    draft = sent_draft("alex@example.com", "Alex Chen", NOW - timedelta(days=1), settings)
    outcome = record(settings, draft, result("unknown", 0.3), how="bounce")
    assert outcome is not None
    reply = outcome.reply
    assert (reply.intent, reply.classified_intent, reply.needs_attention, Contact.get_by_id(draft.contact.id).status) \
        == ("bounce", "unknown", False, "bounced")


def test_resolve_runs_the_corrected_action(settings: Settings) -> None:
    """Correcting a question to accepted clears the flag and creates the interview."""
    draft = sent_draft("alex@example.com", "Alex Chen", NOW - timedelta(days=1), settings)
    first = record(settings, draft, result("question", 0.8))
    assert first is not None
    outcome = replies.resolve(first.reply.id, "accepted", NOW + timedelta(hours=1), settings)
    reply = Reply.get_by_id(first.reply.id)
    assert outcome.line() == "reply 1 from alex@example.com: accepted: interview 1 (proposed)"
    assert (reply.intent, reply.classified_intent, reply.needs_attention, reply.resolved_at,
            Contact.get_by_id(draft.contact.id).status) == (
        "accepted", "question", False, NOW + timedelta(hours=1), "meeting")


def test_auto_reply_is_not_a_reply(settings: Settings) -> None:
    """An out-of-office never counts as the contact having answered."""
    draft = sent_draft("alex@example.com", "Alex Chen", NOW - timedelta(days=1), settings)
    record(settings, draft, result("auto_reply", 0.97))
    contact = Contact.get_by_id(draft.contact.id)
    assert (listing.has_replied(contact), contact.status) == (False, "contacted")
    record(settings, draft, result("declined"), key="<r2@example.com>")
    assert listing.has_replied(contact) is True


def outreach(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CONFIG_HOME": "/nonexistent", "TZ": "UTC"}
    return subprocess.run([sys.executable, "-m", "outreach", "-c", str(config), *args], capture_output=True,
                          text=True, env=env, timeout=60)


def test_replies_commands(tmp_path: Path, settings: Settings) -> None:
    """`replies`, `--attention`, `--json` and `resolve` as the user sees them."""
    alex = sent_draft("alex@example.com", "Alex Chen", NOW - timedelta(days=1), settings)
    priya = sent_draft("priya@example.org", "Priya Natarajan", NOW - timedelta(days=1), settings)
    record(settings, alex, result("declined", 0.85), key="<a@example.com>")
    record(settings, priya, result("question", 0.8), key="<p@example.com>")
    config = tmp_path / "outreach.yaml"
    listed = outreach(config, "replies")
    assert listed.stdout.splitlines() == [
        "    1   2026-10-06 11:00  alex@example.com                 declined 0.85          Re: Introduction via "
        "Maria Lopez: Alex Chen",
        "    2 ! 2026-10-06 11:00  priya@example.org                question 0.80          Re: Introduction via "
        "Maria Lopez: Priya Natarajan",
        "1 waiting for you: answer them, then `outreach replies resolve ID --as INTENT`",
    ], listed.stderr
    rows = json.loads(outreach(config, "replies", "--attention", "--json").stdout)
    assert [{k: r[k] for k in ("id", "contact_email", "intent", "received_at", "needs_attention")} for r in rows] \
        == [{"id": 2, "contact_email": "priya@example.org", "intent": "question",
             "received_at": "2026-10-06T15:00:00+00:00", "needs_attention": True}]
    resolved = outreach(config, "replies", "resolve", "2", "--as", "later")
    assert resolved.stdout == "reply 2 from priya@example.org: later: follow-ups paused until 2026-11-05\n"
    assert outreach(config, "replies", "--attention").stdout == "no replies waiting for you\n"
    missing = outreach(config, "replies", "resolve", "99", "--as", "declined")
    assert (missing.returncode, missing.stderr) == (1, "error: no reply 99; see `outreach replies`\n")


# ------------------------------------------------------------------ end to end, through the real servers

CORPUS = Path(__file__).parent / "data" / "replies"


def submit(rig: MailRig, user: str, msg: EmailMessage) -> None:
    """Send through Postfix's implicit-TLS submission port, logged in as `user`."""
    with smtplib.SMTP_SSL("127.0.0.1", rig.smtps_port, context=rig.ssl_context(), timeout=30) as smtp:
        smtp.login(user, rig.users[user])
        smtp.send_message(msg)


def test_replies_through_postfix_are_matched_and_acted_on(tmp_path: Path, postfix: MailRig, mail_user: str) -> None:
    """Replies sent through the real SMTP server land in the inbox and are matched, classified and acted on."""
    settings = watch_settings(tmp_path, postfix, mail_user)
    alex = sent_draft("alex@example.com", "Alex Chen", datetime.now(UTC) - timedelta(hours=1), settings)
    priya = sent_draft("priya@example.org", "Priya Natarajan", datetime.now(UTC) - timedelta(hours=1), settings)
    for count, (draft, text) in enumerate(((alex, ACCEPT), (priya, DECLINE)), start=1):
        submit(postfix, "contact1@example.test", email.message_from_bytes(reply_to(draft, mail_user, text),
                                                                          policy=email.policy.SMTP))
        postfix.wait_for(mail_user, count)  # one at a time: Postfix's queue does not keep order
    lines = watch_once(settings, datetime.now(UTC))
    assert [lines[0], lines[1].split(" (")[0], lines[2]] == [
        "INBOX: 2 new messages, 2 replies (first scan)",
        "reply 1 from alex@example.com: accepted: interview 1",
        "reply 2 from priya@example.org: declined: contact closed (declined)"]


def test_postfix_bounce_for_unknown_recipient(tmp_path: Path, postfix: MailRig, mail_user: str) -> None:
    """The DSN Postfix writes for ghost@example.test is recognised: contact bounced, unsent drafts rejected."""
    settings = watch_settings(tmp_path, postfix, mail_user)
    draft = sent_draft("ghost@example.test", "Casper Ghost", datetime.now(UTC) - timedelta(minutes=5), settings)
    follow_up = pending_draft(draft)
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = mail_user, "ghost@example.test", draft.subject
    msg["Message-ID"] = draft.message_id
    msg.set_content("Hello Casper")
    submit(postfix, mail_user, msg)
    postfix.wait_for(mail_user, lambda raw: b"delivery-status" in raw)
    lines = watch_once(settings, datetime.now(UTC))
    reply = Reply.get()
    assert lines == ["INBOX: 1 new message, 1 reply (first scan)",
                     "reply 1 from mailer-daemon@example.test about ghost@example.test: bounce: contact bounced; "
                     "1 unsent draft(s) rejected"]
    assert (reply.result["bounced_recipient"], Draft.get_by_id(follow_up.id).status) == (
        "ghost@example.test", "rejected")


def readdress(raw: bytes, our_id: str, to: str) -> bytes:
    """Point a corpus message at our test: In-Reply-To/References name our draft, To names our mailbox, and a
    message a bounce returns is ours (a bounce acts only with that proof)."""
    newline = b"\r\n" if b"\r\n" in raw[:2000] else b"\n"
    head, sep, body = raw.partition(newline + newline)
    kept = [line for line in re.split(rb"\r?\n(?![ \t])", head)
            if not re.match(rb"(?i)(in-reply-to|references|to):", line)]
    if re.search(rb"(?im)^in-reply-to:", head):
        kept += [b"In-Reply-To: " + our_id.encode(), b"References: " + our_id.encode()]
    kept.append(b"To: " + to.encode())
    body = re.sub(rb"(?im)^(message-id:[ \t]*)<[^>\r\n]*>", rb"\g<1>" + our_id.encode(), body)
    return newline.join(kept) + sep + body


def corpus_contact(name: str, raw: bytes, labels: dict[str, Any]) -> str:
    if labels[name]["intent"] == "bounce":
        return str(labels[name]["bounced_recipient"])
    return address_of(email.message_from_bytes(raw, policy=email.policy.compat32).get("From", ""))


def expected_status(intent: str, attention: bool) -> str:
    if attention:
        return "replied" if meaning(intent).answer else "contacted"
    return {"accepted": "meeting", "declined": "declined", "referral": "replied", "later": "later",
            "auto_reply": "contacted", "bounce": "bounced", "unsubscribe": "do_not_contact"}[intent]


def test_reply_corpus_end_to_end(tmp_path: Path, mailrig: MailRig, mail_user: str,
                                 imap: Callable[..., IMAPClient]) -> None:
    """Every corpus message, readdressed and appended to the inbox, is matched once and acted on as classified."""
    settings = watch_settings(tmp_path, mailrig, mail_user)
    labels = json.loads((CORPUS / "labels.json").read_text())
    client = imap(mail_user)
    expected = []
    sent_at = datetime.now(UTC) - timedelta(hours=3)
    for path in sorted(CORPUS.glob("*.eml")):
        raw = path.read_bytes()
        contact = corpus_contact(path.name, raw, labels)
        draft = sent_draft(contact, path.stem.replace("-", " ").title(), sent_at, settings)
        readdressed = readdress(raw, draft.message_id, mail_user)
        client.append("INBOX", readdressed)
        verdict = classify_message(readdressed, user_tz=settings.me.timezone, known_addresses=[mail_user])
        intent = verdict.intent
        attention = intent in ("question", "unknown") or verdict.confidence < replies.ATTENTION_BELOW
        expected.append((contact, intent, attention, expected_status(intent, attention),
                         intent == "accepted" and not attention))
    lines = watch_once(settings, datetime.now(UTC))
    seen = []
    for contact, *_ in expected:
        reply = Reply.get(Reply.contact == Contact.get(Contact.email == contact).id)
        seen.append((contact, reply.intent, reply.needs_attention, reply.contact.status,
                     Interview.select().where(Interview.reply == reply.id).exists()))
    assert lines[0] == f"INBOX: {len(expected)} new messages, {len(expected)} replies (first scan)"
    assert seen == expected
    assert [b"\\Seen" in f for f in flags(client)] == [False] * len(expected)
    agree = sum(labels[p.name]["intent"] == s[1] for p, s in zip(sorted(CORPUS.glob("*.eml")), seen, strict=True))
    print(f"stored intents agreeing with the corpus labels: {agree}/{len(seen)}")


# ------------------------------------------------------------------ a delivery failure is never the contact's words

QUOTED = ("Hi Sam,\n\nLet's do Tuesday at 2pm ET. I'm not the right person for the data side, but please reach out "
          "to Eve Adams <eve@example.org>; she would be glad to talk.\n")


def bounce_quoting(draft: Draft, me: str, quoted: str) -> bytes:
    """A Gmail-style plain-text delivery failure, threaded on `draft`, returning it inline with `quoted` in it."""
    msg = EmailMessage()
    msg["From"] = "Mail Delivery Subsystem <mailer-daemon@googlemail.example>"
    msg["To"], msg["Subject"] = me, "Delivery Status Notification (Failure)"
    msg["In-Reply-To"] = msg["References"] = draft.message_id
    msg["Date"], msg["Message-ID"] = "Tue, 06 Oct 2026 10:00:00 -0400", "<ndr-1@mx.googlemail.example>"
    msg["X-Failed-Recipients"] = draft.to_addr
    quote = "".join(f"> {line}".rstrip() + "\n" for line in quoted.splitlines())
    msg.set_content(
        f"** Address not found **\n\nYour message wasn't delivered to {draft.to_addr} because the address couldn't "
        "be found, or is unable to receive mail.\n\nThe response from the remote server was:\n550 5.1.1 The email "
        f"account that you tried to reach does not exist.\n\n----- Original message -----\n\nFrom: {me}\n"
        f"To: {draft.to_addr}\nSubject: {draft.subject}\nMessage-ID: {draft.message_id}\n\n{quote}")
    return bytes(msg)


def test_a_delivery_failure_is_a_bounce_whatever_the_classifier_read(settings: Settings) -> None:
    """A delivery failure matched through its thread, misread as an acceptance with a referral, is a bounce: no
    interview, no introduction."""
    draft = sent_draft("alex@example.com", "Alex Chen", NOW - timedelta(days=1), settings)
    misread = result("accepted", meeting=MEETING, referrals=[{"name": "Eve Adams", "email": "eve@example.org"}])
    raw = bounce_quoting(draft, settings.me.email, QUOTED)
    incoming = replies.incoming(raw, "<ndr-1@mx.googlemail.example>", Match(draft.contact.id, draft.id, "thread"),
                                replies.Location("INBOX", 1, 7), misread)
    outcome = replies.record(incoming, settings, NOW)
    assert outcome is not None
    assert (outcome.line(), outcome.reply.classified_intent, Interview.select().count(),
            [c.email for c in Contact.select()]) == (
        "reply 1 from mailer-daemon@googlemail.example about alex@example.com: bounce: contact bounced", "accepted", 0,
        ["alex@example.com"])


@pytest.mark.parametrize("how", ["watcher", "run --once"])
def test_a_bounce_quoting_an_acceptance_bounces_the_contact_end_to_end(
        tmp_path: Path, mailrig: MailRig, mail_user: str, imap: Callable[..., IMAPClient], how: str) -> None:
    """In the inbox on the real server, a bounce whose returned original quotes a time and a person bounces the
    contact: no interview, no introduction, no follow-up ever."""
    settings = watch_settings(tmp_path, mailrig, mail_user)
    draft = sent_draft("casey@example.test", "Casey Doe", datetime.now(UTC) - timedelta(hours=1), settings)
    imap(mail_user).append("INBOX", bounce_quoting(draft, mail_user, QUOTED))
    line = "reply 1 from mailer-daemon@googlemail.example about casey@example.test: bounce: contact bounced"
    if how == "watcher":
        assert watch_once(settings, datetime.now(UTC))[1:] == [line]
    else:
        run = outreach(tmp_path / "outreach.yaml", "run", "--once")
        assert run.stdout.splitlines()[-1] == f"watch: {line}", run.stderr
    assert (Contact.get(Contact.email == "casey@example.test").status, Interview.select().count(),
            Contact.select().count(), create_due_drafts(settings, datetime.now(UTC) + timedelta(days=60), "daemon"),
            Reply.get().result["bounced_recipient"]) == ("bounced", 0, 1, [], "casey@example.test")


def provider_notice(draft: Draft, me: str) -> bytes:
    """A provider's own notice in its own language from a no-reply mailbox: no DSN, no thread headers, the
    message it returns attached as message/rfc822."""
    returned = EmailMessage()
    returned["From"], returned["To"], returned["Subject"] = me, draft.to_addr, draft.subject
    returned["Message-ID"] = draft.message_id
    returned.set_content("Hi Dana,\n\nWould you have 20 minutes next week?\n")
    msg = EmailMessage()
    msg["From"], msg["To"] = "no-reply@notice.mx.example", me
    msg["Subject"], msg["Date"] = "Benachrichtigung über einen Zustellfehler", "Tue, 06 Oct 2026 10:00:00 +0200"
    msg["Message-ID"] = "<notice-1@notice.mx.example>"
    msg.set_content(f"Ihre Nachricht konnte nicht zugestellt werden.\n\nCould not be delivered to: <{draft.to_addr}>"
                    "\n(mailbox full)\n")
    msg.add_attachment(returned)
    return bytes(msg)


def test_a_no_reply_providers_notice_returning_our_message_bounces_the_contact(
        tmp_path: Path, mailrig: MailRig, mail_user: str, imap: Callable[..., IMAPClient]) -> None:
    """In the inbox on the real server, a no-reply mailbox's notice in its own words, outside any thread, that
    returns our message to the contact bounces that contact."""
    settings = watch_settings(tmp_path, mailrig, mail_user)
    draft = sent_draft("dana@example.test", "Dana Weiss", datetime.now(UTC) - timedelta(hours=1), settings)
    imap(mail_user).append("INBOX", provider_notice(draft, mail_user))
    assert watch_once(settings, datetime.now(UTC))[1:] == [
        "reply 1 from no-reply@notice.mx.example about dana@example.test: bounce: contact bounced"]
    assert (Contact.get(Contact.email == "dana@example.test").status, Interview.select().count(),
            Reply.get().result["bounced_recipient"]) == ("bounced", 0, "dana@example.test")


# ------------------------------------------------------------------ understood in other languages, acted on end to end

SPANISH_DAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
SPANISH_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                  "noviembre", "diciembre")


def test_a_spanish_acceptance_with_a_time_becomes_an_interview_at_that_instant(
        tmp_path: Path, mailrig: MailRig, mail_user: str, imap: Callable[..., IMAPClient]) -> None:
    """A reply in Spanish under a Spanish quote attribution, with a day, a 24-hour time and "hora de Madrid", read
    from the real inbox: the contact has a meeting and the interview starts at that instant (Madrid's offset on
    that day), with the call link."""
    settings = watch_settings(tmp_path, mailrig, mail_user)
    sent = datetime.now(UTC) - timedelta(hours=2)
    draft = sent_draft("lucia@example.es", "Lucía Romero", sent, settings)
    day = (datetime.now(ZoneInfo("Europe/Madrid")) + timedelta(days=9)).date()
    said = f"el {SPANISH_DAYS[day.weekday()]} {day.day} de {SPANISH_MONTHS[day.month - 1]} a las 16:30"
    body = (f"¡Hola Sam!\n\nCon mucho gusto. Te propongo {said} (hora de Madrid) por videollamada: "
            "https://meet.example.org/abc-defg-hij\n\nUn saludo,\nLucía\n\n"
            f"El {sent:%d/%m/%Y}, Sam Rivera <{mail_user}> escribió:\n> ¿Tendría 20 minutos para una charla?\n")
    imap(mail_user).append("INBOX", reply_to(draft, mail_user, body))
    lines = watch_once(settings, datetime.now(UTC))
    interview = Interview.get()
    start = datetime.combine(day, time(16, 30), tzinfo=ZoneInfo("Europe/Madrid"))
    assert (lines[1:], Contact.get().status, interview.start, interview.url) == (
        ["reply 1 from lucia@example.es: accepted: interview 1 (scheduled)"],
        "meeting", start.astimezone(UTC), "https://meet.example.org/abc-defg-hij")


def test_a_decline_in_words_no_rule_knows_waits_for_you_as_a_decline(
        tmp_path: Path, mailrig: MailRig, mail_user: str, imap: Callable[..., IMAPClient]) -> None:
    """A no in words the rules do not know, read from the real inbox: the second opinion shows it as a decline at
    0.5, so nothing is closed and the reply waits for the user."""
    settings = watch_settings(tmp_path, mailrig, mail_user)
    draft = sent_draft("robin@example.org", "Robin Hale", datetime.now(UTC) - timedelta(hours=2), settings)
    body = ("Hi Sam,\n\nThanks so much for thinking of me. Honestly my plate is completely full through the spring "
            "with the product launch, and I don't think I'd give you the attention you deserve. Wishing you the very "
            f"best.\n\nRobin\n\nOn Mon, Sam Rivera <{mail_user}> wrote:\n> Would you have 20 minutes for a chat?\n")
    imap(mail_user).append("INBOX", reply_to(draft, mail_user, body))
    lines = watch_once(settings, datetime.now(UTC))
    reply = Reply.get()
    assert (lines[1:], Contact.get().status, reply.intent, reply.result["confidence"], reply.needs_attention) == (
        ["reply 1 from robin@example.org: declined [needs attention]: low confidence (0.50); please check"], "replied",
        "declined", 0.5, True)
