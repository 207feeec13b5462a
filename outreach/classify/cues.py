"""Cue vocabularies for a person's reply, per intent and language.

Each entry is a regular-expression fragment for a way people say it (a verb with
its usual objects, an idiom), not a sentence from any one message. English has its
core rules in :mod:`.intent`; here are its further paraphrases and Spanish, French,
German, Portuguese, Italian and Dutch. :func:`pattern` joins one intent's fragments across
languages into one regex for :func:`lowered` text (so fragments are written in lower case);
a fragment may use ``\\b`` and classes but no groups that capture.
"""

from __future__ import annotations

import re
from functools import cache

LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "nl")

# Say yes, offer times, or confirm a time ("volontiers", "con mucho gusto", "gerne", "ti propongo", "see you then"):
# one vocabulary for a first answer and for an answer in a thread with a time set (context.read_thread).
ACCEPT = {
    "en": (
        r"(?:yes|yeah|yep|sure thing)\b",
        r"more than happy",
        r"(?:i'd|i would) be (?:glad|happy|delighted)",
        r"(?:that|this|it) (?:works|suits)\b",
        r"suits me",
        r"fine by me",
        r"no problem",
        r"i can make (?:it|that|time)",
        r"(?:i'll|let me|i will) send (?:you |over )?(?:a |an )?(?:invite|calendar|link|zoom|teams|meet)",
        r"(?:here'?s|use|via) my (?:calendar|booking|scheduling|calendly) (?:link|page)",
        r"feel free to (?:book|grab|pick|schedule)",
        r"grab (?:\d+ ?min\w*|some time|time|a slot)",
        r"(?:what|which|any) (?:time|day|days|times|slot)s? (?:works?|suits?|would work|is best|are best)",
        r"(?:send|shoot|forward) (?:me|over) (?:a |an )?(?:invite|calendar|meeting request)",
        r"(?:put|throw|pop|drop) (?:something|a (?:time|slot|call)) (?:in|on|into) my calendar",
        r"(?:send|sent|sending|just sent|'ve sent) (?:you |over )?(?:a |an |the )?(?:calendar |meeting |teams |zoom )?"
        r"(?:invite|invitation|link)",
        r"(?:good|fine|great|perfect|ok|okay) (?:for|with|by) (?:me|us)\b",
        r"(?:talk|speak|chat|see you) (?:to you )?then\b",
        r"gladly",
        r"(?:invite|invitation|calendar invite|link) (?:is )?(?:on (?:its|the) way|coming|incoming|sent|in your inbox)",
        r"(?:i'?ve |i have )?(?:put|pencil(?:l?ed)?|booked|blocked) (?:you|it|us) (?:down|in)\b",
        r"see you (?:there|on|at|next|soon|monday|tuesday|wednesday|thursday|friday)",
        r"(?:which|the time|\d{1,2}(?::\d\d)?\s?(?:[ap]\.?m\.?)?) works",
        r"works (?:great|perfectly|well|fine|for me)",
        r"sounds (?:good|great|perfect)",
        r"confirm(?:ed|ing)?\b",
        r"all set",
        r"perfect\b",
        r"looking forward",
        r"(?:i'?ll|will) be there",
        r"it'?s in my calendar",
    ),
    "es": (
        r"con (?:mucho )?gusto",
        r"encantad[oa] de",
        r"me encantar[íi]a (?:charlar|hablar|conversar|platicar)",
        r"(?:podemos|puedo) (?:hablar|charlar|conversar|platicar|vernos|reunirnos)",
        r"(?:conversamos|platicamos|hablamos|charlamos)\b",
        r"(?:te|le|les) propongo",
        r"(?:te|le) (?:parece|viene bien|va bien|queda bien|sirve)",
        r"me viene (?:perfecto|bien|genial)",
        r"tengo (?:estos |algunos )?(?:espacios|huecos|horarios)",
        r"tengo disponibilidad",
        r"(?:s[íi]|claro)[,!]? (?:claro|podemos|con gusto|encantad)",
        r"por supuesto",
        r"cuenta conmigo",
        r"(?:perfecto|dale|vale|genial)\b",
        r"claro(?: que s[íi])?\b",
        r"me (?:late|sirve|queda bien|cuadra)",
        r"(?:hablamos|nos vemos|nos hablamos)(?: entonces| el)?\b",
        r"me va bien",
        r"confirmad[oa]",
        r"hasta entonces",
        r"de acuerdo",
        r"hasta el (?:lunes|martes|miércoles|jueves|viernes)",
    ),
    "fr": (
        r"volontiers",
        r"avec (?:grand )?plaisir",
        r"je (?:vous|te) propose",
        r"je peux (?:vous|te) proposer",
        r"(?:ça|cela) me (?:ferait|fera|fait) plaisir",
        r"ravie? (?:de|d['’])",
        r"je suis (?:disponible|libre)",
        r"(?:ça|cela) me (?:va|convient)",
        r"(?:m['’]|me |nous )(?:arrange|convient|va)\b",
        r"bien s[ûu]r",
        r"cr[ée]neaux",
        r"ok pour (?:moi|nous)",
        r"(?:ça|cela) (?:marche|roule)",
        r"(?:je suis |suis )?dispo\b",
        r"parfait\b",
        r"pas de (?:souci|probl[èe]me)",
        r"(?:on se parle|on s['’]appelle|à (?:mardi|mercredi|jeudi|vendredi|lundi|bient[ôo]t))",
        r"ça (?:me )?va\b",
        r"c['’]est noté",
        r"confirmé",
        r"entendu",
        r"au plaisir",
    ),
    "de": (
        r"(?:sehr )?gerne?\b(?! (?:an|auf mich|wieder|erneut))",
        r"passt (?:ihnen|dir|euch)",
        r"wie w[äa]re es",
        r"ich schlage (?:ihnen |dir )?vor",
        r"stehe (?:ich )?(?:ihnen |dir )?(?:gern |gerne |sehr gerne )?(?:für|zur verfügung)",
        r"(?:eine )?einladung (?:für|geschickt|geschickt|gesendet|verschickt)",
        r"k[öo]nnen wir (?:gern|gerne|uns)",
        r"passt (?:mir|uns) (?:gut|sehr gut|prima)",
        r"(?:ja|klar|gern|gerne|super|prima),? (?:lass|lasst|lassen) (?:uns|sie uns)",
        r"(?:geht|passt) (?:klar|gut|prima|perfekt)",
        r"einverstanden",
        r"(?:bis dann|sprechen uns|h[öo]ren uns)\b",
        r"bis (?:montag|dienstag|mittwoch|donnerstag|freitag)",
        r"passt(?![^.!?\n]{0,40}\bnicht\b)",
        r"perfekt",
        r"bestätigt",
        r"in ordnung",
        r"freue mich",
    ),
    "pt": (
        r"com (?:muito )?prazer",
        r"terei (?:todo o |muito )?gosto",
        r"(?:eu )?proponho",
        r"tenho disponibilidade",
        r"podemos (?:conversar|falar|marcar)",
        r"com certeza",
        r"vamos (?:marcar|conversar|falar)",
        r"topo\b",
        r"claro\b",
        r"bora\b",
        r"pode ser\b",
        r"combinado\b",
        r"(?:fica|est[áa]) (?:[óo]timo|perfeito|bom)",
        r"(?:falamos|nos falamos|at[ée] l[áa])\b",
        r"até (?:segunda|terça|quarta|quinta|sexta)",
        r"perfeito",
        r"confirmad[oa]",
        r"fechado",
    ),
    "it": (
        r"(?:ben )?volentieri",
        r"con (?:molto )?piacere",
        r"(?:ti|le|vi) propongo",
        r"va (?:benissimo|bene)",
        r"sono disponibile",
        r"possiamo (?:sentirci|parlare|vederci)",
        r"certo\b",
        r"perfetto\b",
        r"facciamo\b",
        r"ok per me",
        r"(?:a presto|ci sentiamo)\b",
        r"ci vediamo",
        r"confermat[oa]",
        r"a (?:lunedì|martedì|mercoledì|giovedì|venerdì)",
    ),
    "nl": (
        r"(?:ik )?(?:praat|spreek) (?:je |u )?graag",
        r"graag\b(?! gedaan)",
        r"zullen we",
        r"ik stel (?:je |u )?voor",
        r"ik ben (?:beschikbaar|vrij)",
        r"lijkt me (?:leuk|prima)",
        r"(?:kan ik|kunnen we|is|past|schikt|lukt) (?:\w+ ){0,2}(?:prima|goed|uitstekend|perfect)\b",
        r"spreek (?:je|u|we|jullie) (?:dan|snel)\b",
        r"tot dan\b",
        r"akkoord",
        r"tot (?:maandag|dinsdag|woensdag|donderdag|vrijdag)",
        r"prima",
        r"perfect",
        r"bevestigd",
        r"komt goed",
        r"klinkt goed",
    ),
}

