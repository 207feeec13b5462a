"""The database: migrations apply once, and two processes can write one file at the same time."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from outreach.db import MIGRATIONS, open_database, run_migrations, schema_version
from outreach.models import Contact

WRITER = textwrap.dedent("""
    import sys
    from datetime import UTC, datetime
    from outreach.contacts import Introduction, import_introductions, set_status
    from outreach.db import open_database
    from outreach.models import Contact

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
