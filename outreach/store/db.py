"""Opening the database, write transactions, and numbered schema migrations.

SQLite (the default) runs in WAL mode with a busy timeout, and every write
transaction starts IMMEDIATE so that the CLI and the daemon can write the same
file at once without "database is locked". Queries stay portable (peewee only),
so `paths.database` can later name a PostgreSQL URL.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import peewee

from outreach.errors import DatabaseError

logger = logging.getLogger(__name__)

database_proxy = peewee.DatabaseProxy()
BUSY_TIMEOUT_MS = 30_000


def open_database(path: Path | str, migrate: bool = True) -> peewee.Database:
    """Open (creating parents) and migrate the database; bind it to every model."""
    if str(path) == ":memory:":
        db = _sqlite(":memory:")
    elif str(path).startswith(("postgres://", "postgresql://")):
        from playhouse.db_url import connect  # optional, needs psycopg

        db = connect(str(path))
    else:
        path = Path(path).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"cannot create the database folder {path.parent}: {exc.strerror}") from None
        db = _sqlite(str(path))
    database_proxy.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        if migrate:
            run_migrations(db)
    except (peewee.OperationalError, DatabaseError) as exc:
        if _read_only_file_system(path):
            raise DatabaseError(f"cannot open the database {path}: {READ_ONLY_ADVICE}") from None
        raise storage_problem(exc) or DatabaseError(f"cannot open the database {path}: {exc}") from None
    return db


def _sqlite(path: str) -> peewee.SqliteDatabase:
    return peewee.SqliteDatabase(
        path,
        # synchronous=full: a committed "sending" mark must survive power loss, or a draft could go twice.
        pragmas={"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_MS,
                 "synchronous": "full"},
        timeout=BUSY_TIMEOUT_MS / 1000,
    )


@contextmanager
def transaction() -> Iterator[None]:
    """A write transaction. On SQLite it takes the write lock up front (BEGIN IMMEDIATE), so it
    waits for another writer instead of failing when it later upgrades from a read lock. A full disk
    or a read-only database is raised as a DatabaseError that says so (see storage_problem)."""
    db = database_proxy.obj
    outermost = isinstance(db, peewee.SqliteDatabase) and not db.in_transaction()
    try:
        with db.atomic("IMMEDIATE") if outermost else db.atomic():
            yield
    except peewee.DatabaseError as exc:
        problem = storage_problem(exc)
        if problem is None:
            raise
        raise problem from exc


# What SQLite says when the storage, not the data, is the problem; the advice follows the path.
FULL_ADVICE = "the disk is full; free some space there and run again (the failed step changed nothing)"
READ_ONLY_ADVICE = ("it is read-only (the file, its folder or the file system); make it writable and run "
                    "again (the failed step changed nothing)")
STORAGE_ERRORS = (
    ("database or disk is full", FULL_ADVICE),
    ("attempt to write a readonly database", READ_ONLY_ADVICE),
    ("disk i/o error", "reading or writing it failed (disk I/O error); check the disk and the file system"),
)


def storage_problem(exc: BaseException) -> DatabaseError | None:
    """A one-line DatabaseError when `exc`, or an error it masks, says the disk is full or the database
    read-only. SQLite rolls back by itself on a full disk, so the rollback that follows fails with
    "cannot rollback - no transaction is active" and hides the real cause in its context."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DatabaseError):
            return current
        text = str(current).lower()
        for needle, advice in STORAGE_ERRORS:
            if needle in text:
                return DatabaseError(f"cannot write the database {_database_name()}: {advice}")
        current = current.__cause__ or current.__context__
    return None


def _database_name() -> str:
    db = database_proxy.obj
    return str(getattr(db, "database", None) or "(not open)")


def _read_only_file_system(path: Path | str) -> bool:
    try:
        return bool(os.statvfs(Path(path).parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def close_database() -> None:
    if database_proxy.obj is not None and not database_proxy.obj.is_closed():
        database_proxy.obj.close()


# ------------------------------------------------------------------ migrations

Migration = Callable[[peewee.Database], None]


def _v1_initial(db: peewee.Database) -> None:
    from outreach.store.models import Contact, Draft, DraftEvent

    db.create_tables([Contact, Draft, DraftEvent])


def _v2_replies_interviews(db: peewee.Database) -> None:
    from playhouse.migrate import SchemaMigrator, migrate

    from outreach.store.models import Contact, Draft, FollowThrough, Interview, MailboxState, Reply, RuntimeState

    migrator = SchemaMigrator.from_database(db)
    # v1 creates tables from the current models, so a new database already has these columns.
    for table, field in (("contacts", Contact.paused_until), ("drafts", Draft.recipient_errors)):
        if field.column_name not in {c.name for c in db.get_columns(table)}:
            migrate(migrator.add_column(table, field.column_name, field))
    db.create_tables([MailboxState, Reply, Interview, FollowThrough, RuntimeState])


def _v3_their_answer(db: peewee.Database) -> None:
    from playhouse.migrate import SchemaMigrator, migrate

    from outreach.store.models import Interview

    migrator = SchemaMigrator.from_database(db)
    present = {c.name for c in db.get_columns("interviews")}  # v2 made the table from the current model
    for field in (Interview.their_answer, Interview.their_answer_reply_id, Interview.their_answer_at):
        if field.column_name not in present:
            migrate(migrator.add_column("interviews", field.column_name, field))


def _v4_calendar(db: peewee.Database) -> None:
    from outreach.store.models import CalendarEntry, SlotHold

    db.create_tables([SlotHold, CalendarEntry])


# Append new schema changes here with the next number; never edit one that has shipped.
MIGRATIONS: list[tuple[int, str, Migration]] = [
    (1, "contacts, drafts, draft events", _v1_initial),
    (2, "mailbox state, replies, interviews, follow-through items, runtime state", _v2_replies_interviews),
    (3, "interviews: the contact's answer after yes", _v3_their_answer),
    (4, "calendar: slot holds, interviews written to the user's calendar", _v4_calendar),
]


def run_migrations(db: peewee.Database) -> list[int]:
    """Apply every migration newer than the database, each in its own transaction."""
    from outreach.store.models import SchemaMigration

    with transaction():
        db.create_tables([SchemaMigration])
        done = {row.version for row in SchemaMigration.select(SchemaMigration.version)}
    applied = []
    for version, name, migration in MIGRATIONS:
        if version in done:
            continue
        with transaction():
            # Re-check inside the lock: another process may have migrated meanwhile.
            if SchemaMigration.get_or_none(SchemaMigration.version == version):
                continue
            logger.info("applying database migration %s (%s)", version, name)
            migration(db)
            SchemaMigration.create(version=version, name=name, applied_at=datetime.now(UTC))
            applied.append(version)
    return applied


def schema_version() -> int:
    from outreach.store.models import SchemaMigration

    row = SchemaMigration.select(peewee.fn.MAX(SchemaMigration.version)).scalar()
    return int(row or 0)
