"""The systemd units pass `systemd-analyze verify`, and the system unit's exposure stays at 2.0 or lower."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUTREACH_BIN = str(Path(sys.executable).with_name("outreach"))


def analyze() -> str:
    tool = shutil.which("systemd-analyze")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("systemd-analyze is missing; .ci/install installs systemd")
        pytest.skip("systemd-analyze not installed")
    return tool


def unit_copy(tmp_path: Path, name: str) -> Path:
    """The unit with ExecStart pointing at this environment's command (verify checks that it exists)."""
    text = (ROOT / "systemd" / name).read_text()
    text = text.replace("%h/.local/bin/outreach", OUTREACH_BIN).replace("/usr/local/bin/outreach", OUTREACH_BIN)
    path = tmp_path / name
    path.write_text(text)
    return path


def test_user_unit_verifies(tmp_path: Path) -> None:
    """systemd/outreach.service is a valid user unit."""
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    result = subprocess.run([analyze(), "verify", "--man=no", "--user", str(unit_copy(tmp_path, "outreach.service"))],
                            capture_output=True, text=True, env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)})
    assert (result.returncode, result.stderr) == (0, "")


def test_system_unit_verifies_and_is_hardened(tmp_path: Path) -> None:
    """systemd/outreach@.service is valid and `systemd-analyze security` rates it 2.0 or lower."""
    unit = unit_copy(tmp_path, "outreach@.service")
    verify = subprocess.run([analyze(), "verify", "--man=no", str(unit)], capture_output=True, text=True)
    assert (verify.returncode, verify.stderr) == (0, "")
    security = subprocess.run([analyze(), "security", "--offline=true", "--no-pager", str(unit)],
                              capture_output=True, text=True)
    match = re.search(r"Overall exposure level for outreach@.*?: (\d+\.\d+)", security.stdout)
    assert match, security.stdout + security.stderr
    print(f"systemd-analyze security: exposure {match.group(1)}")
    assert float(match.group(1)) <= 2.0
