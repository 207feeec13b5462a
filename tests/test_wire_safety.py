"""Hostile header values and international addresses, from introductions.yaml to the raw bytes in a mailbox."""

from __future__ import annotations

import os
import smtplib
import subprocess
import sys
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from outreach.errors import HeaderInjectionError, IntroductionsError
from outreach.intake.contacts import load_introductions
from outreach.outgoing import drafts
from outreach.outgoing.compose import compose_outreach_drafts
from outreach.outgoing.message import build_message
from outreach.sending.reconcile import Outcome
from outreach.sending.sender import run_once
from outreach.store.models import Contact, Draft
from outreach.store.models import DraftStatus as S
from outreach.testing import MailRig
from outreach.testing.sendqueue import open_settings, queue_approved, sending_config
from tests.helpers import example_settings

NOW = datetime(2025, 3, 4, 15, 0, tzinfo=UTC)
INJECTED_COMPANY = "=?utf-8?q?Acme=0D=0AX-Injected:_yes=0D=0AReply-To:_attacker@attacker.test?="
INJECTED_NAME = "=?utf-8?q?Eve=0D=0ABcc:_x@y.test?="
# The header names build_message writes for a plain text message: nothing else may reach the wire.
PLAIN_HEADERS = ["From", "To", "Subject", "Date", "Message-ID", "X-Outreach-Draft", "Content-Type",
                 "Content-Transfer-Encoding", "MIME-Version"]
TRACE_HEADERS = ("Return-Path", "Delivered-To", "Received")  # added on the way by Postfix and Dovecot


def header_names(raw: bytes) -> list[str]:
    """The names of the header lines of a delivered message, in order, without the trace the servers add."""
    head = raw.split(b"\r\n\r\n", 1)[0]
    names = [line.split(b":", 1)[0].decode() for line in head.split(b"\r\n") if line[:1] not in (b" ", b"\t")]
    return [name for name in names if name not in TRACE_HEADERS]


def lines(outcomes: list[Outcome]) -> list[str]:
    return [o.line(UTC) for o in outcomes]


# ------------------------------------------------------------------ introductions.yaml


@pytest.mark.parametrize(("field", "yaml_value", "problem"), [
    ("company", f'"{INJECTED_COMPANY}"', "a line break once its encoded words are decoded"),
    ("name", f'"{INJECTED_NAME}"', "a line break once its encoded words are decoded"),
    ("name", '"Eve\\0"', "a control character (U+0000)"),
    ("role", '"Staff\\LBcc: x@y.test"', "a line break"),
    ("referred_by", '"Maria\\NLopez"', "a line break"),
    ("relationship", '"advisor\\vBcc: x@y.test"', "a line break"),
    ("company", '"=?utf-8?b?QWNtZQA=?="', "a control character (U+0000) once its encoded words are decoded"),
])
def test_hostile_value_in_an_introduction_names_file_line_and_field(tmp_path: Path, field: str, yaml_value: str,
                                                                     problem: str) -> None:
    """A line break or control character, as written or inside an encoded word, fails the import at its line."""
    text = "introductions:\n  - name: Eve\n    email: eve@example.com\n".replace(
        "    email:", f"    {field}: {yaml_value}\n    email:") if field != "name" else (
        f"introductions:\n  - name: {yaml_value}\n    email: eve@example.com\n")
    path = tmp_path / "introductions.yaml"
    path.write_text(text)
    value = yaml.safe_load(text)["introductions"][0][field]
    with pytest.raises(IntroductionsError) as error:
        load_introductions(path)
    assert str(error.value) == (f"{path}:{3 if field != 'name' else 2}: entry 1, {field}: must be one line "
                                f"of plain text, but it contains {problem} ({value!r})")


def test_hostile_topic_is_refused(tmp_path: Path) -> None:
    """Topics reach subjects through templates, so they are held to the same rule."""
    path = tmp_path / "introductions.yaml"
    path.write_text("introductions:\n  - name: Eve\n    email: eve@example.com\n"
                    "    topics: [ok, \"=?utf-8?q?x=0ABcc:_y@z.test?=\"]\n")
    with pytest.raises(IntroductionsError) as error:
        load_introductions(path)
    assert str(error.value) == (f"{path}:4: entry 1, topics: must be one line of plain text, but it "
                                "contains a line break once its encoded words are decoded "
                                "('=?utf-8?q?x=0ABcc:_y@z.test?=')")


