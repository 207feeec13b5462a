"""`outreach interviews ...` and `outreach status` as a user runs them (a real process, whole output)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest

from outreach.store.db import close_database
from tests.interview_fixtures import NOW, accepted, contact, make_settings, reply, sent


def outreach(config: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "XDG_CONFIG_HOME": "/nonexistent", **(env or {})}
    full_env.pop("OUTREACH_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "outreach", "-c", str(config), *args], capture_output=True,
                          text=True, env=full_env, timeout=60)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """Alex accepted a time in 2030 (so nothing is due yet); Priya offered two options."""
    settings = make_settings(tmp_path)
    alex, priya = contact(), contact("priya.n@example.org")
    yes = reply(alex, sent(alex, settings, NOW), "accepted", NOW + timedelta(hours=1),
                result=accepted(start="2030-10-08T14:00:00-07:00", url="https://meet.example.com/abc"))
    from outreach.interviews.answers import record_from_reply
    from outreach.replies.act import stored_result

    record_from_reply(alex, yes, stored_result(yes), settings, NOW + timedelta(hours=1))
    options = reply(priya, sent(priya, settings, NOW), "accepted", NOW + timedelta(hours=2),
                    result=accepted(proposed=["2030-10-12T09:00:00-04:00", "2030-10-13T11:00:00-04:00"]))
    record_from_reply(priya, options, stored_result(options), settings, NOW + timedelta(hours=2))
    close_database()
    return settings.source


def test_list_text_and_json(config: Path) -> None:
    """The list shows both zones and what to do; --json carries the contract's fields with offsets."""
    result = outreach(config, "interviews")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "   1  scheduled  Tuesday, October 8, 2030 at 5:00 PM EDT (2:00 PM PDT theirs)  "
        "Alex Chen <alex.chen@example.com> (Example Corp)  https://meet.example.com/abc\n"
        "   2  proposed   2 options offered  Priya Natarajan <priya.n@example.org> (Example Health)  "
        "→ outreach interviews set 2 --pick N\n")
    rows = json.loads(outreach(config, "interviews", "list", "--json").stdout)
    assert [{k: row[k] for k in ("id", "contact_email", "status", "start", "end", "url", "booking_url",
                                 "proposed_times")} for row in rows] == [
        {"id": 1, "contact_email": "alex.chen@example.com", "status": "scheduled",
         "start": "2030-10-08T17:00:00-04:00", "end": "2030-10-08T17:30:00-04:00",
         "url": "https://meet.example.com/abc", "booking_url": None, "proposed_times": []},
        {"id": 2, "contact_email": "priya.n@example.org", "status": "proposed", "start": None, "end": None,
         "url": None, "booking_url": None,
         "proposed_times": ["2030-10-12T09:00:00-04:00", "2030-10-13T11:00:00-04:00"]}]


def test_set_pick_show_export_and_cancel(config: Path, tmp_path: Path) -> None:
    """pick an option, read the brief, export both interviews as a calendar, cancel one."""
    picked = outreach(config, "interviews", "set", "2", "--pick", "2", "--url", "https://meet.example.com/p")
    assert (picked.returncode, picked.stdout) == (0, (
        "interview 2 with Priya Natarajan: Sunday, October 13, 2030 at 11:00 AM EDT\n"
        "confirmation draft 4 (pending) with a calendar invitation: `outreach drafts show 4`\n"))
    shown = outreach(config, "interviews", "show", "2")
    assert shown.stdout.splitlines()[:5] == [
        "interview 2 · scheduled · priya.n@example.org", "",
        "# Priya Natarajan at Example Health", "",
        "- When: Sunday, October 13, 2030 at 11:00 AM EDT (30 minutes)"]
    exported = outreach(config, "interviews", "export", str(tmp_path / "all.ics"))
    assert exported.stdout == f"wrote 2 interview(s) to {tmp_path / 'all.ics'}\n"
    cal = icalendar.Calendar.from_ical((tmp_path / "all.ics").read_bytes())
    assert [str(e["ATTENDEE"]) for e in cal.walk("VEVENT")] == ["mailto:alex.chen@example.com",
                                                               "mailto:priya.n@example.org"]
    cancelled = outreach(config, "interviews", "cancel", "2")
    assert cancelled.stdout == "interview 2 with Priya Natarajan cancelled\n"
    again = outreach(config, "interviews", "set", "2", "--at", "2030-10-14 10:00")
    assert (again.returncode, again.stdout, again.stderr) == (
        1, "", "error: interview 2 is cancelled; it cannot become scheduled\n")


