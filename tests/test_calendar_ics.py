"""Calendar files read back by icalendar and by a small independent RFC 5545 reader written here."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from outreach.config.reader import load_settings
from outreach.config.settings import Settings
from outreach.interviews.calendar_ics import Event, attachment, cancellation, event_times, export, invitation
from tests.helpers import write_config

NOW = datetime(2026, 10, 5, 14, 0, tzinfo=UTC)
# 30 October is before the US clock change (EDT, -4), 3 November after it (EST, -5).
BEFORE = Event(1, datetime(2026, 10, 30, 18, 0, tzinfo=UTC), datetime(2026, 10, 30, 18, 30, tzinfo=UTC),
               "Alex Chen", "alex.chen@example.com", "Example Corp", "https://meet.example.com/abc-defg", None)
AFTER = Event(2, datetime(2026, 11, 3, 18, 0, tzinfo=UTC), datetime(2026, 11, 3, 18, 45, tzinfo=UTC),
              "Priya Natarajan", "priya.n@example.org", None, None, "Cafe Example, 1 Main St", sequence=2)


def settings(tmp_path: Path) -> Settings:
    return load_settings(write_config(tmp_path))


def unfold(text: str) -> list[tuple[str, dict[str, str], str]]:
    """RFC 5545 3.1: CRLF lines, continuation lines start with one space or tab; -> (NAME, params, value)."""
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    lines: list[str] = []
    for raw in text.split("\r\n"):
        assert len(raw.encode()) <= 75, raw
        if raw[:1] in (" ", "\t"):
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    out = []
    for line in lines:
        match = re.match(r'^([A-Z0-9-]+)((?:;[A-Z0-9-]+=(?:"[^"]*"|[^;:]*))*):(.*)$', line)
        assert match, line
        params = dict((k, v.strip('"')) for k, v in re.findall(r';([A-Z0-9-]+)=("[^"]*"|[^;:]*)', match[2]))
        out.append((match[1], params, match[3]))
    return out


def events(text: str) -> list[dict[str, tuple[dict[str, str], str]]]:
    """The VEVENT blocks of a calendar, property name -> (params, value), by the hand-written reader."""
    found, current, depth = [], None, []
    for name, params, value in unfold(text):
        if name == "BEGIN":
            depth.append(value)
            if value == "VEVENT":
                current = {}
        elif name == "END":
            assert depth.pop() == value
            if value == "VEVENT":
                found.append(current)
                current = None
        elif current is not None:
            current[name] = (params, value)
    assert depth == []
    return found


def local(value: tuple[dict[str, str], str]) -> datetime:
    params, text = value
    return datetime.strptime(text, "%Y%m%dT%H%M%S").replace(tzinfo=ZoneInfo(params["TZID"]))


def test_invitation_is_a_request_from_the_user_to_the_contact(tmp_path: Path) -> None:
    """METHOD:REQUEST; organiser = the user, attendee = the contact; local time in the user's zone; the link."""
    text = invitation(BEFORE, settings(tmp_path), NOW)
    (event,) = events(text)
    assert [n for n, _, v in unfold(text) if n == "METHOD"] == ["METHOD"]
    assert {k: v for k, v in event.items() if k not in ("DTSTART", "DTEND")} == {
        "UID": ({}, "outreach-interview-1@example.test"),
        "DTSTAMP": ({}, "20261005T140000Z"),
        "SEQUENCE": ({}, "0"),
        "SUMMARY": ({}, "Informational interview: Sam Rivera / Alex Chen (Example Corp)"),
        "DESCRIPTION": ({}, "Sam Rivera and Alex Chen: an informational conversation.\\nJoin: "
                            "https://meet.example.com/abc-defg"),
        "LOCATION": ({}, "https://meet.example.com/abc-defg"),
        "URL": ({}, "https://meet.example.com/abc-defg"),
        "STATUS": ({}, "CONFIRMED"),
        "TRANSP": ({}, "OPAQUE"),
        "ORGANIZER": ({"CN": "Sam Rivera", "ROLE": "CHAIR"}, "mailto:me@example.test"),
        "ATTENDEE": ({"CN": "Alex Chen", "CUTYPE": "INDIVIDUAL", "PARTSTAT": "NEEDS-ACTION", "ROLE": "REQ-PARTICIPANT",
                      "RSVP": "TRUE"}, "mailto:alex.chen@example.com"),
    }
    assert event["DTSTART"] == ({"TZID": "America/New_York"}, "20261030T140000")
    assert local(event["DTSTART"]) == BEFORE.start and local(event["DTEND"]) == BEFORE.end
    assert "METHOD:REQUEST" in text.split("\r\n")


