"""The classifier's typed result: what it holds, its JSON (the contract's object) and reading that JSON back."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from outreach.classify import Classification, Meeting, Referral, classify_file
from outreach.cli.main import cli
from outreach.intents import Intent

DATA = Path(__file__).parent / "data"
# `outreach classify --json --tz America/Chicago *.eml` in tests/data/replies, as printed before the typed result
GOLDEN = DATA / "classify-contract-replies.jsonl"
CORPORA = sorted({p.parent.relative_to(DATA).as_posix() for p in DATA.rglob("*.eml")})
PDT = timezone(timedelta(hours=-7))


def test_cli_json_lines_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    """`outreach classify --json` prints, byte for byte, what it printed for the first corpus before this change."""
    monkeypatch.chdir(DATA / "replies")
    names = sorted(p.name for p in (DATA / "replies").glob("*.eml"))
    result = CliRunner().invoke(cli, ["classify", "--json", "--tz", "America/Chicago", *names])
    assert (result.exit_code, result.output) == (0, GOLDEN.read_text())


@pytest.mark.parametrize("corpus", CORPORA)
def test_json_round_trip(corpus: str) -> None:
    """For every corpus file, from_json(to_json()) gives the same JSON and the same result but for what the JSON
    does not carry: the body, and from_invitation where an invitation left meeting.end empty."""
    wrong = []
    for path in sorted((DATA / corpus).glob("*.eml")):
        out = classify_file(str(path), user_tz="America/Chicago")
        back = Classification.from_json(out.to_json())
        ended = out.meeting is not None and out.meeting.end is not None
        if (back.to_json(), back) != (out.to_json(), dataclasses.replace(out, body="", from_invitation=ended)):
            wrong.append(path.name)
    assert wrong == []


def test_whole_result_of_a_reply_with_one_time() -> None:
    """A person's reply: the intent, the aware start in the Date header's offset, and only their new words."""
    out = classify_file(str(DATA / "replies" / "accepted-one-time-gmail.eml"), user_tz="America/Chicago")
    assert out == Classification(
        intent=Intent.ACCEPTED,
        confidence=0.9,
        meeting=Meeting(start=datetime(2026, 10, 8, 14, 0, tzinfo=PDT)),
        body="Hi Jordan,\n\nHappy to chat! Those two slots are tough for me, but this Thursday (Oct 8) at 2pm my time"
        " works. I'll call the number in your signature, or send me a video link if you'd rather do video.\n\n"
        "Talk soon,\nMaya",
    )


def test_whole_result_of_a_bounce_has_no_body() -> None:
    """Automatic mail carries no body: what a delivery failure returns is our own message, not the contact's words."""
    out = classify_file(str(DATA / "replies" / "bounce-postfix-dsn-user-unknown.eml"))
    assert out == Classification(Intent.BOUNCE, 0.99, bounced_recipient="rafael.alvarez@orbitalsys.example")


def test_an_invitation_says_so() -> None:
    """A calendar invitation's meeting is marked as coming from the invitation; a time in the text is not."""
    invitation = classify_file(str(DATA / "replies" / "accepted-calendar-invite-outlook-base64.eml"))
    one_time = classify_file(str(DATA / "replies" / "accepted-one-time-gmail.eml"))
    assert (invitation.from_invitation, one_time.from_invitation) == (True, False)


def test_to_json_is_the_contract_object() -> None:
    """Times ISO-8601 with their offset, the restart day YYYY-MM-DD, referrals name then email, error only when set."""
    start = datetime(2026, 12, 3, 14, 0, tzinfo=timezone(timedelta(hours=-5)))
    full = Classification(
        intent=Intent.ACCEPTED,
        confidence=0.85,
        meeting=Meeting(start, start + timedelta(minutes=30), "https://meet.example/x", "Room 2", None),
        proposed_times=(start, datetime(2026, 12, 4, 9, 30, tzinfo=UTC)),
        referrals=(Referral(None, "jane@example.com"), Referral("Bo Li", "bo@example.com")),
        resume_after=date(2027, 1, 11),
        bounced_recipient=None,
        body="Sure.",
        from_invitation=True,
    )
    assert full.to_json() == {
        "intent": "accepted",
        "confidence": 0.85,
        "meeting": {
            "start": "2026-12-03T14:00:00-05:00",
            "end": "2026-12-03T14:30:00-05:00",
            "url": "https://meet.example/x",
            "location": "Room 2",
            "booking_url": None,
        },
        "proposed_times": ["2026-12-03T14:00:00-05:00", "2026-12-04T09:30:00+00:00"],
        "referrals": [{"name": None, "email": "jane@example.com"}, {"name": "Bo Li", "email": "bo@example.com"}],
        "resume_after": "2027-01-11",
        "bounced_recipient": None,
    }
    assert Classification(error="cannot read file: No such file or directory").to_json() == {
        "intent": "unknown",
        "confidence": 0.0,
        "meeting": None,
        "proposed_times": [],
        "referrals": [],
        "resume_after": None,
        "bounced_recipient": None,
        "error": "cannot read file: No such file or directory",
    }


def test_from_json_reads_what_older_rows_hold() -> None:
    """A stored object missing keys (older rows, the user's verdicts) reads with defaults; extra keys are ignored."""
    assert Classification.from_json({"intent": "unverified", "held": "not from alex@example.com"}) == Classification(
        Intent.UNVERIFIED
    )
    assert Classification.from_json({}) == Classification()


def test_from_json_refuses_a_time_without_offset() -> None:
    """A stored time that is not an instant is an error naming the value, not a guess."""
    message = r"field 'proposed_times': '2026-10-08T14:00:00' has no UTC offset \(write e\.g\."
    with pytest.raises(ValueError, match=message):
        Classification.from_json({"intent": "accepted", "proposed_times": ["2026-10-08T14:00:00"]})


def test_readers_of_stored_results_do_not_load_the_classifier() -> None:
    """`replies list`, `interviews` and `status` stay quick: the modules that act on a result import it lazily."""
    code = ("import sys, outreach.replies.act, outreach.interviews.records, outreach.cli.status, "
            "outreach.outgoing.prep, outreach.interviews.followups; "
            "print(sorted(m for m in sys.modules if m.startswith('outreach.classify')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout == "[]\n"
