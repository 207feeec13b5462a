"""Which of the user's proposed slots a reply takes when it names no clock time of its own.

The user's request quotes their own times ("Tuesday 3 March at 10:00 or Wednesday 4 March at 14:00"); a reply
may take one by its day ("Tuesday's slot is good for me"), by its rank ("the second option"), or take one and move
it ("Tuesday works, but can we bump it 30 minutes?"). Times the reply writes itself are read by
:mod:`outreach.classify.times`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo

from outreach.classify import cues
from outreach.classify.dates import find_dates
from outreach.classify.quotes import is_history_header
from outreach.classify.times import (
    DEADLINE,
    MAX_CHARS,
    OPENING_HOURS,
    clause_parts,
    dayless_times,
    find_times,
    split_clauses,
    turns_down,
)
from outreach.regex_store import regex

# "... and keep Tuesday free for my staff meeting": a day kept clear is the one not taken
_KEEP = regex(r"\b(?:keep|keeping|leave|leaving|hold|holding)\s(?:the\s)?$", re.IGNORECASE)
_FREE = regex(r"\s(?:free|clear|open)\b", re.IGNORECASE)


# Every one of the user's times turned down at once: "your times won't work", "neither of those works", "ninguna de
# las dos opciones me va", "aucun des deux créneaux", "keiner der beiden Termine", "nenhum dos dois", "geen van beide"
_NONE_OF_YOURS = regex(
    r"\b(?:(?:your|those|these|both|the) (?:\w+ ){0,2}(?:times|slots|options|dates|suggestions)\b[^.!?\n]{0,20}"
    r"(?:won't|don't|doesn't|do not|will not|can't|cannot|aren't) (?:\w+ )?(?:work|suit|fit|possible)"
    r"|neither (?:of (?:them|those|these|your \w+)|one|works?|suits?)|none of (?:them|those|these|your)"
    r"|ningun[ao] de (?:las|los) (?:dos|tres)|aucun(?:e)? des (?:deux|trois)|keine[rn]? der (?:beiden|drei)"
    r"|nenhum[a]? d[ao]s (?:dois|duas|tr[êe]s)|nessun[ao] de(?:i|lle) (?:due|tre)"
    r"|geen van (?:beide|de(?:ze)? (?:twee|drie)))",
    re.IGNORECASE,
)


def named_proposal(
    body: str, quoted: str, ref: datetime, user_tz: tzinfo | None, hints: Sequence[date]
) -> datetime | None:
    """The one time of the user's quoted proposal that the reply picks by its day alone ("Tuesday's slot is
    good for me", "sent you an invite for Thursday"), when the reply gives no clock time of its own."""
    text = body[:MAX_CHARS].replace("’", "'")
    if not hints or find_times(text, ref, user_tz).times:
        return None  # a time of their own (standing hours in a signature are none)
    if _NONE_OF_YOURS.search(text):
        return None  # "your times won't work, but Thursday after Asr is calm": another Thursday, or no time yet
    # "El jueves me viene genial, el martes imposible": a no turns down the day in its own part of the sentence
    said = [
        (d.day, part)
        for clause in split_clauses(text)
        for part in (clause[a:b] for a, b in clause_parts(clause))
        if not turns_down(part) and not OPENING_HOURS.search(part)
        for d in find_dates(part, ref.date(), hints)
        if not DEADLINE.search(part, max(0, d.start - 25), d.start)
        and not (_KEEP.search(part, max(0, d.start - 12), d.start) and _FREE.match(part, d.end))
    ]
    days = {day for day, _ in said}
    if len(days) > 1:
        # "Votre créneau de jeudi me convient très bien, mercredi matin en revanche je suis en réception de
        # chantier": of two days, the one said yes to (the other's no is in words no rule lists)
        days = {day for day, part in said if cues.pattern("accept").search(cues.lowered(part))} or days
    if not days:
        return None
    picked = [t for t in users_times(quoted, ref, user_tz) if t.date() in days]
    return picked[0] if len(picked) == 1 else None


