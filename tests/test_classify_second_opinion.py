"""The second opinion: a model of a reply's words, weighed against the rules' verdict (classify/second_opinion)."""

from __future__ import annotations

from test_classify_generalise import QUOTE, _mail

from outreach.classify import classify_message
from outreach.classify.second_opinion import CLASSES, LONG, SCALE, Model, model, weigh


def _leaning(intent: str, strength: float) -> Model:
    """A model that reads one word, "word", as ``intent`` with the given weight (and nothing else)."""
    weights = [round(strength * SCALE) if c == intent else 0 for c in CLASSES]
    return Model(CLASSES, (0.0,) * len(CLASSES), {"word": [SCALE, *weights]})


def test_the_shipped_model_reads_the_person_intents() -> None:
    """The trained weights cover exactly the intents of a person's reply, with an idf and a weight for each."""
    shipped = model()
    assert (shipped.classes, {len(row) for row in shipped.features.values()}) == (CLASSES, {len(CLASSES) + 1})


def test_the_model_may_only_make_a_verdict_more_careful() -> None:
    """A sure verdict it disputes goes to the user; an unsure one may take its intent; some verdicts stay."""
    long, short = "word " * LONG, "word " * (LONG - 1)
    sure_decline, mild_decline = _leaning("declined", 6.0), _leaning("declined", 1.0)
    cases = [
        (long, "accepted", 0.9, False, sure_decline),  # disputed on a long reply: the user decides
        (short, "accepted", 0.9, False, sure_decline),  # too few words to doubt a clear cue
        (long, "declined", 0.85, False, sure_decline),  # agreed
        (short, "unknown", 0.3, False, sure_decline),  # the rules found nothing: the model's word, for the user
        (short, "unknown", 0.3, False, mild_decline),  # the model is not sure either
        (long, "unsubscribe", 0.9, False, sure_decline),  # a request to stop is honoured
        (short, "later", 0.55, True, _leaning("accepted", 6.0)),  # now or later is in the dates
        (short, "later", 0.55, True, sure_decline),  # but a date beside a no is no later
        (short, "unknown", 0.4, False, sure_decline),  # mail for someone else, an introducer's word ...
        (short, "question", 0.55, False, _leaning("unknown", 6.0)),  # too few words to call it no answer
        (long, "question", 0.55, False, _leaning("unknown", 6.0)),
        (long, "unknown", 0.3, False, _leaning("declined", 1.2)),  # the rules found nothing: its likeliest will do
        (short, "unknown", 0.3, False, _leaning("declined", 1.2)),  # though not on a few words
    ]
    assert [weigh(*case) for case in cases] == [
        ("accepted", 0.55),
        ("accepted", 0.9),
        ("declined", 0.85),
        ("declined", 0.5),
        ("unknown", 0.3),
        ("unsubscribe", 0.9),
        ("later", 0.55),
        ("declined", 0.5),
        ("unknown", 0.4),
        ("question", 0.55),
        ("unknown", 0.5),
        ("declined", 0.5),
        ("unknown", 0.3),
    ]


_UNKNOWN_NO = (
    "Thanks so much for thinking of me. Honestly my plate is completely full through the spring with the "
    "product launch, and I don't think I'd give you the attention you deserve. Wishing you the very best."
)


def test_a_decline_in_words_no_rule_knows_is_shown_as_a_decline() -> None:
    """A no said without any phrase the rules know reaches the user as a decline, not as "unknown"."""
    rules, weighed = (classify_message(_mail(_UNKNOWN_NO + QUOTE), second_opinion=s) for s in (False, True))
    assert [(str(r.intent), r.confidence) for r in (rules, weighed)] == [("unknown", 0.3), ("declined", 0.5)]


def test_mail_outside_a_thread_is_not_weighed() -> None:
    """The same words outside a thread keep the rules' verdict: the model learned only from replies."""
    raw = _mail(_UNKNOWN_NO + QUOTE).replace(b"In-Reply-To: <sam-1@example.edu>\n", b"")
    rules, weighed = (classify_message(raw, second_opinion=s) for s in (False, True))
    assert [(str(r.intent), r.confidence) for r in (rules, weighed)] == [("unknown", 0.3), ("unknown", 0.3)]
