"""When contact is welcome again: "back on Monday, October 26", "week of November 16",
"any time from January 11 onward", "in January", "after the holidays".

A date tied to a return or restart cue wins over a month or a period ("in the new
year"); "through Friday" means the day after; dates before the message are ignored.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter

from outreach.classify.cues import lowered
from outreach.classify.dates import MONTH_PATTERN as _MONTH
from outreach.classify.dates import MONTHS, NUMBER_WORDS, find_dates, word_led
from outreach.regex_store import regex

# The word just before a date says what the date is: the return day, a first welcome day, or the
# last day away ("through Friday" means back on Saturday). Seven languages.
_CUE_KINDS = {
    "back": r"back|return(?:ing|s)?|resum(?:e|ing)|in the office|again|on or after|de nuevo el|à nouveau le|"
    r"reprends|reprendrai|me reincorporo|retomo|riprendo|"
    r"di nuovo il|"
    r"de novo n[oa]|opnieuw op|retorno|retorna|regreso|regresaré|vuelvo|volveré|"
    r"de vuelta|de regreso|voltarei|regresso|regressarei|tornerò|rientrerò|de retour|"
    r"retour|zurück|wieder|terug|opnieuw|rientro|di ritorno|de volta|volto|bereikbaar|erreichbar|joignable",
    "from": r"from|starting|beginning|once|any ?time|available(?: again)?|reachable|not before|a partir(?: del?)?|"
    r"no antes del?|pas avant le|pas avant|nicht vor dem|nicht vor|n[ãa]o antes de|non prima del?|niet voor|"
    r"à partir du|à partir de|dès le|ab dem|ab|vanaf|desde el|desde|dal|dalla|a partire dal|a partir do dia|"
    r"a partir d[oa]|da",
    # "after July 4th", "nach dem 10. Juni": the day after is the first one welcome.
    "after": r"after|após|depois d[eo]|despu[ée]s del?|nach dem|nach|dopo il|dopo|après le|après",
    "week of": r"week of|semaine du|semana del|woche vom|settimana del|week van",
    "until": r"until|till|bis zum|bis|jusqu['’]au|jusqu['’]à|hasta el|hasta|até|fino al|fino a|tot(?! en met)",
    # "through Friday", and the last day of what keeps them busy ("the conference wraps up on May 28").
    "through": r"through|thru|to|tot en met|t/m|einschließlich",
    "ends": r"(?:wraps?|winds?) up(?: on)?|ends?(?: on)?|"
    r"finish(?:es)?(?: on)?|is over(?: on)?|termina(?: el| em| a| il)?|acaba(?: el)?|se termine le|endet am|"
    r"finisce il|eindigt op",
}
_CUE = regex(
    "|".join(rf"(?P<{kind.replace(' ', '_')}>(?<!\w)(?:{words})(?!\w))" for kind, words in _CUE_KINDS.items()),
)
# A month after a period word, in the seven languages: "in June", "early July", "en junio", "im Juli",
# "à partir de juin", "begin juni", "a metà giugno", "em junho", "finales de mayo".
_BEFORE_MONTH = (
    r"in|after|from|to|early|mid-?|late|end of|beginning of|start of|(?:first|second) half of|"
    r"(?:the )?(?:first|1st) (?:week|days) of|en|a partir de|desde|until|till|hasta|bis|até|tot|"
    r"después de|principios de|"
    r"mediados de|finales de|fin de|début|mi-|fin|à partir de|après|dès|im|ab|nach|anfang|mitte|ende|em|a partir de|"
    r"depois de|início de|meados de|final de|fim de|a|da|dopo|inizio|metà|fine|a partire da|begin|half|eind|vanaf|na"
)
_PERIOD_CUE = regex(
    word_led(
        # (not "from April 23": a month with its day is a date, read by find_dates)
        r"(?<!\w)(?P<pre>" + _BEFORE_MONTH + r")(?:\s|(?<=-))(?:(?:de|di)\s|d['’])?(?P<mon>" + _MONTH + r")(?!\w)"
        r"(?!\.?\s?\d)"
        r"|\b(?P<newyear>in the new year|after the (new year|holidays)|next year|early next year)\b"
        r"|(?:\b(?:in|after|en|dans|em|tra|fra|over|in|entro|binnen|dentro de|daqui a)|\bd['’]ici)\s"
        r"(?:about\s|around\s|roughly\s|environ\s|etwa\s|cerca de\s)?"
        r"(?P<n>a|one|two|three|four|five|six|a few|a couple(?: of)?|un|una|une|um|uma|een|einem|einer|dos|deux|"
        r"zwei|dois|duas|due|twee|tres|trois|drei|três|tre|drie|ten|diez|dix|zehn|dez|dieci|tien|fifteen|quince|quinze|"
        r"vierzehn|quindici|veertien|\d{1,2})\s"
        r"(?P<unit>weeks?|months?|semanas?|mes(?:es)?|semaines?|mois|wochen|woche|monaten?|monat|m[êe]s(?:es)?|"
        r"settimane?|mes[ei]|weken|week|maanden?|days|d[íi]as|jours|tagen?|giorni|dagen)\b"
        r"(?!\s(?:or|ou|o|oder|of|ou)\s\w+\b)"  # "un mois ou deux": vague
        r"|\b(?P<quarter>next quarter|(?:in |from |starting )q(?P<q>[1-4])\b)"
        # "the week after next", "na outra semana": the Monday two weeks on
        r"|\b(?P<weekafter>(?:the )?week after next|(?:na|a) outra semana|la semana siguiente a la pr[óo]xima)\b"
        r"|\b(?P<nextunit>next (?:week|month)|(?:la semana|el mes) que (?:viene|entra)|"
        r"(?:la )?pr[óo]xim[oa] (?:semana|mes)|"
        r"(?:la semaine|le mois) prochain(?:e)?|n[äa]chste[nr]? (?:woche|monat)|(?:a|na) semana que vem|"
        r"(?:o|no) m[êe]s que vem|(?:la )?settimana prossima|(?:il )?mese prossimo|volgende (?:week|maand))\b"
    ),
)
_VAGUE = ("a few", "a couple", "a couple of")
_MID = ("mid", "second half", "mediados", "mi-", "mitte", "meados", "metà", "half")
_LATE = ("late", "end", "finales", "fin", "ende", "final", "fim", "fine", "eind")
_NUMBERS = {
    **NUMBER_WORDS,
    **dict.fromkeys(("a", "un", "einem", "einer"), 1),  # "in a month", "dans un mois", "in einem Monat"
    # "dans quinze jours", "dentro de quince días": two weeks, as the idiom means
    **dict.fromkeys(("fifteen", "quince", "quinze", "quindici", "vierzehn", "veertien"), 14),
}


def _after_cue(text: str, start: int) -> str:
    """The kind of the last cue in the sentence before ``start`` ("back", "from", ...), or ""."""
    # a sentence ends at ". " or a blank line: not inside "07.06.2027", nor at a wrapped line ("zurück am\n11.06.")
    window = re.split(r"[.?!;](?=\s)|\n\s*\n", text[max(0, start - 60) : start])[-1]
    cues = list(_CUE.finditer(window))
    kinds = [next(k for k, v in cue.groupdict().items() if v is not None).replace("_", " ") for cue in cues]
    if not kinds:
        return ""
    # "will not return until 10/26": the return is what the date names.
    return "back" if kinds[-1] == "until" and "back" in kinds else kinds[-1]


# "Monday the 26th or later", "from the 12th on", "le 3 et après": the date opens what follows.
_ONWARD = regex(r"\s?(?:or later|or after|onwards?|on\b|and after|ou plus tard|o más tarde|oder später|ou depois)")
_RANK = {"back": 0, "week of": 0, "from": 1, "after": 1, "until": 2, "through": 2, "ends": 2}
# The end of a range of days away ranks after a return day ("back on Monday 29th") and before a "from" (its start).
_RANGE_RANK = 0.5
_RANGE_END = regex(
    r"(?<![\d.:/])\d{1,2}(?:\.|er|º|°|st|nd|rd|th)?(?:\s(?:" + _MONTH + r")\.?)?\s?"
    r"(?:-|–|—|to|until|till|through|thru|au|al|a|à|bis|tot(?: en met)?|t/m|hasta|até|fino a)"
    r"\s?(?:the |el |le |dem |zum |ao |o |il |al )?$"
)


def _next_working_day(day: date) -> date:
    """The day after ``day``, or the Monday after when that falls on a weekend."""
    day += timedelta(days=1)
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def find_resume_date(text: str, today: date, *, periods: bool = True) -> date | None:
    """The first day the sender welcomes contact, or None when they name none. ``periods=False``: only a day or a
    calendar week named as such, not the start of a month or season ("busy in October" names no restart)."""
    text = text[:20_000]
    low = lowered(text)  # the cue words match lower-case text, position for position
    best: tuple[float, date] | None = None
    for mention in find_dates(text, today):
        if mention.day < today:
            continue
        if _RANGE_END.search(low, max(0, mention.start - 30), mention.start):
            # "away from 15 to 26 March", "du 15 au 26 mars", "vom 15. bis 26. März": back the next working day
            if best is None or best[0] > _RANGE_RANK:
                best = (_RANGE_RANK, _next_working_day(mention.day))
            continue
        cue = _after_cue(low, mention.start) or ("from" if _ONWARD.match(low, mention.end) else "")
        if not cue and RECONTACT.search(_sentence(low, mention.start)):
            cue = "from"  # "Tuesday week I'll have more room - hit me up then"
        if not cue:
            continue
        day = mention.day
        if cue == "through":
            day = _next_working_day(day)  # "away through Friday": back on Monday; "until Monday": back Monday
        elif cue in ("after", "ends"):
            day += timedelta(days=1)  # "after July 4th", "the conference wraps up on May 28": the day after
        elif cue == "week of":
            day -= timedelta(days=day.weekday())
        rank = _RANK[cue]
        if best is None or rank < best[0]:
            best = (rank, day)
    if best is not None:
        return best[1]
    return _calendar_week(low, today) or (_period(low, today) if periods else None)


def period_start(text: str, today: date) -> date | None:
    """The first day of the month or season ``text`` names as the restart ("in June", "early next year"): what
    :func:`find_resume_date` falls back on when no day or calendar week is named."""
    return _period(lowered(text[:20_000]), today)


# "ab KW 46", "from week 46", "à partir de la semaine 46", "vanaf week 46": an ISO week number after a word that
# opens what follows (not "in KW 14 bin ich in Singapur", the busy week)
_CALENDAR_WEEK = regex(
    r"(?:\b(?:ab|from|after|starting|vanaf|na|à partir de(?: la)?|dès(?: la)?|a partir de(?: la)?|"
    r"desde(?: la)?|dalla|dopo la|nach)\s)(?:der\s|the\s)?(?:kw|week|wk|semaine|semana|settimana|kalenderwoche)"
    r"\.?\s?(?P<week>[1-5]?\d)\b"
)


def _calendar_week(low: str, today: date) -> date | None:
    """The Monday of a calendar week named as the start of what is welcome (this year's, or next year's once it
    has passed)."""
    m = _CALENDAR_WEEK.search(low)
    if m is None:
        return None
    week = int(m.group("week"))
    for year in (today.year, today.year + 1):
        try:
            monday = date.fromisocalendar(year, week, 1)
        except ValueError:
            return None
        if monday + timedelta(days=6) >= today:
            return monday
    return None


# Asking to be written to again, by verb stem, in the seven languages.
RECONTACT = regex(
    r"\b(?:write|e-?mail (?:me|again)|ping|reach (?:back )?(?:out|me)|contact|get in touch|touch base|nudge|try me|"
    r"hit me up|give me a shout|get back to me|me d[áa] um toque|"
    r"check back|circle back|follow up|escr[íi]b|busc[ae]|ll[áa]m|relanc|recontact|revenez|revenir|r[ée][ée]cri|"
    r"[ée]cri|meld|schreib|kontaktier|procur|escrev|contat|ricontatt|riscriv|scriv|risentiamoci|stuur (?:me|mij)|"
    r"mail (?:me|mij)|neem)\w*",
)


def _sentence(text: str, pos: int) -> str:
    """The sentence around ``pos``."""
    start = max(text.rfind(c, 0, pos) for c in ".?!\n") + 1
    ends = [i for i in (text.find(c, pos) for c in ".?!\n") if i >= 0]
    return text[start : min(ends, default=len(text))]


_UNTIL_BEFORE = regex(r"(?:" + _CUE_KINDS["until"] + r")\s*(?:the\s)?$")
# "away until April" (a month after "until" opens the match itself): the month's first day, when nothing better
_UNTIL_WORD = regex(r"(?:until|till|hasta|bis|até|tot)\b.*")


def _period(text: str, today: date) -> date | None:
    # "away until the end of May, write to me in June": the month after "until" is not the restart, nor is
    # one already begun ("not in May; ask again early June").
    matches = list(_PERIOD_CUE.finditer(text))
    free = [
        m
        for m in matches
        if not (_UNTIL_BEFORE.search(text[max(0, m.start() - 12) : m.start()]) or _UNTIL_WORD.fullmatch(m.group(0)[:6]))
    ]
    # "I start a sabbatical next week ... get in touch once I'm back in August": a period in the sentence that
    # asks to be written to again comes first, then one after a return or restart word.
    free.sort(key=lambda m: (not RECONTACT.search(_sentence(text, m.start())), not _after_cue(text, m.start())))
    for m in free or matches:
        day = _period_day(m, today)
        if day is not None and (day >= today or m is (free or matches)[-1]):
            return day
    return None


def _period_day(m: re.Match[str], today: date) -> date | None:
    if m.group("mon"):
        month = MONTHS[m.group("mon").lower()]
        word = m.group("pre").lower()
        day = 15 if word.startswith(_MID) else 20 if word.startswith(_LATE) else 1
        start = date(today.year, month, day)
        return start if (start.year, start.month) >= (today.year, today.month) else date(today.year + 1, month, day)
    if m.group("quarter"):
        # "next quarter": its first day; "in Q2": the first day of that quarter, next year once it has begun
        if m.group("q"):
            month = 3 * (int(m.group("q")) - 1) + 1
            start = date(today.year, month, 1)
            return start if start > today else date(today.year + 1, month, 1)
        month = 3 * ((today.month - 1) // 3 + 1) + 1
        return date(today.year + (month > 12), (month - 1) % 12 + 1, 1)
    if m.group("newyear"):
        return date(today.year + 1, 1, 4 if "holiday" in m.group(0).lower() else 1)
    if m.group("weekafter"):
        return today + timedelta(days=14 - today.weekday())
    if m.group("nextunit"):
        if re.search(r"week|semana|semaine|woche|settimana", m.group("nextunit"), re.IGNORECASE):
            return today + timedelta(days=7 - today.weekday())
        return date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    if m.group("n").lower() in _VAGUE:
        return None  # "in a few weeks", "in a couple of months": no day to write again on
    count = _NUMBERS.get(m.group("n").lower())
    if count is None:
        count = int(m.group("n")) if m.group("n").isdigit() else 1
    if re.match(r"day|d[íi]a|jour|tag|giorn|dag", m.group("unit"), re.IGNORECASE):
        return today + timedelta(days=min(count, 730))  # "dentro de quince días", "in 10 days"
    weekly = re.match(r"week|seman|semain|woche|settiman|weken", m.group("unit"), re.IGNORECASE)
    weeks = count if weekly else count * 4
    return today + timedelta(weeks=min(weeks, 104))


# A holiday said as the end of what keeps the sender busy ("after Easter", "vor Ostern wird das nichts", "dopo
# Ognissanti", "post-Thanksgiving"): the day after it is the first one welcome. Only holidays whose date is a rule.
_HOLIDAY = regex(
    r"(?<!\w)(?:after|post-?|until|till|before|nach|vor|bis|après|avant|jusqu'à|dopo|prima di|fino a|"
    r"despu[ée]s de(?:l| la)?|antes de(?:l| la)?|hasta|depois d[aoe]|antes d[aoe]|até|na|voor|tot)\s?"
    r"(?:the\s|la\s|el\s|a\s|o\s|den\s|dem\s|de\s|het\s)?"
    r"(?:(?P<monday>easter monday|ostermontag|lundi de pâques|pasquetta|lunes de pascua|paasmaandag)"
    r"|(?P<easter>easter|pâques|paques|pascua|semana santa|ostern|pasqua|páscoa|pascoa|pasen)"
    r"|(?P<thanksgiving>(?:american |us |u\.s\. )?thanksgiving)"  # (not Canada's, in October)
    r"|(?P<saints>all saints(?:'? day)?|toussaint|ognissanti|allerheiligen|todos (?:los|os) santos)"
    r"|(?P<souls>finados|dia de finados|all souls(?:'? day)?|allerseelen|los fieles difuntos)"
    r"|(?P<epiphany>epiphany|reyes|los reyes|[ée]piphanie|heilige drei k[öo]nige|dreik[öo]nig|befana|epifania|"
    r"driekoningen)"
    r"|(?P<patrick>st\.? patrick'?s(?: day)?|paddy'?s day|patrick'?s day)"
    r"|(?P<immaculate>puente de (?:diciembre|la inmaculada|la constituci[óo]n)|immacolata|ponte dell'immacolata)"
    r"|(?P<anzac>anzac day)"
    r"|(?P<christmas>christmas|noël|navidad|weihnachten|natale|natal|kerstmis|kerst))(?!\w)"
    # (not the school holidays named for it, whose end no rule gives: "until after the Easter hols")
    r"(?!\s(?:hols|holidays?|break|vacations?|week(?:end)?|recess|term|ferien|vacances|vacaciones|vacanze|f[ée]rias|"
    r"vakantie))"
)


# (month, day) of the holidays _HOLIDAY names that fall on the same date every year
_FIXED_HOLIDAYS = {
    "saints": (11, 1), "souls": (11, 2), "anzac": (4, 25), "christmas": (12, 25), "epiphany": (1, 6),
    "patrick": (3, 17), "immaculate": (12, 8),
}


def after_holiday(text: str, today: date) -> date | None:
    """The day after a holiday said as the end of the busy time ("after Easter"), for a person's "later" that
    names no day of its own (it says when, not whether, they will talk; an automatic reply names its return
    day, and a yes "even after Easter" is no delay). Of several said with "after", the last to come: "not before
    Easter ... write again after Easter Monday" restarts after the Monday ("after the December long weekend, to
    find a slot before Christmas" after the long weekend)."""
    found = list(_HOLIDAY.finditer(lowered(text[:20_000])))
    after = [m for m in found if _AFTER_WORD.match(m.group(0))] or found[:1]
    return max((day for m in after if (day := _day_after(m, today)) is not None), default=None)


_AFTER_WORD = regex(r"after|post|nach|après|dopo|despu[ée]s|depois|na\b")


def _day_after(m: re.Match[str], today: date) -> date | None:
    """The first day after today that follows the holiday ``m`` names."""
    for year in (today.year, today.year + 1):
        if m.group("monday") or m.group("easter"):
            day = easter(year) + timedelta(days=2 if m.group("monday") else 1)
        elif m.group("thanksgiving"):
            first = date(year, 11, 1)
            day = first + timedelta(days=(3 - first.weekday()) % 7 + 21 + 1)  # the day after the fourth Thursday
        else:
            month, day_of_month = next(fixed for group, fixed in _FIXED_HOLIDAYS.items() if m.group(group))
            day = date(year, month, day_of_month) + timedelta(days=1)
        if day > today:
            return day
    return None