# Say no, without pointing anywhere else.
DECLINE = {
    "en": (
        r"(?:won't|will not|isn't|is not|wouldn't be) (?:be )?possible",
        r"not possible for me",
        r"not something i (?:can|do)",
        r"(?:don't|do not) have (?:the )?(?:time|bandwidth|capacity)",
        r"no (?:bandwidth|capacity)",
        r"(?:too|very) (?:busy|swamped|stretched|slammed) to",
        r"i'?ll pass",
        r"(?:can't|cannot|can not) (?:commit|take (?:this|it|these) on|say yes)",
        r"we (?:don't|do not) (?:offer|do|take)",
        r"not (?:going|able) to (?:make|do|take)",
        r"(?:can't|cannot) (?:make|find|carve out) (?:the )?time",
        r"(?:don't|do not) think i can help",
        r"not for me",
        r"bow(?:ing)? out",
        r"(?:i|we) (?:no longer|don't|do not) have time for",
        r"(?:going|have|had) to say no",
        r"(?:isn't|is not|aren't|are not|wasn't|won't be) able to (?:take|do|make|help|accommodate|meet|fit)",
        # A bare refusal of ability: "not going to be able to this time", "I really wish I could".
        r"not (?:going to )?be able to\b",
        r"(?:wish|if only) (?:i|we) (?:could|had (?:the )?time)",
        r"(?:isn't|is not|not|aren't|are not) (?:\w+ )?(?:realistic|feasible|doable|workable|on the cards)",
        r"(?:no longer|don't|do not|never) (?:\w+ )?(?:do|take|accept|offer) (?:\w+ )?(?:calls|chats|meetings|"
        r"interviews|requests|these)",
        r"(?:anymore|any more)\b.{0,20}\b(?:too many|requests)",
        # "No, sorry." "Nope." "Nee, helaas": a bare no opening the reply, in any of the seven languages.
        r"\A(?:no|nope|nah|nee|nein|non|n[ãa]o)\s?[,.!;]",
        r"no,? thank(?:s| you)\b",
        r"(?:isn't|is not|not) (?:really )?something (?:i|we)(?:'m| am| are|'re)? (?:able to|can|could|do)",
        r"(?:not|no longer) (?:taking|accepting) (?:on )?(?:any|anything|new|more|extra)",
        r"(?:schedule|calendar|time|workload|diary|bandwidth) (?:won't|will not|doesn't|does not|can't|cannot) "
        r"(?:allow|permit|accommodate|stretch)",
        r"sit (?:this|it)(?: one)? out",
        r"(?:stop(?:ped)?|not|no longer|quit) (?:doing|taking|accepting|offering) (?:any |these |those )?(?:\w+ )?"
        r"(?:chats|calls|meetings|interviews|requests|informationals?)",
        # Saying no and being unable, in every language: stems and the word for impossible.
        r"(?:declin|d[ée]clin|rechaz|recus|absag|ablehn|rifiut|afwijz|afsla)\w*",
        r"(?:imposible|impossible|imposs[íi]vel|unm[öo]glich|impossibile|onmogelijk)\b",
        r"(?:dir(?:e|ti|le|vi)|decir(?:te|le)?|dizer(?:-lhe|-te)?) (?:di |que )?(?:no|n[ãa]o|non)\b",
        r"(?:nein|nee) (?:zu )?(?:sagen|zeggen)",
        # "I don't think I'm the right person", "I doubt I'd be much help": a doubt about being of use.
        r"(?:don't|do not|doubt) (?:think )?(?:that )?(?:i'?m|i am|i'?d be|i would be|i could be) (?:\w+ ){0,3}"
        r"(?:person|fit|contact|match|help|use)\b",
    ),
    "es": (
        r"no (?:puedo|podr[ée]|voy a poder|me es posible|es posible) (?:atender|ayudar|participar|reunirme|"
        r"hablar|comprometerme|aceptar|hacer)",
        r"tengo que (?:declinar|decir que no|rechazar)",
        r"no (?:hago|atiendo|acepto|realizo) (?:este tipo|estas|esas|ese tipo)",
        r"prefiero no",
        r"no (?:me )?interesa|no estoy interesad[oa]",
        r"no (?:tengo|tenemos) (?:\w+ )?(?:tiempo|disponibilidad|agenda|margen|hueco|capacidad)",
        r"no (?:tengo|tenemos) (?:\w+ )?posibilidad",
        r"no (?:puedo|podemos|podr[ée]|podr[íi]a|podremos|voy a poder|vamos a poder|me es posible|nos es posible|"
        r"llego)\b",
        r"no (?:\w+ )?(?:hago|hacemos|atiendo|atendemos|acepto|aceptamos|realizo|realizamos|mantenemos|ofrecemos)\b",
    ),
    "fr": (
        r"(?:dois|vais|vois) (?:malheureusement )?(?:d[ée]cliner|refuser|passer mon tour)",
        r"passer mon tour",
        r"je ne (?:peux|pourrai|pourrais) pas",
        r"ne donne (?:cependant |malheureusement )?pas suite",
        r"je ne (?:prends|fais|donne|accepte) (?:plus|pas) (?:de |d['’]|ce type|ces|suite)",
        r"je pr[ée]f[èe]re ne pas",
        r"je suis au regret",
        r"pas (?:de|la moindre) disponibilit[ée]",
        r"pas en mesure",
        r"pas int[ée]ress[ée]e?|ne m['’]int[ée]resse pas",
        r"n['’](?:ai|avons) (?:\w+ )?pas (?:le temps|de temps|de disponibilit|la disponibilit|la possibilit)",
        r"ne (?:peux|pourrai|pourrais|pouvons|pourrons|pourrions) (?:\w+ )?pas",
    ),
    "de": (
        r"(?:muss|m[üu]ssen) (?:ich |wir )?(?:ihnen |dir )?(?:leider )?absagen",
        r"\babsagen\b",
        r"(?:d[üu]rfen|darf|kann|k[öo]nnen) (?:wir|ich) (?:leider )?keine",
        r"(?:ist|wäre) (?:mir )?(?:leider )?nicht m[öo]glich",
        r"keine zeit",
        r"muss (?:ich )?passen",
        r"kein(?:e|en)? interesse",
        r"keine (?:\w+ )?(?:zeit|kapazit\w*|m[öo]glichkeit|gespr[äa]che|informationsgespr[äa]che|termine)",
        r"(?:f[üu]hren|machen|bieten|geben|nehmen) (?:wir|ich) (?:\w+ )?(?:leider )?keine",
        r"(?:schaffe|schaffen|klappt|geht|passt)\b[^.!?\n]{0,60}\bnicht\b(?! nur)",
        # "solche Anfragen beantworte ich grundsätzlich nicht mehr"
        r"(?:solche|diese|derartige)n? (?:anfragen|gespr[äa]che|termine|treffen)\b[^.!?\n]{0,50}\bnicht\b",
    ),
    "pt": (
        r"n[ãa]o (?:tenho|terei) (?:qualquer |nenhuma )?(?:disponibilidade|tempo)",
        r"n[ãa]o (?:posso|consigo|poderei|vou poder) (?:ajudar|participar|conversar|falar|aceitar)",
        r"tenho de (?:recusar|declinar)",
        r"n[ãa]o (?:vou|vamos) (?:\w+ )?(?:conseguir|poder)",
        r"n[ãa]o (?:consigo|conseguimos|posso|podemos|poderei|poderemos)\b",
        r"n[ãa]o (?:\w+ )?(?:fa[çc]o|fazemos|aceito|aceitamos|atendo|atendemos|participo|realizo|realizamos)\b",
        r"sem (?:\w+ )?(?:tempo|disponibilidade|agenda)",
        r"n[ãa]o (?:tenho )?(?:me )?interess",
        r"n[ãa]o (?:tenho|temos) (?:\w+ )?(?:possibilidade|disponibilidade|tempo|agenda|condi[çc][õo]es)",
    ),
    "it": (
        r"non (?:posso|possiamo|riesco|riusciamo|potr[òo]|potremo|ho tempo|abbiamo tempo)\b",
        r"non ce la (?:faccio|facciamo|far[òo])",
        r"non (?:sono|mi) interess",
        r"non (?:mi|ci) [èe] possibile",
        r"non (?:ho|abbiamo) (?:\w+ )?(?:possibilit[àa]|tempo|modo|disponibilit[àa])",
        r"non (?:\w+ )?(?:faccio|facciamo|accetto|accettiamo|consente|consentono|permette)\b",
        r"devo (?:declinare|rinunciare)",
    ),
    "nl": (
        r"(?:kan|kun|zal) ik (?:je |u )?(?:hier )?(?:helaas )?niet",
        r"moet ik (?:je |u )?(?:helaas )?(?:afzeggen|bedanken|nee zeggen|passen)",
        r"geen (?:\w+ )?(?:tijd|ruimte|capaciteit)",
        r"niet mogelijk",
        r"(?:kan|kun|kunnen|lukt|gaat)\b[^.!?\n]{0,60}\bniet\b",
        r"(?:doe|doen) (?:\w+ ){0,2}(?:niet meer|geen)",
        r"niet meer mee",
        r"geen interesse|niet ge[ïi]nteresseerd",
        r"geen (?:\w+ )?mogelijkheid",
        r"(?:ga|gaan|gaat)\b[^.!?\n]{0,30}\bniet (?:op|mee) in\b",
        r"geen (?:\w+ ){0,2}(?:gesprekken|afspraken|interviews|koffiegesprekken)",
    ),
}

