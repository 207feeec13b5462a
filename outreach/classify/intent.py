"""Decide a person's intent from their new text (no quotes, no signature).

Rules run in a fixed order; each returns the intent and a confidence that says how
strong the evidence is (see :mod:`outreach.classify` for the scale).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from outreach.classify.cues import lowered, pattern
from outreach.classify.dates import DAY_WORD, MAYBE_DATE, MONTH_PATTERN, WEEKDAYS, word_led
from outreach.classify.referrals import THANKS_WORDS
from outreach.classify.resume import RECONTACT
from outreach.regex_store import regex

logger = logging.getLogger(__name__)

_UNSUBSCRIBE = regex(
    r"\bunsubscribe\b|\bremove me (from|off)\b|\btake me off\b|\bopt(ing)?[- ]?out\b"
    r"|\bstop (contacting|emailing|e-mailing|messaging|writing to|sending (me|these))\b"
    r"|\b(do not|don't|dont|never) (contact|email|e-mail|message|write to) me\b(?!\s(until|before|till|after))"
    r"|\bno (more|further) (emails|e-mails|messages|contact)\b"
    r"|\brefrain from (contacting|e-?mailing|writing|messaging|sending)\b"
    r"|\b(don't|do not) include me in (any )?(future|further)\b"
    r"|\A\W*(remove|unsubscribe|stop)\W*\Z",
)
_LATER = regex(
    r"\b(follow(ing)? up|reach(ing)? (back )?out|ping me|nudge me|email me|e-mail me|contact me|write (to )?me|"
    r"try me|check back|circle back|touch base|reconnect|get back in touch|check in|write back|write again|"
    r"get back to me|give me a shout|write to us|"
    r"drop me a (line|note|message|msg|email|mail)|send me a reminder|remind me|hit me up|revert)\b[^.?!]{0,50}"
    r"\b(again|later|in a (bit|few|couple|month|week)|after|in (the )?new year|next (month|week|year|quarter)|"
    r"(the )?(first|second|third|last|final) (week|days|half) of|this (summer|spring|fall|autumn|winter)|"
    r"in (about |around |roughly )?(a|one|two|three|four|five|six|a few|a couple of|\d+) (days|weeks?|months?)|"
    r"once|when|the week of|on or after|then|in (january|february|march|april|may|june|july|august|"
    r"september|october|november|december))\b"
    r"|\b(look at|try|aim for|push (it|this) to) (the )?week of\b"
    r"|\b(let me|lemme|i'll|i need to|need to) (check|run (it|this) by|clear (it|this)) (w/ |with |by )?(my )?"
    r"(manager|boss|team|legal|comms|hr)\b[^.!?\n]{0,40}\b(first|get back|revert|come back)\b"
    r"|\b(once i'?m back|when i'?m back|after the holidays|in the new year|later (this|in the) (year|month|fall|"
    r"spring|summer|winter)|next quarter|things (calm down|settle)|(ask|try) me again|ping me again)\b",
)
# An explicit no that a busy period beside it does not turn into "later" ("Sadly no -- I'm buried until January").
_FLAT_NO = regex(
    r"\bsadly,? no\b|\b(?:rather|have to|'d better) say no\b|\b(?:tell|telling) you no\b|\b(?:it'?s|that'?s) a no\b"
    r"|\bhard pass\b"
    r"|\b(?:the |my )?answer (?:has to be|is|will have to be|'s) (?:a )?no\b"
)
# A no said in so many words ("I'm going to decline"): a busy period beside it explains the no, it asks for no
# later call unless the sender asks to be written to again.
_SAYS_NO = regex(
    r"\b(?:must|have to|going to|need to|'ll have to|will have to|got to|'m going to|i'?ll) (?:decline|say no|pass)\b"
    r"|\bnot (?:for|before) a long time\b|\bnot any ?time soon\b"  # "not before a long time": no later call
)
# (every English cue below starts with a letter or an apostrophe: "'ll have to")
_LETTER_OR_APOSTROPHE = r"[\w']"
_DECLINE = regex(word_led(
    _FLAT_NO.pattern + r"|"
    r"\b(have to|going to|need to|must|will have to|'ll have to|got to) (pass|decline|say no)\b"
    r"|\bi('m| am)( going to)? pass(ing)?\b|\b(pass|passing) on this\b"
    r"|\b(won't|will not|can't|cannot|can not|shan't|shall not|unable to|not able to|not be able to)( be able to)? "
    r"(meet|help|chat|(talk|speak)(?! for\b)|take (this|that|it|these)( one)? on|take on|"
    r"take (informational|these|such|any)|"
    r"do (this|it|that|these|informational)|make time|"
    r"participate|accommodate|commit|fit (this|it) in)\b"
    r"|\b(not|no longer|stopped) (doing|taking|accepting|offering)( on)? (any |any more |such )?(informational|these|"
    r"this kind|calls|meetings|requests)\b"
    r"|\bpolicy (doesn't|does not|won't|wouldn't) (allow|permit)\b|\bnot (allowed|permitted) to\b"
    r"|\b(doesn't|does not|don't|do not|won't|will not) (allow|permit|let) (me|employees|us|staff)\b|\bdecline\b"
    r"|\bnot (really )?in a position to\b"
    r"|\b(be|am|i'm) (probably |likely |really |honestly |just )?(the )?wrong (person|guy|gal|one|contact)\b"
    r"|\b(?<!probably )(?<!perhaps )(?<!maybe )not your (guy|gal|man|woman|person|best bet)\b"
    r"|\bnegative on (the|that|this)\b"
    r"|\bi'?ll have to say no\b|\b(?:isn't|is not|won't be) (?:going to )?happen(?:ing)?\b"
    r"|\bi'?d (?:rather|prefer) not\b(?=[,.!;]|\Z)"
    r"|\bnot (be )?a good fit\b|\bno thanks\b|\bnot interested\b"
    r"|\bnot possible (from|on|for) (my|our) (side|end|part)\b|\bstop(ped)? saying yes\b"
    r"|\b(don't|do not) want to promise\b|\b(better )?(don't|do not) count on me\b"
    r"|\b(don't|do not) think (a|an|the) (call|chat|conversation|meeting) (with me )?would (make (much |any )?sense|"
    r"be (useful|helpful|productive|worth))"
    r"|\bnot (really |honestly )?(a|the) (good|right) person (for this|for that|to ask|to help)\b"
    r"|\bplate(?:'s| is) (full|overflowing)\b|\bcan'?t fit (this|calls|it|these|that|chats|meetings)\b"
    r"|\bnot (really |honestly )?the right person\b|\bcan'?t think of anyone\b"
    r"|\b(don'?t|do not|no longer) (really )?(do|take|accept) (these|them|this|those|calls|chats|meetings|"
    r"informational)\b"
    r"|\b(can'?t|cannot) do (a |the )?(chat|call|calls|chats|1:1)\b"
    r"|\bno from me\b|\bwouldn'?t want to promise\b|\bnot taking (on )?(any|new)\b"
    r"|\bgive (this|it|that)( one)? a miss\b|\bsit this one out\b|\bstep(ping|ped)? back from (these|this|such)\b"
    r"|\b(no|neither of us has|nobody has|don'?t have|do not have|haven'?t got|lack) (the )?(bandwidth|capacity)\b"
    r"|\b(don'?t|do not|no longer) (mentor|coach|advise|do (mentoring|coaching))\b"
    r"|\b(had to |have to )?stop(ped)? (doing|taking|having) ([\w-]+ ){0,3}(calls|conversations|chats|meetings)\b"
    r"|\bstop(ped)? taking (them|these|those) on\b|\bplate is (simply |just |far )?too full\b"
    r"|\bcan'?t (this time|right now|at the moment|this month|this week|do it|now\b)"
    r"|\bunable to make an exception\b|\b(is|are|am) (unable|not able) to (accept|take|meet|join|attend|participate)\b"
    r"|\binability to\b|\bcan'?t be (of )?(more |much |any )?(help|helpful|use)\b"
    r"|\bnot (to )?(hold|take|have|do) (one-on-one |1:1 |individual )?(informational )?(meetings|calls|interviews)\b"
    r"|\b(be|am) (genuinely |really |of )?no use to you\b|\bwouldn'?t be (of )?(much|any) (use|help)\b"
    r"|\btake (anything|any more|anything more|anything else) on\b"
    r"|\b(does not|doesn't|do not|don't|no longer) (take part in|participate in|take|accept|hold|offer|conduct) "
    r"(any |such |these )?(informational|networking|exploratory)? ?(meetings|calls|interviews|conversations|chats)\b"
    r"|\b(does not|doesn'?t|do not|don'?t) (conduct|hold|offer|grant|do) (any )?informational\b",
    _LETTER_OR_APOSTROPHE,
))
# "you won't regret it" recommends; it declines nothing
_WEAK_DECLINE = regex(r"\b(unfortunately|sorry, but|(?<!n't )(?<!n’t )(?<!not )(?<!never )regret)\b")
_NOT_ME = regex(
    r"\bnot (really |honestly )?(the )?(best|right|ideal|most relevant) (person|fit|contact)\b"
    r"|\b(better|best) (person|contact|fit) (to|for)\b|\bwould be (better|more useful|more helpful)\b"
    r"|\b(recommend|suggest) (you )?(reach(ing)? out|talk(ing)?|speak(ing)?|contact(ing)?)\b"
    r"|\b(reach out to|talk to|speak (to|with)|contact) (my colleague|him|her|them)\b|\bi sent you\b"
    r"|\b(people|person|someone) i'?d recommend\b"
    r"|\b(excellent|great|good|ideal|right) (person|contact) to (ask|talk|speak)\b"
    r"|\bnot (the )?(best|well|ideally) placed\b|\bbetter placed\b|\bnot (really )?the (right )?(one|guy|gal) for\b"
    r"|\bredirect you\b|\bthe (person|people|one) you (really |actually )?want\b"
    r"|\b(phone|call|ring|whatsapp|text|try) (my (mate|friend|colleague|buddy|pal|boss)|him|her|them)\b"
    r"|\bcc'?d\b|\b(i'?ve |i have )?cop(ied|ying) (in )?(my |our )?\w+\b(?! here just)|\bover to you\b"
    r"|\bforwarding you to\b|\((in )?cc\)"
    r"|\bintroduc(e|ing) you\b|\bloop(ing|ed)? in\b",
)
# An Outlook/Teams @-mention of a colleague ("@Dana can help"): read in the original case.
_MENTION = regex(r"(?<![\w.])@[A-Z][\w'-]+")
_ACCEPT = regex(word_led(
    r"\b(happy|glad|delighted|pleased) to (chat|talk|help|connect(?! you)|meet|speak|do|jump|hop)\b"
    r"|\b[ls]gtm\b"
    r"|\b(would|'d|i'd) (love|like|be happy|be glad|be delighted) to (chat|talk|help|meet|connect|speak)\b"
    r"|\blet'?s (do|talk|chat|say|meet|connect|find|set|plan|schedule|go with|book)\b"
    r"|\bsounds (good|great)\b|\bworks (for|on) (me|my end)\b|\bcount me in\b|\bi'm in\b(?=[.!,]|\Z)"
    # "sure" and "yes" as an answer, not "I'm pretty sure you ...", "saying yes to everything"
    r"|\b(?<!make )(?<!making )(?<!'m )(?<!am )(?<!pretty )(?<!not )(?<!be )(?<!quite )(?<!fairly )(?<!so )sure\b"
    r"|\b(?<!say )(?<!saying )(?<!said )yes\b|\b(absolutely|of course)\b"
    r"|\bi can do\b|\bi('m| am) (free|available|around)\b|\bhow about\b|\bwould .{0,30} work for you\b"
    r"|\b(grab|pick|book) (a|any|an open)\b|\b(calendar|meeting) invite\b|\bsend (you )?(an |a )?invite\b"
    r"|\bwhen works\b|\bhappy to\b|\bi could offer\b|\boptions\b"
    r"|(?<![^\n])(fine|grand|done)[.!]"  # alone at the start of a line
    r"|\b(slot|time|option|one|date|monday|tuesday|wednesday|thursday|friday)('s| is| looks) (good|fine|great|perfect|"
    r"ideal|best)\b|\bpencil (it|me|us|that) in\b",
    _LETTER_OR_APOSTROPHE,
))
_QUESTION = regex(
    r"\b(resume|résumé|cv|linkedin|portfolio|what (would|do) you (like|want|hope)|what are you (hoping|looking)|"
    r"hoping to (cover|get|learn|discuss)|(tell me )?(a bit )?more about|is this for|"
    r"(be )?(recorded|quoted|published)|which (role|team|position|roles)|are you (looking|interested|applying)|"
    r"could you (send|share|tell)|can you (send|share|tell)|what (topics|questions)|what specifically|"
    r"what you'?re hoping|what you'?d (like|want)|is this (a|an|about|part of|on the record)|are you still|"
    r"what'?s your background|your background|what'?s your (current )?(role|title|position|job)|"
    r"which (program|programme|school|course|university|class|cohort)|remind me (which|what|who|where)|"
    r"(on|off) the record)\b",
)
_BEFORE_YES = regex(r"\bbefore (?:i|we) (?:say yes|commit|confirm|agree|accept)\b")
_BEFORE_COMMIT = regex(
    r"\bbefore (i|we) (commit|say yes|agree|set (something|anything|a time) up|schedule|book|confirm)\b"
    r"|\bquick question\b",
)
_GREETING_WORD = (
    r"hi|hello|hey|dear|hola|buenas|buenos días|buenas tardes|estimad[oa]|bonjour|bonsoir|salut|cher|chère|hallo|"
    r"fala|opa|salve|servus|grüezi|hej|coucou|"
    r"liebe[rs]?|guten tag|moin|olá|oi|car[oa]|prezad[oa]|ciao|buongiorno|buonasera|gentile|beste|dag|hoi|"
    r"monsieur|madame|señor|señora|senhor|senhora|signore|signora|herr|frau|mevrouw|meneer|sir|madam|team|"
    r"all|everyone|folks|there|"
    # a title in place of a name ("Gentile Architetto,", "Estimado Ingeniero:", "Sehr geehrter Herr Doktor,")
    r"architett[oa]|ingegnere|dottor(?:e|essa)|avvocat[oa]|professor(?:e|essa)?|geometra|doctor|engineer|"
    r"ingenier[oa]|licenciad[oa]|arquitect[oa]|arquitet[oa]|engenheir[oa]|doutor[a]?|docteur|ingénieur|maître|doktor|"
    r"ingenieur|colleague|colega|collega|collègue|kollege|kollegin"
)
# (a name in Latin Extended-A letters too: "Hēmi", "Łukasz")
_SALUTATION = regex(
    r"^\s*(?:(?P<greeting>(?i:" + _GREETING_WORD + r"))[ ,]+)?@?(?P<name>[A-ZÀ-ÝĀ-ſ][a-zà-ÿĀ-ſ]+)"
    r"(?:\s*[–—,:]|\s*-{1,2}(?=\s))",
    re.MULTILINE,
)
# Words that open a reply the way a name would ("Done - sent you an invite", "No, sorry", "Perfecto, ...").
_NOT_NAMES = frozenset(
    word
    for line in (
        "thanks thank sure yes yep yeah sorry ok okay done great perfect noted understood agreed absolutely certainly",
        "definitely unfortunately alas apologies cheers no nope nah hello hi hey also update quick",
        "ha haha hah oh ah aha uh um umm eh well wow hmm ooh gosh yikes seriously honestly sadly happily wait look",
        "honey hon sweetie darling love mate buddy pal chief oof ugh argh phew whew yay welp yikes",
        "listen fyi btw",
        "grand lovely brilliant cool excellent super fab fantastic ace aye righto",
        "regrettably fortunately luckily frankly honestly truthfully personally actually anyway hopefully ideally",
        "apparently basically currently normally usually otherwise meanwhile incidentally admittedly",
        "merci parfait entendu désolé désolée oui non bien",
        "gracias perfecto claro vale listo hecho genial lamentablemente sí mirá oye oiga che pues bueno",
        "danke klar super gerne prima erledigt leider ja nein verstanden",
        "obrigado obrigada perfeito feito certo combinado infelizmente sim não",
        "grazie perfetto fatto purtroppo volentieri sì",
        "bedankt dank gedaan helaas nee top allez nou tja goh",
    )
    for word in line.split()
)


@dataclass(frozen=True)
class Evidence:
    """What the other stages found, as input to the intent rules."""

    text: str
    times: int
    booking: bool
    invitation: bool
    referrals: int
    user_names: frozenset[str]
    # How many of the referrals the new text itself names by address (the others are only on copy).
    referrals_in_text: int = 0
    # The user's first names, for nicknames ("Bia" for Beatriz).
    user_first_names: frozenset[str] = frozenset()
    # First names of the people on copy: a reply may greet the introducer first ("Carla, valeu pela ponte!").
    copied_names: frozenset[str] = frozenset()
    # The user's display name is on the message (To: "Sam Rivera <...>"), not only an address.
    user_named: bool = False
    # Days from the message to the restart day the sender names ("a partir del 12 de abril", "in June"),
    # None when they name none: a later cue's second finding, and a deferral on its own when far enough.
    # A function, because finding it costs a pass over the dates and most replies never need it.
    resume_in_days: Callable[[], int | None] = lambda: None
    # In-Reply-To or References names an earlier message: the text answers someone (not a notification).
    in_thread: bool = True
    # The text names a day of the user's quoted proposal ("Thursday works"): a function, like resume_in_days.
    names_proposed_day: Callable[[], bool] = lambda: False


_THANKED = regex(rf"\b{THANKS_WORDS}\b")


def _nickname(name: str, first_names: frozenset[str]) -> bool:
    """A short name that begins the user's first name ("Cami" for Camila), or of three letters with its initial
    ("Bia" for Beatriz); not another name of four ("Sara" is not Sofía)."""
    return len(name) <= 4 and any(
        len(first) > len(name) and (first.startswith(name[:2]) if len(name) > 3 else first[0] == name[0])
        for first in first_names
    )


def _misaddressed(ev: Evidence) -> bool:
    """The note greets someone who is not the user ("Raj - another one of these ...")."""
    first = ev.text.lstrip().split("\n", 1)[0]
    m = _SALUTATION.match(first)
    if not m or not ev.user_names:
        return False
    name = m.group("name").lower()
    if re.fullmatch(_GREETING_WORD, name, re.IGNORECASE):
        return False
    if m.group("greeting") and not ev.user_named:
        return False  # "Hi Sam," when only the user's address is known: Sam may well be the user
    if name in _NOT_NAMES or name in WEEKDAYS:
        return False  # "Donnerstag, 11.2. geht", "Tuesday - works" (not months: "Marco", "April" are names)
    if any(pattern(cue).match(lowered(first)) for cue in ("accept", "decline", "later")):
        return False
    if name in ev.user_names or _nickname(name, ev.user_first_names):
        return False
    if name in ev.copied_names and _THANKED.search(lowered(first)[: m.end() + 30]):
        return False  # "Carla, valeu pela ponte!": the introducer on copy, thanked before the user is answered
    # "Kwame, thanks for the intro! / Thabo – ...": the introducer first, then the user on a line of their own
    return not any(m.group("name").lower() in ev.user_names for m in _SALUTATION.finditer(ev.text))


def _any(english: re.Pattern[str], cue: str, text: str) -> bool:
    """The English rule or any other language's cue for the same thing."""
    return bool(english.search(text) or pattern(cue).search(text))


