"""The test mail servers themselves: TLS, folders, delivery, bounces, faults, isolation, CLI."""

from __future__ import annotations

import asyncio
import email
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib
import imapclient
import pytest
from imapclient import IMAPClient

from outreach.testing import MailRig
from outreach.testing.mailrig import PACKAGE_PARENT

ME = "me@example.test"
CONTACT = "contact1@example.test"


def make_message(to: str, subject: str = "hello", sender: str = ME) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = f"{subject} {uuid.uuid4().hex[:8]}"
    msg["Message-ID"] = f"<{uuid.uuid4()}@example.test>"
    msg.set_content("Hi, could we talk for 20 minutes next week?\n")
    return msg


def with_id(msg: EmailMessage) -> Callable[[bytes], bool]:
    """Predicate for wait_for: the raw message carries msg's Message-ID."""
    return lambda raw: msg["Message-ID"].encode() in raw


def send(rig: MailRig, msg: EmailMessage, port: int, implicit_tls: bool = False, **kw: Any) -> Any:
    return asyncio.run(
        aiosmtplib.send(
            msg, hostname="127.0.0.1", port=port, use_tls=implicit_tls, start_tls=not implicit_tls,
            tls_context=rig.ssl_context(), username=ME, password="secret", **kw,
        )
    )  # fmt: skip


def has_id(rig: MailRig, user: str, msg: EmailMessage) -> bool:
    return any(with_id(msg)(raw) for raw in rig.messages(user))


# ------------------------------------------------------------------------------- IMAP


def test_imap_starttls_login_verifies_the_rig_ca(mailrig: MailRig) -> None:
    """STARTTLS on imap_port upgrades to TLS that verifies against the rig's CA, then logs in."""
    client = mailrig.imap_client(ME, starttls=True)
    try:
        sock = client.socket()
        assert isinstance(sock, ssl.SSLSocket)
        assert sock.version() in ("TLSv1.2", "TLSv1.3")
        assert client.noop()
    finally:
        client.logout()


def test_imaps_login_and_capabilities(mailrig: MailRig) -> None:
    """Implicit TLS on imaps_port logs in and offers what the daemon relies on."""
    client = mailrig.imap_client(ME)
    try:
        caps = set(client.capabilities())
        assert {b"IDLE", b"UIDPLUS", b"SPECIAL-USE", b"MULTIAPPEND", b"CONDSTORE"} <= caps
    finally:
        client.logout()


def test_tls_rejects_an_untrusted_ca(mailrig: MailRig) -> None:
    """A client with the system CAs only refuses the rig's certificate (verification is real)."""
    with pytest.raises(ssl.SSLCertVerificationError):
        IMAPClient("127.0.0.1", port=mailrig.imaps_port, ssl_context=ssl.create_default_context(), timeout=5)


def test_wrong_password_is_refused(mailrig: MailRig) -> None:
    """A bad password gives LoginError, and a good login right after succeeds (its speed: bench_mailrig)."""
    with pytest.raises(imapclient.exceptions.LoginError):
        mailrig.imap_client(ME, "wrong")
    client = mailrig.imap_client(ME, timeout=30)  # logged in: a penalty longer than 30 s would fail here
    assert client.folder_exists("INBOX")
    client.logout()


def test_special_use_folders(imap: Callable[..., IMAPClient]) -> None:
    """Every user has Drafts, Sent, Junk and Trash with their special-use flags."""
    client = imap(CONTACT)
    flags = {name: set(f) for f, _, name in client.list_folders()}
    assert {"INBOX", "Drafts", "Sent", "Junk", "Trash"} <= set(flags)
    assert b"\\Drafts" in flags["Drafts"]
    assert b"\\Sent" in flags["Sent"]
    assert client.find_special_folder(imapclient.imapclient.SENT) == "Sent"
    assert client.find_special_folder(imapclient.imapclient.JUNK) == "Junk"


