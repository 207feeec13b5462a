"""The demo's simulated contacts: three replies written and sent the way real people's mail arrives."""

from __future__ import annotations

import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from zoneinfo import ZoneInfo

from outreach.testing.mailrig import DOMAIN, MailRig

EASTERN = ZoneInfo("America/New_York")


def send_replies(rig: MailRig, outreach_ids: dict[str, str], now: datetime | None = None) -> datetime:
    """Alex accepts a call starting at the next full minute at least 5 s away, Priya refers Jane,
    Omar's auto-responder answers. Returns Alex's start time (Eastern)."""
    now = (now or datetime.now(EASTERN)).astimezone(EASTERN)
    start = (now + timedelta(seconds=65)).replace(second=0, microsecond=0)
    back = (now + timedelta(days=7)).date()
    me = f"Sam Rivera <me@{DOMAIN}>"
    alex = reply(f"Alex Chen <alex@{DOMAIN}>", me, outreach_ids[f"alex@{DOMAIN}"], now,
                 f"Hi Sam,\n\nHappy to help! Let's talk today at {start:%-I:%M %p} ET. I'll be on "
                 "https://meet.example.com/abc-defg-hij\n\nBest,\nAlex\n")
    priya = reply(f"Priya Natarajan <priya@{DOMAIN}>", me, outreach_ids[f"priya@{DOMAIN}"], now,
                  "Hi Sam,\n\nThanks for reaching out. I'm not the best person for this, but my colleague "
                  f"Jane Doe (jane@{DOMAIN}) leads our analytics team and would be great to talk to. "
                  "I've cc'd her here.\n\nGood luck!\nPriya\n", cc=f"Jane Doe <jane@{DOMAIN}>")
    omar = reply(f"Omar Haddad <omar@{DOMAIN}>", me, outreach_ids[f"omar@{DOMAIN}"], now,
                 f"I am out of the office until {back:%A, %B} {back.day} with limited access to email. "
                 "I will respond when I return.\n", auto=True)
    for user, message in (("alex", alex), ("priya", priya), ("omar", omar)):
        _submit(rig, user, message)
    return start


def send_acceptance(rig: MailRig, outreach_id: str, slot: str, now: datetime | None = None) -> None:
    """Jane answers her outreach by taking one of the times it offered (`slot`, as written there)."""
    now = (now or datetime.now(EASTERN)).astimezone(EASTERN)
    message = reply(f"Jane Doe <jane@{DOMAIN}>", f"Sam Rivera <me@{DOMAIN}>", outreach_id, now,
                    f"Hi Sam,\n\nHappy to talk. {slot} works for me.\n\nJane\n")
    _submit(rig, "jane", message)


def _submit(rig: MailRig, user: str, message: EmailMessage) -> None:
    """Send `message` as `user` through the rig's SMTP server, as their mail client would."""
    with smtplib.SMTP_SSL("127.0.0.1", rig.smtps_port, context=rig.ssl_context(), timeout=30) as smtp:
        smtp.login(f"{user}@{DOMAIN}", rig.users[f"{user}@{DOMAIN}"])
        smtp.send_message(message)


def reply(sender: str, to: str, in_reply_to: str, now: datetime, body: str, cc: str | None = None,
          auto: bool = False) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    if cc:
        message["Cc"] = cc
    message["Subject"] = ("Automatic reply: " if auto else "Re: ") + "Informational interview"
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=DOMAIN)
    message["In-Reply-To"] = in_reply_to
    message["References"] = in_reply_to
    if auto:
        message["Auto-Submitted"] = "auto-replied"
    message.set_content(body)
    return message