# Softer than a decline: only when nothing else is said ("leider", "malheureusement").
WEAK_DECLINE = {
    "es": (r"lamentablemente", r"lo siento", r"desafortunadamente"),
    "fr": (r"malheureusement", r"d[ée]sol[ée]e?"),
    "de": (r"leider", r"tut mir leid"),
    "pt": (r"infelizmente", r"lamento", r"sinto muito"),
    "it": (r"purtroppo", r"mi dispiace"),
    "nl": (r"helaas", r"het spijt me"),
}

# Write again later ("relancez-moi dans un mois", "melden Sie sich ab dem 12. April wieder").
LATER = {
    "en": (
        r"(?:not|isn't|is not) (?:a )?(?:good|great|the best|the right) time",
        r"timing (?:isn't|is not|is) (?:great|ideal|bad|tough|tricky)",
        r"bad timing",
        r"(?:in|after) a (?:few|couple(?: of)?) (?:weeks|months)",
        r"after (?:the )?(?:holidays|new year|launch|quarter|busy season|conference|deadline|summer|break)",
        r"revisit (?:this )?(?:in|after|next|later|once)",
        r"down the (?:road|line)",
        r"later (?:this|next|in the) (?:year|month|quarter|spring|summer|fall|autumn|winter)",
        r"(?:try|ask|ping|email|write to) me (?:again )?(?:in|after|next|later|once|around)",
        r"(?:could|can|would) you (?:try|reach out|ping|email|write|follow up|check in)\b.{0,30}"
        r"\b(?:in|after|next|later|once|around)\b",
        r"closer to (?:the )?(?:date|time|end)",
        r"let'?s (?:reconnect|revisit|talk|chat|pick this up|circle back|touch base) (?:in|after|next|once|when|"
        r"later|around)",
        r"(?:feel free to|please|do) (?:reach out|follow up|ping me|email me|get in touch|nudge me)\b.{0,30}"
        r"\b(?:again|in|after|around|next|once|later)\b",
        r"(?:get|be) back in touch\b.{0,30}\b(?:from|starting|onwards?|around|after|in)\b",
        r"(?:just |but )?not (?:right )?now\b",
        r"not (?:until|before) (?:after )?",
        r"(?:but|only) (?:after|from|once)\b",
    ),
    "es": (
        r"m[áa]s adelante",
        r"(?:escrib|contact|busc|llam)(?:irme|arme|eme|ame|ame)\b.{0,40}\b(?:de nuevo|otra vez|en unas|dentro de|"
        r"a partir|despu[ée]s|m[áa]s adelante)",
        r"(?:me buscas|me escribes|me contactas|me vuelves a escribir)\b.{0,40}\b(?:de nuevo|otra vez|en unas|"
        r"dentro de|a partir|despu[ée]s)",
        r"en unas (?:semanas|semanitas)",
        r"(?:vuelv|volv)\w* a (?:escribir|contactar|buscar|llamar|insistir)",
        r"(?:escr[íi]b|cont[áa]ct|b[úu]sc|ll[áa]m)[ae](?:me|nos)\b.{0,30}\ben (?:un|una|unas|unos|dos|tres|cuatro|\d+) "
        r"(?:d[íi]as|semanas?|mes(?:es)?)",
        r"pero (?:despu[ée]s|a partir|m[áa]s adelante)",
        r"no antes de",
    ),
    "fr": (
        r"(?:me )?relancer",
        r"relancez[- ]moi",
        r"(?:me )?recontacter",
        r"recontactez[- ]moi",
        r"r[ée][ée]crivez[- ]moi",
        r"revenez vers moi",
        r"revenir vers moi",
        r"pas avant",
        r"mais (?:apr[èe]s|[àa] partir)",
        r"plus tard",
    ),
    "de": (
        r"melden sie sich\b.{0,40}\bwieder",
        r"meld(?:e|en) dich\b.{0,40}\bwieder",
        r"schreiben sie mir\b.{0,40}\b(?:wieder|nochmal|noch einmal|erneut)",
        r"(?:kommen|kommt) sie\b.{0,30}\bwieder auf mich zu",
        r"gerne (?:wieder|erneut|noch einmal)",
        r"(?:noch einmal|nochmal|erneut|wieder)\s(?:an)?(?:schreiben|kontaktieren|melden)",
        r"in (?:ein paar|einigen|zwei|drei) (?:wochen|monaten)\b.{0,30}\b(?:noch einmal|nochmal|erneut|wieder)",
        r"(?:melden|fragen|schreiben|kontaktieren) sie\b.{0,40}\b(?:noch ?einmal|nochmal|erneut|wieder)",
        r"(?:nochmal|noch einmal|erneut) (?:\w+ )?(?:sprechen|schreiben|melden|kontaktieren|reden|austauschen|"
        r"telefonieren)",
        r"(?:aber )?erst (?:nach|ab|im|in|wieder|ende|anfang|mitte)\b",
        r"sp[äa]ter (?:\w+ )?(?:nochmal|noch einmal|wieder|erneut|melden|schreiben|sprechen|kontaktieren)",
    ),
    "pt": (
        r"me procura\b.{0,20}\b(?:de novo|novamente|outra vez)",
        r"(?:volte|voltar) a (?:escrever|falar|contactar|contatar)",
        r"(?:escreva|contacte|contate)-me\b.{0,30}\b(?:de novo|novamente|outra vez|a partir|daqui)",
        r"mais (?:para a frente|pra frente|adiante)",
        r"me (?:chama|procura|escreve|manda|contacta|contata|liga)\b.{0,20}\b(?:de novo|novamente|outra vez|daqui a)",
        r"(?:volte|voltar|volta) a (?:me )?(?:escrever|falar|contactar|contatar|procurar)",
        r"(?:mas|s[óo]) (?:depois|a partir)",
        r"n[ãa]o antes de",
        r"mais tarde",
    ),
    "it": (
        r"pi[ùu] avanti",
        r"ricontattar(?:mi|e)",
        r"mi ricontatti",
        r"riscriv(?:imi|ermi|a)",
        r"ricontatt\w*",
        r"risentiamoci|risentirci",
        r"(?:ma|solo) dopo\b",
        r"non prima d",
        r"pi[ùu] tardi",
    ),
    "nl": (
        r"(?:stuur|mail) (?:me|mij)\b.{0,40}\b(?:opnieuw|nog eens|later|nog een (?:mail|bericht))",
        r"(?:neem|neemt) (?:later |dan )?(?:opnieuw |nog eens )?contact",
        r"later (?:opnieuw|nog eens|contact)",
        r"pas (?:na|vanaf|in|eind|begin|over)\b",
        r"niet (?:voor|vóór)\b",
    ),
}

