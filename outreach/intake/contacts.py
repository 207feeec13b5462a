"""introductions.yaml -> contacts. The only module that writes the contacts table.

An introduction file is validated whole before anything is written: one bad
entry and nothing from that file is imported.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from outreach.addresses import AddressError, normalize_address
from outreach.config.timezones import is_zone
from outreach.config.yamlfile import load_yaml
from outreach.errors import IntroductionsError, NotFoundError
from outreach.headers import header_problem
from outreach.store.db import transaction
from outreach.store.models import Contact, ContactStatus

logger = logging.getLogger(__name__)

TEXT_FIELDS = ("company", "role", "referred_by", "relationship", "timezone", "linkedin", "notes", "template")
ALLOWED_KEYS = ("name", "email", "topics", *TEXT_FIELDS)
# Values that end up in mail headers or file names must be single lines.
SINGLE_LINE = ("name", "email", "company", "role", "referred_by", "relationship", "timezone", "linkedin",
               "template")


@dataclass(frozen=True)
class Introduction:
    name: str
    email: str
    line: int
    company: str | None = None
    role: str | None = None
    referred_by: str | None = None
    relationship: str | None = None
    timezone: str | None = None
    linkedin: str | None = None
    notes: str | None = None
    template: str | None = None
    topics: tuple[str, ...] = ()
    referred_by_email: str | None = None

    def fields(self) -> dict[str, Any]:
        values = {name: getattr(self, name) for name in (*TEXT_FIELDS, "name", "referred_by_email")}
        values["topics"] = list(self.topics)
        return values


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def load_introductions(path: Path, check_dns: bool = False) -> list[Introduction]:
    """Parse and validate the whole file; raise IntroductionsError naming file, line and field."""
    doc = load_yaml(path, IntroductionsError)
    data = doc.data
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) != {"introductions"}:
        raise IntroductionsError(f"{doc.where(())}: expected one top-level key, `introductions:`, holding a list")
    entries = data["introductions"] or []
    if not isinstance(entries, list):
        raise IntroductionsError(f"{doc.where(('introductions',))}: expected a list of introductions")
    seen: dict[str, int] = {}
    result = []
    for index, entry in enumerate(entries):
        key = ("introductions", index)

        def fail(name: str | None, problem: str, key: tuple[Any, ...] = key, number: int = index + 1
                 ) -> IntroductionsError:
            # "entry 2" counts from 1, as a person reading the file does (not introductions[1])
            line = doc.line_of((*key, name) if name else key)
            field = f", {name}" if name else ""
            return IntroductionsError(f"{doc.path}:{line}: entry {number}{field}: {problem}")

        if not isinstance(entry, dict):
            raise fail(None, "expected a mapping with at least name and email")
        for name in entry:
            if name not in ALLOWED_KEYS:
                raise fail(str(name), f"unknown field; expected one of {', '.join(ALLOWED_KEYS)}")
        for name in ("name", "email"):
            if not isinstance(entry.get(name), str) or not entry[name].strip():
                raise fail(name, "required; give a non-empty value")
        values: dict[str, Any] = {}
        for name in ("name", "email", *TEXT_FIELDS):
            value = entry.get(name)
            if value is None:
                continue
            if not isinstance(value, str):
                raise fail(name, f"expected text, got {value!r}")
            if name in SINGLE_LINE and ("\n" in value.strip() or "\r" in value):
                raise fail(name, "must be a single line (line breaks are not allowed here)")
            if name in SINGLE_LINE:
                _check_plain(fail, name, value.strip())
            values[name] = value.strip()
        try:
            values["email"] = normalize_address(values["email"], check_dns=check_dns)
        except AddressError as exc:
            raise fail("email", str(exc)) from None
        if "timezone" in values and not is_zone(values["timezone"]):
            raise fail("timezone", f"unknown time zone {values['timezone']!r}; use an IANA name "
                       "like America/Los_Angeles")
        topics = entry.get("topics") or []
        if isinstance(topics, str):
            topics = [topics]
        if not isinstance(topics, list) or not all(isinstance(t, str) and t.strip() for t in topics):
            raise fail("topics", "expected a list of short texts")
        for topic in topics:
            _check_plain(fail, "topics", topic.strip())
        if values["email"] in seen:
            raise fail("email", f"{values['email']} is already listed at line {seen[values['email']]}; "
                       "keep one entry per person")
        line = doc.line_of(key)
        seen[values["email"]] = line
        result.append(Introduction(line=line, topics=tuple(t.strip() for t in topics), **values))
    return result


def _check_plain(fail: Callable[[str, str], IntroductionsError], name: str, value: str) -> None:
    """A value a template may put in the subject: no control characters, also inside encoded words."""
    problem = header_problem(value)
    if problem is not None:
        raise fail(name, f"must be one line of plain text, but it contains {problem} ({value!r})")


def import_introductions(introductions: list[Introduction], now: datetime,
                         source: str = "introductions") -> ImportResult:
    """Upsert every introduction in one transaction. Never duplicates; never revives a suppressed contact."""
    result = ImportResult()
    with transaction():
        existing = {c.email: c for c in Contact.select().where(
            Contact.email.in_([i.email for i in introductions]))} if introductions else {}
        for intro in introductions:
            contact = existing.get(intro.email)
            if contact is None:
                Contact.create(email=intro.email, source=source, created_at=now, updated_at=now, **intro.fields())
                result.created.append(intro.email)
                continue
            changes = {name: value for name, value in intro.fields().items()
                       if value is not None and getattr(contact, name) != value}
            if changes:
                Contact.update(updated_at=now, **changes).where(Contact.id == contact.id).execute()
                result.updated.append(intro.email)
            else:
                result.unchanged.append(intro.email)
    logger.debug("introductions: %d new, %d updated, %d unchanged",
                 len(result.created), len(result.updated), len(result.unchanged))
    return result


def set_status(contact: Contact, status: str, now: datetime, reason: str | None = None) -> None:
    """Move a contact to `status`. Do-not-contact is permanent; bounced only yields to do-not-contact."""
    if status not in ContactStatus.ALL:
        raise ValueError(f"unknown contact status {status!r}")
    if contact.status == ContactStatus.DO_NOT_CONTACT and status != ContactStatus.DO_NOT_CONTACT:
        return
    if contact.status == ContactStatus.BOUNCED and status not in ContactStatus.SUPPRESSED:
        return
    with transaction():
        Contact.update(status=status, status_reason=reason, updated_at=now).where(
            Contact.id == contact.id).execute()
    contact.status, contact.status_reason = status, reason


def get_contact(email: str) -> Contact:
    contact = Contact.get_or_none(Contact.email == email.strip().lower())
    if contact is None:
        raise NotFoundError(f"no contact with address {email}; see `outreach contacts`")
    return contact


def list_contacts() -> list[Contact]:
    return list(Contact.select().order_by(Contact.created_at, Contact.id))


JSON_FIELDS = ("email", "name", "company", "status", "role", "referred_by", "timezone", "topics", "created_at",
               "updated_at")


def contacts_json() -> list[dict[str, Any]]:
    """Every contact as `contacts --json` prints it; rows as dicts, which is several times faster than
    building a model instance per contact."""
    rows = Contact.select(*(getattr(Contact, name) for name in JSON_FIELDS)).order_by(
        Contact.created_at, Contact.id).dicts()
    out: list[dict[str, Any]] = []
    for row in rows:
        item = cast(dict[str, Any], row)
        item["created_at"] = item["created_at"].isoformat()
        item["updated_at"] = item["updated_at"].isoformat()
        out.append(item)
    return out

def add_referrals(people: Iterable[tuple[str | None, str, str | None]], referrer: Contact, now: datetime,
                  source: str) -> list[Contact]:
    """People a contact pointed us to, as (name, address, company), become pending introductions they referred.

    The one way in for referrals, from replies and from interview notes (`source`: "reply" or
    "notes"). The company defaults to the referrer's. Returns the contacts created: an invalid
    address is skipped, and a known one (the referrer too) is left as it is, so nothing is
    duplicated and a suppressed contact is never revived.
    """
    created: list[Contact] = []
    with transaction():
        for name, email, company in people:
            try:
                address = normalize_address(email)
            except AddressError:
                logger.warning("referral from %s: %r is not a valid address; skipped", referrer.email, email)
                continue
            if Contact.get_or_none(Contact.email == address) is not None:
                continue
            created.append(Contact.create(
                email=address, name=(name or address.split("@")[0]).strip(), company=company or referrer.company,
                referred_by=referrer.name, referred_by_email=referrer.email,
                relationship=f"referred by {referrer.name}", topics=list(referrer.topics or []),
                source=source, created_at=now, updated_at=now,
            ))
            logger.debug("new introduction %s, referred by %s", address, referrer.email)
    return created


def pause_follow_ups(contact: Contact, until: datetime | None, now: datetime) -> None:
    """No follow-ups to `contact` before `until` (None lifts the pause)."""
    with transaction():
        Contact.update(paused_until=until, updated_at=now).where(Contact.id == contact.id).execute()
    contact.paused_until = until
