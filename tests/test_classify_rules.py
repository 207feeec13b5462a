"""Unit tables for the classifier's stages: quotes, dates, times, zones, links, bounces, robustness."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from outreach.classify import classify_file, classify_message
from outreach.classify.dates import find_dates
from outreach.classify.html2text import html_to_text
from outreach.classify.links import find_links
from outreach.classify.mime import decode_bytes, unflow
from outreach.classify.quotes import split_reply
from outreach.classify.resume import find_resume_date
from outreach.classify.times import find_times
from outreach.classify.zones import zone


def _msg(body: str, *, headers: str = "", date_hdr: str = "Wed, 07 Oct 2026 10:00:00 -0500") -> bytes:
    return (
        f"From: Pat Lee <pat@acme.example>\nTo: Jordan Park <jordan.park@example.edu>\nDate: {date_hdr}\n"
        f"Subject: Re: chat\n{headers}Content-Type: text/plain; charset=utf-8\n\n{body}"
    ).encode()


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Yes!\n\nOn Mon, Oct 5, 2026 at 9:00 AM Jordan <j@x.example> wrote:\n> Tuesday at 2pm CT?", "Yes!"),
        ("Yes!\n\nOn Mon, Oct 5, 2026 at 9:00 AM Jordan Park <\njordan.park@example.edu> wrote:\n> hi", "Yes!"),
        ("Ja.\n\nAm 20.10.26 um 15:45 schrieb Jordan Park:\n> hi", "Ja."),
        ("Ok\n\nFrom: Jordan\nSent: Monday\nTo: Pat\nSubject: chat\n\nTuesday at 2pm?", "Ok"),
        ("Ok\n\n-----Original Message-----\nFrom: Jordan\nTuesday at 2pm?", "Ok"),
        ("Ok\n________________________________\nFrom: Jordan\nSent: x\n", "Ok"),
        ("Sure.\n> quoted 2pm\nAnd more.", "Sure.\nAnd more."),
        ("Sure.\n\n-- \nPat\nOffice hours: Mon 2-4pm", "Sure."),
        ("Sure.\n\nSent from my iPhone", "Sure."),
        ("Hi Jordan,\n\nSure.\n\nBest,\nPat\nPat Lee | Director\nOffice hours Tue 2-4", "Hi Jordan,\n\nSure."),
        ("Thanks!\n\nTuesday at 2pm works.", "Thanks!\n\nTuesday at 2pm works."),
        ("Sure.\nOffice hours: Thursdays 1-2pm\nSee you.", "Sure.\nSee you."),
        (  # a sentence that mentions office hours is the reply's own
            "I'm not the right person, but my colleague Jo Park knows this well. Please call her on 555 0190 during "
            "office hours and tell her I sent you.",
            "I'm not the right person, but my colleague Jo Park knows this well. Please call her on 555 0190 during "
            "office hours and tell her I sent you.",
        ),
        (  # written under an unprefixed Outlook header block: the text after the quoted author's signature
            "From: Jordan Park <jordan.park@example.edu>\nSent: Monday, 5 October 2026 09:00\nTo: Pat Lee\n"
            "Subject: chat\n\nHi Pat,\nCould we talk on Tuesday at 2pm?\n\nThanks,\nJordan\n\n"
            "Jordan Park | Analyst | +1 555 0100\n\nJordan - my reply is down here.\nTuesday at 2 is fine.\n\nPat",
            "Jordan - my reply is down here.\nTuesday at 2 is fine.\n\nPat",
        ),
        (  # a help desk's comments without time stamps, newest first: from the second one on, history
            "Your request was updated.\n\n----------------\n\nSam (Support)\n\nIs this for a publication?\n\n"
            "----------------\n\nJordan Park\n\nCould we talk on Tuesday at 2pm?\n",
            "Your request was updated.\n\n----------------\n\nSam (Support)\n\nIs this for a publication?",
        ),
    ],
)
def test_split_reply(text: str, body: str) -> None:
    """Quoted history, signatures and office-hours lines are cut from the new text."""
    assert split_reply(text).body == body


@pytest.mark.parametrize(
    ("text", "today", "want"),
    [
        ("tomorrow", date(2026, 10, 12), date(2026, 10, 13)),
        ("this Thursday (Oct 8)", date(2026, 10, 6), date(2026, 10, 8)),
        ("Thursday", date(2026, 10, 6), date(2026, 10, 8)),
        ("next Tuesday", date(2026, 10, 7), date(2026, 10, 13)),
        ("next Tuesday", date(2026, 10, 12), date(2026, 10, 20)),
        ("Monday 10/12", date(2026, 10, 8), date(2026, 10, 12)),
        ("January 11", date(2026, 10, 8), date(2027, 1, 11)),
        ("28 October", date(2026, 10, 26), date(2026, 10, 28)),
        ("2026-11-03", date(2026, 10, 26), date(2026, 11, 3)),
        ("Oct. 8th", date(2026, 10, 1), date(2026, 10, 8)),
    ],
)
def test_find_dates(text: str, today: date, want: date) -> None:
    """Relative and partial dates resolve against the reference day."""
    assert [m.day for m in find_dates(text, today)] == [want]


def _times(text: str, ref: str, user_tz: str | None = None) -> list[str]:
    found = find_times(text, datetime.fromisoformat(ref), ZoneInfo(user_tz) if user_tz else None)
    return [t.isoformat() for t in found.times]


@pytest.mark.parametrize(
    ("text", "ref", "want"),
    [
        ("Let's do Wednesday, October 14 at 4:30 PM ET.", "2026-10-07T17:22:09+00:00", ["2026-10-14T16:30:00-04:00"]),
        ("Monday, November 2 at 4:30 PM ET.", "2026-10-28T17:22:09+00:00", ["2026-11-02T16:30:00-05:00"]),
        ("Wednesday, 28 October at 16:00 CET", "2026-10-26T10:00:00+01:00", ["2026-10-28T16:00:00+01:00"]),
        ("Friday 23 October at 14:00 CET", "2026-10-21T10:00:00+02:00", ["2026-10-23T14:00:00+02:00"]),
        ("tomorrow at 10am", "2026-10-12T21:47:30-05:00", ["2026-10-13T10:00:00-05:00"]),
        ("tomorrow at 10am", "2026-10-12T23:59:00+09:00", ["2026-10-13T10:00:00+09:00"]),
        ("Oct 8 at 2pm my time", "2026-10-06T08:00:00-07:00", ["2026-10-08T14:00:00-07:00"]),
        ("Tuesday 27 October at 4pm UK time.", "2026-10-22T17:20:05+01:00", ["2026-10-27T16:00:00+00:00"]),
        (
            "Oct 20 at 8:30 PM IST, which should be 10:00 AM in Chicago",
            "2026-10-16T22:00:00+05:30",
            ["2026-10-20T20:30:00+05:30"],
        ),
        ("Monday 10/19 at 9am PT / 11am CT", "2026-10-14T16:00:00-07:00", ["2026-10-19T09:00:00-07:00"]),
        (
            "I can't do Tuesday at 2pm, but Wednesday Oct 14 at 3pm works",
            "2026-10-09T08:00:00-05:00",
            ["2026-10-14T15:00:00-05:00"],
        ),
        ("Oct 21 at 15:00 UTC+2", "2026-10-15T08:00:00+00:00", ["2026-10-21T15:00:00+02:00"]),
        ("Friday Oct 16 at noon Central", "2026-10-07T08:00:00-05:00", ["2026-10-16T12:00:00-05:00"]),
        ("Let's talk at 2pm.", "2026-10-07T08:00:00-05:00", []),
        ("I was free on Oct 1 at 2pm", "2026-10-07T08:00:00-05:00", []),
        (
            "Options (all Pacific time):\n- Mon 10/12, 9:00 am\n- Tue 10/13, 12:30 pm",
            "2026-10-08T21:00:00-07:00",
            ["2026-10-12T09:00:00-07:00", "2026-10-13T12:30:00-07:00"],
        ),
    ],
)
def test_find_times(text: str, ref: str, want: list[str]) -> None:
    """Times take the zone named after them (with DST for their date), else the Date offset."""
    assert _times(text, ref) == want


def test_your_time_uses_user_zone() -> None:
    """ "Your time" is the user's --tz zone, not the sender's."""
    assert _times("Thursday, October 22 at 3pm your time", "2026-10-16T11:00:00+01:00", "America/Chicago") == [
        "2026-10-22T15:00:00-05:00"
    ]


@pytest.mark.parametrize(
    ("name", "offset_on_2026_10_22"),
    [
        ("Pacific Standard Time", timedelta(hours=-7)),
        ("America/New_York", timedelta(hours=-4)),
        ("ET", timedelta(hours=-4)),
        ("CET", timedelta(hours=2)),
        ("AEDT", timedelta(hours=11)),
        ("UTC+5:30", timedelta(hours=5, minutes=30)),
        ("Sydney", timedelta(hours=11)),
    ],
)
def test_zone_names(name: str, offset_on_2026_10_22: timedelta) -> None:
    """Abbreviations, places, Windows names and offsets map to zones with the right DST."""
    tz = zone(name)
    assert tz is not None
    assert datetime(2026, 10, 22, 12, tzinfo=tz).utcoffset() == offset_on_2026_10_22


@pytest.mark.parametrize("name", ["Nowhere/Zone", "", "../../etc/passwd", "UTC+99"])
def test_unknown_zone(name: str) -> None:
    """Unknown or unsafe zone names resolve to None."""
    assert zone(name) is None


@pytest.mark.parametrize(
    ("text", "video", "booking"),
    [
        ("Zoom: https://us02web.zoom.us/j/123?pwd=x", "https://us02web.zoom.us/j/123?pwd=x", None),
        ("https://meet.google.com/abc-defg-hij", "https://meet.google.com/abc-defg-hij", None),
        ("book here https://calendly.com/pat/30min.", None, "https://calendly.com/pat/30min"),
        ("https://cal.com/pat", None, "https://cal.com/pat"),
        ("grab a slot:\nhttps://schedule.example.org/mk/30", None, "https://schedule.example.org/mk/30"),
        ("my video room: https://video.example.com/r/1", "https://video.example.com/r/1", None),
        ("pick any time on my calendar https://meet.acme.example/pat", None, "https://meet.acme.example/pat"),
        ("openings at https://careers.acme.example/students", None, None),
        ("see https://acme.example/jobs/123 for a booking", None, None),
        ("https://acme.example/team/j/55", "https://acme.example/team/j/55", None),
        ("plan zelf een moment in op https://acme.example/pat", None, "https://acme.example/pat"),
    ],
)
def test_links(text: str, video: str | None, booking: str | None) -> None:
    """Video links, booking pages and neither are told apart by host, path and the words before."""
    links = find_links(text)
    assert (links.video, links.booking) == (video, booking)


@pytest.mark.parametrize(
    ("text", "today", "want"),
    [
        ("I will return on Monday, October 26.", date(2026, 10, 12), date(2026, 10, 26)),
        ("out through Friday, October 23", date(2026, 10, 12), date(2026, 10, 26)),  # back on Monday
        ("ping me again the week of November 18", date(2026, 10, 20), date(2026, 11, 16)),
        ("follow up in January", date(2026, 10, 20), date(2027, 1, 1)),
        ("try me again in two weeks", date(2026, 10, 14), date(2026, 10, 28)),
        ("follow up with me in a bit", date(2026, 10, 14), None),
        ("reply within 2 business days", date(2026, 10, 14), None),
        # a range of days away, in the seven languages: back the next working day after its last day
        ("Je serai absente du 15 au 23 octobre.", date(2026, 10, 12), date(2026, 10, 26)),
        ("Estaré fuera desde el 15 hasta el 23 de octubre.", date(2026, 10, 12), date(2026, 10, 26)),
        ("Ich bin vom 15. bis 23. Oktober nicht im Büro.", date(2026, 10, 12), date(2026, 10, 26)),
        ("I'm away from October 15 to October 21.", date(2026, 10, 12), date(2026, 10, 22)),
        ("Sono fuori ufficio dal 15 al 23 ottobre.", date(2026, 10, 12), date(2026, 10, 26)),
        ("Ik ben afwezig van 15 tot en met 23 oktober.", date(2026, 10, 12), date(2026, 10, 26)),
        ("Estarei ausente de 15 a 23 de outubro.", date(2026, 10, 12), date(2026, 10, 26)),
        ("Away 15-23 October, back Tuesday 27th.", date(2026, 10, 12), date(2026, 10, 27)),
        # a count of days, in words or digits
        ("Escribime dentro de quince días y lo armamos.", date(2026, 10, 12), date(2026, 10, 26)),  # two weeks
        ("Melden Sie sich in vierzehn Tagen wieder.", date(2026, 10, 12), date(2026, 10, 26)),
        ("write me again in 10 days", date(2026, 10, 12), date(2026, 10, 22)),
        # a return day on the next wrapped line, after an absence start written with dots
        ("Ich werde ab 13.10.2026 nicht im Büro sein. Ich kehre zurück am\n16.10.2026.", date(2026, 10, 12),
         date(2026, 10, 16)),
        ("Mi riscriva dopo Pasqua, diciamo da mercoledì 21 ottobre in poi.", date(2026, 10, 12), date(2026, 10, 21)),
    ],
)
def test_resume_date(text: str, today: date, want: date | None) -> None:
    """Return and restart dates come from cues; vague periods give None."""
    assert find_resume_date(text, today) == want


@pytest.mark.parametrize(
    "text",
    [
        "Voici le lien de visio : https://salle.example.org/equipe-42",
        "Te paso el enlace de la videollamada: https://sala.example.com/equipe-42",
        "O link da videochamada é https://sala.example.com.br/equipe-42",
        "Link zum Videocall: https://konf.example.de/equipe-42",
        "De link voor het videogesprek: https://vergader.example.nl/equipe-42",
    ],
)
def test_a_call_link_named_in_another_language(text: str) -> None:
    """A link on an unknown host is the call's when the words before it say so, in any of the languages."""
    links = find_links(text)
    assert (links.video, links.booking) == (text.rsplit(" ", 1)[1], None)


