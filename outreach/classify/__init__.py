"""Pure reply understanding: raw RFC 5322 bytes in, a typed :class:`Classification` out (JSON at the edges).

No database, network or config. The stages, in order of precedence:

1. automatic mail (:mod:`.automatic`), by structure: delivery failures
   (:mod:`.bounces`) and delay warnings, spam complaints, read receipts, RFC 3834
   automatic replies with their return date, bulk mail and notifications; nothing
   a person means is read from these (one exception: "I've left, write to X");
2. a calendar invitation (:mod:`.calendar`);
3. a person's reply (:mod:`.intent`), read only from the new text that
   :mod:`.quotes` leaves after removing quoted history and the signature, with
   times from :mod:`.times`, links from :mod:`.links`, referrals from
   :mod:`.referrals` and restart dates from :mod:`.resume`; then weighed against a
   model of the reply's words (:mod:`.second_opinion`), which may only make the
   verdict more careful: a sure verdict it disputes goes to the user.

``confidence`` is the strength of the rule that decided, not a probability:

* 0.95-0.99  structural evidence: a DSN with a failed recipient, an RFC 3834
  header, a calendar REQUEST;
* 0.8-0.9    an explicit phrase agreeing with the other findings ("let's do
  Friday at 11" with a time found, "please remove me", "I'll have to pass");
* 0.6-0.79   one cue without support, or a cue in tension with another;
* below 0.6  weak or no evidence; the daemon should ask the user to review
  anything under 0.6;
* 0.0        an internal error (the result carries ``error``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cache
from typing import Any

from outreach.classify.automatic import booked_for_contact, read_automatic
from outreach.classify.calendar import Invitation, read_invitation
from outreach.classify.context import ThreadContext, hint_days, read_calendar, read_thread, resolve_times
from outreach.classify.dates import find_dates, mentions_weekday
from outreach.classify.intent import Evidence, decide
from outreach.classify.language import likely_language
from outreach.classify.links import find_links
from outreach.classify.mime import Mail, body_texts, read_mail
from outreach.classify.quotes import Split, quoted_addressee, split_reply
from outreach.classify.referrals import find_referrals, first_name
from outreach.classify.result import Classification, Meeting, Referral
from outreach.classify.resume import after_holiday, find_resume_date, period_start
from outreach.classify.second_opinion import weigh
from outreach.classify.slots import (
    moved_to,
    named_proposal,
    ordinal_proposal,
    requested_shift,
    users_times,
    without_headers,
)
from outreach.classify.times import find_times
from outreach.classify.zones import zone
from outreach.intents import ACTS_FROM, Intent
from outreach.regex_store import regex

__all__ = ["Classification", "Meeting", "Referral", "ThreadContext", "classify_file", "classify_message"]

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 8 * 1024 * 1024
_POINTS_AT_LINK = regex(
    r"\b(link|calendar|calendly|booking|book (a|any|some)|slot|below|signature|enlace|lien|agenda|kalender|"
    r"collegamento|ligação)\b",
    re.IGNORECASE,
)


def _result(
    intent: str = "unknown", confidence: float = 0.0, *, referrals: Iterable[dict[str, str | None]] = (), **fields: Any
) -> Classification:
    people = tuple(Referral(p.get("name"), str(p.get("email") or "")) for p in referrals)
    return Classification(Intent(intent), round(confidence, 2), referrals=people, **fields)


def _user(mail: Mail, quoted_top: str) -> list[tuple[str, str]]:
    """The recipients that are the user: the author of the quoted message when they are on To or Cc (a reply
    answers them; "Rach - see below" to a colleague with the user on copy is not for the user), else To."""
    author = _ADDRESS.search(quoted_top[:600])
    if author:
        mine = [(n, a) for n, a in (*mail.to_addrs, *mail.cc_addrs) if a == author.group(0).lower()]
        if mine:
            return mine
    return mail.to_addrs


def _user_names(user: list[tuple[str, str]]) -> frozenset[str]:
    """Every word of the user's names and address locals: a greeting may use the first name or, formally,
    the surname ("Madame Demir", "Sehr geehrte Frau Ribeiro")."""
    names: set[str] = set()
    for name, addr in user:
        names.update(word.lower() for word in name.replace(",", " ").split() if len(word) >= 2)
        names.update(part.lower() for part in re.split(r"[._-]", addr.split("@")[0]) if len(part) >= 2)
    return frozenset(names)


def _sender_zone_unknown(mail: Mail) -> bool:
    """A Date header in UTC that hides the sender's zone: "-0000" (RFC 5322 3.3), or "+0000" stamped by an
    Exchange server (Thread-Index, X-MS-Exchange headers), which writes UTC whatever the sender's clock says."""
    if mail.date is None or mail.date.utcoffset() != timedelta(0):
        return False
    value = mail.header("date").rstrip()
    exchange = ("thread-index", "x-ms-exchange-organization-authas", "x-ms-has-attach", "x-ms-tnef-correlator")
    return value.endswith("-0000") or any(mail.header(name) for name in exchange)


