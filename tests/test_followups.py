"""Drafts due with time: thank-you notes (once, at the local hour, across DST, after downtime) and follow-ups."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from outreach.config.settings import Settings
from outreach.intake.contacts import pause_follow_ups, set_status
from outreach.interviews import records as interviews
from outreach.interviews.answers import record_from_reply
from outreach.interviews.followups import add_business_days, create_due_drafts
from outreach.outgoing import drafts
from outreach.replies.act import stored_result
from outreach.store.models import Contact, Draft, Interview
from tests.helpers import INTRODUCTIONS
from tests.interview_fixtures import accepted, contact, make_settings, reply, sent

NY = ZoneInfo("America/New_York")


def at(text: str) -> datetime:
    """An instant written as UTC: '2026-11-01 14:00'."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def interview_at(settings: Settings, start: str, minutes: int = 30) -> Interview:
    """Alex, written to and accepted a week before `start` (UTC), scheduled for `minutes`."""
    alex = contact()
    begin = at(start)
    outreach = sent(alex, settings, begin - timedelta(days=7))
    answer = reply(alex, outreach, "accepted", begin - timedelta(days=6),
                   result=accepted(start=begin.isoformat(), end=(begin + timedelta(minutes=minutes)).isoformat()))
    return record_from_reply(alex, answer, stored_result(answer), settings, begin - timedelta(days=6))


def created(settings: Settings, now: datetime) -> list[str]:
    return create_due_drafts(settings, now, "daemon")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.mark.parametrize(("start", "due"), [
    ("2026-10-31 19:00", "2026-11-01 14:00"),  # Sat 3 PM EDT -> Sun 9 AM EST (clocks went back overnight)
    ("2026-03-07 20:00", "2026-03-08 13:00"),  # Sat 3 PM EST -> Sun 9 AM EDT (clocks went forward overnight)
])
def test_thank_you_at_nine_local_the_next_day_across_dst(settings: Settings, start: str, due: str) -> None:
    """Not a minute before 09:00 local on the next day, exactly once at it, and never again."""
    interview = interview_at(settings, start)
    assert interview.thank_you_due_at == at(due)
    assert created(settings, at(due) - timedelta(minutes=1)) == []
    assert created(settings, at(due)) == [f"thank-you draft 2 for alex.chen@example.com (interview {interview.id})"]
    assert created(settings, at(due) + timedelta(minutes=5)) == []
    assert created(settings, at(due) + timedelta(days=3)) == []
    draft = Draft.get(Draft.kind == "thank_you")
    assert (draft.created_at, draft.related_id, Interview.get_by_id(interview.id).thank_you_draft_id) == (
        at(due), interview.id, draft.id)


def test_thank_you_catches_up_after_downtime(settings: Settings) -> None:
    """A daemon that was down at the due time creates the draft on its first run afterwards, once."""
    interview_at(settings, "2026-10-13 18:00")
    after_downtime = at("2026-10-19 08:00")
    assert len(created(settings, after_downtime)) == 1
    assert created(settings, after_downtime) == []
    assert Draft.select().where(Draft.kind == "thank_you").count() == 1


def test_no_thank_you_for_a_cancelled_or_unscheduled_interview(settings: Settings) -> None:
    """Cancelled interviews and proposed ones (no time) get no thank-you."""
    interview = interview_at(settings, "2026-10-13 18:00")
    interviews.cancel(interview.id, settings, at("2026-10-13 12:00"))
    priya = contact("priya.n@example.org")
    answer = reply(priya, None, "accepted", at("2026-10-10 12:00"), result=accepted(booking_url="https://b.example"))
    record_from_reply(priya, answer, stored_result(answer), settings, at("2026-10-10 12:00"))
    assert created(settings, at("2026-10-30 12:00")) == []


def test_days_after_zero_waits_for_the_end_of_the_interview(tmp_path: Path) -> None:
    """thank_you.days_after 0 with an afternoon interview: due when it ends, not at 09:00 that morning."""
    settings = make_settings(tmp_path, thank_you={"at": "09:00", "days_after": 0})
    interview = interview_at(settings, "2026-10-13 18:00", minutes=20)
    assert interview.thank_you_due_at == at("2026-10-13 18:20")
    assert created(settings, at("2026-10-13 18:19")) == []
    assert len(created(settings, at("2026-10-13 18:20"))) == 1


