"""A complete outreach config pointing at a local MailRig: used by the tests and the demo."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml

from .mailrig import MailRig

SmtpChoice = Literal["postfix", "fault"]


def local_settings_dict(directory: Path, rig: MailRig, user: str = "me@example.test",
                        smtp: SmtpChoice = "postfix", imap_security: str = "tls",
                        smtp_security: str = "tls", password_file: str = "password") -> dict[str, Any]:
    """The outreach.yaml content for `user` on `rig`; the password sits in a private file beside it."""
    imap_port = rig.imaps_port if imap_security == "tls" else rig.imap_port
    if smtp == "fault":
        smtp_port = rig.fault_smtps_port if smtp_security == "tls" else rig.fault_submission_port
    else:
        smtp_port = rig.smtps_port if smtp_security == "tls" else rig.submission_port
    server = {"host": "127.0.0.1", "username": user, "password_file": password_file,
              "ca_file": str(rig.ca_file), "timeout_seconds": 10}
    return {
        "me": {
            "name": "Sam Rivera",
            "email": user,
            "timezone": "America/New_York",
            "signature": "Sam Rivera\nM.S. Data Science, Example University",
            "stories": {
                "tell_me_about_yourself": "I'm finishing a master's in data science after four years in a lab.",
                "why_this_field": "I like turning messy measurements into decisions.",
                "what_im_looking_for": "A first role in applied machine learning.",
            },
        },
        "imap": {**server, "port": imap_port, "security": imap_security},
        "smtp": {**server, "port": smtp_port, "security": smtp_security},
        "paths": {"introductions": "introductions.yaml", "templates": "templates",
                  "database": str(directory / "outreach.db")},
    }


def write_local_config(directory: Path, rig: MailRig, user: str = "me@example.test",
                       password: str | None = None, **options: Any) -> Path:
    """Write outreach.yaml (and the 0600 password file) for `user` on `rig`; return the config path."""
    directory.mkdir(parents=True, exist_ok=True)
    secret = directory / "password"
    secret.write_text((password if password is not None else rig.users[user]) + "\n")
    secret.chmod(0o600)
    path = directory / "outreach.yaml"
    data = local_settings_dict(directory, rig, user=user, **options)
    path.write_text("# written by outreach.testing.localconfig for a local test mail server\n"
                    + yaml.safe_dump(data, sort_keys=False))
    if not (directory / "introductions.yaml").exists():
        (directory / "introductions.yaml").write_text("introductions: []\n")
    return path
