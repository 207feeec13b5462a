"""Recognise messages no person wrote: delivery failures and automatic replies.

A bounce needs two kinds of evidence: the envelope of one (a multipart/report
delivery-status, a mailer-daemon/postmaster sender, or a failure subject) and a
failure in the content (an RFC 3464 ``Action: failed`` group, or the wording of
Exchange, Postfix, qmail, Exim, Gmail or Sendmail notices). A person who writes
"your message couldn't be delivered to my old address" has only the second, and a
delay warning ("Action: delayed", "will retry") has no failure at all.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from outreach.classify.mime import Mail
from outreach.classify.referrals import EMAIL_RE

logger = logging.getLogger(__name__)

_DAEMON_FROM = re.compile(
    r"^(mailer-daemon|postmaster|mail-daemon|maildelivery|mail\.delivery|microsoftexchange[0-9a-f]*|"
    r"bounces?|no-?reply-?bounce)@|mail delivery (subsystem|system)|microsoft outlook",
    re.IGNORECASE,
)
_FAIL_SUBJECT = re.compile(
    r"\b(undeliverable|undelivered|delivery (status notification \(failure\)|failure|has failed|failed)|"
    r"failure notice|returned mail|mail delivery failed|could not be delivered|non[- ]?delivery|"
    r"message not delivered|delivery problem|nondeliverable)\b",
    re.IGNORECASE,
)
_DELAY = re.compile(
    r"\b(delayed|delay(ed)? notification|will (retry|continue trying|keep trying)|not yet been delivered|"
    r"warning message only|still trying|temporar(y|ily) (failure|problem)|"
    r"delivery status notification \(delay\))\b",
    re.IGNORECASE,
)
_FAIL_BODY = re.compile(
    r"(couldn't be delivered|could not be delivered|wasn't delivered|was not delivered|"
    r"undeliverable|permanent error|permanent fatal error|delivery to the following recipients? failed|"
    r"following addresses? (had permanent fatal errors|failed)|wasn't able to deliver|unable to deliver|"
    r"no mailbox here|user unknown|unknown user|address not found|recipient not found|"
    r"does not exist|doesn't exist|mailbox unavailable|mailbox not found|no such user|"
    r"address rejected|recipientnotfound|\b5\.\d{1,3}\.\d{1,3}\b|\b55[0-4]\b)",
    re.IGNORECASE,
)
_RECIPIENT_PATTERNS = [
    re.compile(r"your message to\s+<?(?P<a>[^\s<>]+@[^\s<>]+?)>?\s+(couldn't|could not|wasn't|was not)", re.I),
    re.compile(r"^<(?P<a>[^\s<>]+@[^\s<>]+)>:", re.M),
    re.compile(r"delivered to\s+<?(?P<a>[^\s<>]+@[^\s<>]+?)>?\s+because", re.I),
    re.compile(
        r"(?:recipient address|failed recipient|original recipient)s?:?\s*<?(?P<a>[^\s<>;]+@[^\s<>]+?)>?\s", re.I
    ),
    re.compile(r"following (?:address(?:es)?|recipients?)[^\n]*:\s*\n\s*<?(?P<a>[^\s<>]+@[^\s<>]+?)>?\s", re.I),
]
_AUTO_SUBJECT = re.compile(
    r"^\s*(automatic reply|auto(matic)?[- ]?(reply|response|antwort)|auto:|out of (the )?office|"
    r"ooo\b|abwesenheitsnotiz|abwesend|réponse automatique|respuesta automática|risposta automatica|"
    r"on vacation|vacation reply|away from (the )?office)"
    r"|\b(out of (the )?office|autoreply|auto-reply)\b"
    r"|\[?(ticket|request|case)\s*#?\s*\d+\]?\s*(received|created|has been)",
    re.IGNORECASE,
)
_AUTO_BODY = re.compile(
    r"\b(automated (response|reply|message)|automatic(ally generated)? (reply|response|message)|"
    r"auto-?generated|out of (the )?office|on (annual|parental|medical|maternity|paternity) leave|"
    r"on vacation|limited access to (my )?e-?mail|no access to (my )?e-?mail|away from (my )?(desk|e-?mail)|"
    r"your (request|ticket) \(?#?\w*\)? has been (created|received)|we (have )?received your (message|request)|"
    r"this is an automated|do not reply to this (e-?mail|message)|confirming that we received)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Bounce:
    """A delivery failure and the address that failed."""

    recipient: str | None
    standard: bool


def _dsn_groups(mail: Mail) -> list[dict[str, str]]:
    groups = []
    for status in mail.delivery_status:
        for block in re.split(r"\n\s*\n", status):
            fields: dict[str, str] = {}
            for line in block.splitlines():
                key, sep, value = line.partition(":")
                if sep:
                    fields[key.strip().lower()] = value.strip()
            if fields:
                groups.append(fields)
    return groups


def _address(value: str) -> str | None:
    # "rfc822; user@host" or "rfc822;<user@host>"
    m = EMAIL_RE.search(value.split(";", 1)[-1])
    return m.group(0).lower() if m else None


def detect_bounce(mail: Mail, text: str) -> Bounce | None:
    """A bounce, or None (a delay warning is None too)."""
    subject = mail.header("subject")
    groups = _dsn_groups(mail)
    actions = [g.get("action", "").lower() for g in groups if "action" in g]
    failed = [g for g in groups if g.get("action", "").lower().startswith("failed")]
    if failed:
        for g in failed:
            addr = _address(g.get("final-recipient", "")) or _address(g.get("original-recipient", ""))
            if addr:
                return Bounce(addr, True)
        return Bounce(_recipient_from_text(text[:4000]), True)
    if actions:  # delayed / delivered / relayed / expanded: not a failure
        return None
    envelope = (
        mail.report_type == "delivery-status"
        or bool(_DAEMON_FROM.search(mail.header("from")))
        or bool(_FAIL_SUBJECT.search(subject))
    )
    if not envelope:
        return None
    head = text[:4000]
    if _DELAY.search(subject) or (_DELAY.search(head) and not re.search(r"permanent|given up|gave up", head, re.I)):
        return None
    if not _FAIL_BODY.search(head):
        return None
    return Bounce(_recipient_from_text(head), False)


def _recipient_from_text(text: str) -> str | None:
    for pattern in _RECIPIENT_PATTERNS:
        m = pattern.search(text)
        if m:
            return m.group("a").strip(".,;:'\"").lower()
    return None


def auto_reply_strength(mail: Mail, text: str) -> float:
    """0 when a person wrote this; otherwise how sure we are it is an automatic reply."""
    auto_submitted = mail.header("auto-submitted").lower()
    precedence = mail.header("precedence").lower()
    subject = mail.header("subject")
    body_cue = bool(_AUTO_BODY.search(text[:3000]))
    if auto_submitted and not auto_submitted.startswith("no"):
        return 0.97
    if mail.header("x-autoreply") or mail.header("x-autorespond") or mail.header("x-autogenerated"):
        return 0.95
    if precedence in ("auto_reply", "auto-reply"):
        return 0.95
    if _AUTO_SUBJECT.search(subject):
        return 0.9 if body_cue or precedence in ("bulk", "junk", "list") else 0.75
    if mail.report_type == "delivery-status" or _DAEMON_FROM.search(mail.header("from")):
        return 0.85  # a delivery report that is not a failure (a delay warning, a relay notice)
    if mail.header("x-auto-response-suppress") and body_cue:
        return 0.85
    if precedence in ("bulk", "junk") and body_cue:
        return 0.8
    return 0.0
