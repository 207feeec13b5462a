"""The approval queue: creation, composing, every state transition, sender hooks and --json shape."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from outreach.config.settings import Settings
from outreach.errors import DraftStateError, NotFoundError, TemplateError
from outreach.intake.contacts import set_status
from outreach.outgoing import drafts
from outreach.outgoing.compose import compose_outreach_drafts
from outreach.outgoing.sync import sync_introductions
from outreach.sending import queue
from outreach.sending.sendwindow import Hold
from outreach.store.models import Contact, ContactStatus, Draft, DraftEvent
from outreach.store.models import DraftStatus as S
from tests.helpers import NOW, example_settings, write_template

LATER = NOW + timedelta(hours=1)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return example_settings(tmp_path)


def sync(settings: Settings) -> list[str]:
    return list(sync_introductions(settings, NOW, "cli"))


def make(settings: Settings, status: str = S.PENDING) -> Draft:
    """A draft forced into `status` (test set-up only; real code goes through drafts.py)."""
    sync(settings)
    draft = Draft.select().order_by(Draft.id).first()
    Draft.update(status=status).where(Draft.id == draft.id).execute()
    return Draft.get_by_id(draft.id)


def events(draft_id: int) -> list[tuple[str | None, str, str, str | None]]:
    """The draft's event log as stored, oldest first."""
    rows = DraftEvent.select().where(DraftEvent.draft == draft_id).order_by(DraftEvent.at, DraftEvent.id)
    return [(e.from_status, e.to_status, e.actor, e.note) for e in rows]


def test_sync_composes_one_draft_per_contact(settings: Settings) -> None:
    """`outreach sync` composes a pending outreach draft for each new contact and says so."""
    lines = sync(settings)
    ids = [d.id for d in drafts.list_drafts()]
    assert lines == [
        f"introductions: 2 new, 0 updated, 0 unchanged ({settings.paths.introductions})",
        f"composed draft {ids[0]} (pending) for Alex Chen <alex.chen@example.com>: "
        "Maria Lopez suggested I reach out about your work at Example Corp",
        f"composed draft {ids[1]} (pending) for Priya Natarajan <priya.n@example.org>: "
        "Jordan Kim suggested I reach out about your work at Example Health",
        "drafts: 2 composed, 0 failed; review them with `outreach drafts` and approve with "
        "`outreach drafts approve ID`",
    ]
    assert [(d.kind, d.status, d.to_addr, d.template) for d in drafts.list_drafts()] == [
        ("outreach", "pending", "alex.chen@example.com", "outreach.txt.j2"),
        ("outreach", "pending", "priya.n@example.org", "outreach.txt.j2"),
    ]
    assert events(ids[0]) == [(None, "pending", "cli", "created")]


def test_sync_is_idempotent(settings: Settings) -> None:
    """A second sync composes nothing new, even after a draft was rejected."""
    sync(settings)
    first = drafts.list_drafts()
    drafts.reject(first[0].id, NOW, reason="not now")
    assert sync(settings)[1:] == ["drafts: 0 composed, 0 failed"]
    assert [d.id for d in drafts.list_drafts()] == [d.id for d in first]


def test_sync_skips_suppressed_and_contacted(settings: Settings, tmp_path: Path) -> None:
    """Do-not-contact, bounced and already-contacted people get no outreach draft."""
    from outreach.intake.contacts import import_introductions, load_introductions

    import_introductions(load_introductions(settings.paths.introductions), NOW)
    set_status(Contact.get(Contact.email == "alex.chen@example.com"), ContactStatus.DO_NOT_CONTACT, NOW)
    set_status(Contact.get(Contact.email == "priya.n@example.org"), ContactStatus.CONTACTED, NOW)
    result = compose_outreach_drafts(settings, NOW, "daemon")
    assert (result.created, result.errors) == ([], [])


