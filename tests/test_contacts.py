"""Importing introductions: validation with file:line:field, atomicity, idempotence, suppression."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from outreach.errors import IntroductionsError
from outreach.intake.contacts import import_introductions, load_introductions, set_status
from outreach.store.db import open_database
from outreach.store.models import Contact, ContactStatus
from tests.helpers import INTRODUCTIONS

NOW = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "outreach.db"
    open_database(path)
    return path


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "introductions.yaml"
    path.write_text(textwrap.dedent(text))
    return path


def emails() -> list[tuple[str, str, str]]:
    return [(c.email, c.name, c.status) for c in Contact.select().order_by(Contact.id)]


def test_import_is_idempotent_and_updates_in_place(db: Path, tmp_path: Path) -> None:
    """Importing twice changes nothing; an edited entry updates the same contact."""
    path = write(tmp_path, INTRODUCTIONS)
    first = import_introductions(load_introductions(path), NOW)
    second = import_introductions(load_introductions(path), NOW)
    assert (first.created, second.unchanged) == (
        ["alex.chen@example.com", "priya.n@example.org"], ["alex.chen@example.com", "priya.n@example.org"])
    write(tmp_path, INTRODUCTIONS.replace("Staff Data Scientist", "Principal Data Scientist"))
    third = import_introductions(load_introductions(path), NOW)
    assert (third.created, third.updated) == ([], ["alex.chen@example.com"])
    assert emails() == [("alex.chen@example.com", "Alex Chen", "new"),
                        ("priya.n@example.org", "Priya Natarajan", "new")]
    assert Contact.get(Contact.email == "alex.chen@example.com").role == "Principal Data Scientist"


def test_do_not_contact_survives_reimport(db: Path, tmp_path: Path) -> None:
    """A contact marked do-not-contact stays so when the file lists them again."""
    path = write(tmp_path, INTRODUCTIONS)
    import_introductions(load_introductions(path), NOW)
    set_status(Contact.get(Contact.email == "priya.n@example.org"), ContactStatus.DO_NOT_CONTACT, NOW, "asked")
    import_introductions(load_introductions(path), NOW)
    set_status(Contact.get(Contact.email == "priya.n@example.org"), ContactStatus.NEW, NOW)
    assert emails()[1] == ("priya.n@example.org", "Priya Natarajan", "do_not_contact")


BAD_CASES = [
    ("introductions:\n  - name: A\n    email: not-an-address\n",
     "introductions.yaml:3: entry 1, email: 'not-an-address' is not a valid e-mail address: An email "
     "address must have an @-sign."),
    ("introductions:\n  - email: a@example.com\n",
     "introductions.yaml:2: entry 1, name: required; give a non-empty value"),
    ("introductions:\n  - name: A\n    email: a@example.com\n    favourite_color: blue\n",
     "introductions.yaml:4: entry 1, favourite_color: unknown field; expected one of name, email, topics, "
     "company, role, referred_by, relationship, timezone, linkedin, notes, template"),
    ("introductions:\n  - name: A\n    email: a@example.com\n  - name: B\n    email: A@Example.com\n",
     "introductions.yaml:5: entry 2, email: a@example.com is already listed at line 2; keep one entry "
     "per person"),
    ("introductions:\n  name: A\n", "introductions.yaml:1: introductions: expected a list of introductions"),
    ("- name: A\n", "introductions.yaml:1: (top level): expected one top-level key, `introductions:`, holding "
     "a list"),
    ("introductions:\n  - name: A\n    email: a@example.com\n    timezone: Pacific\n",
     "introductions.yaml:4: entry 1, timezone: unknown time zone 'Pacific'; use an IANA name like "
     "America/Los_Angeles"),
    ("introductions:\n  - name: A\n    email: a@example.com\n    topics: {a: 1}\n",
     "introductions.yaml:4: entry 1, topics: expected a list of short texts"),
    ("introductions:\n  - name: \"A\\r\\nBcc: x@example.com\"\n    email: a@example.com\n",
     "introductions.yaml:2: entry 1, name: must be a single line (line breaks are not allowed here)"),
    ("introductions:\n  - just a string\n",
     "introductions.yaml:2: entry 1: expected a mapping with at least name and email"),
]


@pytest.mark.parametrize(("text", "message"), BAD_CASES)
def test_bad_entry_names_file_line_and_field(tmp_path: Path, text: str, message: str) -> None:
    """Each kind of bad entry is reported with file, line and field."""
    with pytest.raises(IntroductionsError) as info:
        load_introductions(write(tmp_path, text))
    assert str(info.value).replace(str(tmp_path) + "/", "") == message


def test_bad_entry_imports_nothing_through_sync(db: Path, tmp_path: Path) -> None:
    """One bad entry after good ones: sync fails and not even the good ones are written."""
    from outreach.config.reader import load_settings
    from outreach.outgoing.sync import sync_introductions
    from tests.helpers import write_config

    config = write_config(tmp_path / "cfg", INTRODUCTIONS + "  - name: Broken\n    email: nope\n")
    settings = load_settings(config)
    open_database(settings.paths.database)
    with pytest.raises(IntroductionsError):
        list(sync_introductions(settings, NOW, "cli"))
    assert emails() == []
