"""`outreach drafts ...` and `outreach sync` as the user sees them: whole stdout, one-line errors, exit codes."""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from outreach.cli.main import main
from tests.helpers import example_config

NY = ZoneInfo("America/New_York")
ALWAYS_OPEN = {"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "start": "00:00", "end": "23:59",
               "max_per_day": 100, "min_interval_seconds": 0}
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ ")


class Run:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out = code, out
        self.err = "".join(line for line in err.splitlines(keepends=True) if not LOG_LINE.match(line))


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    return example_config(tmp_path)


def run(cfg: Path, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Run:
    """Run the real entry point (so expected errors are the one-line `error: ...`)."""
    runner = CliRunner()
    with runner.isolation(input=input, env=env) as (out, err, _):
        try:
            main(["-c", str(cfg), *args])
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        return Run(code, out.getvalue().decode(), err.getvalue().decode())


def ids(cfg: Path) -> list[int]:
    return [row["id"] for row in json.loads(run(cfg, "drafts", "--json").out)]


def synced(cfg: Path) -> list[int]:
    assert run(cfg, "sync").code == 0
    return ids(cfg)


def test_sync_prints_what_it_composed(cfg: Path) -> None:
    """`outreach sync` names each draft it composed and the next step."""
    result = run(cfg, "sync")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        f"introductions: 2 new, 0 updated, 0 unchanged ({cfg.parent / 'introductions.yaml'})\n"
        "composed draft 1 (pending) for Alex Chen <alex.chen@example.com>: "
        "Maria Lopez suggested I reach out about your work at Example Corp\n"
        "composed draft 2 (pending) for Priya Natarajan <priya.n@example.org>: "
        "Jordan Kim suggested I reach out about your work at Example Health\n"
        "drafts: 2 composed, 0 failed; review them with `outreach drafts` and approve with "
        "`outreach drafts approve ID`\n"
    )
    again = run(cfg, "sync")
    assert again.out.splitlines()[1:] == ["drafts: 0 composed, 0 failed"]


def test_list_human(cfg: Path) -> None:
    """`outreach drafts` lists id, status, kind, address and subject, and says what to do next."""
    assert run(cfg, "drafts").out == "no drafts; run `outreach sync` to compose outreach drafts\n"
    synced(cfg)
    assert run(cfg, "drafts").out == (
        "    1  pending      outreach   alex.chen@example.com            "
        "Maria Lopez suggested I reach out about your work at Example Corp\n"
        "    2  pending      outreach   priya.n@example.org              "
        "Jordan Kim suggested I reach out about your work at Example Health\n"
        "2 pending: read one with `outreach drafts show ID`, then `outreach drafts approve ID`\n"
    )
    assert run(cfg, "drafts", "list", "--status", "sent").out == "no sent drafts\n"


def test_list_json_shape(cfg: Path) -> None:
    """`drafts list --json` is one JSON array of objects with the DESIGN.md fields."""
    synced(cfg)
    rows = json.loads(run(cfg, "drafts", "list", "--json").out)
    assert [sorted(row) for row in rows] == [sorted([
        "id", "kind", "status", "to", "subject", "message_id", "contact_email", "created_at", "sent_at",
        "contact_name", "approved_at", "attempts", "next_attempt_at", "deferred_reason", "last_error", "reason",
        "in_reply_to",
    ])] * 2
    assert [(r["id"], r["status"], r["to"], r["contact_email"], r["sent_at"]) for r in rows] == [
        (1, "pending", "alex.chen@example.com", "alex.chen@example.com", None),
        (2, "pending", "priya.n@example.org", "priya.n@example.org", None),
    ]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00", r["created_at"]) for r in rows)
    assert json.loads(run(cfg, "drafts", "--json", "--status", "approved").out) == []