# "if it's a pitch for a museum pilot I'll pass": a no said of a condition is no answer yet
_CONDITION = regex(r"\b(?:if|unless|in case|si|wenn|falls|qualora|mocht|caso)\b", re.IGNORECASE)


def _undated(english: re.Pattern[str], cue: str, text: str) -> bool:
    """Like :func:`_any`, but a cue in a sentence that names a day ("el miércoles no voy a poder") turns down that
    day, not the call."""
    for cues_of in (english, pattern(cue)):
        for m in cues_of.finditer(text):
            window = max(0, m.start() - 400)  # (a clause is shorter than that: spares scanning from the top)
            start = max((b.end() for b in _CLAUSE_BREAK.finditer(text, window, m.start())), default=window)
            end = next((b.start() for b in _CLAUSE_BREAK.finditer(text, m.end(), m.end() + 400)), len(text))
            if not DAY_WORD.search(text, start, end) and not _CONDITION.search(text, start, m.start()):
                return True
    return False


# Where a clause ends: a sentence's end, or "and"/"but" ("I'm off on Friday and can't fit this call in").
_CLAUSE_BREAK = regex(r"[.!?;\n]|\s(?:and|but|e|y|et|und|aber|pero|mas|mais|ma|maar)\s")


# A negation earlier in the same clause ("that's not really something I can do"); a comma, a dash or "but"
# closes its scope ("No worries, happy to chat", "not sure yet but happy to").
_NEGATED = regex(
    r"(?:\b(?:no|not|não|nao|ne|nicht|kein|keine|non|niet|geen|never|nunca|jamais)|n't)\s"
    r"(?:(?!\b(?:but|pero|mais|aber|mas|ma|maar)\b)[^,;:.!?\n—–-])*$",
)