# "the first option", "your second suggestion", "la primera opción", "le premier créneau", "den zweiten Termin",
# "a primeira data", "la seconda proposta", "je eerste voorstel": which of the user's quoted times is picked.
_ORDINAL = regex(
    # (Spanish "a primera hora" is first thing in the morning: the rank takes "la", never "a")
    r"\b(?:(?P<first>first|1st|former|earlier|(?<!\ba\s)primer[ao]?|premi[eè]re?|erste[nrsm]?|primeir[ao]|prim[ao]|eerste)"
    r"|(?P<second>second|2nd|latter|later|segund[ao]|seconde?|deuxi[eè]me|zweite[nrsm]?|second[ao]|tweede))\s"
    r"(?:of (?:your|the|those|these) (?:\w+ )?)?"  # "the first of your proposed slots"
    r"(?:(?:one|option|slot|suggestion|proposal|time|date|choice|opci[óo]n|propuesta|fecha|horario|hora|"
    r"cr[ée]neau|proposition|horaire|termin|vorschlag|zeit|terminvorschlag|op[çc][ãa]o|proposta|data|timing|hip[óo]tese|"
    r"hor[áa]rio|opzione|orario|voorstel|optie|tijdstip|moment|datum)s?\b)"
    # "de las dos opciones, la segunda me queda mejor": the article and the rank, the noun left out
    r"|\b(?:la|el|le|a|o|het|de|der|die|das) (?:(?P<first2>primera|première|primeira|prima|eerste|erste)|"
    r"(?P<second2>segunda|seconde|deuxième|seconda|tweede|zweite))\b"
    r"(?!\s(?:vez|fois|volta|keer|mal|semana|semaine|hora|woche|hälfte|stunde"
    # idioms, not a rank: "de primera mano" (first-hand), "à première vue", "la prima persona", "de primera línea"
    r"|mano|main|mão|hand|vista|vue|instancia|instance|persona|personne|pessoa|persoon|person|l[íi]nea|ligne|linha|"
    r"linea|clase|classe|plana|page|p[áa]gina|ronda|rodada|fase|phase|ministra|ministro|dama))",
    re.IGNORECASE,
)


# A preference between the user's slots: "I'd prefer the second", "prefiero la primera", "lieber den zweiten".
_PREFERS = regex(
    r"\b(?:pr[ée]f[èée]r\w*|prefi\w*|rather|lieber|am liebsten|liefst|voorkeur)\b", re.IGNORECASE
)


def ordinal_proposal(body: str, quoted: str, ref: datetime, user_tz: tzinfo | None) -> datetime | None:
    """The time of the user's quoted proposal that the reply picks by its rank ("the first option works"),
    when the reply gives no clock time of its own and picks only one."""
    text = body[:MAX_CHARS].replace("’", "'")
    if find_times(text, ref, user_tz).times:
        return None  # a time of their own ("the first one, that's 9am here" restates the same slot)
    picked = [
        (0 if m.group("first") or m.group("first2") else 1, bool(_PREFERS.search(clause, a, b)))
        for clause in split_clauses(text)
        for a, b in clause_parts(clause)
        if not turns_down(clause, a, b)  # ("Your first slot works - 9 AM here, before the floor gets busy")
        for m in _ORDINAL.finditer(clause, a, b)
    ]
    ranks = {rank for rank, _ in picked}
    preferred = {rank for rank, prefers in picked if prefers}
    if len(preferred) == 1:
        ranks = preferred  # "Preferirei la seconda opzione; in alternativa va bene anche la prima"
    if len(ranks) != 1:
        return None
    offered = users_times(quoted, ref, user_tz)
    rank = ranks.pop()
    return offered[rank] if len(offered) == 2 or (len(offered) > 2 and rank == 0) else None


# "could we make it half an hour later?", "pourrait-on décaler d'une demi-heure ?", "eine Stunde später",
# "mezz'ora dopo", "media hora más tarde", "meia hora mais tarde", "een uur later": a slot moved by an amount.
_HALF = (r"half an hour|a half hour|half hour|(?:d')?une demi-heure|media hora|eine halbe stunde|mezz'?ora|meia hora|"
         r"een half uur")
