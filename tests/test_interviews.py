"""Interview records: every transition with an injected `now`, confirmations, notes and the referral loop."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from outreach.config.settings import Settings
from outreach.errors import InterviewError, NotesError
from outreach.interviews import records as interviews
from outreach.interviews.answers import record_from_reply
from outreach.interviews.export import exportable
from outreach.interviews.records import parse_when
from outreach.outgoing import drafts
from outreach.outgoing.prep import render_prep
from outreach.replies.act import stored_result
from outreach.store.models import Contact, Draft, FollowThrough, Interview
from tests.helpers import write_template
from tests.interview_fixtures import NOW, accepted, contact, make_settings, reply, sent
from tests.test_calendar_ics import events, unfold

LATER = NOW + timedelta(hours=3)
NY = ZoneInfo("America/New_York")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


def accept(settings: Settings, **meeting: object) -> Interview:
    """Alex was written to at NOW and accepted at LATER with this classifier result."""
    alex = contact()
    outreach = sent(alex, settings, NOW)
    answer = reply(alex, outreach, "accepted", LATER, result=accepted(**meeting), message_id="<yes@example.com>")
    return record_from_reply(alex, answer, stored_result(answer), settings, LATER)


def drafts_of(kind: str) -> list[tuple[int, str, str | None]]:
    return [(d.id, d.status, d.reason) for d in Draft.select().where(Draft.kind == kind).order_by(Draft.id)]


def test_one_time_in_their_words_schedules_and_queues_a_threaded_confirmation(settings: Settings) -> None:
    """A time the contact wrote: scheduled, contact in `meeting`, a confirmation reply with an invitation."""
    interview = accept(settings, start="2026-10-08T14:00:00-07:00", url="https://meet.example.com/abc")
    assert (interview.status, interview.start, interview.end, contact().status) == (
        "scheduled", datetime(2026, 10, 8, 21, 0, tzinfo=UTC), datetime(2026, 10, 8, 21, 30, tzinfo=UTC), "meeting")
    assert interview.thank_you_due_at == datetime(2026, 10, 9, 13, 0, tzinfo=UTC)  # 9:00 EDT the next day
    draft = Draft.get_by_id(interview.confirmation_draft_id)
    outreach = Draft.get(Draft.kind == "outreach")
    assert (draft.kind, draft.status, draft.subject, draft.in_reply_to, draft.references, draft.related_id) == (
        "confirmation", "pending", "Re: Maria Lopez suggested I reach out", "<yes@example.com>",
        f"{outreach.message_id} <yes@example.com>", interview.id)
    assert draft.body == (
        "Hi Alex,\n\n"
        "Thank you! Confirming our call on Thursday, October 8, 2026 at 5:00 PM EDT (2:00 PM PDT your time).\n"
        "Call link: https://meet.example.com/abc\n"
        "I've attached a calendar invitation.\n\n"
        "Looking forward to it,\nSam Rivera\nExample University\n")
    (attachment,) = draft.attachments
    assert (attachment["filename"], attachment["mime"], attachment["params"]) == (
        "invite.ics", "text/calendar", {"method": "REQUEST"})
    (event,) = icalendar.Calendar.from_ical(attachment["content"]).walk("VEVENT")
    assert (event.decoded("DTSTART"), str(event["ATTENDEE"])) == (interview.start, "mailto:alex.chen@example.com")


def test_your_copy_of_the_confirmation_template_writes_it(settings: Settings) -> None:
    """A confirmation.txt.j2 in your templates folder overrides the shipped one; the thread's subject is kept."""
    write_template(settings, "confirmation.txt.j2", "Subject: {{ thread.subject | reply_subject }}\n\n"
                   "{{ contact.first_name }}: {{ interview.starts }}, offered: {{ interview.offered }}.\n")
    interview = accept(settings, start="2026-10-08T14:00:00-07:00")
    draft = Draft.get_by_id(interview.confirmation_draft_id)
    assert (draft.subject, draft.body, draft.template) == (
        "Re: Maria Lopez suggested I reach out", "Alex: Thursday, October 8, 2026 at 5:00 PM EDT, offered: True.\n",
        "confirmation.txt.j2")


