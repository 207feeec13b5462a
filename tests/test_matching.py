"""Matching messages to our threads: pure, no database or server."""

from __future__ import annotations

from pathlib import Path

import pytest

from outreach.replies.matching import (
    Headers,
    Match,
    NeedBody,
    SentIndex,
    match_body,
    parse_headers,
    screen,
    unique_names,
)

CORPUS = Path(__file__).parent / "data" / "replies"
ME = "sam@example.edu"
INDEX = SentIndex(
    me=ME,
    message_ids={"<ours-1@example.edu>": (1, 10), "<ours-2@example.edu>": (1, 11),
                 "<replaced-by-provider@mail.example.net>": (2, 20)},
    addresses={"alex@example.com": 1, "priya@example.org": 2,
               "rafael.alvarez@orbitalsys.example": 3, "ops@nimbus-labs.example": 4},
    names={"alex chen": 1, "priya natarajan": 2},
)


def headers(**fields: object) -> Headers:
    return Headers(**fields)  # type: ignore[arg-type]


SCREEN_CASES = [
    ("in-reply-to", headers(in_reply_to=("<ours-1@example.edu>",), from_addr="someone@else.example"),
     Match(1, 10, "thread")),
    ("references, most recent wins", headers(references=("<ours-1@example.edu>", "<ours-2@example.edu>"),
                                             from_addr="x@y.example"), Match(1, 11, "thread")),
    ("provider-replaced id", headers(in_reply_to=("<replaced-by-provider@mail.example.net>",)),
     Match(2, 20, "thread")),
    ("sender address", headers(from_addr="priya@example.org", subject="quick question"), Match(2, None, "sender")),
    ("our own mail (From: me)", headers(from_addr=ME, in_reply_to=("<ours-1@example.edu>",)), None),
    ("our own mail (draft header)", headers(from_addr="alias@example.edu", outreach_draft="abc",
                                            in_reply_to=("<ours-1@example.edu>",)), None),
    ("unrelated", headers(from_addr="news@lists.example.org", subject="Weekly digest"), None),
    ("unknown thread", headers(in_reply_to=("<someone-elses@example.org>",), from_addr="x@y.example"), None),
    ("delivery report", headers(from_addr="mailer-daemon@mx.example.net", content_type="multipart/report"),
     "report"),
    ("null return path", headers(from_addr="postmaster@x.example", return_path="<>"), "report"),
    ("calendar invitation", headers(from_addr="calendar@booking.example", subject="Invitation: chat with Sam"),
     "calendar"),
]


@pytest.mark.parametrize(("name", "given", "expected"), SCREEN_CASES, ids=[c[0] for c in SCREEN_CASES])
def test_screen(name: str, given: Headers, expected: object) -> None:
    """Threads first, then the sender, then reports and invitations go to the body; our own mail never matches."""
    verdict = screen(given, INDEX)
    if isinstance(expected, str):
        assert isinstance(verdict, NeedBody) and verdict.kind == expected
    else:
        assert verdict == expected


def test_parse_headers_unfolds_and_decodes() -> None:
    """Folded References, encoded-word subjects and display-name From parse into the fields matching uses."""
    block = (b"Message-ID: <r1@example.com>\r\nIn-Reply-To: <Ours-1@Example.edu>\r\n"
             b"References: <a@x.example>\r\n <ours-1@example.edu>\r\n"
             b"From: \"Chen, Alex\" <Alex@Example.com>\r\nSubject: =?UTF-8?Q?Re:_caf=C3=A9?=\r\n"
             b"Content-Type: text/plain;\r\n charset=utf-8\r\nX-Outreach-Draft: 42\r\n\r\n")
    assert parse_headers(block) == Headers(
        message_id="<r1@example.com>", in_reply_to=("<ours-1@example.edu>",),
        references=("<a@x.example>", "<ours-1@example.edu>"), from_addr="alex@example.com",
        subject="Re: café", content_type="text/plain; charset=utf-8", return_path="", outreach_draft="42",
        from_header='"Chen, Alex" <Alex@Example.com>', failed_recipients="",
    )