def _affirmed(english: re.Pattern[str], cue: str, text: str) -> bool:
    """Like :func:`_any`, but a cue right after a negation ("no tengo disponibilidad") does not count."""
    for cues_of in (english, pattern(cue)):
        for m in cues_of.finditer(text):
            if not _NEGATED.search(text[max(0, m.start() - 40) : m.start()]):
                return True
    return False


class _Lazy:
    """A finding of :func:`decide`, computed the first time a rule asks for it."""

    __slots__ = ("_compute", "_value")

    def __init__(self, compute: Callable[[], object]) -> None:
        self._compute = compute
        self._value: bool | None = None

    def __bool__(self) -> bool:
        if self._value is None:
            self._value = bool(self._compute())
        return self._value


def decide(ev: Evidence) -> tuple[str, float]:
    """(intent, confidence) for a human reply.

    Calibration: 0.6 or more (the daemon acts) needs two findings that agree, such as a yes and a
    time, a no and no yes, a pointer and an address. One cue alone, or cues that pull different ways
    (a yes beside a later, a time beside a no), stay under 0.6 so the user decides.
    """
    # The rules are written in lower case with straight apostrophes (most clients send curly ones) and match
    # case-sensitively, which is about three times faster than ignoring case; a reply's first word starts the text.
    original = ev.text.replace("’", "'").strip()
    # (a plain-text line wrapped mid-sentence reads as one line: "ik zie het echt\nniet zitten")
    text = _WRAPPED.sub(" ", _CONTRACTION.sub(r"\1't", lowered(original)))
    if not text.strip() and not ev.invitation:
        return "unknown", 0.1
    if ev.invitation:
        return "accepted", 0.95
    if _any(_UNSUBSCRIBE, "unsubscribe", _FOOTER_LINE.sub("", text)):
        return "unsubscribe", 0.9
    # (the findings below are computed when a rule first asks: most replies are decided by a few of them)
    accept = _Lazy(lambda: _affirmed(_ACCEPT, "accept", text))
    decline = _Lazy(lambda: _undated(_DECLINE, "decline", text) or _policy_refusal(text) or _refusal(text))
    # A booking page beside a refusal and no yes is most often the signature's standing offer, not an answer.
    concrete = ev.times > 0 or (ev.booking and not (decline and not accept))
    not_me = _Lazy(lambda: _any(_NOT_ME, "not_me", text) or _MENTION.search(original) is not None)
    later = _Lazy(lambda: _any(_LATER, "later", text))
    # a question mark, or a short note that opens with a question word ("who gave u my email")
    asks = (
        "?" in _URL.sub("", text)  # not a link's query string ("zoom.example/j/1?pwd=...")
        or "¿" in text
        or (len(text.split()) <= _TERSE_WORDS and _WH_START.match(text) is not None)
        or _INDIRECT_QUESTION.search(text) is not None
    )
    question = _Lazy(lambda: asks and _any(_QUESTION, "question", text))
    # asked before agreeing: a question, or a request that is one ("send your CV first and I'll see")
    before_commit = _Lazy(
        lambda: (asks and _BEFORE_COMMIT.search(text) is not None) or bool(pattern("before_commit").search(text))
    )
    if pattern("wrong_recipient").search(text) and not concrete:
        # "I think this mail isn't meant for me": not the person the user wrote to
        return "unknown", 0.4
    if _INTRODUCING.search(text) and not (concrete or ev.referrals):
        # "So glad you two are connecting! I'll bow out here": the introducer's word, not the contact's answer
        # (one who introduces someone new, "Aisha - meet Sam ... leave you two to it", refers the user on)
        return "unknown", 0.4
    if _PASSED_ON.search(text):
        # "Sir, please see below request from a CA in Mumbai. Shall I block 20 minutes for him?": a note about
        # the user to someone else, even with a time in it
        return "unknown", 0.4
    if _UNRELATED.search(text) and not concrete:
        # "Unrelated, sorry, but did you ever get the data?": about something else
        return "unknown", 0.4
    if _HOLDING.search(text) and not (concrete or decline or ev.referrals):
        # "Will read this properly once I'm back on wifi": they will answer; nothing to act on yet
        return "unknown", 0.4
    if _misaddressed(ev) and (ev.user_named or not concrete):
        # Greeting someone else is mail meant for them, even with a time in it; when only the user's
        # address is known, a nickname is likelier than misdirected mail once a time is offered.
        return "unknown", 0.4
    # "Happy to - Thursday works. I've cc'd Omar, who did the same program": a yes that also points on.
    points_on = not (accept and not decline and ev.names_proposed_day())
    to_person = _PROFILE.search(original) or _any(_TO_PERSON, "to_person", text) or _CALL_NUMBER.search(text)
    if not ev.referrals and not concrete and to_person and (not_me or decline):
        # "talk to Fatima instead: linkedin.com/in/fatima": pointed on, though with no address to record
        return "referral", 0.55
    says_no = bool(_FLAT_NO.search(text) or _any(_SAYS_NO, "says_no", text)) and not RECONTACT.search(text)
    if ev.referrals and (says_no or decline) and not ev.referrals_in_text and not concrete and _FOR_RECORD.search(text):
        # "I have copied Lise from my office for our records", "damit die Anfrage sauber abgelegt wird": a copy kept
        # for the file, not a pointer
        return "declined", 0.85
    if ev.referrals and (says_no or decline) and not not_me and not ev.referrals_in_text and not concrete:
        # "So I'm going to have to say no. I've copied her here just so she's aware": a copy, not a pointer
        return "declined", 0.85
    # (a booking page with no yes beside a pointer is the signature's: "not your best bet, write to Maya")
    if ev.referrals and (decline or not_me) and (not concrete or not (ev.times or accept)) and points_on:
        # A yes beside the pointer ("happy to chat, and I've cc'd Omar too") may be an acceptance: the user decides.
        return "referral", 0.85 if decline or not accept else 0.55

    if ev.times and asks and _BEFORE_YES.search(text):
        # "Quick one before I say yes - is your 10:00 on Tuesday BST or GMT?": the time is the user's, asked about
        return "question", 0.55
    if before_commit and not ev.times:
        # "Could you send your CV first?" (a booking page in the signature is no answer to that yet), even beside
        # a doubt ("I can't promise anything, but first: ..."): the reply waits on the user's answer
        return "question", 0.85 if not (ev.booking or decline) else 0.55

    # "Happy to, but could we push this to June?": a restart day well past the weeks the user asked about.
    def deferred() -> bool:
        days = ev.resume_in_days()
        return days is not None and DEFER_DAYS <= days <= DEFER_MAX_DAYS

    if not concrete and not says_no and (later or deferred()):
        # "Not now, write me again from the 12th": a no beside a restart day is the later itself.
        sure = later and (not decline or ev.resume_in_days() is not None)
        return "later", 0.8 if sure else 0.55
    if decline and accept and asks and not concrete and pattern("other_time").search(text):
        # "Volentieri! Those two dates don't work for me - when would the week after suit you?"
        return "accepted", 0.55
    if decline and asks and _HEDGED.search(text) and not says_no:
        # "I don't in principle do free advice calls any more ... how do you see it?": a condition, asked about
        return "question", 0.55
    if decline and not concrete:
        return "declined", 0.85 if not accept else 0.55
    if not concrete and pattern("busy_until").search(text):
        return "later", 0.55
    if concrete:
        # A restart day weeks off beside a time or booking page ("slammed until March; book after the 15th").
        doubt = decline or later or before_commit or not accept or deferred()
        return "accepted", 0.9 if not doubt else 0.55
    if accept and not (decline or later or asks) and ev.names_proposed_day():
        # "Thursday works for me": a yes and a day of the user's own proposal agree
        return "accepted", 0.9
    if accept and (question or _asks_about_more_than_logistics(text)):
        return "question", 0.55
    if accept:
        return "accepted", 0.55
    if question:
        return "question", 0.55
    if ev.referrals:
        return "referral", 0.5
    if _any(_WEAK_DECLINE, "weak_decline", text):
        return "declined", 0.5
    if asks and ev.in_thread and len(text.split()) <= _SHORT_WORDS and _WORD.search(text):
        # A short note asking something back, with nothing else said ("C'est pour un projet universitaire ?").
        return "question", 0.5
    return "unknown", 0.3