def test_issue_reproduction_sync_writes_nothing_and_nothing_is_sent(tmp_path: Path, postfix: MailRig,
                                                                    mail_user: str) -> None:
    """The attacker's introduction (encoded CR LF in company, outreach auto-approved): sync fails naming the line,
    nothing is imported, `run --once` sends nothing and the contact's INBOX stays empty."""
    config = sending_config(tmp_path, postfix)
    data = yaml.safe_load(config.read_text())
    config.write_text(yaml.safe_dump({**data, "approval": {"outreach": "auto"}}))
    (tmp_path / "introductions.yaml").write_text(
        "introductions:\n"
        f"  - name: Alex Chen\n    email: {mail_user}\n    company: \"{INJECTED_COMPANY}\"\n")
    env = {k: v for k, v in os.environ.items() if k != "OUTREACH_CRASH_AT"}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "outreach", "-c", str(config), *args], capture_output=True,
                              text=True, env=env, timeout=120)

    sync = cli("sync")
    assert (sync.returncode, sync.stdout) == (1, "")
    assert sync.stderr == (f"error: {tmp_path}/introductions.yaml:4: entry 1, company: must be one line of "
                           "plain text, but it contains a line break once its encoded words are decoded "
                           f"({INJECTED_COMPANY!r})\n")
    run = cli("run", "--once")
    assert (run.returncode, run.stdout) == (1, "watch: INBOX: 0 new messages, 0 replies (first scan)\n")
    assert run.stderr == "sync: " + sync.stderr + "error: 1 job(s) failed: sync\n"
    open_settings(config)
    assert (Contact.select().count(), Draft.select().count()) == (0, 0)
    assert postfix.messages(mail_user) == []


# ------------------------------------------------------------------ rendering and edits


def test_rendered_subject_with_an_encoded_line_break_makes_no_draft(tmp_path: Path) -> None:
    """A company stored behind the import's back (say, copied to a referral) cannot smuggle a header through the
    outreach template's subject: that contact gets no draft, with the template and the contact named."""
    settings = example_settings(tmp_path)
    Contact.create(email="eve@example.com", name="Eve Adams", company=INJECTED_COMPANY, source="introductions",
                   created_at=NOW, updated_at=NOW)
    result = compose_outreach_drafts(settings, NOW, "cli")
    assert (result.created, Draft.select().count()) == ([], 0)
    assert result.errors == [
        "outreach.txt.j2: the subject rendered for eve@example.com contains a line break once its encoded words "
        f"are decoded ('A quick question about your work at {INJECTED_COMPANY}'); a header value must be one line "
        "of plain text, so it was not used"]


def test_edit_with_an_encoded_line_break_in_the_subject_is_refused(tmp_path: Path) -> None:
    """`drafts edit` re-validates: an encoded CR LF in the new subject leaves the draft as it was."""
    settings = example_settings(tmp_path)
    contact = Contact.create(email="eve@example.com", name="Eve Adams", source="introductions", created_at=NOW,
                             updated_at=NOW)
    draft = drafts.create_draft(contact, "outreach", "Hello", "Hi.\n", NOW, "cli", settings)
    subject = "Hello =?utf-8?q?there=0D=0ABcc:_x@y.test?="
    with pytest.raises(HeaderInjectionError) as error:
        drafts.edit(draft.id, subject, "Hi.\n", NOW)
    assert str(error.value) == (f"the subject of draft {draft.id} contains a line break once its encoded words are "
                                f"decoded ({subject!r}); a header value must be one line of plain text, so it was "
                                "not used")
    assert (drafts.get_draft(draft.id).subject, drafts.get_draft(draft.id).status) == ("Hello", S.PENDING)


# ------------------------------------------------------------------ the wire (build_message, the last defence)

HOSTILE_DRAFT_VALUES = [
    ("subject", f"About {INJECTED_COMPANY}", "the subject of draft {id} to '{to}'",
     "a line break once its encoded words are decoded"),
    ("subject", "Hi\x00there", "the subject of draft {id} to '{to}'", "a control character (U+0000)"),
    ("subject", "Hi\u2029Bcc: x@y.test", "the subject of draft {id} to '{to}'", "a line break"),
    ("in_reply_to", "<=?utf-8?q?a=0D=0ABcc:_x@y.test?=@example.test>", "In-Reply-To of draft {id} to '{to}'",
     "a line break once its encoded words are decoded"),
    ("references", "<a@example.test> =?utf-8?b?DQpCY2M6IHhAeS50ZXN0?=", "References of draft {id} to '{to}'",
     "a line break once its encoded words are decoded"),
    ("name", INJECTED_NAME, "the contact's name in draft {id} to '{to}'",
     "a line break once its encoded words are decoded"),
    ("name", "Eve\x00Adams", "the contact's name in draft {id} to '{to}'", "a control character (U+0000)"),
]


