"""Opening verified, authenticated connections to the user's IMAP and SMTP servers.

Library and socket errors are turned into ConnectionFailed messages that say
which server, what went wrong and which config key to look at.
"""

from __future__ import annotations

import logging
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from outreach.config.settings import ImapSettings, ServerSettings, SmtpSettings
from outreach.errors import ConnectionFailed, LoginRefused

if TYPE_CHECKING:
    import aiosmtplib
    from imapclient import IMAPClient

logger = logging.getLogger(__name__)


def tls_context(settings: ServerSettings) -> ssl.SSLContext:
    """System trust store (plus ca_file), hostname checked: certificates are always verified."""
    context = ssl.create_default_context()
    if settings.ca_file is not None:
        try:
            context.load_verify_locations(cafile=str(settings.ca_file))
        except (OSError, ssl.SSLError) as exc:
            raise ConnectionFailed(f"{settings.address}: cannot load ca_file {settings.ca_file}: {exc}") from None
    return context


@contextmanager
def explained_errors(settings: ServerSettings, section: str) -> Iterator[None]:
    """Translate what can go wrong while connecting into one clear ConnectionFailed."""
    where = f"{section} {settings.address}"
    try:
        yield
    except ssl.SSLCertVerificationError as exc:
        raise ConnectionFailed(
            f"{where}: the server's certificate is not trusted ({exc.verify_message}); if the server uses "
            f"a private CA, set {section}.ca_file to it"
        ) from None
    except ssl.SSLError as exc:
        raise ConnectionFailed(
            f"{where}: TLS handshake failed ({exc.reason or exc}); check {section}.security "
            "(tls for implicit TLS ports like 993/465, starttls for 143/587) and the port"
        ) from None
    except ConnectionRefusedError:
        raise ConnectionFailed(f"{where}: connection refused; check {section}.host and {section}.port") from None
    except TimeoutError:
        raise ConnectionFailed(
            f"{where}: no answer within {settings.timeout_seconds:g} s; check {section}.port and "
            f"{section}.security, and that the server is reachable"
        ) from None
    except socket.gaierror as exc:
        raise ConnectionFailed(f"{where}: cannot resolve host name ({exc.strerror}); check {section}.host") from None
    except OSError as exc:
        raise ConnectionFailed(f"{where}: {exc.strerror or exc}") from None


def open_imap(settings: ImapSettings) -> IMAPClient:
    """A logged-in IMAPClient over verified TLS, with a socket timeout on every command."""
    from imapclient import IMAPClient
    from imapclient.exceptions import IMAPClientError, LoginError

    secret = settings.secret.resolve()
    context = tls_context(settings)
    with explained_errors(settings, "imap"):
        client = IMAPClient(settings.host, port=settings.port, ssl=settings.security == "tls",
                            ssl_context=context, timeout=settings.timeout_seconds)
        try:
            if settings.security == "starttls":
                client.starttls(context)
            if settings.secret.is_oauth2:
                client.oauth2_login(settings.username, secret)
            else:
                client.login(settings.username, secret)
        except LoginError as exc:
            _shutdown_imap(client)
            raise LoginRefused(
                f"imap {settings.address} refused login for {settings.username}: {_decode(exc)}; "
                f"check the password from {settings.secret.describe()}"
            ) from None
        except IMAPClientError as exc:
            _shutdown_imap(client)
            raise ConnectionFailed(f"imap {settings.address}: {_decode(exc)}") from None
        except BaseException:
            _shutdown_imap(client)
            raise
    logger.debug("imap %s: logged in as %s", settings.address, settings.username)
    return client


def _shutdown_imap(client: IMAPClient) -> None:
    try:
        client.shutdown()
    except Exception:  # the socket may already be gone; nothing to clean up then
        logger.debug("imap shutdown failed", exc_info=True)


async def open_smtp(settings: SmtpSettings) -> aiosmtplib.SMTP:
    """A connected, authenticated aiosmtplib.SMTP over verified TLS."""
    import aiosmtplib

    secret = settings.secret.resolve()
    smtp = aiosmtplib.SMTP(
        hostname=settings.host, port=settings.port, use_tls=settings.security == "tls",
        start_tls=settings.security == "starttls", tls_context=tls_context(settings),
        timeout=settings.timeout_seconds, validate_certs=True,
    )
    with explained_errors(settings, "smtp"):
        try:
            await smtp.connect()
            if settings.secret.is_oauth2:
                await smtp.auth_xoauth2(settings.username, secret)
            else:
                await smtp.login(settings.username, secret)
        except aiosmtplib.SMTPAuthenticationError as exc:
            smtp.close()
            raise LoginRefused(
                f"smtp {settings.address} refused login for {settings.username}: {exc.code} {exc.message}; "
                f"check the password from {settings.secret.describe()}"
            ) from None
        except aiosmtplib.SMTPConnectError as exc:
            smtp.close()
            cause = exc.__cause__
            if isinstance(cause, OSError):
                raise cause from None
            raise ConnectionFailed(f"smtp {settings.address}: cannot connect: {exc}") from None
        except aiosmtplib.SMTPTimeoutError:
            smtp.close()
            raise TimeoutError from None
        except aiosmtplib.SMTPException as exc:
            smtp.close()
            cause = exc.__cause__
            if isinstance(cause, (ssl.SSLError, OSError)):
                raise cause from None
            raise ConnectionFailed(f"smtp {settings.address}: {exc}") from None
    logger.debug("smtp %s: logged in as %s", settings.address, settings.username)
    return smtp


def _decode(exc: Exception) -> str:
    """imapclient's error text, which is often the repr of the server's bytes: decoded back, so that
    redaction sees a password the server echoed as it was sent (not with repr's escapes)."""
    text = str(exc.args[0] if exc.args else exc)
    if text.startswith(("b'", 'b"')):
        import ast

        try:
            raw = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return text[2:-1]
        if isinstance(raw, bytes):
            return raw.decode("utf-8", "replace")
    return text
