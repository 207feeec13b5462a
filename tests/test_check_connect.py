"""`outreach check --connect` against the real Dovecot and Postfix of the test rig."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from outreach.testing import MailRig
from outreach.testing.localconfig import write_local_config

CANARY = "canary-Pw-7f3a9c"


def outreach(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "OUTREACH_CONFIG"}
    return subprocess.run([sys.executable, "-m", "outreach", *args], capture_output=True, text=True,
                          env=env, timeout=60)


def check(config: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return outreach(*extra, "-c", str(config), "check", "--connect")


@pytest.mark.parametrize(("imap_security", "smtp_security"), [("tls", "tls"), ("starttls", "starttls")])
def test_check_connect_succeeds(postfix: MailRig, tmp_path: Path, imap_security: str, smtp_security: str) -> None:
    """Implicit TLS and STARTTLS both log in, verify the CA, and report capabilities and folders."""
    config = write_local_config(tmp_path, postfix, imap_security=imap_security, smtp_security=smtp_security)
    result = check(config)
    assert result.returncode == 0, result.stderr
    imap_port = postfix.imaps_port if imap_security == "tls" else postfix.imap_port
    smtp_port = postfix.smtps_port if smtp_security == "tls" else postfix.submission_port
    lines = result.stdout.splitlines()
    assert lines[0] == f"config        ok  {config}"
    assert lines[1] == f"introductions ok  {tmp_path}/introductions.yaml (0 entries)"
    assert lines[-4] == f"database      ok  {tmp_path}/outreach.db (schema {_schema()}, 0 contacts, 0 drafts)"
    assert lines[-3] == (f"imap          ok  {imap_security} 127.0.0.1:{imap_port} as me@example.test; "
                         "capabilities: IDLE UIDPLUS SPECIAL-USE CONDSTORE MOVE")
    assert lines[-2] == ("imap folders  ok  special-use: Sent (\\Sent), Drafts (\\Drafts), Junk (\\Junk), "
                         "Trash (\\Trash)")
    assert lines[-1].startswith(f"smtp          ok  {smtp_security} 127.0.0.1:{smtp_port} as me@example.test; "
                                "extensions: ")
    assert "AUTH" in lines[-1] and "8BITMIME" in lines[-1]


def _schema() -> int:
    from outreach.store.db import MIGRATIONS

    return MIGRATIONS[-1][0]


def test_wrong_password_is_named_and_never_printed(postfix: MailRig, tmp_path: Path) -> None:
    """A wrong password gets its own message; the password itself appears nowhere, even with -v."""
    config = write_local_config(tmp_path, postfix, password=CANARY)
    result = check(config, "-v")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (  # both servers are tried, and both refuse
        f"error: imap 127.0.0.1:{postfix.imaps_port} refused login for me@example.test: [AUTHENTICATIONFAILED] "
        f"Authentication failed.; check the password from password_file {tmp_path}/password and "
        f"smtp 127.0.0.1:{postfix.smtps_port} refused login for me@example.test: 535 5.7.8 Error: "
        f"authentication failed: (reason unavailable); check the password from password_file {tmp_path}/password")
    assert CANARY not in result.stdout + result.stderr
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("outreach.db*"))
    assert stored and CANARY.encode() not in stored


def test_smtp_wrong_password(postfix: MailRig, tmp_path: Path) -> None:
    """SMTP's refusal is reported with the server's code and text, without the password."""
    config = write_local_config(tmp_path, postfix)
    (tmp_path / "smtp-password").write_text(CANARY + "\n")
    (tmp_path / "smtp-password").chmod(0o600)
    data = yaml.safe_load(config.read_text())
    data["smtp"]["password_file"] = "smtp-password"
    config.write_text(yaml.safe_dump(data))
    result = check(config, "-v")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: smtp 127.0.0.1:{postfix.smtps_port} refused login for me@example.test: 535 5.7.8 Error: "
        f"authentication failed: (reason unavailable); check the password from password_file "
        f"{tmp_path}/smtp-password")
    assert CANARY not in result.stdout + result.stderr


def test_wrong_port_is_named(postfix: MailRig, tmp_path: Path) -> None:
    """Nothing listening on the port: connection refused, naming the keys to check."""
    from outreach.testing.processes import free_ports

    config = write_local_config(tmp_path, postfix)
    unused = free_ports(1)[0]
    config.write_text(config.read_text().replace(f"port: {postfix.imaps_port}", f"port: {unused}"))
    result = check(config)
    assert (result.returncode, result.stderr) == (
        1, f"error: imap 127.0.0.1:{unused}: connection refused; check imap.host and imap.port\n")


def test_untrusted_certificate_is_named(postfix: MailRig, tmp_path: Path) -> None:
    """Without the rig's CA the self-signed certificate is refused, and the message says what to set."""
    config = write_local_config(tmp_path, postfix)
    config.write_text(config.read_text().replace(f"ca_file: {postfix.ca_file}", "ca_file: null"))
    result = check(config)
    assert (result.returncode, result.stderr) == (
        1, f"error: imap 127.0.0.1:{postfix.imaps_port}: the server's certificate is not trusted (unable to get "
        "local issuer certificate); if the server uses a private CA, set imap.ca_file to it and "
        f"smtp 127.0.0.1:{postfix.smtps_port}: the server's certificate is not trusted (unable to get "
        "local issuer certificate); if the server uses a private CA, set smtp.ca_file to it\n")


def test_tls_against_a_starttls_port_is_explained(postfix: MailRig, tmp_path: Path) -> None:
    """security: tls on a STARTTLS port fails with a hint about tls vs starttls."""
    config = write_local_config(tmp_path, postfix)
    config.write_text(config.read_text().replace(f"port: {postfix.imaps_port}", f"port: {postfix.imap_port}"))
    result = check(config)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: imap 127.0.0.1:{postfix.imap_port}: TLS handshake failed (")
    assert result.stderr.endswith("check imap.security (tls for implicit TLS ports like 993/465, starttls for "
                                  "143/587) and the port\n")
