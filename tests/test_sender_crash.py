"""A process that dies at any step of the send path, then restarts, never sends a message twice."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from outreach.crashpoints import ENV, EXIT_CODE, SEND_STEPS
from outreach.outgoing.drafts import approve, get_draft
from outreach.store.models import DraftStatus as S
from outreach.testing import MailRig
from outreach.testing.sendqueue import copies_by_message_id, open_settings, queue_approved, sending_config

# Steps after which the message may be out but there is no proof of it yet: the draft is left for review.
# At after_data_end_mark the dot was never written (0 copies); after a 250 the server stored it (1 copy);
# right after the write, whether the kernel flushed the TLS record before the process died decides (None: 0 or 1).
UNPROVEN: dict[str, int | None] = {"after_data_end_mark": 0, "after_final_dot": None, "after_final_reply": 1}


def run_once(config: Path, crash_at: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ}
    env.pop(ENV, None)
    if crash_at:
        env[ENV] = crash_at
    return subprocess.run([sys.executable, "-m", "outreach", "-c", str(config), "run", "--once"],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("step", SEND_STEPS)
def test_crash_at_each_step_then_restart_sends_exactly_once(tmp_path: Path, postfix: MailRig, mail_user: str,
                                                            step: str) -> None:
    """Killed at `step` on the 2nd of 3 messages (1st for the one connection): after a restart every message
    is in its INBOX exactly once, and each draft is sent, or left for review exactly when there is no proof."""
    config = sending_config(tmp_path, postfix)
    settings = open_settings(config)
    now = datetime.now(UTC)
    users = ["contact1@example.test", mail_user, "contact2@example.test"]
    queued = queue_approved(settings, users, now)
    target = 0 if step == "after_connect" else 1
    crashed = run_once(config, f"{step}:{target + 1}")
    assert crashed.returncode == EXIT_CODE, crashed.stderr
    assert "send: " not in crashed.stdout  # it died before reporting any send
    restarted = run_once(config)
    assert restarted.returncode == 0, restarted.stderr
    crashed_draft = queued[target]
    if step in UNPROVEN:
        assert get_draft(crashed_draft.id).status == S.NEEDS_REVIEW
        assert f"draft {crashed_draft.id} needs review: after a restart: the connection ended" in restarted.stdout
        if UNPROVEN[step] != 0:
            with contextlib.suppress(TimeoutError):
                postfix.wait_for(users[target], lambda m: crashed_draft.message_id.encode() in m, timeout=2)
        delivered = copies_by_message_id(postfix, users[target]).get(crashed_draft.message_id, 0)
        assert delivered == UNPROVEN[step] if UNPROVEN[step] is not None else delivered in (0, 1)
        if not delivered:  # the user checks, finds nothing, and approves it again
            approve(crashed_draft.id, datetime.now(UTC))
            assert run_once(config).returncode == 0
        else:
            assert get_draft(crashed_draft.id).status == S.NEEDS_REVIEW
    for draft, user in zip(queued, users, strict=True):
        postfix.wait_for(user, lambda m, mid=draft.message_id: mid.encode() in m)
        assert copies_by_message_id(postfix, user)[draft.message_id] == 1, (step, draft.id)
        if draft is not crashed_draft or step not in UNPROVEN:
            assert get_draft(draft.id).status == S.SENT
