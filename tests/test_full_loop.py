"""The whole loop on the local servers: introduction -> approved draft -> sent -> reply with a time ->
interview -> confirmation -> thank-you draft, through the same jobs the daemon runs."""

from __future__ import annotations

import smtplib
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from outreach.daemon import jobs
from outreach.outgoing import drafts
from outreach.store.models import Contact, Draft, Interview
from outreach.testing import MailRig
from outreach.testing.sendqueue import open_settings, sending_config

EASTERN = ZoneInfo("America/New_York")


def test_introduction_to_thank_you(postfix: MailRig, tmp_path: Path, mail_user: str) -> None:
    """One contact goes all the way round; each stage is asserted, and the loop's wall time printed."""
    started = time.monotonic()
    config = sending_config(tmp_path, postfix)
    data = yaml.safe_load(config.read_text())
    data["approval"] = {"confirmation": "auto"}
    config.write_text(yaml.safe_dump(data))
    (tmp_path / "introductions.yaml").write_text(
        f"introductions:\n  - name: Alex Chen\n    email: {mail_user}\n    company: Example Corp\n"
        "    referred_by: Maria Lopez\n    topics: [ML in production]\n")
    settings = open_settings(config)
    now = datetime.now(UTC)

    assert jobs.sync_job(settings, now, always=True)[-1].startswith(
        f"composed draft 1 (pending) for Alex Chen <{mail_user}>: ")
    drafts.approve(1, now)
    assert jobs.send_job(settings, now)[0].startswith(f"draft 1 sent to {mail_user}: 250 2.0.0 Ok")
    [outreach] = postfix.wait_for(mail_user, 1)
    assert b"Maria Lopez suggested I reach out" in outreach
    sent_id = Draft.get_by_id(1).message_id

    reply_date = datetime.now(EASTERN)
    meeting = (reply_date + timedelta(days=1)).replace(hour=14, minute=0, second=0, microsecond=0)
    answer = EmailMessage()
    answer["From"], answer["To"] = f"Alex Chen <{mail_user}>", "Sam Rivera <me@example.test>"
    answer["Subject"], answer["Date"] = "Re: Maria Lopez suggested I reach out", format_datetime(reply_date)
    answer["Message-ID"], answer["In-Reply-To"], answer["References"] = make_msgid(domain="example.test"), \
        sent_id, sent_id
    answer.set_content("Hi Sam,\n\nHappy to chat. How about tomorrow at 2pm ET? Zoom: "
                       "https://zoom.example.com/j/5551234\n\nAlex\n")
    with smtplib.SMTP_SSL("127.0.0.1", postfix.smtps_port, context=postfix.ssl_context(), timeout=30) as smtp:
        smtp.login(mail_user, "secret")
        smtp.send_message(answer)
    postfix.wait_for("me@example.test", lambda raw: sent_id.encode() in raw and b"Happy to chat" in raw)

    watched = jobs.watch_job(settings, datetime.now(UTC))
    assert any("accepted" in line and "interview 1 (scheduled)" in line for line in watched), watched
    interview = Interview.get_by_id(1)
    assert (interview.status, interview.start, interview.url) == (
        "scheduled", meeting.astimezone(UTC), "https://zoom.example.com/j/5551234")
    assert Contact.get(Contact.email == mail_user).status == "meeting"

    confirmation = jobs.send_job(settings, datetime.now(UTC))
    assert confirmation[0].startswith(f"draft 2 sent to {mail_user}")
    [_, invitation] = postfix.wait_for(mail_user, 2)
    assert b"text/calendar" in invitation and b"METHOD:REQUEST" in invitation

    before = (meeting + timedelta(days=1)).replace(hour=8, minute=59).astimezone(UTC)
    assert jobs.due_drafts_job(settings, before) == []
    at = (meeting + timedelta(days=1)).replace(hour=9, minute=0).astimezone(UTC)
    assert jobs.due_drafts_job(settings, at) == [f"thank-you draft 3 for {mail_user} (interview 1)"]
    assert jobs.due_drafts_job(settings, at + timedelta(days=2)) == []
    thank_you = Draft.get_by_id(3)
    assert (thank_you.kind, thank_you.status, thank_you.in_reply_to) == ("thank_you", "pending",
                                                                          Draft.get_by_id(2).message_id)
    print(f"full loop wall time: {time.monotonic() - started:.2f} s")
