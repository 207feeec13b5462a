"""Mail no person wrote as an answer: reports, automatic replies, bulk mail and notifications.

Read by structure first (MIME reports, RFC 3834 and list headers, the envelope),
wording only where structure leaves it open. In order:

1. a calendar invitation, iMIP reply or booking confirmation with a start time is a
   person's answer (a tool sends it on their behalf): left to the person stage,
   except an iMIP REPLY with PARTSTAT=DECLINED, which is a decline; so is a scheduling
   tool's answer in the user's thread with a "When:" line and no calendar file;
2. ARF feedback reports (RFC 5965), Microsoft JMRP and Amazon SES complaints: ``unsubscribe``
   (someone marked the user's mail as spam: never write again);
3. delivery status notices (:mod:`.bounces`): a failure is ``bounce``, a delay
   warning ``unknown``; an MDN saying a server rule discarded the message unread
   (RFC 5429 reject) is a failure too; a report of delivery ``unknown``; a notice from the
   mail system that says none of these ``unknown`` at 0.5, so the user sees it;
4. read receipts (RFC 8098 MDN): ``unknown``;
5. automatic replies (RFC 3834 ``Auto-Submitted``, X-Autoreply, vacation and
   ticket subjects): ``auto_reply`` with the return date; "I've left the company,
   write to X" names X as a referral, the only referral read from automatic mail;
6. bulk mail and notifications (``Precedence: bulk/list/junk``, ``List-Id``,
   ``List-Unsubscribe``, ``Auto-Submitted`` outside any thread, a machine mailbox
   writing outside any thread): ``unknown``. Never ``unsubscribe`` because of a
   footer link, never a meeting or referral.

A platform relaying a person's reply into the user's thread (alumni networks, help
desks) carries list headers but answers the thread: it goes to the person stage.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from email.message import Message
from itertools import islice

from outreach.classify.bounces import (
    REPLY_PREFIX,
    find_bounce,
    list_robot,
    looks_like_notice,
    reports_delivery,
    ses_notification,
)
from outreach.classify.calendar import Invitation
from outreach.classify.dates import word_led
from outreach.classify.mime import Mail, parse_addresses
from outreach.classify.quotes import Split
from outreach.classify.referrals import find_referrals
from outreach.classify.resume import find_resume_date
from outreach.regex_store import regex

logger = logging.getLogger(__name__)

_AWAY_SUBJECT = (
    r"^\s*(automatic reply|auto(matic)?[- ]?(reply|response|antwort)|auto:|out of (the )?office|"
    r"ooo\b|abwesenheitsnotiz|abwesend|réponse automatique|respuesta automática|risposta automatica|"
    r"resposta automática|automatisch antwoord|afwezig|fuera de la oficina|absence|"
    r"on vacation|vacation|away from (the )?office)"
    r"|\b(out of (the )?office|autoreply|auto-reply|is out of the office)\b"
)
_ACK_SUBJECT = (
    r"\[?(ticket|request|case)\s*#?\s*\d*\]?\s*(received|created|has been)|\b(request|ticket|case|message) received\b"
)
_AUTO_SUBJECT = regex(_AWAY_SUBJECT + "|" + _ACK_SUBJECT, re.IGNORECASE)
_ACK = regex(_ACK_SUBJECT, re.IGNORECASE)
_AUTO_BODY = regex(
    word_led(
        r"\b(automated (response|reply|message)|automatic(ally generated)? (reply|response|message)|"
        r"auto-?generated|out of (the )?office|on (annual|parental|medical|maternity|paternity) leave|"
        r"on vacation|limited access to (my )?e-?mail|no access to (my )?e-?mail|away from (my )?(desk|e-?mail)|"
        r"your (request|ticket) \(?#?\w*\)? has been (created|received)|"
        r"we(('ve| have))? received your (message|request|e-?mail)|"
        r"your (message|request|e-?mail|enquiry|inquiry) has been (received|logged|routed|forwarded|passed|assigned)|"
        r"this is an automated|do not reply to this (e-?mail|message)|confirming that we received|"
        r"this (mailbox|address|inbox) (is no longer monitored|does not accept replies)|"
        r"abwesend|nicht im büro|absent du bureau|en congé|fuera de la oficina|de vacaciones|"
        r"fora do escritório|de férias|fuori ufficio|in ferie|afwezig|met vakantie)"
    ),
    re.IGNORECASE,
)
# "I've left the company": the one automatic reply whose named person is a referral.
_LEFT = regex(
    r"\b(no longer (with|at|work(s|ing)? (at|for)|employed|part of|in the company)|"
    r"(have|has|I've|I have) (left|moved on from)|left the (company|firm|organi[sz]ation|team)|I (left|quit)\b|"
    r"last day (at|with|was)|ya no (trabaja|trabajo|forma parte|está en|estoy en)|(dejó|dejé|ha dejado) la|"
    r"ne (fait|fais) plus partie|ne travaille plus|(a|ai) quitté|nicht mehr (bei|für|im|tätig|in)|"
    r"(hat|habe) (das unternehmen|die firma|\w+)(?: [^\n]{0,30}?)? verlassen|"
    r"não (faz|trabalha|trabalho) mais|já não trabalha|"
    r"deixou a|non (lavora|lavoro) più|non fa più parte|ha lasciato|niet meer (werkzaam|in dienst|bij)|"
    r"werkt niet meer|heeft \w+ verlaten)",
    re.IGNORECASE,
)
_MACHINE_LOCAL = regex(
    r"^(no-?reply|do-?not-?reply|donotreply|notifications?|notify|alerts?|news(letter)?|updates?|"
    r"marketing|mailer|bounces?|billing|orders?|receipts?|events?|eventos|eventi|evenements|événements|"
    r"evenementen|veranstaltungen|webinars?|info|hello|digest|messages?-?noreply|"
    r"calendar-notification|support|help|team)([+._-].*)?$",
    re.IGNORECASE,
)
# RFC 2369/2919 list headers, and those of list servers that predate them (Mailman, fml, ListProc).
_LIST_HEADERS = (
    "list-id",
    "list-unsubscribe",
    "list-post",
    "x-mailman-version",
    "x-mlserver",
    "x-ml-name",
    "x-listprocessor-version",
    "x-list",
)
_TEAM_WORDS = frozenset(
    [
        "team",
        "group",
        "desk",
        "help",
        "support",
        "service",
        "services",
        "office",
        "info",
        "admin",
        "requests",
        "hr",
        "it",
        "ops",
        "sales",
        "press",
    ]
)
_MAX_TEXT = 6000
# Outlook's message recall, in the client's language: a request to delete a message, never an answer.
_RECALL = regex(r"^\s*(?:recall|rückruf|rappel|recuperar|richiamo|intrekken|relembrar|recuperação)\s*:", re.I)


@dataclass(frozen=True)
class Verdict:
    """The classifier's answer for a message no person wrote as a reply."""

    intent: str
    confidence: float
    kind: str  # bounce, delay, complaint, receipt, declined_invitation, auto_reply, bulk, notice
    bounced_recipient: str | None = None
    resume_after: date | None = None
    referrals: list[dict[str, str | None]] = field(default_factory=list)