def test_thank_you_uses_the_notes_and_threads_to_the_conversation(settings: Settings) -> None:
    """The draft replies to their last message, mentions what helped and the follow-through promised."""
    interview = interview_at(settings, "2026-10-13 18:00")
    interviews.save_notes(interview.id, textwrap.dedent("""\
        ## Follow through
        - [ ] 2026-10-20: send you my thesis chapter
        ## People to contact
        - Jane Roe <jane.roe@example.com>
        ## Mention in thank-you
        - your advice to ask about the scope of a project first
        """), settings, at("2026-10-13 19:00"))
    created(settings, at("2026-10-14 13:00"))
    draft = Draft.get(Draft.kind == "thank_you")
    answer = interview.reply
    outreach = Draft.get(Draft.kind == "outreach")
    assert (draft.to_addr, draft.subject, draft.in_reply_to, draft.references, draft.status) == (
        "alex.chen@example.com", "Thank you for your time on Tuesday, October 13", answer.message_id,
        f"{outreach.message_id} {answer.message_id}", "pending")
    assert draft.body == textwrap.dedent("""\
        Hi Alex,

        Thank you for taking the time to talk with me on Tuesday, October 13. I really appreciated your perspective on ML in production and moving from academia.

        A few things I'm taking away:

        - your advice to ask about the scope of a project first

        As promised, I'll send you my thesis chapter.

        I'll reach out to Jane Roe; thank you for the introduction.

        I'll let Maria Lopez know we connected. I'll keep you posted on how things go.

        Thanks again,
        Sam Rivera
        Example University
        """)  # noqa: E501


# ------------------------------------------------------------------ follow-ups

SENT = "2026-10-08 14:00"  # Thursday 10:00 EDT


def follow_up_settings(tmp_path: Path, **follow_up: object) -> Settings:
    return make_settings(tmp_path, follow_up={"after_business_days": 3, "max": 1, **follow_up})


def follow_ups() -> list[tuple[str, str, str | None]]:
    return [(d.to_addr, d.status, d.in_reply_to) for d in Draft.select().where(Draft.kind == "follow_up")]


def test_add_business_days_skips_weekends_and_keeps_wall_time() -> None:
    """Thu + 3 = Tue; Fri + 1 = Mon; Sat + 1 = Mon; the local time survives the DST change."""
    assert add_business_days(datetime(2026, 10, 8, 10, tzinfo=NY), 3, NY) == datetime(2026, 10, 13, 10, tzinfo=NY)
    assert add_business_days(datetime(2026, 10, 9, 16, tzinfo=NY), 1, NY) == datetime(2026, 10, 12, 16, tzinfo=NY)
    assert add_business_days(datetime(2026, 10, 10, 9, tzinfo=NY), 1, NY) == datetime(2026, 10, 12, 9, tzinfo=NY)
    assert add_business_days(at("2026-10-29 14:00"), 3, NY) == at("2026-11-03 15:00")  # 10:00 EDT -> 10:00 EST


def test_simple_follow_up_after_business_days_threaded_and_at_most_max(tmp_path: Path) -> None:
    """Three business days of silence: one threaded follow-up; none again, even if the user rejects it."""
    settings = follow_up_settings(tmp_path)
    outreach = sent(contact(), settings, at(SENT))
    assert created(settings, at("2026-10-13 13:59")) == []
    assert created(settings, at("2026-10-13 14:00")) == ["follow-up draft 2 for alex.chen@example.com"]
    draft = Draft.get(Draft.kind == "follow_up")
    assert (draft.subject, draft.in_reply_to, draft.references) == (
        "Re: Maria Lopez suggested I reach out", outreach.message_id, outreach.message_id)
    assert draft.body.splitlines()[2].startswith("I wanted to follow up on my note from Thursday, October 8")
    drafts.reject(draft.id, at("2026-10-13 15:00"))
    assert created(settings, at("2026-10-30 14:00")) == []


def test_max_two_waits_again_after_the_first_follow_up_is_sent(tmp_path: Path) -> None:
    """With max 2 the second follow-up counts business days from the first one's sending."""
    settings = follow_up_settings(tmp_path, max=2)
    sent(contact(), settings, at(SENT))
    created(settings, at("2026-10-13 14:00"))
    first = Draft.get(Draft.kind == "follow_up")
    drafts.approve(first.id, at("2026-10-13 15:00"))
    drafts.claim_for_sending(first.id, at("2026-10-14 14:00"))
    drafts.mark_sent(first.id, at("2026-10-14 14:00"))
    assert created(settings, at("2026-10-19 13:59")) == []
    assert created(settings, at("2026-10-19 14:00")) == ["follow-up draft 3 for alex.chen@example.com"]
    assert created(settings, at("2026-11-30 14:00")) == []


def test_out_of_office_pauses_until_the_return_date(tmp_path: Path) -> None:
    """An automatic reply is not an answer: follow-ups wait until paused_until, then come."""
    settings = follow_up_settings(tmp_path)
    alex = contact()
    outreach = sent(alex, settings, at(SENT))
    reply(alex, outreach, "auto_reply", at("2026-10-08 14:01"))
    pause_follow_ups(alex, at("2026-10-20 13:00"), at("2026-10-08 14:01"))
    assert created(settings, at("2026-10-20 12:59")) == []
    assert created(settings, at("2026-10-20 13:00")) == ["follow-up draft 2 for alex.chen@example.com"]


