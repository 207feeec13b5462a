"""The pre-send calendar check (sender._calendar_check) against real servers: Radicale and the mail rig."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from outreach.calendar.slot_holds import for_draft
from outreach.config.settings import Settings
from outreach.interviews.answers import record_from_reply
from outreach.outgoing import drafts
from outreach.outgoing.compose import compose_outreach_drafts
from outreach.outgoing.drafts import get_draft
from outreach.outgoing.sync import import_file
from outreach.replies.act import stored_result
from outreach.sending.sender import run_once
from outreach.store.models import DraftStatus as S
from outreach.testing import MailRig
from outreach.testing.radicale_rig import RadicaleRig, calendar_config
from outreach.testing.sendqueue import copies_by_message_id, open_settings, sending_config
from tests.calendar_kit import AVAILABILITY, NOW
from tests.interview_fixtures import accepted, reply, sent


def setup(tmp_path: Path, rig: MailRig, radicale: RadicaleRig, dav_user: str, sender: str, contact: str,
          approval: dict[str, str] | None = None) -> Settings:
    """Sending from a mailbox of its own (the shared me@ keeps its folders as other tests expect) through the
    fault server (open window), the calendar on Radicale, one contact in Paris."""
    path = sending_config(tmp_path, rig, smtp="fault", sending={"max_per_day": 1000}, user=sender)
    data = yaml.safe_load(path.read_text())
    data["calendar"] = calendar_config(radicale, dav_user, tmp_path, **AVAILABILITY)
    data["approval"] = approval or {}
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    (tmp_path / "introductions.yaml").write_text(
        f"introductions:\n  - name: Camille Martin\n    email: {contact}\n    referred_by: Maria Lopez\n"
        "    timezone: Europe/Paris\n")
    settings = open_settings(path)
    import_file(settings, NOW)
    return settings


def slot_lines(body: str) -> list[str]:
    return [line for line in body.splitlines() if line.startswith("- ")]


def test_an_offered_time_taken_since_approval_is_re_rendered_and_waits(tmp_path: Path, mailrig: MailRig,
                                                                        radicale: RadicaleRig, dav_user: str,
                                                                        mail_users: Callable[[int], list[str]]) -> None:
    """Busy since approval: not sent; fresh times, back to pending; approved again, it goes out once with them."""
    sender, mail_user = mail_users(2)
    settings = setup(tmp_path, mailrig, radicale, dav_user, sender, mail_user)
    (draft,) = compose_outreach_drafts(settings, NOW, "cli").created
    assert slot_lines(draft.body) == ["- Friday, March 6 at 3:00 PM CET", "- Monday, March 9 at 2:00 PM CET",
                                      "- Tuesday, March 10 at 2:00 PM CET"]
    drafts.approve(draft.id, NOW)
    radicale.add_event(dav_user, "Work", "Dentist", datetime(2026, 3, 9, 13, 0, tzinfo=UTC),
                       datetime(2026, 3, 9, 14, 0, tzinfo=UTC))
    at = NOW + timedelta(minutes=5)
    assert [o.line(settings.me.zone) for o in run_once(settings, at)] == [
        f"draft {draft.id} pending: the offered time Monday, March 9, 2026 at 9:00 AM EDT is no longer free "
        f"(Dentist): re-rendered with fresh times; read it again and approve it (`outreach drafts show {draft.id}`)"]
    again = get_draft(draft.id)
    assert (again.status, again.reason) == (S.PENDING, "the offered time Monday, March 9, 2026 at 9:00 AM EDT is "
                                                       "no longer free (Dentist): re-rendered with fresh times")
    # Monday after the dentist and its buffer: 10:30 in New York
    assert slot_lines(again.body) == ["- Friday, March 6 at 3:00 PM CET", "- Monday, March 9 at 3:30 PM CET",
                                      "- Tuesday, March 10 at 2:00 PM CET"]
    assert [h.start.isoformat() for h in for_draft(draft.id)] == [
        "2026-03-06T14:00:00+00:00", "2026-03-09T14:30:00+00:00", "2026-03-10T13:00:00+00:00"]
    assert copies_by_message_id(mailrig, mail_user) == {}
    drafts.approve(draft.id, at)
    (outcome,) = run_once(settings, at)
    assert (outcome.result, get_draft(draft.id).status) == ("sent", S.SENT)
    (delivered,) = mailrig.wait_for(mail_user, 1)
    assert b"- Monday, March 9 at 3:30 PM CET" in delivered
    assert copies_by_message_id(mailrig, mail_user) == {draft.message_id: 1}
    # held from the moment it went out
    assert {h.expires_at for h in for_draft(draft.id)} == {at + timedelta(hours=72)}


def test_an_auto_approved_confirmation_over_busy_time_is_not_sent(tmp_path: Path, mailrig: MailRig,
                                                                   radicale: RadicaleRig, dav_user: str,
                                                                   mail_users: Callable[[int], list[str]]) -> None:
    """approval.confirmation: auto, their time collides with 'Team sync': held for the user, nothing sent."""
    sender, mail_user = mail_users(2)
    settings = setup(tmp_path, mailrig, radicale, dav_user, sender, mail_user, approval={"confirmation": "auto"})
    radicale.add_event(dav_user, "Work", "Team sync", datetime(2026, 3, 10, 14, 0, tzinfo=UTC),
                       datetime(2026, 3, 10, 15, 0, tzinfo=UTC))
    from tests.interview_fixtures import contact as contact_named

    camille = contact_named(mail_user)
    outreach = sent(camille, settings, NOW)
    answer = reply(camille, outreach, "accepted", NOW, result=accepted(start="2026-03-10T15:00:00+01:00"))
    interview = record_from_reply(camille, answer, stored_result(answer), settings, NOW)
    confirmation = get_draft(interview.confirmation_draft_id)
    assert confirmation.status == S.APPROVED
    reason = "Camille Martin proposed Tuesday, March 10, 2026 at 10:00 AM EDT, but you have 'Team sync' then"
    assert [o.line(settings.me.zone) for o in run_once(settings, NOW)] == [
        f"draft {confirmation.id} pending: calendar: interview {interview.id}: {reason}; not confirmed: approve "
        f"draft {confirmation.id} to confirm it anyway, or `outreach interviews set {interview.id} --at WHEN` "
        "for another time"]
    assert (get_draft(confirmation.id).status, get_draft(confirmation.id).reason) == (S.PENDING, reason)
    assert radicale.events(dav_user, "Interviews") == []
    assert copies_by_message_id(mailrig, mail_user) == {}
