"""Opening the database, write transactions, and numbered schema migrations.

SQLite (the default) runs in WAL mode with a busy timeout, and every write
transaction starts IMMEDIATE so that the CLI and the daemon can write the same
file at once without "database is locked". Queries stay portable (peewee only),
so `paths.database` can later name a PostgreSQL URL.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import peewee

from .errors import DatabaseError

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
    except peewee.OperationalError as exc:
        raise DatabaseError(f"cannot open the database {path}: {exc}") from None
    return db


def _sqlite(path: str) -> peewee.SqliteDatabase:
    return peewee.SqliteDatabase(
        path,
        # synchronous=full: a committed "sending" mark must survive power loss, or a draft could go twice.
        pragmas={"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_MS,
                 "synchronous": "full"},
        timeout=BUSY_TIMEOUT_MS / 1000,
    )


def transaction() -> AbstractContextManager[Any]:
    """A write transaction. On SQLite it takes the write lock up front (BEGIN IMMEDIATE), so it
    waits for another writer instead of failing when it later upgrades from a read lock."""
    db = database_proxy.obj
    if isinstance(db, peewee.SqliteDatabase):
        if db.in_transaction():
            return db.atomic()
        return db.atomic("IMMEDIATE")
    return db.atomic()


def close_database() -> None:
    if database_proxy.obj is not None and not database_proxy.obj.is_closed():
        database_proxy.obj.close()


# ------------------------------------------------------------------ migrations

Migration = Callable[[peewee.Database], None]


def _v1_initial(db: peewee.Database) -> None:
    from .models import Contact, Draft, DraftEvent

    db.create_tables([Contact, Draft, DraftEvent])


def _v2_replies_interviews(db: peewee.Database) -> None:
    from playhouse.migrate import SchemaMigrator, migrate

    from .models import Contact, Draft, FollowThrough, Interview, MailboxState, Reply, RuntimeState

    migrator = SchemaMigrator.from_database(db)
    # v1 creates tables from the current models, so a new database already has these columns.
    for table, field in (("contacts", Contact.paused_until), ("drafts", Draft.recipient_errors)):
        if field.column_name not in {c.name for c in db.get_columns(table)}:
            migrate(migrator.add_column(table, field.column_name, field))
    db.create_tables([MailboxState, Reply, Interview, FollowThrough, RuntimeState])


# Append new schema changes here with the next number; never edit one that has shipped.
MIGRATIONS: list[tuple[int, str, Migration]] = [
    (1, "contacts, drafts, draft events", _v1_initial),
    (2, "mailbox state, replies, interviews, follow-through items, runtime state", _v2_replies_interviews),
]


def run_migrations(db: peewee.Database) -> list[int]:
    """Apply every migration newer than the database, each in its own transaction."""
    from .models import SchemaMigration

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
    from .models import SchemaMigration

    row = SchemaMigration.select(peewee.fn.MAX(SchemaMigration.version)).scalar()
    return int(row or 0)
