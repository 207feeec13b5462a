"""`outreach service install` writes a user unit that systemd accepts and that starts this installation as
systemd would: its ExecStart, its Environment and EnvironmentFile, a NOTIFY_SOCKET, and nothing else."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import yaml

from outreach.testing import MailRig
from outreach.testing.sendqueue import copies_by_message_id, open_settings, queue_approved, sending_config
from tests.helpers import write_config
from tests.test_daemon import NotifySocket
from tests.test_systemd import analyze


def install(home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("OUTREACH_CONFIG", "XDG_CONFIG_HOME")}
    return subprocess.run([sys.executable, "-m", "outreach", "service", "install"], capture_output=True,
                          text=True, env={**env, "HOME": str(home)}, timeout=60)


def service_section(unit: Path, home: Path) -> dict[str, list[str]]:
    """The [Service] settings of `unit`, each key to its values in order, with %h and %% resolved."""
    values: dict[str, list[str]] = {}
    section = ""
    for line in unit.read_text().splitlines():
        if line.startswith("["):
            section = line
        elif section == "[Service]" and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            values.setdefault(key, []).append(value.replace("%h", str(home)).replace("%%", "%"))
    return values


def environment_of(service: dict[str, list[str]], home: Path) -> dict[str, str]:
    """What a user manager gives the process: its own few variables, Environment=, then EnvironmentFile=."""
    env = {"HOME": str(home), "USER": "root", "LOGNAME": "root", "LANG": "C.UTF-8",
           "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"}
    for value in service.get("Environment", []):
        for word in shlex.split(value):
            name, _, setting = word.partition("=")
            env[name] = setting
    for value in service.get("EnvironmentFile", []):
        path = Path(shlex.split(value.removeprefix("-"))[0])
        for line in path.read_text().splitlines() if path.exists() else []:
            if line.strip() and not line.lstrip().startswith("#"):
                name, _, setting = line.partition("=")
                env[name.strip()] = setting.strip()
    return env


def test_install_writes_a_unit_that_verifies(tmp_path: Path) -> None:
    """The written unit runs this installation's command with this config and passes `systemd-analyze verify`."""
    home = tmp_path / "home"
    config = write_config(home / ".config" / "outreach")
    result = install(home)
    unit = home / ".config" / "systemd" / "user" / "outreach.service"
    command = str(Path(sys.executable).with_name("outreach"))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"wrote {unit} (runs `{command} run` with {config})\n"
        f"wrote {config.parent}/service.env (private, mode 0600: for password_env variables, if you use any)\n"
        f"note: the service sees no shell variables: add OUTREACH_TEST_PASSWORD=... to {config.parent}/service.env, "
        "or use password_command\n"
        "next: systemctl --user daemon-reload && systemctl --user enable --now outreach\n"
        "      (to keep it running while you are logged out: loginctl enable-linger)\n")
    service = service_section(unit, home)
    assert (service["ExecStart"], service["Environment"], service["EnvironmentFile"]) == (
        [f"{command} run"], [f"OUTREACH_CONFIG={config}"], [f"-{config.parent}/service.env"])
    assert oct((config.parent / "service.env").stat().st_mode & 0o777) == "0o600"
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    verify = subprocess.run([analyze(), "verify", "--man=no", "--user", str(unit)], capture_output=True, text=True,
                            env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)})
    assert (verify.returncode, verify.stderr) == (0, "")
    assert install(home).stdout.splitlines()[0] == \
        f"kept  {unit} (runs `{command} run` with {config})"


def test_the_unit_starts_sends_and_stops_as_systemd_runs_it(postfix: MailRig, tmp_path: Path, mail_user: str) -> None:
    """ExecStart with only the unit's environment (the password from the 0600 EnvironmentFile) says READY=1
    on NOTIFY_SOCKET, sends the approved draft once, and exits 0 on SIGTERM."""
    home = tmp_path / "home"
    config = sending_config(home / ".config" / "outreach", postfix, user=mail_user)
    data = yaml.safe_load(config.read_text())
    for server in ("imap", "smtp"):
        del data[server]["password_file"]
        data[server]["password_env"] = "OUTREACH_PASSWORD"
    config.write_text(yaml.safe_dump(data, sort_keys=False))
    (config.parent / "password").unlink()
    [draft] = queue_approved(open_settings(config), [mail_user], datetime.now(UTC))
    installed = install(home)
    assert installed.stdout.splitlines()[2] == (
        f"note: the service sees no shell variables: add OUTREACH_PASSWORD=... to {config.parent}/service.env, "
        "or use password_command")
    with (config.parent / "service.env").open("a") as env_file:
        env_file.write(f"OUTREACH_PASSWORD={postfix.users[mail_user]}\n")
    service = service_section(home / ".config" / "systemd" / "user" / "outreach.service", home)
    notify = NotifySocket(tmp_path / "notify.sock")
    env = {**environment_of(service, home), "NOTIFY_SOCKET": str(notify.path), "WATCHDOG_USEC": "120000000"}
    proc = subprocess.Popen(shlex.split(service["ExecStart"][0]), env=env, cwd="/", stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        notify.collect("READY=1")
        postfix.wait_for(mail_user, 1)
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
        notify.sock.close()
    assert proc.returncode == 0, err
    assert copies_by_message_id(postfix, mail_user)[draft.message_id] == 1

