"""People the sender points the user to: addresses in the new text and new Cc'd people.

Nobody already on the thread counts: the sender, the recipients, the user, and
anyone whose address appears in the quoted history (they were on the thread
before this reply). Role mailboxes (support@, noreply@ ...) are not people.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from outreach.classify.dates import word_led
from outreach.regex_store import regex

logger = logging.getLogger(__name__)

EMAIL_RE = regex(r"(?<![\w.+\-/=%])[A-Za-z0-9][\w.+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}")
_ROLE = regex(
    r"^(no-?reply|do-?not-?reply|support|help|info|office|admin|postmaster|mailer-daemon|hr|jobs|careers|"
    r"recruiting|talent|hello|contact|team|sales|press|media|privacy|records|webmaster|notifications?|"
    r"secretar\w*|sekretariat|secretaría|secretaria|segreteria|secretariaat)(?:[._-][\w.-]*)?@",
    re.IGNORECASE,
)
_NAME_BEFORE = regex(r"((?:[A-Z][\w'’.-]+\s){1,3})[(<\[]?\s*$")
# Words that say a Cc'd person was added for the user: "cc'd", "looping in", "en copia", "in Kopie", "ajouté".
_CC_CUE = regex(
    word_led(
        r"\b(cc\w*|cop(ied|ying|io|ia|ie|ié)|copi(and|ant)\w*|loop\w* in|in the loop|add(ing|ed)|introduc\w*|"
        r"connect(ing)? you|"
        r"(en|em|in) c[óo]pi[ae]|in kopie|present\w*|apresent\w*|vorstell\w*|voorstel\w*|ajout\w*|aggiunt\w*|"
        r"añad\w*|adicion\w*|hinzugef[üu]gt|toegevoegd|inclu\w*)\b"
    ),
    re.IGNORECASE,
)


def _name_before(text: str, pos: int) -> str | None:
    m = _NAME_BEFORE.search(text[max(0, pos - 60) : pos])
    if not m:
        return None
    name = m.group(1).strip()
    words = [w for w in name.split() if w.lower() not in ("my", "colleague", "the", "and", "or", "to", "contact")]
    return " ".join(words) or None


def find_referrals(
    body: str,
    cc: list[tuple[str, str]],
    exclude: Iterable[str],
    quoted: str,
) -> list[dict[str, str | None]]:
    """Referral objects ({"name", "email"}) in order of appearance, de-duplicated."""
    known = {a.lower() for a in exclude}
    quoted_lower = quoted.lower()
    out: list[dict[str, str | None]] = []
    seen: set[str] = set()

    def add(email: str, name: str | None) -> None:
        email = email.lower().rstrip(".")
        if email in known or email in seen or _ROLE.match(email) or email in quoted_lower:
            return
        seen.add(email)
        out.append({"name": name, "email": email})

    for m in EMAIL_RE.finditer(body):
        add(m.group(0), _name_before(body, m.start()))
    cued = cc and _CC_CUE.search(body)
    for name, email in cc:
        if _thanked_only(body, name):
            continue  # "thanks Renata for connecting us": the introducer kept on a reply-all
        if _assistant(body, name):
            continue  # "I'm copying Lorna, who manages my calendar": she books the call, she is no one new
        first = first_name(name)
        if "," in name:  # Outlook's "Last, First"
            last, _, given = name.partition(",")
            name = f"{given.strip()} {last.strip()}"
        # Without a cue, a Cc'd person counts when the text speaks to or of them by first name ("Tom, over to you").
        if cued or (len(first) > 1 and re.search(rf"\b{re.escape(first)}\b", body)):
            add(email, name or None)
    return out


def first_name(display: str) -> str:
    """"Yusuf Demir" and Outlook's "Demir, Yusuf" -> "Yusuf"; "" for an empty name."""
    if "," in display:
        display = display.partition(",")[2]
    words = display.split()
    return words[0] if words else ""


_ASSISTANT_WORDS = (
    r"(?:assist\w*|secretar\w*|sekretär\w*|\bea\b|\bpa\b|"
    r"(?:manages|runs|keeps|handles|looks after|takes care of|organi[sz]es|gère|s'occupe de|lleva|gestiona|"
    r"führt|betreut|gestisce|cuida d[ae]|beheert) "
    r"(?:my|mon|ma|mi|meinen|meine|il mio|la mia|mijn) "
    r"(?:calendar|diary|schedule|agenda|kalender|calendario|terminkalender))"
)


def _assistant(body: str, name: str) -> bool:
    """Whether the text presents this Cc'd person as the sender's assistant or the keeper of their calendar."""
    first = first_name(name)
    if len(first) < 2:
        return False
    if first.lower() not in body.lower() or not _ASSISTANT_RE.search(body):
        return False
    word = re.escape(first)
    return bool(re.search(rf"\b{word}\b[^.!?\n]{{0,40}}{_ASSISTANT_WORDS}|{_ASSISTANT_WORDS}[^.!?\n]{{0,25}}\b{word}\b",
                          body, re.IGNORECASE))


_ASSISTANT_RE = regex(word_led(_ASSISTANT_WORDS), re.IGNORECASE)


# Words of thanks, read here for a Cc'd introducer and in intent for a greeting that thanks someone on copy.
THANKS_WORDS = r"(?:thanks|thank you|thx|cheers|valeu|obrigad[oa]|gracias|merci|danke|grazie|bedankt|dank)"


def _thanked_only(body: str, name: str) -> bool:
    """Whether the text thanks this Cc'd person (for the introduction, most often) and never points the user to
    them."""
    first = first_name(name)
    if len(first) < 2:
        return False
    if first not in body:
        return False  # not named at all (a quick test that spares compiling the patterns below)
    word = re.escape(first)
    mentions = len(re.findall(rf"\b{word}\b", body))
    thanked = len(
        re.findall(
            rf"\b{THANKS_WORDS}[^.!?\n]{{0,40}}\b{word}\b|\b{word}\b[,!]?\s(?:thanks|thank you)\b"
            rf"|for (?:the )?(?:intro|introduction|connecting us)[,!]?\s{word}\b",
            body,
            re.IGNORECASE,
        )
    )
    if mentions == 0 or thanked == 0:
        return False
    # thanked, and otherwise only spoken of ("I'm keeping Ingrid on the thread"), never pointed to
    return thanked >= mentions or not re.search(
        rf"\b{_POINT_TO}\s(?:\w+\s)?{word}\b|\b{word}\b(?:'s)?\s(?:{_POINT_FROM})\b", body, re.IGNORECASE
    )


# "talk to Omar", "reach out to my colleague Omar"; "Omar can help", "Omar knows the space", "Omar's your person"
_POINT_TO = r"(?:talk|speak|chat|reach out|write|e-?mail|ask|contact|connect with|ping|try|meet|call)(?:\s(?:to|with))?"
_POINT_FROM = (
    r"can|could|would|will|is (?:the|a|your|much|far|better|best|great|happy|glad)|knows|runs|leads|handles|manages|"
    r"owns|covers|does|works|has|your person|the person|better|best"
)
