"""Delivery status notices: which address failed, and whether it failed for good.

:func:`find_bounce` is a pure function of a parsed :class:`~outreach.classify.mime.Mail`
so that any caller (the classifier, the reply matcher) can ask the same question.

A notice needs the envelope of one before its content is read: a multipart/report
of type delivery-status, an ``X-Failed-Recipients`` header, a mailer-daemon or
postmaster sender, a failure subject, a null sender (``Return-Path: <>``, RFC
5321 4.5.5, or a From with an empty address, ``"Jetmail System" <>``) with failure
wording, or a no-reply mailbox returning the user's message with failure wording (a
provider's own notice in its users' language). Failure wording is read in the seven
languages and in Polish, Czech, Turkish, Russian, the Scandinavian languages, Finnish,
Japanese, Korean and Chinese. A person who writes "your message couldn't
be delivered to my old address" has none of these.

Then, in order of trust:

1. RFC 3464 per-recipient groups, read before any envelope test (a list that mirrors
   a notice to its owner makes it look like bulk mail): ``Action: delayed`` (or a
   4.x.x ``Status`` beside an action word RFC 3464 does not define) is a delay
   warning; ``delivered``, ``relayed`` and ``expanded`` are successes; ``failed`` and
   any other word (``expired``, ``failure``, ``error``, ...) a failure. The failed
   address is ``Original-Recipient`` (what the user wrote to) before ``Final-Recipient``.
   An MDN (RFC 8098) is a receipt, except one a mail system writes to say a rule
   discarded the message unread (RFC 5429 reject: ``automatic-action/...; deleted``).
2. flufl.bounce (Mailman's detectors for Exim, qmail, Postfix, Exchange, Notes,
   Yahoo and other non-standard notices); it is imported only here, when a
   message already looks like a notice, because importing it costs ~15 ms.
3. The wording of failures and delay warnings, and the recipient patterns below; as a
   last resort, the one address the notice's text names besides the mail system's own.

A list server's owner returning a post with a refusal ("Non-members are not allowed to
post") is a failure of the list address. Failure wording about no address, from a
sender that is no mail system (a parcel service's "could not be delivered today"), is
not a notice.

A weaker envelope outside any thread (a failure subject behind a gateway's "RE:",
or automatic mail returning a message) is a notice only when flufl.bounce reads a
permanent failure and the sender's own text, above any quote, names that address
beside failure wording. A forward of a notice and anything answering a thread
(In-Reply-To, References) stay a person's message.

Where the caller knows the user's contacts (``known``), a failed address that is
one of them is preferred over any other the notice names.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from email.message import Message
from email.parser import HeaderParser
from itertools import islice

from outreach.classify.mime import Mail, parse_addresses
from outreach.classify.quotes import quote_start
from outreach.classify.referrals import EMAIL_RE
from outreach.regex_store import regex

logger = logging.getLogger(__name__)

_DAEMON_LOCAL = regex(
    r"^(mailer-daemon|mailer_daemon|mail-daemon|maildaemon|postmaster|post_master|poostmaster|"
    r"mail\.?delivery|microsoftexchange[0-9a-f]*|double-bounce|bounce-notification)$",
    re.IGNORECASE,
)
_DAEMON_NAME = regex(
    r"\b(mail delivery (subsystem|system|service)|mailer[- ]daemon|internet mail delivery|"
    r"mail ?delivery ?failure|postmaster|system administrator)\b",
    re.IGNORECASE,
)
# A failed delivery in the words of notices written in other languages (a provider's own template says it
# in its users' language): "could not be delivered", "returned mail", "delivery failed", "recipient unknown".
_FAIL_INTL = (
    # Spanish, Portuguese
    r"no (?:se )?(?:ha )?(?:pudo|puede|podido) (?:ser )?entregar|no (?:pudo ser|ha sido|fue) entregad|"
    r"error de entrega|fallo (?:en la|de) entrega|entrega fallida|destinatario desconocido|"
    r"não (?:pôde|pode|foi possível) (?:ser )?entreg|não foi entregue|falha (?:na|de) entrega|não entregue|"
    # French, Italian
    r"n['’]a (?:pas )?(?:pu )?(?:être |été )?(?:remis|distribu|d[ée]livr|livr|achemin|transmis)|non remis|"
    r"non[- ](?:distribu|d[ée]livr|livr|achemin)|non-?(?:distribution|livraison|remise)|"
    r"(?:pas été|pas|in)? ?(?:en mesure|capables?) de (?:livrer|remettre|distribuer|délivrer|transmettre)|"
    r"échec (?:de|lors de) (?:la )?(?:remise|distribution|"
    r"livraison)|impossible de (?:remettre|distribuer|délivrer|livrer)|destinataire inconnu|utilisateur inconnu|"
    r"non (?:è stato possibile|può essere|è stato) (?:consegnat|recapitat)|non recapitabile|non recapitat|"
    r"consegna non riuscita|mancata consegna|(?:destinatario|utente) sconosciuto|"
    # German, Dutch, Scandinavian, Finnish
    r"(?:konnte|kann) nicht zugestellt|unzustellbar|zustellung fehlgeschlagen|empfänger unbekannt|"
    r"kon niet (?:worden )?(?:bezorgd|afgeleverd)|niet (?:bezorgd|afgeleverd)|onbestelbaar|bezorging mislukt|"
    r"kunde inte levereras|ej levererat|leveransfel|kunne ikke (?:leveres|afleveres)|ikke levert|leveringsfejl|"
    r"levering mislyktes|ei voitu toimittaa|toimitus epäonnistui|"
    # Polish, Czech, Turkish, Russian
    r"nie (?:został[aoy]?|może zostać|można) (?:\w+ )?dostarcz|niedostarczon|nie dostarczono|"
    r"nebyla? doručen|nelze doručit|nedoručiteln|nedoručen|teslim edilemedi|iletilemedi|"
    r"не (?:может быть|удалось|было) доставл|не доставлен|недоставлен|"
    # Japanese, Korean, Chinese
    r"配信できませんでした|送信できませんでした|配送できませんでした|届けることができませんでした|届けできませんでした|"
    r"届けすることができませんでした|届きませんでした|配信に失敗|送信に失敗|配信エラー|配送エラー|"
    r"送信エラー|メールエラー|宛先不明|발송 ?실패|전송 ?실패|반송|전달되지 않았|전달할 수 없|"
    r"退信|投递失败|投遞失敗|发送失败|發送失敗|无法投递|無法投遞|无法送达|未能送达|被退回|没有发送成功"
).replace(" ", r"\s+")  # (a notice's lines wrap anywhere: "n'a pas pu être\ndistribué")
_FAIL_SUBJECT = regex(
    r"\b(undeliverable|undelivered|undeliverd|delivery (status notification|notification|failure|has failed|"
    r"failed|problem|report)|failure notice|returned mail|mail delivery failed|could not be delivered|"
    r"non[- ]?delivery|nondeliverable|message not delivered|mail system error|delivery status|"
    r"warning: could not send|delayed mail|delivery delayed|returned to sender|"
    r"no se puede entregar|non remis|unzustellbar|non recapitabile|niet bezorgd|não entregue|"
    r"mail could not be delivered|delivery error|was not delivered|wasn't delivered|weren't delivered|"
    r"^\s*bounced?\s*:|\bhard bounce\b|"
    r"\bbounce notification\b)|" + _FAIL_INTL,
    re.IGNORECASE,
)
_DELAY = regex(
    r"(\bdelayed\b|\bdelay(ed)? notification|will (retry|continue trying|keep trying|be retried)|"
    r"not yet been delivered|warning message only|still (trying|being retried|undelivered)|"
    r"\bno action is required\b|do not need to resend|(could not|couldn't) (be )?(sent|delivered) for (the )?past|"
    r"temporar(y|ily) (failure|problem|unable)|\(delay\))",
    re.IGNORECASE,
)
_PERMANENT = regex(r"permanent|given up|gave up|giving up|will not be retried|fatal", re.IGNORECASE)
_FAIL_BODY = regex(
    r"(couldn't be delivered|could not be delivered|wasn't delivered|was not delivered|not be delivered|"
    r"undeliverable|undelivered|permanent error|permanent fatal error|delivery to the following recipients? failed|"
    r"following addresses? (had permanent fatal errors|failed)|wasn't able to deliver|unable to deliver|"
    r"no mailbox here|user unknown|unknown user|address not found|recipient not found|not found|"
    r"does not exist|doesn't exist|mailbox unavailable|mailbox not found|no such user|invalid recipient|"
    r"address rejected|recipientnotfound|delivery (has )?failed|failed to deliver|returned mail|"
    # (not "this mailbox is no longer active": a leaver's automatic reply says so too)
    r"\b(?:was|were)(?:n't| not) (?:able to )?deliver|"
    r"\b5\.\d{1,3}\.\d{1,3}\b|\b55[0-4]\b|" + _FAIL_INTL + ")",
    re.IGNORECASE,
)
_ADDR = r"<?(?P<a>[^\s<>():;\[\]\"']+@[^\s<>():;\[\]\"']+)>?"
# Where notices name the failed address, most specific first; the last is the To: line of the
# returned message's headers when a notice copies them into its text.
_RECIPIENT_PATTERNS = [
    # "Your message to a@b couldn't be delivered", "Your message to: a@b\nwas blocked by our Spam Firewall"
    regex(r"your (?:message|e-?mail) to:?\s+" + _ADDR + r"\s+(?:couldn't|could not|wasn't|was not|was blocked|"
          r"has been blocked|was rejected|has been rejected|was returned|has bounced|bounced)", re.I),
    # a sending service's notice: 'Your email "Informational interview" to a@b bounced.'
    regex(r"\byour (?:e-?mail|message)\b[^\n]{0,80}?\bto\s+" + _ADDR + r"\s+(?:has\s+)?(?:bounced|was rejected|failed)",
          re.I),
    regex(r"(?:original|final)-recipient:\s*rfc822;\s*" + _ADDR, re.I),
    regex(r"^\s*<(?P<a>[^\s<>]+@[^\s<>]+)>:", re.M),
    regex(r"delivered to\s+" + _ADDR + r"\s+because", re.I),
    regex(r"(?:deliver\w*|sen[dt])\s+(?:your\s+)?(?:mail|message|e-?mail)\s+to:?\s*" + _ADDR, re.I),
    regex(r"rcpt to:\s*" + _ADDR, re.I),
    regex(
        r"(?:recipient address|failed recipient|original recipient|recipient)(?:s|\(s\))?:?\s*" + _ADDR + r"\s", re.I
    ),
    regex(r"following (?:address(?:es)?|recipients?)[^\n]*:\s*\n\s*" + _ADDR + r"\s", re.I),
    # a server's answer naming the address after a colon: "Remote server said: 550 User not found: a@b"
    regex(r"\b[45]\d\d\b[^\n<>@]{0,40}[:：]\s*" + _ADDR + r"\s", re.I),
    # "收件人：a@b" (the recipient, in a Chinese notice)
    regex(r"收件人\s*[:：]\s*" + _ADDR + r"\s"),
    # the server's answer quoted in any language's notice: "550 5.1.1 <a@b>: Recipient address rejected"
    regex(r"\b[45]\d\d[ -][45]\.\d{1,3}\.\d{1,3}\s+<(?P<a>[^\s<>]+@[^\s<>]+)>", re.I),
    # an address opening its line with the reason after it: "a@b Invalid Address, ERROR_CODE :550 ... User unknown"
    regex(
        r"^[ \t>-]*" + _ADDR + r"[ \t:,]+(?:invalid|unknown|user unknown|no such|does not exist|not found|"
        r"rejected|mailbox|recipient|address|host|domain|\d{3}\b|#?\d\.\d\.\d)",
        re.I | re.M,
    ),
    # an address alone on its line, perhaps with the reason: "<a@b> (unrecoverable error)", "a@b [User unknown]"
    regex(r"^[ \t>-]*" + _ADDR + r"[ \t]*(?:\[[^\]\n]*\]|\([^)\n]*\)|\.\.\.[^\n]*)?[ \t]*$", re.M),
    regex(r"^to:[^\n@]*?" + _ADDR + r"[ \t]*$", re.I | re.M),
]
# A person replying to or forwarding a notice keeps its subject behind one of these.
REPLY_PREFIX = regex(
    r"^\s*(re|aw|sv|vs|antw|antwort|ref|réf|rif|r|res|resp|odp|enc|fw|fwd|tr|wg|i)\s*(\[\d+\])?\s*:", re.I
)
# A returned message's own Message-ID, which looks like an address to a loose detector.
_MESSAGE_ID = regex(r"^(?:message-id|in-reply-to|references):\s*<([^<>\s]+@[^<>\s]+)>", re.I | re.M)
_STATUS = regex(r"\b([245])\.\d{1,3}\.\d{1,3}\b")
_SUCCESS_ACTIONS = ("delivered", "relayed", "expanded")
_EMPTY_ADDRESS = regex(r"<\s*>\s*$")
# A list server's own mailbox ("team-owner@", "group+msgappr@", "list-request@"), which writes about posts.
_LIST_ROBOT = regex(
    r"(?:^|[+-])(?:owners?|msgappr|request|moderators?)(?=[+-]|$)|^(?:sympa|listserv|majordomo|mailman|ecartis)$"
)
# A list refusing a post: "Your message to Mentors was rejected", "Non-members are not allowed to post".
_LIST_REJECTED = regex(
    # (not "Post by non-member to a members-only list": the reason Mailman gives for holding a post too)
    r"\b(?:was|has been|were) (?:rejected|refused|denied)\b|\bnot (?:allowed|permitted) to post\b|"
    r"rechazad[oa]|rejet[ée]e?|abgelehnt|rifiutat[oa]|geweigerd|rejeitad[oa]|recusad[oa]",
    re.IGNORECASE,
)
# A mailbox that says nobody reads what is sent to it: like a null sender, no one to answer.
_NO_REPLY_LOCAL = regex(r"^(no-?reply|do-?not-?reply|donotreply)([+._-].*)?$", re.IGNORECASE)
# A forward among the leading prefixes ("Fwd:", "RE: TR:"): a person passing a notice on.
_FORWARD_PREFIX = regex(
    r"^(\s*(re|aw|sv|vs|antw|antwort|ref|réf|rif|r|res|resp|odp)\s*(\[\d+\])?\s*:)*"
    r"\s*(fwd?|wg|tr|enc|rv|i)\s*(\[\d+\])?\s*:",
    re.IGNORECASE,
)
_NEAR = 200  # characters either side of an address where failure wording confirms it
MAX_TEXT = 8000


@dataclass(frozen=True)
class Bounce:
    """A delivery status notice: a failure (``permanent``) or only a delay warning."""

    recipient: str | None
    permanent: bool
    standard: bool  # an RFC 3464 report said so, not a heuristic


def _dsn_groups(mail: Mail) -> list[dict[str, str]]:
    groups = []
    for status in mail.delivery_status:
        for block in re.split(r"\n\s*\n", status):
            fields: dict[str, str] = {}
            for line in block.splitlines():
                key, sep, value = line.partition(":")
                if sep and key.strip():
                    fields.setdefault(key.strip().lower(), value.strip())
            if fields:
                groups.append(fields)
    return groups


def _address(value: str) -> str | None:
    # "rfc822; user@host", "rfc822;<user@host>"; "unknown; ..." names no address
    m = EMAIL_RE.search(value.split(";", 1)[-1])
    return m.group(0).lower().strip(".") if m else None


def _outcome(group: dict[str, str]) -> str:
    """ "failed", "delayed", or "" (delivered, relayed, expanded, or not a recipient group).

    RFC 3464 names five actions; any word other than its three successes and "delayed" is
    read as a failure (``expired`` from SendGrid, ``failure`` from NTMail, ``error`` from
    OpenSMTPD, ...), unless a 4.x.x status says the server is still trying.
    """
    action = group.get("action", "").strip().lower()
    status = _STATUS.search(group.get("status", ""))
    code = status.group(1) if status else ""
    if action.startswith(("failed", "expired")):  # expired: retries gave up, whatever the last status
        return "failed"
    if action.startswith("delayed"):
        return "delayed"
    if action.startswith(_SUCCESS_ACTIONS):
        return ""
    if action:
        return {"4": "delayed", "2": ""}.get(code, "failed")
    if not code or ("final-recipient" not in group and "original-recipient" not in group):
        return ""
    return {"5": "failed", "4": "delayed"}.get(code, "")


def _pick(candidates: Iterable[str | None], known: Collection[str], skip: Collection[str] = ()) -> str | None:
    """The first candidate that is a known contact, else the first; never one in ``skip``."""
    seen = [c for c in candidates if c and c not in skip]
    for address in seen:
        if address in known:
            return address
    return seen[0] if seen else None


def _is_daemon(mail: Mail) -> bool:
    sender = mail.from_addr or _address(mail.header("from")) or ""
    local = sender.partition("@")[0]
    if _DAEMON_LOCAL.match(local):
        return True
    name = parse_addresses(mail.header("from"))
    display = name[0][0] if name else mail.header("from")
    return bool(_DAEMON_NAME.search(display))


def _null_sender(mail: Mail) -> bool:
    """``Return-Path: <>``, or a From whose address is empty (``"Jetmail System" <>``): no one to answer.

    A list that mirrors a notice to its owner rewrites the Return-Path but keeps the From.
    """
    path = mail.header("return-path").strip().lower()
    if (path in ("<>", "") and "return-path" in mail.headers) or "mailer-daemon" in path:
        return True
    return bool(_EMPTY_ADDRESS.search(mail.header("from")))


def _failed_header(mail: Mail) -> list[str]:
    return [m.group(0).lower() for m in EMAIL_RE.finditer(mail.header("x-failed-recipients"))]


def _returned(mail: Mail) -> Message | None:
    """The headers of the message a notice returns (message/rfc822 or text/rfc822-headers), if any."""
    if mail.message is None:
        return None
    for part in islice(mail.message.walk(), 32):
        ctype = part.get_content_type()
        if ctype == "message/rfc822":
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                return inner[0]
        elif ctype == "text/rfc822-headers":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return HeaderParser().parsestr(payload[: MAX_TEXT * 4].decode("utf-8", "replace"))
    return None


def _returned_to(mail: Mail) -> list[str]:
    """The To and Cc addresses of the message a notice returns."""
    headers = _returned(mail)
    if headers is None:
        return []
    values = [str(headers.get(h, "")) for h in ("to", "cc")]
    return [a for _, a in parse_addresses(", ".join(v for v in values if v))]


def _mdn_rejection(mail: Mail) -> list[str | None] | None:
    """The recipients of an MDN that reports the message discarded unread by a mail system, else None.

    RFC 5429 (Sieve ``reject``) answers with ``Disposition: automatic-action/MDN-sent-automatically;
    deleted`` from the mail system: nobody saw the message, a rule refused it. Any other MDN
    (displayed, or deleted by the person's own client) is a read receipt, not a failure.
    """
    if mail.message is None:
        return None
    for part in islice(mail.message.walk(), 32):
        if part.get_content_type() != "message/disposition-notification":
            continue
        payload = part.get_payload()
        if isinstance(payload, list):
            fields = {k.lower(): str(v) for sub in payload[:4] if isinstance(sub, Message) for k, v in sub.items()}
        else:
            text = payload if isinstance(payload, str) else ""
            fields = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in text.splitlines()[:40])}
        mode, _, kind = fields.get("disposition", "").lower().partition(";")
        if not (mode.strip().startswith("automatic-action") and kind.strip().startswith("deleted")):
            return None
        named = [_address(fields.get(k, "")) for k in ("original-recipient", "final-recipient")]
        # Outlook's "Not read" is the same disposition sent by the recipient's own client: the
        # rejection is the one a mail system writes, about someone else.
        system = _is_daemon(mail) or bool(_EMPTY_ADDRESS.search(mail.header("from")))
        return named if system and mail.from_addr not in named else None
    return None


def _hinted_notice(mail: Mail) -> bool:
    """An envelope that only hints at a notice: read as one when flufl.bounce and the text agree.

    Outside any thread (a person's client answering sets In-Reply-To or References), either a
    failure subject behind a reply prefix (gateways answer "RE: <subject>: delivery failed"),
    or automatic mail (Precedence, Auto-Submitted, a list that mirrors notices to its owner)
    that returns a message. A forward of a notice is a person's message.
    """
    if mail.header("in-reply-to").strip() or mail.header("references").strip():
        return False
    subject = mail.header("subject")
    failure = _FAIL_SUBJECT.search(subject)
    if failure:
        return not _FORWARD_PREFIX.match(subject)
    precedence = mail.header("precedence").strip().lower()
    submitted = mail.header("auto-submitted").strip().lower()
    automatic = precedence in ("bulk", "junk", "list") or bool(submitted and not submitted.startswith("no"))
    return bool(automatic or mail.header("list-id")) and _returned(mail) is not None


def _list_rejection(mail: Mail, text: str) -> bool:
    """A list server refusing the user's post (a non-member's, most often): the list address failed."""
    robot = list_robot(mail.from_addr) or bool(mail.header("x-list-administrivia"))
    if not robot or mail.header("in-reply-to").strip():
        return False
    return bool(_LIST_REJECTED.search(mail.header("subject")) or _LIST_REJECTED.search(text[:MAX_TEXT]))


def _list_address(mail: Mail) -> list[str]:
    """The list's own address, from Mailman's X-BeenThere or RFC 2369's List-Post."""
    values = (mail.header("x-beenthere"), mail.header("list-post").replace("mailto:", " "))
    return [m.group(0).lower() for value in values for m in EMAIL_RE.finditer(value)]


def _named_as_failed(text: str, address: str) -> bool:
    """Whether the sender's own text (above any quoted history) names ``address`` beside failure wording."""
    lines = text[:MAX_TEXT].split("\n")
    own = "\n".join(ln for ln in lines[: quote_start(lines)] if not ln.lstrip().startswith(">")).lower()
    start = own.find(address)
    while start >= 0:
        if _FAIL_BODY.search(own[max(0, start - _NEAR) : start + len(address) + _NEAR]):
            return True
        start = own.find(address, start + 1)
    return False


def _flufl(mail: Mail) -> tuple[list[str], list[str]]:
    """(temporary, permanent) failures found by flufl.bounce's detectors; sorted, lower-case."""
    if mail.message is None:
        return [], []
    try:
        from flufl.bounce import all_failures  # deferred: see the module docstring

        temporary, permanent = all_failures(mail.message)
    except Exception as exc:  # third-party heuristics on hostile input: never fatal
        logger.debug("flufl.bounce could not read the notice: %s", exc)
        return [], []

    def clean(found: Iterable[bytes | str]) -> list[str]:
        out = []
        for item in found:
            text = item.decode("utf-8", "replace") if isinstance(item, bytes) else str(item)
            m = EMAIL_RE.search(text)
            if m:
                out.append(m.group(0).lower().strip("."))
        return sorted(set(out))

    return clean(temporary), clean(permanent)


# sendmail breaks a line longer than SMTP allows with "!" and a folded newline; SES writes its JSON on one line.
_LONG_LINE_BREAK = regex(r"!\r?\n ")


def ses_notification(text: str) -> tuple[str, list[str]] | None:
    """Amazon SES's JSON notice (notificationType bounce/complaint/delivery) and the addresses it names."""
    start = text.lstrip()[: MAX_TEXT * 4]
    if not start.startswith('{"notificationType"'):
        return None
    try:
        data, _ = json.JSONDecoder().raw_decode(start)
    except ValueError:
        try:
            data, _ = json.JSONDecoder().raw_decode(_LONG_LINE_BREAK.sub("", start))
        except ValueError:
            return None
    kind = str(data.get("notificationType", "")) if isinstance(data, dict) else ""
    detail = data.get(kind.lower()) if kind else None
    found: list[str] = []
    if isinstance(detail, dict):
        for key in ("bouncedRecipients", "complainedRecipients", "recipients"):
            for entry in detail.get(key) or []:
                address = entry.get("emailAddress") if isinstance(entry, dict) else entry
                if isinstance(address, str) and EMAIL_RE.fullmatch(address.strip()):
                    found.append(address.strip().lower())
    return kind.lower(), found


def looks_like_notice(mail: Mail, text: str) -> bool:
    """Whether the envelope is that of a delivery status notice (the content is not read yet)."""
    if mail.report_type in ("delivery-status", "global-delivery-status") or mail.delivery_status:
        return True
    if mail.header("x-failed-recipients") or _is_daemon(mail):
        return True
    subject = mail.header("subject")
    if _FAIL_SUBJECT.search(subject) and not REPLY_PREFIX.match(subject):
        return True
    # A null sender returning a message: what RFC 5321 (4.5.5) reserves for notices.
    if _null_sender(mail):
        return bool(_FAIL_BODY.search(text[:MAX_TEXT])) or bool(_returned_to(mail))
    # A provider's notice from a no-reply mailbox in its own language ("メールエラー通知"): the message it
    # returns and its failure wording both say so; a no-reply shipping notice returns no message.
    return no_reply_sender(mail.from_addr) and bool(_returned_to(mail)) and bool(_FAIL_BODY.search(text[:MAX_TEXT]))


def list_robot(address: str) -> bool:
    """Whether ``address`` is a list server's own mailbox, which writes about posts, not as a person."""
    return bool(_LIST_ROBOT.search(address.partition("@")[0]))


def no_reply_sender(address: str) -> bool:
    """Whether ``address`` is a mailbox that says nobody reads it ("no-reply@", "donotreply@")."""
    return bool(_NO_REPLY_LOCAL.match(address.partition("@")[0]))


def reports_delivery(mail: Mail) -> bool:
    """Whether the message is a status report whose every recipient was delivered, relayed or expanded."""
    outcomes = [_outcome(g) for g in _dsn_groups(mail) if g.get("action")]
    return bool(outcomes) and not any(outcomes)


def find_bounce(mail: Mail, text: str, known: Collection[str] = ()) -> Bounce | None:
    """The delivery failure or delay warning this message reports, or None when it is not a notice.

    ``text`` is the message's readable text (plain, else HTML as text); ``known`` holds
    lower-case addresses of contacts, preferred when a notice names several.
    """
    # The notice goes to the user: their address is never the one that failed.
    skip = {a for _, a in mail.to_addrs}

    def pick(*tiers: Iterable[str | None]) -> str | None:
        # A less trusted source is read only when the ones before it name nobody.
        return next((found for tier in tiers if (found := _pick(tier, known, skip))), None)

    groups = _dsn_groups(mail)
    outcomes = [(g, _outcome(g)) for g in groups]
    failed = [g for g, o in outcomes if o == "failed"]
    failed_header = _failed_header(mail)
    if failed:
        # Original-Recipient is the address the user wrote to; Final-Recipient may be a forward of it.
        named = [_address(g.get(k, "")) for g in failed for k in ("original-recipient", "final-recipient")]
        recipient = pick(named, failed_header, _from_text(text), _returned_to(mail))
        return Bounce(recipient, permanent=True, standard=True)
    delayed = [g for g, o in outcomes if o == "delayed"]
    if delayed:
        named = [_address(g.get(k, "")) for g in delayed for k in ("original-recipient", "final-recipient")]
        return Bounce(pick(named), permanent=False, standard=True)
    if any(g.get("action") for g in groups):
        return None  # delivered, relayed or expanded: a success report
    if mail.report_type == "disposition-notification":
        # An MDN is a receipt unless it says a rule discarded the message unread.
        rejected = _mdn_rejection(mail)
        if rejected is None:
            return None
        return Bounce(pick(rejected, _from_text(text), _returned_to(mail)), permanent=True, standard=True)
    head = text[:MAX_TEXT]
    ses = ses_notification(head)
    if ses is not None:
        kind, found = ses
        return Bounce(pick(found), permanent=True, standard=False) if kind == "bounce" else None
    if not looks_like_notice(mail, text):
        if _list_rejection(mail, text):
            mentioned = _named_in_notice(mail, text[:MAX_TEXT])
            return Bounce(pick(_returned_to(mail), _list_address(mail), mentioned), permanent=True, standard=False)
        if not _hinted_notice(mail):
            return None
        # Only a permanent failure that flufl.bounce reads and the text itself names is taken.
        recipient = pick([a for a in _flufl(mail)[1] if _named_as_failed(text, a)])
        return Bounce(recipient, permanent=True, standard=False) if recipient else None
    temporary, permanent = _flufl(mail)
    subject = mail.header("subject")
    warned = _DELAY.search(subject) or (_DELAY.search(head) and not _PERMANENT.search(head))
    if warned and not _TEXT_FAILED.search(head):
        # "Warning: message delayed 24 hours ... No action is required": flufl's Exim reader takes the address
        # still queued for a failure
        return Bounce(pick(temporary, permanent, _from_text(head)), permanent=False, standard=False)
    if permanent or _TEXT_FAILED.search(head):
        # flufl's looser detectors may also return the sender or a Message-ID: prefer what the text confirms.
        in_text = _from_text(head)
        confirmed = set(in_text) | set(_returned_to(mail))
        ids = {m.group(1).lower() for m in _MESSAGE_ID.finditer(text[:MAX_TEXT * 4])}
        unconfirmed = [a for a in permanent if a not in ids]
        recipient = pick(
            failed_header, [a for a in permanent if a in confirmed], unconfirmed, in_text, _from_subject(mail),
            _named_in_notice(mail, head),
        )
        return Bounce(recipient, permanent=True, standard=False)
    if temporary:
        # (a gateway's block that flufl.bounce reads as temporary while the text says "550 permanent failure")
        return Bounce(pick(temporary, _from_text(head)), permanent=bool(_PERMANENT.search(head)), standard=False)
    returned = _returned_to(mail)
    failure_subject = _FAIL_SUBJECT.search(subject) and not REPLY_PREFIX.match(subject)
    if failed_header or _FAIL_BODY.search(head) or failure_subject or (returned and _null_sender(mail)):
        recipient = pick(failed_header, _from_text(head), returned, _from_subject(mail), _named_in_notice(mail, head))
        if recipient is None and not (_is_daemon(mail) or _null_sender(mail)):
            # Only the wording of a failure, from a sender that is not a mail system, about no address: a shop's
            # "your package could not be delivered today"
            return None
        return Bounce(recipient, permanent=True, standard=False)
    return None


# Mailboxes a notice names for help or as its own sender, never the one that failed.
_ROLE_LOCAL = regex(
    r"^(?:postmaster|mailer-daemon|mail-daemon|abuse|hostmaster|webmaster|admin|administrator|support|help|"
    r"helpdesk|no-?reply|do-?not-?reply|donotreply)$",
    re.IGNORECASE,
)


def _named_in_notice(mail: Mail, text: str) -> list[str]:
    """Every address a notice's text names, in order, but its sender's and the mail system's own: the last
    resort for a notice in its own layout ("받는 사람 | a@b" in a table, "收件人 / To:  a@b")."""
    ids = {m.group(1).lower() for m in _MESSAGE_ID.finditer(text[: MAX_TEXT * 4])}
    found = [m.group(0).lower().strip(".") for m in EMAIL_RE.finditer(text[:MAX_TEXT])]
    return [a for a in found if a != mail.from_addr and a not in ids and not _ROLE_LOCAL.match(a.partition("@")[0])]


# RFC 3464's fields written into a plain-text notice (spam gateways): "Action: failed", "Status: 5.7.1".
_TEXT_FAILED = regex(r"^\s*(?:action:\s*failed\b|status:\s*5\.\d{1,3}\.\d{1,3}\b)", re.I | re.M)


def _from_text(text: str) -> list[str]:
    """Addresses the notice's text names as failed, in order of the patterns' trust."""
    found = []
    for pattern in _RECIPIENT_PATTERNS:
        for m in pattern.finditer(text[:MAX_TEXT]):
            address = m.group("a").strip(".,;:'\"()[]").lower()
            if EMAIL_RE.fullmatch(address):
                found.append(address)
    return found


def _from_subject(mail: Mail) -> list[str]:
    """Addresses a failure subject names ("Undeliverable mail: a@b"), the last place a notice may name one."""
    subject = mail.header("subject")
    if not _FAIL_SUBJECT.search(subject):
        return []
    return [m.group(0).lower() for m in EMAIL_RE.finditer(subject)]