def test_show_full_message(cfg: Path) -> None:
    """`drafts show` prints the message as it will go out, headers included; a summary goes to stderr."""
    synced(cfg)
    result = run(cfg, "drafts", "show", "1")
    row = json.loads(run(cfg, "drafts", "--json").out)[0]
    head, _, body = result.out.partition("\n\n")
    headers = [re.sub(r"^Date: .*", "Date: ...", line) for line in head.splitlines()]
    assert headers == [
        "From: Sam Rivera <sam.rivera@example.edu>",
        "To: Alex Chen <alex.chen@example.com>",
        "Subject: Maria Lopez suggested I reach out about your work at Example Corp",
        "Date: ...",
        f"Message-ID: {row['message_id']}",
        headers[5],
        'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: 7bit",
        "MIME-Version: 1.0",
    ]
    assert re.fullmatch(r"X-Outreach-Draft: [0-9a-f]{32}", headers[5])
    expected = (Path(__file__).parent / "data" / "rendered" / "outreach-alex.chen.txt").read_text()
    assert body == expected.partition("\n\n")[2]
    assert re.fullmatch(r"draft 1 · pending · outreach · created \S+\n", result.err)


def test_approve_and_refusals(cfg: Path) -> None:
    """approve moves drafts to approved; approving again is harmless; a missing ID is one error line."""
    synced(cfg)
    first = run(cfg, "drafts", "approve", "1")
    assert (first.code, first.out) == (
        0, "approved 1: Alex Chen <alex.chen@example.com>: Maria Lopez suggested I reach out about your work "
           "at Example Corp\n")
    again = run(cfg, "drafts", "approve", "1", "9")
    assert again.out.startswith("already approved 1: ")
    assert (again.code, again.err) == (1, "error: no draft 9; see `outreach drafts`\n")


def test_approve_all_asks_unless_yes(cfg: Path) -> None:
    """`approve --all` asks first (no: nothing changes); --yes skips the question."""
    synced(cfg)
    declined = run(cfg, "drafts", "approve", "--all", input="n\n")
    assert (declined.code, declined.out, declined.err) == (
        1, "Approve 2 pending draft(s) for sending? [y/N]: n\n", "aborted\n")
    assert [r["status"] for r in json.loads(run(cfg, "drafts", "--json").out)] == ["pending", "pending"]
    done = run(cfg, "drafts", "approve", "--all", "--yes")
    assert [line.split(":")[0] for line in done.out.splitlines()] == ["approved 1", "approved 2"]
    assert run(cfg, "drafts", "approve", "--all").out == "no pending drafts\n"


def test_approve_needs_ids_or_all(cfg: Path) -> None:
    """approve with neither IDs nor --all is a usage error."""
    result = run(cfg, "drafts", "approve")
    assert result.code == 2
    assert result.err.endswith("Error: give draft IDs or --all (not both)\n")


def test_reject_with_reason(cfg: Path) -> None:
    """reject records the reason and shows it in --json; approving a rejected draft is refused."""
    synced(cfg)
    result = run(cfg, "drafts", "reject", "2", "--reason", "already talked to her")
    assert result.out == ("rejected 2: Priya Natarajan <priya.n@example.org>: Jordan Kim suggested I reach out "
                          "about your work at Example Health\n")
    row = json.loads(run(cfg, "drafts", "--json", "--status", "rejected").out)[0]
    assert (row["id"], row["reason"]) == (2, "already talked to her")
    refused = run(cfg, "drafts", "approve", "2")
    assert (refused.code, refused.err) == (1, "error: draft 2 is rejected; it cannot be approved\n")


def editor(tmp_path: Path, script: str) -> dict[str, str]:
    """An $EDITOR that runs `script` (Python) with the file path as sys.argv[1]."""
    path = tmp_path / "editor.py"
    path.write_text("import sys\nfrom pathlib import Path\np = Path(sys.argv[1])\n" + script)
    return {"EDITOR": f"{sys.executable} {path}", "VISUAL": ""}


def test_edit_with_scripted_editor(cfg: Path, tmp_path: Path) -> None:
    """`drafts edit` opens $EDITOR on Subject + body; an approved draft returns to pending with the new text."""
    synced(cfg)
    run(cfg, "drafts", "approve", "1")
    env = editor(tmp_path, "p.write_text('Subject: Quick question, Alex\\n\\nHi Alex,\\n\\nShort version.\\n')")
    result = run(cfg, "drafts", "edit", "1", env=env)
    assert (result.code, result.out) == (0, "draft 1 edited; it needs approval again: `outreach drafts approve 1`\n")
    shown = run(cfg, "drafts", "show", "1").out
    assert "Subject: Quick question, Alex\n" in shown and shown.endswith("\n\nHi Alex,\n\nShort version.\n")
    assert json.loads(run(cfg, "drafts", "--json").out)[0]["status"] == "pending"


