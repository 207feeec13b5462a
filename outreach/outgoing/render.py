"""Templates -> subject and body, rendered in the bounded sandbox of sandbox.py.

Jinja2 is imported inside the functions that render, so that commands which only
read drafts (`drafts list`, `drafts show`) never pay for it.

A template is a `Subject:` line, a blank line, then the body. The context is
`me`, `contact` (every introduction field, None when absent), `referrer`,
`thread` ({subject, sent_on, message_id}), `interview` ({on, starts, ends,
minutes, url, booking_url, their_start, offered, ...}: prep.interview_context)
and `notes`; the last three are None unless the caller passes them. `slots` is the free times offered
(start, end, user_start, day, time, text), [] without a calendar.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from outreach.calendar.offers import slot_context
from outreach.calendar.slots import Slot
from outreach.config.scaffold import TEMPLATE_SUFFIXES, shipped_templates_dir
from outreach.errors import HeaderInjectionError, TemplateError
from outreach.headers import check_header_value
from outreach.intake.contacts import TEXT_FIELDS
from outreach.outgoing.sandbox import bounded_environment, bounded_render

if TYPE_CHECKING:

    from jinja2 import Template
    from jinja2.sandbox import SandboxedEnvironment

    from outreach.config.settings import Settings
    from outreach.store.models import Contact

logger = logging.getLogger(__name__)

DEFAULT_TEMPLATE = "outreach"
# Templates that need a thread or an interview; `outreach check` only compiles these.
REPLY_TEMPLATES = ("follow_up", "thank_you", "prep")
# The interview's confirmation and cancellation: `outreach check` renders them for a sample interview.
INTERVIEW_TEMPLATES = ("confirmation", "cancellation")


@dataclass(frozen=True)
class Rendered:
    template: str
    subject: str
    body: str


# ------------------------------------------------------------------ context


def contact_context(contact: Contact) -> dict[str, Any]:
    """Every introduction field (None when absent) plus first_name."""
    fields: dict[str, Any] = {name: getattr(contact, name) for name in TEXT_FIELDS}
    fields.update(
        name=contact.name,
        email=contact.email,
        first_name=contact.name.split()[0] if contact.name.split() else contact.name,
        topics=list(contact.topics or []),
        referred_by_email=contact.referred_by_email,
        status=contact.status,
    )
    return fields


def me_context(settings: Settings) -> dict[str, Any]:
    me = settings.me
    return {
        "name": me.name,
        "first_name": me.name.split()[0],
        "email": me.email,
        "timezone": me.timezone,
        "signature": me.signature,
        "stories": {
            "tell_me_about_yourself": me.stories.tell_me_about_yourself,
            "why_this_field": me.stories.why_this_field,
            "what_im_looking_for": me.stories.what_im_looking_for,
        },
    }


def template_context(settings: Settings, contact: Contact, thread: Mapping[str, Any] | None = None,
                     interview: Mapping[str, Any] | None = None, notes: str | None = None,
                     slots: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    fields = contact_context(contact)
    referrer = None
    if contact.referred_by:
        referrer = {"name": contact.referred_by, "email": contact.referred_by_email,
                    "relationship": contact.relationship}
    return {"me": me_context(settings), "contact": fields, "referrer": referrer,
            "thread": thread, "interview": interview, "notes": notes, "slots": list(slots)}


# ------------------------------------------------------------------ rendering


def render_for_contact(settings: Settings, contact: Contact, template: str | None = None,
                       thread: Mapping[str, Any] | None = None, interview: Mapping[str, Any] | None = None,
                       notes: str | None = None, slots: Sequence[Mapping[str, Any]] = ()) -> Rendered:
    """Render `template` (default: the contact's own, else outreach) for one contact; `slots`: the free
    times offered (offers.slot_context), [] without a calendar."""
    name = template or contact.template or DEFAULT_TEMPLATE
    context = template_context(settings, contact, thread, interview, notes, slots)
    return render_template(settings, name, context, who=contact.email)


def render_template(settings: Settings, name: str, context: Mapping[str, Any], who: str) -> Rendered:
    """Render one template; raise TemplateError naming the template, line, contact (`who`) and field."""
    env = environment(settings.paths.templates)
    template = load_template(env, name)
    label = template.name or name
    text = bounded_render(template, context, label, who)
    subject, body = split_message(text, label, who)
    # A value can carry an encoded word that decodes to a line break; refuse it here, naming the contact.
    check_header_value(f"{label}: the subject rendered for {who}", subject)
    return Rendered(template=label, subject=subject, body=body)


def split_message(text: str, label: str, who: str | None = None) -> tuple[str, str]:
    """`Subject: ...`, blank line, body -> (subject, body). Used for rendered templates and edited drafts."""
    first, _, rest = text.partition("\n")
    first = first.rstrip("\r")
    whose = f" for {who}" if who else ""
    if not first.lower().startswith("subject:"):
        raise TemplateError(f"{label}, line 1{whose}: the first line must be `Subject: ...`, got {first[:60]!r}")
    subject = first[len("subject:"):].strip()
    if not subject:
        raise TemplateError(f"{label}, line 1{whose}: the subject is empty")
    second, _, body = rest.partition("\n")
    if second.strip():
        # The source's line 2 is blank (checked when loading), so a value with a line break reached the subject.
        raise HeaderInjectionError(
            f"{label}, line 2{whose}: the subject line is followed by {second[:60]!r}; either a value with a "
            "line break reached the subject, or the blank line after it is missing"
        )
    body = body.strip("\n").replace("\r\n", "\n")
    if not body.strip():
        raise TemplateError(f"{label}{whose}: the body is empty")
    return subject, body + "\n"


def check_templates(settings: Settings) -> Iterator[str]:
    """Compile every template (yours and the shipped ones) and trial-render the outreach ones.

    Yields one line per template; raises TemplateError at the first bad one."""

    env = environment(settings.paths.templates)
    user_dir = settings.paths.templates
    names = {p.name for p in shipped_templates_dir().glob("*.j2")}
    if user_dir.is_dir():
        names |= {p.name for p in user_dir.glob("*.j2")}
    sample = _sample_context(settings)
    for name in sorted(names):
        template = load_template(env, name)
        origin = "yours" if (user_dir / name).is_file() else "shipped"
        if _base_name(name) in INTERVIEW_TEMPLATES:
            render_template(settings, name, _sample_interview_context(sample), who="a sample interview")
            yield f"{name} ({origin}; rendered for a sample interview)"
        elif _base_name(name) not in REPLY_TEMPLATES:
            render_template(settings, name, sample, who="a sample contact")
            yield f"{name} ({origin}; rendered for a sample contact)"
        else:
            yield f"{name} ({origin}; compiled)"
        del template


@lru_cache(maxsize=8)
def environment(user_dir: Path) -> SandboxedEnvironment:
    from jinja2 import FileSystemLoader


    env = bounded_environment(FileSystemLoader([str(user_dir), str(shipped_templates_dir())]))
    env.filters["join_words"] = join_words
    env.filters["a_or_an"] = a_or_an
    env.filters["reply_subject"] = reply_subject
    return env


def load_template(env: SandboxedEnvironment, name: str) -> Template:
    """Find `name` (with or without its .txt.j2 suffix) and check its Subject/blank-line shape."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError

    candidates = [name] if name.endswith(".j2") else [name + s for s in TEMPLATE_SUFFIXES]
    for candidate in candidates:
        try:
            template = env.get_template(candidate)
        except TemplateNotFound:
            continue
        except TemplateSyntaxError as exc:
            raise TemplateError(f"{exc.filename or candidate}, line {exc.lineno}: {exc.message}") from None
        _check_shape(template)
        return template
    raise TemplateError(
        f"no template named {name!r} (looked for {', '.join(candidates)} in your templates folder and the "
        "shipped ones); fix `template:` in introductions.yaml or add the file"
    )


def _check_shape(template: Template) -> None:
    if not template.filename:
        return
    lines = Path(template.filename).read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].lower().startswith("subject:"):
        raise TemplateError(f"{template.filename}, line 1: a template starts with a `Subject: ...` line")
    if len(lines) < 3 or lines[1].strip():
        raise TemplateError(f"{template.filename}, line 2: leave a blank line between the Subject and the body")