def test_the_same_reply_twice_records_once(settings: Settings) -> None:
    """Seeing a reply again returns the same interview and queues no second confirmation."""
    first = accept(settings, start="2026-10-08T14:00:00-07:00")
    answer = first.reply
    again = record_from_reply(contact(), answer, stored_result(answer), settings, LATER + timedelta(hours=1))
    assert (again.id, Interview.select().count(), len(drafts_of("confirmation"))) == (first.id, 1, 1)


def test_their_calendar_invitation_is_only_recorded(settings: Settings) -> None:
    """An invitation the contact sent (start and end from the calendar part): scheduled, no confirmation."""
    interview = accept(settings, start="2026-10-08T21:00:00+00:00", end="2026-10-08T21:45:00+00:00",
                       url="https://meet.example.com/cal")
    assert (interview.status, interview.end - interview.start, interview.confirmation_draft_id) == (
        "scheduled", timedelta(minutes=45), None)
    assert drafts_of("confirmation") == []


def test_options_then_pick_confirms_the_chosen_one(settings: Settings) -> None:
    """Several options: proposed; --pick 2 schedules that option and confirms it."""
    interview = accept(settings, proposed=["2026-10-12T09:00:00-07:00", "2026-10-13T11:00:00-07:00"])
    assert (interview.status, interview.start, interview.confirmation_draft_id) == ("proposed", None, None)
    set_at = LATER + timedelta(hours=1)
    picked, draft = interviews.set_time(interview.id, settings, set_at, pick=2, url="https://meet.example.com/p")
    assert (picked.status, picked.start, picked.url, picked.updated_at) == (
        "scheduled", datetime(2026, 10, 13, 18, 0, tzinfo=UTC), "https://meet.example.com/p", set_at)
    assert draft is not None and draft.body.splitlines()[2] == (
        "Thank you! Confirming our call on Tuesday, October 13, 2026 at 2:00 PM EDT (11:00 AM PDT your time).")
    with pytest.raises(InterviewError, match="has 2 proposed option"):
        interviews.set_time(interview.id, settings, set_at, pick=3)


def test_a_time_they_did_not_offer_is_proposed_and_a_new_time_replaces_the_unsent_one(settings: Settings) -> None:
    """--at on a bare yes asks 'would X work'; setting again rejects the unsent confirmation and keeps the length."""
    interview = accept(settings)
    _, first = interviews.set_time(interview.id, settings, LATER, at="2026-10-13 14:00")
    assert first is not None and first.body.splitlines()[2] == (
        "Thank you! Would Tuesday, October 13, 2026 at 2:00 PM EDT (11:00 AM PDT your time) work for you? "
        "If not, just suggest another time.")
    moved, second = interviews.set_time(interview.id, settings, LATER, at="2026-10-14 9:30am America/Los_Angeles")
    assert (moved.start, moved.end - moved.start) == (datetime(2026, 10, 14, 16, 30, tzinfo=UTC), timedelta(minutes=30))
    assert second is not None and drafts_of("confirmation") == [
        (first.id, "rejected", "the interview time changed"), (second.id, "pending", None)]


def test_a_booking_link_gets_no_confirmation(settings: Settings) -> None:
    """The booking page sends its own invitation: setting the time only records it."""
    interview = accept(settings, booking_url="https://schedule.example.org/mk/30")
    scheduled, draft = interviews.set_time(interview.id, settings, LATER, at="2026-10-13T14:00:00-05:00")
    assert (scheduled.status, scheduled.start, draft) == ("scheduled", datetime(2026, 10, 13, 19, 0, tzinfo=UTC), None)


def test_cancel_withdraws_unsent_drafts_and_is_final(settings: Settings) -> None:
    """Cancelling rejects the pending confirmation; a cancelled interview cannot be set or held."""
    interview = accept(settings, start="2026-10-08T14:00:00-07:00")
    cancelled, cancellation = interviews.cancel(interview.id, settings, LATER)
    assert (cancelled.status, cancellation, interviews.cancel(interview.id, settings, LATER)[0].status) == (
        "cancelled", None, "cancelled")
    assert drafts_of("confirmation") == [(interview.confirmation_draft_id, "rejected", "the interview was cancelled")]
    with pytest.raises(InterviewError, match="interview 1 is cancelled; it cannot become scheduled"):
        interviews.set_time(interview.id, settings, LATER, at="2026-10-13 14:00")
    with pytest.raises(InterviewError, match="it cannot become held"):
        interviews.save_notes(interview.id, "## Trends\n", settings, LATER)


