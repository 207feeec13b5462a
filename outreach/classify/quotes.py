"""Separate what the sender wrote now from quoted history and their signature.

Nothing below the first attribution line ("On ... wrote:", an Outlook
From:/Sent: block, "-----Original Message-----", a forwarded-message banner)
is the sender's new text, nor is any ``>`` line. Inside the new text, the
signature starts at "-- ", a mobile footer, or a closing such as "Best," that is
followed only by a short block of lines.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from outreach.classify.dates import MONTHS, alternation, word_led
from outreach.regex_store import regex

logger = logging.getLogger(__name__)

MAX_LINES = 4000
MAX_CHARS = 60_000
_ATTR_START = regex(r"^\s*(on|am|le|el|il|il giorno|op|den|em|w dniu|dne|el día|no dia)\b", re.IGNORECASE)
_ATTR_END = regex(
    r"(wrote|writes|schrieb|a écrit|escribió|ha scritto|schreef|geschreven|skrev|escreveu|napisał|написал)"
    r"[^\n]{0,120}:\s*$",
    re.IGNORECASE,
)
_ADDRESS_WROTE = regex(
    r"<[^<>@\s]{1,64}@[^<>\s]{1,255}>\s*\(?(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu)\)?\s*:\s*$",
    re.IGNORECASE,
)
_BANNER = regex(
    r"^\s*(-{2,}\s*(original message|original message|forwarded message|message d'origine|"
    r"ursprüngliche nachricht|mensaje original)\s*-{2,}|begin forwarded message:?|"
    r"-{5,}\s*forwarded message\s*-{5,}|-{3,}\s*[^-\s][^-]{2,60}-{3,})\s*$",
    re.IGNORECASE,
)
_HEADER_FROM = regex(
    r"^\s*\**(from|von|de|van|da|från|fra|od|от|מאת|差出人|送信者|发件人|發件人|寄件者|보낸 사람|kimden|من|"
    r"lähettäjä|από|feladó|odesílatel|de la|frá|oddi wrth)\s*[:：]\**\s*\S",
    re.IGNORECASE,
)
# Outlook's localised header block: Sent/Date, To, Cc and Subject in the client's language.
_HEADER_NEXT = regex(
    r"^\s*\**(sent|date|to|subject|cc|gesendet|datum|an|betreff|envoyé|objet|à|enviado( el)?|asunto|para|"
    r"fecha|data|inviato|oggetto|a|assunto|verzonden|aan|onderwerp|datum|"
    r"送信日時|日付|宛先|件名|发送时间|發送時間|寄件日期|收件人|收件者|主题|主旨|보낸 날짜|받는 사람|제목|"
    r"נשלח|אל|נושא|отправлено|кому|тема|wysłano|do|temat|skickat|till|ämne|"
    r"gönderildi|kime|konu|bilgi|tarih|تاريخ الإرسال|إلى|الموضوع|نسخة|sendt|til|emne|lähetetty|vastaanottaja|aihe|"
    r"στάλθηκε|προς|θέμα|elküldve|címzett|tárgy|odesláno|komu|předmět|trimis|către|subiect|efni|sent|anfonwyd|at|pwnc)\s*[:：]",
    re.IGNORECASE,
)
# Lotus Notes quotes the original as "Name <address>" then its date on the next line, no labels.
_NOTES_FROM = regex(r"^\s*[^<>@:]{2,80}<[^<>@\s]+@[^<>\s]+>\s*$")
_NOTES_DATE = regex(r"^\s*\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")
_RULE = regex(r"^\s*[_\-=─━—]{8,}\s*$")
_SIG_DASH = regex(r"^(-- ?|--|—|–|__|-{2,3})$")
_MOBILE = regex(
    r"^\s*(sent from (my|mail|outlook|yahoo|samsung|the)\b|get outlook for\b|sent via\b|"
    r"sent with\b|von meinem \S+ gesendet|envoyé de mon\b|enviado desde mi\b|enviado do meu\b|"
    r"inviato da\b|verstuurd vanaf\b|verzonden (vanaf|met)\b|(obtenir|obtener|obter|scarica|download) outlook\b)",
    re.IGNORECASE,
)
_CLOSING = regex(
    r"^\s*(best|best regards|kind regards|warm regards|warmest regards|regards|many thanks|"
    r"thanks|thank you|thanks again|thanks so much|cheers|warmly|warm wishes|all the best|"
    r"best wishes|sincerely|yours|yours sincerely|yours truly|talk soon|speak soon|see you then|"
    r"see you soon|take care|good luck|best of luck|respectfully|with thanks|with appreciation|"
    r"viele grüße|viele grüsse|beste grüße|mit freundlichen grüßen|liebe grüße|saludos|"
    r"un saludo|cordialement|bien à vous|groeten|met vriendelijke groet|hälsningar|"
    r"un cordial saludo|saludos cordiales|atentamente|un abrazo|abrazo|abrazos|abs|beijos?|"
    r"bien cordialement|bonne (journée|soirée|fin de semaine|chance|continuation)|salutations|amitiés|au plaisir|"
    r"meilleures salutations|sincères salutations|salutations (distinguées|cordiales)|meilleurs messages|"
    r"bien à toi|belle (journée|soirée)|"
    r"à bientôt|à très vite|à (lundi|mardi|mercredi|jeudi|vendredi)|a (martedì|giovedì|lunedì|venerdì)|"
    r"cordiali saluti|saluti|a presto|distinti saluti|un caro saluto|"
    r"freundliche grüsse|freundliche grüße|herzliche grüße|beste grüsse|lg|"
    r"com os melhores cumprimentos|cumprimentos|atenciosamente|abraço|um abraço|"
    r"met vriendelijke groeten|vriendelijke groeten|groetjes|hartelijke groet|"
    r"mvh|よろしくお願いします|敬具)\s*[,.!]*\s*(-+\s*\w+)?\s*$",
    re.IGNORECASE,
)
_GREETING = regex(
    r"^\s*(hi|hello|hey|dear|good (morning|afternoon|evening)|greetings|hallo|hola|buen[oa]s (días|tardes|noches)|"
    r"estimad[oa]|bonjour|bonsoir|salut|cher|chère|madame|monsieur|guten (tag|morgen|abend)|"
    r"sehr geehrte[rs]?|liebe[rs]?|moin|grüezi|servus|olá|oi|car[oa]|prezad[oa]|buongiorno|buonasera|ciao|"
    r"gentile|egregio|beste|geachte|dag)\b",
    re.IGNORECASE,
)
_HOURS_LINE = regex(
    word_led(
        r"\b(office hours|business hours|opening hours|support hours|student hours|hours of operation|permanence|"
        r"sprechzeiten|öffnungszeiten|bürozeiten|horaires d['’]ouverture|horaires de bureau|availability:|"
        r"working hours|"
        r"horario de atención|horário de atendimento|horário de funcionamento|heures de bureau|heures d['’]ouverture|"
        r"orari(?:o)? di (?:ufficio|apertura|lavoro|ricevimento)|"
        r"openingstijden|kantooruren|bereikbaar op)\b|平日|営業時間"
    ),
    re.IGNORECASE,
)
# A line that is nothing but a date with its year and a clock time ("Apr 19, 2029, 16:02 UTC", "19/04/2029
# 16:02"): when a help desk or forum posted a comment, never a time anyone proposes.
_ANY_MONTH = r"(?i:" + alternation(MONTHS) + r")"
STAMP_LINE = regex(
    r"^[ \t]*(?:" + _ANY_MONTH + r"\.? \d{1,2},? \d{4}|\d{1,2}\.? " + _ANY_MONTH + r"\.? \d{4}|"
    r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}),?(?: at)? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\.?)?(?: [A-Z]{2,5})?"
    r"[ \t]*$",
    re.MULTILINE,
)
_MAX_SIG_LINES = 14
_MAX_HOURS_LINE = 100


@dataclass(frozen=True)
class Split:
    """A reply cut into its new text, signature and quoted history."""

    body: str
    signature: str
    quoted: str


def _is_attribution(lines: list[str], i: int) -> int:
    """Number of lines (1-3) the attribution at ``i`` spans, or 0."""
    if not _ATTR_START.match(lines[i]):
        # however it opens, a line ending in an address and "wrote:" ("En lunes, 7 de marzo de 2044, 12:30:00 WET,
        # Nayra Cabrera <nayra@example.es> escribió:")
        return 1 if _ADDRESS_WROTE.search(lines[i]) else 0
    joined = ""
    for span in range(3):
        if i + span >= len(lines) or not lines[i + span].strip():
            break  # a wrapped attribution has no blank line ("Le ruego ...\n\nEl lun, ... escribió:" is two)
        joined = (joined + " " + lines[i + span].strip()).strip()
        if len(joined) > 400:
            break
        if _ATTR_END.search(joined):
            return span + 1
    return 0


def _is_header_block(lines: list[str], i: int) -> bool:
    """An Outlook-style block: a From line (or a Sent line just above one) and two more header lines."""
    block = [ln for ln in lines[i : i + 7] if ln.strip()][:5]
    if not block or not (_HEADER_FROM.match(block[0]) or _HEADER_NEXT.match(block[0])):
        return False
    if not any(_HEADER_FROM.match(ln) for ln in block[:2]):
        return False
    return sum(1 for ln in block[1:] if _HEADER_NEXT.match(ln) or _HEADER_FROM.match(ln)) >= 2


def _is_notes_header(lines: list[str], i: int) -> bool:
    return bool(_NOTES_FROM.match(lines[i])) and any(_NOTES_DATE.match(ln) for ln in lines[i + 1 : i + 3])


# A comment's author alone on its line: "Maricarmen (Energía Verde)", "Diego Ramírez"
_AUTHOR_LINE = regex(r"^\s*[A-ZÀ-Ý][\w'’.-]+(?:\s[A-ZÀ-Ý][\w'’.-]+){0,3}(?:\s\([^()\n]{1,60}\))?\s*$")


def _comment_header(lines: list[str], i: int) -> bool:
    """A help desk's comment header: a rule, then within a few lines the author and a time stamp line, or the
    author alone on the first line under the rule."""
    if not _RULE.match(lines[i]):
        return False
    after = lines[i + 1 : i + 6]
    first = next((ln for ln in after if ln.strip()), "")
    return any(STAMP_LINE.match(ln) for ln in after) or bool(_AUTHOR_LINE.match(first))


def quote_start(lines: list[str]) -> int:
    """Index of the first line of quoted history, or len(lines)."""
    comments = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _comment_header(lines, i):
            comments += 1
            if comments == 2:
                return i  # a ticket's comments, newest first: from the second one on, history
            continue
        if _BANNER.match(line) or _is_attribution(lines, i) or _is_header_block(lines, i):
            return i
        if _is_notes_header(lines, i):
            return i
        if _RULE.match(line) and any(_HEADER_FROM.match(ln) for ln in lines[i + 1 : i + 3]):
            return i
    return len(lines)


def _below_quote(lines: list[str], cut: int) -> list[str]:
    """The sender's lines under a ``>`` quote that follows an attribution (a bottom-posted reply)."""
    span = _is_attribution(lines, cut)
    if not span:
        return []
    rest = lines[cut + span :]
    first = next((ln for ln in rest if ln.strip()), "")
    if not first.lstrip().startswith(">"):
        return []
    below = [ln for ln in rest if not ln.lstrip().startswith(">")]
    end = quote_start(below)
    return below[:end]