def test_render_error_skips_only_that_contact(settings: Settings) -> None:
    """A template error for one contact is reported; the others still get drafts; sync exits non-zero."""
    write_template(settings, "broken.txt.j2", "Subject: Hi\n\n{{ contact.nmae }}\n")
    intro = settings.paths.introductions
    intro.write_text(intro.read_text().replace("template: outreach ", "template: broken  "))
    lines = []
    with pytest.raises(TemplateError) as error:
        for line in sync_introductions(settings, NOW, "cli"):
            lines.append(line)
    priya = drafts.list_drafts()[0]
    assert lines[1:] == [
        f"composed draft {priya.id} (pending) for Priya Natarajan <priya.n@example.org>: "
        "Jordan Kim suggested I reach out about your work at Example Health",
        "no draft: broken.txt.j2, line 3, for alex.chen@example.com: missing field 'contact.nmae' "
        "('dict object' has no attribute 'nmae')",
        "drafts: 1 composed, 1 failed; review them with `outreach drafts` and approve with "
        "`outreach drafts approve ID`",
    ]
    assert str(error.value) == ("1 contact(s) got no draft; fix the template or the introduction named above "
                                "and run `outreach sync` again")


def test_auto_approval_per_kind(tmp_path: Path) -> None:
    """With `approval: {outreach: auto}` outreach drafts are approved when created."""
    settings = example_settings(tmp_path, approval={"outreach": "auto"})
    sync(settings)
    draft = drafts.list_drafts()[0]
    assert (draft.status, draft.approved_at) == (S.APPROVED, NOW)
    assert events(draft.id) == [(None, "approved", "cli", "created (approval: outreach auto)")]


def test_message_id_and_identity_assigned_at_creation(settings: Settings) -> None:
    """Each draft gets a unique <uuid@sender-domain> Message-ID and a private identity when created."""
    sync(settings)
    a, b = drafts.list_drafts()
    assert a.message_id.startswith("<") and a.message_id.endswith("@example.edu>")
    assert len({a.message_id, b.message_id}) == 2 and len({a.identity, b.identity}) == 2


ALL_MOVES = [(a, b) for a in S.ALL for b in S.ALL]


@pytest.mark.parametrize(("before", "after"), ALL_MOVES)
def test_every_transition_legal_or_refused(settings: Settings, before: str, after: str) -> None:
    """Each move in TRANSITIONS happens and is recorded; every other move is refused and changes nothing."""
    draft = make(settings, before)
    legal = after in drafts.TRANSITIONS[before]
    if legal:
        moved = drafts._transition(draft.id, after, LATER, "daemon", note="test")
        assert moved.status == after
        assert events(draft.id)[-1] == (before, after, "daemon", "test")
    else:
        with pytest.raises(DraftStateError):
            drafts._transition(draft.id, after, LATER, "daemon")
        assert Draft.get_by_id(draft.id).status == before
        assert events(draft.id)[-1][1] == "pending"  # only the creation event


def test_transition_table_matches_design() -> None:
    """The table is the one DESIGN.md and the issue describe."""
    assert {k: sorted(v) for k, v in drafts.TRANSITIONS.items()} == {
        None: ["approved", "pending"],
        "pending": ["approved", "pending", "rejected"],
        "approved": ["pending", "rejected", "sending"],
        "sending": ["approved", "failed", "needs_review", "sent"],
        "needs_review": ["approved", "rejected", "sent"],
        "failed": ["approved", "pending", "rejected"],
        "sent": [],
        "rejected": [],
    }


def test_stale_expectation_is_refused(settings: Settings) -> None:
    """A change based on a status another process has since changed is refused."""
    draft = make(settings, S.APPROVED)
    with pytest.raises(DraftStateError) as error:
        drafts._transition(draft.id, S.REJECTED, NOW, "cli", expect=S.PENDING)
    assert str(error.value) == (f"draft {draft.id} changed to approved meanwhile; look again with "
                                f"`outreach drafts show {draft.id}`")