# In a thread with a time already offered or set: calling it off, and asking for another time.
CANCEL: dict[str, tuple[str, ...]] = {
    "en": (
        r"something (?:has |just )?c[oa]me up",
        r"(?:have|need|'ll have|will have|must|got) to cancel",
        r"(?:can'?t|cannot|can not|won'?t be able to|will not be able to|unable to|not able to) make it",
        r"cancel (?:our|the|this|tomorrow'?s) (?:call|meeting|chat|conversation)",
        r"call (?:it|this) off",
        r"no longer (?:be )?(?:able|available)",
    ),
    "es": (
        r"(?:me )?(?:surgió|ha surgido) (?:algo|un imprevisto)",
        r"un imprevisto",
        r"tengo que cancelar",
        r"no (?:voy a )?podr(?:é|ía) (?:asistir|conectarme|llegar)",
        r"cancelar (?:la|nuestra) (?:llamada|reunión)",
    ),
    "fr": (
        r"un (?:imprévu|empêchement)",
        r"(?:je dois|je vais devoir) annuler",
        r"annuler (?:notre|l['’]|le) ?(?:appel|rendez-vous|entretien)",
        r"je ne (?:pourrai|peux) (?:plus )?pas",
    ),
    "de": (
        r"(?:ist )?(?:mir )?(?:etwas|was) dazwischen ?gekommen",
        r"muss (?:leider )?(?:absagen|stornieren)",
        r"kann (?:leider )?(?:doch )?nicht (?:mehr )?(?:teilnehmen|dabei sein)",
    ),
    "pt": (
        r"surgiu (?:um imprevisto|algo)",
        r"(?:preciso|tenho que|vou ter que) cancelar",
        r"não (?:vou|vai) (?:poder|conseguir)",
    ),
    "it": (r"(?:ho avuto )?un imprevisto", r"devo (?:annullare|disdire)", r"non riesco più", r"non potrò"),
    "nl": (
        r"(?:er )?is (?:iets )?tussen ?gekomen",
        r"(?:moet|moeten) (?:helaas )?(?:afzeggen|annuleren)",
        r"kan (?:helaas )?(?:toch )?niet (?:meer )?",
    ),
}
RESCHEDULE: dict[str, tuple[str, ...]] = {
    "en": (
        r"reschedul",
        r"instead",
        r"another (?:time|day|slot|date)",
        r"different (?:time|day|slot|date)",
        r"(?:move|push|shift|bump) (?:it|our|the|this)",
        r"postpone",
        r"could we (?:do|make it|try|move)",
        r"how about",
        r"would .{0,30} work (?:instead|better)",
        r"works better",
        r"(?:doesn'?t|does not|won'?t|no longer) work",
    ),
    "es": (
        r"en su lugar",
        r"otro (?:día|momento|horario)",
        r"cambiar (?:la|de) (?:hora|fecha)",
        r"mover",
        r"reprogramar",
        r"aplazar",
        r"en vez de",
    ),
    "fr": (r"plutôt", r"un autre (?:jour|moment|créneau)", r"déplacer", r"reporter", r"décaler"),
    "de": (r"stattdessen", r"verschieben", r"einen anderen (?:termin|tag|zeitpunkt)", r"lieber"),
    "pt": (r"em vez disso", r"outro (?:dia|horário)", r"remarcar", r"adiar", r"mudar"),
    "it": (r"invece", r"un altro (?:giorno|orario)", r"spostare", r"rimandare", r"posticipare"),
    "nl": (
        r"in plaats daarvan",
        r"een ander (?:moment|tijdstip)",
        r"andere dag",
        r"verzetten",
        r"verplaatsen",
        r"uitstellen",
        r"liever",
    ),
}