def _same_clock(sent: datetime, user_zone: tzinfo | None) -> bool:
    """The Date header's offset is the user's zone's at that instant: the sender most likely lives by the same
    clock (a neighbour with other daylight-saving rules, Arizona beside Denver, is the rarer case)."""
    return user_zone is not None and sent.utcoffset() == sent.astimezone(user_zone).utcoffset()


# Central European Time with the daylight-saving rule the EU, Switzerland and the UK share (clocks change on the
# last Sundays of March and October at 01:00 UTC).
CENTRAL_EUROPE = zone("Europe/Paris")
_CONTINENTAL_LANGUAGES = frozenset({"fr", "de", "it", "nl", "es"})


def _on_central_european_clock(sent: datetime, text: str) -> bool:
    """A reply in French, German, Italian, Dutch or Spanish sent at Central European time: the sender most likely
    lives by its rule, so a time written without a zone for a day after the clocks change is an hour from the Date
    header's offset ("ore 15 di martedì 7/11", sent from Turin at +0200 in October, is at +0100). The countries of
    those languages outside Europe that sit at +01:00 or +02:00 keep one offset all year: the rarer case."""
    return sent.utcoffset() == sent.astimezone(CENTRAL_EUROPE).utcoffset() \
        and likely_language(text) in _CONTINENTAL_LANGUAGES


def _invitation(mail: Mail, ref_tz: tzinfo) -> Invitation | None:
    for text in mail.calendars[:4]:
        invite = read_invitation(text, ref_tz)
        if invite is not None and invite.start is not None:
            return invite
    return None