def send(draft_id: int, at: datetime) -> Draft:
    """Approve (if still pending) and send a draft, as the user and the sender would."""
    drafts.approve(draft_id, at)
    drafts.claim_for_sending(draft_id, at)
    return drafts.mark_sent(draft_id, at)


def test_cancel_after_a_sent_invitation_queues_a_pending_threaded_cancellation(tmp_path: Path) -> None:
    """Even with confirmations on auto: one pending reply in the thread; METHOD:CANCEL, same UID, higher SEQUENCE."""
    settings = make_settings(tmp_path, approval={"confirmation": "auto"})
    interview = accept(settings, start="2026-10-08T14:00:00-07:00", url="https://meet.example.com/abc")
    confirmation = send(interview.confirmation_draft_id, LATER + timedelta(minutes=30))
    cancelled, draft = interviews.cancel(interview.id, settings, LATER + timedelta(hours=1))
    assert draft is not None and cancelled.status == "cancelled"
    assert drafts_of("confirmation") == [(confirmation.id, "sent", None), (draft.id, "pending", None)]
    outreach = Draft.get(Draft.kind == "outreach")
    assert (draft.subject, draft.in_reply_to, draft.references, draft.related_id, draft.approved_at) == (
        "Re: Maria Lopez suggested I reach out", confirmation.message_id,
        f"{outreach.message_id} <yes@example.com> {confirmation.message_id}", interview.id, None)
    assert draft.body == (
        "Hi Alex,\n\n"
        "I'm sorry, but I need to cancel our call on Thursday, October 8, 2026 at 5:00 PM EDT (2:00 PM PDT your time). "
        "Thank you for understanding, and I hope we can find another time.\n\n"
        "Sam Rivera\nExample University\n")
    (attachment,) = draft.attachments
    assert (attachment["filename"], attachment["mime"], attachment["params"]) == (
        "invite.ics", "text/calendar", {"method": "CANCEL"})
    (original,) = events(confirmation.attachments[0]["content"])
    (withdrawn,) = events(attachment["content"])
    assert [v for n, _, v in unfold(attachment["content"]) if n == "METHOD"] == ["CANCEL"]
    assert (withdrawn["UID"], withdrawn["STATUS"], original["SEQUENCE"], withdrawn["SEQUENCE"]) == (
        original["UID"], ({}, "CANCELLED"), ({}, "0"), ({}, "1"))
    cal = icalendar.Calendar.from_ical(attachment["content"])
    (event,) = cal.walk("VEVENT")
    assert (str(cal["METHOD"]), str(event["UID"]), event["SEQUENCE"], str(event["STATUS"]),
            event.decoded("DTSTART")) == (
        "CANCEL", "outreach-interview-1@example.test", 1, "CANCELLED", interview.start)
    assert interviews.cancel(interview.id, settings, LATER + timedelta(hours=2))[1] is None
    assert len(drafts_of("confirmation")) == 2


def test_cancel_after_a_new_unsent_time_names_the_time_they_were_sent(settings: Settings) -> None:
    """Sent for one time, moved (unsent), cancelled: the new confirmation is withdrawn, the sent time cancelled."""
    interview = accept(settings, start="2026-10-08T14:00:00-07:00")
    first = send(interview.confirmation_draft_id, LATER)
    _, second = interviews.set_time(interview.id, settings, LATER, at="2026-10-13 14:00")
    _, draft = interviews.cancel(interview.id, settings, LATER + timedelta(hours=1))
    assert second is not None and draft is not None and drafts_of("confirmation") == [
        (first.id, "sent", None), (second.id, "rejected", "the interview was cancelled"), (draft.id, "pending", None)]
    assert draft.body.splitlines()[2].startswith(
        "I'm sorry, but I need to cancel our call on Thursday, October 8, 2026 at 5:00 PM EDT (2:00 PM PDT your time).")
    (event,) = events(draft.attachments[0]["content"])
    (offered,) = events(second.attachments[0]["content"])
    assert (event["SEQUENCE"], offered["SEQUENCE"], event["DTSTART"]) == (
        ({}, "1"), ({}, "1"), ({"TZID": "America/New_York"}, "20261008T170000"))