# Busy until a day, without asking to be written to again: later only when nothing says no.
BUSY_UNTIL: dict[str, tuple[str, ...]] = {
    "en": (r"(?:slammed|swamped|buried|underwater|flat out|heads-down|tied up)\b.{0,40}\b(?:until|till|through)\b",),
}

# Never again ("merci de ne plus me contacter", "bitte keine weiteren E-Mails").
UNSUBSCRIBE = {
    "en": (
        r"(?:remove|delete) (?:my|me) (?:email|address|details|data|name|from)",
        r"this is spam",
        r"(?:report|reported|reporting|mark|marked|marking) (?:this|you|it) as spam",
        r"leave me alone",
        r"stop (?:spamming|sending)",
        r"(?:off|from) (?:your|the|this|that|whatever) (?:\w+ )?(?:list|mailing)",
        r"(?:do not|don't|dont|never|please don't|please do not) (?:\w+ )?(?:contact|email|e-mail|message|write to|"
        r"reach out to|get in touch with|bother|ping|call) me(?: again| anymore| any more)?\b(?!\s(?:until|before|till|"
        r"after|for now))",
        r"(?:don't|do not) (?:want|wish) to (?:receive|get|hear)",
        r"(?:leave|keep|take) me (?:out|off) (?:of )?(?:any|all|your|future|further)\b",
        r"(?:no|any) (?:future|further) (?:outreach|correspondence|emails|e-mails|messages|mailings)\b",
    ),
    "es": (
        r"no (?:me )?(?:vuelva|vuelvas|vuelvan) a (?:escribir|contactar)",
        r"(?:dejen|deje|deja) de (?:escribirme|enviarme|contactarme)",
        r"(?:elim[íi]n|b[óo]rr|s[áa]qu)(?:en|e|a)me de",
        r"(?:dar|den|de|d[ée])(?:me|nme)? de baja",
        r"no me (?:escriba|escribas|contacte|contactes|env[íi]e) m[áa]s",
        r"(?:de|en) (?:su|tu|vuestra|sus|tus) (?:lista|listas|base de datos)",
        r"(?:borr|elimin|quit)\w* (?:mi|mis) (?:correo|direcci[óo]n|datos|contacto|email)",
        r"no (?:quiero|deseo) (?:recibir|m[áa]s)",
    ),
    "fr": (
        r"ne (?:plus )?me (?:recontactez|contactez|[ée]crivez|sollicitez) (?:plus|pas)",
        r"(?:merci|veuillez) de ne plus",
        r"retirez[- ]moi",
        r"d[ée]sinscri",
        r"cessez de",
        r"(?:de|dans) (?:votre|ta|vos|tes) (?:liste|fichier|base)",
        r"supprim\w* (?:mon|mes) (?:adresse|coordonn[ée]es|contact|donn[ée]es|e-?mail)",
        r"ne (?:souhaite|veux|d[ée]sire) plus (?:recevoir|[êe]tre contact)",
        r"ne plus (?:recevoir|[êe]tre contact)",
    ),
    "de": (
        r"keine (?:weiteren )?(?:e-mails|mails|nachrichten|anfragen) (?:mehr|an|von)",
        r"nicht (?:mehr|wieder) (?:kontaktieren|anschreiben|anzuschreiben|zu kontaktieren)",
        r"möchte (?:solche |diese |keine )?(?:anfragen|e-mails|mails) nicht",
        r"keine weiteren (?:e-mails|mails|nachrichten|anfragen)",
        r"(?:l[öo]sch|entfern)\w* (?:sie )?(?:meine|mich)",
        r"(?:aus dem verteiler|austragen)",
        r"unterlassen sie",
        r"weitere (?:zusendungen|kontaktaufnahmen)",
        r"(?:kontaktier|schreib|mail|anschreib|kontakt)\w* (?:sie |du )?(?:mich|mir) (?:\w+ )?(?:nicht mehr|nie wieder|"
        r"nicht wieder)",
    ),
    "pt": (
        r"n[ãa]o (?:me )?(?:contacte|contate|escreva|envie|mande) mais",
        r"remov(?:a|er|am)[- ]me",
        r"descadastr",
        r"parem? de me (?:escrever|contactar|contatar|enviar)",
        r"(?:da|de|na) (?:sua|vossa|tua|seu|vosso) (?:lista|mailing|base de dados)",
        r"(?:apag|remov|elimin|retir)\w* (?:o meu|meu|a minha|minha|os meus|meus) (?:contacto|contato|endere[çc]o|"
        r"e-?mail|dados)",
        r"n[ãa]o (?:quero|desejo) (?:receber|mais)",
    ),
    "it": (
        r"non (?:mi )?(?:contatti|scriva|scrivete|contattate|scrivere|contattare) pi[ùu]",
        r"(?:cancellatemi|rimuovetemi|toglietemi|disiscriv)",
        r"non (?:mi )?(?:scriv|contatt|cerc|mand|invi)\w* pi[ùu]\b",
        r"dalla (?:sua|tua|vostra) (?:lista|mailing)",
        r"(?:cancell|rimuov|elimin)\w* (?:il mio|la mia|i miei) (?:indirizzo|contatto|e-?mail|dati)",
        r"non (?:voglio|desidero) (?:pi[ùu] )?ricevere",
    ),
    "nl": (
        r"geen (?:e-mails|mails|berichten) meer",
        r"niet (?:meer|opnieuw) (?:contacteren|mailen|benaderen)",
        r"uitschrijven",
        r"(?:verwijder|haal) (?:me|mij)",
        r"van (?:je|jullie|uw) (?:\w+)?lijst",
        r"(?:verwijder|wis)\w* (?:mijn) (?:adres|gegevens|e-?mailadres)",
        r"wil (?:geen|niet) (?:\w+ )?(?:meer )?ontvangen",
    ),
}