def test_actor_must_be_cli_or_daemon(settings: Settings) -> None:
    """Events record who acted: only cli or daemon."""
    draft = make(settings)
    with pytest.raises(ValueError):
        drafts._transition(draft.id, S.APPROVED, NOW, "someone")


@pytest.mark.parametrize("before", [S.PENDING, S.FAILED, S.NEEDS_REVIEW])
def test_approve(settings: Settings, before: str) -> None:
    """approve moves pending, failed and needs_review drafts to approved, stamping approved_at."""
    draft = make(settings, before)
    approved = drafts.approve(draft.id, LATER)
    assert (approved.status, approved.approved_at) == (S.APPROVED, LATER)


def test_approve_twice_is_harmless(settings: Settings) -> None:
    """Approving an approved draft changes and records nothing."""
    draft = make(settings)
    drafts.approve(draft.id, NOW)
    drafts.approve(draft.id, LATER)
    assert [e[1] for e in events(draft.id)] == ["pending", "approved"]


@pytest.mark.parametrize(("before", "message"), [
    (S.SENDING, "is being sent right now; it cannot be approved"),
    (S.SENT, "was already sent; it cannot be approved"),
    (S.REJECTED, "is rejected; it cannot be approved"),
])
def test_approve_refused(settings: Settings, before: str, message: str) -> None:
    """Approving a draft that is sending, sent or rejected is refused with a clear message."""
    draft = make(settings, before)
    with pytest.raises(DraftStateError) as error:
        drafts.approve(draft.id, NOW)
    assert str(error.value) == f"draft {draft.id} {message}"


def test_edit_approved_goes_back_to_pending(settings: Settings) -> None:
    """Editing an approved draft stores the new text and needs a fresh approval."""
    draft = make(settings)
    drafts.approve(draft.id, NOW)
    edited = drafts.edit(draft.id, " New subject ", "New body\r\nline two\n\n", LATER)
    assert (edited.status, edited.subject, edited.body, edited.approved_at) == (
        S.PENDING, "New subject", "New body\nline two\n", None)
    assert events(draft.id)[-1] == ("approved", "pending", "cli", "edited")


@pytest.mark.parametrize(("before", "message"), [
    (S.SENDING, "is being sent right now; it cannot be edited"),
    (S.SENT, "was already sent; it cannot be edited"),
    (S.NEEDS_REVIEW, "may already have been sent (needs review); it cannot be edited"),
    (S.REJECTED, "is rejected; it cannot be edited"),
])
def test_edit_refused(settings: Settings, before: str, message: str) -> None:
    """Editing a draft that may already be on its way is refused."""
    draft = make(settings, before)
    with pytest.raises(DraftStateError) as error:
        drafts.edit(draft.id, "x", "y", NOW)
    assert str(error.value) == f"draft {draft.id} {message}"


def test_edit_revalidates(settings: Settings) -> None:
    """An edit with an empty body or a line break in the subject is refused."""
    draft = make(settings)
    with pytest.raises(TemplateError) as error:
        drafts.edit(draft.id, "Subject", "  \n", NOW)
    assert str(error.value) == f"draft {draft.id}: the body is empty"
    with pytest.raises(TemplateError):
        drafts.edit(draft.id, "Hi\nBcc: x@example.net", "Body", NOW)


def test_reject_records_reason(settings: Settings) -> None:
    """A rejected draft keeps its reason, in the row and in the event."""
    draft = make(settings, S.APPROVED)
    rejected = drafts.reject(draft.id, LATER, reason="met them already")
    assert (rejected.status, rejected.reason) == (S.REJECTED, "met them already")
    assert events(draft.id)[-1] == ("approved", "rejected", "cli", "met them already")


def test_unknown_draft(settings: Settings) -> None:
    """A missing draft ID is a NotFoundError that points at the list."""
    with pytest.raises(NotFoundError) as error:
        drafts.approve(999, NOW)
    assert str(error.value) == "no draft 999; see `outreach drafts`"