def in_thread(mail: Mail) -> bool:
    """Whether the message answers an earlier one (In-Reply-To, References, or a Re:/AW:/RV: subject)."""
    return bool(
        mail.header("in-reply-to").strip()
        or mail.header("references").strip()
        or REPLY_PREFIX.match(mail.header("subject"))
    )


# Outlook's read receipt written as plain text, in the client's language.
_READ_SUBJECT = regex(r"^\s*(?:read|gelesen|lu|leído|leido|lido|letto|gelezen)\s*:", re.I)
_READ_BODY = regex(
    r"\b(?:was read on|wurde (?:am .{0,40})?gelesen|a été lu|fue leído|foi lida|è stato letto|is gelezen op)\b", re.I
)
# A service passing on someone else's message ("Daniel Okafor via LinkedIn", "a través de", "über"): a notice.
_VIA_NAME = regex(r"\s(?:via|a través de|über|par|tramite|por meio de|através de)\s+\S", re.I)


def _is_bulk(mail: Mail) -> bool:
    precedence = mail.header("precedence").strip().lower()
    return precedence in ("bulk", "list", "junk") or any(mail.header(h) for h in _LIST_HEADERS)


def _auto_submitted(mail: Mail) -> str:
    value = mail.header("auto-submitted").strip().lower()
    return "" if not value or value.startswith("no") else value.split(";")[0].strip()


def _is_complaint(mail: Mail, text: str) -> bool:
    if mail.report_type == "feedback-report":
        return True
    ses = ses_notification(text)
    if ses is not None:
        return ses[0] == "complaint"  # Amazon SES's JSON form of the same report
    if mail.message is None:
        return False
    for count, part in enumerate(islice(mail.message.walk(), 32)):
        ctype = part.get_content_type()
        if ctype == "message/feedback-report":
            return True
        if ctype == "message/rfc822" and count <= 2:
            inner = part.get_payload()
            first = inner[0] if isinstance(inner, list) and inner and isinstance(inner[0], Message) else None
            # Microsoft JMRP: the complained-about message carries the complainant as X-HmXmrOriginalRecipient.
            if first is not None and first.get("X-HmXmrOriginalRecipient"):
                return True
    return False