def test_postfix_dsn_matches_the_failed_recipient() -> None:
    """A Postfix RFC 3464 bounce matches the contact named in its delivery status."""
    raw = (CORPUS / "bounce-postfix-dsn-user-unknown.eml").read_bytes()
    head = parse_headers(raw.split(b"\r\n\r\n", 1)[0])
    verdict = screen(head, INDEX)
    assert isinstance(verdict, NeedBody) and verdict.kind == "report"
    assert match_body(raw, head, INDEX, "report") == Match(3, None, "bounce")


def test_bounce_matches_our_original_message_id() -> None:
    """The original's Message-ID inside the report wins over addresses, and gives the draft."""
    raw = (b"From: MAILER-DAEMON@mx.example.net\r\nSubject: Undelivered Mail Returned to Sender\r\n"
           b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
           b"--b\r\nContent-Type: text/plain\r\n\r\nCould not deliver to <priya@example.org>\r\n"
           b"--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <ours-2@example.edu>\r\n"
           b"To: alex@example.com\r\n--b--\r\n")
    head = parse_headers(raw.split(b"\r\n\r\n", 1)[0])
    assert match_body(raw, head, INDEX, "report") == Match(1, 11, "bounce")


def test_qmail_text_bounce() -> None:
    """A plain-text qmail notice matches by the "<address>:" line."""
    raw = (CORPUS / "bounce-qmail-plain-text.eml").read_bytes()
    recipient = next(line for line in raw.decode().splitlines() if line.startswith("<")).split(">")[0][1:]
    index = SentIndex(me=ME, addresses={recipient.lower(): 7})
    head = parse_headers(raw.split(b"\n\n", 1)[0])
    assert match_body(raw, head, index, "report") == Match(7, None, "bounce")


def test_calendar_invitation_names_the_contact() -> None:
    """An invitation from a calendar service matches the one contact it names (address, else full name)."""
    by_address = b"Subject: Invitation: chat\r\nContent-Type: text/calendar\r\n\r\nATTENDEE:mailto:alex@example.com\r\n"
    by_name = b"Subject: Booked: 20 min\r\n\r\nYour meeting with Priya  Natarajan is confirmed.\r\n"
    both = b"Subject: Invitation\r\n\r\nalex@example.com and priya@example.org\r\n"
    results = [match_body(raw, Headers(), INDEX, "calendar") for raw in (by_address, by_name, both)]
    assert results == [Match(1, None, "calendar"), Match(2, None, "calendar"), None]


def test_unique_names_drops_shared_and_single_names() -> None:
    """Only full names that belong to one contact are used for calendar matching."""
    assert unique_names([(1, "Alex Chen"), (2, "alex  chen"), (3, "Priya Natarajan"), (4, "Cher")]) == {
        "priya natarajan": 3}


OURS_RETURNED = "Message-ID: <ours-2@example.edu>\r\nTo: alex@example.com\r\n"


def report(report_type: str, status: str, returned: str = OURS_RETURNED,
           sender: str = "MAILER-DAEMON@mx.example.net") -> bytes:
    """A multipart/report of `report_type` whose status part is `status`, returning our message's headers."""
    return (f"From: {sender}\r\nTo: {ME}\r\nSubject: Report\r\nContent-Type: multipart/report; "
            f"report-type={report_type}; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nA report.\r\n"
            f"--b\r\nContent-Type: message/{report_type}\r\n\r\n{status}\r\n"
            f"--b\r\nContent-Type: text/rfc822-headers\r\n\r\n{returned}--b--\r\n").encode()


DSN = "Reporting-MTA: dns; mx.example.net\r\n\r\nFinal-Recipient: rfc822; alex@example.com\r\nAction: {action}\r\n" \
      "Status: {status}\r\n"
