"""Cue vocabularies for what a reply asks or points at: call it off, another time, busy until, never again, someone
else, a question first, an employer's rule, and the negation words (:mod:`.cues` joins them)."""

from __future__ import annotations

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


# Asking the user for another time than the ones proposed ("those dates don't work - when suits you the week
# after?"): a yes with new dates to come, not a no.
OTHER_TIME: dict[str, tuple[str, ...]] = {
    "en": (
        r"when (?:would|does|is|could|might) (?:\w+ )?(?:work|suit|be (?:good|better|best))",
        r"what (?:other )?(?:days?|times?) (?:would )?(?:work|suit)",
        r"(?:another|other) (?:times?|days?|dates?|slots?)\b",
        r"(?:the following|the next|the week after|later in the) week",
    ),
    "es": (
        r"cu[áa]ndo (?:te|le|os|les) (?:vendr[íi]a|viene|va|ir[íi]a|queda|quedar[íi]a)",
        r"(?:otro|otra) (?:d[íi]a|momento|fecha|semana|horario)",
    ),
    "fr": (
        r"quand (?:est-ce que )?(?:vous|tu) (?:seriez|serais|[êe]tes|es|auriez|aurais)",
        r"quand (?:cela|ça|ce serait) (?:vous|te)",
        r"un autre (?:jour|moment|cr[ée]neau)",
        r"d['’]autres (?:cr[ée]neaux|dates|disponibilit[ée]s)",
    ),
    "de": (
        r"wann (?:würde|passt|ginge|hätten|hättest|wäre)",
        r"(?:einen )?anderen (?:termin|tag|zeitpunkt)",
        r"andere termine",
    ),
    "pt": (
        r"quando (?:te|lhe|voc[êe]|vc) (?:fica|ficaria|daria|seria|serve|convém)",
        r"outr[oa] (?:dia|data|hor[áa]rio|semana)",
    ),
    "it": (
        r"quando (?:ti|le|vi) (?:andrebbe|va|farebbe|sarebbe|torna)",
        r"(?:un altro|un'altra) (?:giorno|data|orario|settimana)",
    ),
    "nl": (
        r"wanneer (?:past|zou|kan|schikt)",
        r"een ander(?:e)? (?:moment|tijdstip|dag|datum|week)",
    ),
}

# Busy until a day, without asking to be written to again: later only when nothing says no.
def _either_order(busy: str, until: str, *, after: str = "") -> tuple[str, str]:
    """Busy, then "until"; or "until", then busy ("bis zum 9. bin ich voll ausgelastet"), where a word that is busy
    only before "until" is left out of ``after``."""
    return rf"(?:{busy})\b.{{0,40}}\b{until}", rf"{until}.{{0,40}}\b(?:{after or busy})\b"


BUSY_UNTIL: dict[str, tuple[str, ...]] = {
    "en": (
        r"(?:slammed|swamped|buried|underwater|flat out|heads-down|tied up|busy)\b.{0,40}\b(?:until|till|through)\b",
        # "heads-down for the next six weeks; after that I'm all yours"
        r"(?:for|over) the next (?:few|couple of|\w+) (?:weeks|months)\b[^.?!]{0,60}\bafter (?:that|which)\b",
        r"give it (?:a few|a couple of|another|\w+) (?:days|weeks|months)\b",
    ),
    "es": _either_order(r"liad[oa]|ocupad[oa]|a tope|hasta arriba|desbordad[oa]|saturad[oa]", r"hasta\b"),
    "pt": _either_order(r"atolad[oa]|ocupad[oa]|enrolad[oa]|sobrecarregad[oa]|a mil", r"até\b"),
    "fr": _either_order(r"débordée?|très prise?|overbookée?|sous l'eau|charrette|submergée?", r"jusqu"),
    "it": _either_order(r"pien[oa]|incasinat[oa]|impegnat[oa]|sommers[oa]|oberat[oa]", r"fino (?:a|al|alla|all')\b"),
    "de": _either_order(r"voll|ausgelastet|eingespannt|im stress|beschäftigt|land unter", r"bis\b",
                        after=r"ausgelastet|eingespannt|im stress|beschäftigt|land unter"),
    "nl": _either_order(r"druk|bezet|volgepland|overvol", r"tot\b", after=r"druk|volgepland|overvol"),
}

