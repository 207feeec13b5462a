"""The database: migrations apply once, and two processes can write one file at the same time."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import peewee

from outreach.store import models
from outreach.store.db import MIGRATIONS, close_database, open_database, run_migrations, schema_version
from outreach.store.migrations import SCHEMA_MIGRATIONS, V1_INITIAL, V2_REPLIES_INTERVIEWS, statements
from outreach.store.models import Contact

WRITER = textwrap.dedent("""
    import sys
    from datetime import UTC, datetime
    from outreach.intake.contacts import Introduction, import_introductions, set_status
    from outreach.store.db import open_database
    from outreach.store.models import Contact

    open_database(sys.argv[1])
    name = sys.argv[2]
    for i in range(int(sys.argv[3])):
        now = datetime.now(UTC)
        email = f"{name}-{i}@example.com"
        import_introductions([Introduction(name=name, email=email, line=i + 1)], now)
        # read-then-write in one process while the other writes: the classic lock upgrade
        set_status(Contact.get(Contact.email == email), "contacted", now)
    print("done", name)
""")


def test_migrations_apply_once(tmp_path: Path) -> None:
    """A new database gets every migration; opening it again applies none."""
    open_database(tmp_path / "a.db")
    assert schema_version() == MIGRATIONS[-1][0]
    db = open_database(tmp_path / "a.db")
    assert run_migrations(db) == []


def test_database_parent_directories_are_created(tmp_path: Path) -> None:
    """paths.database may point into a folder that does not exist yet."""
    open_database(tmp_path / "deep" / "er" / "x.db")
    assert (tmp_path / "deep" / "er" / "x.db").exists()


def test_two_processes_write_one_database_without_lock_errors(tmp_path: Path) -> None:
    """Two writers in separate processes, interleaving 300 transactions each: no 'database is locked'."""
    path = tmp_path / "shared.db"
    open_database(path)
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, "300"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in ("cli", "daemon")]
    results = [p.communicate(timeout=120) for p in procs]
    assert [(p.returncode, out, err) for p, (out, err) in zip(procs, results, strict=True)] == [
        (0, "done cli\n", ""), (0, "done daemon\n", "")]
    open_database(path)
    assert Contact.select().where(Contact.status == "contacted").count() == 600


def test_version_1_database_is_upgraded_in_place(tmp_path: Path) -> None:
    """A database made by schema 1 (no replies table, no contacts.paused_until) gains them on open."""
    import sqlite3

    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.executescript("""
            CREATE TABLE contacts (id INTEGER PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE,
              name VARCHAR(255) NOT NULL, company VARCHAR(255), role VARCHAR(255), referred_by VARCHAR(255),
              referred_by_email VARCHAR(255), relationship VARCHAR(255), timezone VARCHAR(255),
              linkedin VARCHAR(255), topics TEXT NOT NULL, notes TEXT, template VARCHAR(255),
              source VARCHAR(255) NOT NULL, status VARCHAR(255) NOT NULL, status_reason TEXT,
              created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL);
            CREATE TABLE drafts (id INTEGER PRIMARY KEY, contact_id INTEGER NOT NULL, kind VARCHAR(255),
              status VARCHAR(255), to_addr VARCHAR(255), subject TEXT, body TEXT, template VARCHAR(255),
              message_id VARCHAR(255) UNIQUE, identity VARCHAR(255) UNIQUE, in_reply_to VARCHAR(255),
              "references" TEXT, attachments TEXT, related_id INTEGER, reason TEXT, created_at DATETIME,
              updated_at DATETIME, approved_at DATETIME, sent_at DATETIME, attempts INTEGER DEFAULT 0,
              next_attempt_at DATETIME, last_error TEXT, smtp_response TEXT, server_message_id VARCHAR(255),
              reached_data_end INTEGER DEFAULT 0);
            CREATE TABLE draft_events (id INTEGER PRIMARY KEY, draft_id INTEGER, from_status VARCHAR(255),
              to_status VARCHAR(255), actor VARCHAR(255), note TEXT, at DATETIME);
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR(255), applied_at DATETIME);
            INSERT INTO schema_migrations VALUES (1, 'contacts, drafts, draft events', '2026-11-01 00:00:00');
            INSERT INTO contacts (email, name, topics, source, status, created_at, updated_at)
              VALUES ('a@example.com', 'A', '[]', 'introductions', 'new', '2026-11-01', '2026-11-01');
        """)
    open_database(path)
    assert schema_version() == MIGRATIONS[-1][0]
    contact = Contact.get(Contact.email == "a@example.com")
    assert (contact.name, contact.paused_until) == ("A", None)


def test_version_2_database_gains_the_interviews_answer_columns(tmp_path: Path) -> None:
    """A schema-2 interviews table (no their_answer columns) is upgraded in place; its rows keep their data."""
    import sqlite3

    from outreach.store.models import Interview

    path = tmp_path / "v2.db"
    with sqlite3.connect(path) as conn:
        for statement in [SCHEMA_MIGRATIONS, *statements(V1_INITIAL), *statements(V2_REPLIES_INTERVIEWS)]:
            conn.execute(statement)
        conn.executescript("""
            INSERT INTO schema_migrations VALUES (1, 'contacts, drafts, draft events', '2026-11-01 00:00:00');
            INSERT INTO schema_migrations VALUES (2, 'replies, interviews', '2026-11-01 00:00:00');
            INSERT INTO contacts (email, name, topics, source, status, created_at, updated_at)
              VALUES ('a@example.com', 'A', '[]', 'introductions', 'meeting', '2026-11-01', '2026-11-01');
            INSERT INTO interviews (contact_id, status, proposed_times, created_at, updated_at)
              VALUES (1, 'proposed', '[]', '2026-11-01', '2026-11-01');
        """)
    open_database(path)
    interview = Interview.get()
    assert (schema_version(), interview.status, interview.their_answer, interview.their_answer_at) == (
        MIGRATIONS[-1][0], "proposed", None, None)


def sqlite_master(path: Path) -> list[tuple[str, str, str, str | None]]:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall()


def test_a_frozen_schema_1_database_upgrades_to_what_a_new_one_is(tmp_path: Path) -> None:
    """Schema 1 from its frozen SQL, with a contact, upgraded on open: sqlite_master equals a new database's."""
    import sqlite3

    old = tmp_path / "v1.db"
    with sqlite3.connect(old) as conn:
        for statement in [SCHEMA_MIGRATIONS, *statements(V1_INITIAL)]:
            conn.execute(statement)
        conn.executescript("""
            INSERT INTO schema_migrations VALUES (1, 'contacts, drafts, draft events', '2026-11-01 00:00:00');
            INSERT INTO contacts (email, name, topics, source, status, created_at, updated_at)
              VALUES ('a@example.com', 'A', '[]', 'introductions', 'new', '2026-11-01', '2026-11-01');
        """)
    assert run_migrations(open_database(old, migrate=False)) == [2, 3, 4]
    contact = Contact.get(Contact.email == "a@example.com")
    assert (schema_version(), contact.name, contact.paused_until) == (MIGRATIONS[-1][0], "A", None)
    close_database()
    new = tmp_path / "new.db"
    open_database(new)
    close_database()
    assert sqlite_master(old) == sqlite_master(new)


def test_the_migrations_leave_the_columns_and_indexes_the_models_name(tmp_path: Path) -> None:
    """Every migration applied gives each model's table the columns (type, null, key) and indexes peewee makes."""
    tables = [m for m in vars(models).values()
              if isinstance(m, type) and issubclass(m, models.BaseModel) and m is not models.BaseModel]
    from_models = peewee.SqliteDatabase(str(tmp_path / "models.db"))
    with from_models.bind_ctx(tables):  # the models go back to the proxy afterwards
        from_models.create_tables(tables)
    migrated = open_database(tmp_path / "migrated.db")

    def shape(db: peewee.Database) -> dict[str, tuple[set[tuple[object, ...]], set[tuple[object, ...]]]]:
        names = [t for t in db.get_tables() if t != "schema_migrations"]
        return {t: ({(c.name, c.data_type, c.null, c.primary_key) for c in db.get_columns(t)},
                    {(i.name, tuple(i.columns), i.unique) for i in db.get_indexes(t)}) for t in names}

    assert shape(migrated) == shape(from_models)
