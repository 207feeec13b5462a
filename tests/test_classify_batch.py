"""Classifying many files at once: worker processes give the same results, in the same order, as one process."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from outreach.classify import Classification, classify_file
from outreach.classify.batch import MIN_FILES_PER_JOB, classify_files, worker_count

CORPORA = Path(__file__).parent / "data" / "corpora"


def _mixed_files() -> list[str]:
    """People's replies, bounces and automatic mail interleaved, so a misordered result cannot go unnoticed."""
    folders = [sorted(str(p) for p in (CORPORA / name).glob("*.eml")) for name in ("human-en", "automatic-mixed")]
    return [path for pair in zip(*folders, strict=False) for path in pair]


def test_workers_give_what_one_process_gives_in_order() -> None:
    """Three workers over 100 files yield exactly the results of classifying each file in turn here."""
    files = _mixed_files()[:100]
    assert worker_count(len(files), 3) == 3
    expected = [classify_file(path, user_tz="Europe/London") for path in files]
    assert list(classify_files(files, user_tz="Europe/London", jobs=3)) == expected


def test_short_lists_and_one_job_stay_in_this_process() -> None:
    """Fewer files than a worker is worth, or jobs=1, start no worker; many files get up to the jobs asked for."""
    assert [worker_count(n, 4) for n in (0, 1, MIN_FILES_PER_JOB - 1, MIN_FILES_PER_JOB * 2, 1000)] == [1, 1, 1, 2, 4]
    assert worker_count(1000, 1) == 1


def test_empty_and_unreadable_files_keep_their_place() -> None:
    """An unreadable path among many gets its error result at its own position; nothing is dropped or moved."""
    files = _mixed_files()[:60]
    files.insert(30, "/nonexistent/reply.eml")
    results = list(classify_files(files, jobs=2))
    assert (len(results), results[30].error, [r.error for i, r in enumerate(results) if i != 30]) == (
        61, "cannot read file: No such file or directory", [None] * 60)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_output_does_not_depend_on_jobs(jobs: str, tmp_path: Path) -> None:
    """`outreach classify --json --jobs N` over 60 files prints the same lines for N = 1 and 2 as the default."""
    files = _mixed_files()[:60]

    def run(*extra: str) -> str:
        command = [sys.executable, "-m", "outreach", "classify", "--json", "--tz", "UTC", *extra, *files]
        env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path / "cache")}
        return subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout

    assert run("--jobs", jobs) == run()



# The file a worker dies on in the test below (set before the fork, so the workers inherit it).
_DIE_ON: list[str] = []


def _dies_on_one(path: str, **kwargs: Any) -> Classification:
    """classify_file, except that the process exits on the file named in _DIE_ON (a worker killed mid-list)."""
    if path in _DIE_ON:
        os._exit(1)
    return classify_file(path, **kwargs)


def test_a_worker_that_dies_stops_the_command_instead_of_hanging(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker process killed mid-list raises BrokenProcessPool; the command never waits forever for results
    that will not come."""
    import outreach.classify.batch as batch

    files = _mixed_files()[:60]
    monkeypatch.setattr(batch, "classify_file", _dies_on_one)
    monkeypatch.setattr(sys.modules[__name__], "_DIE_ON", [files[30]])
    with pytest.raises(BrokenProcessPool):
        list(classify_files(files, jobs=2))