# A restart day this far off is a deferral, not a date for the chat itself (the user asks for the coming
# couple of weeks); further than DEFER_MAX_DAYS it is likelier a past month ("the meetup in December").
DEFER_DAYS = 14
DEFER_MAX_DAYS = 240
# A mailing footer's line ("Unsubscribe: https://...", "click here to manage your preferences"): a tool's words
# under a person's reply, not the person asking.
_FOOTER_LINE = regex(
    r"^.*(?:https?://|www\.|\bclick\b|\bpreferences\b|\byou (?:are )?receiv|\bthis (?:e-?mail|message) was sent)"
    r".*$",
    re.MULTILINE,
)
_TERSE_WORDS = 12
_PROFILE = regex(r"linkedin\.\w+(?:\.\w+)?/in/[\w-]+", re.IGNORECASE)
# "call Lotte Jansen, she's our product owner: 030 555 0173", "chiami il dott. Conti allo 06 5550 1234": a person to
# call, and the number, in any of the languages
_CALL_NUMBER = regex(
    r"\b(?:call|phone|ring|bel|chiama|chiami|chiamate|llama|llame|llamá|ligue|liga|ligar|appelez|appelle|appeler|"
    # (a word after the verb, not a signature's "Phone: 02 5550 1234")
    r"rufen|ruf|anrufen)\s(?!(?:me|mij|mi|moi|mich|us|ons|nous|uns)\b)[^\W\d][^!?\n]{0,60}?\+?\(?\d[\d ()./-]{6,}\d"
)
_TO_PERSON = regex(
    r"\b(?:drop|send|shoot) (?:him|her|them) (?:a line|a note|an email|a message)\b"
    r"|\b(?:phone|call|ring|whatsapp|text) (?:my (?:mate|friend|colleague|buddy|pal|boss)|him|her|them)\b"
    r"|\b(?:he|she|they)(?:'s| is| are) expecting (?:your|a) (?:call|email|message|note)\b"
    r"|\bgive (?:\w+ ){1,2}a (?:ring|call|bell|buzz|shout)\b|\btell (?:him|her|them) \w+ sent you\b"
    # "you should call Marcus Bell ... his cell is (213) 555-0172"
    r"|\b(?:you should|you could|you might want to|best to|better to|best that you|best if you) "
    r"(?:call|ring|text|phone|whatsapp)\b(?! (?:me|us)\b)"
    r"|\b(?:his|her|their) (?:cell|mobile|phone|number|whatsapp)(?: number)? is\b"
)
# Why someone was copied: for the file or to keep them informed, not to be written to.
_FOR_RECORD = regex(
    r"\b(?:for (?:our|the|my) (?:records?|files?)|(?:so|just so) (?:there's|there is) a record|for the record|"
    r"for (?:visibility|awareness|information|reference)|(?:so|just so) (?:she|he|they)(?:'s| is| are) aware|"
    r"(?:sauber |ordnungsgemäß )?abgelegt|zur kenntnis|pour (?:information|info|mémoire)|pour le dossier|"
    r"para (?:que conste|conocimiento|su conocimiento|registro|constancia)|para que quede (?:registro|constancia)|"
    r"per conoscenza|per (?:il )?registro|"
    r"para (?:registro|conhecimento)|ter (?:informatie|kennisname)|voor het dossier)\b",
    re.IGNORECASE,
)
# A question put as a request: "let me know what you'd like to cover", "dites-moi si c'est pour un cours".
_INDIRECT_QUESTION = regex(
    r"\b(?:let me know|tell me|i'?d like to know|i'?d (?:want|like) to understand) (?:what|whether|which|how|why|who|"
    r"where|a bit more|more)\b"
    r"|\b(?:i'?m wondering|i was wondering|curious) (?:if|what|whether|which|how|why|who|where)\b"
    r"|\b(?:wants|would like|wishes|needs) to know (?:if|what|whether|which|how|why|who|where)\b"
    r"|\b(?:kindly|please|could you|can you) (?:confirm|advise|clarify|let me know|tell me|share) "
    r"(?:who|what|which|how|why|whether|if|where)\b"
    r"|\b(?:dime|d[íi]game|d[íi]ganme) (?:qu[ée]|si|cu[áa]l)\b|\bdites-moi (?:ce|si|quel)"
    r"|\bsag(?:en sie)? mir,? (?:was|ob|welche)\b|\bme (?:diga|diz) (?:o que|se|qual)\b"
    r"|\bmi dica (?:\w+ ){0,4}(?:cosa|se|quale|in che)\b"
    r"|\blaat (?:me|u me) weten (?:wat|of|welke)\b"
    r"|\b(?:me gustar[íi]a (?:saber|entender)|j'aimerais savoir|ich w[üu]rde gern(?:e)? wissen|gostaria de saber|"
    r"vorrei sapere|ik zou graag (?:willen )?weten)\b"
)
_WH_START = regex(r"\s*(?:who|what|why|how|where|which|qui|quién|quien|wer|quem|chi|wie)\b")
_WORD = regex(r"[^\W\d_]{2}")
_UNRELATED = regex(
    r"\A\W*(?:\w+\W+){0,3}(?:(?:totally |completely )?unrelated|off[- ]topic|random one|different topic|"
    r"on another note|sin relación con|hors sujet|anderes thema|fora do assunto|fuori tema|los van)\b"
)
# Saying they will answer properly later ("will read this properly once I'm back", "te respondo con calma").
_HOLDING = regex(
    r"\b(?:i'?ll|will|i will|let me) (?:read|look at|reply to|respond to|get back to you on|go through) "
    r"(?:this|it|your (?:note|email|message))(?: \w+)? (?:properly|later|when|once|tomorrow|next week|soon)\b"
    r"|\b(?:i'?ll|will) (?:reply|respond|answer|get back to you) (?:properly|in full|later|when|once)\b"
    r"|\bte (?:respondo|contesto) (?:con calma|m[áa]s tarde|cuando)|\bje (?:te|vous) r[ée]ponds (?:plus tard|dès que)"
    r"|\bich melde mich (?:später|sobald|wenn|nächste woche)|\b(?:te|lhe) respondo (?:depois|quando|com calma)"
    r"|\bti rispondo (?:appena|quando|con calma)|\bik (?:reageer|antwoord) (?:later|zodra|als)"
)
_SHORT_WORDS = 80  # longer mail with a question mark and no cue is more often something else than a question back
_SENTENCE = regex(r"[^.!?¿¡\n]+")