def test_edit_unchanged(cfg: Path, tmp_path: Path) -> None:
    """Closing the editor without changes changes nothing."""
    synced(cfg)
    result = run(cfg, "drafts", "edit", "1", env=editor(tmp_path, "pass\n"))
    assert (result.code, result.out) == (0, "draft 1 unchanged\n")


def test_edit_invalid_keeps_the_file(cfg: Path, tmp_path: Path) -> None:
    """An invalid edit changes nothing and says where the edited text was kept."""
    synced(cfg)
    env = editor(tmp_path, "p.write_text('Hello Alex\\n\\nbody\\n')")
    result = run(cfg, "drafts", "edit", "1", env=env)
    match = re.fullmatch(r"error: draft 1 not changed: (\S+), line 1: the first line must be `Subject: \.\.\.`, "
                         r"got 'Hello Alex'; your edit is kept in (\S+)\n", result.err)
    assert result.code == 1 and match and match.group(1) == match.group(2)
    assert Path(match.group(2)).read_text() == "Hello Alex\n\nbody\n"
    Path(match.group(2)).unlink()


def test_edit_header_injection_refused(cfg: Path, tmp_path: Path) -> None:
    """An edited subject that smuggles a header is refused; the draft is unchanged."""
    synced(cfg)
    env = editor(tmp_path, "p.write_text('Subject: Hi\\nBcc: victim@example.net\\n\\nbody\\n')")
    result = run(cfg, "drafts", "edit", "1", env=env)
    assert result.code == 1 and "not changed" in result.err and "Bcc: victim@example.net" in result.err
    assert json.loads(run(cfg, "drafts", "--json").out)[0]["subject"].startswith("Maria Lopez")


def test_edit_refused_once_sent(cfg: Path, tmp_path: Path) -> None:
    """A sent draft cannot be edited; the editor is never opened."""
    from outreach.config.reader import load_settings
    from outreach.outgoing import drafts
    from outreach.store.db import open_database
    from tests.helpers import NOW

    synced(cfg)
    open_database(load_settings(cfg).paths.database)
    drafts.approve(1, NOW)
    drafts.claim_for_sending(1, NOW)
    drafts.mark_sent(1, NOW, "250 ok")
    result = run(cfg, "drafts", "edit", "1", env=editor(tmp_path, "raise SystemExit('editor opened')\n"))
    assert (result.code, result.err) == (
        1, "error: draft 1 was already sent at 2025-03-04T15:00+00:00; it cannot be edited\n")


def approve_both(cfg: Path) -> tuple[int, int]:
    """Sync and approve both example drafts through the CLI; open the database for the test's own writes."""
    from outreach.config.reader import load_settings
    from outreach.store.db import open_database

    first, second = synced(cfg)
    assert run(cfg, "drafts", "approve", str(first), str(second)).code == 0
    open_database(load_settings(cfg).paths.database)
    return first, second


def local(moment: datetime) -> str:
    return f"{moment.astimezone(NY):%Y-%m-%d %H:%M %Z}"


def test_list_shows_sent_time_retries_and_the_cap(tmp_path: Path) -> None:
    """`drafts list` adds the sent time, and for an approved draft when it goes out and why: a retry, or the
    daily cap that the retry would run into."""
    from outreach.outgoing import drafts

    cfg = example_config(tmp_path, sending=ALWAYS_OPEN)
    first, second = approve_both(cfg)
    now = datetime.now(UTC)
    sent_at, retry_at = now - timedelta(hours=1), now + timedelta(minutes=5)
    for draft_id in (first, second):
        drafts.claim_for_sending(draft_id, sent_at)
    drafts.mark_sent(first, sent_at, smtp_response="250 2.0.0 Ok")
    drafts.schedule_retry(second, sent_at, "451 4.3.0 try later", retry_at)
    alex = (f"{first:>5}  sent         outreach   alex.chen@example.com            "
            "Maria Lopez suggested I reach out about your work at Example Corp")
    priya = (f"{second:>5}  approved     outreach   priya.n@example.org              "
             "Jordan Kim suggested I reach out about your work at Example Health")
    assert run(cfg, "drafts").out.splitlines() == [
        alex, f"{'':19}sent {local(sent_at)}",
        priya, f"{'':19}deferred until {local(retry_at)}: waiting to retry after a temporary error; "
               "1 attempt(s), last error: 451 4.3.0 try later",
    ]
    example_config(tmp_path, sending={**ALWAYS_OPEN, "max_per_day": 1})
    assert run(cfg, "drafts").out.splitlines()[2:] == [
        priya, f"{'':19}deferred until {local(sent_at + timedelta(hours=24))}: daily cap reached (1 sent in the "
               "last 24 hours, max_per_day 1); 1 attempt(s), last error: 451 4.3.0 try later",
    ]


