"""The development replies (tests/data/classify_dev) are exactly what bench/make_dev_corpus.py writes.

The script is the reviewable source of that corpus: each reply's text, client and labels sit in one
entry there, so a change to a file or a label has to go through it.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).parent.parent
DEV = ROOT / "tests" / "data" / "classify_dev"


def _maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_dev_corpus", ROOT / "bench" / "make_dev_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


MAKER = _maker()


@pytest.mark.parametrize("reply", MAKER.REPLIES, ids=lambda r: r.name)
def test_file_is_what_the_script_writes(reply: object) -> None:
    """Each .eml file holds the bytes its entry in the script builds."""
    assert (DEV / f"{reply.name}.eml").read_bytes() == MAKER.build(reply)  # type: ignore[attr-defined]


def test_labels_are_the_scripts() -> None:
    """labels.json lists exactly the script's replies with the script's labels, and nothing else."""
    labels = json.loads((DEV / "labels.json").read_text())
    assert labels == {f"{r.name}.eml": r.labels for r in MAKER.REPLIES}
    assert sorted(p.name for p in DEV.glob("*.eml")) == sorted(labels)


def test_every_intent_and_language_is_there() -> None:
    """Every person-reply intent in each of the seven languages."""
    pairs = {(r.lang, r.labels["intent"]) for r in MAKER.REPLIES}
    intents = {"accepted", "declined", "referral", "later", "question", "unsubscribe", "unknown"}
    missing = {(lang, intent) for lang in MAKER.ATTRIBUTION for intent in intents} - pairs
    assert missing == set()