def test_later_pauses_then_one_follow_up_threads_to_their_reply(tmp_path: Path) -> None:
    """'Later' with a date: nothing before it, one follow-up at it replying to their message, then none."""
    settings = follow_up_settings(tmp_path)
    alex = contact()
    outreach = sent(alex, settings, at(SENT))
    answer = reply(alex, outreach, "later", at("2026-10-09 15:00"), message_id="<later@example.com>")
    pause_follow_ups(alex, at("2026-11-02 14:00"), at("2026-10-09 15:00"))
    set_status(alex, "later", at("2026-10-09 15:00"))
    assert created(settings, at("2026-11-02 13:59")) == []
    assert created(settings, at("2026-11-02 14:00")) == ["follow-up draft 2 for alex.chen@example.com"]
    assert follow_ups() == [("alex.chen@example.com", "pending", answer.message_id)]
    assert created(settings, at("2026-12-30 14:00")) == []


@pytest.mark.parametrize("stop", ["declined", "question", "bounced", "do_not_contact"])
def test_any_answer_bounce_or_do_not_contact_stops_follow_ups(tmp_path: Path, stop: str) -> None:
    """A real reply of any kind, a bounce or do-not-contact: no follow-up, ever."""
    settings = follow_up_settings(tmp_path)
    alex = contact()
    outreach = sent(alex, settings, at(SENT))
    if stop in ("bounced", "do_not_contact"):
        set_status(alex, stop, at("2026-10-09 12:00"))
    else:
        reply(alex, outreach, stop, at("2026-10-09 12:00"))
    assert created(settings, at("2026-12-30 14:00")) == []


THREE_AT_ONE_COMPANY = INTRODUCTIONS + (
    "  - name: Kim Lee\n    email: kim.lee@example.com\n    company: example corp\n"
    "  - name: Ola Berg\n    email: ola.berg@example.com\n    company: Example Corp\n")


def test_3b7_tries_the_next_contact_at_day_3_then_follows_up_at_day_7(tmp_path: Path) -> None:
    """3b7: day 3 drafts outreach to the next new contact at the same company; day 7 follows up the first."""
    settings = make_settings(tmp_path, follow_up={"routine": "3b7", "max": 1})
    (tmp_path / "introductions.yaml").write_text(THREE_AT_ONE_COMPANY)
    from outreach.intake.contacts import import_introductions, load_introductions

    import_introductions(load_introductions(settings.paths.introductions), at(SENT))
    sent(contact(), settings, at(SENT))
    assert created(settings, at("2026-10-13 13:59")) == []
    assert created(settings, at("2026-10-13 14:00")) == [
        "outreach draft 2 for kim.lee@example.com, the next contact at Example Corp "
        "(alex.chen@example.com has not replied in 3 business days)"]
    assert Draft.get_by_id(2).related_id == contact().id
    assert created(settings, at("2026-10-16 14:00")) == []
    assert created(settings, at("2026-10-19 14:00")) == ["follow-up draft 3 for alex.chen@example.com"]
    assert created(settings, at("2026-11-19 14:00")) == []
    assert Contact.get(Contact.email == "ola.berg@example.com").drafts.count() == 0


def test_3b7_after_downtime_takes_both_steps_in_order(tmp_path: Path) -> None:
    """A first run on day 8 owes both steps: the next contact first, then the follow-up."""
    settings = make_settings(tmp_path, follow_up={"routine": "3b7", "max": 1})
    (tmp_path / "introductions.yaml").write_text(THREE_AT_ONE_COMPANY)
    from outreach.intake.contacts import import_introductions, load_introductions

    import_introductions(load_introductions(settings.paths.introductions), at(SENT))
    sent(contact(), settings, at(SENT))
    assert [line.split(",")[0] for line in created(settings, at("2026-10-20 14:00"))] == [
        "outreach draft 2 for kim.lee@example.com", "follow-up draft 3 for alex.chen@example.com"]


@pytest.mark.parametrize("case", ["bounced", "bounce waiting for the user", "bounce after a later"])
def test_a_bounced_contact_never_gets_a_follow_up(settings: Settings, case: str) -> None:
    """Whether the bounce acted, waits for the user (low confidence) or came after "later", no follow-up ever."""
    alex = contact()
    outreach = sent(alex, settings, at("2026-10-05 14:00"))
    if case == "bounce after a later":
        reply(alex, outreach, "later", at("2026-10-06 14:00"))
        set_status(alex, "later", at("2026-10-06 14:00"))
        pause_follow_ups(alex, at("2026-10-20 04:00"), at("2026-10-06 14:00"))
    reply(alex, outreach, "bounce", at("2026-10-07 14:00"))
    if case != "bounce waiting for the user":
        set_status(alex, "bounced", at("2026-10-07 14:00"))
    assert [created(settings, at(day)) for day in ("2026-10-21 14:00", "2026-11-16 14:00", "2027-01-04 14:00")] \
        == [[], [], []]
