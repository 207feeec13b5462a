"""The regex store: compiled patterns kept in a file by one run and served to the next."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from outreach import regex_store

HERE = Path(__file__).parent
TIME = r"(?P<hour>\d{1,2})[:h](?P<minute>\d\d)"
SWAPPED = r"\bno\b"


@pytest.fixture(autouse=True)
def _closed_store() -> Iterator[None]:
    """Each test starts and ends with the store closed, as every process but `outreach classify` runs."""
    regex_store.close_store()
    yield
    regex_store.close_store()


def _keep(path: Path, *sources: str) -> None:
    """One run: open the store at ``path``, compile ``sources``, save and close."""
    regex_store.open_store(path)
    for source in sources:
        regex_store.regex(source)
    regex_store.save_store()
    regex_store.close_store()


def test_a_pattern_kept_by_one_run_is_served_from_the_file_to_the_next(tmp_path: Path) -> None:
    """The next run takes the engine code from the file: swap two stored entries and the patterns swap too."""
    path = tmp_path / "regex.marshal"
    _keep(path, TIME, SWAPPED)
    regex_store.open_store(path)
    entries = regex_store._store.entries
    entries[(TIME, 0)], entries[(SWAPPED, 0)] = entries[(SWAPPED, 0)], entries[(TIME, 0)]
    served = regex_store.regex(SWAPPED)
    assert (served.pattern, bool(served.search("at 14h30")), bool(served.search("no"))) == (SWAPPED, True, False)


def test_a_stored_pattern_matches_as_re_compile_does(tmp_path: Path) -> None:
    """Groups, names and flags of a pattern served from the file are those of re.compile."""
    path = tmp_path / "regex.marshal"
    _keep(path, TIME)
    regex_store.open_store(path)
    served = regex_store.regex(TIME)
    compiled = re.compile(TIME)
    text = "Tuesday at 9:15 or 14h30"
    assert ([m.groupdict() for m in served.finditer(text)], served.groupindex, served.flags) == (
        [m.groupdict() for m in compiled.finditer(text)], compiled.groupindex, compiled.flags)


def test_a_damaged_file_costs_only_the_time_it_was_to_save(tmp_path: Path) -> None:
    """Garbage in the file: the pattern is compiled as usual, and the next save writes a good file."""
    path = tmp_path / "regex.marshal"
    path.write_bytes(b"\x00not marshal at all")
    regex_store.open_store(path)
    pattern = regex_store.regex(TIME)
    regex_store.save_store()
    regex_store.close_store()
    regex_store.open_store(path)
    assert (pattern.pattern, list(regex_store._store.entries)) == (TIME, [(TIME, 0)])


def test_code_the_engine_refuses_is_compiled_afresh(tmp_path: Path) -> None:
    """A stored entry whose code the engine rejects is dropped and the pattern compiled from its source."""
    path = tmp_path / "regex.marshal"
    _keep(path, TIME)
    regex_store.open_store(path)
    regex_store._store.entries[(TIME, 0)] = marshal.dumps((32, [999999, 1, 2], 2, {}, (None,)))
    pattern = regex_store.regex(TIME)
    match = pattern.search("at 14h30")
    assert match is not None and match.groupdict() == {"hour": "14", "minute": "30"}


@pytest.mark.parametrize("damaged", [b"\x00garbage", b"", marshal.dumps("not an entry")])
def test_an_entry_that_does_not_unmarshal_is_compiled_afresh(tmp_path: Path, damaged: bytes) -> None:
    """One damaged entry in a readable file is dropped and its pattern compiled from its source."""
    path = tmp_path / "regex.marshal"
    _keep(path, TIME)
    regex_store.open_store(path)
    regex_store._store.entries[(TIME, 0)] = damaged
    match = regex_store.regex(TIME).search("at 14h30")
    assert match is not None and match.groupdict() == {"hour": "14", "minute": "30"}


def test_a_file_from_another_python_is_ignored(tmp_path: Path) -> None:
    """Entries written under another interpreter version are not read."""
    path = tmp_path / "regex.marshal"
    _keep(path, TIME)
    stored = marshal.loads(path.read_bytes())
    path.write_bytes(marshal.dumps({**stored, "version": "cpython 2.7.18 20171005 4"}))
    regex_store.open_store(path)
    assert regex_store._store.entries == {}


def test_a_store_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    """Saving under a path whose parent is a file logs and returns; the patterns still work."""
    (tmp_path / "file").write_text("")
    regex_store.open_store(tmp_path / "file" / "regex.marshal")
    pattern = regex_store.regex(TIME)
    regex_store.save_store()
    assert (bool(pattern.search("14h30")), list(tmp_path.iterdir())) == (True, [tmp_path / "file"])


def test_closed_the_store_keeps_nothing() -> None:
    """Without open_store (the daemon, the tests), regex is re.compile and records nothing."""
    pattern = regex_store.regex(TIME, re.IGNORECASE)
    assert (pattern.flags & re.IGNORECASE, regex_store._store.entries) == (re.IGNORECASE, {})


def test_outreach_classify_keeps_its_regexes_under_the_cache_home(tmp_path: Path) -> None:
    """The first `outreach classify` writes $XDG_CACHE_HOME/outreach/regex.marshal; the second, served from it,
    prints the same JSON."""
    reply = HERE / "data" / "corpora" / "human-intl" / "0001.eml"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "XDG_CONFIG_HOME": "/nonexistent"}
    command = [sys.executable, "-m", "outreach", "classify", "--json", "--tz", "Europe/Madrid", str(reply)]
    first = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    stored = (tmp_path / "outreach" / "regex.marshal").stat().st_mtime_ns
    second = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    assert (json.loads(second), (tmp_path / "outreach" / "regex.marshal").stat().st_mtime_ns) == (
        json.loads(first), stored)


def test_a_full_store_keeps_only_what_its_run_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_PATTERNS, a save drops the patterns this run never asked for (an older version's), keeping the rest."""
    monkeypatch.setattr(regex_store, "MAX_PATTERNS", 2)
    path = tmp_path / "regex.marshal"
    _keep(path, "old-1", "old-2")
    _keep(path, TIME, SWAPPED)
    regex_store.open_store(path)
    assert sorted(source for source, _ in regex_store._store.entries) == sorted([TIME, SWAPPED])
