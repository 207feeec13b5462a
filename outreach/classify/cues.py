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

from outreach.classify.cues_answers import ACCEPT, DECLINE, LATER, WEAK_DECLINE
from outreach.classify.cues_requests import (
    BEFORE_COMMIT,
    BUSY_UNTIL,
    CANCEL,
    MEETING_WORD,
    NEGATION,
    NOT_ME,
    OTHER_TIME,
    POLICY,
    QUESTION,
    RESCHEDULE,
    SAYS_NO,
    TO_PERSON,
    UNSUBSCRIBE,
    UNWILLING,
    WHEN_WORD,
    WRONG_RECIPIENT,
)
from outreach.regex_store import regex

LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "nl")

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
    "other_time": OTHER_TIME,
    "unwilling": UNWILLING,
    "meeting_word": MEETING_WORD,
    "when_word": WHEN_WORD,
    "says_no": SAYS_NO,
    "to_person": TO_PERSON,
    "wrong_recipient": WRONG_RECIPIENT,
}


@cache
def pattern(intent: str) -> re.Pattern[str]:
    """One regex for all languages' cues of ``intent`` (a key of the tables above), for :func:`lowered` text.

    The fragments are lower case and match case-sensitively: Python's regex engine skips an alternative
    whose first letter differs only when case matters, so this is about three times faster than IGNORECASE.
    """
    fragments = [frag for lang in LANGUAGES for frag in _TABLES[intent].get(lang, ())]
    # Every fragment starts at a word: the lookahead spares trying them all at each space.
    return regex(r"(?<!\w)(?=\w)(?:" + "|".join(fragments) + r")")


def lowered(text: str) -> str:
    """``text`` in lower case, character for character (positions stay valid; "İ" lowers to two characters)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
