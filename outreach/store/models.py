"""Peewee models and the status vocabularies. Each table is written by one module:

contacts -> contacts.py; drafts and draft_events -> drafts.py (the sender goes through drafts.py);
mailbox_state and replies -> replies.py/mailbox.py; interviews and follow_throughs -> interviews.py;
runtime_state -> whichever module owns the named fact (see each name's constant); slot_holds ->
slot_holds.py; calendar_entries -> calendar_sync.py.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import peewee

from outreach.store.db import database_proxy, transaction


class UTCDateTimeField(peewee.DateTimeField):
    """Aware UTC datetimes in, aware UTC datetimes out; stored naive UTC (portable)."""

    def db_value(self, value: Any) -> Any:
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise ValueError("naive datetime given to a UTC field; pass an aware datetime")
            value = value.astimezone(UTC).replace(tzinfo=None)
        return super().db_value(value)

    def python_value(self, value: Any) -> Any:
        value = super().python_value(value)
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class JSONField(peewee.TextField):
    """JSON stored as text, so the schema stays portable."""

    def db_value(self, value: Any) -> Any:
        return None if value is None else json.dumps(value, sort_keys=True)

    def python_value(self, value: Any) -> Any:
        return None if value is None else json.loads(value)


class ContactStatus:
    NEW = "new"
    CONTACTED = "contacted"
    REPLIED = "replied"
    MEETING = "meeting"
    MET = "met"
    DECLINED = "declined"
    LATER = "later"
    BOUNCED = "bounced"
    DO_NOT_CONTACT = "do_not_contact"
    ALL = (NEW, CONTACTED, REPLIED, MEETING, MET, DECLINED, LATER, BOUNCED, DO_NOT_CONTACT)
    SUPPRESSED = (BOUNCED, DO_NOT_CONTACT)


class DraftStatus:
    PENDING = "pending"
    APPROVED = "approved"
    SENDING = "sending"
    SENT = "sent"
    REJECTED = "rejected"
    FAILED = "failed"
    NEEDS_REVIEW = "needs_review"
    ALL = (PENDING, APPROVED, SENDING, SENT, REJECTED, FAILED, NEEDS_REVIEW)


class DraftKind:
    OUTREACH = "outreach"
    FOLLOW_UP = "follow_up"
    THANK_YOU = "thank_you"
    CONFIRMATION = "confirmation"
    ALL = (OUTREACH, FOLLOW_UP, THANK_YOU, CONFIRMATION)


class BaseModel(peewee.Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class Contact(BaseModel):
    id = peewee.AutoField()
    email = peewee.CharField(unique=True)  # normalised, lower case
    name = peewee.CharField()
    company = peewee.CharField(null=True)
    role = peewee.CharField(null=True)
    referred_by = peewee.CharField(null=True)
    referred_by_email = peewee.CharField(null=True)
    relationship = peewee.CharField(null=True)
    timezone = peewee.CharField(null=True)
    linkedin = peewee.CharField(null=True)
    topics = JSONField(default=list)
    notes = peewee.TextField(null=True)
    template = peewee.CharField(null=True)
    source = peewee.CharField(default="introductions")  # introductions | reply | notes
    status = peewee.CharField(default=ContactStatus.NEW, index=True)
    status_reason = peewee.TextField(null=True)
    paused_until = UTCDateTimeField(null=True)  # no follow-ups before this (later, out of office)
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()

    class Meta:
        table_name = "contacts"


class Draft(BaseModel):
    id = peewee.AutoField()
    contact = peewee.ForeignKeyField(Contact, backref="drafts", on_delete="CASCADE")
    contact_id: int  # peewee's accessor for the key alone (no query), declared for mypy
    kind = peewee.CharField(index=True)
    status = peewee.CharField(default=DraftStatus.PENDING, index=True)
    to_addr = peewee.CharField()
    subject = peewee.TextField()
    body = peewee.TextField()
    template = peewee.CharField(null=True)
    message_id = peewee.CharField(unique=True)  # <...@domain>, fixed at creation
    identity = peewee.CharField(unique=True)  # value of the private X-Outreach-Draft header
    in_reply_to = peewee.CharField(null=True)
    references = peewee.TextField(null=True)
    attachments = JSONField(null=True)  # e.g. a calendar invitation: [{"filename", "mime", "content"}]
    related_id = peewee.IntegerField(null=True)  # interview or reply this draft belongs to
    reason = peewee.TextField(null=True)  # why rejected / failed
    created_at = UTCDateTimeField(index=True)
    updated_at = UTCDateTimeField()
    approved_at = UTCDateTimeField(null=True, index=True)
    sent_at = UTCDateTimeField(null=True, index=True)
    attempts = peewee.IntegerField(default=0)
    next_attempt_at = UTCDateTimeField(null=True)
    last_error = peewee.TextField(null=True)
    smtp_response = peewee.TextField(null=True)
    server_message_id = peewee.CharField(null=True)  # when a provider replaced ours
    reached_data_end = peewee.BooleanField(default=False)  # set before the final dot is written
    recipient_errors = JSONField(null=True)  # {address: "code text"} for recipients the server refused

    class Meta:
        table_name = "drafts"


class DraftEvent(BaseModel):
    """Every draft state change: who (cli or daemon), when, from what to what."""

    id = peewee.AutoField()

    draft = peewee.ForeignKeyField(Draft, backref="events", on_delete="CASCADE")
    from_status = peewee.CharField(null=True)
    to_status = peewee.CharField()
    actor = peewee.CharField()
    note = peewee.TextField(null=True)
    at = UTCDateTimeField()

    class Meta:
        table_name = "draft_events"


class InterviewStatus:
    PROPOSED = "proposed"
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"
    ALL = (PROPOSED, SCHEDULED, HELD, CANCELLED)


class TheirAnswer:
    """What the contact said about the interview's time after accepting (interviews.after_yes)."""

    CONFIRMED = "confirmed"  # in words, or their calendar accepted our invitation
    TENTATIVE = "tentative"  # their calendar said "maybe"
    OTHER_TIME = "other_time"  # they proposed another time (the interview is proposed again)
    CANCEL = "cancel"  # they asked to cancel or can't make it: the user decides
    DECLINED = "declined"  # their calendar declined our invitation: the user decides
    ALL = (CONFIRMED, TENTATIVE, OTHER_TIME, CANCEL, DECLINED)
    FLAGGED = (CANCEL, DECLINED)


