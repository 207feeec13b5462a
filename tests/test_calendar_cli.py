"""The calendar loop from the CLI, as a user runs it (real processes, whole output): an accepted time reaches
the calendar under `run`'s calendar job; `interviews set` moves the event and `cancel` removes it at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from outreach.daemon.jobs import calendar_job
from outreach.store.db import close_database
from outreach.testing.radicale_rig import RadicaleRig
from tests.calendar_kit import calendar_settings
from tests.helpers import INTRODUCTIONS
from tests.interview_fixtures import NOW, accepted, contact, reply, sent
from tests.test_cli_interviews import outreach


def test_set_moves_and_cancel_removes_the_event_from_the_cli(tmp_path: Path, radicale: RadicaleRig,
                                                             dav_user: str) -> None:
    """Each command says what it did to the calendar; the calendar holds one event, then none."""
    from outreach.intake.contacts import import_introductions, load_introductions
    from outreach.interviews.answers import record_from_reply
    from outreach.replies.act import stored_result

    settings = calendar_settings(tmp_path, radicale, dav_user, introductions=INTRODUCTIONS)
    import_introductions(load_introductions(settings.paths.introductions), NOW)
    alex = contact()
    yes = reply(alex, sent(alex, settings, NOW), "accepted", NOW + timedelta(hours=1),
                result=accepted(start="2030-10-08T14:00:00-07:00"))
    record_from_reply(alex, yes, stored_result(yes), settings, NOW + timedelta(hours=1))
    assert calendar_job(settings, NOW + timedelta(hours=1)) == [
        "calendar: interview 1 with Alex Chen added at Tuesday, October 8, 2030 at 5:00 PM EDT"]
    close_database()

    moved = outreach(settings.source, "interviews", "set", "1", "--at", "2030-10-09 11:00")
    assert (moved.returncode, moved.stderr) == (0, "")
    assert moved.stdout == (
        "interview 1 with Alex Chen: Wednesday, October 9, 2030 at 11:00 AM EDT\n"
        "confirmation draft 3 (pending) with a calendar invitation: `outreach drafts show 3`\n"
        "calendar: interview 1 with Alex Chen moved to Wednesday, October 9, 2030 at 11:00 AM EDT\n")
    (event,) = radicale.events(dav_user, "Interviews")
    assert (str(event["UID"]), event.decoded("DTSTART").astimezone(UTC)) == (
        "outreach-interview-1@example.test", datetime(2030, 10, 9, 15, 0, tzinfo=UTC))

    cancelled = outreach(settings.source, "interviews", "cancel", "1")
    assert (cancelled.returncode, cancelled.stdout) == (0, "interview 1 with Alex Chen cancelled\n"
                                                           "calendar: interview 1 with Alex Chen removed\n")
    assert radicale.events(dav_user, "Interviews") == []


def test_a_calendar_that_cannot_take_the_event_does_not_undo_the_change(tmp_path: Path, radicale: RadicaleRig,
                                                                        dav_user: str) -> None:
    """`interviews set` still sets the time; the calendar line says why it is not there yet."""
    from outreach.intake.contacts import import_introductions, load_introductions
    from outreach.interviews.answers import record_from_reply
    from outreach.replies.act import stored_result

    settings = calendar_settings(tmp_path, radicale, dav_user, introductions=INTRODUCTIONS,
                                 calendar={"write_to": "Missing"})
    import_introductions(load_introductions(settings.paths.introductions), NOW)
    alex = contact()
    yes = reply(alex, sent(alex, settings, NOW), "accepted", NOW,
                result=accepted(proposed=["2030-10-08T14:00:00-07:00"]))
    record_from_reply(alex, yes, stored_result(yes), settings, NOW)
    close_database()
    result = outreach(settings.source, "interviews", "set", "1", "--pick", "1")
    assert (result.returncode, result.stdout) == (0, (
        "interview 1 with Alex Chen: Tuesday, October 8, 2030 at 5:00 PM EDT\n"
        "confirmation draft 2 (pending) with a calendar invitation: `outreach drafts show 2`\n"
        f"calendar: not updated yet (calendar {radicale.url}: no calendar named 'Missing' for {dav_user} (found: "
        "Interviews, Work); fix calendar.write_to or calendar.busy_from in outreach.yaml); the daemon will try "
        "again\n"))
