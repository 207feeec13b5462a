"""The numbered schema changes, each frozen as the SQL it ran when it shipped.

A migration never reads the current models: a new database goes through every step, so it ends with the
same tables, columns and indexes as an old one upgraded in place, and no step needs to check what an
earlier one made. tests/test_db.py checks that the last step leaves exactly the columns the models name.
The statements are SQLite's (the database the project ships with).

Append a change with the next number; never edit one that has shipped.
"""

from __future__ import annotations

# The bookkeeping table itself; created before any migration runs.
SCHEMA_MIGRATIONS = """
CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" INTEGER NOT NULL PRIMARY KEY,
  "name" VARCHAR(255) NOT NULL, "applied_at" DATETIME NOT NULL)
"""

V1_INITIAL = """
CREATE TABLE "contacts" ("id" INTEGER NOT NULL PRIMARY KEY, "email" VARCHAR(255) NOT NULL,
  "name" VARCHAR(255) NOT NULL, "company" VARCHAR(255), "role" VARCHAR(255), "referred_by" VARCHAR(255),
  "referred_by_email" VARCHAR(255), "relationship" VARCHAR(255), "timezone" VARCHAR(255), "linkedin" VARCHAR(255),
  "topics" TEXT NOT NULL, "notes" TEXT, "template" VARCHAR(255), "source" VARCHAR(255) NOT NULL,
  "status" VARCHAR(255) NOT NULL, "status_reason" TEXT, "created_at" DATETIME NOT NULL,
  "updated_at" DATETIME NOT NULL);
CREATE UNIQUE INDEX "contacts_email" ON "contacts" ("email");
CREATE INDEX "contacts_status" ON "contacts" ("status");
CREATE TABLE "drafts" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL,
  "kind" VARCHAR(255) NOT NULL, "status" VARCHAR(255) NOT NULL, "to_addr" VARCHAR(255) NOT NULL,
  "subject" TEXT NOT NULL, "body" TEXT NOT NULL, "template" VARCHAR(255), "message_id" VARCHAR(255) NOT NULL,
  "identity" VARCHAR(255) NOT NULL, "in_reply_to" VARCHAR(255), "references" TEXT, "attachments" TEXT,
  "related_id" INTEGER, "reason" TEXT, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL,
  "approved_at" DATETIME, "sent_at" DATETIME, "attempts" INTEGER NOT NULL, "next_attempt_at" DATETIME,
  "last_error" TEXT, "smtp_response" TEXT, "server_message_id" VARCHAR(255), "reached_data_end" INTEGER NOT NULL,
  FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE CASCADE);
CREATE INDEX "drafts_contact_id" ON "drafts" ("contact_id");
CREATE INDEX "drafts_kind" ON "drafts" ("kind");
CREATE INDEX "drafts_status" ON "drafts" ("status");
CREATE UNIQUE INDEX "drafts_message_id" ON "drafts" ("message_id");
CREATE UNIQUE INDEX "drafts_identity" ON "drafts" ("identity");
CREATE INDEX "drafts_created_at" ON "drafts" ("created_at");
CREATE INDEX "drafts_approved_at" ON "drafts" ("approved_at");
CREATE INDEX "drafts_sent_at" ON "drafts" ("sent_at");
CREATE TABLE "draft_events" ("id" INTEGER NOT NULL PRIMARY KEY, "draft_id" INTEGER NOT NULL,
  "from_status" VARCHAR(255), "to_status" VARCHAR(255) NOT NULL, "actor" VARCHAR(255) NOT NULL, "note" TEXT,
  "at" DATETIME NOT NULL, FOREIGN KEY ("draft_id") REFERENCES "drafts" ("id") ON DELETE CASCADE);
CREATE INDEX "draft_events_draft_id" ON "draft_events" ("draft_id");
"""