def _answered_inline(lines: list[str], cut: int) -> bool:
    """Whether the ``>`` quote after the attribution at ``cut`` has a paragraph of the sender's between two of its
    own, set off by blank lines (a line the client wrapped out of the quote has no blank line before it)."""
    span = _is_attribution(lines, cut)
    if not span:
        return False
    seen_quote = own_paragraph = False
    previous = ""
    for line in lines[cut + span : cut + span + MAX_LINES]:
        quoted = line.lstrip().startswith(">")
        if quoted and own_paragraph:
            return True
        if quoted:
            seen_quote = True
        elif line.strip() and seen_quote and not previous.strip():
            own_paragraph = True
        previous = line
    return False


def _below_header_block(lines: list[str], cut: int) -> list[str]:
    """The sender's lines under an unprefixed Outlook header block (a reply written at the bottom of the quote):
    what follows the quoted author's last sign-off (a line that is their name) and the signature under it."""
    if not _is_header_block(lines, cut):
        return []
    header = _HEADER_FROM.match(lines[cut]) or _HEADER_FROM.match(lines[cut + 1] if cut + 1 < len(lines) else "")
    if header is None:
        return []
    author = re.split(r"[<\[(]", header.string[header.end() - 1 :])[0].strip(" *\"'")
    names = {author.lower(), author.split()[0].lower()} if author else set()
    signs = [i for i in range(cut + 3, len(lines)) if lines[i].strip(" -–—~*\t").lower() in names]
    if not signs:
        return []
    # the author's signature: the lines right under their name, then a paragraph giving their full name again
    i = signs[-1] + 1
    while i < len(lines) and lines[i].strip():
        i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    if " " in author and i < len(lines) and author.lower() in lines[i].lower():
        while i < len(lines) and lines[i].strip():
            i += 1
    rest = lines[i:]
    return rest[: quote_start(rest)]