def test_deliver_append_and_messages(mailrig: MailRig, mail_user: str) -> None:
    """LMTP delivery lands in INBOX, APPEND returns a UID, and messages() reads both without marking them."""
    delivered = make_message(mail_user)
    mailrig.deliver(mail_user, delivered.as_bytes())
    [raw] = mailrig.wait_for(mail_user, with_id(delivered))
    assert b"Delivered-To: " + mail_user.encode() in raw
    sent = make_message(CONTACT, sender=mail_user)
    uid = mailrig.append(mail_user, "Sent", sent.as_bytes(), flags=[b"\\Seen"])
    assert isinstance(uid, int)
    assert [with_id(sent)(m) for m in mailrig.messages(mail_user, "Sent")] == [True]
    client = mailrig.imap_client(mail_user)
    try:
        client.select_folder("INBOX", readonly=True)
        assert client.search(["UNSEEN"]) != []  # BODY.PEEK[] did not set \Seen
    finally:
        client.logout()


def test_wait_for_times_out_with_what_it_saw(mailrig: MailRig, mail_user: str) -> None:
    """wait_for raises TimeoutError naming the messages it found."""
    mailrig.deliver(mail_user, make_message(mail_user, "only one").as_bytes())
    with pytest.raises(TimeoutError, match="only one"):
        mailrig.wait_for(mail_user, 2, timeout=0.3)


def test_kick_disconnects_imap_sessions(mailrig: MailRig, mail_user: str) -> None:
    """kick(user) ends that user's IMAP connections (a daemon must reconnect)."""
    client = mailrig.imap_client(mail_user)
    client.select_folder("INBOX")
    mailrig.kick(mail_user)
    with pytest.raises((imapclient.exceptions.IMAPClientAbortError, OSError)):
        for _ in range(50):
            client.noop()
            time.sleep(0.02)


def test_restart_dovecot_keeps_mail(mailrig: MailRig, mail_user: str) -> None:
    """restart_dovecot drops connections but keeps the ports and the mailboxes."""
    msg = make_message(mail_user)
    mailrig.deliver(mail_user, msg.as_bytes())
    client = mailrig.imap_client(mail_user)
    mailrig.restart_dovecot()
    with pytest.raises((imapclient.exceptions.IMAPClientAbortError, OSError)):
        client.noop()
    assert has_id(mailrig, mail_user, msg)


# ------------------------------------------------------------------------------- Postfix


@pytest.mark.parametrize("implicit_tls", [False, True], ids=["submission-starttls", "smtps"])
def test_postfix_submission_lands_in_recipient_inbox(postfix: MailRig, implicit_tls: bool) -> None:
    """Authenticated submission through Postfix (587-style and 465-style) reaches the INBOX over LMTP."""
    msg = make_message(CONTACT)
    port = postfix.smtps_port if implicit_tls else postfix.submission_port
    send(postfix, msg, port, implicit_tls)
    [raw] = postfix.wait_for(CONTACT, with_id(msg))
    assert b"by mx.example.test" in raw


def test_postfix_submission_requires_auth(postfix: MailRig) -> None:
    """Without AUTH the submission port refuses the recipient."""
    msg = make_message(CONTACT)
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as e:
        asyncio.run(
            aiosmtplib.send(
                msg, hostname="127.0.0.1", port=postfix.submission_port, start_tls=True,
                tls_context=postfix.ssl_context(),
            )
        )  # fmt: skip
    assert e.value.recipients[0].code == 554


@pytest.mark.parametrize("rcpt,code", [("fail451@example.test", 451), ("reject550@example.test", 550)])
def test_postfix_default_rcpt_faults(postfix: MailRig, rcpt: str, code: int) -> None:
    """Postfix refuses the fixed fault addresses at RCPT with their codes."""
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as e:
        send(postfix, make_message(rcpt), postfix.submission_port)
    assert e.value.recipients[0].code == code


