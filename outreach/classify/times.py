"""Meeting times the sender proposes, resolved to aware datetimes.

A time counts only when a date sits in the same clause (or the sentence before,
when that one named a date and no time), it is not in a clause that turns it
down ("I'm tied up tomorrow afternoon"), and it is not a conversion of a time
already given ("..., which should be 10:00 AM in Chicago"). Its zone is the one
written after it, else a zone named elsewhere in the message ("all Pacific
time"), else the Date header's offset; "your time" is the user's zone.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import cache

from outreach.classify.clockwords import clock_words
from outreach.classify.dates import (
    DATE_RE,
    MONTH_PATTERN,
    WEEKDAYS,
    DateMention,
    alternation,
    find_dates,
    word_led,
)
from outreach.classify.quotes import STAMP_LINE
from outreach.classify.zones import ABBREVIATIONS, PLACES, TWO_PLACES, one_of_two_places, zone
from outreach.regex_store import regex

logger = logging.getLogger(__name__)

MAX_CHARS = 20_000
MAX_CLAUSES = 300
MAX_PER_CLAUSE = 20
# 2pm, 14:30, 14.30 Uhr, 14h30, 15 h 30, 16 Uhr, 9:00 a. m., ranges "2-4pm", "16:00–16:30 Uhr".
TIME_RE = regex(
    word_led(
        r"(?<![\d:/.$£€,])(?P<h>[012]?\d)"
        r"(?:(?::|\.(?=\d\d\s?(?:uhr|uur|h\b|hrs\b|[ap]\.?\s?m\b))|\s?h\s?|u(?=[0-5]\d))(?P<m>[0-5]\d)|(?P<hh>\s?h|u)\b)?"
        r"(?:(?:\s?(?:-|–|—|to|until|bis|tot)\s?|(?:(?<=h)|(?<=[:.]\d\d))\s(?:à|a|al|alle|às)\s)"
        r"(?P<h2>[012]?\d)(?:(?::|\.|\s?h\s?)(?P<m2>[0-5]\d))?(?:\s?h\b)?)?"
        r"(?:\s?(?P<ap>[ap])\.?\s?m\b\.?|\s?(?P<uhr>uhr|uur|horas|hrs|hs|o'clock|o’clock)(?!\w))?"
        r"(?![\d/])",
        r"\d",
    ),
    re.IGNORECASE,
)
# "at 3", "a las 12", "alle 15", "um 18", "om 16", "às 11", "à 19", "ore 18.00": an hour after these words.
_AT = regex(
    r"(?:\bat|@|\blas|\balle|\balle ore|\bore|\bum|\bom|\bàs|\bà|\bas|\bbetween|\bentre|\bzwischen|\btra|\btussen"
    r"|\bsay|\bsagen wir|\bdisons|\bdigamos|\bdiciamo|\bzeg maar)\s?$",  # "Thursday afternoon, say 2?"
    re.IGNORECASE,
)
# "could we push it to 11 instead of 10?", "can we make it 3?": a bare number the slot is moved to
_MOVED_TO = regex(
    r"\b(?:push|move|shift|bump|nudge|slide|change|switch|pull|make)\s(?:it|that|this|things|the call)"
    r"(?:\s(?:back|forward|up|over|later|earlier))?(?:\sto)?\s?$",
    re.IGNORECASE,
)
# "between 2 and 4pm", "entre 10 y 12 h": a range whose start is the time
_BETWEEN = regex(r"\b(?:between|entre|zwischen|tra|fra|tussen)\s?$", re.IGNORECASE)
_AND = regex(r"\s(?:and|y|et|und|e|en)\s", re.IGNORECASE)
# The negations and hour prepositions of "not at 3" / "nicht um 15 Uhr", shared by the two patterns below.
_NEGATION = r"\b(?:not|n't|nicht|pas|no|non|niet)"
_AT_HOUR = r"(?:at|before|um|à|a las|alle|om|às)"
# Before or after one of the sender's own engagements ("before my 9:30 stand-up", "nach meinem 14-Uhr-Termin").
_OWN_ENGAGEMENT = regex(
    r"\b(?:(?:before|after|until|till|til) (?:my|our)|(?:avant|après) (?:mon|ma|notre)|(?:antes|después) de mi"
    r"|(?:antes|depois) d[oa] (?:meu|minha)|(?:vor|nach) (?:meinem|meiner|unserem|unserer)"
    r"|(?:prima|dopo) (?:del mio|della mia|il mio|la mia)|(?:voor|na) (?:mijn|ons|onze)"
    # or the end of what keeps them busy ("investor stuff til 2:30", "in prep until about 1:25", "sitze ich bis kurz
    # vor halb vier im Jour fixe"; not "disponible jusqu'à 15h", which may be the time)
    r"|(?:until|till|til) (?:about|around)?|bis (?:kurz )?vor|(?<!van )(?<!\d )tot (?:ongeveer )?"
    # or comes out of: "je sors d'une réunion à midi", "I get out of a meeting at 2", "salgo de una reunión a las 5"
    r"|\b(?:sors|sortirai|sort|salgo|saldr[ée]|saio|esco|uscir[òo]|get out|come out|finish)\s(?:d['’]|de|da|of)\s?"
    r"(?:une?|una|uma|a|my|the|mon|ma|mi|il|la)\s(?:\w+\s)?(?:réunion|rendez-vous|cours|comité|conseil|séance|"
    r"reuni[óo]n|reuni[ãa]o|"
    r"riunione|meeting|call|class|lecture|clase|aula|lezione)\s(?:\w+\s)?"
    r"(?:à|vers|at|around|a las|às|alle|verso le)\s?"
    # or when they must leave: "je dois partir vers 11h30", "I have to leave at 4", "tengo que salir a las 12"
    r"|\b(?:partir|quitter|leave|head out|head off|salir|irme|sair|uscire|andare via|vertrekken|weggaan)\s"
    r"(?:\w+\s)?(?:vers|à|at|around|by|gegen|a las|sobre las|às|pelas|alle|verso le|om|rond)\s?)\s?$",
    re.IGNORECASE,
)
# The hour a reply turns down or replaces: "just not at 3", "rather than 5", "à midi plutôt qu'à 17h", "at 11:00
# instead of 10:00", "a las 11:00 en vez de las 10:00", "plutôt à 15h30 qu'à 15h" (not "jusqu'à 15h").
_NOT_AT = regex(
    rf"(?:{_NEGATION}\s{_AT_HOUR}|\b(?:than|instead of|mejor que|más que|en vez de|en lugar de|plutôt que|"
    rf"au lieu de|statt|anstatt|invece (?:che|di|delle|della)|anziché|em vez de|em vez das?|em lugar de|"
    rf"in plaats van)(?:\s(?:{_AT_HOUR}|the|las?|los|a|as|le|ore|die))?"
    rf"|(?<!jus)qu['’]à"
    # "at 13:00 for you, not 14:00", "a partir das 16h45 (e não 16h30)"
    rf"|[,;(]\s?(?:(?:and|e|et|y|und|en)\s)?(?:not|nicht|non|niet|pas|não|no))\s?$",
    re.IGNORECASE,
)
# A public session's time ("our open webinar ... on Wednesday 20 April at 12:30, sign up here"): no proposal.
_EVENT = regex(
    r"\b(?:webinar|info(?:rmation)? session|open session|sign up|signup|register|registration|rsvp)\b", re.I
)
# What a preferred hour is set against: "liever om half tien dan om negen uur", "lieber um 10 als um 9"
# Words that prefer one thing to another, in the seven languages (_COMPARED adds the comparatives "better", "more").
_PREFERRED = r"rather|mejor|plutôt|lieber|liever|meglio|melhor"
_RATHER_THAN = regex(
    r"\b(?:" + _PREFERRED + r")\b[^.!?\n]{0,40}\s(?:dan|als|than)\s"
    r"(?:om |um |at |à |a las |alle |às )?$",
    re.IGNORECASE,
)
# The end of a free spell ("free until 11", "livre até às 11h", "libre hasta las 11", "frei bis 11 Uhr").
_FREE_UNTIL = regex(
    r"\b(?:free|clear|open|livre|libre|frei|liber[oa]|vrij|disponible|disponível|disponibile|beschikbaar)\b"
    r"[^.!?\d]{0,12}(?:until|till|til|up to|até(?: [àa]s| a)?|hasta(?: las?)?|jusqu'à|bis|fino alle|tot)\s?$",
    re.IGNORECASE,
)
# An hour turned down ("nicht um 15 Uhr", "just not at 3"), which _find_times leaves out.
_REFUSED_HOUR = regex(rf"{_NEGATION}\s(?:{_AT_HOUR}\s?)?\d", re.IGNORECASE)  # ("Wed ok but not 9")
_DOTTED_AFTER_AT = regex(r"(?P<h>[012]?\d)\.(?P<m>[0-5]\d)(?!\d)")
_URL = regex(r"(?:https?://|www\.)\S{1,2000}|[^\s@]{1,64}@\S{1,255}", re.IGNORECASE)
_PAST_NOON = regex(
    r"(?:after|before|until|till|después del?|antes del?|hasta el|après|avant|jusqu'à|dopo il|dopo|prima di|"
    r"fino a|depois do|antes do|até ao|até o)\s?$",
    re.IGNORECASE,
)
# Noon, and half or a quarter past it ("midi et demi", "mediodía y cuarto", "meio-dia e meia", "mezzogiorno e mezzo")
_NOON = regex(
    r"\b(?:noon|midday|(?<!après-)(?<!apres-)midi|mediod[íi]a|meio-dia|mezzogiorno)"  # ("après-midi": afternoon)
    r"(?:\s(?:et|y|e)\s(?:(?P<half>demie?|media|meia|mezzo|mezza)|(?P<quarter>quart|cuarto|(?:un |um )?quarto))"
    r"|\s(?P<to>moins le quart|menos cuarto|meno (?:un )?quarto|menos (?:um )?quarto))?"  # "midi moins le quart"
    r"(?:-?ish)?\b",
    re.IGNORECASE,
)
_ABBR = alternation(a for a in ABBREVIATIONS if len(a) > 1)
_PLACE = alternation(PLACES)
_TIME_WORD = r"(?i:time|zeit|tijd)"
# "hora del Este", "hora do Leste": the east (of North America) only after an hour word ("en este" is "in this"),
# and so the other regions' names in Spanish, Portuguese and French ("hora del Pacífico", "heure du Centre").
_REGION_WORDS = {
    **dict.fromkeys(("pacífico", "pacifico", "pacifique"), "pacific"),
    **dict.fromkeys(("centro", "centre"), "central"),
    **dict.fromkeys(("montaña", "montana", "montanha", "rocheuses"), "mountain"),
    **dict.fromkeys(("atlántico", "atlantico", "atlantique"), "atlantic"),
    **dict.fromkeys(("este", "leste", "est"), "eastern"),
}
# "How about 10 Pacific on Thursday?", "Thursday 2ish": a bare number a North American region or "ish" follows
_ZONE_AFTER_BARE = regex(r"ish\b|\s(?i:pacific|eastern|central|mountain|atlantic)\b")
_HOUR_WORD = r"(?i:heure|hora|horário|horario|ora|fuso)"
ZONE_RE = regex(
    word_led(
        r"(?P<off>\b(?:UTC|GMT)\s?[+-]\s?\d{1,2}(?::?\d{2})?)"
        r"|(?P<abbr>\b(?:" + _ABBR + r")\b)"
        r"|(?P<mine>\b(?i:my|our)\s(?i:local\s)?(?i:time|side|end)\b|\b(?i:mine|here)\b"
        r"|\b(?i:unserer|meiner) (?i:zeit)\b"
        r"|\b(?i:mi|nuestra|ma|mon|notre|minha|nossa|mia|nostra|mijn|onze) (?i:hora|heure|ora|tijd)\b"
        r"|\b(?i:hora|heure|ora|ortszeit) (?i:local|locale)\b|\b(?i:chez moi|bei mir|da me|bij mij)\b"
        r"|\b(?i:chez nous|bei uns|da noi|bij ons|aquí|aqui)\b)"
        r"|(?P<yours>\b(?i:your|yr|ur)\s(?i:local\s)?(?i:time|side|end)\b|\b(?i:for you)\b"
        r"|\b(?i:(?:slot|time|one|option|suggestion)s? of yours)\b"  # "That Thursday 2:00 slot of yours works"
        r"|\b(?i:pour vous|pour toi|para ti|para usted|para você|para vc|pra você|pra vc|para si|per te|per lei"
        r"|voor jou|voor u|bei ihnen|vuestra hora|vuestro horario"
        r"|bei dir|ihrer zeit|deiner zeit|votre heure|ton heure|tu hora|su hora|tu horario|su horario|sua hora|"
        r"seu horário|teu horário|tua ora|vostra ora|tuo orario|suo orario|jouw tijd|uw tijd|je tijd|chez vous|"
        r"chez toi|ora vostra|ora sua|ora tua|hora vuestra|hora tuya|hora suya|hora sua|hora tua|vostro orario|"
        r"da lei|da te|"
        # said to more than one ("15h de vocês", "a las 10 para ustedes", "um 10 Uhr bei euch", "om 10 uur voor jullie")
        r"(?:para|pra|de) (?:vocês|voces|vcs)|(?:para|de) (?:ustedes|vosotros)|(?:für|bei) euch|eurer zeit|"
        r"voor jullie|jullie tijd|per voi|da voi)\b"
        # after the hour: "alle 10 sue", "las 17:00 tuyas", "às 10h suas"
        # (lower case only, and not "tue": "Sue", "Tue" are a name and a weekday)
        r"|\b(?:sue|vostre|tuyas|suyas|vuestras|tuas|suas)\b)"
        # A place with "time" after it ("London time"), an hour word before it ("hora de Brasília") or "in" ("in
        # London"): the place list is long, so it is written once and the conditionals require one of the three.
        r"|(?:(?P<local>\b" + _HOUR_WORD + r"\s(?i:(?:de|di|del|do|da|du|des|d['’])\s?)?(?i:(?:la|el|l['’])\s?)?)"
        r"|(?P<inplace>\b(?i:in|en|em|a|à|de|do|da|di)\s))?"
        r"\b(?P<pl>(?i:" + _PLACE + r")|(?(local)(?i:" + alternation(_REGION_WORDS) + r")|(?!)))\b"
        r"(?P<place>(?:\s(?i:standard|daylight))?\s" + _TIME_WORD + r"\b)?(?(local)|(?(inplace)|(?(place)|(?!))))"
        r"|(?P<region>\b(?i:pacific|eastern|central|mountain|atlantic)\b)"
    ),
)
_CLAUSE_SPLIT = regex(
    # sentence ends (not "a.m. Tuesday", nor a German day "17. Mai")
    r"(?<=[.!?;])(?<![AaPp]\.[Mm]\.)(?<![AaPp]\.\s[Mm]\.)\s+(?=[A-Z\"'(•*-])(?!(?<=\d\.\s)" + MONTH_PATTERN + r"\b)"
    r"|(?<=[!?])\s+(?=\d)"  # "... work? 1pm Sydney is when our meeting ends"
    r"|(?<=[^\W\d]\.)(?<![AaPp]\.[Mm]\.)\s+(?=\d{1,2}(?::\d\d|\s?[ap]\.?m\b))"  # "... at 3:00 pm CT. 1:00 is taken"
    r"|(?<=;)\s+|\n\s*\n"
    r"|\n(?=\s*(?:[-*•·◦‣–]|\d+[.)])\s)"  # list items
    r"|,?\s+\b(?:but|however|though)\b\s+|,\s+so\b\s+"  # not "just so we don't ..."
    r"|,\s+(?:aber|ma|maar)\s+|,?\s+(?:mas|pero|mais)\s+"  # "segunda não rola mas pode ser terça às 10h"
    # ("aber", "ma" and "maar" also mean "really" or "only": they split a clause only after a comma)
    r"|,?\s+(?=¿)"  # "El viernes no puedo, ¿te viene bien el martes 27 a las 11?"
)
_SAME_DAY = regex(
    r"\b(?:(?:the )?same day|that same day|le même jour|el mismo d[íi]a|no mesmo dia|lo stesso giorno|"
    r"am selben tag|am gleichen tag|dezelfde dag)\b",
    re.IGNORECASE,
)
# A time offered in reserve, should the one agreed fall through.
_FALLBACK = regex(
    r"\b(?:back-?up|fall-?back|plan b|in reserve|de repli|en secours|ausweich\w*|reservetermin|als reserve|"
    r"de respaldo|de reserva|di riserva|di ripiego|come ripiego|uitwijk\w*|"
    r"at a push|at a pinch|if need be|if necessary|if really needed|notfalls|im notfall|zur not|si besoin|"
    r"en dernier recours|si hace falta|si es necesario|se necessario|se preciso|se for preciso|desnoods|zo nodig)\b",
    re.IGNORECASE,
)
_NEGATIVE = regex(
    word_led(
        r"\b(?:can't|cannot|can not|won't|wont|unable|not available|unavailable|"
        r"(?:doesn't|does not|don't|won't) (?:quite |really )?work|tied up|busy|booked|packed|"
        r"(?:'s|\bis) a no|(?:'s|\bis|'m|\bam) out\b(?! of)|no good|no-go|no to\b(?!-)|"
        r"already have|j'ai déjà|ya tengo|j[áa] tenho|ho già|habe ich schon|heb ik al|"
        r"(?:geht|passt|klappt) (?:\w+ )?nicht|no (?:me )?(?:va|viene|sirve)|ne (?:me )?(?:va|convient|marche) pas|"
        r"(?:have|got) (?:a|another) (?:meeting|call)|tengo (?:una|otra) reuni[óo]n|"
        r"j'ai (?:une|une autre) réunion|tenho (?:uma|outra) reuni[ãa]o|heb ik een (?:afspraak|vergadering)|"
        # "alle 11 ho una commissione di laurea", "tengo clase", "j'ai un rendez-vous", "tenho um compromisso"
        r"ho (?:un|una|un'|un altro|un'altra) ?(?:riunione|impegno|commissione|lezione|esame|appuntamento|call)|"
        r"tengo (?:un|una|otro|otra)? ?(?:compromiso|clase|cita|junta|llamada)|"
        r"j'ai (?:un|une|un autre|une autre) (?:rendez-vous|rdv|cours|engagement|appel)|"
        r"tenho (?:um|uma|outro|outra) (?:compromisso|aula|consulta|call)|"
        # a standing engagement at that hour: "I have our weekly vessel meeting then", "a standing 12 Eastern", "om
        # 10 uur heb ik standaard ons weekoverleg", "salgo justo de la reunión semanal"
        r"(?:have|got) (?:my|our) (?:\w+ ){0,2}(?:meeting|stand-?up|sync)|(?:a|my|our) standing|hard stop|harde stop|"
        r"(?:have|got) (?:a|an|another) (?:\w+ )?(?:huddle|stand-?up|sync|appointment|class|lecture|workshop|training)|"
        r"clash(?:es)?\b|se me cruza|se cruza|überschneid\w*|chevauche|"
        r"(?:'s|\bis|\bare) (?:already )?taken|lassen (?:wir )?(?:\w+ )?weg|"
        r"heb ik (?:\w+ ){0,2}(?:ons|mijn|de) (?:\w+ )?(?:\w*overleg|vergadering|dagstart)|"
        r"hab(?:e)? ich (?:\w+ ){0,2}(?:unsere?n?|meine?n?|den|die|das|einen?|ein) (?:\w+ )?"
        r"(?:\w*besprechung|jour fixe|meeting|weekly|daily|standup|stand-up|call|termin)|"
        r"reuni[óo]n semanal|riunione settimanale|réunion hebdomadaire|reuni[ãa]o semanal|"
        r"non (?:mi )?va|n[ãa]o (?:me )?(?:d[áa]|serve|funciona|rola)|no me cuadra|(?:gaat|past) (?:\w+ )?niet|"
        r"out of (?:the )?office|travell?ing|(?<!get )(?<!getting )away|"  # (not "if you can get away")
        r"not free|tough|(?:a bit|too|rather|quite) tight|missed|off that day|on leave|on shift|on call|in surgery|"
        r"(?:bank|public|national) holiday|feriado|festivo|férié|feiertag|feestdag|"
        r"in (?:clinic|the lab|class|court)|"
        # what would have suited, had things been otherwise: "Your Tuesday noon would have been perfect too"
        r"would(?:'ve| have) been|aurait été|habr[íi]a sido|hubiera sido|teria sido|sarebbe stat[oa]|"
        r"w[äa]re (?:\w+ )?gewesen|zou (?:\w+ )?geweest|"
        # commuting at that hour: "quarta 17h eu tô no trânsito", "at 5 I'm stuck in traffic", "um 17 Uhr im Stau"
        r"(?:no|in|en el|im|dans les|nel|in de) (?:trânsito|tr[áa]fico|traffic|stau|bouchons|traffico|file)\b|"
        r"conflict(?:s|ing)?|(?:meetings?|calls?|day) (?:finish|end)(?:es|s)?|a mess|"
        # an engagement of the sender's at that hour: "9:30 on Tuesday is my team's sprint review"
        r"(?:'s|\bis) (?:my|our) (?:[\w-]+(?:'s)? ){0,3}(?:meeting|review|stand-?up|sync|retro|demo|planning|"
        r"class|lecture|seminar|clinic|rounds|shift|check-in|all-hands|1:1|one-on-one)s?|"
        # too little room around it: "half twaalf is krap", "c'est un peu juste", "etwas knapp", "muy justo"
        r"krap|(?:un peu|trop|bien|assez) juste|(?:muy|un poco|demasiado|algo) (?:justo|apretado)|"
        r"(?:zu|etwas|recht|sehr|ziemlich) (?:knapp|eng)|(?:un po'?|troppo|molto) (?:strett[oa]|tirat[oa])|"
        r"(?:muito|um pouco|meio|bem) apertad[oa]|"
        r"imposible|impossible|impossível|unmöglich|impossibile|onmogelijk|ocupad[oa]|occupée?|besetzt|impegnat[oa]|"
        r"bezet|vorbei|ausgebucht|complet|no puedo|ne peux pas|kann ich nicht|non posso|não posso|kan ik niet|"
        r"no voy a poder|no podr[ée]|ne pourrai pas|n[ãa]o vou (?:poder|conseguir)|n[ãa]o consigo|non riesco|"
        r"non potr[òo]|"
        r"lukt (?:me |mij )?(?:helaas |jammer genoeg |toch )?niet|red (?:ik )?(?:\w+ )?niet|haal ik (?:\w+ )?niet)\b",
        r"[\w']",  # ("Tuesday's a no")
    ),
    re.IGNORECASE,
)


# "if that's a no-go then Tuesday the 2nd at 11 works too": a no said of a condition turns nothing down
_IF_BEFORE = regex(r"\b(?:if|unless|in case|should|si|wenn|falls|se|als|caso)\b[^.!?]{0,25}$", re.IGNORECASE)


def turns_down(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` says no (a _NEGATIVE word) other than inside an "if ..." condition."""
    stop = len(text) if end is None else end
    return any(
        not _IF_BEFORE.search(text, max(start, m.start() - 30), m.start())
        for m in _NEGATIVE.finditer(text, start, stop)
    )