# Never again ("merci de ne plus me contacter", "bitte keine weiteren E-Mails").
UNSUBSCRIBE = {
    "en": (
        r"(?:remove|delete|erase) (?:all )?(?:my|me) (?:personal )?(?:email|address|details|data|information|name|"
        r"from)",
        r"this is spam",
        r"(?:report|reported|reporting|mark|marked|marking) (?:this|you|it) as spam",
        r"leave me alone",
        r"stop (?:spamming|sending)",
        r"(?:off|from) (?:your|the|this|that|whatever) (?:\w+ )?(?:list|mailing)",
        r"(?:do not|don't|dont|never|please don't|please do not) (?:\w+ )?(?:contact|email|e-mail|message|write to|"
        r"reach out to|get in touch with|bother|ping|call) me(?: again| anymore| any more)?\b(?!\s(?:until|before|till|"
        r"after|for now))",
        r"(?:don't|do not) (?:want|wish) to (?:receive|get|hear) (?:any|these|this|such|further|more|other|e-?mails?|"
        r"messages?|requests?|from)\b",
        r"(?:leave|keep|take) me (?:out|off) (?:of )?(?:any|all|your|future|further)\b",
        r"(?:no|any) (?:future|further) (?:outreach|correspondence|emails|e-mails|messages|mailings)\b",
        # a complaint about consent: "I never gave you permission to email me", "without my consent"
        r"(?:never|did not|didn't|have not|haven't) (?:gave|give|given) (?:you |anyone )?(?:my )?"
        r"(?:permission|consent)",
        r"(?:never|did not|didn't|have not|haven't) (?:consent|consented|agree|agreed) to "
        r"(?:this|be(?:ing)? contacted|receiv)",
        r"(?:never|did not|didn't|have not|haven't) (?:opt|opted|sign|signed) (?:up|in) (?:for|to) "
        r"(?:this|these|your|any)",
        r"without my (?:consent|permission)",
        # "I ask you to delete all data you hold about me and not to contact me again (Art. 17 GDPR)"
        r"\bnot to (?:contact|email|e-mail|message|write to|bother|approach) me\b"
        r"(?!(?:\sagain)?\s(?:until|before|till|after|for now))",
        r"(?:delete|erase|remove) (?:all )?(?:the )?(?:personal )?(?:data|information|details) (?:you hold|you have|"
        r"you keep|you store|about me|on me)",
        r"right to (?:erasure|be forgotten)|\bart(?:icle)?\.? ?17 (?:of the )?(?:gdpr|dsgvo|rgpd)",
    ),
    "es": (
        r"(?:suprim|elimin|borr)\w* (?:todos )?(?:mis|los) datos",
        r"no (?:me )?(?:vuelva|vuelvas|vuelvan) a (?:escribir|contactar)",
        r"(?:dejen|deje|deja) de (?:escribirme|enviarme|contactarme)",
        r"(?:elim[íi]n|b[óo]rr|s[áa]qu)(?:en|e|a)me de",
        r"(?:dar|den|de|d[ée])(?:me|nme)? de baja",
        r"no me (?:escriba|escribas|contacte|contactes|env[íi]e) m[áa]s",
        r"(?:de|en) (?:su|tu|vuestra|sus|tus) (?:lista|listas|base de datos)",
        r"(?:borr|elimin|quit)\w* (?:mi|mis) (?:correo|direcci[óo]n|datos|contacto|email)",
        r"no (?:quiero|deseo) (?:recibir|m[áa]s)",
        r"(?:^|[.!¡]\s*)baja[,.!]?\s*(?:por favor|gracias|$)",  # "Baja, por favor." (not "estoy de baja": on leave)
        r"no (?:he dado|di|doy|hemos dado) (?:mi |nuestro )?(?:permiso|consentimiento|autorizaci[óo]n)",
        r"sin mi (?:permiso|consentimiento|autorizaci[óo]n)",
    ),
    "fr": (
        r"retirer (?:mon adresse|mon courriel|moi) (?:de|des) (?:vos|votre|ces) (?:envois|listes?|courriels)",
        r"effac\w* (?:l['’]ensemble des |toutes les |mes )?(?:donn[ée]es|informations)",
        r"supprim\w* (?:l['’]ensemble de |toutes )?mes donn[ée]es",
        r"ne plus me (?:contacter|[ée]crire|solliciter)",
        r"(?:de )?ne plus m['’](?:[ée]crire|contacter|envoyer|solliciter)",
        r"ne (?:plus )?me (?:recontactez|contactez|[ée]crivez|sollicitez) (?:plus|pas)",
        r"(?:merci|veuillez) de ne plus",
        r"retirez[- ]moi",
        r"d[ée]sinscri",
        r"cessez de",
        r"(?:de|dans) (?:votre|ta|vos|tes) (?:liste|fichier|base)",
        r"supprim\w* (?:mon|mes) (?:adresse|coordonn[ée]es|contact|donn[ée]es|e-?mail)",
        r"ne (?:souhaite|veux|d[ée]sire) plus (?:recevoir|[êe]tre contact)",
        r"ne plus (?:recevoir|[êe]tre contact)",
        r"je n['’]ai (?:jamais|pas) (?:donn[ée] (?:mon )?(?:accord|consentement)|autoris[ée]|consenti)",
        r"sans mon (?:consentement|accord|autorisation)",
    ),
    "de": (
        r"l[öo]sch\w* (?:\w+ ){0,3}(?:meiner|meine) (?:\w+ )?daten",
        r"(?:meine|meiner) (?:\w+ )?daten (?:zu )?l[öo]schen",
        r"mich nicht (?:weiter|mehr|länger) zu kontaktieren",
        r"keine (?:weiteren )?(?:e-mails|mails|nachrichten|anfragen) (?:mehr|an|von)",
        r"nicht (?:mehr|wieder) (?:kontaktieren|anschreiben|anzuschreiben|zu kontaktieren)",
        r"möchte (?:solche |diese |keine )?(?:anfragen|e-mails|mails) nicht",
        r"keine weiteren (?:e-mails|mails|nachrichten|anfragen|zuschriften|zusendungen)",
        r"(?:l[öo]sch|entfern)\w* (?:sie )?(?:meine|mich)",
        # (not the introducer's own step back: "ich nehme mich mal aus dem Verteiler raus")
        r"(?:(?<!nehme mich )(?<!nehme mich mal )(?<!nehme mich jetzt )aus (?:ihrem|deinem|dem|ihrer|der|eurem) "
        r"(?:e-?mail-?)?"
        r"(?:verteiler|liste|mailingliste)|austragen)",
        r"unterlassen sie",
        r"weitere (?:zusendungen|kontaktaufnahmen)",
        r"(?:kontaktier|schreib|mail|anschreib|kontakt)\w* (?:sie |du )?(?:mich|mir) (?:\w+ )?(?:nicht mehr|nie wieder|"
        r"nicht wieder)",
        r"(?:nie|nicht) (?:\w+ )?(?:eingewilligt|zugestimmt)",
        r"keine (?:einwilligung|zustimmung) (?:\w+ )?(?:gegeben|erteilt)",
        r"ohne meine (?:einwilligung|zustimmung|erlaubnis)",
    ),
    "pt": (
        r"(?:elimin|apag|exclu)\w* (?:todos )?(?:os )?(?:meus|dos meus) dados",
        r"n[ãa]o (?:me )?(?:contacte|contate|escreva|envie|mande) mais",
        r"remov(?:a|er|am)[- ]me",
        r"descadastr",
        r"parem? de me (?:escrever|contactar|contatar|enviar)",
        r"(?:da|de|na) (?:sua|vossa|tua|seu|vosso) (?:lista|mailing|base de dados)",
        r"(?:apag|remov|elimin|retir)\w* (?:o meu|meu|a minha|minha|os meus|meus) (?:contacto|contato|endere[çc]o|"
        r"e-?mail|dados)",
        r"n[ãa]o (?:quero|desejo) (?:receber|mais)",
        r"n[ãa]o (?:me )?volte a (?:escrever|contactar|contatar|enviar)",
        r"retir\w* de (?:quaisquer|todas as|qualquer|suas|vossas|as suas) (?:listas?|bases?)",
        r"n[ãa]o (?:autorizei|dei (?:o meu )?(?:consentimento|autoriza[çc][ãa]o))",
        r"sem (?:o |a )?(?:meu|minha) (?:consentimento|autoriza[çc][ãa]o)",
    ),
    "it": (
        r"(?:cancell|elimin)\w* (?:tutti )?(?:i )?(?:miei|dei miei) dati",
        r"non (?:mi )?(?:contatti|scriva|scrivete|contattate|scrivere|contattare) pi[ùu]",
        r"(?:cancellatemi|rimuovetemi|toglietemi|disiscriv)",
        r"non (?:mi )?(?:scriv|contatt|cerc|mand|invi)\w* pi[ùu]\b",
        r"dalla (?:sua|tua|vostra) (?:lista|mailing)",
        r"(?:cancell|rimuov|elimin)\w* (?:il mio|la mia|i miei) (?:indirizzo|contatto|e-?mail|dati)",
        r"non (?:voglio|desidero) (?:pi[ùu] )?ricevere",
        r"non ho (?:mai )?(?:dato (?:il (?:mio )?)?consenso|autorizzato|acconsentito)",
        r"senza (?:il mio|la mia) (?:consenso|autorizzazione)",
    ),
    "nl": (
        r"(?:mij|me) niet (?:langer|meer) (?:te )?(?:contacteren|mailen|benaderen)",
        r"(?:persoonsgegevens|gegevens) (?:\w+ ){0,4}(?:te )?verwijderen",
        r"geen (?:e-mails|mails|berichten) meer",
        r"niet (?:meer|opnieuw) (?:contacteren|mailen|benaderen)",
        r"uitschrijven",
        r"(?:verwijder|haal) (?:me|mij)\b",  # (not "haal mezelf uit de cc", an introducer stepping out)
        r"van (?:je|jullie|uw) (?:\w+)?lijst",
        r"(?:verwijder|wis)\w* (?:mijn) (?:adres|gegevens|e-?mailadres)",
        r"wil (?:geen|niet) (?:\w+ )?(?:meer )?ontvangen",
        r"(?:(?:geen|nooit) toestemming (?:\w+ )?gegeven|zonder mijn toestemming)",
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
        r"(?:the )?(?:person|people|one) you(?:'ll| will|'d| would)? (?:want|need) (?:is|are|to)",
        r"(?:isn't|is not|not) (?:really )?my (?:area|field|wheelhouse|expertise|world)\b",
        r"not (?:\w+ )?(?:your|the) best bet\b",
        r"(?:drop|send|shoot) (?:him|her|them) (?:a line|a note|an email|a message)\b",
        r"you should (?:reach out to|contact|e-?mail|write to)\b",
        r"(?:put|added|adding|have|i've) (?:\w+ ){0,3}(?:in|on) cc\b",
        r"(?:you should|you'd do better to) (?:talk|speak) to\b",
        r"(?:you can )?reach (?:him|her|them) (?:directly )?(?:at|on|via)\b",
        # "it's best that you call Jordi Puig directly", "the best contact for this is Ana"
        r"(?:it's|it is|it'd be|it would be) (?:best|better|easiest) (?:that you |if you |to )?(?:call|contact|ring|"
        r"phone|speak (?:to|with)|talk (?:to|with)|reach out to|e-?mail|write to)\b(?! (?:me|us)\b)",
        r"(?:the )?(?:best|right) (?:contact|person) (?:for (?:this|that)|here|on this) is\b",
    ),
    "es": (
        r"(?:la|el) que (?:m[áa]s )?sabe\b",
        r"s[ée] poco y nada",
        r"mejor que yo\b",
        r"(?:m[áa]s|mejor) (?:hablar|habla|charlar|escribir|escr[íi]bele) con",
        r"no soy (?:la persona|el|la) (?:m[áa]s )?(?:adecuad|indicad|correct|id[óo]ne)",
        r"no soy (?:yo )?(?:la|el) (?:mejor )?persona",
        r"qui[ée]n (?:te|le|os) (?:puede|podr[íi]a) (?:ayudar|orientar) (?:mucho )?(?:mejor|m[áa]s)",
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
        # "lo mejor es que llame usted directamente a Jordi Puig", "le sugiere que contacte con Marta Ruiz"
        r"lo mejor (?:es|ser[íi]a) que (?:\w+ ){0,2}"
        r"(?:llame|hable|escriba|contacte|llames|hables|escribas|contactes)\b",
        r"(?:sugiere|sugiero|recomienda|recomiendo) que (?:\w+ )?(?:contacte|hable|escriba|llame)s? (?:con|a)\b",
    ),
    "fr": (
        r"mieux que moi\b",
        r"pas la (?:\w+ )?personne",
        r"(?:pourra|pourrait|saura|saurait) (?:bien )?mieux (?:vous|t['’])",
        r"mieux plac[ée]",
        r"(?:je )?(?:mets|mettre) en copie",
        r"je vous mets en (?:contact|relation)",
        r"[ée]crivez[- ](?:leur|lui)",
        r"de ma part",
        r"je vous recommande de (?:contacter|[ée]crire)",
        r"le mieux (?:est|serait) (?:d['’]|de )(?:appeler|contacter|[ée]crire [àa]|voir avec|parler [àa])",
        r"(?:appelez|appelle|contactez|contacte|[ée]crivez|[ée]cris) directement",
    ),
    "de": (
        r"schlechte[rn]? (?:gesprächspartner|ansprechpartner)\w*",
        r"nicht (?:\w+ )?weiterhelfen",
        r"(?:mache|bringe) (?:sie|dich|euch) (?:\w+ )?mit \w+(?: \w+)? (?:bekannt|zusammen)",
        r"klinke mich (?:\w+ )?aus",
        r"besser als ich\b",
        r"sprich (?:doch |lieber |am besten |gern |gerne )?(?:mal )?mit",
        r"wende dich (?:gern |gerne |bitte |doch )?an",
        r"meld(?:e|\w*) dich (?:gern |gerne |doch )?(?:bei|an)",
        r"nicht (?:der|die) richtige (?:ansprechpartner|person)",
        r"nicht (?:der|die) (?:\w+ )?(?:ansprechpartner\w*|ansprechperson|person)\b",
        r"(?:der|die) falsche\b",
        r"fragen sie (?:doch |lieber |am besten |gern |gerne )?(?:mal )?(?:bei )?(?:herrn?|frau|dr|mag|prof)\b",
        r"(?:besser|eher) (?:geeignet|aufgehoben|weiterhelfen)",
        r"(?:ist|sind) (?:bei uns )?(?:\w+ ){0,3}zuständig",
        r"schreiben sie (?:ihr|ihm|ihnen) (?:am besten )?(?:direkt|gern|gerne)",
        r"wenden sie sich (?:gern |gerne |bitte )?an",
        r"in kopie",
        r"in (?:cc|kopie) (?:gesetzt|genommen)",
        r"auf mich (?:beziehen|berufen)",
        r"(?:der |die )?(?:beste|richtige) ansprechpartner(?:in)? (?:dafür|hierfür|für (?:\w+ )?\w+) (?:ist|wäre)",
    ),
    "pt": (
        r"copiei (?:aqui )?(?:o|a)\b|melhor do que eu",
        r"(?:mais|melhor) (?:falar|conversar|escrever) com",
        r"n[ãa]o sou (?:eu )?(?:a|o) (?:\w+ ){0,2}(?:pessoa|indicad\w*|adequad\w*)",
        r"quem (?:pode|poderia) (?:te |lhe )?ajudar (?:muito )?(?:mais|melhor)",
        r"(?:fale|converse) com",
        r"recomendo (?:que )?(?:fale|escreva|contacte|contate)",
        r"(?:coloco|ponho) em c[óo]pia",
        r"em c[óo]pia",
        r"em meu nome",
        r"de minha parte",
        r"o melhor (?:é|seria) (?:\w+ ){0,2}(?:ligar|falar|contactar|contatar|escrever) (?:diretamente )?"
        r"(?:para|com|ao|à|a)\b",
        r"(?:ligue|liga|contacte|contate|fale) diretamente",
    ),
    "it": (
        r"non ne so granch[ée]",
        r"(?:ti|la) mando io",
        r"meglio di me\b",
        r"(?:metter\w*|mettere) in contatto",
        r"(?:le|ti) consiglierei di (?:sentire|contattare|scrivere|chiamare)",
        r"(?:ti|le) lascio (?:l[\'’]|il |la )",
        r"(?:la|ti) metto (?:volentieri )?in contatto",
        r"(?:metto )?in copia",
        r"(?:le|gli) scriva",
        r"non sono (?:la|il) (?:\w+ ){0,2}(?:persona|referente)",
        r"chi (?:ti|la|vi) (?:pu[òo]|potrebbe) aiutare (?:molto )?(?:meglio|di pi[ùu])",
        r"a mio nome",
        r"la cosa migliore (?:è|sarebbe) (?:\w+ ){0,2}(?:chiamare|sentire|contattare|scrivere)\b",
        r"(?:chiami|chiama|senta|senti|contatti|contatta|scriva|scrivi) direttamente",
    ),
    "nl": (
        r"beter dan ik\b",
        r"zeg (?:maar )?dat \w+ (?:je|u) stuurt",
        r"\(?in de cc\)?",
        r"niet de (?:\w+ )?(?:persoon|contactpersoon|aanspreekpunt)",
        r"(?:kan|kunnen) (?:je|jou|u) (?:veel )?beter (?:helpen|verder)",
        r"neem (?:gerust )?contact op met",
        r"(?:in de )?cc gezet",
        r"zet .{0,20} in (?:de )?cc",
        r"verwijs (?:je|u|jou) (?:\w+ )?door",
        r"(?:zij|hij|die) weet (?:hier|daar|er) (?:\w+ )?meer (?:van|over)",
        r"(?:bel|mail) (?:\w+ ){1,2}(?:direct|rechtstreeks)\b",
    ),
}

