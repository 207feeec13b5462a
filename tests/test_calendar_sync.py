"""Interviews into the user's CalDAV calendar (outreach/interviews/calendar_sync.py), against a real Radicale."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import icalendar

from outreach.config.settings import Settings
from outreach.crashpoints import ENV, EXIT_CODE
from outreach.interviews import records as interviews
from outreach.interviews.calendar_sync import sync_interviews
from outreach.outgoing import drafts
from outreach.store.models import CalendarEntry, Draft, Interview
from outreach.testing.radicale_rig import RadicaleRig
from tests.calendar_kit import calendar_settings
from tests.helpers import INTRODUCTIONS
from tests.interview_fixtures import NOW
from tests.test_interviews import LATER, accept  # Alex accepts at LATER (Monday 5 October 2026, 13:00 in New York)

ROOT = Path(__file__).resolve().parent.parent


def settings_for(tmp_path: Path, radicale: RadicaleRig, user: str) -> Settings:
    from outreach.intake.contacts import import_introductions, load_introductions

    settings = calendar_settings(tmp_path, radicale, user, introductions=INTRODUCTIONS)
    import_introductions(load_introductions(settings.paths.introductions), NOW)
    return settings


def stored(radicale: RadicaleRig, user: str) -> list[tuple[str, datetime, datetime, str]]:
    """(UID, start, end, attendee) of every event in the Interviews calendar."""
    return [(str(e["UID"]), e.decoded("DTSTART").astimezone(UTC), e.decoded("DTEND").astimezone(UTC),
             str(e["ATTENDEE"])) for e in radicale.events(user, "Interviews")]


def invitation_uid(interview: Interview) -> str:
    draft = Draft.get_by_id(interview.confirmation_draft_id)
    (event,) = icalendar.Calendar.from_ical(draft.attachments[0]["content"]).walk("VEVENT")
    return str(event["UID"])


def test_an_accepted_time_becomes_one_event_with_the_invitations_uid(tmp_path: Path, radicale: RadicaleRig,
                                                                      dav_user: str) -> None:
    """UID as in our invitation, start, attendee, the call link and the prep brief; a second run changes nothing."""
    settings = settings_for(tmp_path, radicale, dav_user)
    interview = accept(settings, start="2026-10-08T14:00:00-07:00", url="https://meet.example.com/abc")
    assert sync_interviews(settings, LATER) == [
        "calendar: interview 1 with Alex Chen added at Thursday, October 8, 2026 at 5:00 PM EDT"]
    uid = invitation_uid(interview)
    assert uid == "outreach-interview-1@example.test"
    assert stored(radicale, dav_user) == [(uid, datetime(2026, 10, 8, 21, 0, tzinfo=UTC),
                                           datetime(2026, 10, 8, 21, 30, tzinfo=UTC), "mailto:alex.chen@example.com")]
    (event,) = radicale.events(dav_user, "Interviews")
    assert (str(event["URL"]), event["ATTENDEE"].params["SCHEDULE-AGENT"]) == ("https://meet.example.com/abc",
                                                                               "CLIENT")
    assert str(event["DESCRIPTION"]) == (
        "Sam Rivera and Alex Chen: an informational conversation.\nJoin: https://meet.example.com/abc\n\n"
        "# Alex Chen, Staff Data Scientist at Example Corp\n"
        "- When: Thursday, October 8, 2026 at 5:00 PM EDT (30 minutes); 2:00 PM PDT for them\n"
        "- Where: https://meet.example.com/abc\n- Email: alex.chen@example.com\n"
        "- Introduced by: Maria Lopez (my thesis advisor)\n## The conversation so far\n"
        "### Sam Rivera, Monday, October 5\nHello.")
    assert sync_interviews(settings, LATER) == []


def test_interviews_set_moves_the_event_and_cancel_removes_it(tmp_path: Path, radicale: RadicaleRig,
                                                               dav_user: str) -> None:
    """A new time is the same event (same UID) at the new time; cancelling removes it."""
    settings = settings_for(tmp_path, radicale, dav_user)
    interview = accept(settings, start="2026-10-08T14:00:00-07:00")
    sync_interviews(settings, LATER)
    interviews.set_time(interview.id, settings, LATER, at="2026-10-09 11:00")
    assert sync_interviews(settings, LATER) == [
        "calendar: interview 1 with Alex Chen moved to Friday, October 9, 2026 at 11:00 AM EDT"]
    assert stored(radicale, dav_user) == [
        ("outreach-interview-1@example.test", datetime(2026, 10, 9, 15, 0, tzinfo=UTC),
         datetime(2026, 10, 9, 15, 30, tzinfo=UTC), "mailto:alex.chen@example.com")]
    interviews.cancel(interview.id, settings, LATER)
    assert sync_interviews(settings, LATER) == ["calendar: interview 1 with Alex Chen removed"]
    assert stored(radicale, dav_user) == []
    assert sync_interviews(settings, LATER) == []


def test_a_crash_after_the_event_is_written_leaves_one_event_after_restart(tmp_path: Path, radicale: RadicaleRig,
                                                                            dav_user: str) -> None:
    """Killed between "event written" and "entry committed", then run again: one event, at the right time."""
    settings = settings_for(tmp_path, radicale, dav_user)
    interview = accept(settings, start="2026-10-08T14:00:00-07:00")
    script = ("from datetime import datetime; from outreach.config.reader import load_settings; "
              "from pathlib import Path; from outreach.store.db import open_database; "
              "from outreach.interviews.calendar_sync import sync_interviews; "
              f"s = load_settings(Path({str(settings.source)!r})); open_database(s.paths.database); "
              f"print(sync_interviews(s, datetime.fromisoformat({LATER.isoformat()!r})))")
    crashed = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                             env={**os.environ, ENV: "after_calendar_write"}, timeout=60)
    assert (crashed.returncode, crashed.stdout) == (EXIT_CODE, ""), crashed.stderr
    assert len(stored(radicale, dav_user)) == 1
    assert CalendarEntry.select().count() == 0  # the process died before recording the write
    assert sync_interviews(settings, LATER) == [
        "calendar: interview 1 with Alex Chen added at Thursday, October 8, 2026 at 5:00 PM EDT"]
    assert stored(radicale, dav_user) == [("outreach-interview-1@example.test", interview.start, interview.end,
                                           "mailto:alex.chen@example.com")]


def test_a_conflicting_proposal_is_flagged_and_waits_for_the_user(tmp_path: Path, radicale: RadicaleRig,
                                                                  dav_user: str) -> None:
    """Their time collides with 'Team sync': not written, the confirmation held with the reason, until the user
    approves it."""
    radicale.add_event(dav_user, "Work", "Team sync", datetime(2026, 10, 8, 20, 30, tzinfo=UTC),
                       datetime(2026, 10, 8, 21, 15, tzinfo=UTC))
    settings = settings_for(tmp_path, radicale, dav_user)
    interview = accept(settings, start="2026-10-08T14:00:00-07:00")
    reason = "Alex Chen proposed Thursday, October 8, 2026 at 5:00 PM EDT, but you have 'Team sync' then"
    assert sync_interviews(settings, LATER) == [
        f"calendar: interview 1: {reason}; not confirmed: approve draft 2 to confirm it anyway, or "
        "`outreach interviews set 1 --at WHEN` for another time"]
    assert stored(radicale, dav_user) == []
    confirmation = drafts.get_draft(interview.confirmation_draft_id)
    assert (confirmation.status, confirmation.reason) == ("pending", reason)
    assert sync_interviews(settings, LATER) == []  # still waiting: nothing asked again
    drafts.approve(confirmation.id, LATER)  # the user keeps the time
    assert sync_interviews(settings, LATER) == [
        "calendar: interview 1 with Alex Chen added at Thursday, October 8, 2026 at 5:00 PM EDT"]
    assert len(stored(radicale, dav_user)) == 1


def test_the_users_own_time_is_never_flagged(tmp_path: Path, radicale: RadicaleRig, dav_user: str) -> None:
    """`interviews set` onto a busy time is the user's choice: written, no conflict."""
    radicale.add_event(dav_user, "Work", "Team sync", datetime(2026, 10, 9, 15, 0, tzinfo=UTC),
                       datetime(2026, 10, 9, 16, 0, tzinfo=UTC))
    settings = settings_for(tmp_path, radicale, dav_user)
    interview = accept(settings, proposed=["2026-10-08T14:00:00-07:00"])
    interviews.set_time(interview.id, settings, LATER, at="2026-10-09 11:00")
    assert sync_interviews(settings, LATER) == [
        "calendar: interview 1 with Alex Chen added at Friday, October 9, 2026 at 11:00 AM EDT"]