def test_invitation_reads_back_with_icalendar(tmp_path: Path) -> None:
    """icalendar sees the same event: instants, people, method and the VTIMEZONE's offsets."""
    cal = icalendar.Calendar.from_ical(invitation(BEFORE, settings(tmp_path), NOW))
    (event,) = cal.walk("VEVENT")
    assert (str(cal["METHOD"]), event.decoded("DTSTART"), event.decoded("DTEND")) == (
        "REQUEST", BEFORE.start, BEFORE.end)
    assert (str(event["ORGANIZER"]), event["ORGANIZER"].params["CN"]) == ("mailto:me@example.test", "Sam Rivera")
    assert (str(event["ATTENDEE"]), event["ATTENDEE"].params["RSVP"]) == ("mailto:alex.chen@example.com", "TRUE")
    (zone,) = cal.walk("VTIMEZONE")
    offsets = {str(c["TZNAME"]): c["TZOFFSETTO"].td for c in zone.subcomponents}
    assert offsets == {"EST": timedelta(hours=-5), "EDT": timedelta(hours=-4)}


def test_cancellation_is_the_same_event_cancelled(tmp_path: Path) -> None:
    """METHOD:CANCEL in the calendar and the MIME type; same UID, the given SEQUENCE, STATUS:CANCELLED, no RSVP."""
    text = cancellation(replace(AFTER, interview_id=1, sequence=3), settings(tmp_path), NOW)
    (event,) = events(text)
    assert [v for n, _, v in unfold(text) if n == "METHOD"] == ["CANCEL"]
    assert {k: v for k, v in event.items() if k not in ("DTSTART", "DTEND", "DESCRIPTION", "SUMMARY")} == {
        "UID": ({}, "outreach-interview-1@example.test"),
        "DTSTAMP": ({}, "20261005T140000Z"),
        "SEQUENCE": ({}, "3"),
        "LOCATION": ({}, "Cafe Example\\, 1 Main St"),
        "STATUS": ({}, "CANCELLED"),
        "TRANSP": ({}, "OPAQUE"),
        "ORGANIZER": ({"CN": "Sam Rivera", "ROLE": "CHAIR"}, "mailto:me@example.test"),
        "ATTENDEE": ({"CN": "Priya Natarajan", "CUTYPE": "INDIVIDUAL", "ROLE": "REQ-PARTICIPANT"},
                     "mailto:priya.n@example.org"),
    }
    cal = icalendar.Calendar.from_ical(text)
    (parsed,) = cal.walk("VEVENT")
    assert (str(cal["METHOD"]), str(parsed["UID"]), parsed["SEQUENCE"], str(parsed["STATUS"])) == (
        "CANCEL", "outreach-interview-1@example.test", 3, "CANCELLED")
    assert event_times(text) == (AFTER.start, AFTER.end)
    assert attachment(text, method="CANCEL") == {
        "filename": "invite.ics", "mime": "text/calendar", "params": {"method": "CANCEL"}, "content": text}


def test_export_spans_the_dst_change_correctly(tmp_path: Path) -> None:
    """Two events either side of the US clock change keep their instants in both readers; PUBLISH method."""
    text = export([BEFORE, AFTER], settings(tmp_path), NOW)
    first, second = events(text)
    assert (first["DTSTART"][1], second["DTSTART"][1]) == ("20261030T140000", "20261103T130000")
    assert [local(e["DTSTART"]) for e in (first, second)] == [BEFORE.start, AFTER.start]
    assert (second["LOCATION"], second["SEQUENCE"], "URL" in second) == (
        ({}, "Cafe Example\\, 1 Main St"), ({}, "2"), False)
    cal = icalendar.Calendar.from_ical(text)
    assert str(cal["METHOD"]) == "PUBLISH"
    assert [(e.decoded("DTSTART"), e.decoded("DTEND"), str(e["UID"])) for e in cal.walk("VEVENT")] == [
        (BEFORE.start, BEFORE.end, "outreach-interview-1@example.test"),
        (AFTER.start, AFTER.end, "outreach-interview-2@example.test")]


def test_empty_export_is_a_valid_calendar(tmp_path: Path) -> None:
    """No interviews: a calendar with no events and no time zone."""
    text = export([], settings(tmp_path), NOW)
    assert text == ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//outreach//interviews//EN\r\nCALSCALE:GREGORIAN\r\n"
                    "METHOD:PUBLISH\r\nEND:VCALENDAR\r\n")
    assert events(text) == []