# "cant", "wont", "dont": contractions typed without their apostrophe (never "dont" alone: French for "whose").
_CONTRACTION = regex(r"\b(can|won|didn|doesn|isn|wouldn|couldn|aren|haven|hasn|shouldn)t\b")


_MONTH = regex(r"\b" + MONTH_PATTERN + r"\b")


def _refusal(text: str) -> bool:
    """A sentence where the sender cannot or will not have the call, naming no day or time ("we can't take
    external calls", "no voy a poder reunirme"): a no in words no phrase list foresees."""
    unwilling, call, when = pattern("unwilling"), pattern("meeting_word"), pattern("when_word")
    for sentence in _SENTENCE.findall(text):
        refused = unwilling.search(sentence)
        if not refused or when.search(sentence) or MAYBE_DATE.search(sentence) or _MONTH.search(sentence):
            continue
        if call.search(sentence) or _PRONOUN_AFTER.match(sentence, refused.end()):
            return True
    return False


# "I can't do this", "I'm not available for that": what is refused is the request itself.
_PRONOUN_AFTER = regex(
    r"(?:\s[\w']+){0,3}\s(?:this|that|it|these|esto|eso|ça|cela|das|es|isso|isto|questo|ci[òo]|dit|dat)\b"
    # the pronoun ends what is refused ("I can't do this.", "for that one"), it opens no clause ("ik wil niet
    # dat je ...", "I don't think that ...")
    r"(?=\s*(?:[.,;:!?)]|$)|\s(?:one|kind|type|sort|right now|at the moment|for now|this time|request|anymore|"
    r"any more|either|now)\b)"
)


