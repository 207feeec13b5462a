"""One vocabulary: the intents, what each means for the daemon, and every consumer reading the same table."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from outreach.cli.main import cli
from outreach.cli.status import funnel
from outreach.intents import CLASSIFIED, MEANINGS, RESOLUTIONS, FollowUps, Intent
from outreach.interviews.followups import create_follow_ups
from outreach.outgoing.threads import conversation
from outreach.replies import listing
from tests.interview_fixtures import NOW, contact, make_settings, reply, sent

CONTRACT = Path(__file__).parents[1] / "docs" / "classify-contract.md"


def test_the_classifier_contract_names_the_same_intents() -> None:
    """The intents `outreach classify` may print are the contract's, in its order."""
    listed = re.search(r'"intent": ((?:"\w+"[\s|]*)+)', CONTRACT.read_text())
    assert listed is not None
    assert [str(i) for i in CLASSIFIED] == re.findall(r'"(\w+)"', listed.group(1))


def test_every_intent_has_one_meaning() -> None:
    """The table covers the vocabulary; only the person's own answers refer, and automatic mail is no answer."""
    assert list(MEANINGS) == list(Intent)
    assert [str(i) for i, m in MEANINGS.items() if m.refers] == ["accepted", "declined", "referral"]
    assert all(m.answer and not m.automatic for m in MEANINGS.values() if m.refers)
    assert [str(i) for i, m in MEANINGS.items() if m.automatic] == ["auto_reply", "bounce"]
    assert not any(m.answer for m in MEANINGS.values() if m.automatic)


def test_resolve_offers_the_vocabulary() -> None:
    """`replies resolve --as` takes the classifier's intents and `ignored`, never `unverified`."""
    shown = CliRunner().invoke(cli, ["replies", "resolve", "--help"]).output
    choices = re.search(r"\[([a-z_|]+)\]", " ".join(shown.split()))
    assert choices is not None and choices.group(1).split("|") == list(RESOLUTIONS) == [
        "accepted", "declined", "referral", "later", "question", "auto_reply", "bounce", "unsubscribe", "unknown",
        "ignored"]


# intent -> counted as replied (status funnel, has_replied), shown in the conversation (prep brief, thank-you),
# a follow-up drafted for silence a month later (the reply stored as it came, before any action)
CONSUMERS = {
    "accepted": (True, True, False),
    "declined": (True, True, False),
    "referral": (True, True, False),
    "later": (True, True, True),
    "question": (True, True, False),
    "unknown": (True, True, False),
    "auto_reply": (False, False, True),
    "bounce": (False, False, False),
    "unsubscribe": (True, True, False),
    "unverified": (False, False, True),
    "ignored": (False, False, True),
}


@pytest.mark.parametrize("intent", list(CONSUMERS))
def test_every_consumer_reads_the_table(tmp_path: Path, intent: str) -> None:
    """Status funnel, has_replied, the conversation and follow-ups agree with each intent's meaning."""
    settings = make_settings(tmp_path)
    alex = contact()
    outreach = sent(alex, settings, NOW)
    reply(alex, outreach, intent, NOW + timedelta(hours=2), text="Their words.")
    later = NOW + timedelta(days=30)
    drafted = create_follow_ups(settings, later, "daemon")
    seen = (funnel(later)["replied"] == 1, listing.has_replied(alex),
            [m.text for m in conversation(alex) if not m.ours] == ["Their words."], bool(drafted))
    counted, shown, followed = CONSUMERS[intent]
    assert seen == (counted, counted, shown, followed)
    means = MEANINGS[Intent(intent)]
    assert (means.answer, means.follow_ups in (FollowUps.LATER, FollowUps.PAUSE, FollowUps.NONE)) == (counted, followed)
