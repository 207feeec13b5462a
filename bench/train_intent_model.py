"""Train the classifier's second opinion on a person's reply: a word n-gram model of the reply's own words.

The rules in outreach/classify/intent.py read phrases; this model reads every word of the reply (what
``classify_message`` returns as ``body``: the new text, without quotes or signature) and learns from the
labelled corpora which words go with which intent. It is a multinomial logistic regression over tf-idf
weighted word unigrams and bigrams (scikit-learn's TfidfVectorizer and LogisticRegression, the field's
standard for short-text classification); outreach/classify/second_opinion.py applies the exported weights
in pure Python, so the classifier needs neither scikit-learn nor numpy.

Trained only on the *tuning* part of each person corpus (bench/corpus_split.py): the held-out 30% and any
set named in --untouched stay out, so their figures measure mail the model never saw. tests/data/classify_dev
(403 replies the rules were tuned on batch by batch) trains whole. ``--cv`` prints the
leave-one-set-out figures (train on every other set, score one set's held-out part) instead of writing.

    .venv/bin/pip install -e '.[train]'   # scikit-learn, only for training; the classifier does not need it
    .venv/bin/python bench/train_intent_model.py            # writes outreach/data/intent_model.json
    .venv/bin/python bench/train_intent_model.py --cv       # leave-one-set-out figures, writes nothing
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from datetime import date
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Any

from corpus_split import FRESH_CORPORA, NEW_CORPORA, folder, split
from score_split import TZ

from outreach.classify import classify_message
from outreach.classify.second_opinion import CLASSES, MAX_CHARS, MODEL_PATH, SCALE, TOKEN_PATTERN, Model, weigh
from outreach.intents import ACTS_FROM

# Person corpora only: automatic mail never reaches the model (read_automatic decides it first).
PERSON_CORPORA = tuple(c for c in NEW_CORPORA + FRESH_CORPORA if c in ("human-en", "human-intl") or (
    c.startswith("fresh-") and not c.startswith("fresh-auto")))
DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "classify_dev"
DEV_ZONE = "America/New_York"  # (tests/test_classify_corpus.py reads it in the same zone)
FEATURES = 8000  # the most frequent unigrams and bigrams (of those in 2+ replies): 0.958 against 0.955 with all
C = 10.0  # weak regularisation: the leave-one-set-out figure peaked here (3: 0.944, 10: 0.955, 30: 0.958 with all)


def rows(corpora: tuple[str, ...]) -> list[dict[str, Any]]:
    """One row per labelled reply: its corpus, part, label, the rules' verdict and the body the model reads."""
    out = []
    for corpus in corpora:
        labels = json.loads((folder(corpus) / "labels.json").read_text())
        tuning, held_out = split(corpus)
        out += _rows(corpus, {"tuning": tuning, "held_out": held_out}, labels, TZ[corpus])
    return out


def dev_rows() -> list[dict[str, Any]]:
    """tests/data/classify_dev (bench/make_dev_corpus.py), whose batches the rules were tuned on as each was
    measured: all of it is tuning."""
    labels = json.loads((DEV / "labels.json").read_text())
    return _rows("classify_dev", {"tuning": sorted(DEV.glob("*.eml"))}, labels, DEV_ZONE)


def _rows(corpus: str, parts: dict[str, list[Path]], labels: dict[str, Any], zone: str) -> list[dict[str, Any]]:
    out = []
    for part, paths in parts.items():
        for path in paths:
            want = labels.get(path.name, {}).get("intent")
            if want not in CLASSES:
                continue
            raw = path.read_bytes()
            result = classify_message(raw, user_tz=zone, second_opinion=False)
            headers = BytesHeaderParser().parsebytes(raw)
            meeting = result.meeting
            grounded = bool(result.proposed_times or (meeting and (meeting.start or meeting.booking_url))
                            or result.resume_after)
            out.append({"corpus": corpus, "part": part, "want": want, "got": str(result.intent),
                        "confidence": result.confidence, "grounded": grounded,
                        "in_thread": bool(headers["in-reply-to"] or headers["references"]),
                        "body": result.body[:MAX_CHARS]})
    return out


def fit(train: list[dict[str, Any]]) -> tuple[Any, Any]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(token_pattern=TOKEN_PATTERN, ngram_range=(1, 2), min_df=2, max_features=FEATURES,
                                 sublinear_tf=True)
    features = vectorizer.fit_transform([r["body"] for r in train])
    model = LogisticRegression(C=C, max_iter=5000).fit(features, [r["want"] for r in train])
    return vectorizer, model