V2_REPLIES_INTERVIEWS = """
ALTER TABLE "contacts" ADD COLUMN "paused_until" DATETIME;
ALTER TABLE "drafts" ADD COLUMN "recipient_errors" TEXT;
CREATE TABLE "mailbox_state" ("folder" VARCHAR(255) NOT NULL PRIMARY KEY, "uidvalidity" INTEGER NOT NULL,
  "last_uid" INTEGER NOT NULL, "updated_at" DATETIME NOT NULL);
CREATE TABLE "replies" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "draft_id" INTEGER,
  "message_id" VARCHAR(255) NOT NULL, "folder" VARCHAR(255) NOT NULL, "uid" INTEGER, "uidvalidity" INTEGER,
  "from_addr" VARCHAR(255) NOT NULL, "subject" TEXT NOT NULL, "received_at" DATETIME NOT NULL,
  "text" TEXT NOT NULL, "intent" VARCHAR(255) NOT NULL, "classified_intent" VARCHAR(255) NOT NULL,
  "confidence" REAL NOT NULL, "result" TEXT NOT NULL, "needs_attention" INTEGER NOT NULL,
  "resolved_at" DATETIME, "created_at" DATETIME NOT NULL,
  FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("draft_id") REFERENCES "drafts" ("id") ON DELETE SET NULL);
CREATE INDEX "replies_contact_id" ON "replies" ("contact_id");
CREATE INDEX "replies_draft_id" ON "replies" ("draft_id");
CREATE UNIQUE INDEX "replies_message_id" ON "replies" ("message_id");
CREATE INDEX "replies_received_at" ON "replies" ("received_at");
CREATE INDEX "replies_intent" ON "replies" ("intent");
CREATE INDEX "replies_needs_attention" ON "replies" ("needs_attention");
CREATE TABLE "interviews" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "reply_id" INTEGER,
  "status" VARCHAR(255) NOT NULL, "start" DATETIME, "end" DATETIME, "url" TEXT, "booking_url" TEXT,
  "location" TEXT, "proposed_times" TEXT NOT NULL, "notes" TEXT, "notes_data" TEXT, "thank_you_due_at" DATETIME,
  "thank_you_draft_id" INTEGER, "confirmation_draft_id" INTEGER, "prep_sent_at" DATETIME,
  "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL,
  FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("reply_id") REFERENCES "replies" ("id") ON DELETE SET NULL);
CREATE INDEX "interviews_contact_id" ON "interviews" ("contact_id");
CREATE INDEX "interviews_reply_id" ON "interviews" ("reply_id");
CREATE INDEX "interviews_status" ON "interviews" ("status");
CREATE INDEX "interviews_start" ON "interviews" ("start");
CREATE INDEX "interviews_thank_you_due_at" ON "interviews" ("thank_you_due_at");
CREATE TABLE "follow_throughs" ("id" INTEGER NOT NULL PRIMARY KEY, "interview_id" INTEGER NOT NULL,
  "text" TEXT NOT NULL, "due" DATE, "done_at" DATETIME, "created_at" DATETIME NOT NULL,
  FOREIGN KEY ("interview_id") REFERENCES "interviews" ("id") ON DELETE CASCADE);
CREATE INDEX "follow_throughs_interview_id" ON "follow_throughs" ("interview_id");
CREATE TABLE "runtime_state" ("name" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT,
  "updated_at" DATETIME NOT NULL);
"""

V3_THEIR_ANSWER = """
ALTER TABLE "interviews" ADD COLUMN "their_answer" VARCHAR(255);
ALTER TABLE "interviews" ADD COLUMN "their_answer_reply_id" INTEGER;
ALTER TABLE "interviews" ADD COLUMN "their_answer_at" DATETIME;
"""

V4_CALENDAR = """
CREATE TABLE "slot_holds" ("id" INTEGER NOT NULL PRIMARY KEY, "draft_id" INTEGER NOT NULL,
  "contact_id" INTEGER NOT NULL, "start" DATETIME NOT NULL, "end" DATETIME NOT NULL, "expires_at" DATETIME NOT NULL,
  "released_at" DATETIME, "created_at" DATETIME NOT NULL,
  FOREIGN KEY ("draft_id") REFERENCES "drafts" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE CASCADE);
CREATE INDEX "slot_holds_draft_id" ON "slot_holds" ("draft_id");
CREATE INDEX "slot_holds_contact_id" ON "slot_holds" ("contact_id");
CREATE INDEX "slot_holds_start" ON "slot_holds" ("start");
CREATE INDEX "slot_holds_expires_at" ON "slot_holds" ("expires_at");
CREATE TABLE "calendar_entries" ("interview_id" INTEGER NOT NULL PRIMARY KEY, "uid" VARCHAR(255) NOT NULL,
  "url" TEXT, "start" DATETIME, "end" DATETIME, "written" TEXT, "conflict" TEXT, "conflict_start" DATETIME,
  "updated_at" DATETIME NOT NULL, FOREIGN KEY ("interview_id") REFERENCES "interviews" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "calendar_entries_uid" ON "calendar_entries" ("uid");
"""

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "contacts, drafts, draft events", V1_INITIAL),
    (2, "mailbox state, replies, interviews, follow-through items, runtime state", V2_REPLIES_INTERVIEWS),
    (3, "interviews: the contact's answer after yes", V3_THEIR_ANSWER),
    (4, "calendar: slot holds, interviews written to the user's calendar", V4_CALENDAR),
]


def statements(script: str) -> list[str]:
    """A migration's statements, one per `;` (none of them holds a `;` in a string)."""
    return [s.strip() for s in script.split(";") if s.strip()]
