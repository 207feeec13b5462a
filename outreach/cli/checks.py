"""`outreach check`: validate everything the daemon will need, and say what was checked."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import TYPE_CHECKING

from outreach.config.settings import Settings
from outreach.errors import ConfigError, ConnectionFailed, OutreachError
from outreach.intake.samples import refuse_example_identity, refuse_sample_introductions

if TYPE_CHECKING:
    pass

IMAP_CAPABILITIES = ("IDLE", "UIDPLUS", "SPECIAL-USE", "CONDSTORE", "MOVE")
SPECIAL_USE = ("\\Sent", "\\Drafts", "\\Junk", "\\Trash", "\\Archive", "\\All")


def run_checks(settings: Settings, connect: bool = False) -> Iterator[str]:
    """Yield one line per thing checked; raise OutreachError at the first problem (both servers are tried)."""
    from outreach.addresses import AddressError, normalize_address
    from outreach.config.scaffold import template_files
    from outreach.intake.contacts import load_introductions
    from outreach.outgoing.render import check_templates
    from outreach.store.db import open_database, schema_version
    from outreach.store.models import Contact, Draft

    try:
        normalize_address(settings.me.email, check_dns=settings.check_dns)
    except AddressError as exc:
        raise ConfigError(f"{settings.source}: me.email: {exc}") from None
    refuse_example_identity(settings)
    yield f"config        ok  {settings.source}"
    intros = load_introductions(settings.paths.introductions, check_dns=settings.check_dns)
    refuse_sample_introductions(settings, intros)
    yield f"introductions ok  {settings.paths.introductions} ({len(intros)} entries)"
    for line in check_templates(settings):
        yield f"template      ok  {line}"
    for template in template_files(settings.paths.templates):
        if template.overrides:
            yield f"template      note {template.name}: {template.describe()}"
    open_database(settings.paths.database)
    yield (f"database      ok  {settings.paths.database} (schema {schema_version()}, "
           f"{Contact.select().count()} contacts, {Draft.select().count()} drafts)")
    if connect:
        yield from check_servers(settings)


def check_servers(settings: Settings) -> Iterator[str]:
    """Log in to IMAP, SMTP and the calendar (when configured), each even when one before fails; then raise
    naming every failure."""
    failures: list[OutreachError] = []
    for check in (check_imap, check_smtp, check_calendar):
        try:
            yield from check(settings)
        except OutreachError as exc:
            failures.append(exc)
    if len(failures) == 1:
        raise failures[0]
    if failures:
        raise ConnectionFailed(" and ".join(str(exc) for exc in failures))


def check_imap(settings: Settings) -> Iterator[str]:
    from outreach.mailconn import open_imap

    imap = settings.imap
    client = open_imap(imap)
    try:
        capabilities = {c.decode().upper() for c in client.capabilities()}
        found = [c for c in IMAP_CAPABILITIES if c in capabilities]
        missing = [c for c in IMAP_CAPABILITIES if c not in capabilities]
        yield (f"imap          ok  {imap.security} {imap.address} as {imap.username}; "
               f"capabilities: {' '.join(found) or 'none'}" + (f" (missing: {' '.join(missing)})" if missing else ""))
        found_uses: list[tuple[int, str]] = []
        for flags, _delimiter, name in client.list_folders():
            uses = [f.decode() for f in flags if f.decode() in SPECIAL_USE]
            if uses:  # listed in SPECIAL_USE's order: servers list folders in creation order
                found_uses.append((min(SPECIAL_USE.index(u) for u in uses), f"{name} ({' '.join(uses)})"))
        folders = [text for _rank, text in sorted(found_uses)]
        yield f"imap folders  ok  special-use: {', '.join(folders) or 'none (set imap.folders.sent and drafts)'}"
    finally:
        client.logout()


def check_smtp(settings: Settings) -> Iterator[str]:
    from outreach.mailconn import open_smtp

    smtp = settings.smtp

    async def probe() -> list[str]:
        client = await open_smtp(smtp)
        try:
            return sorted(k.upper() for k in client.esmtp_extensions)
        finally:
            await client.quit()

    extensions = asyncio.run(probe())
    yield (f"smtp          ok  {smtp.security} {smtp.address} as {smtp.username}; "
           f"extensions: {' '.join(extensions)}")


def check_calendar(settings: Settings) -> Iterator[str]:
    """Log in to the CalDAV server and list the calendars found; write_to and busy_from must be among them."""
    calendar = settings.calendar
    if calendar is None:
        return
    from outreach.calendar.dav import describe_calendars, open_calendar

    with open_calendar(calendar, settings.me.zone) as account:
        account.check_names()
        found = account.calendars()
    yield f"calendar      ok  {calendar.url} as {calendar.username}; calendars: {describe_calendars(found, calendar)}"