def test_do_not_contact_rejects_unsent_drafts(settings: Settings) -> None:
    """A contact put on the do-not-contact list loses every unsent draft, with the reason."""
    sync(settings)
    alex = Contact.get(Contact.email == "alex.chen@example.com")
    first = drafts.list_drafts()[0]
    drafts.approve(first.id, NOW)
    rejected = drafts.reject_pending_for_contact(alex, "asked not to be contacted", LATER, "daemon")
    assert [(d.id, d.status, d.reason) for d in rejected] == [(first.id, S.REJECTED, "asked not to be contacted")]
    assert [d.status for d in drafts.list_drafts()] == [S.REJECTED, S.PENDING]


def test_sender_happy_path(settings: Settings) -> None:
    """claim -> sent: attempts counted, sent_at and the server's answer stored, contact marked contacted."""
    draft = make(settings, S.APPROVED)
    claimed = drafts.claim_for_sending(draft.id, NOW)
    assert claimed is not None and (claimed.status, claimed.attempts) == (S.SENDING, 1)
    assert drafts.claim_for_sending(draft.id, NOW) is None  # nobody claims it twice
    drafts.mark_reached_data_end(draft.id)
    sent = drafts.mark_sent(draft.id, LATER, smtp_response="250 2.0.0 Ok: queued as ABC",
                            server_message_id="<provider@example.net>")
    assert (sent.status, sent.sent_at, sent.smtp_response, sent.server_message_id, sent.reached_data_end) == (
        S.SENT, LATER, "250 2.0.0 Ok: queued as ABC", "<provider@example.net>", True)
    assert Contact.get_by_id(sent.contact).status == ContactStatus.CONTACTED
    assert [e[:3] for e in events(draft.id)] == [
        (None, "pending", "cli"), ("approved", "sending", "daemon"), ("sending", "sent", "daemon")]


def test_sender_retry_then_due(settings: Settings) -> None:
    """A transient error puts the draft back to approved, not due before its retry time."""
    draft = make(settings, S.APPROVED)
    drafts.claim_for_sending(draft.id, NOW)
    retry = drafts.schedule_retry(draft.id, NOW, "451 4.3.0 try later", NOW + timedelta(minutes=5))
    assert (retry.status, retry.last_error, retry.attempts) == (S.APPROVED, "451 4.3.0 try later", 1)
    assert drafts.due_for_sending(NOW + timedelta(minutes=4)) == []
    assert [d.id for d in drafts.due_for_sending(NOW + timedelta(minutes=5))] == [draft.id]


def test_sender_failure_and_user_retry(settings: Settings) -> None:
    """A permanent error fails the draft with the server's answer; approving it again resets the attempts."""
    draft = make(settings, S.APPROVED)
    drafts.claim_for_sending(draft.id, NOW)
    failed = drafts.mark_failed(draft.id, NOW, "550 5.1.1 no such user", smtp_response="550 5.1.1 no such user")
    assert (failed.status, failed.last_error, failed.reason) == (S.FAILED, "550 5.1.1 no such user",
                                                                 "550 5.1.1 no such user")
    again = drafts.approve(draft.id, LATER)
    assert (again.status, again.attempts) == (S.APPROVED, 0)


def test_sender_needs_review_and_release(settings: Settings) -> None:
    """An unclear send goes to needs_review; proof it did not go out releases it to approved."""
    draft = make(settings, S.APPROVED)
    drafts.claim_for_sending(draft.id, NOW)
    review = drafts.mark_needs_review(draft.id, NOW, "crashed after DATA")
    assert review.status == S.NEEDS_REVIEW
    released = drafts.release_to_approved(draft.id, LATER, "not found in Sent")
    assert released.status == S.APPROVED
    assert events(draft.id)[-1] == ("needs_review", "approved", "daemon", "not found in Sent")