class MailboxState(BaseModel):
    """Where the watcher stopped in each folder, so a restart resumes exactly there."""

    folder = peewee.CharField(primary_key=True)
    uidvalidity = peewee.BigIntegerField()
    last_uid = peewee.BigIntegerField(default=0)  # highest UID fully processed
    updated_at = UTCDateTimeField()

    class Meta:
        table_name = "mailbox_state"


class Reply(BaseModel):
    """A message from a contact (or about one: a bounce) that matched one of our threads."""

    id = peewee.AutoField()
    contact = peewee.ForeignKeyField(Contact, backref="replies", on_delete="CASCADE")
    draft = peewee.ForeignKeyField(Draft, null=True, backref="replies", on_delete="SET NULL")
    draft_id: int | None  # peewee's accessor for the key alone (no query), declared for mypy
    message_id = peewee.CharField(unique=True)  # the reply's own Message-ID (or a digest when absent)
    folder = peewee.CharField()
    uid = peewee.BigIntegerField(null=True)
    uidvalidity = peewee.BigIntegerField(null=True)
    from_addr = peewee.CharField()
    subject = peewee.TextField(default="")
    received_at = UTCDateTimeField(index=True)
    text = peewee.TextField(default="")  # their words, quotes and signature removed
    intent = peewee.CharField(index=True)  # the classifier's, or the user's correction
    classified_intent = peewee.CharField()  # what the classifier said, kept when corrected
    confidence = peewee.FloatField()
    result = JSONField()  # the classifier's full output
    needs_attention = peewee.BooleanField(default=False, index=True)
    resolved_at = UTCDateTimeField(null=True)
    created_at = UTCDateTimeField()

    class Meta:
        table_name = "replies"


