"""The structured interview-notes file: its blank form, and parsing it back with line-numbered errors.

The file is Markdown-like text the user edits in $EDITOR:

    ## Trends / ## Insights / ## Advice / ## Resources / ## Assignments   free text
    ## People to contact     - Name <email>, Company        (company optional)
    ## Follow through        - [ ] YYYY-MM-DD: what you promised   ([x] when done; the date is optional)
    ## Mention in thank-you  - something they said that helped

Lines starting with `#` followed by a space or nothing else are comments. Parsing is pure: no
database, no clock; the caller stores the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from outreach.addresses import AddressError, normalize_address
from outreach.errors import NotesError

TIARA = ("trends", "insights", "advice", "resources", "assignments")
SECTIONS = {
    **{name: name.capitalize() for name in TIARA},
    "people": "People to contact",
    "follow_through": "Follow through",
    "mention": "Mention in thank-you",
}
_HEADINGS = {title.lower(): key for key, title in SECTIONS.items()}
_ITEM = re.compile(r"^[-*]\s+(.*)$")
_PERSON = re.compile(r"^(?P<name>[^<>]*?)\s*<(?P<email>[^<>\s]+)>\s*(?:,\s*(?P<company>.+))?$")
_BARE_EMAIL = re.compile(r"^(?P<email>[^\s<>,]+@[^\s<>,]+)\s*(?:,\s*(?P<company>.+))?$")
_FOLLOW = re.compile(r"^(?:\[(?P<box>[ xX])\]\s*)?(?:(?P<due>\d{4}-\d{2}-\d{2})\s*:\s*)?(?P<text>.*)$")
MAX_NOTES_CHARS = 50_000


@dataclass
class Person:
    name: str | None
    email: str
    company: str | None


@dataclass
class Promise:
    text: str
    due: date | None
    done: bool = False


@dataclass
class Notes:
    tiara: dict[str, str] = field(default_factory=lambda: {name: "" for name in TIARA})
    people: list[Person] = field(default_factory=list)
    follow_through: list[Promise] = field(default_factory=list)
    mention: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "tiara": dict(self.tiara),
            "people": [{"name": p.name, "email": p.email, "company": p.company} for p in self.people],
            "follow_through": [{"text": f.text, "due": f.due.isoformat() if f.due else None, "done": f.done}
                               for f in self.follow_through],
            "mention": list(self.mention),
        }


def blank_form(title: str) -> str:
    """The form the editor opens on the first time: every section, with a one-line hint for the lists."""
    return "\n".join([
        f"# Notes: {title}",
        "# Lines starting with '# ' are comments. Leave a section empty if it does not apply.",
        "",
        *[line for name in TIARA for line in (f"## {SECTIONS[name]}", "", "")],
        "## People to contact",
        "# one per line: - Name <email@example.com>, Company",
        "",
        "## Follow through",
        "# one per line: - [ ] YYYY-MM-DD: what you promised   (tick [x] when done; the date is optional)",
        "",
        "## Mention in thank-you",
        "# one per line: - something they said that helped",
        "",
    ])


def parse_notes(text: str, where: str = "notes") -> Notes:
    """Parse a notes file; raise NotesError listing every problem as `where, line N: ...`."""
    if len(text) > MAX_NOTES_CHARS:
        raise NotesError(f"{where}: longer than {MAX_NOTES_CHARS} characters")
    notes = Notes()
    problems: list[str] = []
    section: str | None = None
    prose: dict[str, list[str]] = {name: [] for name in TIARA}
    seen: set[str] = set()
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.strip()
        if line == "#" or line.startswith("# "):
            continue
        if line.startswith("##"):
            title = line.lstrip("#").strip().rstrip(":").lower()
            section = _HEADINGS.get(title)
            if section is None:
                problems.append(f"{where}, line {number}: unknown section {line!r} (expected one of "
                                + ", ".join(f"'## {t}'" for t in SECTIONS.values()) + ")")
            elif section in seen:
                problems.append(f"{where}, line {number}: section '## {SECTIONS[section]}' appears twice")
            else:
                seen.add(section)
            continue
        if not line:
            if section in prose:
                prose[section].append("")
            continue
        if section is None:
            problems.append(f"{where}, line {number}: text before the first section heading ({line[:40]!r}), "
                            "put it under a '## ...' heading")
            continue
        if section in prose:
            prose[section].append(raw.rstrip())
            continue
        item = _ITEM.match(line)
        if item is None:
            problems.append(f"{where}, line {number}: in '## {SECTIONS[section]}' each entry is a line "
                            f"starting with '- ', got {line[:40]!r}")
            continue
        problem = _add_item(notes, section, item.group(1).strip())
        if problem:
            problems.append(f"{where}, line {number}: {problem}")
    if problems:
        raise NotesError("; ".join(problems))
    notes.tiara = {name: "\n".join(lines).strip("\n") for name, lines in prose.items()}
    return notes


def _add_item(notes: Notes, section: str, value: str) -> str | None:
    """Add one list entry; return a problem description instead when it is malformed."""
    if not value:
        return None
    if section == "mention":
        notes.mention.append(value)
        return None
    if section == "people":
        return _add_person(notes, value)
    match = _FOLLOW.match(value)
    assert match is not None  # the pattern accepts any text
    text = match.group("text").strip()
    due: date | None = None
    if match.group("due"):
        try:
            due = date.fromisoformat(match.group("due"))
        except ValueError:
            return f"{match.group('due')!r} is not a real date (write YYYY-MM-DD)"
    elif re.match(r"^\d", text):
        return f"write the due date as YYYY-MM-DD followed by a colon, got {value[:40]!r}"
    if not text:
        return "a follow-through item needs a description after the date"
    notes.follow_through.append(Promise(text=text, due=due, done=(match.group("box") or " ") in "xX"))
    return None


def _add_person(notes: Notes, value: str) -> str | None:
    match = _PERSON.match(value) or _BARE_EMAIL.match(value)
    if match is None:
        return f"write a person as 'Name <email@example.com>, Company', got {value[:60]!r}"
    try:
        email = normalize_address(match.group("email"))
    except AddressError as exc:
        return str(exc)
    name = (match.groupdict().get("name") or "").strip().strip('"') or None
    company = (match.group("company") or "").strip() or None
    notes.people.append(Person(name=name, email=email, company=company))
    return None