def _is_receipt(mail: Mail, text: str) -> bool:
    if mail.report_type == "disposition-notification":
        return True
    if _READ_SUBJECT.match(mail.header("subject")) and _READ_BODY.search(text[:_MAX_TEXT]):
        return True  # Outlook's plain-text receipt: "Read: ..." / "Your message ... was read on ..."
    if mail.message is None:
        return False
    parts = islice(mail.message.walk(), 32)
    return any(p.get_content_type() == "message/disposition-notification" for p in parts)


def _auto_reply_strength(mail: Mail, text: str, quoted: str = "") -> float:
    """How sure we are that this is an automatic reply to the user's message; 0 when nothing says so.

    ``text`` is the new text and signature, ``quoted`` the history under it."""
    submitted = _auto_submitted(mail)
    precedence = mail.header("precedence").strip().lower()
    subject = mail.header("subject")
    body_cue = bool(_AUTO_BODY.search(text[:_MAX_TEXT]))
    subject_cue = bool(_AUTO_SUBJECT.search(subject))
    if submitted and list_robot(mail.from_addr):
        return 0.0  # a list server's own mailbox ("group+msgappr@", "list-owner@"): a notice about a post
    if submitted == "auto-replied" and _is_bulk(mail) and not in_thread(mail):
        return 0.0  # a list server's notice ("your message awaits moderator approval"), not a person away
    if submitted == "auto-replied":
        return 0.97
    if mail.header("x-autoreply") or mail.header("x-autorespond") or precedence in ("auto_reply", "auto-reply"):
        return 0.95
    if submitted and (in_thread(mail) or subject_cue or (body_cue and not _machine_sender(mail))):
        # Outlook marks its out-of-office replies auto-generated; a no-reply notice outside any thread saying
        # "this is an automated message" (a password change, a receipt) is a notification, not a reply
        return 0.95
    if subject_cue and quoted.strip() and in_thread(mail) and not _ACK.search(subject):
        # "Automatic reply: ..." with none of an automatic reply's headers, words of its own above a quote: a
        # person answering from the automatic reply they were sent back, even in its words ("I'm on leave, but
        # ..."): an out-of-office responder never quotes a thread (a help desk's acknowledgement may)
        return 0.0
    if subject_cue:
        return 0.9 if body_cue or precedence in ("bulk", "junk", "list") else 0.75
    if mail.header("x-auto-response-suppress") and body_cue:
        return 0.85
    if precedence in ("bulk", "junk") and body_cue and in_thread(mail):
        return 0.8
    return 0.0


def _sender_names(mail: Mail) -> list[str]:
    words = mail.from_name.replace(",", " ").split()
    return [w.lower() for w in words if len(w) >= 3]


def _replacements(mail: Mail, body: str, known: Collection[str]) -> list[dict[str, str | None]]:
    """People named in a "no longer with the company" reply, not the sender's own new address."""
    if not _LEFT.search(body):
        return []
    exclude = set(known) | {mail.from_addr} | {a for _, a in mail.to_addrs}
    names = _sender_names(mail)
    out = []
    for found in find_referrals(body, [], exclude, ""):
        local = (found["email"] or "").partition("@")[0].lower()
        if any(n in local for n in names):
            continue  # the sender's own new address
        words = [w for w in re.split(r"[._-]+", local) if w]
        # A person: named in the text, or an address like first.last (not analytics-team@).
        if found["name"] or (len(words) >= 2 and not any(w in _TEAM_WORDS for w in words)):
            out.append(found)
    return out


# A scheduling tool's labelled field giving the meeting's day and hour: "When: Friday, 27 March 2037, 6:00 PM"
_WHEN_LINE = regex(
    r"^\s*\**(?:when|(?:event )?date ?(?:and|&|/) ?time|cuándo|fecha y hora|quand|date et heure|wann|"
    r"datum und uhrzeit|quando|data e hora|data e ora|wanneer|datum en tijd)\s*\**\s*[:：][ \t]*\n?"
    r"[^\n]*\d[^\n]*\d{1,2}(?::\d\d|\s?[ap]\.?m\b|\s?h\b|\s?uhr\b)"
    # a booking page's day and hours, then its "Time zone:" line
    r"|^[^\n]*\d[^\n]*\d{1,2}:\d\d[^\n]*\n\s*(?:time ?zone|fuso horário|zona horaria|fuseau horaire|zeitzone|"
    r"fuso orario|tijdzone)\s*:",
    re.IGNORECASE | re.MULTILINE,
)


def booked_for_contact(mail: Mail, text: str, known: Collection[str] = ()) -> bool:
    """A scheduling tool telling the user of the meeting it booked on the contact's behalf (no calendar file, only a
    "When:" line), in the user's thread or with a contact to reply to: the contact's answer, as an invitation is,
    read by the person stage."""
    return (
        (in_thread(mail) or any(address.lower() in known for _, address in parse_addresses(mail.header("reply-to"))))
        # (sent by the tool, though From may name the contact: "Sender: Google Calendar <calendar-notification@...>")
        and bool(_auto_submitted(mail) or _machine_sender(mail)
                 or any(_machine_address(address) for _, address in parse_addresses(mail.header("sender"))))
        and bool(_WHEN_LINE.search(text[:_MAX_TEXT]))
        and not _AUTO_BODY.search(text[:_MAX_TEXT])
        and not _AUTO_SUBJECT.search(mail.header("subject"))
    )