@pytest.mark.parametrize("meeting", [
    {"start": "2026-10-08T21:00:00+00:00", "end": "2026-10-08T21:45:00+00:00"},  # their own invitation
    {"booking_url": "https://schedule.example.org/mk/30"},
    {"proposed": ["2026-10-12T09:00:00-07:00"]},
])
def test_no_cancellation_when_no_invitation_of_ours_went_out(settings: Settings, meeting: dict[str, object]) -> None:
    """Their invitation, a booking link or a proposed time: cancelling queues nothing."""
    interview = accept(settings, **meeting)
    if interview.booking_url:
        interviews.set_time(interview.id, settings, LATER, at="2026-10-13 14:00")
    cancelled, draft = interviews.cancel(interview.id, settings, LATER)
    assert (cancelled.status, draft, drafts_of("confirmation")) == ("cancelled", None, [])


NOTES = """## Trends
Smaller models.
## People to contact
- Jane Roe <jane.roe@example.com>, Example Health
- Maria Lopez <priya.n@example.org>
## Follow through
- [ ] 2026-10-20: send my thesis chapter
## Mention in thank-you
- the advice on scoping
"""


def test_notes_hold_the_interview_and_close_the_referral_loop(settings: Settings) -> None:
    """Saving notes: held, contact met, follow-through stored, new people referred by the interviewee."""
    interview = accept(settings, start="2026-10-08T14:00:00-07:00")
    saved_at = datetime(2026, 10, 8, 23, 0, tzinfo=UTC)
    saved = interviews.save_notes(interview.id, NOTES, settings, saved_at)
    assert (saved.interview.status, saved.interview.notes, saved.follow_through, contact().status) == (
        "held", NOTES, 1, "met")
    assert [(c.email, c.name, c.referred_by, c.referred_by_email, c.source, c.status) for c in saved.new_contacts] == [
        ("jane.roe@example.com", "Jane Roe", "Alex Chen", "alex.chen@example.com", "notes", "new")]
    assert [(f.text, f.due.isoformat(), f.done_at) for f in FollowThrough.select()] == [
        ("send my thesis chapter", "2026-10-20", None)]
    ticked = NOTES.replace("- [ ] 2026", "- [x] 2026")
    again = interviews.save_notes(interview.id, ticked, settings, saved_at + timedelta(days=1))
    assert (again.new_contacts, [f.done_at for f in FollowThrough.select()]) == ([], [saved_at + timedelta(days=1)])


def test_invalid_notes_store_nothing(settings: Settings) -> None:
    """A notes error changes nothing: still scheduled, no referrals, no follow-through."""
    interview = accept(settings, start="2026-10-08T14:00:00-07:00")
    with pytest.raises(NotesError, match="notes for interview 1, line 2: unknown section"):
        interviews.save_notes(interview.id, "## Trends\n## Rumours\n- Jane <jane@example.com>\n", settings, LATER)
    assert (Interview.get_by_id(interview.id).status, Contact.select().count(), FollowThrough.select().count()) == (
        "scheduled", 2, 0)


def test_notes_need_a_time_first(settings: Settings) -> None:
    """A proposed interview has no time to hold; the error names the command that fixes it."""
    interview = accept(settings, booking_url="https://schedule.example.org/mk/30")
    with pytest.raises(InterviewError, match=r"record when it happened with `outreach interviews set 1 --at WHEN`"):
        interviews.save_notes(interview.id, NOTES, settings, LATER)


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-10-13 14:00", datetime(2026, 10, 13, 14, 0, tzinfo=NY)),
    ("2026-10-13T2:05pm", datetime(2026, 10, 13, 14, 5, tzinfo=NY)),
    ("2026-11-03 12:00am", datetime(2026, 11, 3, 0, 0, tzinfo=NY)),
    ("2026-11-03 10:00 Europe/London", datetime(2026, 11, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))),
    ("2026-11-03T10:00:00+05:30", datetime(2026, 11, 3, 4, 30, tzinfo=UTC)),
    ("2026-11-03 10:00 UTC", datetime(2026, 11, 3, 10, 0, tzinfo=UTC)),
])
def test_parse_when(text: str, expected: datetime) -> None:
    """--at is read in the user's zone unless it names a zone or an offset."""
    assert parse_when(text, NY) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("next tuesday", "cannot read the time 'next tuesday'; write it as YYYY-MM-DD HH:MM"),
    ("2026-10-13 14:00 Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
    ("2026-10-13 13:00pm", "with am/pm the hour is 1 to 12"),
    ("2026-02-30 10:00", "day is out of range for month"),
])
def test_parse_when_errors(text: str, message: str) -> None:
    """Unreadable times say how to write them."""
    with pytest.raises(InterviewError, match=message):
        parse_when(text, NY)


