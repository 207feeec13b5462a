"""A second opinion on a person's reply, from a model of its words, weighed against the rules' verdict.

The rules (:mod:`.intent`) read phrases they were written for; people who never saw them write others. A
multinomial logistic regression over the reply's word unigrams and bigrams (trained by
bench/train_intent_model.py on the tuning part of the labelled corpora, in seven languages) reads every word
instead. For a reply in a thread (the model learned from replies; it never saw a notice), and not one the
daemon read against a meeting already set (confirming, moving or cancelling it), the two are weighed so that
the model can only make the classifier more careful:

* the rules are sure (confidence >= 0.6, the daemon acts) of a reply of :data:`LONG` words or more and the
  model finds their intent unlikely (probability under :data:`UNLIKELY`): the rules' intent stands, but at
  :data:`DOUBT`, so the user decides (a short reply gives the model too few words to doubt a clear cue);
* the rules are unsure and the model is fairly sure of another intent (probability :data:`SURE` or more,
  and :data:`PREFERRED` times the rules' intent's), or the rules found nothing at all in a reply of :data:`LONG`
  words or more and another intent is the model's likeliest (:data:`LIKELIEST` or more): the model's intent is
  shown, still under 0.6;
* an unsubscribe stays an unsubscribe (a request to stop is honoured on the rules' word alone);
* whether a yes is for now or for later is in the dates: where the rules found the time, booking page or
  restart day their accepted or later rests on, the model does not swap one for the other ("Happy to, but
  could we push this to June?" is a later, though its words lean to a yes);
* an unknown the rules found a reason for (mail for someone else, an introducer's word, a yes that quotes
  nothing of the user's) stays unknown: the model reads a reply as if it answered the user, and cannot tell;
  and the model calls no reply of fewer than :data:`LONG` words unknown (it says so of short replies for want of
  words: on the leave-one-set-out figures every reply it rightly turned to unknown had 25 words or more).

The weights are applied here in pure Python (tf-idf exactly as scikit-learn computes it: lower case,
``TOKEN_PATTERN`` words, sublinear term frequency, L2 norm), so the classifier needs no numerical library.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from outreach.intents import ACTS_FROM
from outreach.regex_store import regex

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "intent_model.json"
CLASSES = ("accepted", "declined", "later", "question", "referral", "unknown", "unsubscribe")
TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # scikit-learn's default: words of two or more letters or digits
MAX_CHARS = 3000  # the body's head; a reply's answer is at its top
SCALE = 1000  # the model file holds idf and weights in whole thousandths (JSON reads integers faster)

DOUBT = 0.55  # a sure verdict the model disputes: shown to the user
# Chosen on the leave-one-set-out figures (bench/train_intent_model.py --cv): doubting every sure verdict the
# model disagrees with took 14 right ones from the daemon to catch 12 wrong; under 0.2, none right for 11 wrong,
# and the same 11 when only replies of 16 words or more are doubted.
UNLIKELY = 0.2  # the model's probability of a sure verdict under which the user decides
LONG = 16  # words a reply needs before the model may doubt a sure verdict
SURE = 0.5  # the model's probability that lets it name the intent of a reply the rules are unsure of ...
PREFERRED = 3.0  # ... when it also prefers it this much to the rules' intent ("Perfecto, te mando la invitación")
LIKELIEST = 0.35  # where the rules found nothing at all, the model's likeliest intent is enough at this (+4 of 1,065
# on the leave-one-set-out figures against 0.5 and three times "unknown")
OVERRULED = 0.5  # the confidence of an intent taken from the model: its word alone, for the user to confirm
NOT_AN_ANSWER = 0.4  # the rules' unknown at this confidence or more has a reason (see intent.decide)

_TOKEN = regex(TOKEN_PATTERN)


@dataclass(frozen=True)
class Model:
    """Exported weights: one intercept per class, and per term its idf and one weight per class."""

    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    features: dict[str, list[int]]  # term -> [idf, weight for each class], in units of 1 / SCALE

    def probabilities(self, text: str) -> tuple[dict[str, float], int]:
        """P(intent | text) for every class, and how many words of ``text`` the model read."""
        words = _TOKEN.findall(text[:MAX_CHARS].lower())
        counts = Counter(words)
        counts.update(f"{a} {b}" for a, b in pairwise(words))
        weighted = []
        for term, count in counts.items():
            row = self.features.get(term)
            if row is not None:
                weighted.append(((1.0 + math.log(count)) * row[0], row))
        norm = math.sqrt(sum(value * value for value, _ in weighted)) or 1.0
        sums = [0.0] * len(self.classes)
        for value, row in weighted:
            for k in range(len(sums)):
                sums[k] += value / norm * row[k + 1]
        scores = [b + summed / SCALE for b, summed in zip(self.intercepts, sums, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {intent: e / total for intent, e in zip(self.classes, exps, strict=True)}, len(words)


@cache
def model() -> Model:
    """The trained model (read once, on first use)."""
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return Model(tuple(data["classes"]), tuple(data["intercepts"]), data["features"])


def weigh(
    body: str, intent: str, confidence: float, grounded: bool = False, judge: Model | None = None
) -> tuple[str, float]:
    """The rules' (intent, confidence) for a person's reply whose new text is ``body``, weighed against the
    model's reading of it (see the module's docstring). ``grounded``: the rules found the time, booking page or
    restart day their verdict rests on."""
    if intent == "unsubscribe" or intent not in CLASSES:
        return intent, confidence
    probabilities, words = (judge or model()).probabilities(body)
    said = max(probabilities, key=probabilities.__getitem__)
    if said == intent:
        return intent, confidence
    if confidence >= ACTS_FROM:
        return (intent, DOUBT) if words >= LONG and probabilities[intent] < UNLIKELY else (intent, confidence)
    settled = (
        (grounded and {said, intent} == {"accepted", "later"})
        or (intent == "unknown" and confidence >= NOT_AN_ANSWER)
        # the model reads a short reply as unknown for want of words ("Pouvez-vous préciser le sujet ?")
        or (said == "unknown" and words < LONG)
    )
    found_nothing = intent == "unknown" and confidence < NOT_AN_ANSWER
    if found_nothing and not settled and words >= LONG and probabilities[said] >= LIKELIEST:
        return said, OVERRULED
    if not settled and probabilities[said] >= SURE and probabilities[said] >= PREFERRED * probabilities[intent]:
        return said, OVERRULED
    return intent, confidence