def test_html_keeps_mailto_and_quotes() -> None:
    """HTML anchors keep their targets and blockquotes become > quotes."""
    text = html_to_text('<p>Ask <a href="mailto:ann@x.example">Ann</a></p><blockquote>Tue 2pm</blockquote>')
    assert [ln for ln in text.splitlines() if ln.strip()] == ["Ask Ann <ann@x.example>", "> Tue 2pm"]


def test_html_table_cells_side_by_side_read_apart() -> None:
    """Cells of one table row are separated by a space, so a label and the address beside it stay two words."""
    text = html_to_text("<table><tr><td>Destinatario</td><td>ana@x.example</td></tr><tr><th>Hora</th>"
                        "<td>10:30</td></tr></table>")
    assert [ln for ln in text.splitlines() if ln.strip()] == ["Destinatario ana@x.example", "Hora 10:30"]


def test_unflow_joins_soft_breaks() -> None:
    """format=flowed soft line breaks are joined; the signature separator survives."""
    assert unflow("Friday at \n11:00 am\n-- \nPat", delsp=False) == "Friday at 11:00 am\n-- \nPat"


@pytest.mark.parametrize("charset", [None, "x-bogus", "utf-8", "us-ascii", "iso-2022-jp"])
def test_decode_bytes_falls_back(charset: str | None) -> None:
    """Unknown or wrong charsets fall back to UTF-8, then windows-1252, never raising."""
    assert decode_bytes("Grüße".encode(), charset) in ("Grüße", "GrÃ¼ÃŸe")