# Asks something before agreeing ("avant de m'engager", "prima di fissare", "antes de agendar").
BEFORE_COMMIT = {
    "en": (
        r"before (?:i|we) (?:go ahead|decide|say|set|agree|find|respond|reply|answer|consider)",
        r"before anything else",
        # a condition to hear about first: "tell me first", "I need to know before we talk"
        r"(?:tell|let) me (?:know )?first\b",
        r"(?:i )?(?:need|want|have) to know (?:\w+ ){0,3}before (?:we|i) (?:talk|speak|meet|chat|agree)",
        r"before (?:i|we) (?:go any further|pass (?:your|this)|forward (?:your|this))",
        r"once i know\b",
        r"(?:kindly|please|could you|can you) (?:share|send) (?:me )?(?:the |an |your )?"
        r"(?:agenda|points? of discussion|discussion points|topics)",
        r"first,? (?:could|can) you",
        r"(?:but|before that),? first\b",
        r"questions? for (?:you|u) first\b",
        r"(?:send|share|forward) (?:me |over )?(?:\w+ ){0,2}(?:cv|resume|résumé|portfolio|linkedin)\b"
        r"[^.?!]{0,20}\bfirst\b",
        r"(?:send|share) (?:me |over )?(?:\w+ ){0,2}(?:cv|resume|résumé)\b[^.?!]{0,80}"
        r"\b(?:i'?ll see|then i'?ll|and i'?ll (?:see|decide|let you know))",
    ),
    "es": (
        r"antes de (?:agendar|comprometerme|confirmar|aceptar|decidir|responder)",
        r"pero (?:antes|primero)\s*[:,–-]?\s*¿",  # "con gusto, pero antes: ¿qué buscas?"
        r"(?:mandar|enviar|mandarme|enviarme) (?:tu |su |el )?(?:cv|curr[íi]culum)\b[^.?!]{0,12}\b(?:antes|primero)",
    ),
    "fr": (
        r"avant de convenir",
        r"dites-m[\'’]en (?:un peu )?plus",
        r"avant d[\'’]aller plus loin",
        r"avant de (?:m['’]engager|vous r[ée]pondre|fixer|accepter|confirmer)",
        r"une question pr[ée]alable",
        r"envoyez-moi d['’]abord",
        r"avant (?:que l['’]on|qu['’]on|de) fix",
        r"d['’]abord (?:votre|ton) cv",
        r"mais (?:avant (?:tout|cela|ça)?|d['’]abord)\s*:",
    ),
    "de": (
        r"bevor (?:ich|wir) (?:zusage|einen termin|zusagen|uns festlegen)",
        r"vorab (?:eine )?frage",
        r"aber (?:vorab|zuerst|erst)\s*:",
        r"schicken sie mir (?:bitte )?(?:vorab|zuerst|erst) (?:\w+ )?(?:lebenslauf|cv)",
    ),
    "pt": (
        r"antes de (?:marcar|agendar|confirmar|aceitar)",
        r"mas (?:antes|primeiro)\s*:",
        r"s[óo] depois (?:disso )?(?:consigo|posso|vou) (?:perceber|decidir|ver|dizer|avaliar)",
    ),
    "it": (r"prima di (?:fissare|impegnarmi|confermare|accettare)", r"ma prima\s*:"),
    "nl": (
        r"voordat ik (?:op (?:uw|je) verzoek )?(?:toezeg|ja zeg|een afspraak|inga|in ga|reageer)",
        r"eerst (?:een )?vraag",
        r"maar eerst\s*:",
    ),
}

