"""`outreach status`: the funnel counts people at each stage, and the needs-you list is complete and short."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from outreach.cli.status import gather, render_text
from outreach.interviews import records as interviews
from outreach.interviews.answers import record_from_reply
from outreach.outgoing import drafts
from outreach.replies.act import stored_result
from outreach.store.models import Reply
from tests.interview_fixtures import NOW, accepted, contact, make_settings, reply, sent

NY = ZoneInfo("America/New_York")


def scenario(tmp_path: Path) -> datetime:
    """Alex: sent, accepted, met, notes with a promise, thanked. Priya: sent, asked a question. One pending draft."""
    settings = make_settings(tmp_path)
    alex, priya = contact(), contact("priya.n@example.org")
    outreach = sent(alex, settings, NOW)
    answer = reply(alex, outreach, "accepted", NOW + timedelta(hours=2),
                   result=accepted(start="2026-10-07T18:00:00+00:00"))
    interview = record_from_reply(alex, answer, stored_result(answer), settings, NOW + timedelta(hours=2))
    interviews.save_notes(interview.id, "## Follow through\n- [ ] 2026-10-09: send my portfolio\n- read the paper\n",
                          settings, NOW + timedelta(days=2))
    sent(alex, settings, NOW + timedelta(days=3), kind="thank_you", subject="Thank you")
    asked = sent(priya, settings, NOW)
    question = reply(priya, asked, "question", NOW + timedelta(hours=5), text="Is this for a class?")
    Reply.update(needs_attention=True).where(Reply.id == question.id).execute()
    reply(priya, asked, "auto_reply", NOW + timedelta(hours=1))
    failed = drafts.create_draft(priya, "follow_up", "Re: hi", "Hi again.", NOW, "cli", settings)
    drafts.approve(failed.id, NOW)
    drafts.claim_for_sending(failed.id, NOW)
    drafts.mark_failed(failed.id, NOW, "550 5.1.1 mailbox unavailable")
    return NOW + timedelta(days=5)


def test_funnel_and_needs_as_plain_text(tmp_path: Path) -> None:
    """Piped: `stage count` lines, then each need with its command."""
    now = scenario(tmp_path)
    assert render_text(gather(now, NY), bars=False) == textwrap.dedent("""\
        introductions 2
        drafted       2
        sent          2
        replied       2
        accepted      1
        held          1
        thanked       1

        needs you:
        - 1 draft to approve (1 confirmation)  (outreach drafts --status pending)
        - draft 5 to priya.n@example.org failed: 550 5.1.1 mailbox unavailable  (outreach drafts show 5)
        - reply 2 from Priya Natarajan <priya.n@example.org> (question) needs an answer  (outreach replies --attention)
        - for Alex Chen: send my portfolio (due Oct 9, overdue)  (outreach interviews notes 1)
        - for Alex Chen: read the paper  (outreach interviews notes 1)
        """)


def test_funnel_as_bars_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal each stage is a bar scaled to the largest count."""
    now = scenario(tmp_path)
    head = render_text(gather(now, NY), bars=True).split("\n\n")[0]
    assert head == "\n".join([
        "introductions " + "█" * 30 + " 2",
        "drafted       " + "█" * 30 + " 2",
        "sent          " + "█" * 30 + " 2",
        "replied       " + "█" * 30 + " 2",
        "accepted      " + "█" * 15 + " " * 15 + " 1",
        "held          " + "█" * 15 + " " * 15 + " 1",
        "thanked       " + "█" * 15 + " " * 15 + " 1",
    ])


def test_scheduling_and_notes_needs(tmp_path: Path) -> None:
    """A proposed interview asks for a time; a past scheduled one without notes asks for notes; JSON shape."""
    settings = make_settings(tmp_path)
    alex, priya = contact(), contact("priya.n@example.org")
    options = accepted(proposed=["2026-10-12T09:00:00-07:00", "2026-10-13T09:00:00-07:00"])
    first = reply(alex, sent(alex, settings, NOW), "accepted", NOW, result=options)
    record_from_reply(alex, first, stored_result(first), settings, NOW)
    second = reply(priya, sent(priya, settings, NOW), "accepted", NOW,
                   result=accepted(start="2026-10-06T15:00:00+00:00", end="2026-10-06T15:30:00+00:00"))
    record_from_reply(priya, second, stored_result(second), settings, NOW)
    status = gather(datetime(2026, 10, 6, 16, 0, tzinfo=UTC), NY).to_json()
    assert status["needs_you"] == [
        {"kind": "schedule", "id": 1, "text": "interview 1 with Alex Chen: pick one of 2 times",
         "command": "outreach interviews set 1 --pick N"},
        {"kind": "notes", "id": 2, "text": "interview 2 with Priya Natarajan (Tue Oct 6): write your notes",
         "command": "outreach interviews notes 2"}]
    assert status["funnel"] == {"introductions": 2, "drafted": 2, "sent": 2, "replied": 2, "accepted": 2,
                                "held": 1, "thanked": 0}


def test_nothing_needs_you(tmp_path: Path) -> None:
    """An empty database: zero bars and a calm line."""
    make_settings(tmp_path)
    assert render_text(gather(NOW, NY), bars=True).endswith("\n\nnothing needs you right now\n")


def test_sending_pause_is_listed_first(tmp_path: Path) -> None:
    """An account-wide sending pause heads the needs-you list with its reason, until it ends."""
    from outreach.sending.sendpause import pause_sending

    make_settings(tmp_path)
    pause_sending(NOW, NOW + timedelta(hours=1), "smtp refused login")
    assert render_text(gather(NOW, NY), bars=False).splitlines()[-2:] == [
        "needs you:",
        "- sending is paused until 2026-10-05 11:00 EDT: smtp refused login  (outreach check --connect)",
    ]
    assert "paused" not in render_text(gather(NOW + timedelta(hours=1), NY), bars=False)