def test_delay_warning_is_not_a_bounce() -> None:
    """A DSN whose only action is "delayed" is neither a bounce nor a reply: unknown."""
    raw = (
        b"From: MAILER-DAEMON@mx.example\nTo: jordan.park@example.edu\nDate: Wed, 07 Oct 2026 10:00:00 -0500\n"
        b"Subject: Delayed Mail\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
        b"--b\nContent-Type: text/plain\n\nwill retry\n--b\nContent-Type: message/delivery-status\n\n"
        b"Reporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; x@far.example\nAction: delayed\nStatus: 4.4.1\n--b--\n"
    )
    out = classify_message(raw).to_json()
    assert (out["intent"], out["bounced_recipient"]) == ("unknown", None)


def test_person_is_never_a_bounce() -> None:
    """A person saying a message was undeliverable is not a bounce."""
    body = "My old address said your mail was undeliverable (550). Happy to chat!\n\n> Could we talk?\n"
    assert classify_message(_msg(body)).to_json()["intent"] == "accepted"


def test_known_addresses_are_not_referrals() -> None:
    """People already on the thread, passed by the caller, are never referrals."""
    body = "I'm not the right person; talk to Ann (ann@acme.example) or Bo (bo@acme.example)."
    out = classify_message(_msg(body), known_addresses=["ANN@acme.example"]).to_json()
    assert [r["email"] for r in out["referrals"]] == ["bo@acme.example"]
    assert out["intent"] == "referral"