# Not the right person; here is someone who is ("je mets en copie", "te recomiendo escribir a").
NOT_ME = {
    "en": (
        r"(?:she|he|they)(?:'s| is| are| would be| will be| can| could| might)\b.{0,20}"
        r"\b(?:better|the (?:right|best) (?:person|contact)|a great (?:person|contact)|perfect for)",
        r"(?:she|he|they) (?:can|could|would|will) help",
        r"(?:better|best) placed",
        r"(?:a )?better fit\b",
    ),
    "es": (
        r"no soy (?:la persona|el|la) (?:m[áa]s )?(?:adecuad|indicad|correct|id[óo]ne)",
        r"te (?:recomiendo|sugiero) (?:escribir|hablar|contactar)",
        r"le (?:recomiendo|sugiero) (?:escribir|hablar|contactar)",
        r"habl[áa] con",
        r"(?:te |le )?copio a",
        r"(?:te |le )?presento a",
        r"de parte m[íi]a",
        r"vas de mi parte",
        r"(?:escr[íi]bele|escr[íi]banle|dec[íi]le|dile)\b",
        r"no te voy a servir",
        r"en copia",
        r"(?:te|le|los) pongo en contacto",
    ),
    "fr": (
        r"pas la (?:bonne )?personne",
        r"mieux plac[ée]",
        r"(?:je )?(?:mets|mettre) en copie",
        r"je vous mets en (?:contact|relation)",
        r"[ée]crivez[- ](?:leur|lui)",
        r"de ma part",
        r"je vous recommande de (?:contacter|[ée]crire)",
    ),
    "de": (
        r"nicht (?:der|die) richtige (?:ansprechpartner|person)",
        r"wenden sie sich (?:gern |gerne |bitte )?an",
        r"in kopie",
        r"auf mich (?:beziehen|berufen)",
    ),
    "pt": (
        r"n[ãa]o sou a pessoa",
        r"(?:fale|converse) com",
        r"recomendo (?:que )?(?:fale|escreva|contacte|contate)",
        r"(?:coloco|ponho) em c[óo]pia",
        r"em c[óo]pia",
        r"em meu nome",
        r"de minha parte",
    ),
    "it": (
        r"(?:la|ti) metto (?:volentieri )?in contatto",
        r"(?:metto )?in copia",
        r"(?:le|gli) scriva",
        r"non sono la persona",
        r"a mio nome",
    ),
    "nl": (
        r"niet de (?:juiste|aangewezen) persoon",
        r"neem (?:gerust )?contact op met",
        r"(?:in de )?cc gezet",
        r"zet .{0,20} in (?:de )?cc",
        r"verwijs (?:je|u|jou) (?:\w+ )?door",
        r"(?:zij|hij|die) weet (?:hier|daar|er) (?:\w+ )?meer (?:van|over)",
    ),
}

