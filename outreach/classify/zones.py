"""Names of time zones as people and calendar programs write them, mapped to IANA zones.

Abbreviations are mapped to the region's zone rather than to a fixed offset, so the
offset comes from the date: "4:30 PM ET" in October is EDT, "16:00 CET" written in
summer means Central European local time. That is how people use them.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

logger = logging.getLogger(__name__)

ABBREVIATIONS = {
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "AKT": "America/Anchorage",
    "HST": "Pacific/Honolulu",
    "GMT": "UTC",
    "UTC": "UTC",
    "Z": "UTC",
    "BST": "Europe/London",
    "WET": "Europe/Lisbon",
    "WEST": "Europe/Lisbon",
    "CET": "Europe/Berlin",
    "CEST": "Europe/Berlin",
    "MEZ": "Europe/Berlin",
    "MESZ": "Europe/Berlin",
    "HEC": "Europe/Paris",  # heure de l'Europe centrale
    "HAEC": "Europe/Paris",  # heure avancée d'Europe centrale
    "WEZ": "Europe/Lisbon",
    "WESZ": "Europe/Lisbon",
    "OEZ": "Europe/Athens",
    "OESZ": "Europe/Athens",
    "HNE": "America/Toronto",  # heure normale de l'Est (Québec)
    "HAE": "America/Toronto",  # heure avancée de l'Est
    "HNC": "America/Winnipeg",
    "HAC": "America/Winnipeg",
    "HNP": "America/Vancouver",
    "HAP": "America/Vancouver",
    "BRT": "America/Sao_Paulo",
    "ART": "America/Argentina/Buenos_Aires",
    "CLT": "America/Santiago",
    "COT": "America/Bogota",
    "PET": "America/Lima",
    "UYT": "America/Montevideo",
    "EET": "Europe/Athens",
    "EEST": "Europe/Athens",
    "IST": "Asia/Kolkata",
    "SGT": "Asia/Singapore",
    "HKT": "Asia/Hong_Kong",
    "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "AET": "Australia/Sydney",
    "AWST": "Australia/Perth",
    "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland",
    "NZT": "Pacific/Auckland",
}

# Region and city words people use before "time" ("Pacific time", "London time") or after "in".
PLACES = {
    "eastern": "America/New_York",
    "central": "America/Chicago",
    "mountain": "America/Denver",
    "pacific": "America/Los_Angeles",
    "new york": "America/New_York",
    "nyc": "America/New_York",
    "boston": "America/New_York",
    "toronto": "America/Toronto",
    "chicago": "America/Chicago",
    "denver": "America/Denver",
    "seattle": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles",
    "los angeles": "America/Los_Angeles",
    "vancouver": "America/Vancouver",
    "uk": "Europe/London",
    "london": "Europe/London",
    "british": "Europe/London",
    "dublin": "Europe/Dublin",
    "irish": "Europe/Dublin",
    "lisbon": "Europe/Lisbon",
    "paris": "Europe/Paris",
    "berlin": "Europe/Berlin",
    "amsterdam": "Europe/Amsterdam",
    "madrid": "Europe/Madrid",
    "stockholm": "Europe/Stockholm",
    "zurich": "Europe/Zurich",
    "central european": "Europe/Berlin",
    "athens": "Europe/Athens",
    "lagos": "Africa/Lagos",
    "india": "Asia/Kolkata",
    "indian": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "singapore": "Asia/Singapore",
    "hong kong": "Asia/Hong_Kong",
    "tokyo": "Asia/Tokyo",
    "japan": "Asia/Tokyo",
    "seoul": "Asia/Seoul",
    "sydney": "Australia/Sydney",
    "melbourne": "Australia/Melbourne",
    "brisbane": "Australia/Brisbane",
    "perth": "Australia/Perth",
    "auckland": "Pacific/Auckland",
    "utc": "UTC",
    "gmt": "UTC",
    # Europe and the Americas as Spanish, French, German, Portuguese, Italian and Dutch writers name them.
    "montreal": "America/Toronto",
    "montréal": "America/Toronto",
    "québec": "America/Toronto",
    "quebec": "America/Toronto",
    "l'est": "America/Toronto",
    "l’est": "America/Toronto",
    "ottawa": "America/Toronto",
    "france": "Europe/Paris",
    "française": "Europe/Paris",
    "bruxelles": "Europe/Brussels",
    "brussels": "Europe/Brussels",
    "brussel": "Europe/Brussels",
    "belgique": "Europe/Brussels",
    "belge": "Europe/Brussels",
    "belgische": "Europe/Brussels",
    "genève": "Europe/Zurich",
    "schweizer": "Europe/Zurich",
    "schweiz": "Europe/Zurich",
    "zürich": "Europe/Zurich",
    "suisse": "Europe/Zurich",
    "deutscher": "Europe/Berlin",
    "deutsche": "Europe/Berlin",
    "wien": "Europe/Vienna",
    "österreichischer": "Europe/Vienna",
    "münchen": "Europe/Berlin",
    "frankfurt": "Europe/Berlin",
    "hamburg": "Europe/Berlin",
    "nederlandse": "Europe/Amsterdam",
    "nederland": "Europe/Amsterdam",
    "amsterdamse": "Europe/Amsterdam",
    "roma": "Europe/Rome",
    "rome": "Europe/Rome",
    "italiana": "Europe/Rome",
    "italia": "Europe/Rome",
    "milano": "Europe/Rome",
    "españa": "Europe/Madrid",
    "española": "Europe/Madrid",
    "peninsular": "Europe/Madrid",
    "barcelona": "Europe/Madrid",
    "canaria": "Atlantic/Canary",
    "canarias": "Atlantic/Canary",
    "lisboa": "Europe/Lisbon",
    "portugal": "Europe/Lisbon",
    "brasília": "America/Sao_Paulo",
    "brasilia": "America/Sao_Paulo",
    "são paulo": "America/Sao_Paulo",
    "sao paulo": "America/Sao_Paulo",
    "rio": "America/Sao_Paulo",
    "bogotá": "America/Bogota",
    "bogota": "America/Bogota",
    "colombia": "America/Bogota",
    "lima": "America/Lima",
    "perú": "America/Lima",
    "peru": "America/Lima",
    "méxico": "America/Mexico_City",
    "mexico": "America/Mexico_City",
    "centro de méxico": "America/Mexico_City",
    "centro de mexico": "America/Mexico_City",
    "ciudad de méxico": "America/Mexico_City",
    "chile": "America/Santiago",
    "chile continental": "America/Santiago",
    "santiago": "America/Santiago",
    "buenos aires": "America/Argentina/Buenos_Aires",
    "argentina": "America/Argentina/Buenos_Aires",
    "montevideo": "America/Montevideo",
    "uruguay": "America/Montevideo",
}

# Windows zone names used by Outlook/Exchange in TZID (a subset of CLDR's windowsZones.xml).
WINDOWS = {
    "dateline standard time": "Etc/GMT+12",
    "hawaiian standard time": "Pacific/Honolulu",
    "alaskan standard time": "America/Anchorage",
    "pacific standard time": "America/Los_Angeles",
    "us mountain standard time": "America/Phoenix",
    "mountain standard time": "America/Denver",
    "central standard time": "America/Chicago",
    "central america standard time": "America/Guatemala",
    "canada central standard time": "America/Regina",
    "mexico standard time": "America/Mexico_City",
    "central standard time (mexico)": "America/Mexico_City",
    "eastern standard time": "America/New_York",
    "us eastern standard time": "America/Indianapolis",
    "atlantic standard time": "America/Halifax",
    "newfoundland standard time": "America/St_Johns",
    "e. south america standard time": "America/Sao_Paulo",
    "sa pacific standard time": "America/Bogota",
    "argentina standard time": "America/Buenos_Aires",
    "utc": "UTC",
    "gmt standard time": "Europe/London",
    "greenwich standard time": "Atlantic/Reykjavik",
    "w. europe standard time": "Europe/Berlin",
    "romance standard time": "Europe/Paris",
    "central europe standard time": "Europe/Budapest",
    "central european standard time": "Europe/Warsaw",
    "e. europe standard time": "Europe/Chisinau",
    "gtb standard time": "Europe/Bucharest",
    "fle standard time": "Europe/Kiev",
    "israel standard time": "Asia/Jerusalem",
    "south africa standard time": "Africa/Johannesburg",
    "w. central africa standard time": "Africa/Lagos",
    "russian standard time": "Europe/Moscow",
    "arabian standard time": "Asia/Dubai",
    "india standard time": "Asia/Calcutta",
    "china standard time": "Asia/Shanghai",
    "singapore standard time": "Asia/Singapore",
    "taipei standard time": "Asia/Taipei",
    "tokyo standard time": "Asia/Tokyo",
    "korea standard time": "Asia/Seoul",
    "aus eastern standard time": "Australia/Sydney",
    "e. australia standard time": "Australia/Brisbane",
    "w. australia standard time": "Australia/Perth",
    "new zealand standard time": "Pacific/Auckland",
}

_OFFSET_RE = re.compile(r"^(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


@lru_cache(maxsize=128)
def zone(name: str) -> tzinfo | None:
    """Resolve an IANA name, abbreviation, place, Windows name or UTC±H offset; None if unknown."""
    text = " ".join(name.split())
    if not text:
        return None
    match = _OFFSET_RE.match(text)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
        if minutes > 14 * 60:
            return None
        return timezone(sign * timedelta(minutes=minutes))
    key = ABBREVIATIONS.get(text.upper()) or PLACES.get(text.lower()) or WINDOWS.get(text.lower())
    key = key or text.strip('"')
    if key == "UTC":
        return UTC
    if "/" not in key or len(key) > 64 or ".." in key:
        return None
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
