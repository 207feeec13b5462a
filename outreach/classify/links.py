"""Sort the URLs in a reply into video-call links, booking pages and everything else.

A host or path that only a video service uses is a call link; a scheduling
service, a ``schedule.``/``book.`` host or a ``/book`` path is a booking page. For
other hosts the words right before the URL decide ("video room:", "grab a slot
here:", "pick any time ..."). A careers or jobs page is never either.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from outreach.regex_store import regex

logger = logging.getLogger(__name__)

URL_RE = regex(r"(?:https?://|www\.)[^\s<>\"'()\[\]{}|\\^`]{3,2000}", re.IGNORECASE)
_TRAILING = ".,;:!?*"

_VIDEO_HOSTS = regex(
    r"(^|\.)(zoom\.us|zoom\.com|zoomgov\.com|meet\.google\.com|teams\.microsoft\.com|teams\.live\.com|"
    r"webex\.com|whereby\.com|gotomeeting\.com|meet\.goto\.com|gotomeet\.me|bluejeans\.com|meet\.jit\.si|"
    r"chime\.aws|skype\.com|join\.skype\.com|around\.co|riverside\.fm|meet\.around\.co)$"
)
_VIDEO_PREFIX = regex(r"^(meet|video|zoom|webex|teams|call|join|conference|vc)\.")
_VIDEO_PATH = regex(r"/(j|join|my|meet|wc/join|l/meetup-join)/", re.IGNORECASE)
_BOOKING_HOSTS = regex(
    r"(^|\.)(calendly\.com|cal\.com|savvycal\.com|youcanbook\.me|zcal\.co|tidycal\.com|"
    r"acuityscheduling\.com|meetings\.hubspot\.com|doodle\.com|x\.ai|reclaim\.ai|motion\.com|"
    r"koalendar\.com|oncehub\.com|setmore\.com|appointlet\.com|calendar\.app\.google|vyte\.in|"
    r"harmonizely\.com|chilipiper\.com)$"
)
# A scheduling service's name as any label of the host (a regional or white-label domain of the same service).
_BOOKING_BRANDS = regex(
    r"(^|\.)(calendly|savvycal|youcanbook|tidycal|acuityscheduling|zcal|koalendar|oncehub|setmore|appointlet|"
    r"harmonizely|chilipiper|doodle)\."
)
_BOOKING_PREFIX = regex(
    r"^(schedule|scheduling|book|booking|bookings|appointments?|meetings?|cal|rdv|termine?|agenda)\."
)
_BOOKING_PATH = regex(
    r"/(book|booking|bookings|schedule|appointments?|meetings?/|calendar/appointments|owa/calendar)",
    re.IGNORECASE,
)
_NEITHER = regex(r"(^|\.)(careers?|jobs|apply|recruiting|workday|greenhouse|lever)\.|/(careers?|jobs)\b")
_VIDEO_WORDS = regex(
    r"(video (room|link|call|meeting)|meeting (link|room)|call link|join( the)?( meeting| call)?|"
    r"dial[- ]in|zoom|teams|google meet|webex|room|"
    # "le lien de visio", "enlace de la videollamada", "link da videochamada", "link della videochiamata",
    # "Link zum Videocall", "de link voor het videogesprek"
    r"visio(conf[ée]rence)?|videollamada|videoconferencia|videochamada|videoconfer[êe]ncia|videochiamata|"
    r"videoconferenza|video-?call|videoanruf|videokonferenz|einwahl(link)?|videogesprek|videobellen|"
    r"(enlace|link|lien|koppeling) (de|da|della|zum|zur|voor|pour|para|a|à) (la |het |l['’])?"
    r"(reuni[óo]n|reuni[ãa]o|llamada|chamada|r[ée]union|appel|riunione|chiamata|call|meeting|gespr[äa]ch|gesprek|"
    r"overleg))\b",
    re.IGNORECASE,
)
_BOOKING_WORDS = regex(
    r"(book|booking|schedul|calendar|slot|pick (a|any) time|grab (a|any|whatever|whichever)|find a time|availability|"
    r"open times?|whatever suits|réserv|rendez-vous|rdv|créneau|reserv[ae]|agend[ae]|termin|buch|prenot|afspraak|"
    r"inplannen|elige|escolha|choisissez|wählen sie|scegli|kies|marc[ae] (?:um |o )?hor[áa]rio|hor[áa]rio|orario|"
    r"hueco|plan (?:maar |gerust )?(?:een|in)|plan\b[^.!?\n]{0,25}\bin\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Links:
    """The call link and booking page in a text, if any."""

    video: str | None
    booking: str | None


def find_urls(text: str) -> list[tuple[int, str]]:
    out = []
    for m in URL_RE.finditer(text):
        url = m.group(0).rstrip(_TRAILING)
        if url.lower().startswith("www."):
            url = "https://" + url
        out.append((m.start(), url))
    return out


def kind(url: str, before: str) -> str | None:
    """'video', 'booking' or None for a URL and the text right before it."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    path = parts.path or ""
    if _NEITHER.search(host + path.lower()):
        return None
    if _VIDEO_HOSTS.search(host):
        return "video"
    if _BOOKING_HOSTS.search(host) or _BOOKING_BRANDS.search(host) or _BOOKING_PREFIX.match(host):
        return "booking"
    # The words just before the link ("video room:", "pick any time here:") beat guesses from the URL.
    tail = re.split(r"[.!?](?:\s|$)", before[-100:])[-1]
    cues = [(m.end(), "video") for m in _VIDEO_WORDS.finditer(tail)]
    cues += [(m.end(), "booking") for m in _BOOKING_WORDS.finditer(tail)]
    if cues:
        return max(cues)[1]
    if _VIDEO_PREFIX.match(host) or _VIDEO_PATH.search(path):
        return "video"
    if _BOOKING_PATH.search(path):
        return "booking"
    return None


def find_links(text: str) -> Links:
    """First video link and first booking link in ``text``."""
    video = booking = None
    for pos, url in find_urls(text):
        found = kind(url, text[max(0, pos - 120) : pos])
        if found == "video" and video is None:
            video = url
        elif found == "booking" and booking is None:
            booking = url
    return Links(video, booking)