# Standing hours, not a proposal: "Hours: Mon-Fri, 9 am - 5 pm", "lunes a viernes de 9 a 18 h", "Mo.–Fr. 9–17 Uhr".
# A weekday as written in a range of days: its full name in the seven languages or a short form, nothing else
# ("dites-moi" is no "Di-Mo").
_DAY_FULL = r"(?:" + alternation(w for w in WEEKDAYS if "." not in w) + r")\.?(?!\w)"
_THREE_LETTER_DAYS = "mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|mié|jeu|jue|ven|vie|sáb|sam|dom|seg|sex"
_DAY_SHORT3 = rf"(?:{_THREE_LETTER_DAYS})\.?(?!\w)"
_DAY_SHORT = rf"(?:{_THREE_LETTER_DAYS}|mo|di|mi|do|fr|sa|so|ma|vr|za|zo)\.?(?!\w)"
_DAY_TO = r"(?:\s?[-–—]\s?|\s(?:to|through|thru|a|à|au|bis|al|até|tot|t/m)\s)"
OPENING_HOURS = regex(
    r"\b(?:office hours|opening hours|business hours|hours:|permanence|horario de atención|heures d'ouverture|"
    r"öffnungszeiten|"
    r"sprechzeiten|bürozeiten|horário de atendimento|orari(?:o)? di (?:apertura|ufficio)|openingstijden|kantooruren)"
    # "(bureau ouvert 7h-15h)", "office open 8-4", "Büro geöffnet 9–17 Uhr": a place open, then a range of hours
    # (not "I'm open 2-4 on Thursday", an offer)
    r"|\b(?:office|desk|shop|store|bureaux?|cabinet|oficina|despacho|escrit[óo]rio|loja|ufficio|sportello|negozio|"
    r"b[üu]ro|praxis|laden|kantoor|winkel|balie)\s(?:is\s|est\s|está\s|è\s|ist\s)?"
    r"(?:open|ouverte?|abiert[oa]|abert[oa]|apert[oa]|geöffnet|geopend)\s(?:\w+\s)?\d{1,2}(?:[:.h]\d\d|h)?\s?"
    r"(?:-|–|to|à|a|bis|tot|al|às)\s?\d"
    # "Mon-Fri", "Mo.–Fr.", "Mon/Wed/Fri", "Monday to Friday" (a full name never runs to a two-letter form: "Thursday
    # - so I'll have to ..." is no range)
    r"|\b(?:" + _DAY_FULL + r"(?:" + _DAY_TO + r"|/)(?:" + _DAY_FULL + "|" + _DAY_SHORT3 + r")"
    r"|" + _DAY_SHORT + r"(?:" + _DAY_TO + r"|/)(?:" + _DAY_SHORT + "|" + _DAY_FULL + r"))(?=[\s,:/]|$)"
    # a weekday that recurs: "every Thursday", "wie immer donnerstags", "tous les jeudis", "todos los jueves",
    # "ogni giovedì", "elke donderdag", "todas as quintas"
    r"|\b(?:every|each|jeden|tous les|toutes les|todos los|todas las|cada|ogni|elke|iedere|todas as|todos os)\s"
    r"(?:" + _DAY_FULL + r")"
    r"|\b(?:montags|dienstags|mittwochs|donnerstags|freitags|samstags|sonntags)\b",
    re.IGNORECASE,
)
# What sits between a time and the same instant written again: "5pm SGT (10am London)", "9am PT / 12pm ET".
# What may stand between a time and its restatement in another zone: a few words naming the first one's zone
# ("16:30 de Lisboa (17:30 aquí)", "10:30 a. m., hora del Pacífico (12:30 en la Ciudad de México)"), then "(" or
# "/" and at most one short word ("(las 11:00 en Río)", "(i.e. 5pm for you)"), never "or" ("10am (or 11am)").
_RESTATED_GAP = regex(
    r"[^\d!?;\n()/]{0,30}(?:\(|/)\s?(?!(?:or|ou|o|oder|of|oppure|ó)\b)(?:[^\W\d][\w.]{0,4}\s)?", re.IGNORECASE
)