def _classify(
    raw: bytes, user_tz: str | None, known_addresses: Iterable[str], context: ThreadContext | None, second_opinion: bool
) -> Classification:
    mail = read_mail(raw)
    plain, html = body_texts(mail)
    text = plain or html
    if mail.date is None:
        logger.debug("no usable Date header; reading relative dates against now")
    ref = mail.date or datetime.now(UTC)
    user_zone = zone(user_tz) if user_tz else None
    if user_tz and (_sender_zone_unknown(mail) or _same_clock(ref, user_zone)):
        # The Date header's UTC says nothing of where the sender is, or the sender's clock reads as the user's:
        # read their zoneless times in the user's zone, whose daylight-saving rules then hold for a day after a
        # clock change ("Tuesday 5 November at 4:30pm", written in Dublin in October at +0100, is at +0000)
        ref = ref.astimezone(user_zone)
    elif mail.date is not None and _on_central_european_clock(mail.date, text):
        ref = ref.astimezone(CENTRAL_EUROPE)
    ref_tz = ref.tzinfo or UTC

    split = split_reply(text)
    invite = _invitation(mail, ref_tz)
    # An iMIP answer about the thread's meeting (or an "Accepted: ..." subject), read before a
    # cancellation is set aside below.
    calendar = read_calendar(context, invite, mail.header("subject"), ref) if context is not None else None
    if invite is not None and invite.cancelled:
        invite = None
    known = frozenset(known_addresses)
    own = split.body + "\n" + split.signature
    # a scheduling tool's confirmation of the meeting it booked for the contact, with no calendar file
    booked = invite is None and booked_for_contact(mail, own, known)
    auto = read_automatic(mail, text, split, invite, ref.date(), known, booked=booked)
    if auto is not None:
        return _result(
            auto.intent,
            auto.confidence,
            bounced_recipient=auto.bounced_recipient,
            resume_after=auto.resume_after,
            referrals=auto.referrals,
            # a calendar's decline, or a calendar tool's answer; never what a bounce returns
            thread=calendar if auto.kind in ("declined_invitation", "bulk", "notice") else None,
        )

    html_split = split_reply(html) if plain and html else Split("", "", "")

    if mail.encrypted and not text.strip():
        return _result("unknown", 0.1)

    visible = "\n".join((split.body, split.signature, html_split.body, html_split.signature))
    links = find_links(visible)
    body_links = find_links(split.body + "\n" + html_split.body)
    # The user's proposed dates sit at the top of the quoted history; older messages further down add nothing.
    quoted_top = (split.quoted or html_split.quoted)[:2000]
    proposed = (
        [d.day for d in find_dates(without_headers(quoted_top), ref.date()) if d.explicit]
        if mentions_weekday(split.body)
        else []
    )
    if context is not None:
        proposed += hint_days(context, ref)
    found = find_times(split.body, ref, user_zone, proposed)
    times = resolve_times(context, found.times, ref) if context is not None else found.times
    # A booking page in the signature ("Book a demo: ...") is the sender's standing offer to clients,
    # not an answer, unless the new text points at a link and holds no link of its own.
    points = _POINTS_AT_LINK.search(split.body) and body_links.video is None
    booking = body_links.booking or (links.booking if points else None)
    exclude = set(known) | {mail.from_addr}
    quoted = split.quoted + "\n" + html_split.quoted
    # A reply may add someone new to To as well as Cc (an Outlook @-mention adds them to To; a forward introduces
    # its To to the user in Cc): they count as Cc'd people do, once we can tell which recipient is the user (a
    # known address, or one the quoted history holds); otherwise To is taken for the user.
    added = [*mail.to_addrs, *mail.cc_addrs]
    lowered_quote = quoted.lower()
    if not any(a in exclude or a in lowered_quote for _, a in added):
        exclude.update(a for _, a in mail.to_addrs)
    for header in ("reply-to", "sender", "return-path", "delivered-to", "x-original-to"):
        exclude.update(_addresses(mail.header(header)))
    # Someone other than the person the user wrote to answers with that person on copy (the introducer, an
    # assistant): the person the user wrote to is no referral.
    exclude.update(_addressed_before(quoted_top, mail.from_name, added))
    new_text = split.body + "\n" + html_split.body
    referrals = find_referrals(new_text, added, exclude, quoted)
    # the referrals the new text names by address (the others are only on copy)
    lowered_text = new_text.lower()
    named = [r for r in referrals if r["email"] and r["email"] in lowered_text]

    @cache
    def named_restart() -> date | None:
        """A restart day or calendar week the reply names as such."""
        return find_resume_date(split.body, ref.date(), periods=False)

    @cache
    def restart() -> date | None:
        """That, else the start of a month or season it names (find_resume_date's reading, scanned once)."""
        return named_restart() or period_start(split.body, ref.date())

    @cache
    def picked() -> datetime | None:
        """The one proposed time a reply picks by its day alone (only without a thread context)."""
        if times or context is not None:
            return None
        # a rank is picked on purpose ("preferisco la seconda"); a day may be named as a circumstance
        return ordinal_proposal(split.body, quoted_top, ref, user_zone) or named_proposal(
            split.body, quoted_top, ref, user_zone, proposed
        )

    user = _user(mail, quoted_top)
    in_thread = bool(mail.header("in-reply-to") or mail.header("references"))
    intent, confidence = decide(
        Evidence(
            text=split.body,
            times=len(times),
            booking=booking is not None,
            invitation=invite is not None or booked,
            referrals=len(referrals),
            referrals_in_text=len(named),
            user_names=_user_names(user),
            user_first_names=frozenset(first_name(name).lower() for name, _ in user if name.strip()),
            copied_names=frozenset(first_name(name).lower() for name, _ in mail.cc_addrs),
            user_named=any(name.strip() for name, _ in user),
            resume_in_days=lambda: (day - ref.date()).days if (day := restart()) is not None else None,
            in_thread=in_thread,
            names_proposed_day=lambda: picked() is not None,
        )
    )
    if mail.date is None:
        confidence = min(confidence, 0.5)
    thread = (calendar or read_thread(context, split.body, times, ref)) if context is not None else None
    answers_thread = thread is not None and (thread.start is not None or bool(thread.options))
    if intent == "accepted" and confidence < ACTS_FROM and not quoted.strip() and not answers_thread:
        # A bare yes that quotes nothing of the user's ("Sounds good, see you at pickup!") answers some other
        # thread as often as this one: nothing to tell the user it accepted
        intent, confidence = "unknown", 0.4
    if second_opinion and invite is None and not booked and in_thread and thread is None:
        # (the model learned from first answers to a request: a notice that slipped past read_automatic is no
        # reply, and one read against the thread's set time, confirming or cancelling it, is no first answer)
        grounded = (intent == "accepted" and bool(times or booking or picked())) or (
            intent == "later" and restart() is not None
        )
        intent, confidence = weigh(split.body, intent, confidence, grounded)
    if intent == "declined":
        # a no keeps only the people its text names; someone merely on copy ("so she's aware") is no pointer
        referrals = named
    fields: dict[str, Any] = {"referrals": referrals if intent in ("accepted", "referral", "declined") else []}
    if intent == "accepted" and (day := picked()) is not None:
        # "Tuesday's slot is good for me": the day picks one of the user's quoted times (only once the reply
        # is an acceptance on its own words; a day in a question is no answer), at the hour it moves it to
        times = [moved_to(split.body, day, ref)]
    if intent == "accepted" and times and (shift := requested_shift(split.body)) is not None:
        offered = users_times(quoted_top, ref, user_zone)
        if len(times) == 1 and times[0] in offered:
            times = [times[0] + shift]  # "Tuesday works but can we bump it 30 minutes?": the user's slot, moved
        else:
            # "Your Monday 3pm ... can we push it half an hour later, 8.30am NZ time?": the slot it moves is gone
            times = [t for t in times if not (t in offered and t + shift in times)]
    if intent == "accepted":
        fields.update(_meeting(invite, times, links.video, booking))
    if intent == "later":
        # A day named as such; else the later of a holiday and a month or season, each of which bounds the restart
        # from below ("not in October; write after All Saints", "after Christmas, so early next year").
        bounds = [day for day in (after_holiday(split.body, ref.date()), restart()) if day is not None]
        fields["resume_after"] = named_restart() or max(bounds, default=None)
    if context is not None:
        fields["thread"] = thread
    return _result(intent, confidence, body=split.body, **fields)


