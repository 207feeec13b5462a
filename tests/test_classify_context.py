"""A reply read against its thread (outreach/classify/context.py): pure, table-driven, seven languages, and
the calendar apps' answers (Google and Outlook iMIP REPLY, COUNTER, CANCEL, their own REQUEST)."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from outreach.classify import ThreadContext, classify_message

NY = ZoneInfo("America/New_York")
SCHEDULED = datetime(2026, 12, 9, 10, 0, tzinfo=NY)  # Wednesday December 9, 10:00 EST = 7:00 PST
ALEX = ThreadContext(scheduled=SCHEDULED, zones=("America/New_York", "America/Los_Angeles"))
DATE = "Mon, 30 Nov 2026 09:12:00 -0800"  # Alex writes from Los Angeles
ME = "sam.rivera@example.edu"
SUMMARY = "Informational interview: Sam Rivera / Alex Chen (Example Corp)"


def reply(body: str, subject: str = "Re: Maria Lopez suggested I reach out", date: str = DATE) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"] = "Alex Chen <alex.chen@example.com>", f"Sam <{ME}>"
    msg["Subject"], msg["Date"] = subject, date
    msg["Message-ID"], msg["In-Reply-To"] = "<answer@example.com>", "<confirmation@example.edu>"
    msg.set_content(body + "\n\nAlex\n")
    return bytes(msg)


def thread(raw: bytes, context: ThreadContext | None = ALEX) -> dict[str, Any] | None:
    out = classify_message(raw, user_tz="America/New_York", context=context).to_json()
    return out.get("thread")


def answer(kind: str, confidence: float, start: str | None = None, options: tuple[str, ...] = (),
           invitation: bool = False) -> dict[str, Any]:
    return {"answer": kind, "confidence": confidence, "start": start, "options": list(options),
            "invitation": invitation}


CONFIRMED = "2026-12-09T10:00:00-05:00"
THURSDAY_2 = "2026-12-03T14:00:00-08:00"  # the coming Thursday at 2, in Alex's offset
TEXT_CASES = [
    # English: the issue's own words, a bare clock in either zone, no time at all, another time, a cancellation
    ("en", "Wednesday at 10 works great, see you then!", answer("confirms", 0.9, CONFIRMED)),
    ("en", "10 works", answer("confirms", 0.9, CONFIRMED)),
    ("en", "7am works for me.", answer("confirms", 0.9, CONFIRMED)),
    ("en", "See you then!", answer("confirms", 0.85, CONFIRMED)),
    ("en", "Wednesday works.", answer("confirms", 0.85, CONFIRMED)),
    ("en", "Could we do Thursday at 2 instead?", answer("reschedules", 0.9, options=(THURSDAY_2,))),
    ("en", "I can't make Wednesday at 10 anymore. Would Thursday at 2 or Friday at 9am work instead?",
     answer("reschedules", 0.9, options=(THURSDAY_2, "2026-12-04T09:00:00-08:00"))),
    ("en", "Sorry, something came up, I have to cancel.", answer("cancels", 0.85)),
    ("en", "I need to cancel, could we find another day?", answer("reschedules", 0.85)),
    ("en", "Quick question: should I prepare anything?", None),
    ("es", "¡Perfecto! Nos vemos el miércoles a las 10.", answer("confirms", 0.9, CONFIRMED)),
    ("es", "Me surgió un imprevisto y tengo que cancelar.", answer("cancels", 0.85)),
    ("es", "¿Podemos reprogramar al jueves a las 14:00?", answer("reschedules", 0.9, options=(THURSDAY_2,))),
    ("fr", "Ça marche, à mercredi !", answer("confirms", 0.85, CONFIRMED)),
    ("fr", "J'ai un empêchement, je dois annuler.", answer("cancels", 0.85)),
    ("fr", "Pourrions-nous plutôt faire jeudi à 14 h ?", answer("reschedules", 0.9, options=(THURSDAY_2,))),
    ("de", "Passt, bis Mittwoch!", answer("confirms", 0.85, CONFIRMED)),
    ("de", "Leider ist mir etwas dazwischengekommen, ich muss absagen.", answer("cancels", 0.85)),
    ("de", "Können wir auf Donnerstag um 14 Uhr verschieben?", answer("reschedules", 0.9, options=(THURSDAY_2,))),
    ("pt", "Perfeito, até quarta!", answer("confirms", 0.85, CONFIRMED)),
    ("pt", "Surgiu um imprevisto, preciso cancelar.", answer("cancels", 0.85)),
    ("pt", "Podemos remarcar para quinta às 14h?", answer("reschedules", 0.9, options=(THURSDAY_2,))),
    ("it", "Perfetto, ci vediamo mercoledì alle 10.", answer("confirms", 0.9, CONFIRMED)),
    ("it", "Ho avuto un imprevisto, devo annullare.", answer("cancels", 0.85)),
    ("it", "Possiamo spostare a giovedì alle 14?", answer("reschedules", 0.9, options=(THURSDAY_2,))),
    ("nl", "Prima, tot woensdag!", answer("confirms", 0.85, CONFIRMED)),
    ("nl", "Er is iets tussengekomen, ik moet helaas afzeggen.", answer("cancels", 0.85)),
    ("nl", "Kunnen we het verzetten naar donderdag om 14.00 uur?", answer("reschedules", 0.9, options=(THURSDAY_2,))),
]


@pytest.mark.parametrize(("lang", "text", "expected"), TEXT_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(TEXT_CASES)])
def test_a_reply_after_the_confirmation_is_read_against_the_scheduled_time(
        lang: str, text: str, expected: dict[str, Any] | None) -> None:
    """Confirms (a weekday or clock of the scheduled time, or no time), reschedules, cancels, or none of these."""
    assert thread(reply(text)) == expected


def test_the_issue_reply_confirms_instead_of_fixing_a_second_meeting() -> None:
    """Without context "Wednesday at 10" is December 2 in Alex's offset; with it, the scheduled call, and the
    meeting the result names is that one."""
    raw = reply("Wednesday at 10 works great, see you then!")
    alone = classify_message(raw, user_tz="America/New_York").to_json()
    read = classify_message(raw, user_tz="America/New_York", context=ALEX).to_json()
    assert ("thread" in alone, alone["meeting"]["start"]) == (False, "2026-12-02T10:00:00-08:00")
    assert (read["intent"], read["meeting"]["start"], read["thread"]) == (
        "accepted", CONFIRMED, answer("confirms", 0.9, CONFIRMED))


OPTIONS = (datetime(2026, 12, 8, 15, 0, tzinfo=NY), datetime(2026, 12, 10, 11, 0, tzinfo=NY))
PROPOSED_CASES = [
    ("Thursday works best for me.", answer("confirms", 0.85, "2026-12-10T11:00:00-05:00")),
    ("Tuesday at 3 ET is perfect.", answer("confirms", 0.9, "2026-12-08T15:00:00-05:00")),
    ("Neither works, sorry. Friday at 1pm?", answer("reschedules", 0.8, options=("2026-12-04T13:00:00-08:00",))),
    ("Sounds good!", None),  # two options and no scheduled time: which one is not said
]


@pytest.mark.parametrize(("text", "expected"), PROPOSED_CASES)
def test_options_on_the_table(text: str, expected: dict[str, Any] | None) -> None:
    """With options and nothing scheduled, a weekday or a time picks one of them; another time reschedules."""
    assert thread(reply(text), ThreadContext(proposed=OPTIONS, zones=("America/New_York",))) == expected


def test_the_last_message_we_sent_is_context_too() -> None:
    """Only the text of our last message: the time it proposed is what "Wednesday at 10" confirms."""
    sent = ("Hi Alex,\n\nThank you! Would Wednesday, December 9, 2026 at 10:00 AM EST (7:00 AM PST your time) "
            "work for you? If not, just suggest another time.")
    context = ThreadContext(last_sent_text=sent, zones=("America/Los_Angeles",))
    assert thread(reply("Wednesday at 10 works great, see you then!"), context) == answer(
        "confirms", 0.9, "2026-12-09T10:00:00-05:00")


# ------------------------------------------------------------------ calendar apps


@dataclass(frozen=True)
class Parties:
    """Who writes to whom, and when (the end-to-end tests use their own mailboxes and dates)."""

    alex: str = "alex.chen@example.com"
    me: str = ME
    date: str = DATE


def calendar_body(method: str, partstat: str = "ACCEPTED", start: str = "DTSTART:20261209T150000Z",
                  end: str = "DTEND:20261209T153000Z", prodid: str = "-//Google Inc//Google Calendar 70.9054//EN",
                  extra: str = "", who: Parties = Parties()) -> str:
    lines = ["BEGIN:VCALENDAR", f"PRODID:{prodid}", "VERSION:2.0", f"METHOD:{method}", extra, "BEGIN:VEVENT",
             start, end, "DTSTAMP:20261130T171500Z", f"ORGANIZER;CN=Sam Rivera:mailto:{who.me}",
             "UID:outreach-interview-1@example.edu",
             f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};CN=Alex Chen;X-NUM-GUESTS=0:"
             f"mailto:{who.alex}",
             "SEQUENCE:1", "STATUS:CONFIRMED" if method != "CANCEL" else "STATUS:CANCELLED", f"SUMMARY:{SUMMARY}",
             "END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(line for line in lines if line) + "\r\n"


def google_reply(partstat: str = "ACCEPTED", verb: str = "Accepted", note: str = "has accepted this invitation.",
                 method: str = "REPLY", start: str = "DTSTART:20261209T150000Z",
                 end: str = "DTEND:20261209T153000Z", who: Parties = Parties()) -> bytes:
    """What Google Calendar sends the organiser when a guest answers: text, HTML, the REPLY inline and as invite.ics."""
    msg = EmailMessage()
    msg["From"], msg["To"] = f"Alex Chen <{who.alex}>", who.me
    msg["Subject"] = f"{verb}: {SUMMARY} @ Wed Dec 9, 2026 10am - 10:30am (EST) ({who.me})"
    msg["Date"], msg["Message-ID"] = who.date, f"<{uuid.uuid4().hex}@google.com>"
    msg["Reply-To"] = f"Alex Chen <{who.alex}>"
    msg.set_content(f"Alex Chen {note}\n\n{SUMMARY}\n"
                    "Wednesday Dec 9, 2026 ⋅ 10am – 10:30am (Eastern Time - New York)\n\n"
                    "Invitation from Google Calendar\n")
    msg.add_alternative(f"<p>Alex Chen {note}</p>", subtype="html")
    ics = calendar_body(method, partstat, start, end, who=who)
    msg.add_alternative(ics, subtype="calendar", params={"method": method})
    msg.make_mixed()
    msg.add_attachment(ics.encode(), maintype="application", subtype="ics", filename="invite.ics")
    return bytes(msg)


OUTLOOK_ZONE = ("BEGIN:VTIMEZONE\r\nTZID:Eastern Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T020000\r\n"
                "TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11\r\n"
                "END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n"
                "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE")


def outlook_reply(partstat: str = "ACCEPTED", verb: str = "Accepted", method: str = "REPLY",
                  start: str = "20261209T100000", end: str = "20261209T103000", comment: str = "",
                  who: Parties = Parties()) -> bytes:
    """What Outlook / Exchange sends: Thread-Topic, a (possibly empty) text part and the base64 REPLY in a
    Windows zone."""
    ics = calendar_body(method, partstat, f"DTSTART;TZID=Eastern Standard Time:{start}",
                        f"DTEND;TZID=Eastern Standard Time:{end}", "Microsoft Exchange Server 2010", OUTLOOK_ZONE, who)
    boundary = "_000_BN6PR11MB1234_"
    raw = (f"From: Alex Chen <{who.alex}>\r\nTo: Sam Rivera <{who.me}>\r\n"
           f"Subject: {verb}: {SUMMARY}\r\nThread-Topic: {SUMMARY}\r\nThread-Index: AQHY1a2b3c4d5e6f7g==\r\n"
           f"Date: {who.date}\r\nMessage-ID: <{uuid.uuid4().hex.upper()}@BN6PR11MB1234.namprd11.prod.outlook.com>\r\n"
           "MIME-Version: 1.0\r\nX-MS-Has-Attach:\r\nX-MS-TNEF-Correlator:\r\n"
           f"Content-Type: multipart/alternative; boundary=\"{boundary}\"\r\n\r\n"
           f"--{boundary}\r\nContent-Type: text/plain; charset=\"us-ascii\"\r\n\r\n{comment}\r\n\r\n"
           f"--{boundary}\r\nContent-Type: text/calendar; charset=\"utf-8\"; method={method}\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\n"
           + base64.encodebytes(ics.encode()).decode().replace("\n", "\r\n")
           + f"\r\n--{boundary}--\r\n")
    return raw.encode()


NEW_TIME = "2026-12-10T19:00:00+00:00"
CALENDAR_CASES = [
    ("google accepted", google_reply(), answer("confirms", 0.95, CONFIRMED)),
    ("google tentative", google_reply("TENTATIVE", "Tentatively Accepted", "has tentatively accepted."),
     answer("tentative", 0.95, CONFIRMED)),
    ("google declined", google_reply("DECLINED", "Declined", "has declined this invitation."),
     answer("declines", 0.95, CONFIRMED)),
    ("outlook accepted", outlook_reply(), answer("confirms", 0.95, CONFIRMED)),
    ("outlook accepted with a comment", outlook_reply(comment="Looking forward to it!"),
     answer("confirms", 0.95, CONFIRMED)),
    ("outlook counter",
     outlook_reply("TENTATIVE", "New Time Proposed", "COUNTER", "20261210T140000", "20261210T143000"),
     answer("reschedules", 0.95, options=("2026-12-10T14:00:00-05:00",))),
    ("their cancel", google_reply(verb="Canceled event", note="cancelled", method="CANCEL"), answer("cancels", 0.95)),
    ("their own invitation at another time", google_reply("NEEDS-ACTION", "Invitation", "invited you.", "REQUEST",
                                                          "DTSTART:20261210T190000Z", "DTEND:20261210T194500Z"),
     answer("reschedules", 0.95, options=(NEW_TIME,), invitation=True)),
    ("their own invitation at the same time", google_reply("NEEDS-ACTION", "Invitation", "invited you.", "REQUEST"),
     answer("confirms", 0.95, CONFIRMED, invitation=True)),
]


@pytest.mark.parametrize(("name", "raw", "expected"), CALENDAR_CASES, ids=[c[0] for c in CALENDAR_CASES])
def test_calendar_answers_about_our_invitation(name: str, raw: bytes, expected: dict[str, Any]) -> None:
    """iMIP REPLY by PARTSTAT, COUNTER, CANCEL and their own REQUEST, from Google and Outlook; the intent is
    the one the classifier gives without context (old consumers see no change)."""
    out = classify_message(raw, user_tz="America/New_York", context=ALEX).to_json()
    alone = classify_message(raw, user_tz="America/New_York").to_json()
    assert (out["intent"], out["thread"]) == (alone["intent"], expected)


@pytest.mark.parametrize(("subject", "expected"), [
    (f"Accepted: {SUMMARY}", answer("confirms", 0.9, CONFIRMED)),
    (f"Angenommen: {SUMMARY}", answer("confirms", 0.9, CONFIRMED)),
    (f"Tentative: {SUMMARY}", answer("tentative", 0.9, CONFIRMED)),
    (f"Declined: {SUMMARY}", answer("declines", 0.9)),
    (f"Re: Accepted: {SUMMARY}", None),  # a person's reply quoting such a subject says nothing by its subject
])
def test_an_answer_in_the_subject_alone(subject: str, expected: dict[str, Any] | None) -> None:
    """'Accepted: …' with no calendar part (a client that sends only the subject) answers about the thread."""
    assert thread(reply("", subject=subject)) == expected


@pytest.mark.parametrize(("data", "message"), [
    ([], "the context must be a JSON object"),
    ({"when": "2026-12-09T10:00:00-05:00"}, "unknown field 'when'; the fields are scheduled, proposed, zones"),
    ({"scheduled": "Wednesday"}, "field 'scheduled': 'Wednesday' is not an ISO-8601 time"),
    ({"scheduled": "2026-12-09T10:00:00"}, "field 'scheduled': '2026-12-09T10:00:00' has no UTC offset"),
    ({"proposed": "2026-12-09T10:00:00-05:00"}, "field 'proposed': a list of at most 20 ISO-8601 times"),
    ({"zones": ["Mars/Olympus"]}, "field 'zones': unknown time zone 'Mars/Olympus'"),
    ({"last_sent_text": 7}, "field 'last_sent_text': a string or null"),
])
def test_context_json_errors_name_the_field(data: Any, message: str) -> None:
    """A bad --context object is refused with the field and what it should hold."""
    with pytest.raises(ValueError, match=message):
        ThreadContext.from_json(data)


def test_context_json_round_trip() -> None:
    """The --context object reads back into the same context."""
    data = {"scheduled": "2026-12-09T10:00:00-05:00", "proposed": ["2026-12-10T11:00:00-05:00"],
            "zones": ["America/New_York"], "last_sent_text": "Would Wednesday work?"}
    context = ThreadContext.from_json(data)
    assert (context.scheduled, context.to_json()) == (datetime(2026, 12, 9, 15, 0, tzinfo=UTC), data)


def run_classify(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CONFIG_HOME": "/nonexistent"}
    env.pop("OUTREACH_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "outreach", "classify", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=60)


def test_classify_cli_reads_the_context_file(tmp_path: Path) -> None:
    """`outreach classify --context FILE.json`: each result gains "thread" (null when the reply says nothing
    about the meeting); a bad file is refused naming the file and the field."""
    (tmp_path / "yes.eml").write_bytes(reply("Wednesday at 10 works great, see you then!"))
    (tmp_path / "ask.eml").write_bytes(reply("Quick question: should I prepare anything?"))
    (tmp_path / "ctx.json").write_text(json.dumps(ALEX.to_json()))
    (tmp_path / "bad.json").write_text('{"scheduled": "2026-12-09T10:00:00"}')
    out = run_classify("--json", "--tz", "America/New_York", "--context", "ctx.json", "yes.eml", "ask.eml",
                       cwd=tmp_path)
    assert (out.returncode, [(r["file"], r["thread"]) for r in map(json.loads, out.stdout.splitlines())]) == (
        0, [("yes.eml", answer("confirms", 0.9, CONFIRMED)), ("ask.eml", None)])
    readable = run_classify("--tz", "America/New_York", "--context", "ctx.json", "yes.eml", cwd=tmp_path)
    assert readable.stdout.splitlines()[-1] == f"  thread: confirms {CONFIRMED} (confidence 0.90)"
    bad = run_classify("--context", "bad.json", "yes.eml", cwd=tmp_path)
    assert (bad.returncode, bad.stdout, bad.stderr.splitlines()[-1]) == (
        2, "", "Error: Invalid value for --context: bad.json: field 'scheduled': '2026-12-09T10:00:00' has no UTC "
               "offset (write e.g. 2026-12-09T10:00:00-05:00)")