def _relayed_person(mail: Mail, strength: float, text: str, quoted: str) -> bool:
    """A platform passing a person's reply into the user's thread: list headers, but an answer."""
    return (
        bool(mail.header("list-id") or mail.header("list-unsubscribe"))
        and in_thread(mail)
        # sent to a list or a no-reply address (a repository's, a forum's), not to the user: a notification
        and not any(_machine_address(address) for _, address in mail.to_addrs)
        and not _AUTO_SUBJECT.search(mail.header("subject"))
        and not (strength >= 0.97 or _AUTO_BODY.search(text[:_MAX_TEXT]))
        # a machine mailbox ("notifications@") that quotes nothing of the user's is a service's own notice
        and not (_machine_sender(mail) and not quoted.strip())
    )


def _machine_address(address: str) -> bool:
    local, _, domain = address.partition("@")
    return bool(_MACHINE_LOCAL.match(local)) or "noreply" in domain or "no-reply" in domain


def _machine_sender(mail: Mail) -> bool:
    return _machine_address(mail.from_addr)


def read_automatic(
    mail: Mail,
    text: str,
    split: Split,
    invitation: Invitation | None,
    today: date,
    known: Collection[str] = (),
    *,
    booked: bool = False,
) -> Verdict | None:
    """The verdict for automatic mail, or None when a person's answer should be read from it.

    ``text`` is the readable text (plain, else HTML as text) and ``split`` its new text, quote
    and signature; ``invitation`` the first calendar event with a start; ``today`` the Date
    header's day (for return dates); ``known`` lower-case addresses of the user and contacts;
    ``booked`` whether it is a scheduling tool's confirmation for a contact (:func:`booked_for_contact`).
    """
    if _is_complaint(mail, text):
        return Verdict("unsubscribe", 0.97, "complaint")
    bounce = find_bounce(mail, text, known)
    if bounce is not None and bounce.permanent:
        # before receipts: a server's MDN saying a rule discarded the message (RFC 5429 reject) is a failure
        return Verdict("bounce", 0.99 if bounce.standard else 0.9, "bounce", bounced_recipient=bounce.recipient)
    if _is_receipt(mail, text):
        return Verdict("unknown", 0.95, "receipt")
    if bounce is not None:
        # a delay is not a failure yet: nothing to act on, but below 0.6 so the user hears their
        # message is late (a failure, if it comes, is a report of its own)
        return Verdict("unknown", 0.5, "delay")
    if reports_delivery(mail):
        return Verdict("unknown", 0.9, "notice")  # "Delivered:", "Relayed:": a report of success, never a reply
    if looks_like_notice(mail, text):
        # the mail system wrote it, yet no failure, delay or success could be read from it: the user looks
        return Verdict("unknown", 0.5, "notice")
    if invitation is not None:
        if invitation.method == "REPLY" and invitation.partstat == "DECLINED":
            return Verdict("declined", 0.95, "declined_invitation")
        if invitation.method != "REPLY" and _machine_address(invitation.organizer) and not in_thread(mail):
            # an event a mailbox such as events@ organizes (a webinar the user signed up for): not a contact's answer
            return Verdict("unknown", 0.8, "notice")
        return None
    if booked:
        return None
    own = split.body + "\n" + split.signature
    strength = _auto_reply_strength(mail, own, split.quoted)
    if _relayed_person(mail, strength, own, split.quoted):
        return None
    if strength:
        back = find_resume_date(own, today)
        referrals = _replacements(mail, own, known)
        return Verdict("auto_reply", strength, "auto_reply", resume_after=back, referrals=referrals)
    if _RECALL.match(mail.header("subject")):
        return Verdict("unknown", 0.9, "notice")  # Outlook's "Recall:" of a message the sender regrets
    if (_auto_submitted(mail) or _is_bulk(mail) or _machine_sender(mail)) and _WHEN_LINE.search(own[:_MAX_TEXT]):
        # a meeting a tool scheduled, for someone who is not (yet) a contact: nothing to act on, but the user looks
        # (it may be a contact's booking under another address)
        return Verdict("unknown", 0.5, "notice")
    if _auto_submitted(mail) or _is_bulk(mail):
        return Verdict("unknown", 0.9, "bulk")
    if not in_thread(mail) and (_machine_sender(mail) or _VIA_NAME.search(mail.from_name)):
        return Verdict("unknown", 0.8, "notice")
    return None