# Asks something before agreeing ("avant de m'engager", "prima di fissare", "antes de agendar").
BEFORE_COMMIT = {
    "en": (r"before (?:i|we) (?:go ahead|decide|say|set|agree|find)", r"first,? (?:could|can) you"),
    "es": (r"antes de (?:agendar|comprometerme|confirmar|aceptar|decidir|responder)",),
    "fr": (r"avant de (?:m['’]engager|vous r[ée]pondre|fixer|accepter|confirmer)", r"une question pr[ée]alable"),
    "de": (r"bevor (?:ich|wir) (?:zusage|einen termin|zusagen|uns festlegen)", r"vorab (?:eine )?frage"),
    "pt": (r"antes de (?:marcar|agendar|confirmar|aceitar)",),
    "it": (r"prima di (?:fissare|impegnarmi|confermare|accettare)",),
    "nl": (r"voordat ik (?:toezeg|ja zeg|een afspraak)", r"eerst (?:een )?vraag"),
}

# A question's topic when it asks for more before saying yes.
QUESTION = {
    "en": (
        r"(?:could|can|would) you (?:tell|share|say|clarify|explain|remind)",
        r"what (?:exactly|kind|sort|type)",
        r"how did you (?:get|find|hear)",
        r"who (?:gave|passed|shared|referred)",
        r"is (?:this|it) (?:about|for|related)",
        r"are you (?:a student|job[- ]hunting|looking for)",
        r"more context",
        r"what'?s (?:this|it) (?:about|for)",
        r"which (?:company|area|part|side)",
        r"still (?:interested|keen|looking|on|need|want|stand)",
        r"does (?:the|your) (?:request|offer|invitation) still",
        r"what'?s (?:the|your) (?:goal|purpose|context|agenda)",
        r"(?:can|could) you tell me (?:a bit )?more",
        r"one question",
    ),
    "es": (
        r"me cuentas",
        r"cu[ée]ntame",
        r"(?:es|ser[íi]a) para",
        r"curr[íi]culum",
        r"de qu[ée] (?:quieres|te gustar)",
    ),
    "fr": (r"s['’]agit-il", r"pouvez-vous", r"pourriez-vous me (?:dire|rappeler|pr[ée]ciser)", r"c\.?v\.?\b"),
    "de": (
        r"k[öo]nnten sie mir",
        r"k[öo]nnen sie mir",
        r"worum geht",
        r"lebenslauf",
        r"darf ich (?:fragen|wissen)",
        r"geht es (?:dabei )?um",
    ),
    "pt": (r"pode(?:ria)? me (?:dizer|contar|enviar)", r"[ée] para", r"curr[íi]culo"),
    "it": (r"pu[òo] dirmi", r"mi (?:dica|dice)", r"di cosa", r"curriculum"),
    "nl": (r"kun je", r"kunt u", r"waar gaat het", r"cv\b"),
}