def test_waiting_drafts_say_when_and_why_in_list_json_and_status(tmp_path: Path) -> None:
    """Outside the send window each approved draft says when its contact's window opens, in the list, in
    --json and in `status`, before the daemon has ever run."""
    today = datetime.now(NY).date()
    opens = today + timedelta(days=3)  # the window is open on that weekday only
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[opens.weekday()]
    cfg = example_config(tmp_path, sending={"days": [day], "start": "08:30", "end": "17:30"})
    first, second = approve_both(cfg)
    alex_opens = datetime.combine(opens, time(8, 30), tzinfo=ZoneInfo("America/Los_Angeles"))
    priya_opens = datetime.combine(opens, time(8, 30), tzinfo=NY)
    alex_why = f"outside the send window ({day} 08:30-17:30 America/Los_Angeles)"
    priya_why = f"outside the send window ({day} 08:30-17:30 America/New_York)"
    assert run(cfg, "drafts").out.splitlines()[1::2] == [
        f"{'':19}deferred until {local(alex_opens)}: {alex_why}",
        f"{'':19}deferred until {local(priya_opens)}: {priya_why}",
    ]
    rows = json.loads(run(cfg, "drafts", "--json").out)
    assert [(r["id"], r["next_attempt_at"], r["deferred_reason"]) for r in rows] == [
        (first, alex_opens.astimezone(UTC).isoformat(), alex_why),
        (second, priya_opens.astimezone(UTC).isoformat(), priya_why),
    ]
    status = run(cfg, "status")
    assert status.out.split("\n\n", 1)[1] == (
        "nothing needs you right now\n\n"
        "waiting to be sent:\n"
        f"- draft {second} waits until {local(priya_opens)}: {priya_why}  (outreach drafts --status approved)\n"
        f"- draft {first} waits until {local(alex_opens)}: {alex_why}  (outreach drafts --status approved)\n")
    assert json.loads(run(cfg, "status", "--json").out)["waiting"] == [
        {"kind": "waiting", "id": second, "text": f"draft {second} waits until {local(priya_opens)}: {priya_why}",
         "command": "outreach drafts --status approved"},
        {"kind": "waiting", "id": first, "text": f"draft {first} waits until {local(alex_opens)}: {alex_why}",
         "command": "outreach drafts --status approved"},
    ]


def test_a_sending_pause_holds_every_approved_draft(tmp_path: Path) -> None:
    """While sending is paused, approved drafts wait for the pause's end; `status` names the pause once."""
    from outreach.sending.sendpause import pause_sending

    cfg = example_config(tmp_path, sending=ALWAYS_OPEN)
    approve_both(cfg)
    now = datetime.now(UTC)
    until = now + timedelta(hours=1)
    pause_sending(now, until, "smtp refused the login")
    assert run(cfg, "drafts").out.splitlines()[1::2] == [
        f"{'':19}deferred until {local(until)}: smtp refused the login"] * 2
    assert run(cfg, "status").out.split("\n\n", 1)[1] == (
        f"needs you:\n- sending is paused until {local(until)}: smtp refused the login  "
        "(outreach check --connect)\n")


def test_a_due_draft_says_so(tmp_path: Path) -> None:
    """An approved draft nothing holds back is due: the daemon's next pass sends it."""
    cfg = example_config(tmp_path, sending=ALWAYS_OPEN)
    approve_both(cfg)
    assert run(cfg, "drafts").out.splitlines()[1::2] == [
        f"{'':19}due now: the daemon sends it on its next pass (`outreach run`)"] * 2
    assert [r["next_attempt_at"] for r in json.loads(run(cfg, "drafts", "--json").out)] == [None, None]