REPORT_CASES = [
    ("failure returning our message", report("delivery-status", DSN.format(action="failed", status="5.1.1")),
     Match(1, 11, "bounce")),
    ("failure naming a contact only", report("delivery-status", DSN.format(action="failed", status="5.1.1"),
                                             returned="To: alex@example.com\r\n"), Match(1, None, "bounce")),
    ("delay warning: left alone", report("delivery-status", DSN.format(action="delayed", status="4.4.1")), None),
    ("success report: left alone", report("delivery-status", DSN.format(action="delivered", status="2.0.0"),
                                          returned="To: alex@example.com\r\n"), None),
    ("a provider's notice in its own words, from a no-reply mailbox, returning our message",
     ("From: Notices <noreply@isp.example>\r\nTo: sam@example.edu\r\nSubject: =?utf-8?b?6YCa55+l?=\r\n"
      "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\n"
      "Your mail was not delivered to alex@example.com: mailbox full.\r\n--m\r\nContent-Type: message/rfc822\r\n"
      f"\r\nFrom: {ME}\r\n{OURS_RETURNED}Subject: hello\r\n\r\nHi Alex\r\n--m--\r\n").encode(),
     Match(1, 11, "bounce")),
    ("a list refusing our post to it, returning our message",
     ("From: mentors-owner@lists.example\r\nTo: sam@example.edu\r\nSubject: Your message to Mentors was rejected"
      "\r\nPrecedence: bulk\r\nX-List-Administrivia: yes\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n"
      "--m\r\nContent-Type: text/plain\r\n\r\nOnly members may post to this list.\r\n--m\r\n"
      "Content-Type: message/rfc822\r\n\r\n"
      f"From: {ME}\r\nMessage-ID: <ours-1@example.edu>\r\nTo: alex@example.com\r\nSubject: hello\r\n\r\n"
      "Hi\r\n--m--\r\n").encode(),
     Match(1, 10, "bounce")),
    ("spam complaint returning our message: for the classifier",
     report("feedback-report", "Feedback-Type: abuse\r\nUser-Agent: x/1\r\nVersion: 1\r\n",
            sender="feedback@isp.example"), Match(1, 11, "report")),
]


@pytest.mark.parametrize(("name", "raw", "expected"), REPORT_CASES, ids=[c[0] for c in REPORT_CASES])
def test_reports(name: str, raw: bytes, expected: Match | None) -> None:
    """Every report goes to the body; only a delivery failure is a bounce, and a delay changes nothing."""
    head = parse_headers(raw.split(b"\r\n\r\n", 1)[0])
    verdict = screen(head, INDEX)
    assert isinstance(verdict, NeedBody) and verdict.kind == "report"
    assert match_body(raw, head, INDEX, "report") == expected


ENVELOPE_CASES = [
    ("X-Failed-Recipients only",
     b"From: mail@relay.example\r\nSubject: hi\r\nX-Failed-Recipients: alex@example.com\r\n", True),
    ("mail delivery system by name", b"From: Mail Delivery System <mds@relay.example>\r\nSubject: Notice\r\n", True),
    ("a person's reply about a failure", b"From: bob@else.example\r\nSubject: Re: Undeliverable: hello\r\n", False),
    ("a no-reply mailbox's newsletter", b"From: no-reply@news.example\r\nSubject: Weekly\r\n"
     b"Content-Type: multipart/alternative; boundary=a\r\n", False),
    ("a list owner's plain-text notice", b"From: makers-owner@lists.example\r\nSubject: Request rejected\r\n"
     b"Content-Type: text/plain\r\n", True),
]


@pytest.mark.parametrize(("name", "block", "fetched"), ENVELOPE_CASES, ids=[c[0] for c in ENVELOPE_CASES])
def test_notices_are_screened_by_the_classifiers_envelope_test(name: str, block: bytes, fetched: bool) -> None:
    """The headers-only step asks classify.bounces whether the envelope is a notice's."""
    assert isinstance(screen(parse_headers(block), INDEX), NeedBody) is fetched