# A question's topic when it asks for more before saying yes.
QUESTION = {
    "en": (
        r"(?:could|can|would) you (?:tell|share|say|clarify|explain|remind)",
        r"what (?:exactly|kind|sort|type)",
        r"how did you (?:get|find|hear)",
        r"how you (?:got|found|obtained|came across|have) my",
        r"who (?:gave|passed|shared|referred)",
        r"is (?:this|it) (?:about|for|related)",
        r"(?:has|does) (?:this|it) (?:got )?(?:anything )?(?:to do with|related)",
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
        r"tiene que ver con",
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
    "pt": (
        r"pode(?:ria)? me (?:dizer|contar|enviar)",
        r"[ée] para",
        r"curr[íi]culo",
        r"(?:poderia|pode|podia) indicar-me",
        r"(?:que|quais) (?:temas|assuntos|t[óo]picos)",
        r"tem a ver com",
    ),
    "it": (r"pu[òo] dirmi", r"mi (?:dica|dice)", r"di cosa", r"curriculum"),
    "nl": (r"kun je", r"kunt u", r"waar gaat het", r"cv\b", r"gaat het (?:je |u )?om", r"is (?:dat|het) voor",
           r"zeg eens", r"opnemen"),
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

# The sender saying they cannot or will not, in the first person: with a word for the call in the same
# sentence and no day or time in it, a no (see intent._refusal); "I can't do Tuesday" only moves a time.
UNWILLING = {
    "en": (
        r"(?:i|we) no longer",
        r"(?:i|we)(?: really| just| honestly| simply)? (?:can't|cannot|won't|wouldn't|couldn't|shouldn't|shan't)"
        r"(?! (?:wait|believe|thank|recommend|stress|resist|imagine|help but|say no|promise)\b)",
        r"(?:i|we)(?:'m| am|'re| are)(?: really| just| honestly)? (?:not |un)(?:able|going|comfortable|available)",
        r"(?:don't|do not) think (?:a|an|the|that|any|this) (?:call|chat|conversation|meeting|talk)",
        r"(?:i|we)'?d (?:rather|prefer) not",
        r"(?:asks?|told|tells?|want) (?:us|me|employees|staff) not to",
        r"(?:won't|doesn't|does not|isn't|is not) (?:make sense|something)",
        r"(?:had|have) to stop saying yes",
    ),
    "es": (
        r"decid[íi] no (?:aceptar|hacer|tomar|dar|tener)",
        r"no (?:acepto|hago|tomo|doy)\b",
        r"ya no (?:hago|acepto|tomo|doy|tengo)",
        r"no (?:puedo|podr[ée]|podemos|podremos|voy a poder|me es posible|me ser[áa] posible|me veo)",
        r"prefiero no",
    ),
    "fr": (
        r"ne plus (?:faire|prendre|accepter|donner|avoir)|(?:je|nous) ne (?:fais|prends|accepte|donne)s? plus",
        r"(?:je|nous) ne (?:peux|pourrai|pourrais|pouvons|souhaite|vais pas pouvoir)",
        r"(?:il |ce )?(?:ne m['’]est|n['’]est) pas possible",
        r"je pr[ée]f[èe]re ne pas",
    ),
    "de": (
        r"(?:darf|kann|können|dürfen) (?:ich|wir) (?:\w+ ){0,5}(?:nicht|kein\w*)",
        r"kein\w* (?:\w+ ){0,3}mehr\b",
        r"(?:ich|wir) (?:kann|können|werde|möchte|würde)(?: \w+){0,3} (?:nicht|kein\w*)",
        r"(?:ist|wäre) (?:mir|uns) (?:leider )?nicht möglich",
    ),
    "pt": (
        r"n[ãa]o (?:fa[çc]o|aceito|dou|tenho|fazemos) mais|deixei de (?:fazer|aceitar|dar|ter)",
        r"n[ãa]o (?:posso|poderei|podemos|vou (?:poder|conseguir)|consigo|conseguirei|me [ée] poss[íi]vel)",
        r"prefiro n[ãa]o",
    ),
    "it": (
        r"non (?:faccio|accetto|do|prendo|facciamo) più",
        r"non (?:posso|potr[òo]|possiamo|riesco|riuscir[òo]|riuscirei|mi [èe] possibile)",
        r"preferisco (?:di )?non",
    ),
    "nl": (
        r"(?:doe|neem|accepteer|doen) (?:ik|we|wij) (?:\w+ )?(?:niet meer|geen)",
        r"(?:ik|wij|we) (?:kan|kunnen|zal|wil)(?: \w+){0,3} (?:niet|geen)",
        r"lukt (?:mij |me |ons )?(?:helaas )?niet",
    ),
}

# The call itself, for the sentence-level no above (or "this", "that", "it" right after the refusal, see
# intent._refusal).
MEETING_WORD: dict[str, tuple[str, ...]] = {
    "en": (
        # ("I can't speak for the company", "can't talk for long": a limit, not a no)
        r"(?:calls?|chats?|conversations?|meetings?|coffees?|meet|connect|zoom|interviews?|"
        r"informationals?|external|requests?)\b|(?:talk|speak)\b(?! for\b)",
    ),
    "es": (r"(?:llamadas?|reuni[óo]n\w*|charlas?|conversaci[óo]n\w*|caf[ée]|hablar|reunirme|conversar|solicitud|"
           r"entrevistas?)\b",),
    "fr": (r"(?:appels?|[ée]changes?|entretiens?|rendez-vous|caf[ée]|discuter|parler|rencontrer|visio|demande)\b",),
    "de": (r"(?:\w*gespr[äa]ch\w*|telefonat\w*|calls?|treffen|kaffee|sprechen|austausch|anfrage)\b",),
    "pt": (r"(?:conversas?|chamadas?|reuni[õo]es|reuni[ãa]o|caf[ée]|papo|conversar|falar|pedidos?|entrevistas?)\b",),
    "it": (
        r"(?:chiamat[ae]|call|incontr[oi]|chiacchierat[ae]|colloqui[oi]?|caff[èe]|parlare|sentirci|richiesta|impegni)\b",
    ),
    "nl": (r"(?:gesprek\w*|belletje|afspraak|koffie|call|spreken|praten|verzoek)\b",),
}

# Words of a time or day: a sentence that holds one moves the call rather than refusing it.
WHEN_WORD: dict[str, tuple[str, ...]] = {
    # (no short words another language uses otherwise: Dutch "na" and "voor" are Portuguese "in the" and Dutch
    # "for"; Italian "ora" and "prima" are also "now" and "first"; "Tag" opens "Guten Tag"; "Termine" and
    # "terminando" are French and Spanish words)
    "en": (r"(?:week|weekend|morning|afternoon|evening|slots?|times|dates|day|month|until|till)\b",),
    "es": (r"(?:semana|mañana|tarde|horario|hasta|antes|despu[ée]s|d[íi]a|mes|hora)\b",),
    "fr": (r"(?:semaine|matin|apr[èe]s-midi|soir|cr[ée]neau\w*|jusqu|avant|apr[èe]s|jour|mois|heure)\b",),
    "de": (r"(?:woche|vormittag|nachmittag|abend|termin(?:en|s)?|terminvorschl\w*|bis|monat|uhr)\b",),
    "pt": (r"(?:semana|manh[ãa]|tarde|hor[áa]rio|at[ée]|antes|depois|dia|m[êe]s|hora)\b",),
    "it": (r"(?:settimana|mattin\w*|pomeriggio|sera|orari\w*|fino|dopo|giorn\w*|mese)\b",),
    "nl": (r"(?:week|ochtend|middag|avond|tijdstip\w*|tot|dag|maand|uur)\b",),
}

# A no said in so many words ("je vais devoir passer mon tour", "ce ne sera pas possible"): a busy period
# beside it explains the no rather than asking for a later call (see intent._SAYS_NO for English).
SAYS_NO: dict[str, tuple[str, ...]] = {
    "es": (r"(?:tengo|voy a tener|tendr[ée]) que (?:declinar|decir que no|rechazar)", r"esta vez paso",
           r"no (?:en|por) (?:mucho|un buen) tiempo"),
    "fr": (
        r"(?:dois|vais devoir|devrai) (?:malheureusement )?(?:d[ée]cliner|passer mon tour|refuser|dire non)",
        r"ce ne sera pas possible",
        r"pas (?:avant longtemps|de sitôt)",  # "pas dispo en ce moment et pas avant longtemps": no later call
    ),
    "de": (
        r"muss (?:ich |i )?(?:da |hier )?passen",
        r"leider nein\b",
        r"muss (?:ich )?(?:ihnen |dir )?(?:leider )?absagen",
        r"sage (?:ich )?(?:lieber |leider |daher |deshalb )*ab\b",
        r"nicht so bald|so bald nicht|auf absehbare zeit nicht|in absehbarer zeit nicht",
    ),
    "pt": (r"(?:tenho|vou ter) (?:de|que) (?:recusar|declinar|dizer que n[ãa]o)", r"n[ãa]o vai (?:dar|rolar)",
           r"t[ãa]o cedo n[ãa]o|n[ãa]o (?:vai ser )?t[ãa]o cedo"),
    "it": (r"devo (?:purtroppo )?(?:declinare|rinunciare|dire di no)", r"purtroppo no\b", r"non a breve"),
    "nl": (r"moet (?:ik )?(?:helaas )?(?:nee zeggen|afzeggen|passen)", r"niet op korte termijn"),
}

# Pointing the user to someone by phone or chat, with no address to write to ("ruf Stefan an").
TO_PERSON: dict[str, tuple[str, ...]] = {
    "es": (
        r"ll[áa]ma(?:le|la)? (?:mejor )?a\b",
        r"ll[áa]mal[ae]\b",
        r"m[áa]nd[ae]le (?:un )?(?:mensaje|whatsapp)",
        r"m[áa]rcale\b",
        r"escr[íi]bele al whatsapp",
        r"(?:llame|llames) (?:usted )?(?:directamente )?a\b(?! (?:mi|nuestra) (?:oficina|centralita))",
        r"lo mejor (?:es|ser[íi]a) que (?:\w+ ){0,2}(?:hable|hables|llame|llames|escriba|escribas) "
        r"(?:directamente )?(?:con|a)\b",
    ),
    "fr": (
        r"appel(?:le|lez|ez|er)[- ](?:le|la|lui)\b", r"t[ée]l[ée]phone[zr]?[- ](?:lui)\b",
        r"(?:appeler|appelez|appelle|contacter|contactez|contacte) directement\b",
    ),
    "de": (
        r"ruf\w* (?!mich|uns)(?:\w+ ){1,6}an\b", r"erreichs?t (?:du|sie) (?:ihn|sie) (?:\w+ )?unter",
        r"(?<!bin )(?<!sind )(?:direkt |telefonisch )?erreichbar unter",  # (not "ich bin erreichbar unter")
    ),
    "pt": (
        r"liga (?:pra|para) (?:o|a|ele|ela)\b", r"chama (?:o|a|ele|ela) no whatsapp",
        r"(?:ligar|ligue|liga)(?:-lhe)? (?:diretamente )?(?:para|ao|à)\b(?! mim)",
    ),
    "it": (
        r"(?:chiamare|chiami|chiama|contattare|contatti|sentire) (?:pure )?direttamente\b",
        r"la cosa migliore (?:è|sarebbe) (?:chiamare|sentire|contattare)\b",
        r"chiama(?:lo|la)\b",
        r"(?:chiama|chiami|senti|senta) (?:il|la|l['’]) ?(?:mio|mia|nostro|nostra)\b",
        r"dig(?:li|le) che ti mando io",
        r"sentilo\b|sentila\b",
        r"telefonar(?:gli|le)\b",
        r"di sentire (?:il|la|l[\'’])\b",
        r"(?:le|ti) consiglio di (?:telefonare|chiamare)",
    ),
    "nl": (r"bel (?:hem|haar|\w+) (?:even |gerust |maar )*op\b", r"bel (?:eens |even |gerust )*(?:met|naar)\b"),
}

# "This mail is not meant for me": the sender is not the person the user wrote to.
WRONG_RECIPIENT: dict[str, tuple[str, ...]] = {
    "en": (
        r"not meant for me",
        r"(?:sent|reached|came to) (?:me |the )?(?:by mistake|in error)",
        r"wrong (?:e-?mail )?(?:address|recipient)",
        r"(?:got|have) the wrong (?:person|sam|guy)",
    ),
    "es": (r"no (?:es|era|iba) (?:para|dirigido a) m[íi]", r"direcci[óo]n equivocada"),
    "fr": (r"ne m['’](?:est|était) pas destin[ée]", r"(?:mauvaise adresse|mauvais destinataire)"),
    "de": (r"nicht für mich (?:bestimmt|gedacht)", r"falsche[nr]? (?:adresse|empfänger)"),
    "pt": (r"n[ãa]o (?:é|era) para mim", r"endere[çc]o errado"),
    "it": (r"non (?:è|era) (?:per me|destinat[ao] a me)", r"indirizzo sbagliato"),
    "nl": (r"niet voor mij bedoeld", r"verkeerde (?:adres|ontvanger)"),
}