def test_prep_brief_whole_output(settings: Settings) -> None:
    """The prep brief: who, when (both zones), the thread, checklist, big three and topic-shaped TIARA."""
    interview = accept(settings, start="2026-10-08T14:00:00-07:00", url="https://meet.example.com/abc")
    brief = render_prep(interview, settings)
    assert brief.subject == "Prep: Alex Chen (Example Corp), Thursday, October 8, 2026 at 5:00 PM EDT"
    assert brief.body == """\
# Alex Chen, Staff Data Scientist at Example Corp

- When: Thursday, October 8, 2026 at 5:00 PM EDT (30 minutes); 2:00 PM PDT for them
- Where: https://meet.example.com/abc
- Email: alex.chen@example.com
- Introduced by: Maria Lopez (my thesis advisor)

## The conversation so far

### Sam Rivera, Monday, October 5

Hello.

### Alex Chen, Monday, October 5

Happy to chat.

## Research checklist

- [ ] Read Alex's LinkedIn profile and any recent posts or talks
- [ ] Skim Example Corp's website, recent news and open roles
- [ ] Find one recent piece of their work you can ask about
- [ ] Decide the one thing you most want to learn
- [ ] Read up on ML in production
- [ ] Read up on moving from academia

## Your big three

- Tell me about yourself: I study data science.
- Why this field: I like evidence.
- What you're looking for: An applied ML role.

## TIARA questions

- Trends: What trends are shaping ML in production and moving from academia at Example Corp right now?
- Insights: What surprised you most when you started as a Staff Data Scientist?
- Advice: If you were starting out in ML in production today, what would you do first?
- Resources: Which people, communities or reading should I look at next on ML in production and moving from academia?
- Assignments: What project or task would be a good test of whether I'd enjoy this work?

## Close

- Thank them; ask whether there's anyone else you should talk to (and whether you may mention their name).
- Afterwards: `outreach interviews notes 1` while it's fresh; the thank-you draft follows the next day.
"""


def test_prep_brief_for_a_proposed_interview_lists_the_options(settings: Settings) -> None:
    """Without a fixed time the brief shows the options offered and says there is no link yet."""
    interview = accept(settings, proposed=["2026-10-12T09:00:00-07:00", "2026-10-13T11:00:00-07:00"])
    head = render_prep(interview, settings).body.split("\n\n")[1]
    assert head == (
        "- When: not fixed yet\n"
        "- Options they offered: Monday, October 12, 2026 at 12:00 PM EDT; Tuesday, October 13, 2026 at 2:00 PM EDT\n"
        "- Where: no call link yet\n- Email: alex.chen@example.com\n- Introduced by: Maria Lopez (my thesis advisor)")


def test_a_later_yes_in_the_same_conversation_never_makes_a_second_interview(settings: Settings) -> None:
    """A stored reply resolved as accepted (no thread reading) in a live conversation: its time is another
    time for the one interview (proposed again, the user asked), its unsent confirmation withdrawn."""
    interview = accept(settings, start="2026-10-08T14:00:00-07:00")
    again = reply(contact(), None, "accepted", LATER + timedelta(hours=1), message_id="<again@example.com>",
                  result=accepted(start="2026-10-09T10:00:00-07:00"))
    from outreach.replies.act import stored_result

    same = record_from_reply(contact(), again, stored_result(again), settings, LATER + timedelta(hours=1))
    assert (same.id, Interview.select().count(), same.status, same.start, same.proposed_times, same.their_answer) == (
        interview.id, 1, "proposed", None, ["2026-10-09T10:00:00-07:00"], "other_time")
    assert drafts_of("confirmation") == [(interview.confirmation_draft_id, "rejected", "they proposed another time")]


def test_export_never_holds_two_events_for_one_conversation(settings: Settings) -> None:
    """Two scheduled interviews for one contact (a database from before schema 3): the newest is exported."""
    first = accept(settings, start="2026-10-08T14:00:00-07:00")
    second = Interview.create(contact=contact(), status="scheduled", start=datetime(2026, 10, 7, 17, 0, tzinfo=UTC),
                              end=datetime(2026, 10, 7, 17, 30, tzinfo=UTC), created_at=LATER, updated_at=LATER)
    assert [(i.id, i.start) for i in exportable()] == [(second.id, second.start)]
    assert first.id != second.id
