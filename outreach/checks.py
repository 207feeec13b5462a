"""`outreach check`: validate everything the daemon will need, and say what was checked."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

from .config import Settings
from .errors import ConfigError

IMAP_CAPABILITIES = ("IDLE", "UIDPLUS", "SPECIAL-USE", "CONDSTORE", "MOVE")
SPECIAL_USE = ("\\Sent", "\\Drafts", "\\Junk", "\\Trash", "\\Archive", "\\All")


def run_checks(settings: Settings, connect: bool = False) -> Iterator[str]:
    """Yield one line per thing checked; raise OutreachError at the first problem."""
    from .addresses import AddressError, normalize_address
    from .contacts import load_introductions
    from .db import open_database, schema_version
    from .models import Contact, Draft
    from .render import check_templates

    try:
        normalize_address(settings.me.email, check_dns=settings.check_dns)
    except AddressError as exc:
        raise ConfigError(f"{settings.source}: me.email: {exc}") from None
    yield f"config        ok  {settings.source}"
    intros = load_introductions(settings.paths.introductions, check_dns=settings.check_dns)
    yield f"introductions ok  {settings.paths.introductions} ({len(intros)} entries)"
    for line in check_templates(settings):
        yield f"template      ok  {line}"
    open_database(settings.paths.database)
    yield (f"database      ok  {settings.paths.database} (schema {schema_version()}, "
           f"{Contact.select().count()} contacts, {Draft.select().count()} drafts)")
    if connect:
        yield from check_imap(settings)
        yield from check_smtp(settings)


def check_imap(settings: Settings) -> Iterator[str]:
    from .mailconn import open_imap

    imap = settings.imap
    client = open_imap(imap)
    try:
        capabilities = {c.decode().upper() for c in client.capabilities()}
        found = [c for c in IMAP_CAPABILITIES if c in capabilities]
        missing = [c for c in IMAP_CAPABILITIES if c not in capabilities]
        yield (f"imap          ok  {imap.security} {imap.address} as {imap.username}; "
               f"capabilities: {' '.join(found) or 'none'}" + (f" (missing: {' '.join(missing)})" if missing else ""))
        folders = []
        for flags, _delimiter, name in client.list_folders():
            uses = [f.decode() for f in flags if f.decode() in SPECIAL_USE]
            if uses:
                folders.append(f"{name} ({' '.join(uses)})")
        yield f"imap folders  ok  special-use: {', '.join(folders) or 'none (set imap.folders.sent and drafts)'}"
    finally:
        client.logout()


def check_smtp(settings: Settings) -> Iterator[str]:
    from .mailconn import open_smtp

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