@pytest.mark.parametrize(("field", "value", "what", "problem"), HOSTILE_DRAFT_VALUES)
def test_hostile_stored_value_fails_its_draft_and_never_reaches_the_wire(
        tmp_path: Path, postfix: MailRig, mail_users: Callable[[int], list[str]], field: str, value: str, what: str,
        problem: str) -> None:
    """A hostile value that got into the database anyway fails that draft with the field and the contact named;
    the next draft still goes out through Postfix, and the raw bytes delivered hold only our headers."""
    hostile_user, clean_user = mail_users(2)
    settings = open_settings(sending_config(tmp_path, postfix))
    hostile, clean = queue_approved(settings, [hostile_user, clean_user], NOW)
    if field == "name":
        Contact.update(name=value).where(Contact.email == hostile_user).execute()
    else:
        Draft.update(**{field: value}).where(Draft.id == hostile.id).execute()
    outcomes = run_once(settings, NOW)
    reason = (f"not sent: {what.format(id=hostile.id, to=hostile_user)} contains {problem} ({value!r}); a header "
              "value must be one line of plain text, so it was not used")
    assert lines(outcomes)[0] == f"draft {hostile.id} failed: {reason}"
    assert lines(outcomes)[1].startswith(f"draft {clean.id} sent to {clean_user}: 250 ")
    assert (drafts.get_draft(hostile.id).status, drafts.get_draft(hostile.id).last_error) == (S.FAILED, reason)
    (delivered,) = postfix.wait_for(clean_user, 1)
    assert header_names(delivered) == PLAIN_HEADERS
    assert postfix.messages(hostile_user) == []
    assert run_once(settings, NOW) == []  # failed stays failed: never retried on its own


# ------------------------------------------------------------------ international addresses


def add_users(rig: MailRig, *addresses: str) -> None:
    for address in addresses:
        rig.add_user(address)


def sent_copy(rig: MailRig, draft: Draft) -> bytes:
    (copy,) = [m for m in rig.messages("me@example.test", "Sent") if draft.identity.encode() in m]
    return copy


def test_postfix_takes_a_utf8_local_part_with_smtputf8_and_a_domain_goes_idna(tmp_path: Path,
                                                                              postfix: MailRig) -> None:
    """Postfix offers SMTPUTF8: a non-ASCII local part goes out with it (UTF-8 envelope and headers, accepted with
    250, Sent holds the exact bytes); a non-ASCII domain goes out IDNA-encoded and lands in the mailbox."""
    with smtplib.SMTP("127.0.0.1", postfix.smtp_port, timeout=10) as smtp:
        smtp.ehlo("test.example")
        assert smtp.has_extn("smtputf8")
    tag = uuid.uuid4().hex[:8]
    local, unicode_domain = f"用户{tag}@example.test", f"ana{tag}@bücher.test"
    idna_domain = f"ana{tag}@xn--bcher-kva.test"
    add_users(postfix, local, idna_domain)
    settings = open_settings(sending_config(tmp_path, postfix))
    first, second = queue_approved(settings, [local, unicode_domain], NOW)
    outcomes = run_once(settings, NOW)
    assert [(o.result, o.draft_id) for o in outcomes] == [("sent", first.id), ("sent", second.id)]
    assert drafts.get_draft(first.id).smtp_response.startswith("250 2.0.0 Ok: queued as ")
    copy = sent_copy(postfix, first)
    assert copy == build_message(drafts.get_draft(first.id), settings, NOW, smtputf8=True).as_bytes()
    assert f"\r\nTo: Contact 0 <{local}>\r\n".encode() in copy
    # Dovecot 2.3's LMTP offers no SMTPUTF8, so Postfix cannot hand the first one on; the second needs none.
    (delivered,) = postfix.wait_for(idna_domain, 1)
    assert f"\r\nTo: Contact 1 <{idna_domain}>\r\n".encode() in delivered
    assert header_names(delivered) == PLAIN_HEADERS
    assert delivered.endswith(sent_copy(postfix, second))