_QUARTER = (r"(?:a )?quarter of an hour|(?:d')?un quart d'heure|un cuarto de hora|eine viertelstunde|un quarto d'ora|"
            r"um quarto de hora|een kwartier")
_AN_HOUR = r"an hour|one hour|(?:d')?une heure|una hora|eine stunde|un'ora|uma hora|een uur"
_AMOUNT = (r"(?:(?P<half>" + _HALF + r")|(?P<quarter>" + _QUARTER + r")|(?P<hour>" + _AN_HOUR + r")|"
           r"(?P<minutes>\d{2}) ?(?:min(?:ute)?s?|minutos|minuti|minuten)\b)")
_LATER = r"later|plus tard|más tarde|después|später|dopo|più tardi|mais tarde|depois"
_EARLIER = r"earlier|plus tôt|antes|früher|prima|più presto|mais cedo|eerder|vroeger"
_SHIFT = regex(
    # a verb that moves the slot, later unless it says otherwise: "bump it 30 minutes", "décaler d'une demi-heure"
    r"(?P<verb>\b(?:(?:push|bump|move|slide|shift)(?: (?:it|that|this|the call|things))?(?: back)?(?: by)?|"
    r"décaler|glisser|retarder|verschieben um|spostare di|posticipare di|atrasar|retrasar|correr) )?"
    r"\b" + _AMOUNT + r"(?:\s(?:(?P<later>" + _LATER + r")|(?P<earlier>" + _EARLIER + r"))\b)?",
    re.IGNORECASE,
)


def requested_shift(body: str) -> timedelta | None:
    """How far a reply asks to move the slot it takes ("Tuesday works, but can we bump it 30 minutes?"): later
    unless it says earlier; None when it asks no such thing, or asks it twice."""
    shifts = set()
    for m in _SHIFT.finditer(body[:MAX_CHARS].replace("’", "'")):
        if not (m.group("verb") or m.group("later") or m.group("earlier")):
            continue  # an amount alone ("half an hour is plenty") moves nothing
        minutes = 30 if m.group("half") else 15 if m.group("quarter") else 60 if m.group("hour") else int(
            m.group("minutes"))
        shifts.add(timedelta(minutes=-minutes if m.group("earlier") else minutes))
    return shifts.pop() if len(shifts) == 1 else None


def users_times(quoted: str, ref: datetime, user_tz: tzinfo | None) -> list[datetime]:
    """The times of the user's own quoted message: written in the user's zone where they name none."""
    return find_times(without_headers(quoted), ref.astimezone(user_tz) if user_tz is not None else ref, user_tz).times


def without_headers(quoted: str) -> str:
    """Quoted history as it was written: without the ">" marks of quoting (a marked blank line would join two
    sentences, and a signature's hours to the user's proposal), and without its attributions and Outlook header
    lines, whose dates say when a message was sent."""
    return "\n".join(line.lstrip("> \t") for line in quoted.splitlines() if not is_history_header(line))


_MOVE_AT_MOST = timedelta(hours=2)


def moved_to(body: str, slot: datetime, ref: datetime) -> datetime:
    """The user's slot a reply picked by its day or rank, at the one clock time within two hours of it that the
    reply gives without a day ("Ihr zweiter Vorschlag passt mir, allerdings erst um Viertel nach zehn"), else the
    slot as proposed (hours further off are the sender's own: "Available 07:00-15:30", and so is the slot's own hour
    on the sender's clock: "the first one works, 8 am my time")."""
    clocks = dayless_times(body, ref.date())
    on_their_clock = slot.astimezone(ref.tzinfo).time()
    if any(clock.hour == on_their_clock.hour and clock.minute == on_their_clock.minute for clock in clocks):
        return slot
    near = {
        moved
        for clock in clocks
        if abs((moved := slot.replace(hour=clock.hour, minute=clock.minute)) - slot) <= _MOVE_AT_MOST
    }
    return near.pop() if len(near) == 1 else slot