def is_history_header(line: str) -> bool:
    """An attribution ("On ... wrote:") or an Outlook header line ("Sent: ...") of quoted history: its date and
    time say when a message was sent, not a time anyone proposes."""
    line = line.lstrip("> ")
    return bool(_ATTR_END.search(line) or _HEADER_FROM.match(line) or _HEADER_NEXT.match(line))


def quoted_addressee(quoted: str) -> str | None:
    """The first name the quoted message greets ("> Hi Yusuf –"): whom the user's message was written to."""
    for line in quoted.split("\n")[:30]:
        bare = line.lstrip("> \t")
        if not bare.strip() or is_history_header(line) or (_ATTR_START.match(bare) and _ATTR_END.search(bare)):
            continue
        m = _GREETING.match(bare)
        name = re.match(r"[\s,]*([A-ZÀ-Ý][\w'’-]+)", bare[m.end() :]) if m else None
        return name.group(1) if name else None
    return None


def _signature_start(lines: list[str]) -> int:
    for i, line in enumerate(lines):
        stripped = line.rstrip()
        if _SIG_DASH.match(stripped) or _MOBILE.match(stripped):
            return i
    seen_content = False
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _CLOSING.match(line) and seen_content:
            rest = [ln for ln in lines[i + 1 :] if ln.strip()]
            if len(rest) <= _MAX_SIG_LINES and all(len(ln) <= 120 for ln in rest):
                return i
        if not _GREETING.match(line):
            seen_content = True
    return len(lines)