class Interview(BaseModel):
    id = peewee.AutoField()
    contact = peewee.ForeignKeyField(Contact, backref="interviews", on_delete="CASCADE")
    reply = peewee.ForeignKeyField(Reply, null=True, backref="interviews", on_delete="SET NULL")
    status = peewee.CharField(default=InterviewStatus.PROPOSED, index=True)
    start = UTCDateTimeField(null=True, index=True)
    end = UTCDateTimeField(null=True)
    url = peewee.TextField(null=True)
    booking_url = peewee.TextField(null=True)
    location = peewee.TextField(null=True)
    proposed_times = JSONField(default=list)  # ISO-8601 strings with offsets
    notes = peewee.TextField(null=True)  # the user's structured notes, as saved
    notes_data = JSONField(null=True)  # the notes, parsed and validated
    thank_you_due_at = UTCDateTimeField(null=True, index=True)
    thank_you_draft_id = peewee.IntegerField(null=True)
    confirmation_draft_id = peewee.IntegerField(null=True)
    prep_sent_at = UTCDateTimeField(null=True)
    # the contact's last word on the time we hold (TheirAnswer), which reply said it, and when
    their_answer = peewee.CharField(null=True)
    their_answer_reply_id = peewee.IntegerField(null=True)
    their_answer_at = UTCDateTimeField(null=True)
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()

    class Meta:
        table_name = "interviews"


class FollowThrough(BaseModel):
    """Something the user promised in an interview, shown in `outreach status` until done."""

    id = peewee.AutoField()
    interview = peewee.ForeignKeyField(Interview, backref="follow_throughs", on_delete="CASCADE")
    text = peewee.TextField()
    due = peewee.DateField(null=True)
    done_at = UTCDateTimeField(null=True)
    created_at = UTCDateTimeField()

    class Meta:
        table_name = "follow_throughs"


class RuntimeState(BaseModel):
    """Small named facts the daemon must remember across restarts (e.g. sending paused until)."""

    name = peewee.CharField(primary_key=True)
    value = JSONField(null=True)
    updated_at = UTCDateTimeField()

    class Meta:
        table_name = "runtime_state"

    @classmethod
    def read(cls, name: str) -> Any:
        """The value stored under `name`, or None."""
        row = cls.get_or_none(cls.name == name)
        return None if row is None else row.value

    @classmethod
    def write(cls, name: str, value: Any, now: datetime) -> None:
        """Store `value` under `name` in one transaction (None clears it)."""
        with transaction():
            if not cls.update(value=value, updated_at=now).where(cls.name == name).execute():
                cls.create(name=name, value=value, updated_at=now)


class SlotHold(BaseModel):
    """A free time offered in an outreach draft, kept from other contacts until it expires (slot_holds.py)."""

    id = peewee.AutoField()
    draft = peewee.ForeignKeyField(Draft, backref="slot_holds", on_delete="CASCADE")
    contact = peewee.ForeignKeyField(Contact, backref="slot_holds", on_delete="CASCADE")
    start = UTCDateTimeField(index=True)
    end = UTCDateTimeField()
    expires_at = UTCDateTimeField(index=True)
    released_at = UTCDateTimeField(null=True)
    created_at = UTCDateTimeField()

    class Meta:
        table_name = "slot_holds"


class CalendarEntry(BaseModel):
    """What outreach last wrote to the user's CalDAV calendar for one interview (calendar_sync.py)."""

    interview = peewee.ForeignKeyField(Interview, primary_key=True, backref="calendar_entry", on_delete="CASCADE")
    uid = peewee.CharField(unique=True)
    url = peewee.TextField(null=True)
    start = UTCDateTimeField(null=True)  # null: removed from the calendar
    end = UTCDateTimeField(null=True)
    written = JSONField(null=True)  # the fields written (time, link, attendee), to notice a change
    conflict = peewee.TextField(null=True)  # "you have 'Team sync' then": waits for the user
    conflict_start = UTCDateTimeField(null=True)
    updated_at = UTCDateTimeField()

    class Meta:
        table_name = "calendar_entries"


def utcnow() -> datetime:
    """Only entry points call this; stages take `now` from their caller."""
    return datetime.now(UTC)