def test_claim_rejects_draft_of_suppressed_contact(settings: Settings) -> None:
    """A draft whose contact became do-not-contact is rejected at claim time, never sent."""
    draft = make(settings, S.APPROVED)
    set_status(Contact.get_by_id(draft.contact), ContactStatus.DO_NOT_CONTACT, NOW)
    assert drafts.claim_for_sending(draft.id, NOW) is None
    assert Draft.get_by_id(draft.id).status == S.REJECTED


def test_draft_json_shape(settings: Settings) -> None:
    """--json objects carry the DESIGN.md fields, times ISO-8601 with offset."""
    draft = make(settings)
    assert queue.draft_json(drafts.get_draft(draft.id)) == {
        "id": draft.id, "kind": "outreach", "status": "pending", "to": "alex.chen@example.com",
        "subject": "Maria Lopez suggested I reach out about your work at Example Corp",
        "message_id": draft.message_id, "contact_email": "alex.chen@example.com",
        "created_at": "2025-03-04T15:00:00+00:00", "sent_at": None, "contact_name": "Alex Chen",
        "approved_at": None, "attempts": 0, "next_attempt_at": None, "deferred_reason": None, "last_error": None,
        "reason": None, "in_reply_to": None,
    }


def test_list_by_status(settings: Settings) -> None:
    """list_drafts filters by status and refuses an unknown one."""
    sync(settings)
    first = drafts.list_drafts()[0]
    drafts.approve(first.id, NOW)
    assert [d.id for d in drafts.list_drafts(S.APPROVED)] == [first.id]
    with pytest.raises(Exception, match="unknown draft status 'nope'"):
        drafts.list_drafts("nope")


def test_every_change_is_recorded(settings: Settings) -> None:
    """A sequence of user actions leaves one event per change, in order."""
    draft = make(settings)
    drafts.approve(draft.id, NOW)
    drafts.edit(draft.id, "S", "B", NOW)
    drafts.reject(draft.id, NOW, reason="r")
    assert DraftEvent.select().where(DraftEvent.draft == draft.id).count() == 4


def test_fast_json_listing_matches_draft_json(settings: Settings) -> None:
    """The row-based --json listing gives exactly draft_json for every draft, in order."""
    sync(settings)
    first = drafts.list_drafts()[0]
    drafts.approve(first.id, LATER)
    drafts.claim_for_sending(first.id, LATER)
    retry_at = LATER + timedelta(minutes=3)
    drafts.schedule_retry(first.id, LATER, "451 later", retry_at)
    holds = queue.holds_for(settings, LATER, drafts.list_drafts())
    # the retry ends at 08:03 in Los Angeles, before Alex's window opens
    assert holds == {first.id: Hold(datetime(2025, 3, 4, 8, 30, tzinfo=ZoneInfo("America/Los_Angeles")),
                                    "outside the send window (mon, tue, wed, thu, fri 08:30-17:30 "
                                    "America/Los_Angeles)")}
    assert queue.drafts_json(settings, LATER) == [queue.draft_json(d, holds.get(d.id)) for d in drafts.list_drafts()]
    assert queue.drafts_json(settings, LATER, "approved") == [
        queue.draft_json(drafts.get_draft(first.id), holds[first.id])]


def test_3b7_composes_for_one_person_per_company(tmp_path: Path) -> None:
    """Under follow_up.routine 3b7, sync drafts only the first new person at each company."""
    intros = """introductions:
  - {name: Ann One, email: ann@example.com, company: Example Corp}
  - {name: Bob Two, email: bob@example.com, company: example corp}
  - {name: Cy Three, email: cy@example.org, company: Other Inc}
  - {name: Di Four, email: di@example.net}
"""
    settings = example_settings(tmp_path, intros, follow_up={"routine": "3b7"})
    list(sync_introductions(settings, NOW, "cli"))
    list(sync_introductions(settings, NOW, "cli"))
    assert [d.contact.email for d in Draft.select().order_by(Draft.id)] == [
        "ann@example.com", "cy@example.org", "di@example.net"]