def split_reply(text: str) -> Split:
    """Split a decoded body into new text, signature and quoted history."""
    lines = text[:MAX_CHARS].replace("\r\n", "\n").split("\n")[:MAX_LINES]
    cut = quote_start(lines)
    head, quoted = lines[:cut], lines[cut:]
    if cut < len(lines) and (all(not ln.strip() or _GREETING.match(ln) for ln in head)
                             or _answered_inline(lines, cut)):
        # Nothing but a greeting above the quote: the reply is written under it (Thunderbird, mutt); or answers
        # between the quote's paragraphs ("Ich antworte gleich im Text").
        below = _below_quote(lines, cut) or _below_header_block(lines, cut)
        if any(ln.strip() for ln in below):
            head = head + below
            quoted = [ln for ln in quoted if ln not in below]
    own = []
    for line in head:
        if line.lstrip().startswith(">"):
            quoted.append(line)
        else:
            own.append(line)
    sig = _signature_start(own)
    # a line of office hours is dropped; a sentence that mentions them ("call her during office hours") is not
    body_lines = [ln for ln in own[:sig] if len(ln.strip()) > _MAX_HOURS_LINE or not _HOURS_LINE.search(ln)]
    return Split(
        body="\n".join(body_lines).strip(),
        signature="\n".join(own[sig:]).strip(),
        quoted="\n".join(quoted),
    )
