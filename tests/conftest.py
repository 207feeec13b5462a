"""Shared pytest fixtures. One section per concern; add new sections below the existing ones."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from imapclient import IMAPClient

from outreach.testing import DEFAULT_USERS, Backend, MailRig, RigError, missing_binaries

if TYPE_CHECKING:
    from outreach.testing.radicale_rig import RadicaleRig

# =====================================================================================
# Mail servers
#
# `mailrig`: one private Dovecot + Postfix + aiosmtpd rig per pytest process (so one per
# xdist worker), on free loopback ports, started once per session (~0.3 s). Postfix is
# on rig.smtp_port / submission_port / smtps_port; the aiosmtpd fault server, delivering
# to the same Dovecot, on rig.fault_*_port. In CI (env CI set) a rig that can't start
# fails the run; elsewhere the tests that need it are skipped.
#
# Tests share the rig, so isolate by content: unique Message-IDs / subjects, or a fresh
# user from `mail_user`. Tests that set faults use the `faults` fixture, which clears them.
# =====================================================================================

# mailboxes created with the rig, handed out one per test by `mail_user` (add_user costs up to 1 s)
SPARE_USERS = [f"box{i:03d}@example.test" for i in range(1, 301)]
INSTALL_HINT = "run .ci/install-mail-servers.sh (as root) to install Dovecot and Postfix"


def _unavailable(reason: str, hint: str = INSTALL_HINT) -> None:
    """Skip the test, or fail it in CI, where a missing mail server must turn the run red."""
    if os.environ.get("CI"):
        pytest.fail(f"mail servers unavailable in CI: {reason}", pytrace=False)
    pytest.skip(f"mail servers unavailable: {reason}; {hint}")


@pytest.fixture(scope="session")
def mailrig() -> Iterator[MailRig]:
    """The session's mail servers: Dovecot, Postfix (when root) and the aiosmtpd fault server."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    # Postfix must be started as root; elsewhere run Dovecot + aiosmtpd only
    backend: Backend = "both" if os.geteuid() == 0 else "aiosmtpd"
    missing = missing_binaries(backend)
    if missing:
        _unavailable(f"not installed: {', '.join(missing)}")
    # not tmp_path: pytest's /tmp/pytest-of-<user> is 0700, and the daemons' unprivileged
    # processes (dovecot, nobody, postfix) must traverse every directory above their files
    root = tempfile.mkdtemp(prefix=f"mailrig-{worker}-")
    users = {**DEFAULT_USERS, **{address: "secret" for address in SPARE_USERS}}
    rig = MailRig(root, users=users, smtp=backend, name=worker, mail_fsync="never", die_with_parent=True)
    try:
        rig.start()
    except (RigError, OSError) as e:
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"the rig did not start: {e}")
    yield rig
    rig.stop()
    if os.environ.get("MAILRIG_KEEP") == "1":
        print(f"\nmail rig kept at {root}")
    else:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postfix(mailrig: MailRig) -> MailRig:
    """The session rig, for tests that need the real MTA (skipped when not root, failed in CI)."""
    if not mailrig.has_postfix:
        _unavailable("Postfix needs root", "this run has only Dovecot and the aiosmtpd server")
    return mailrig


@pytest.fixture
def faults(mailrig: MailRig) -> Iterator[Callable[..., None]]:
    """``faults({...})`` sets aiosmtpd faults (see outreach.testing.smtp_server); cleared after the test."""
    if not mailrig.has_fault_server:
        _unavailable("this rig has no aiosmtpd fault server")
    yield mailrig.set_faults
    mailrig.clear_faults()


@pytest.fixture
def imap(mailrig: MailRig) -> Iterator[Callable[..., IMAPClient]]:
    """Factory: ``imap(user="me@example.test")`` -> a logged-in IMAPClient, logged out after the test."""
    clients: list[IMAPClient] = []

    def connect(user: str = "me@example.test", password: str | None = None, starttls: bool = False) -> IMAPClient:
        client = mailrig.imap_client(user, password, starttls=starttls)
        clients.append(client)
        return client

    yield connect
    for client in clients:
        # already logged out by the test, kicked, or the server restarted
        with contextlib.suppress(Exception):
            client.logout()


_spare_users = iter(SPARE_USERS)


@pytest.fixture
def mail_users(mailrig: MailRig) -> Callable[[int], list[str]]:
    """Factory: ``mail_users(n)`` -> n fresh mailbox users that no other test touches."""

    def take(count: int) -> list[str]:
        return [_next_user(mailrig) for _ in range(count)]

    return take


def _next_user(mailrig: MailRig) -> str:
    address = next(_spare_users, None)
    if address is None:  # pool used up: make one (slower)
        address = f"extra-{uuid.uuid4().hex[:12]}@example.test"
        mailrig.add_user(address, "secret")
    return address


@pytest.fixture
def mail_user(mailrig: MailRig) -> str:
    """A fresh mailbox user (password "secret") that no other test touches."""
    return _next_user(mailrig)


# =====================================================================================
# Secrets
#
# A resolved password is registered for redaction for the life of the process (outreach.logs);
# in a test process that would redact one test's password from another test's messages.
# =====================================================================================


@pytest.fixture(autouse=True)
def _forget_secrets() -> Iterator[None]:
    """Each test starts with no registered secrets, and leaves none behind."""
    from outreach import logs

    logs._secrets.clear()
    yield
    logs._secrets.clear()


# =====================================================================================
# CalDAV server
#
# `radicale`: one private Radicale (from PyPI, the test extra) per pytest process, on a free loopback
# port with htpasswd users, started once per session. It is a Python package, so unlike the mail
# servers it is always available: a Radicale that cannot start fails the test, never skips it.
# Isolate by user: `dav_user` is a fresh account with empty "Work" and "Interviews" calendars.
# =====================================================================================


@pytest.fixture(scope="session")
def radicale() -> Iterator[RadicaleRig]:
    """The session's CalDAV server."""
    from outreach.testing.radicale_rig import RadicaleRig

    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    root = tempfile.mkdtemp(prefix=f"radicale-{worker}-")
    rig = RadicaleRig(root)
    try:
        rig.start()
    except (RigError, OSError) as e:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"the CalDAV server (radicale) did not start: {e}", pytrace=False)
    yield rig
    rig.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def dav_user(radicale: RadicaleRig) -> str:
    """A fresh CalDAV user (password "secret") with empty "Work" and "Interviews" calendars."""
    user = radicale.add_user()
    radicale.make_calendar(user, "Work")
    radicale.make_calendar(user, "Interviews")
    return user


# =====================================================================================
# Caches
#
# `outreach classify` keeps compiled regexes under $XDG_CACHE_HOME/outreach; tests (and the commands they
# run as subprocesses) keep theirs in a temp dir, never in the home of whoever runs them.
# =====================================================================================


@pytest.fixture(scope="session", autouse=True)
def _private_cache_home() -> Iterator[None]:
    """$XDG_CACHE_HOME points at a temp dir for the whole session."""
    root = tempfile.mkdtemp(prefix="outreach-cache-")
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = root
    yield
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous
    shutil.rmtree(root, ignore_errors=True)