def test_postfix_bounces_ghost_with_a_dsn(postfix: MailRig, mail_user: str) -> None:
    """Mail to ghost@ is accepted, refused by LMTP, and a real DSN reaches the sender's INBOX."""
    msg = make_message("ghost@example.test", sender=mail_user)
    asyncio.run(
        aiosmtplib.send(
            msg, sender=mail_user, hostname="127.0.0.1", port=postfix.submission_port, start_tls=True,
            tls_context=postfix.ssl_context(), username=mail_user, password="secret",
        )
    )  # fmt: skip
    [raw] = postfix.wait_for(mail_user, lambda m: b"report-type=delivery-status" in m)
    dsn = email.message_from_bytes(raw)
    assert dsn["Auto-Submitted"] == "auto-replied"
    assert "MAILER-DAEMON@example.test" in dsn["From"]
    assert msg["Message-ID"].encode() in raw
    assert b"Status: 5.1.1" in raw


def test_add_user_reaches_postfix_and_dovecot(postfix: MailRig) -> None:
    """A user added while running can log in and receive mail through Postfix."""
    user = f"added-{uuid.uuid4().hex[:8]}@example.test"
    postfix.add_user(user, "s3cret")
    msg = make_message(user)
    send(postfix, msg, postfix.submission_port)
    postfix.wait_for(user, with_id(msg))
    postfix.imap_client(user, "s3cret").logout()


# ------------------------------------------------------------------------------- aiosmtpd faults


@pytest.mark.parametrize("code", [451, 550])
def test_fault_server_rcpt_reply(mailrig: MailRig, faults: Callable[..., None], code: int) -> None:
    """A fault set on a recipient is that RCPT's reply, as aiosmtplib reports it."""
    faults({CONTACT: f"{code} 4.3.0 Injected"})
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as e:
        send(mailrig, make_message(CONTACT), mailrig.fault_submission_port)
    assert (e.value.recipients[0].code, e.value.recipients[0].message) == (code, "4.3.0 Injected")


def test_fault_server_421_closes_the_connection(mailrig: MailRig) -> None:
    """The default drop421@ fault answers 421 at RCPT and hangs up."""
    with pytest.raises((aiosmtplib.SMTPRecipientsRefused, aiosmtplib.SMTPServerDisconnected)) as e:
        send(mailrig, make_message("drop421@example.test"), mailrig.fault_submission_port)
    if isinstance(e.value, aiosmtplib.SMTPRecipientsRefused):
        assert e.value.recipients[0].code == 421


def test_fault_server_delivers_without_faults(mailrig: MailRig, mail_user: str) -> None:
    """With no fault, implicit-TLS submission to the fault server lands in the INBOX."""
    msg = make_message(mail_user)
    send(mailrig, msg, mailrig.fault_smtps_port, implicit_tls=True)
    [raw] = mailrig.wait_for(mail_user, with_id(msg))
    assert b"(aiosmtpd)" in raw


def test_fault_server_data_reply(mailrig: MailRig, faults: Callable[..., None], mail_user: str) -> None:
    """A data:<rcpt> fault replies after the final dot and nothing is delivered."""
    faults({f"data:{mail_user}": "554 5.6.0 Injected: content rejected"})
    msg = make_message(mail_user)
    with pytest.raises(aiosmtplib.SMTPDataError) as e:
        send(mailrig, msg, mailrig.fault_submission_port)
    assert e.value.code == 554
    assert not has_id(mailrig, mail_user, msg)