def _restated(clause: str, start: int, end: int) -> bool:
    """Whether ``clause[start:end]`` is an optional zone then "(" or "/" (the zone is ZONE_RE's, matched apart
    so its long pattern is compiled once)."""
    if _RESTATED_GAP.fullmatch(clause, start, end):
        return True
    space = start + 1 if clause[start : start + 1].isspace() else start
    zone_match = ZONE_RE.match(clause, space, end)
    return zone_match is not None and _RESTATED_GAP.fullmatch(clause, zone_match.end(), end) is not None
_CONVERSION = regex(
    word_led(
        # ("which should be 10 AM in Chicago", "that's 9 PT"; not "times that would work for me: Thursday at 10")
        r"\b(?:which|that|it|this)\s(?:i\s(?:believe|think|reckon)\s)?"
        r"(?:(?:should|would|will|ought to|must|might)\sbe|is|'s)\s"
        r"(?=(?:\w+,?\s){0,4}\(?(?:\d|noon|midday|midnight))|\bthat's\b(?=\s(?:\w+,?\s){0,3}(?:\d|noon|midday|midnight))"
        # (a time within a few words: not "if that's a no-go then Tuesday at 11")
        r"|\b(?:which|that|it)'ll be\b|\b(?:which|that|this) makes it\b|\b(?:which|that) i make(?: it)?\b"
        r"|\bi make (?:that|it)\b"
        r"|\b(?:which|that|it) (?:lands|puts it|works out|comes out|translates)\b"
        r"|\bdan is (?:het|'t)\b|\bis (?:het|dat) (?:dan|daar|hier)\b"
        r"|\bque aqu[íi] (?:son|es|ser[áa]n?|ser[íi]an?)\b"
        r"|\bque aqui (?:s[ãa]o|[ée]|ser[áa]|seria)\b|\bo que (?:d[áa]|daria|seria)\b|\bque d[áa](?=\s\d)"
        r"|\bi\.e\.|\baka\b|=\s"
        r"|\b(?:so|will be|would be|is)\s"
        r"(?=\d{1,2}(?:[:.]\d\d)?\s?(?:[ap]\.?m\.?\s)?(?:here|there|for you|your time|my time|on my end)\b)"
        r"|\bça (?:te |vous )?(?:devrait |va |doit )?(?:te |vous )?(?:faire|donner)\b"
        r"|\bça (?:te |vous )?(?:fera|ferait|fait)\b"
        r"|\bce qui (?:fait|fera|ferait|donne|donnerait)\b"
        # ("soit 14 h pour vous" restates; "soit le lundi ..., soit le mardi ..." is either ... or)
        r"|\bsoit(?=\s\d)"
        r"|\b(?:c'est-à-dire|das wäre|das wären|das ist|sería|serían|serán|deberían ser|serão|seria|seriam|sarebbe|"
        r"vai ser|vão ser|va a ser|van a ser|sarà|saranno|ce sera|zal zijn|"
        # (a time close after: not "Seria possível ...")
        r"sarebbero|dat is|dat wordt|zou zijn|w[äa]re das|w[äa]ren das|dovrebbe(?:ro)? essere|devrai(?:en)?t être|"
        r"deveria(?:m)? ser|deber[íi]a(?:n)? ser|"
        # "che dovrebbero corrispondere alle 11 in Cile", "ce qui correspond à 10h", "das entspricht 9 Uhr"
        r"corrispond\w*|correspond\w*|entspricht|entsprechen|komt overeen met|equivale\w*|equivalent to)\b"
        r"(?=[^.?!\n]{0,20}(?:\d|midi|minuit|mediod|meio-dia|mezzogiorno|mittag))"
        r"|\b(?:also|donc|alors|então|quindi|dus)\s(?=\d)"
        r"|\b(?:cioè|vale a dire|o sea|es decir|ou seja|d\.h\.|das heißt|oftewel)\b"
        # "(voor mij is dat 8 uur hier)", "(pour moi c'est 8 h)", "(para mí son las 8)", "(bei mir ist es 8 Uhr)"
        r"|\b(?:voor mij|bij mij|bei mir|para m[íi]|pour moi|chez moi|per me|da me|para mim)\s(?:is (?:dat|het)|"
        r"ist (?:das|es)|(?:ce )?sont|c'est|ça fait|son|es|ser[áa]n?|sono|è|sar[àa]|s[ãa]o|[ée]|ser[áa])\b",
        r"[\w=]",
    ),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    """Times found in a message body."""

    times: list[datetime]


@dataclass(frozen=True)
class _Time:
    start: int
    end: int
    value: time


def _hour(h: int, ap: str | None, strong: bool) -> int | None:
    if ap:
        if not 1 <= h <= 12:
            return None
        return (h % 12) + (12 if ap.lower() == "p" else 0)
    if h > 23:
        return None
    if not strong:
        return None
    # Without am/pm, 1-6 means afternoon in a meeting context; 24-hour times stay as written.
    return h + 12 if 1 <= h <= 6 else h


# The sender's own engagement said right after an hour: "a las seis tengo un grupo", "at 6 I have a class", "um 15
# Uhr habe ich einen Termin"
_ENGAGED_AFTER = regex(
    r"\s?,?\s(?:(?:tengo|ho|j'ai|hab(?:e)? ich|tenho|heb ik|i have|i've got|i've)\s(?:\w+\s)?"
    r"(?:un|una|un'|a|an|einen?|eine|ein|uma|um|een|une|mi|il mio|la mia|meine?n?|mon|ma|my|our|"
    r"el|la|le|il|lo|der|die|das|den|o|het|de|the)\b"  # ("a las diez tengo el comité de producto")
    # or is still in another one: "às 16h ainda estou em outra reunião", "a las 4 sigo en otra reunión"
    r"|(?:ainda )?estou (?:em|numa?) (?:outra|uma)|(?:todav[íi]a )?(?:estoy|sigo) en (?:otra|una)|"
    r"sono (?:ancora )?(?:in|a) (?:un'altra|una|un)|je suis (?:encore )?en (?:réunion|rendez-vous)|"
    r"bin ich (?:noch )?in (?:einem|einer)|zit ik (?:nog )?in (?:een|het)|i'?m (?:still )?in (?:a|another)"
    # or is in one then, your time or not: "zit ik om 13.00 uur uw tijd nog in een overleg", "at 1 I'm still in a call"
    r"|(?:(?:uw|je|jouw|your|ihrer|deiner|votre|ta|su|tu|sua|seu) (?:tijd|time|zeit|heure|hora|hor[áa]rio)\s)?"
    r"(?:nog|still|noch|encore|todav[íi]a|ainda|ancora) (?:in|en|im|dans|em|na|numa|in una?) "
    r"(?:een|a|an|another|einem|einer|une?|una|uma|un|het|the) (?:\w+\s)?(?:overleg|vergadering|meeting|call|"
    r"besprechung|réunion|reuni[óo]n|reuni[ãa]o|riunione|sitzung)"
    # or leaves one only then: "komme ich erst um 15 Uhr aus einer Besprechung", "at 3 I get out of a meeting"
    r"|(?:\w+\s)?aus (?:einer|einem|dem|der) (?:\w+\s)?(?:besprechung|meeting|termin|sitzung|call|vorlesung)"
    r"|(?:i\s)?(?:get|come) out of (?:a|my|the|another) (?:\w+\s)?(?:meeting|call|class|lecture))\b"
    # (not a free moment: "at 3pm I have a 30-minute window", "a las 5 tengo un hueco")
    r"(?!\s(?:\S+\s){0,2}(?:free|window|slot|gap|opening|hueco|créneau|lücke|zeitfenster|finestra|buco|janela|"
    r"tempo livre|gat|gaatje|plek|momentje|ruimte|tijd|livre|libre|frei|liber[oa]|vrij|"  # ("la mañana libre")
    r"temps|tiempo|tempo|zeit|time))",  # ("à 10h j'ai le temps")
    re.IGNORECASE,
)
# "las 4 de la madrugada", "9 in the morning", "6 Uhr morgens": a morning hour, never read as the afternoon
_MORNING_AFTER = regex(
    r"\s*(?:de la (?:madrugada|mañana)|da (?:madrugada|manhã)|du matin|del mattino|di mattina|in the morning|"
    r"(?:uhr )?(?:morgens|früh)|'s ochtends|'s morgens)\b",
    re.IGNORECASE,
)
# "quarter to nine Thursday evening", "8 de la noche", "9 Uhr abends": an evening hour, read past noon
_EVENING_AFTER = regex(
    r"\s*(?:(?:on\s)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today)\s)?"
    r"(?:evening|night)\b"
    r"|\s*(?:in the evening|at night|de la noche|da noite|du soir|di sera|della sera|(?:uhr )?abends|'s avonds)\b",
    re.IGNORECASE,
)
# What lies between a time given up and its restatement: "instead of 11:30 AM IST (your 2pm)"
_RESTATED_IN_BRACKETS = regex(r"[^\n()]{0,12}\(\s*(?:[\w.']+\s){0,2}")


_HOURS_WORDS = frozenset({"horas", "hrs", "hs"})
# A month's name or its English abbreviation (not Portuguese "out", "set": "I'm out 2-4pm")
_MONTH_BEFORE = regex(
    r"\b(?:" + MONTH_PATTERN + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s$", re.IGNORECASE
)


def _find_times(text: str) -> list[_Time]:
    found: list[_Time] = []
    given_up = -1  # where the last time given up ends
    for m in TIME_RE.finditer(text):
        if m.group("h2") and _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            # "Mon, Apr 2 – 9:00 am": the number after the month is the day, the time starts after the dash
            m = TIME_RE.match(text, m.start("h2")) or m
        if given_up >= 0 and _RESTATED_IN_BRACKETS.fullmatch(text, given_up, m.start()):
            continue  # the time just given up, in another zone
        ap = m.group("ap") or ("a" if _MORNING_AFTER.match(text, m.end()) else None)
        if ap is None and 5 <= int(m.group("h")) <= 11 and _EVENING_AFTER.match(text, m.end()):
            ap = "p"
        minute_text = m.group("m")
        end_minutes = m.group("m2")
        end = m.end()
        strong = bool(ap or m.group("uhr") or minute_text or end_minutes or m.group("hh"))
        if m.group("uhr") and m.group("uhr").lower() in _HOURS_WORDS and not (minute_text or ap) \
                and not _AT.search(text[max(0, m.start() - 9) : m.start()]):
            continue  # "la diferencia es de 5 horas", "in 2 hrs": a length of time, not "a las 15 horas"
        if not strong:
            # A bare number ("at 3", "a las 12", "ore 18.00") only counts right after such a word.
            led = _AT.search(text[max(0, m.start() - 9) : m.start()]) or _ZONE_AFTER_BARE.match(text, m.end())
            if not (led or _MOVED_TO.search(text, max(0, m.start() - 40), m.start())):
                continue
            dotted = _DOTTED_AFTER_AT.match(text, m.start())
            if dotted and not m.group("h2"):
                minute_text, end = dotted.group("m"), dotted.end()
            strong = True
        start_hour = int(m.group("h"))
        if m.group("h2") and ap:
            end_hour = int(m.group("h2"))
            # "11-1pm": the start is in the morning; "2-4pm": both afternoon.
            start_ap = "a" if ap.lower() == "p" and start_hour > end_hour and start_hour != 12 else ap
        else:
            start_ap = ap
        hour = _hour(start_hour, start_ap, strong)
        if hour is None:
            continue
        if _NOT_AT.search(text, max(0, m.start() - 24), m.start()) or _ENGAGED_AFTER.match(text, end):
            given_up = end
            continue  # "Monday works, just not at 3", "que a las seis tengo un grupo"
        if _OWN_ENGAGEMENT.search(text, max(0, m.start() - 24), m.start()):
            continue  # "at 8:15, before my 9:00 lecture": the sender's own engagement, not a time for the call
        if _RATHER_THAN.search(text, max(0, m.start() - 60), m.start()):
            continue  # "liever om half tien (uw tijd) dan om negen uur": the hour preferred against
        if found and _FREE_UNTIL.search(text, max(0, m.start() - 24), m.start()):
            continue  # "às 10h tenho a manhã livre até às 11h": how long the time just given lasts
        found.append(_Time(m.start(), end, time(hour, int(minute_text or 0))))
    for m in _NOON.finditer(text):
        if _PAST_NOON.search(text, max(0, m.start() - 16), m.start()):
            continue  # "después del mediodía", "after noon": a part of the day, not a time
        if _NOT_AT.search(text, max(0, m.start() - 24), m.start()) \
                or _OWN_ENGAGEMENT.search(text, max(0, m.start() - 40), m.start()):
            continue  # "je sors d'une réunion à midi pile", "not at noon"
        value = time(11, 45) if m.group("to") else time(12, 30 if m.group("half") else 15 if m.group("quarter") else 0)
        found.append(_Time(m.start(), m.end(), value))
    found.sort(key=lambda t: t.start)
    return _ranges(text, found)


_RANGE_GAP = regex(r"\s?(?:-|–|—|to|until|till|bis|tot|à|a|al)\s?", re.IGNORECASE)
_WORKING_DAY_MINUTES = 6 * 60


def _ranges(text: str, found: list[_Time]) -> list[_Time]:
    """ "10am-3pm Montreal time": the range's start, reaching to its end (where a zone after it is read)."""
    out: list[_Time] = []
    for t in found:
        joined = out and (
            _RANGE_GAP.fullmatch(text, out[-1].end, t.start)
            or (_AND.fullmatch(text, out[-1].end, t.start) and _BETWEEN.search(text, 0, out[-1].start))
        )
        if joined:
            start = out[-1].value
            if start.hour >= 12 and t.value.hour >= 12 and start > t.value:
                start = start.replace(hour=start.hour - 12)  # "between 11 and 1pm": from 11 in the morning
            if t.value.hour * 60 + t.value.minute - start.hour * 60 - start.minute >= _WORKING_DAY_MINUTES:
                out.pop()  # "On site 6am-6pm", "9-5": a working day is standing hours, no time to meet
                continue
            out[-1] = _Time(out[-1].start, t.end, start)
            continue
        out.append(t)
    return out


_ONE_HOUR = timedelta(hours=1)
_GMT_CLOCKS = frozenset({"Europe/London", "Europe/Dublin", "Europe/Belfast"})


def _zone_from(m: re.Match[str], ref_tz: tzinfo, user_tz: tzinfo | None) -> tzinfo | None:
    if m.group("mine"):
        return ref_tz
    if m.group("yours"):
        return user_tz
    if m.group("off"):
        return zone(m.group("off").replace(" ", ""))
    if m.group("abbr"):
        if m.group("abbr").upper() == "GMT" and (ref_tz.utcoffset(None) == _ONE_HOUR or str(ref_tz) in _GMT_CLOCKS):
            # "2pm GMT" from a sender at +01:00, or on the British or Irish clock, is that clock ("GMT" said
            # loosely in summer); in winter it is GMT itself (a sender at +01:00 in winter is on Central European
            # time)
            return zone("Europe/London")
        return zone(m.group("abbr"))
    if m.group("pl"):
        place = m.group("pl").lower()
        if place in TWO_PLACES:
            return one_of_two_places(place, ref_tz, user_tz)
        return zone(_REGION_WORDS.get(place, place) if m.group("local") else place)
    if m.group("region"):
        return zone(m.group("region"))
    return None


# "Your Friday 4 PM works", "That Thursday 2:00 slot of yours": the user's own time, on the user's clock.
# "For you" in the seven languages, before the user's own slot or their clock
_FOR_YOU = r"para ti|para usted|para você|pour vous|pour toi|per te|per lei|für sie|für dich|voor jou|voor u"
_YOUR_BEFORE = regex(
    r"\b(?:your|para vos|pra você|bei ihnen|bei dir|" + _FOR_YOU + "|"
    # the possessive before the user's own slot: "Ton lundi 28 à 15h", "Ihr Vorschlag am Donnerstag um 9 Uhr"
    r"ton|votre|teu|tua|tuas|seu|sua|suas|tus|tuo|vostro|vostra|ihr|ihre|ihren|ihrem|dein|deine|deinen|jouw|uw)"
    r"\s(?:[^\W\d_]+\s){0,2}(?:\d{1,2}\s(?:à|at|a las|alle|um|om|às)\s)?$"  # ("Ton lundi 28 à 15h")
    # the user's clock said before the hour it gives: "que para si são as 10h", "which for you is 3pm"
    r"|\b(?:for you|para si|" + _FOR_YOU + r"),?\s(?:(?:that|it|this) )?"
    r"(?:is|would be|will be|são|serão|seriam|é|son|serán|serían|es|sont|seront|sera|sind|wären|ist|wäre|sono|"
    r"sarebbero|è|zijn)(?:\s(?:as|las|la|les|die|le|om))?\s$",
    re.IGNORECASE,
)
# "bitte bis Donnerstag einmal drüberschauen", "let me know by Friday": a day as a deadline, not a pick
DEADLINE = regex(
    r"\b(?:by|until|till|before|bis|spätestens|avant|hasta|antes del?|até|entro|prima di|vóór|voor|uiterlijk)\s"
    r"(?:(?:next|this|the|el|le|la|o|a|den|dem|zum|nächsten|kommenden|coming)\s)?$",
    re.IGNORECASE,
)
_COMPARED = regex(
    r"\b(?:" + _PREFERRED + r"|better|more|mieux|besser|beter)\s(?:\w+\s){0,2}"
    r"(?:than|que|als|dan|di|do que)\s(?:(?:the|el|le|la|o|a|der|den|il)\s)?$",
    re.IGNORECASE,
)
# The clocks changing, said just before the day they change on
_CLOCK_CHANGE = regex(
    r"\b(?:clocks? (?:go|goes|went|change|changes|spring|fall|falls) ?(?:back|forward|ahead)?|"
    r"(?:daylight sav(?:ing|ings)(?: time)?|summer ?time|dst|winter ?time) (?:ends?|starts?|begins?|kicks in)|"
    r"zeitumstellung|uhren (?:werden )?"
    r"(?:zurück|vor)gestellt|changement d['’]heure|passage à l['’]heure d['’](?:hiver|été)|cambio de hora(?:rio)?|"
    r"mudança de hora(?:rio)?|cambio dell['’]ora|(?:klok|klokken) (?:gaat |gaan )?(?:terug|vooruit)|wintertijd|"
    r"zomertijd)\b[^.!?\n\d]{0,20}$",
    re.IGNORECASE,
)
_SAME_TIME = regex(
    r"\b(?:(?:at )?(?:the )?same time|a la misma hora|à la même heure|zur (?:gleichen|selben) (?:zeit|uhrzeit)|"
    r"alla stessa ora|(?:à|a|no) mesma hora|no mesmo hor[áa]rio|op hetzelfde tijdstip|(?:om )?dezelfde tijd)\b",
    re.IGNORECASE,
)
# A place named right after a time, without "time" or "in": its zone.
# ("16.30 h de Madrid", "17:00 de Paris": after "de" too)
_BARE_PLACE = regex(r"\s?(?:h\s)?\(?(?:(?:de|da|di|du)\s)?(" + _PLACE + r")\b", re.IGNORECASE)

# What may sit between a time and its zone: "2pm (both Berlin time)", "10h, todas hora de Madrid", "às 15h no seu
# horário", a part of the day ("a las seis de la tarde tu hora"), or both ("às duas e meia da tarde no seu horário").
_ZONE_PREPOSITIONS = ("in", "en", "no", "na", "em", "à", "nel", "nella", "im", "do", "du")
_DAY_PARTS = (
    "de la tarde", "de la mañana", "de la noche", "da tarde", "da manhã", "da noite", "du matin", "du soir",
    "de l'après-midi", "del pomeriggio", "di pomeriggio", "di mattina", "del mattino", "di sera", "in the morning",
    "in the afternoon", "in the evening", "pm", "am",
)
_BEFORE_ZONE = frozenset(
    (
        *("", "both", "both in", "all", "all in", "each", "always", "sempre", "siempre", "toujours", "immer", "altijd"),
        *("beide", "beides", "jeweils", "beide in", "ambos", "ambas", "ambos en", "ambas en", "todos", "todas"),
        *("tous", "toutes", "les deux", "tutti", "entrambi", "allebei", "de", "da", "di", "del"),
        *_ZONE_PREPOSITIONS,
        *_DAY_PARTS,
        *(f"{part} {preposition}" for part in _DAY_PARTS for preposition in _ZONE_PREPOSITIONS),
    )
)


# Where the sender says they are, after "my time" or "here": "bei mir hier in Hamburg", "aquí en Madrid"
_HERE_IN = regex(r"\s(?:hier|here|ici|aquí|aqui|qui)?\s?(?=(?:in|en|em|à|a)\s)", re.IGNORECASE)
# The hour a time is preferred to may stand before "your time": "à 11h15 plutôt qu'à 11h, votre heure ?"
_COMPARED_GAP = regex(
    r"\s(?:plutôt qu['’]à|rather than|instead of|au lieu de|en vez de|en lugar de|statt|anstatt|invece che|"
    r"em vez das?|in plaats van)\s(?:(?:om|um|at|à|a las|alle|às|las|le)\s)?\d{1,2}(?:[:.h]\d\d)?\s?"
    r"(?:h|uhr|uur|am|pm)?,?\s?",
    re.IGNORECASE,
)
# A verb may end the clause before "your time" set off by a comma: "om kwart voor twee kunnen, uw tijd?"
_VERB_THEN_ZONE = regex(r"\s[^\W\d]{3,},\s?")
# The day may sit between a time and its zone too: "5pm on Tuesday the 13th in Denver", "1pm Tuesday your end"
_DAY_BEFORE_ZONE = regex(r"^\s*(?:on\s)?(?:" + DATE_RE.pattern + r")(?=\s|,|$)")


# Names that say standard time ("AEST", "EST"), unlike "AET" or "ET", which follow the season
_STANDARD_NAMES = frozenset({"AEST", "ACST", "NZST", "EST", "CST", "MST", "PST", "AKST", "AST", "NST"})


def _zone_after(text: str, pos: int, ref: datetime, user_tz: tzinfo | None) -> tuple[tzinfo | None, bool, bool]:
    """The zone written right after a time, whether one was written, and whether it is the user's."""
    ref_tz = ref.tzinfo or UTC
    window = text[pos : pos + 40]
    m = ZONE_RE.search(window)
    if m is not None and m.group("yours") and (_VERB_THEN_ZONE.fullmatch(window, 0, m.start())
                                               or _COMPARED_GAP.fullmatch(window, 0, m.start())):
        return _zone_from(m, ref_tz, user_tz), True, True  # "Zou het om kwart voor twee kunnen, uw tijd?"
    if m is None or _DAY_BEFORE_ZONE.sub(" ", window[: m.start()]).strip(" ,()[]-") not in _BEFORE_ZONE:
        if bare := _BARE_PLACE.match(window):  # "10am Hawaii / noon Pacific", "16h (Lisbon)"
            tz = zone(bare.group(1).lower())
            return tz, tz is not None, _same_zone(tz, user_tz)
        return None, False, False
    if m.group("mine"):
        # "9 my time (Mountain)": the zone the sender then names is what "my time" is
        # ("10am here in New York": the place it then names)
        bracket = window[m.end() : m.end() + 2] == " ("
        here = None if bracket else _HERE_IN.match(window, m.end())  # "here in New York", "bei mir hier in Hamburg"
        named = ZONE_RE.match(window, m.end() + 2) if bracket else ZONE_RE.match(window, here.end()) if here else None
        if named is not None and not named.group("mine") and not named.group("yours"):
            m = named
        elif named is None and bracket and (place := _BARE_PLACE.match(window, m.end() + 2)) \
                and (tz := zone(place.group(1).lower())) is not None:
            return tz, True, _same_zone(tz, user_tz)  # "à 9 h 30, mon heure (Montréal)"
    tz = _zone_from(m, ref_tz, user_tz)
    standard = (m.group("abbr") or "").upper() in _STANDARD_NAMES
    if standard and tz is not None and (kept := _kept_standard(tz, ref)) is not tz:
        # "1pm AEST" from Brisbane while Sydney keeps summer time: the sender's standard clock, even when the
        # user's zone goes by the same name
        return kept, True, False
    return tz, True, bool(m.group("yours")) or _same_zone(tz, user_tz)


def _zone_of(clause: str, t: _Time, ref: datetime, user_tz: tzinfo | None) -> tuple[tzinfo | None, bool, bool]:
    """The zone of a time: the one named after it, else the user's after "your" ("Your Friday 4 PM works"), else
    none named. ("Thursday evening your time is 2.30pm here": "here" outweighs the "your" before it.)"""
    after = _zone_after(clause, t.end, ref, user_tz)
    if after[1] and not after[2]:
        return after
    if user_tz is not None and _YOUR_BEFORE.search(clause, max(0, t.start - 20), t.start):
        return user_tz, True, True
    return after


def _same_zone(tz: tzinfo | None, user_tz: tzinfo | None) -> bool:
    """Whether a zone named in a reply is the user's own."""
    return tz is not None and user_tz is not None and str(tz) == str(user_tz)


_SENDER_IS = regex(
    r"\b(?:i'?m|i am|we'?re|we are|based|live|je suis|nous sommes|estoy|estamos|ich bin|wir sind|estou|estamos|"
    r"sono|siamo|ik zit|ik ben|wij zitten)(?:\s\w+)?\s?$",
    re.IGNORECASE,
)


_ALL_TIMES = regex(r"\b(?:all|times?|hours?)\b[\s(:]*(?:are\s|in\s)?$", re.IGNORECASE)
# A zone said of a whole list of times: "all in Perth time:", "these are Reykjavik time", "te lo pongo en hora
# vuestra:" (the list under it)
_FOR_ALL = regex(
    r"\b(?:all|both|these are|they are|those are|todas?|todos|ambos|ambas|tous|toutes|tutti|tutte|alle|allemaal|"
    r"beide|directamente|directement|diretamente)\b[\s(:]*(?:are\s|in\s|en\s|em\s|à\s|in der\s|na\s)?$",
    re.IGNORECASE,
)
_LIST_FOLLOWS = regex(r"\s*:\s*\n")


def _default_zone(text: str, times: list[_Time], ref: datetime, user_tz: tzinfo | None) -> tzinfo | None:
    """A zone named apart from any time ("all Pacific time"), when exactly one is (zones on the same clock at
    ``ref`` count as one)."""
    ref_tz = ref.tzinfo or UTC
    zones: dict[timedelta | None, tzinfo] = {}
    mine = False
    ends = {t.end for t in times}
    for m in ZONE_RE.finditer(text):
        said_of_all = _FOR_ALL.search(text, max(0, m.start() - 24), m.start()) or _LIST_FOLLOWS.match(text, m.end())
        if (m.group("yours") and not said_of_all) or (
            m.group("region") and not _ALL_TIMES.search(text, max(0, m.start() - 20), m.start())
        ):
            continue
        if m.group("inplace") and not said_of_all and not _SENDER_IS.search(text[max(0, m.start() - 16) : m.start()]):
            continue  # "in London" is where the sender is only after "I'm", "based", "je suis" ...
        if any(text[end : m.start()].strip(" ,()[]-") in _BEFORE_ZONE for end in ends if 0 <= m.start() - end < 13):
            continue  # the zone of the time right before it (see _zone_after)
        if m.group("mine"):
            mine = True  # "my time": where the sender is, when they say so, else the Date header's offset
            continue
        tz = _zone_from(m, ref_tz, user_tz)
        if tz is not None:
            zones.setdefault(ref.astimezone(tz).utcoffset(), tz)
    if not zones and mine:
        return ref_tz
    return next(iter(zones.values())) if len(zones) == 1 else None


def _prepared(text: str) -> str:
    """A reply's text as the time readers take it: bounded, one apostrophe, clock words put as digits."""
    return clock_words(text[:MAX_CHARS].replace("’", "'"))


def _not_turned_down(clause: str, times: list[_Time]) -> list[_Time]:
    """The times of ``clause`` outside the parts of it that say no ("só que às 14h já tenho outra coisa, pode ser
    às três e meia?": the no holds in its own part only)."""
    parts = clause_parts(clause)

    def one_time_in(part: tuple[int, int]) -> bool:
        return sum(part[0] <= t.start < part[1] for t in times) == 1

    refusals = [
        # a no in a relative clause holds for a time alone in the part before it: "Your Friday slot is 8am here,
        # which clashes" (not for "Your Tuesday 2pm is my 3pm, which clashes", whose restatement still counts)
        (parts[i - 1][0] if i > 0 and _RELATIVE.match(clause, a) and one_time_in(parts[i - 1]) else a, b)
        for i, (a, b) in enumerate(parts) if turns_down(clause, a, b)
    ]
    return [t for t in times if not any(a <= t.start < b for a, b in refusals)]


_RELATIVE = regex(r"\s*(?:which|qui|ce qui|lo que|lo cual|o que|wat|il che|cosa che)\b", re.IGNORECASE)


def dayless_times(text: str, today: date) -> list[time]:
    """Clock times ``text`` gives in sentences that name no day and turn nothing down ("Ihr zweiter Vorschlag passt,
    allerdings erst um Viertel nach zehn statt um zehn" gives 10:15): the hour a slot picked by its day is moved to."""
    found: list[time] = []
    for clause in split_clauses(_prepared(text))[:MAX_CLAUSES]:
        if find_dates(clause, today) or OPENING_HOURS.search(clause) or _EVENT.search(clause) \
                or _CONVERSION.search(clause):
            continue
        found += [t.value for t in _not_turned_down(clause, _find_times(clause))]
    return found


def find_times(text: str, ref: datetime, user_tz: tzinfo | None, hints: Sequence[date] = ()) -> Found:
    """Times and dates the sender proposes in ``text`` (already free of quotes and signature).

    ``hints``: the dates the user proposed, which a bare weekday in the reply refers to.
    """
    text = _prepared(text)
    if ":" in text:
        text = STAMP_LINE.sub("", text)  # every stamp has a clock time "hh:mm"
    ref_tz = ref.tzinfo or ref.astimezone().tzinfo
    assert ref_tz is not None
    today = ref.date()
    all_times = _find_times(text)[: MAX_CLAUSES * MAX_PER_CLAUSE]

    @cache
    def default() -> tzinfo | None:
        """A zone named apart from the times, looked for only when a time names none after it."""
        return _default_zone(text, all_times, ref, user_tz)
    results: list[datetime] = []
    asked: list[bool] = []  # whether each of the results was written in a question
    guessed: list[bool] = []  # whether each of the results is on a clock no zone was named for
    fallback: list[bool] = []  # whether each of the results was offered as a fallback ("as a backup")
    restatements: list[datetime | None] = []
    previous_date: DateMention | None = None
    converted_from = False  # the previous clause gave a time, so one in the user's zone now is its conversion
    sender_clock: tzinfo | None = None  # the sender's offset learned from "your 2pm is my 3pm"

    def same_time(clause: str, dates: list[DateMention]) -> None:
        """ "el viernes 4/11 a las 13:30 o, si no, el lunes 7 a la misma hora", "or the same time on Wednesday the 9th":
        the day named right before or after "the same time" is another option at the clock time of the last one."""
        for same in _SAME_TIME.finditer(clause):
            after = next((d.day for d in dates if 0 <= d.start - same.end() < 8), None)
            day = after or next((d.day for d in reversed(dates) if 0 <= same.start() - d.end < 30), None)
            if day is None or not results or any(r.date() == day for r in results):
                continue
            results.append(datetime.combine(day, results[-1].timetz()))
            asked.append("?" in clause or "¿" in clause)
            guessed.append(guessed[-1])
            fallback.append(bool(_FALLBACK.search(clause)))

    paragraphs = [split_clauses(paragraph) for paragraph in _PARAGRAPH.split(text)]
    clauses = [clause for paragraph in paragraphs for clause in paragraph][:MAX_CLAUSES]
    opens_paragraph = set(itertools.accumulate((len(paragraph) for paragraph in paragraphs), initial=0))
    clause_times = [_find_times(clause)[:MAX_PER_CLAUSE] for clause in clauses]
    # Dates matter only next to a time: in their clause, or carried into a later one.
    last_timed = max((i for i, found in enumerate(clause_times) if found), default=-1)
    for i, clause in enumerate(clauses):
        handed_on = previous_date  # the day the sentences before hand on, before this one says its own
        following = clauses[i + 1] if i + 1 < len(clauses) else ""
        needed = (i < last_timed or clause_times[i] or (following and _REFUSED_HOUR.search(following))
                  or _SAME_TIME.search(clause))
        dates = find_dates(clause, today, hints)[:MAX_PER_CLAUSE] if needed else []
        # "Thursday works better than Wednesday": the day a preference is measured against is not the one taken,
        # nor the day the clocks change ("our clocks go back on 30 October, so 17:00 your time is 10:00 for me")
        dates = [d for d in dates if not _COMPARED.search(clause, max(0, d.start - 40), d.start)
                 and not _CLOCK_CHANGE.search(clause, max(0, d.start - 40), d.start)]
        times = [t for t in clause_times[i] if not _inside_date(t, dates)]
        carried = previous_date if not dates and previous_date is not None else None
        if not dates and results and _SAME_DAY.search(clause):
            # "Sinon, le même jour à 16h30": the day of the time just given
            carried = DateMention(0, 0, results[-1].date(), True)
        elif not dates and not carried and results and times \
                and (_offered_instead(clause, times, 0) or (
                    ("?" in clause or "¿" in clause)
                    and _AT_BEFORE.search(clause, max(0, times[0].start - 8), times[0].start)
                )) \
                and _minutes_apart(times[0].value, results[-1].timetz()) <= _NEARBY_MINUTES:
            # "El jueves 28 a mediodía me pilla saliendo de una demo. ¿Lo movemos a las 12:30?": an hour asked
            # about near the one just given, with no day of its own, is on that day
            carried = DateMention(0, 0, results[-1].date(), True)
        refused = _REFUSED_HOUR.search(clause) or (times and turns_down(clause))
        if refused and not dates:
            pass  # "Thursday works, but not at 3pm, ... Would 2:30 suit?": Thursday carries over the refused hour
        elif not dates and not clause_times[i] and i not in opens_paragraph:
            # "Kan het een uur later? Dus om 11.00 uur.": a sentence with no day and no time carries the day on, to
            # the end of its paragraph (not into a signature's "Availability: M–F, 8:00 AM – 5:00 PM CT")
            pass
        else:
            previous_date = _carried(clause, dates) if dates and not times else None
        if times and dates and _NOT_AT.search(clause):
            previous_date = dates[-1]  # "Monday works, just not at 3. Can we do 3:30 instead?"
        if times and turns_down(clause):
            # "só que às 14h já tenho outra coisa, pode ser às três e meia?": the no holds in its own part only
            times = _not_turned_down(clause, times)
            if dates and not times:
                previous_date = dates[-1]  # every hour named on that day turned down: the day is still open
        if not times or OPENING_HOURS.search(clause) or _EVENT.search(clause):
            converted_from = False
            same_time(clause, dates)
            continue
        conversion = _CONVERSION.search(clause)
        zones = [_zone_of(clause, t, ref, user_tz) for t in times]
        # "8am or 5:30pm ET": times joined by "or" are options, so one in the user's zone is not a conversion.
        options = len(times) > 1 and _EITHER.search(clause, times[0].end, times[-1].start) is not None
        # "8am and then 9am your time": times listed one after the other share the zone after the last of them
        listed = len(times) > 1 and all(
            _LISTED.fullmatch(clause, a.end, b.start) for a, b in itertools.pairwise(times)
        )
        # "11h, 13h ou 15h (horário de Brasília)": a zone after the last time covers the ones before it.
        # (a time restated in another zone right after one, "14h (10h em São Paulo)", shares nothing)
        restating = [i > 0 and _restated(clause, times[i - 1].end, t.start)
                     for i, t in enumerate(times)]
        shared = next(
            (z for z, again in zip(reversed(zones), reversed(restating), strict=True) if z[1] and not again
             and (options or listed or not z[2])),
            None,
        )
        kept = False
        kept_day: date | None = None  # the day of the last time kept in this clause
        for j, (t, (tz, named, yours), again) in enumerate(zip(times, zones, restating, strict=True)):
            # a time of the sender's right after one of the user's, joined by "is" ("your 2pm is my 3pm")
            on_my_clock = (
                _IS_MINE.fullmatch(clause, times[j - 1].end, t.start) if kept and j > 0 and zones[j - 1][2] else None
            )
            if on_my_clock is not None and (on_my_clock.group("my") or tz is ref_tz or not named):
                # "Your Tuesday 2pm is my 3pm": the same instant, and the sender's offset on that day, which the
                # Date header's may not be across a clock change
                sender_clock = _offset_of(t.value, results[-1])
                continue
            if tz is ref_tz and sender_clock is not None:
                tz = sender_clock  # "... Could we do 3:30 mine instead?"
            if conversion and t.start > conversion.start():
                # ("... at 10:00 my time. So that will be 11:00 in Chicago": the day of the time it restates)
                last_day = results[-1].astimezone(tz or ref_tz).date() if results else None
                day = _own_day(t, dates, clause, times, handed_on) or (carried.day if carried else last_day)
                if named and day is not None:
                    restatements.append(_at(day, t.value, tz or ref_tz))
                continue
            if again and kept:
                continue  # "5pm SGT (10am London)", "9am PT / 12pm ET": the time just given, in another zone
            own_day = _own_day(t, dates, clause, times, handed_on)
            last = results[-1] if results else None
            if yours and last is not None and tz is not None and _at(last.astimezone(tz).date(), t.value, tz) == last \
                    and (own_day is None or _same_day_named(own_day, last.astimezone(tz).date(), dates)):
                # "11:00 a.m. Eastern? ... Toronto and Lima are on the same time: 11:00 for you as well", "9am my
                # time Wed 3 March? Should be 1pm Tuesday your end": the instant just given, on the user's clock
                continue
            if yours and not options and (kept or (converted_from and not dates)) and own_day in (None, kept_day) \
                    and not _MOVED_ONTO.search(clause, max(0, t.start - 60), t.start):
                # "19 h heure de Paris, soit 14 h pour vous": the same instant again (a clause with a date of
                # its own, such as the next item of a list, is another option, and so is a time on another day:
                # "Wednesday, March 2 at 11:00 AM Atlantic and Thursday, March 3 at 2:30 PM Atlantic")
                continue
            day = own_day or (carried.day if carried else None)
            if day is None:
                continue
            if not named:
                tz = shared[0] if shared is not None else default()
            if tz is None:
                tz = sender_clock or ref_tz
            elif not yours:
                tz = _kept_standard(tz, ref)
            if own_day is None and named and any(r.time() == t.value and str(r.tzinfo) == str(tz) for r in results):
                continue  # "I propose Wednesday 11 March, 18:00 CET. ... 18:00 CET therefore corresponds to 10:00 PDT"
            for each in (*_alternative_days(t, dates, times, clause), day, *_days_after(t, dates, times, clause)):
                try:
                    value = datetime.combine(each, t.value, tzinfo=tz)
                except (ValueError, OverflowError):
                    continue
                if value < ref - timedelta(hours=1) or value > ref + timedelta(days=400):
                    continue
                kept, kept_day = True, day
                if value in results:
                    # the same time again, now asked about or offered ("bis kurz vor halb vier ... Wäre Dienstag
                    # 15:30 Uhr in Ordnung?"): it counts as asked about
                    index = results.index(value)
                    asked[index] = asked[index] or _asked_about(clause, times, j)
                else:
                    results.append(value)
                    # (a time offered in place of the ones before counts as asked about: "Make it 1330 Mountain")
                    asked.append(_asked_about(clause, times, j))
                    guessed.append(not named and shared is None and default() is None)
                    fallback.append(bool(_FALLBACK.search(clause)))
        converted_from = kept
        same_time(clause, dates)
    if any(asked) and not asked[0]:
        # "Thursday at 2 Eastern is when I'll be driving back. Could we do Thursday the 27th at 3:30 Central?": the
        # times said before the first one asked about or offered in their place ("El martes a las 11:00 tiene
        # comité ... le proponga el martes 19 a las doce menos diez") are the sender's circumstances (after it,
        # "Alternativ ginge auch Freitag um 15 Uhr" may be another option)
        first_asked = asked.index(True)
        results, guessed = results[first_asked:], guessed[first_asked:]
        fallback = fallback[first_asked:]
    if any(fallback) and not all(fallback):
        # "ma préférence va au mardi 30 à 11h ... le mercredi 1er à 9h30 resterait possible en solution de repli":
        # the time kept in reserve is not the meeting
        results, guessed = [r for r, f in zip(results, fallback, strict=True) if not f], \
            [g for g, f in zip(guessed, fallback, strict=True) if not f]
    kept_restatements = [r for r in restatements if r is not None]
    if len(results) == 1 and len(kept_restatements) == 1 \
            and abs(results[0] - kept_restatements[0]) == timedelta(hours=1) \
            and ((guessed[0] and kept_restatements[0].tzinfo is not results[0].tzinfo)
                 or (results[0].tzinfo is ref_tz and (_clock_changes(user_tz or ref_tz, ref, results[0])
                                                      or _changes_on_some_clock_at(ref, results[0])))):
        # "mardi 30 octobre à 17h, heure de Barcelone, soit 11h chez vous (on passe à l'heure d'hiver ce week-end)":
        # a time read on the Date header's offset (named by none, or "my time") is an hour off across a clock
        # change; the sender's conversion onto another clock says which instant they mean (one on the same clock,
        # "Your 10:00 will be 9:00 here", says the Date header's offset is not the sender's)
        return Found(kept_restatements)
    if not results:
        # "Your Tuesday evening works: on my side that is Wednesday 1 March at 9:00 Singapore time": the only
        # time written is the restatement of the user's, and it is the instant
        # (each instant once: "also 14:15 Ihrer Zeit (15:15 bei mir in Wien)" restates one)
        window = (ref - timedelta(hours=1), ref + timedelta(days=400))
        results = list(dict.fromkeys(r for r in restatements if r is not None and window[0] <= r <= window[1]))
    return Found(results)


def _carried(clause: str, dates: list[DateMention]) -> DateMention:
    """The day a clause without a time hands on to the next one: its last, unless that one is the reserve
    ("Friday is my first choice, Thursday at a push. 16:30 your time...")."""
    taken = [d for d in dates
             if not any(a <= d.start < b and _FALLBACK.search(clause, a, b) for a, b in clause_parts(clause))]
    return (taken or dates)[-1]


# An hour preposition right before a time: "a las 12:30", "um halb zehn", "push it to 9:30" (not "by 1")
_AT_BEFORE = regex(
    r"\b(?:at|to|make it|do|does|would|could|say|a las|a la|alle|all'|um|à|om|às|as|ore)\s$", re.IGNORECASE
)
_NEARBY_MINUTES = 180


def _minutes_apart(a: time, b: time) -> int:
    return abs((a.hour * 60 + a.minute) - (b.hour * 60 + b.minute))


def _same_day_named(said: date, day: date, dates: list[DateMention]) -> bool:
    """Whether a day read from a clause is ``day``: the same date, or a weekday alone that falls on it."""
    return said == day or (said.weekday() == day.weekday() and not any(d.explicit for d in dates if d.day == said))


_LISTED = regex(r"\s*(?:,|/|&|and then|and|then|und dann|und|et puis|et|y luego|y|e poi|e|en dan|en)\s*", re.IGNORECASE)


def _kept_standard(tz: tzinfo, ref: datetime) -> tzinfo:
    """The zone a sender means by a name ("2:30 PM Atlantic" from Puerto Rico, "1pm AEST" from Brisbane in
    October): when the named zone is on daylight-saving time at the Date but the Date's fixed offset is the zone's
    standard one, the sender's region keeps standard time all year, and that offset is meant."""
    if not isinstance(ref.tzinfo, timezone):
        return tz  # the Date was read on the user's clock (see classify): its offset says nothing more
    there = ref.astimezone(tz)
    saving = there.dst()
    offset = there.utcoffset()
    if saving and offset is not None and ref.utcoffset() == offset - saving:
        return ref.tzinfo
    return tz


def _at(day: date, value: time, tz: tzinfo) -> datetime | None:
    try:
        return datetime.combine(day, value, tzinfo=tz)
    except (ValueError, OverflowError):
        return None


_PARAGRAPH = regex(r"\n\s*\n")


# A writer who starts no sentence with a capital ("sorry, missed it. could do 4:30 tomorrow"): their sentences end
# at a full stop after a word, whatever follows.
_CAPITALISED = regex(r"(?:^|[.!?]\s+)[\"'(]?[A-Z]")
_LOWER_CASE_SPLIT = regex(r"(?<=[^\W\d]{2}[.!?])\s+(?=[^\W\d])")


def split_clauses(text: str) -> list[str]:
    text = _URL.sub(" ", text)
    clauses = _CLAUSE_SPLIT.split(text)
    if not _CAPITALISED.search(text.lstrip()):
        clauses = [part for clause in clauses for part in _LOWER_CASE_SPLIT.split(clause)]
    return [" ".join(c.split()) for c in clauses if c and c.strip()]


def _inside_date(t: _Time, dates: list[DateMention]) -> bool:
    return any(d.start <= t.start < d.end for d in dates)


_EITHER = regex(r"\b(?:or|either|oder|ou|o|of|oppure|ovvero|ó)\b", re.IGNORECASE)
_OR = regex(r"^[\s,;(]*\b(?:or|oder|ou|o|of|oppure|ovvero|and|und|et|y|e|en)\b[\s,]*$", re.IGNORECASE)


def _alternative_days(t: _Time, dates: list[DateMention], times: list[_Time], clause: str) -> list[date]:
    """Days offered with the same time: "Mittwoch, 24.3., oder Freitag, 26.3., jeweils 16 Uhr"."""
    before = [i for i, d in enumerate(dates) if d.end <= t.start]
    if not before:
        return []
    out: list[date] = []
    for j in range(before[-1], 0, -1):
        left, right = dates[j - 1], dates[j]
        if any(left.end <= other.start < right.start for other in times):
            break
        if any(other.end <= left.start and not any(other.end <= d.start < left.start for d in dates)
               for other in times):
            break  # "4pm on Monday or Tuesday at 9am": Monday is the day of the time before it
        if not _OR.match(clause[left.end : right.start]):
            break
        out.insert(0, left.day)
    return out


_OR_ON = regex(r"[\s,;(]*\b(?:or|oder|ou|o|of|oppure|and|und|et|y|e|en)\b[\s,]*(?:(?:on|am|le|el|il|op|no|na)\s)?",
               re.IGNORECASE)


def _days_after(t: _Time, dates: list[DateMention], times: list[_Time], clause: str) -> list[date]:
    """Further days offered at a time whose own day follows it: "9:00 AM your time on Friday 3 April or on
    Tuesday 7 April" (only for the clause's last time, with no day before it)."""
    after = [d for d in dates if d.start >= t.end]
    if not after or any(d.end <= t.start for d in dates) or any(other.start > t.start for other in times):
        return []
    out: list[date] = []
    for left, right in itertools.pairwise(after):
        if not _OR_ON.fullmatch(clause, left.end, right.start):
            break
        out.append(right.day)
    return out


# Between the user's time and the sender's restatement of it: "your 2pm is my 3pm", "your 9 would be 8 for me"
_IS_MINE = regex(
    r"(?:\s(?:[^\W\d]+\s)?(?:time|zeit|hora|heure|ora|tijd))?"  # the first time's zone: "11 Uhr griechischer Zeit"
    r",?\s(?:is|=|would be|will be|becomes|lands at|means|sind|ist|wäre|wären|son|es|sería|serían|sono|è|sarebbe|"
    r"sarebbero|zijn|is dat|zou zijn|são|é|seria|seriam|cioè)\s"
    r"(?P<my>my\s)?(?:(?:bei mir|bei uns|chez moi|chez nous|para m[íi]|per me|da me|para mim|voor mij|bij mij|bij ons)"
    r"\s)?(?:(?:hier|here|ici|aquí|aqui|qui)\s)?(?:(?:in|en|em|à|a)\s[^\W\d]+\s)?(?:(?:las?|le|les|as|às|um)\s)?",
    re.IGNORECASE,
)


def _offset_of(clock: time, instant: datetime) -> tzinfo | None:
    """The fixed offset on which ``instant`` reads ``clock`` (within a day either way); None when the
    difference is no whole quarter hour a zone could have."""
    utc = instant.astimezone(UTC).replace(tzinfo=None)
    diff = datetime.combine(utc.date(), clock) - utc
    diff -= timedelta(days=round(diff / timedelta(days=1)))
    if abs(diff) > timedelta(hours=14) or diff % timedelta(minutes=15):
        return None
    return timezone(diff)


# Offering a time in place of others: "make it 1330" (not "I make it 8:30am", a conversion), "how about", "te
# propongo", "je vous propose", "mejor el viernes", "facciamo", "maak er 9u van"; and "instead" after the time.
_OFFERED = regex(
    r"\b(?:(?<!\bi )make it|let'?s (?:do|say|make it|go with|pull it|push it|move it|bump it|shift it)|"
    r"how about|what about|how'?s|how does|propon(?:go|ho)|propong[ao]|"
    r"(?:je|nous) (?:vous |te )?propos(?:e|ons)|ich schlage|schlage ich|mejor|plutôt|lieber|meglio|melhor|liever|"
    r"maak er|facciamo|hagamos|disons|digamos|diciamo)\b",
    re.IGNORECASE,
)
_INSTEAD = regex(
    r"[^.?!\n]{0,30}\b(?:instead|plutôt|stattdessen|invece|en su lugar|em vez disso|in plaats daarvan)\b", re.I
)


def _asked_about(clause: str, times: Sequence[_Time], j: int) -> bool:
    """Whether time ``j`` of a clause is asked about or offered: in a question, unless a later time of the clause is
    the one offered ("Neither of yours are great (5am for me) so how's Thu 15 Oct 8am AEDT?"), or offered itself."""
    if _offered_instead(clause, times, j):
        return True
    return ("?" in clause or "¿" in clause) and not any(
        _offered_instead(clause, times, k) for k in range(j + 1, len(times))
    )


def _offered_instead(clause: str, times: Sequence[_Time], j: int) -> bool:
    """Whether time ``j`` of a clause is offered in place of what came before it."""
    start = times[j - 1].end if j > 0 else 0
    return bool(_OFFERED.search(clause, start, times[j].start) or _INSTEAD.match(clause, times[j].end)
                or _MOVED_ONTO.search(clause, max(0, times[j].start - 60), times[j].start))


# "Could we nudge your Thursday 2pm back to 2:15?": the time a slot is moved onto
_MOVED_ONTO = regex(
    r"\b(?:push|move|shift|bump|nudge|slide|pull)\w*\b[^.?!\n]{0,40}\s(?:back |forward |up |over )?to\s?$",
    re.IGNORECASE,
)


def _clock_changes(tz: tzinfo, start: datetime, end: datetime) -> bool:
    """Whether the clocks of ``tz`` change between two instants."""
    return start.astimezone(tz).utcoffset() != end.astimezone(tz).utcoffset()


@cache
def _daylight_rules() -> tuple[tzinfo, ...]:
    """The daylight-saving rules most senders live by, one zone for each (the EU's at three offsets, North
    America's at four, Chile's, south-east Australia's and New Zealand's); loaded on first use, not at import."""
    names = (
        "Europe/London", "Europe/Paris", "Europe/Helsinki", "America/Halifax", "America/New_York", "America/Chicago",
        "America/Denver", "America/Los_Angeles", "America/Santiago", "Australia/Sydney", "Pacific/Auckland",
    )
    return tuple(tz for name in names if (tz := zone(name)) is not None)


def _changes_on_some_clock_at(sent: datetime, instant: datetime) -> bool:
    """Whether a daylight-saving clock that read the Date header's offset when the mail was sent changes before
    ``instant`` ("at 10:00 my time? That would be 18:00 for you – after our change to winter time ...")."""
    return any(
        sent.utcoffset() == sent.astimezone(tz).utcoffset() and _clock_changes(tz, sent, instant)
        for tz in _daylight_rules()
    )


def _own_day(
    t: _Time, dates: list[DateMention], clause: str, times: Sequence[_Time], handed_on: DateMention | None
) -> date | None:
    """The day of a time in its clause; the day the sentences before handed on when the clause's only days come
    after the time in another part ("Thursday works. That's 10am here, since our clocks change this Sunday")."""
    day = _date_for(t, dates, clause, times)
    if handed_on is not None and day is not None and all(
        d.start >= t.end and _PARTS.search(clause, t.end, d.start) for d in dates
    ):
        return handed_on.day
    return day


# What may sit between a time and the day it is on, written after it: "8am Tuesday", "8am, on Tuesday"
_DAY_RIGHT_AFTER = regex(r"\s?,?\s(?:on\s)?", re.IGNORECASE)


def _date_for(t: _Time, dates: list[DateMention], clause: str = "", times: Sequence[_Time] = ()) -> date | None:
    before = [d for d in dates if d.end <= t.start]
    after = [d for d in dates if d.start >= t.end]
    found = before[-1] if before else after[0] if after else None
    if before and after and _DAY_RIGHT_AFTER.fullmatch(clause, t.end, after[0].start) \
            and any(before[-1].end <= other.start < t.start for other in times):
        # "Your Monday 3pm lands at 8am Tuesday for me": the day before has a time of its own, the one right
        # after is this time's
        found = after[0]
    if found is not None and not found.explicit:
        # "donderdag om 14.00 uur, dus de 25e": a bare weekday is the date the clause spells out on that weekday
        spelled = [d.day for d in dates if d.explicit and d.day.weekday() == found.day.weekday()]
        if len(set(spelled)) == 1:
            return spelled[0]
    return found.day if found is not None else None


# The parts of a sentence a day is said yes or no in: between commas, semicolons, colons and dashes.
_PARTS = regex(r"[,;:]\s|\s[-–—]\s")


def clause_parts(clause: str) -> list[tuple[int, int]]:
    """(start, end) of each part of ``clause`` between the separators of _PARTS."""
    cuts = [0, *(i for m in _PARTS.finditer(clause) for i in (m.start(), m.end())), len(clause)]
    return list(zip(cuts[::2], cuts[1::2], strict=True))