def test_auto_reply_header_beats_text() -> None:
    """RFC 3834 Auto-Submitted makes a message automatic whatever it says."""
    raw = _msg("Happy to chat Tuesday Oct 13 at 2pm!", headers="Auto-Submitted: auto-replied\n")
    out = classify_message(raw).to_json()
    assert out["intent"] == "auto_reply"


def test_unsubscribe_beats_everything_human() -> None:
    """Do-not-contact wins over other human cues."""
    assert classify_message(_msg("Not interested. Please remove me from your list.")).intent == "unsubscribe"


def test_missing_date_lowers_confidence() -> None:
    """Without a Date header relative times are guesses, so confidence stays low."""
    raw = b"From: a@b.example\nTo: jordan.park@example.edu\n\nSure, happy to chat tomorrow at 10am!\n\n> Could we?\n"
    out = classify_message(raw).to_json()
    assert out["intent"] == "accepted" and out["confidence"] <= 0.5


@pytest.mark.parametrize("raw", [b"", b"\x00\xff" * 100, b"Content-Type: multipart/mixed\n\n--", b"From: <<<\n\n"])
def test_garbage_never_raises(raw: bytes) -> None:
    """Garbage in gives a well-formed result out."""
    out = classify_message(raw).to_json()
    assert out["intent"] in ("unknown", "accepted", "declined") and "confidence" in out


def test_unreadable_file() -> None:
    """A file that cannot be read gives intent unknown and an error."""
    out = classify_file("/nonexistent/reply.eml").to_json()
    assert out["intent"] == "unknown" and out["confidence"] == 0.0 and "error" in out


def test_internal_error_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """An internal failure becomes intent unknown, confidence 0 and an error, not an exception."""
    import outreach.classify as classify

    def boom(raw: bytes) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(classify, "read_mail", boom)
    out = classify.classify_message(b"x").to_json()
    assert (out["intent"], out["confidence"], out["error"]) == ("unknown", 0.0, "RuntimeError: boom")


def test_reference_is_the_date_header_not_utc() -> None:
    """'tomorrow' is read in the Date header's own offset even when UTC has moved on."""
    out = classify_message(_msg("Sure, tomorrow at 10am works.", date_hdr="Mon, 12 Oct 2026 21:47:30 -0500")).to_json()
    assert out["meeting"]["start"] == "2026-10-13T10:00:00-05:00"
