"""The first hour as the README tells it: links that resolve, init, the example's placeholders, templates."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_links_stay_inside_the_repository() -> None:
    """Every relative link and every `../` path in README.md and docs/ names a file in the repository."""
    broken = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text()
        targets = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text) + re.findall(r"`(\.\./[^`\s]+)`", text)
        broken += [f"{doc.name}: {t}" for t in targets
                   if not (doc.parent / t).resolve().is_relative_to(ROOT) or not (doc.parent / t).exists()]
    assert broken == []


def outreach(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command with HOME (so the example's ~/.local/share database) and XDG dirs inside the test."""
    env = {k: v for k, v in os.environ.items() if k not in ("OUTREACH_CONFIG", "XDG_CONFIG_HOME", "XDG_DATA_HOME")}
    env["HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "outreach", *args], capture_output=True, text=True, env=env,
                          timeout=60)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


OWN_PEOPLE = """introductions:
  - name: Dana Park
    email: dana.park@example.net
    company: Example Labs
    referred_by: Maria Lopez
    relationship: my thesis advisor
    topics: [ML in production]
"""


def test_the_unedited_example_composes_nothing(tmp_path: Path) -> None:
    """check and sync refuse the example's address, then its sample people, with the line to edit; once
    both are the user's own, sync composes."""
    cfg = tmp_path / ".config" / "outreach"
    assert outreach(tmp_path, "init").returncode == 0
    identity = (1, "", f"error: {cfg}/outreach.yaml:8: me.email: still the example's you@example.edu; put the "
                "address you send from (and your name, signature and stories under `me:`), then run "
                "`outreach check`\n")
    for command in ("check", "sync"):
        result = outreach(tmp_path, command)
        assert (result.returncode, result.stdout, result.stderr) == identity, command
    edit(cfg / "outreach.yaml", "email: you@example.edu", "email: sam@example.net")
    samples = (f"error: {cfg}/introductions.yaml:12: alex.sample@example.com is one of the example's sample "
               "people (lines 12, 26); replace the samples with the people you want to reach, then run "
               "`outreach check`\n")
    check = outreach(tmp_path, "check")
    assert (check.returncode, check.stdout, check.stderr) == (1, f"config        ok  {cfg}/outreach.yaml\n", samples)
    sync = outreach(tmp_path, "sync")
    assert (sync.returncode, sync.stdout, sync.stderr) == (1, "", samples)
    assert outreach(tmp_path, "contacts", "--json").stdout == "[]\n"
    (cfg / "introductions.yaml").write_text(OWN_PEOPLE)
    assert outreach(tmp_path, "check").returncode == 0
    composed = outreach(tmp_path, "sync")
    assert composed.stdout.splitlines()[:2] == [
        f"introductions: 1 new, 0 updated, 0 unchanged ({cfg}/introductions.yaml)",
        "composed draft 1 (pending) for Dana Park <dana.park@example.net>: "
        "Maria Lopez suggested I reach out about your work at Example Labs"]


def test_templates_live_in_your_folder_only_when_you_copy_them(tmp_path: Path) -> None:
    """templates list shows the shipped ones; templates copy puts one in your folder, and list and check
    then say that it overrides the shipped one (identical: delete it; changed: how to compare)."""
    cfg = tmp_path / ".config" / "outreach"
    outreach(tmp_path, "init")
    edit(cfg / "outreach.yaml", "email: you@example.edu", "email: sam@example.net")
    (cfg / "introductions.yaml").write_text(OWN_PEOPLE)
    shipped = ROOT / "outreach" / "data" / "templates"
    assert outreach(tmp_path, "templates").stdout == (
        "cancellation.txt.j2  shipped\nconfirmation.txt.j2  shipped\nfollow_up.txt.j2     shipped\n"
        "outreach.txt.j2      shipped\nprep.md.j2           shipped\nthank_you.txt.j2     shipped\n")
    copied = outreach(tmp_path, "templates", "copy", "outreach")
    assert copied.stdout == (f"copied outreach.txt.j2 to {cfg}/templates/outreach.txt.j2; edit it there. Your copy "
                             "now overrides the shipped one (fixes to it in new versions won't reach you; delete "
                             "your copy to go back)\n")
    identical = (f"yours ({cfg}/templates/outreach.txt.j2), identical to the shipped one: delete it so that "
                 "fixes in new versions reach you")
    assert outreach(tmp_path, "templates", "list").stdout.splitlines()[3] == f"outreach.txt.j2      {identical}"
    edit(cfg / "templates" / "outreach.txt.j2", "Subject:", "Subject: Hello!")
    changed = (f"yours ({cfg}/templates/outreach.txt.j2), overrides the shipped one: fixes in new versions "
               f"won't reach you; compare with `diff -u {shipped}/outreach.txt.j2 "
               f"{cfg}/templates/outreach.txt.j2`")
    check = outreach(tmp_path, "check").stdout.splitlines()
    assert [line for line in check if line.startswith("template")] == [
        "template      ok  cancellation.txt.j2 (shipped; rendered for a sample interview)",
        "template      ok  confirmation.txt.j2 (shipped; rendered for a sample interview)",
        "template      ok  follow_up.txt.j2 (shipped; compiled)",
        "template      ok  outreach.txt.j2 (yours; rendered for a sample contact)",
        "template      ok  prep.md.j2 (shipped; compiled)",
        "template      ok  thank_you.txt.j2 (shipped; compiled)",
        f"template      note outreach.txt.j2: {changed}"]
    again = outreach(tmp_path, "templates", "copy", "outreach.txt.j2")
    assert (again.returncode, again.stderr) == (
        1, f"error: {cfg}/templates/outreach.txt.j2 already exists; edit it there, or delete it to use the "
        "shipped outreach.txt.j2 again\n")
    unknown = outreach(tmp_path, "templates", "copy", "welcome")
    assert (unknown.returncode, unknown.stderr) == (
        1, "error: no shipped template named 'welcome'; the shipped ones are cancellation, confirmation, "
        "follow_up, outreach, prep, thank_you\n")


def test_demo_counts_down_and_names_no_deleted_directory(tmp_path: Path) -> None:
    """While waiting for the interview to end the demo shows the seconds left; its last line names the
    directory only when --keep keeps it."""
    from datetime import UTC, datetime, timedelta

    from outreach.demo.run import Countdown, closing

    end = datetime(2026, 11, 28, 20, 0, tzinfo=UTC)
    countdown = Countdown(end)
    assert [countdown.line(end - timedelta(seconds=42)), countdown.line(end + timedelta(seconds=3))] == [
        "    the interview ends in  42 s",
        "    the interview ended   3 s ago; the next due-drafts run drafts the thank-you"]
    assert [closing(129.4, tmp_path, keep=False), closing(129.6, tmp_path, keep=True)] == [
        "Done in 129 s. Run it with --keep to keep the config, the database and the daemon's log.",
        f"Done in 130 s. The config, the database and the daemon's log are kept in {tmp_path}."]
