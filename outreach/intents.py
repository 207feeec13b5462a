"""What a reply means: the one vocabulary of intents, and what each means for the daemon.

The classifier (`outreach classify`, the contract in docs/classify-contract.md) says one of
:data:`CLASSIFIED`. The daemon stores two more verdicts in the same column, so that every question
about a stored reply has one answer here: ``unverified`` (it may not act: not provably from the
contact, see replies.vet) and ``ignored`` (the user's verdict that it was not what it claimed).
They are intents of a stored reply, not a separate "resolution" type, because each reader
(status funnel, conversation, follow-ups) must know what they mean too; the user may resolve a
reply as any of :data:`RESOLUTIONS`.

Pure and cheap to import (no classifier, no database): quick commands read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Intent(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REFERRAL = "referral"
    LATER = "later"
    QUESTION = "question"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"
    UNSUBSCRIBE = "unsubscribe"
    UNKNOWN = "unknown"
    UNVERIFIED = "unverified"
    IGNORED = "ignored"


class FollowUps(StrEnum):
    """What a reply does to the follow-ups owed for silence."""

    STOP = "stop"  # none after this one
    LATER = "later"  # none until the day they named (else a default), then one, threaded to their reply
    PAUSE = "pause"  # none until they are back; their silence goes on counting
    NONE = "none"  # as if it had not arrived


@dataclass(frozen=True)
class Meaning:
    answer: bool  # the person answered: counts as replied, shown in the conversation and the prep brief
    follow_ups: FollowUps
    refers: bool  # people it names may become introductions
    automatic: bool  # mail no person wrote
    asks_you: bool  # waits for the user whatever the confidence
    why: str  # why it does that to follow-ups


MEANINGS: dict[Intent, Meaning] = {
    Intent.ACCEPTED: Meaning(True, FollowUps.STOP, True, False, False,
                             "they said yes: the conversation goes on as an interview"),
    Intent.DECLINED: Meaning(True, FollowUps.STOP, True, False, False,
                             "they said no; a reminder would be pestering (a decline may still name someone)"),
    Intent.REFERRAL: Meaning(True, FollowUps.STOP, True, False, False,
                             "they pointed to someone else, who gets the outreach instead"),
    Intent.LATER: Meaning(True, FollowUps.LATER, False, False, False,
                          "they asked to be written to again, so one follow-up when that day comes"),
    Intent.QUESTION: Meaning(True, FollowUps.STOP, False, False, True,
                             "they asked something that the user answers by hand"),
    Intent.AUTO_REPLY: Meaning(False, FollowUps.PAUSE, False, True, False,
                               "they are away: no follow-up lands while they are, but they have not answered"),
    Intent.BOUNCE: Meaning(False, FollowUps.STOP, False, True, False,
                           "the address takes no mail: a follow-up would bounce too, so never again"),
    Intent.UNSUBSCRIBE: Meaning(True, FollowUps.STOP, False, False, False,
                                "they asked not to be contacted: never again"),
    Intent.UNKNOWN: Meaning(True, FollowUps.STOP, False, False, True,
                            "they wrote something the user has to read before anything else goes out"),
    Intent.UNVERIFIED: Meaning(False, FollowUps.NONE, False, False, True,
                               "it may not be from them, so it changes nothing until the user says"),
    Intent.IGNORED: Meaning(False, FollowUps.NONE, False, False, False,
                            "the user said it was not what it claimed"),
}

CLASSIFIED: tuple[Intent, ...] = tuple(i for i in Intent if i not in (Intent.UNVERIFIED, Intent.IGNORED))
RESOLUTIONS: tuple[str, ...] = tuple(str(i) for i in (*CLASSIFIED, Intent.IGNORED))


def meaning(intent: str) -> Meaning:
    """What a stored intent means; ValueError for a word outside the vocabulary."""
    return MEANINGS[Intent(intent)]


def where(**wanted: object) -> tuple[str, ...]:
    """The intents whose meaning has every given value, for queries: ``where(answer=False)``."""
    return tuple(str(i) for i, m in MEANINGS.items() if all(getattr(m, k) == v for k, v in wanted.items()))


# The classifier's confidence from which the daemon acts on a verdict without the user; anything under it waits
# for them (outreach.replies) and is what the classifier's second opinion may lower a disputed verdict to.
ACTS_FROM = 0.6

# the stored intents that mean the person answered (counted as replied, shown in the conversation)
ANSWERS: tuple[str, ...] = where(answer=True)