def test_cancel_after_a_sent_invitation_says_a_cancellation_waits(config: Path) -> None:
    """Alex's confirmation went out: cancelling queues a cancellation for approval and says so; again, nothing new."""
    from outreach.config.reader import load_settings
    from outreach.outgoing import drafts
    from outreach.store.db import open_database
    from outreach.store.models import Interview

    open_database(load_settings(config).paths.database)
    confirmation = Interview.get_by_id(1).confirmation_draft_id
    drafts.approve(confirmation, NOW + timedelta(hours=2))
    drafts.claim_for_sending(confirmation, NOW + timedelta(hours=2))
    drafts.mark_sent(confirmation, NOW + timedelta(hours=2))
    close_database()
    cancelled = outreach(config, "interviews", "cancel", "1")
    assert (cancelled.returncode, cancelled.stdout, cancelled.stderr) == (0, (
        "interview 1 with Alex Chen cancelled\n"
        "queued cancellation draft 4 for your approval; reject it if they cancelled: `outreach drafts show 4`\n"), "")
    again = outreach(config, "interviews", "cancel", "1")
    assert (again.returncode, again.stdout) == (0, "interview 1 with Alex Chen cancelled\n")


def test_usage_and_lookup_errors_are_one_line(config: Path) -> None:
    """Missing --at/--pick, an unknown id and an unreadable time each give one line and exit non-zero."""
    assert outreach(config, "interviews", "set", "1").stderr.splitlines()[-1] == "Error: give --at WHEN or --pick N"
    assert outreach(config, "interviews", "show", "9").stderr == "error: no interview 9; see `outreach interviews`\n"
    bad = outreach(config, "interviews", "set", "1", "--at", "soon")
    assert bad.stderr == ("error: cannot read the time 'soon'; write it as YYYY-MM-DD HH:MM, optionally followed "
                          "by a zone such as America/Chicago or UTC\n")


def editor(tmp_path: Path, text: str) -> dict[str, str]:
    """An $EDITOR that replaces the file with `text`."""
    source = tmp_path / "notes-source.md"
    source.write_text(text)
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\ncp {source} \"$1\"\n")
    script.chmod(0o755)
    return {"EDITOR": str(script), "VISUAL": str(script)}


def test_notes_in_the_editor_keep_a_bad_edit_for_another_try(config: Path, tmp_path: Path) -> None:
    """A bad file is refused with its line and kept; the next run reopens it; a good one holds the interview."""
    bad = outreach(config, "interviews", "notes", "1", env=editor(tmp_path, "## Trends\n## Rumours\n"))
    kept = tmp_path / "notes-in-progress" / "interview-1.md"
    assert (bad.returncode, bad.stderr) == (1, (
        "error: notes for interview 1, line 2: unknown section '## Rumours' (expected one of '## Trends', "
        "'## Insights', '## Advice', '## Resources', '## Assignments', '## People to contact', "
        "'## Follow through', '## Mention in thank-you'). Your edit is kept in "
        f"{kept}; run `outreach interviews notes 1` again to fix it\n"))
    assert kept.read_text() == "## Trends\n## Rumours\n"
    good = textwrap.dedent("""\
        ## Advice
        Ship small things.
        ## People to contact
        - Jane Roe <jane.roe@example.com>, Example Health
        ## Follow through
        - [ ] 2030-10-20: send my portfolio
        """)
    saved = outreach(config, "interviews", "notes", "1", env=editor(tmp_path, good))
    assert (saved.returncode, saved.stdout, saved.stderr) == (0, (
        "notes saved; interview 1 is held\n"
        "new introduction: Jane Roe <jane.roe@example.com>, referred by Alex Chen\n"
        "1 follow-through item(s) will show in `outreach status` until done\n"),
        f"continuing your unsaved edit from {kept}\n")
    assert not kept.exists()
    status = json.loads(outreach(config, "status", "--json").stdout)
    assert status["funnel"]["held"] == 1
    assert [n["kind"] for n in status["needs_you"]] == ["approve", "schedule", "follow_through"]


def test_status_piped_prints_plain_numbers(config: Path) -> None:
    """Piped output has no bar characters."""
    result = outreach(config, "status")
    assert result.stdout.split("\n\n")[0] == textwrap.dedent("""\
        introductions 2
        drafted       2
        sent          2
        replied       2
        accepted      2
        held          0
        thanked       0""")
