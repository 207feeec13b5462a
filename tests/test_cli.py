"""The spine's commands as a user runs them: init, sync, contacts, and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import write_config


def outreach(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command in a fresh process, with no config found unless the test gives one."""
    full_env = {**os.environ, "XDG_CONFIG_HOME": "/nonexistent"}
    full_env.pop("OUTREACH_CONFIG", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "outreach", *args], capture_output=True, text=True,
                          env=full_env, timeout=60)


def test_init_writes_examples_and_never_overwrites(tmp_path: Path) -> None:
    """init writes the config and introductions (no templates: the shipped ones stay in use); a second run
    keeps every file."""
    cfg = tmp_path / "cfg"
    first = outreach("init", str(cfg))
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == (f"wrote {cfg}/outreach.yaml\nwrote {cfg}/introductions.yaml\n"
                            f"next: put yourself in {cfg}/outreach.yaml (me, imap, smtp) and your people in "
                            f"{cfg}/introductions.yaml, then run `outreach check --connect`\n")
    assert sorted(p.name for p in cfg.iterdir()) == ["introductions.yaml", "outreach.yaml"]
    (cfg / "outreach.yaml").write_text("# mine\n")
    second = outreach("init", str(cfg))
    assert second.stdout.splitlines()[:2] == [f"kept  {cfg}/outreach.yaml (already exists)",
                                              f"kept  {cfg}/introductions.yaml (already exists)"]
    assert (cfg / "outreach.yaml").read_text() == "# mine\n"


def test_init_defaults_to_the_xdg_config_dir(tmp_path: Path) -> None:
    """Without DIR, init writes into $XDG_CONFIG_HOME/outreach, which the other commands then find."""
    result = outreach("init", env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert result.stdout.splitlines()[0] == f"wrote {tmp_path}/outreach/outreach.yaml"


def test_sync_then_contacts_json(tmp_path: Path) -> None:
    """sync imports the introductions; contacts --json lists them with the DESIGN.md fields."""
    config = write_config(tmp_path)
    result = outreach("-c", str(config), "sync")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == \
        f"introductions: 2 new, 0 updated, 0 unchanged ({tmp_path}/introductions.yaml)"
    listed = outreach("contacts", "--json", env={"OUTREACH_CONFIG": str(config)})
    rows = json.loads(listed.stdout)
    assert [(r["email"], r["name"], r["company"], r["status"]) for r in rows] == [
        ("alex.chen@example.com", "Alex Chen", "Example Corp", "new"),
        ("priya.n@example.org", "Priya Natarajan", "Example Health", "new")]
    again = outreach("-c", str(config), "sync")
    assert again.stdout.splitlines()[0] == \
        f"introductions: 0 new, 0 updated, 2 unchanged ({tmp_path}/introductions.yaml)"


def test_expected_errors_are_one_line_exit_1(tmp_path: Path) -> None:
    """A config error prints exactly one line on stderr and exits 1; -v adds the traceback."""
    config = write_config(tmp_path, sending={"start": "9am"})
    result = outreach("-c", str(config), "contacts")
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "", f"error: {config}:29: sending.start: expected a time as \"HH:MM\", got '9am'\n")
    verbose = outreach("-v", "-c", str(config), "contacts")
    assert verbose.returncode == 1
    assert "Traceback" in verbose.stderr


def test_missing_default_config_points_to_init(tmp_path: Path) -> None:
    """With no config anywhere, the error says how to create one."""
    result = outreach("contacts", env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert result.stderr == (f"error: {tmp_path}/outreach/outreach.yaml: config file not found; run "
                             "`outreach init` to create one, or pass -c FILE\n")