def _addressed_before(quoted_top: str, sender_name: str, added: list[tuple[str, str]]) -> list[str]:
    """Addresses of the person the user's quoted message greeted, when someone else answers with them on copy."""
    addressee = (quoted_addressee(quoted_top) or "").lower()
    if not addressee or addressee == first_name(sender_name).lower():
        return []
    return [address for name, address in added if first_name(name).lower() == addressee]


# An address anywhere in a header (the headers read with it only exclude addresses from the referrals, so a
# display name's address counting too is harmless, and this is much cheaper than parsing each header).
_ADDRESS = regex(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def _addresses(value: str) -> list[str]:
    return [a.lower() for a in _ADDRESS.findall(value)]


def _meeting(
    invite: Invitation | None, times: list[datetime], video: str | None, booking: str | None
) -> dict[str, Any]:
    if invite is not None:
        meeting = Meeting(invite.start, invite.end, invite.url or video, invite.location)
        return {"meeting": meeting, "from_invitation": True}
    single = times[0] if len(times) == 1 else None
    return {
        "meeting": Meeting(single, url=video, booking_url=booking),
        "proposed_times": tuple(times) if len(times) > 1 else (),
    }


def classify_message(
    raw: bytes,
    *,
    user_tz: str | None = None,
    known_addresses: Iterable[str] = (),
    context: ThreadContext | None = None,
    second_opinion: bool = True,
) -> Classification:
    """Classify one raw message; never raises (errors give intent "unknown" and an ``error``).

    ``context``: what the thread already holds (see :mod:`.context`); the result's ``thread`` then says
    whether the reply confirms, reschedules or cancels, and times without a date resolve against it.
    ``second_opinion=False``: the rules' verdict alone (bench/train_intent_model.py measures the rules with it).
    """
    try:
        return _classify(raw, user_tz, [a.lower() for a in known_addresses], context, second_opinion)
    except Exception as exc:  # the contract: one bad message must never stop a batch
        logger.debug("classification failed", exc_info=True)
        return _result(error=f"{type(exc).__name__}: {exc}"[:200])


def classify_file(path: str, *, user_tz: str | None = None, context: ThreadContext | None = None) -> Classification:
    """:func:`classify_message` of the file's first MAX_FILE_BYTES; an unreadable file gives an ``error``."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES)
    except OSError as exc:
        return _result(error=f"cannot read file: {exc.strerror or exc}")
    return classify_message(raw, user_tz=user_tz, context=context)