@pytest.mark.parametrize("deliver", [False, True], ids=["lost", "delivered"])
def test_fault_server_drops_after_the_dot(
    mailrig: MailRig, faults: Callable[..., None], mail_user: str, deliver: bool
) -> None:
    """drop closes the connection after the final dot with no reply, having delivered the message or not."""
    faults({f"data:{mail_user}": {"drop": True, "deliver": deliver}})
    msg = make_message(mail_user)
    with pytest.raises(aiosmtplib.SMTPServerDisconnected):
        send(mailrig, msg, mailrig.fault_submission_port)
    if deliver:
        mailrig.wait_for(mail_user, with_id(msg))
    else:
        assert not has_id(mailrig, mail_user, msg)
    [event] = [e for e in mailrig.smtp_journal() if e.get("message_id") == msg["Message-ID"]]
    assert (event["delivered"], event["reply"]) == (deliver, "(dropped)")


def test_fault_server_slow_reply_after_delivery(mailrig: MailRig, faults: Callable[..., None], mail_user: str) -> None:
    """A delay fault delivers, then holds the 250 past the client's timeout."""
    faults({f"data:{mail_user}": {"delay": 2.0}})
    msg = make_message(mail_user)
    with pytest.raises(aiosmtplib.SMTPTimeoutError):
        send(mailrig, msg, mailrig.fault_submission_port, timeout=0.5)
    mailrig.wait_for(mail_user, with_id(msg))


def test_fault_times_limits_a_fault_to_the_first_attempts(
    mailrig: MailRig, faults: Callable[..., None], mail_user: str
) -> None:
    """times=1 fails the first attempt only; the retry is delivered once."""
    faults({"data:*": {"reply": "451 4.3.0 Try again", "times": 1}})
    msg = make_message(mail_user)
    with pytest.raises(aiosmtplib.SMTPDataError):
        send(mailrig, msg, mailrig.fault_submission_port)
    send(mailrig, msg, mailrig.fault_submission_port)
    assert len(mailrig.wait_for(mail_user, with_id(msg))) == 1


def test_set_faults_rejects_a_bad_fault(mailrig: MailRig) -> None:
    """A malformed fault is a ValueError in the test, not a silent no-op in the server."""
    with pytest.raises(ValueError, match="does not start with an SMTP code"):
        mailrig.set_faults({CONTACT: "oops"})


# ------------------------------------------------------------------------------- isolation, CLI


def test_two_rigs_run_side_by_side(mailrig: MailRig) -> None:
    """A second rig runs next to the session rig, on its own ports, and shares no mailboxes."""
    root = tempfile.mkdtemp(prefix="mailrig-second-")
    try:
        with MailRig(root, smtp="postfix" if mailrig.has_postfix else "aiosmtpd", name="second") as other:
            ports = {v for k, v in other.info().items() if k.endswith("_port")}
            assert not ports & {v for k, v in mailrig.info().items() if k.endswith("_port")}
            mine, theirs = make_message(CONTACT), make_message(CONTACT)
            mailrig.deliver(CONTACT, mine.as_bytes())
            send(other, theirs, other.submission_port)
            other.wait_for(CONTACT, with_id(theirs))
            mailrig.wait_for(CONTACT, with_id(mine))
            assert not has_id(other, CONTACT, mine)
            assert not has_id(mailrig, CONTACT, theirs)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_cli_up_prints_info_and_stops_on_sigterm(mailrig: MailRig) -> None:
    """`python -m outreach.testing.mailrig up ROOT none` prints JSON, serves IMAP, and exits 0 on SIGTERM."""
    root = Path(tempfile.mkdtemp(prefix="mailrig-cli-"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PACKAGE_PARENT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "outreach.testing.mailrig", "up", str(root), "none"],
        stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        info = json.loads(proc.stdout.readline())
        assert info["smtp"] == "none" and Path(info["ca_file"]).exists()
        ctx = ssl.create_default_context(cafile=info["ca_file"])
        client = IMAPClient("127.0.0.1", port=info["imaps_port"], ssl_context=ctx, timeout=5)
        client.login(ME, "secret")
        client.logout()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", info["imaps_port"]), timeout=1).close()
    finally:
        if proc.poll() is None:
            proc.kill()
        shutil.rmtree(root, ignore_errors=True)