def cross_validate(data: list[dict[str, Any]]) -> None:
    """Leave one set out: train on the other sets' tuning parts, then weigh (outreach.classify.second_opinion,
    as the classifier does) the rules' verdict on the set's held-out part against that model's."""
    totals: collections.Counter[str] = collections.Counter()
    for corpus in sorted({r["corpus"] for r in data}):
        train = [r for r in data if r["corpus"] != corpus and r["part"] == "tuning"]
        judge = as_model(export(*fit(train), {}))
        for row in (r for r in data if r["corpus"] == corpus and r["part"] == "held_out"):
            probabilities, _ = judge.probabilities(row["body"])
            intent, confidence = row["got"], row["confidence"]
            if row["in_thread"]:  # as the classifier: only a reply in a thread is weighed
                intent, confidence = weigh(row["body"], intent, confidence, row["grounded"], judge)
            totals["replies"] += 1
            totals["model alone right"] += max(probabilities, key=probabilities.__getitem__) == row["want"]
            totals["rules right"] += row["got"] == row["want"]
            totals["weighed right"] += intent == row["want"]
            if row["confidence"] >= ACTS_FROM:
                totals["rules acted"] += 1
                totals["rules acted wrong"] += row["got"] != row["want"]
            if confidence >= ACTS_FROM:
                totals["weighed acted"] += 1
                totals["weighed acted wrong"] += intent != row["want"]
    n = totals["replies"]
    scored = len({r["corpus"] for r in data if r["part"] == "held_out"})
    print(f"leave-one-set-out, held-out parts of {scored} sets ({n} replies):")
    print(f"  intent right: rules {totals['rules right'] / n:.3f}, model alone {totals['model alone right'] / n:.3f},"
          f" rules weighed against the model {totals['weighed right'] / n:.3f}")
    for who in ("rules", "weighed"):
        acted, wrong = totals[f"{who} acted"], totals[f"{who} acted wrong"]
        print(f"  {who}: acted on {acted}, wrong {wrong}, right when acted {(acted - wrong) / acted:.3f}")


def as_model(exported: dict[str, Any]) -> Model:
    return Model(tuple(exported["classes"]), tuple(exported["intercepts"]), exported["features"])  # (scaled)


def export(vectorizer: Any, model: Any, trained_on: dict[str, int]) -> dict[str, Any]:
    classes = [str(c) for c in model.classes_]
    if sorted(classes) != sorted(CLASSES):
        raise SystemExit(f"the corpora hold intents {classes}, the scorer expects {list(CLASSES)}")
    weights = model.coef_.T  # one row per feature, one column per class
    # Whole thousandths: JSON reads integers about three times faster than decimals (6 ms against 18 for the
    # model), and a thousandth of a weight changes no verdict.
    features = {
        term: [round(float(vectorizer.idf_[column]) * SCALE), *(round(float(w) * SCALE) for w in weights[column])]
        for term, column in sorted(vectorizer.vocabulary_.items())
    }
    return {
        "about": "bench/train_intent_model.py: multinomial logistic regression on tf-idf word 1-2 grams of a "
                 "reply's body; features map a term to [idf, weight per class], in units of 1/scale",
        "scale": SCALE,
        "trained": date.today().isoformat(),
        "trained_on": trained_on,
        "classes": classes,
        "intercepts": [round(float(b), 5) for b in model.intercept_],
        "features": features,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv", action="store_true", help="leave-one-set-out figures only; writes nothing")
    parser.add_argument("--untouched", nargs="*", default=[], help="sets to leave out entirely (not yet measured)")
    args = parser.parse_args()
    corpora = tuple(c for c in PERSON_CORPORA if c not in args.untouched)
    data = rows(corpora) + dev_rows()
    if args.cv:
        cross_validate(data)
        return 0
    train = [r for r in data if r["part"] == "tuning"]
    vectorizer, model = fit(train)
    trained_on = dict(sorted(collections.Counter(r["corpus"] for r in train).items()))
    MODEL_PATH.write_text(json.dumps(export(vectorizer, model, trained_on), ensure_ascii=False, indent=0) + "\n")
    print(f"wrote {MODEL_PATH}: {len(vectorizer.vocabulary_)} features, {len(train)} replies of {len(corpora)} sets"
          " and classify_dev")
    return 0


if __name__ == "__main__":
    sys.exit(main())