def _policy_refusal(text: str) -> bool:
    """A sentence that names a rule and a negation ("por política de la empresa no podemos ...")."""
    rule, negation = pattern("policy"), pattern("negation")
    return any(rule.search(s) and negation.search(s) for s in _SENTENCE.findall(text))


_INTRODUCING = regex(
    r"\b(?:you two|you both|both of you)\b[^.!?\n]{0,40}\b(?:connect\w*|talk|chat|meet|speak|to it|over to you)\b"
    r"|\b(?:leave|leaving) you (?:two |both )?to it\b"
    # the introducer stepping out of the thread: "I'll remove myself from the thread", "moving myself to bcc", "je
    # me retire de la boucle", "me quito de la copia", "ich nehme mich aus cc", "haal ik mezelf uit de cc"
    r"|\b(?:remov\w*|tak\w*|mov\w*|drop\w*) myself (?:off|from|out of|to)\b"
    r"|\bme retire (?:de la boucle|de la conversation|du fil|de la copie)|\bme (?:quito|saco|retiro) de (?:la copia|"
    r"la conversaci[óo]n|cc)\b|\bme (?:tiro|retiro) d[aoe] (?:c[óo]pia|conversa|cc)\b|\bmi tolgo dalla? (?:copia|"
    r"conversazione|cc)\b|\bmich aus (?:dem )?(?:cc|verlauf|thread|der konversation)\b"
    r"|\bich (?:nehme|klinke) mich (?:\w+ ){0,3}(?:aus|raus)\b|\bnehme ich mich (?:\w+ ){0,4}(?:aus|raus)\b"
    r"|\bmezelf uit de (?:cc|conversatie|mail)\b"
    # or leaving the two to it: "Deixo vocês à vontade para combinar", "os dejo que lo habléis", "je vous laisse
    # caler ça", "vi lascio organizzare", "ik laat jullie verder", "ich überlasse euch den Rest"
    r"|\bdeixo (?:vocês|os dois|as duas) (?:à vontade|conversarem|combinarem|a s[óo]s)"
    r"|\b(?:os|les) dejo (?:que|para|hablar|a solas|con ello)\b"
    r"|\bje vous laisse (?:échanger|voir|organiser|discuter|caler|convenir|vous organiser)"
    r"|\bvi lascio (?:parlare|organizzare|accordare|sentire|a voi)\b|\bik laat jullie (?:verder|het|samen)\b"
    r"|\b(?:ich )?(?:überlasse|lasse) (?:euch|ihnen) (?:den rest|das weitere|alles weitere)\b"
)
_PASSED_ON = regex(
    r"\bsee (?:the )?below (?:request|mail|email|e-mail|message|note|enquiry|inquiry)\b"
    r"|\A\W*fyi\b[^.!?\n]{0,12}\b(?:another|below|see)\b"
)
# A no that hangs on the answer to a question: "in principle", or a question put first to clarify.
_HEDGED = regex(
    r"\b(?:in princip(?:e|le)|en principe|en principio|em princ[íi]pio|in linea di principio|di norma|grunds[äa]tzlich|"
    r"normalerweise|normally|usually|as a rule|normalmente|normalement|normaal gesproken|just to clarify|"
    r"to clarify|before i answer|may i ask|can i ask|"
    # a no that holds only if the answer to the question is yes: "Is this about the opening? If so, I can't ..."
    r"if so|if that'?s the case|in that case|si es así|si es el caso|en ese caso|si c'est le cas|dans ce cas|"
    r"in dat geval|als dat zo is|in diesem fall|falls ja|wenn ja|se for o caso|nesse caso|se sim|in tal caso|"
    r"se è così|se sì)\b"
)
_URL = regex(r"(?:https?://|www\.)\S+")
# What a question about the call's logistics speaks of ("what's the best number?", "Zoom or Teams?"): a yes with
# only such a question is an acceptance; a yes with any other question waits on the user's answer.
_LOGISTICS = regex(
    r"\b(?:time|times|when|day|zone|timezone|number|phone|cell|mobile|call|zoom|teams|meet|link|invite|calendar|"
    r"works?|suits?|free|available|morning|afternoon|evening|week|date|slot|ok|okay|good|fine|minutes|min|mins|"
    r"video|dial|ring|skype|whatsapp|location|where|address|coffee|lunch|office|options?|better|prefer|either|"
    r"telefone|telefono|teléfono|téléphone|telefon|telefoon|telefonisch|videollamada|visio|vídeo|videocall|"
    # greetings asked as questions ("Oi Marco, tudo bem?", "how are you?")
    r"tudo bem|how are you|how's it going|c[óo]mo (?:est[áa]s|and[áa]s|vas)|ça va|comment vas|wie geht|come stai|"
    r"hoe gaat|"
    r"hora|horario|horário|heure|uhr|zeit|termin|ora|orario|tijd|uur|llamada|appel|anruf|chiamata|chamada|"
    r"número|numéro|nummer|numero|enlace|lien|link|invitación|invitation|einladung|invito|convite|uitnodiging)\b"
)


def _asks_about_more_than_logistics(text: str) -> bool:
    """A question sentence ("...?") that speaks of none of the call's logistics."""
    return any(
        _WORD.search(q) and not _LOGISTICS.search(q) and not MAYBE_DATE.search(q)
        for q in re.findall(r"[^.!?\n]*\?", _URL.sub("", text))
    )


# A plain-text line wrapped mid-sentence (a lower-case word on each side of the break) is one sentence.
_WRAPPED = regex(r"(?<=[a-zà-ÿ,])\n(?=[a-zà-ÿ])")