def test_without_smtputf8_domains_go_idna_and_a_utf8_local_part_fails_alone(
        tmp_path: Path, mailrig: MailRig, mail_user: str, faults: Callable[..., None]) -> None:
    """The fault server without SMTPUTF8: the domain goes out as xn--, a non-ASCII local part fails that draft with
    the reason, and the draft after it is still sent in the same run; nothing is retried."""
    tag = uuid.uuid4().hex[:8]
    unicode_domain, idna_domain = f"alex{tag}@bücher.test", f"alex{tag}@xn--bcher-kva.test"
    local = f"用户{tag}@example.test"
    add_users(mailrig, idna_domain, local)
    faults({"smtputf8": "off"})
    settings = open_settings(sending_config(tmp_path, mailrig, smtp="fault"))
    first, second, third = queue_approved(settings, [local, unicode_domain, mail_user], NOW)
    outcomes = run_once(settings, NOW)
    reason = (f"not sent: the recipient address of draft {first.id} {local} has a non-ASCII local part, which needs "
              "SMTPUTF8, and the SMTP server does not offer it; ask the contact for an ASCII address, or send "
              "through a server with SMTPUTF8")
    assert lines(outcomes)[0] == f"draft {first.id} failed: {reason}"
    assert [(o.result, o.draft_id) for o in outcomes[1:]] == [("sent", second.id), ("sent", third.id)]
    (delivered,) = mailrig.wait_for(idna_domain, 1)
    assert f"\r\nTo: Contact 1 <{idna_domain}>\r\n".encode() in delivered
    assert [(e["rcpt_tos"], e["smtputf8"]) for e in mailrig.smtp_journal()
            if e.get("message_id") in (first.message_id, second.message_id)] == [([idna_domain], False)]
    assert run_once(settings, NOW) == []


def test_fault_server_offering_smtputf8_gets_a_utf8_envelope_only_when_needed(
        tmp_path: Path, mailrig: MailRig, faults: Callable[..., None]) -> None:
    """With SMTPUTF8 switched on, a non-ASCII local part goes with SMTPUTF8 and a UTF-8 RCPT; a non-ASCII domain
    alone still goes IDNA-encoded without it."""
    tag = uuid.uuid4().hex[:8]
    local, unicode_domain = f"用户{tag}@example.test", f"bo{tag}@bücher.test"
    idna_domain = f"bo{tag}@xn--bcher-kva.test"
    add_users(mailrig, local, idna_domain)
    # Dovecot 2.3's LMTP cannot take the UTF-8 one, so the server answers for it without delivering.
    faults({"smtputf8": "on", f"data:{local}": "250 2.0.0 OK: kept by the test"})
    settings = open_settings(sending_config(tmp_path, mailrig, smtp="fault"))
    first, second = queue_approved(settings, [local, unicode_domain], NOW)
    outcomes = run_once(settings, NOW)
    assert [(o.result, o.draft_id) for o in outcomes] == [("sent", first.id), ("sent", second.id)]
    assert [(e["rcpt_tos"], e["smtputf8"]) for e in mailrig.smtp_journal()
            if e.get("message_id") in (first.message_id, second.message_id)] == [([local], True),
                                                                               ([idna_domain], False)]
    assert f"\r\nTo: Contact 0 <{local}>\r\n".encode() in sent_copy(mailrig, first)
    (delivered,) = mailrig.wait_for(idna_domain, 1)
    assert delivered.endswith(sent_copy(mailrig, second))


def test_a_draft_that_cannot_be_built_fails_alone(tmp_path: Path, postfix: MailRig,
                                                  mail_users: Callable[[int], list[str]]) -> None:
    """An unexpected error in one draft (a stored attachment that is not base64) fails that draft with the error;
    the others go out in the same run and it is not retried."""
    broken_user, clean_user = mail_users(2)
    settings = open_settings(sending_config(tmp_path, postfix))
    broken, clean = queue_approved(settings, [broken_user, clean_user], NOW)
    Draft.update(attachments=[{"filename": "a.bin", "mime": "application/octet-stream", "content": "abc"}]
                 ).where(Draft.id == broken.id).execute()
    outcomes = run_once(settings, NOW)
    reason = (f"not sent: unexpected error Error: Incorrect padding; fix the draft or report the bug, then "
              f"`outreach drafts approve {broken.id}`")
    assert lines(outcomes)[0] == f"draft {broken.id} failed: {reason}"
    assert lines(outcomes)[1].startswith(f"draft {clean.id} sent to {clean_user}: 250 ")
    assert drafts.get_draft(broken.id).status == S.FAILED
    postfix.wait_for(clean_user, 1)
    assert run_once(settings, NOW) == []
