"""Opening the database, write transactions, and applying the numbered schema migrations (migrations.py).

SQLite (the default) runs in WAL mode with a busy timeout, and every write
transaction starts IMMEDIATE so that the CLI and the daemon can write the same
file at once without "database is locked". Queries stay portable (peewee only),
so `paths.database` can later name a PostgreSQL URL.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import peewee

from outreach.errors import DatabaseError
from outreach.store.migrations import MIGRATIONS, SCHEMA_MIGRATIONS, statements

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


def run_migrations(db: peewee.Database) -> list[int]:
    """Apply every migration newer than the database, each in its own transaction."""
    with transaction():
        db.execute_sql(SCHEMA_MIGRATIONS)
        done = {row[0] for row in db.execute_sql('SELECT "version" FROM "schema_migrations"')}
    applied = []
    for version, name, script in MIGRATIONS:
        if version in done:
            continue
        with transaction():
            # Re-check inside the lock: another process may have migrated meanwhile.
            if db.execute_sql('SELECT 1 FROM "schema_migrations" WHERE "version" = ?', (version,)).fetchone():
                continue
            logger.info("applying database migration %s (%s)", version, name)
            for statement in statements(script):
                db.execute_sql(statement)
            db.execute_sql('INSERT INTO "schema_migrations" ("version", "name", "applied_at") VALUES (?, ?, ?)',
                           (version, name, str(datetime.now(UTC).replace(tzinfo=None))))
            applied.append(version)
    return applied


def schema_version() -> int:
    row = database_proxy.obj.execute_sql('SELECT MAX("version") FROM "schema_migrations"').fetchone()
    return int(row[0] or 0)