# A rule of the employer's, which with a negation in the same sentence is a no (see intent._policy_refusal).
POLICY = {
    "en": (r"polic(?:y|ies)", r"compliance", r"(?:company|firm|our) rules?", r"guidelines?", r"employer"),
    "es": (r"pol[íi]tica", r"normativa", r"normas? (?:de|internas?)"),
    "fr": (r"politique", r"r[èe]gles? (?:internes?|de)", r"conformit[ée]", r"compliance"),
    "de": (r"richtlinie\w*", r"compliance\w*", r"vorgaben", r"regel(?:n|ung)"),
    "pt": (r"pol[íi]tica", r"normas? (?:internas?|da)", r"compliance"),
    "it": (r"policy", r"politica aziendale", r"regolamento", r"norme (?:interne|aziendali)"),
    "nl": (r"beleid", r"regels", r"richtlijn\w*", r"compliance"),
}

# Negation words, for sentence-level rules.
NEGATION = {
    "en": (r"not\b", r"\w+n't\b", r"no\b", r"never\b", r"prohibit\w*", r"forbid\w*", r"unable"),
    "es": (r"no\b", r"nunca", r"prohib\w*", r"impide"),
    "fr": (r"ne\b", r"n['’]", r"pas\b", r"interdi\w*"),
    "de": (r"nicht\b", r"keine?\w*", r"verbiet\w*", r"untersag\w*"),
    "pt": (r"n[ãa]o\b", r"nunca", r"pro[íi]b\w*", r"impede"),
    "it": (r"non\b", r"vietat\w*", r"vieta", r"impedisce"),
    "nl": (r"niet\b", r"geen\b", r"nooit", r"verbied\w*", r"verboden"),
}

_TABLES: dict[str, dict[str, tuple[str, ...]]] = {
    "accept": ACCEPT,
    "decline": DECLINE,
    "weak_decline": WEAK_DECLINE,
    "later": LATER,
    "busy_until": BUSY_UNTIL,
    "unsubscribe": UNSUBSCRIBE,
    "not_me": NOT_ME,
    "before_commit": BEFORE_COMMIT,
    "question": QUESTION,
    "policy": POLICY,
    "negation": NEGATION,
    "cancel": CANCEL,
    "reschedule": RESCHEDULE,
}


@cache
def pattern(intent: str) -> re.Pattern[str]:
    """One regex for all languages' cues of ``intent`` (a key of the tables above), for :func:`lowered` text.

    The fragments are lower case and match case-sensitively: Python's regex engine skips an alternative
    whose first letter differs only when case matters, so this is about three times faster than IGNORECASE.
    """
    fragments = [frag for lang in LANGUAGES for frag in _TABLES[intent].get(lang, ())]
    # Every fragment starts at a word: the lookahead spares trying them all at each space.
    return re.compile(r"(?<!\w)(?=\w)(?:" + "|".join(fragments) + r")")


def lowered(text: str) -> str:
    """``text`` in lower case, character for character (positions stay valid; "İ" lowers to two characters)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
