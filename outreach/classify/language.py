"""Which of the seven languages a reply is written in, by its most common short words.

Counting function words ("the", "und", "que", "het") is the oldest way to tell languages apart and needs no model:
a few sentences settle it. Only a clear winner is named; a short or mixed reply names none.
"""

from __future__ import annotations

from collections import Counter

from outreach.regex_store import regex

# Words frequent in one language and rare in the others (no word in two lists): function words, greetings and
# thanks, and the weekdays, which most replies about a meeting name.
_FUNCTION_WORDS = {
    "en": "the and you to is for with this that have will would can it my your are be on at thanks hi happy works "
          "monday tuesday wednesday thursday friday",
    "es": "el los las del muy pero usted estoy tengo puedo podemos gracias también hola nos saludos abrazo quedo "
          "lunes martes miércoles jueves viernes",
    "fr": "je vous nous est pas des pour avec une mais suis sur dans cette c'est au bonjour merci votre vos très "
          "j'ai plaisir lundi mardi mercredi jeudi vendredi",
    "de": "ich und nicht ist der die das mit für sie wir ihnen bin auf auch mir gerne hallo danke leider uhr grüße "
          "montag dienstag mittwoch donnerstag freitag",
    "pt": "não você vocês com uma obrigado obrigada muito estou tenho meu minha seu sua ao olá abraço feira "
          "segunda terça quarta quinta sexta",
    "it": "che non per sono della di ci grazie molto sei è anche ho ciao buongiorno siamo possiamo alle nella "
          "questa questo quindi però volentieri lunedì martedì mercoledì giovedì venerdì",
    "nl": "ik het een niet van dat voor met wij zijn bent ook graag maar bij hoi groet groeten dank leuk uur "
          "maandag dinsdag woensdag donderdag vrijdag",
}
_LANGUAGE_OF = {word: language for language, words in _FUNCTION_WORDS.items() for word in words.split()}
_WORD = regex(r"[^\W\d_]+(?:'[^\W\d_]+)?")
MAX_CHARS = 4000
MIN_HITS = 3  # fewer function words than this say too little


def likely_language(text: str) -> str | None:
    """"en", "es", "fr", "de", "pt", "it" or "nl" when the text's function words clearly favour one (at least
    MIN_HITS, twice the runner-up's), else None."""
    counts = Counter(
        language for word in _WORD.findall(text[:MAX_CHARS].lower().replace("’", "'"))
        if (language := _LANGUAGE_OF.get(word)) is not None
    )
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MIN_HITS:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]

