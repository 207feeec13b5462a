"""Clock times written in words or short forms, put as digits before times are read.

"half past two", "las tres y media de la tarde", "um halb drei" (2:30), "om half vier" (3:30), "quatre heures
moins dix", "a quarter till 2", "1:30p", "1530hrs", "1330 Mountain": :func:`clock_words` rewrites them as "14:30",
"15:30" and so on, so :mod:`outreach.classify.times` reads one form.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from outreach.classify.dates import NUMBER_WORDS, alternation
from outreach.classify.zones import ABBREVIATIONS
from outreach.regex_store import regex

_NUMBER = alternation(NUMBER_WORDS)
_ENGLISH_NUMBER = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_DUTCH_NUMBER = "één|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf"
_HALF_FOLLOWERS = (
    r"irish|uk|british|london|dublin|gmt|bst|ist|your|my|our|on|in|at|tomorrow|today|tonight|this|next|then|works?|"
    r"suits?|would|could|is|if|or|and|please|ok|okay|the|that|for|here|there|me|you"
)
# Clock times written in words, turned into digits before reading: "half past two", "two thirty", "las tres y
# media de la tarde", "alle 15 e trenta", "um halb drei" (2:30), "om half vier" (3:30), "Viertel nach 4".
# Hours past noon in words, as formal writers put them ("quinze heures trente", "vierzehn Uhr", "alle quindici e
# trenta", "a las dieciséis y media", "às quinze e meia")
HOURS_PAST_NOON = {
    **dict.fromkeys(("treize", "dreizehn", "dertien", "tredici", "trece", "treze"), 13),
    **dict.fromkeys(("quatorze", "vierzehn", "veertien", "quattordici", "catorce", "catorze"), 14),
    **dict.fromkeys(("quinze", "fünfzehn", "vijftien", "quindici", "quince"), 15),
    **dict.fromkeys(("seize", "sechzehn", "zestien", "sedici", "dieciséis", "dezasseis", "dezesseis"), 16),
    **dict.fromkeys(("dix-sept", "siebzehn", "zeventien", "diciassette", "diecisiete", "dezassete", "dezessete"), 17),
    **dict.fromkeys(("dix-huit", "achtzehn", "achttien", "diciotto", "dieciocho", "dezoito"), 18),
    **dict.fromkeys(("dix-neuf", "neunzehn", "negentien", "diciannove", "diecinueve", "dezanove", "dezenove"), 19),
    **dict.fromkeys(("vingt", "zwanzig", "twintig", "venti", "veinte", "vinte"), 20),
}
_HOUR = alternation([*HOURS_PAST_NOON, *NUMBER_WORDS])
_WORD_TIMES = [
    (regex(r"\b(" + _HOUR + r"|\d{1,2}) heures? trente\b", re.I), lambda h: (h, 30)),
    (regex(r"\b(" + _HOUR + r"|\d{1,2}) heures? quinze\b", re.I), lambda h: (h, 15)),
    (regex(r"\b(" + _HOUR + r"|\d{1,2}) heures? quarante-cinq\b", re.I), lambda h: (h, 45)),
    (regex(r"\b(?:um )?(" + _HOUR + r") uhr dreißig\b", re.I), lambda h: (h, 30)),
    (regex(r"\b(?:um )?(" + _HOUR + r") uhr\b", re.I), lambda h: (h, 0)),
    (regex(r"\bom (" + _HOUR + r") uur\b", re.I), lambda h: (h, 0)),
    (regex(r"\ba las (" + _HOUR + r"|\d{1,2}) menos cuarto\b", re.I), lambda h: (h - 1, 45)),
    (regex(r"\bhalf past (" + _NUMBER + r"|\d{1,2})\b", re.I), lambda h: (h, 30)),
    (regex(r"\bquarter past (" + _NUMBER + r"|\d{1,2})\b", re.I), lambda h: (h, 15)),
    (regex(r"\bquarter (?:to|till|til|of) (" + _NUMBER + r"|\d{1,2})\b", re.I), lambda h: (h - 1, 45)),
    (regex(r"\b(" + _NUMBER + r") thirty\b", re.I), lambda h: (h, 30)),
    (regex(r"\b(?:um |om )?halb (" + _NUMBER + r"|\d{1,2})\b", re.I), lambda h: (h - 1, 30)),
    # Dutch "half vier" is half an hour before four; British "half two" is half past two
    (regex(r"\b(?:om )?half (" + _DUTCH_NUMBER + r")\b|\bom half (\d{1,2})\b", re.I), lambda h: (h - 1, 30)),
    (regex(r"\bhalf (" + _ENGLISH_NUMBER + r")\b(?! past)", re.I), lambda h: (h, 30)),
    # British and Irish "half 2" in digits (Dutch writes "om half 3" for 2:30, so not after "om" or "het")
    (regex(r"(?<!\bom )(?<!\bhet )\bhalf (\d{1,2})(?=\s(?:" + _HALF_FOLLOWERS + r")\b|\s?[?!.,)]|\s*$)", re.I),
     lambda h: (h, 30)),
    (regex(r"\b(?:viertel nach|kwart over) (" + _NUMBER + r"|\d{1,2})\b", re.I), lambda h: (h, 15)),
    # German and Dutch minutes before and after the hour: "zehn nach drei" (3:10), "zehn vor vier" (3:50), "tien
    # voor vier" (3:50), "tien over vier" (4:10)
    (regex(r"\b(?P<after>zehn|f[üu]nf|zwanzig) nach (" + _NUMBER + r"|\d{1,2})\b", re.I), lambda h: (h, 0)),
    (regex(r"\b(?P<before>zehn) vor (" + _NUMBER + r"|\d{1,2})\b", re.I), lambda h: (h, 0)),
    (regex(r"\b(?P<before>tien|vijf|twintig) voor (" + _NUMBER + r"|\d{1,2})\b", re.I), lambda h: (h, 0)),
    (regex(r"\b(?P<after>tien|vijf|twintig) over (" + _NUMBER + r"|\d{1,2})\b(?! half)", re.I), lambda h: (h, 0)),
    (regex(r"\b(?:viertel vor|kwart voor) (" + _NUMBER + r"|\d{1,2})\b", re.I), lambda h: (h - 1, 45)),
    # Austrian and East German: "dreiviertel vier" is 3:45 (and "um viertel vier" 3:15)
    (regex(r"\bdreiviertel (" + _NUMBER + r"|\d{1,2})\b", re.I), lambda h: (h - 1, 45)),
    (regex(r"\bum viertel (" + _NUMBER + r"|\d{1,2})\b", re.I), lambda h: (h - 1, 15)),
    (regex(r"\ba las (" + _HOUR + r"|\d{1,2}) y media\b", re.I), lambda h: (h, 30)),
    (regex(r"\ba las (" + _HOUR + r"|\d{1,2}) y cuarto\b", re.I), lambda h: (h, 15)),
    (regex(r"\b(?:alle |ore )(" + _HOUR + r"|\d{1,2}) e (?:trenta|mezza|mezzo)\b", re.I), lambda h: (h, 30)),
    (regex(r"\b(?:alle |ore )(" + _HOUR + r"|\d{1,2}) meno (?:un )?quarto\b", re.I), lambda h: (h - 1, 45)),
    (regex(r"\b(?:alle |ore |às )(" + _HOUR + r"|\d{1,2}) e (?:un |um )?quarto\b", re.I), lambda h: (h, 15)),
    (regex(r"\b(" + _NUMBER + r"|\d{1,2}) ?h(?:eures?)? et demie\b", re.I), lambda h: (h, 30)),
    (regex(r"\b(" + _HOUR + r"|\d{1,2}) ?h(?:eures?)? et quart\b", re.I), lambda h: (h, 15)),
    (regex(r"\b(" + _HOUR + r"|\d{1,2}) ?h(?:eures?)? moins (?:le )?quart\b", re.I), lambda h: (h - 1, 45)),
    # minutes before or after the hour: "à quatre heures moins dix", "a las doce menos diez", "alle cinque meno
    # venti", "à quatre heures dix", "a las once y veinte", "alle tre e dieci"
    (regex(r"\b(" + _HOUR + r"|\d{1,2}) ?h(?:eures?)? moins (?P<before>vingt-cinq|cinq|dix|vingt)\b", re.I),
     lambda h: (h, 0)),
    (regex(r"\ba las (" + _HOUR + r"|\d{1,2}) menos (?P<before>cinco|diez|veinte|veinticinco)\b", re.I),
     lambda h: (h, 0)),
    (regex(r"\b(?:alle |ore )(" + _HOUR + r"|\d{1,2}) meno (?P<before>cinque|dieci|venti|venticinque)\b", re.I),
     lambda h: (h, 0)),
    (regex(r"\b(" + _HOUR + r") heures? (?P<after>vingt-cinq|cinq|dix|vingt)\b", re.I), lambda h: (h, 0)),
    (regex(r"\ba las (" + _HOUR + r"|\d{1,2}) y (?P<after>cinco|diez|veinte|veinticinco)\b", re.I), lambda h: (h, 0)),
    (regex(r"\b(?:alle |ore )(" + _HOUR + r"|\d{1,2}) e (?P<after>cinque|dieci|venti|venticinque)\b", re.I),
     lambda h: (h, 0)),
    # (not the minutes of "15 h 30 heure italienne")
    # (not a length of time: "cinq heures de décalage", "deux heures plus tard", "trois heures d'avion")
    (regex(r"(?<!\dh )(?<!\d h )\b(" + _HOUR + r"|\d{1,2}) heures?\b(?! et)"
           r"(?!\s(?:de (?:décalage|différence|vol|route|train|trajet|plus|moins)|d['’](?:écart|avance|retard|avion)|"
           r"plus (?:tard|tôt)|avant|après))", re.I), lambda h: (h, 0)),
    (regex(r"\b(?:às )?(" + _HOUR + r"|\d{1,2}) e meia\b", re.I), lambda h: (h, 30)),
    # "a las tres", "a eso de las tres", "hacia las tres" (not "ninguna de las dos opciones")
    (regex(r"\b(?:a|a eso de|hacia|sobre|tipo) las (" + _HOUR + r")\b(?! y)", re.I), lambda h: (h, 0)),
    (regex(r"\bàs (" + _HOUR + r")\b(?! e)", re.I), lambda h: (h, 0)),  # "às duas da tarde"
    (regex(r"\balle (" + _HOUR + r")\b(?! e)", re.I), lambda h: (h, 0)),  # "alle tre"
    (regex(r"\b(" + _NUMBER + r") o['’]clock\b", re.I), lambda h: (h, 0)),
]
_MINUTE_WORDS = {
    **dict.fromkeys(("cinq", "cinco", "cinque", "vijf", "fünf", "funf"), 5),
    **dict.fromkeys(("dix", "diez", "dieci", "tien", "zehn"), 10),
    **dict.fromkeys(("vingt", "veinte", "venti", "twintig", "zwanzig"), 20),
    **dict.fromkeys(("vingt-cinq", "veinticinco", "venticinque"), 25),
}
_AFTERNOON_AFTER = regex(
    r"\s*(?:de la tarde|de la noche|da tarde|da noite|di pomeriggio|del pomeriggio|in the afternoon|in the evening|"
    r"pm|p\.m\.|nachmittags|abends|'s middags|'s avonds)",
    re.I,
)
_LEAD = regex(r"^(?:a las|a eso de las|hacia las|sobre las|tipo las|alle|ore|às|um|om)\s", re.I)


_WORD_TIME_HINT = regex(
    r"\b(?:half|halb|quarter|quarto|viertel|kwart|quart|thirty|las|alle|ore|heures?|meia|demie|o['’]clock|às|uhr|uur|"
    r"zehn|f[üu]nf|zwanzig|moins|menos|meno|voor|dreiviertel)\b"
    r"|\d{4} ?(?:hrs|hours|h)\b",
    re.I,
)
# "1530hrs", "0900 h": a 24-hour time written without its colon
_MILITARY = regex(r"\b([01]\d|2[0-3])([0-5]\d) ?(?:hrs|hours|h)\b", re.I)
# the same after "at" or before a zone: "at 1530", "Thursday 1530 my time", "0930 ET" (not a year: "in 2030")
_MILITARY_PLACED = regex(
    r"(?:(?<=\bat )|(?<=@ ))([01]\d|2[0-3])([0-5]\d)\b(?![.,:/-]?\d)"
    r"|\b([01]\d|2[0-3])([0-5]\d)(?=\s(?:(?i:my|your|our|local)\s(?i:time)|(?i:eastern|central|mountain|pacific)\b"
    r"|[A-Z][a-z]+\s(?i:time)\b"  # "1430 Darwin time"
    r"|(?:" + alternation(ABBREVIATIONS) + r")\b))"
)
# "1:30p", "10:30a", "9a": the American short forms of pm and am, written against the time
_SHORT_MERIDIEM_HINT = regex(r"\d[ap]\b", re.IGNORECASE)
# (a bare hour only after "at", "or" or "and": not "Room 4a")
_SHORT_MERIDIEM = regex(
    r"(?:(?<![\d:/.$£€,])(\d{1,2}:[0-5]\d)|(?:(?<=\bat )|(?<=@)|(?<=@ )|(?<=\bor )|(?<=\band ))(\d{1,2}))"
    r"([ap])(?![\w'])",
    re.IGNORECASE,
)


def clock_words(text: str) -> str:
    """``text`` with clock times written in words put as digits ("las tres y media de la tarde" -> "las 15:30"), and
    American short forms spelled out ("1:30p" -> "1:30pm")."""
    text = _MILITARY_PLACED.sub(lambda m: f"{m.group(1) or m.group(3)}:{m.group(2) or m.group(4)}", text)
    if _SHORT_MERIDIEM_HINT.search(text):
        text = _SHORT_MERIDIEM.sub(lambda m: f"{m.group(1) or m.group(2)}{m.group(3)}m", text)
    if not _WORD_TIME_HINT.search(text):
        return text  # most replies write their times in digits: spare the fourteen patterns below
    text = _MILITARY.sub(r"\1:\2", text)
    for pattern, value in _WORD_TIMES:

        def digits(m: re.Match[str], value: Callable[[int], tuple[int, int]] = value) -> str:
            minute_groups = {index for name, index in m.re.groupindex.items() if name in ("before", "after")}
            word = next(g for i, g in enumerate(m.groups(), 1) if g and i not in minute_groups).lower()
            number = int(word) if word.isdigit() else NUMBER_WORDS.get(word) or HOURS_PAST_NOON[word]
            hour, minute = value(number)
            if before := m.groupdict().get("before"):
                hour, minute = number - 1, 60 - _MINUTE_WORDS[before.lower()]
            elif after := m.groupdict().get("after"):
                hour, minute = number, _MINUTE_WORDS[after.lower()]
            hour = hour or 12
            if hour < 12 and _AFTERNOON_AFTER.match(m.string, m.end()):
                hour += 12
            lead = _LEAD.match(m.group(0))
            return f"{lead.group(0) if lead else ''}{hour}:{minute:02d}"

        text = pattern.sub(digits, text)
    return text