def _base_name(name: str) -> str:
    for suffix in TEMPLATE_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _sample_context(settings: Settings) -> dict[str, Any]:
    contact: dict[str, Any] = {name: f"sample {name}" for name in TEXT_FIELDS}
    contact.update(name="Alex Sample", first_name="Alex", email="alex@example.com",
                   topics=["a sample topic"], referred_by_email=None, status="new")
    return {"me": me_context(settings), "contact": contact,
            "referrer": {"name": contact["referred_by"], "email": None, "relationship": contact["relationship"]},
            "thread": None, "interview": None, "notes": None, "slots": _sample_slots(settings)}


def _sample_interview_context(sample: dict[str, Any]) -> dict[str, Any]:
    """`sample` with a thread and an interview shaped like threads.thread_context and prep.interview_context."""
    thread = {"subject": "A sample subject", "sent_on": "Monday, March 2", "message_id": "<sample@example.com>",
              "messages": []}
    interview = {"id": 1, "status": "scheduled", "on": "Tuesday, March 10",
                 "starts": "Tuesday, March 10, 2026 at 2:00 PM UTC", "ends": "2:30 PM UTC", "their_time": None,
                 "their_start": None, "offered": True, "minutes": 30, "url": "https://meet.example.com/sample",
                 "booking_url": None, "location": None, "proposed": [], "follow_through": [], "mention": [],
                 "people": []}
    return {**sample, "thread": thread, "interview": interview}


def _sample_slots(settings: Settings) -> list[dict[str, Any]]:
    """Two sample offers when a calendar is configured (the template's `slots` branch is tried), else none."""
    if settings.calendar is None:
        return []
    from datetime import UTC, datetime, timedelta


    start = datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
    length = timedelta(minutes=settings.calendar.availability.slot_minutes)
    samples = [Slot(s, s + length, s.astimezone(settings.me.zone)) for s in (start, start + timedelta(days=1))]
    return slot_context(samples, settings.me.zone)


def join_words(items: Any) -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    words = [str(i) for i in items or []]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def reply_subject(subject: Any) -> str:
    """'Hello' -> 'Re: Hello'; an existing 'Re:' is kept, not doubled."""
    text = str(subject).strip()
    return text if text.lower().startswith("re:") else f"Re: {text}"


def a_or_an(phrase: Any) -> str:
    text = str(phrase)
    return ("an " if text[:1].lower() in "aeiou" and text[:1] else "a ") + text


