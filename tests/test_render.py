"""Rendering: shipped templates, missing fields, hostile templates, header injection, wire messages."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from outreach.config.settings import Settings
from outreach.errors import HeaderInjectionError, TemplateError
from outreach.intake.contacts import import_introductions, load_introductions
from outreach.outgoing.message import build_message, message_text
from outreach.outgoing.render import check_templates, render_for_contact
from outreach.store.models import Contact, Draft
from tests.helpers import NOW, example_settings, write_template

GOLDEN = Path(__file__).parent / "data" / "rendered"
THREAD = {"subject": "Maria Lopez suggested I reach out about your work at Example Corp",
          "sent_on": "Tuesday, March 4", "message_id": "<a1@example.edu>",
          "messages": [{"from": "Sam Rivera", "ours": True, "on": "Tuesday, March 4", "subject": "Hello",
                        "text": "Would you have 20 minutes?"},
                       {"from": "Alex Chen", "ours": False, "on": "Wednesday, March 5", "subject": "Re: Hello",
                        "text": "Sure, Thursday at 10 works."}]}
INTERVIEW = {"id": 7, "status": "held", "on": "Thursday, March 13", "starts": "Thursday, March 13 at 10:00 AM EDT",
             "ends": "10:30 AM", "their_time": "7:00 AM PDT", "minutes": 30, "url": "https://meet.example/abc",
             "booking_url": None, "location": None, "proposed": [],
             "follow_through": ["send my SQL project", "read Designing Data-Intensive Applications"],
             "mention": [], "people": ["Dana Wu"]}
NOTES = "- Start with SQL, then learn the deployment side.\n- Talk to Dana Wu on the platform team."


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = example_settings(tmp_path)
    import_introductions(load_introductions(settings.paths.introductions), NOW)
    return settings


def contact(email: str = "alex.chen@example.com") -> Contact:
    return Contact.get(Contact.email == email)


def as_text(settings: Settings, who: Contact, template: str, **extra: Any) -> str:
    rendered = render_for_contact(settings, who, template, **extra)
    return f"Subject: {rendered.subject}\n\n{rendered.body}"


@pytest.mark.parametrize(("template", "email"), [
    ("outreach", "alex.chen@example.com"),
    ("outreach", "priya.n@example.org"),
    ("follow_up", "alex.chen@example.com"),
    ("thank_you", "alex.chen@example.com"),
    ("thank_you", "priya.n@example.org"),
    ("prep", "alex.chen@example.com"),
    ("prep", "priya.n@example.org"),
])
def test_shipped_templates_render_the_example_introductions(settings: Settings, template: str, email: str) -> None:
    """Every shipped template renders each example introduction to exactly the reviewed text."""
    notes = NOTES if email.startswith("alex") else None
    text = as_text(settings, contact(email), template, thread=THREAD, interview=INTERVIEW, notes=notes)
    golden = GOLDEN / f"{template}-{email.split('@')[0]}.txt"
    if os.environ.get("UPDATE_GOLDEN"):  # after a deliberate template change: regenerate, then review the diff
        golden.write_text(text)
    assert text == golden.read_text()


def test_outreach_without_optional_fields(settings: Settings) -> None:
    """An introduction with only a name and an address still gets a complete, sensible email."""
    bare = Contact.create(email="kim@example.net", name="Kim Park", created_at=NOW, updated_at=NOW)
    assert as_text(settings, bare, "outreach") == (
        "Subject: A quick question\n\n"
        "Hi Kim,\n\n"
        "I came across your work and wanted to reach out. I'm finishing a master's in data science after four "
        "years as a lab researcher. I like turning messy measurements into decisions people can act on.\n\n"
        "I'd love to hear how you got to where you are. Would you have 20 minutes for a call in the next few "
        "weeks? I'm happy to work around your schedule.\n\n"
        "If now isn't a good time, no worries at all; I completely understand.\n\n"
        "Thank you,\nSam Rivera\nM.S. Data Science, Example University\n"
    )


def test_user_template_overrides_shipped_one(settings: Settings) -> None:
    """A template of the same name in paths.templates wins over the shipped one."""
    write_template(settings, "outreach.txt.j2", "Subject: Hi {{ contact.first_name }}\n\nShort note.\n")
    assert as_text(settings, contact(), "outreach") == "Subject: Hi Alex\n\nShort note.\n"


def test_missing_field_names_template_line_contact_and_field(settings: Settings) -> None:
    """A typo in a field is an error naming the template, its line, the contact and the field."""
    write_template(settings, "outreach.txt.j2", "Subject: Hello\n\nHi {{ contact.first_name }},\n"
                   "I saw your work at {{ contact.compnay }}.\n")
    with pytest.raises(TemplateError) as error:
        render_for_contact(settings, contact())
    assert str(error.value) == ("outreach.txt.j2, line 4, for alex.chen@example.com: missing field "
                                "'contact.compnay' ('dict object' has no attribute 'compnay')")


def test_missing_top_level_name(settings: Settings) -> None:
    """An unknown top-level name is reported the same way."""
    write_template(settings, "custom.txt.j2", "Subject: Hello {{ recipient }}\n\nBody\n")
    with pytest.raises(TemplateError) as error:
        render_for_contact(settings, contact(), "custom")
    assert str(error.value) == ("custom.txt.j2, line 1, for alex.chen@example.com: missing field 'recipient' "
                                "('recipient' is undefined)")


def test_unknown_template_name(settings: Settings) -> None:
    """`template:` naming a file that exists nowhere is an error saying where it looked."""
    with pytest.raises(TemplateError) as error:
        render_for_contact(settings, contact(), "nope")
    assert str(error.value) == (
        "no template named 'nope' (looked for nope.txt.j2, nope.md.j2, nope.j2 in your templates folder and "
        "the shipped ones); fix `template:` in introductions.yaml or add the file")


@pytest.mark.parametrize(("source", "problem"), [
    ("Hello\n\nBody\n", "line 1: a template starts with a `Subject: ...` line"),
    ("Subject: Hi\nBody\n", "line 2: leave a blank line between the Subject and the body"),
])
def test_template_shape_is_checked(settings: Settings, source: str, problem: str) -> None:
    """A template without a Subject line or the blank line after it is refused, naming the line."""
    path = write_template(settings, "outreach.txt.j2", source)
    with pytest.raises(TemplateError) as error:
        render_for_contact(settings, contact())
    assert str(error.value) == f"{path}, {problem}"


def test_syntax_error_names_file_and_line(settings: Settings) -> None:
    """A Jinja syntax error names the file and line."""
    path = write_template(settings, "outreach.txt.j2", "Subject: Hi\n\n{% if x %}\nno end\n")
    with pytest.raises(TemplateError) as error:
        render_for_contact(settings, contact())
    assert str(error.value) == (
        f"{path}, line 3: Unexpected end of template. Jinja was looking for the following tags: 'elif' or "
        "'else' or 'endif'. The innermost block that needs to be closed is 'if'.")


HOSTILE = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ contact.__class__ }}",
    "{{ range.__self__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ 'a'.format.__globals__ }}",
    "{{ '{0:>99999999}'.format(1) }}",
    "{% for i in range(10**8) %}x{% endfor %}",
    "{% for i in range(999) %}{% for j in range(999) %}x{% endfor %}{% endfor %}",
    "{{ 'x' * 10**9 }}",
    "{{ ['x'] * 1000000000 }}",
    "{{ 9**9**9 }}",
    "{{ 'x'|center(100000000) }}",
    "{{ 'x'|indent(100000000, true) }}",
    "{{ '%099999999d'|format(1) }}",
    "{{ '%099999999d' % 1 }}",
    "{{ 'x'.ljust(100000000) }}",
    "{% macro f(s, n) %}{{ f(s ~ s, n - 1) if n else s }}{% endmacro %}{{ f('x', 60) }}",
    "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% else %}xxxxxxxx{% endif %}{% endmacro %}{{ f(40) }}",
    "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "{% set s = 'y' * 99999 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    "{{ contact.topics.append(1) }}",
    "{{ lipsum(100000) }}",
]


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_template_fails_cleanly(settings: Settings, body: str) -> None:
    """Sandbox escapes and resource bombs end in a TemplateError within a few seconds, never a hang."""
    write_template(settings, "outreach.txt.j2", f"Subject: Hi\n\n{body}\n")
    started = time.monotonic()
    with pytest.raises(TemplateError) as error:
        render_for_contact(settings, contact())
    assert time.monotonic() - started < 60  # a hang guard (the render budget is 2 s); no speed figure here
    assert str(error.value).startswith(("outreach.txt.j2, line 3, for alex.chen@example.com: ",
                                        "outreach.txt.j2, for alex.chen@example.com: "))


def test_output_size_is_bounded(settings: Settings) -> None:
    """A template whose output keeps growing is stopped at the size limit."""
    write_template(settings, "outreach.txt.j2",
                   "Subject: Hi\n\n{% for i in range(900) %}{{ 'z' * 999 }}\n{% endfor %}\n")
    with pytest.raises(TemplateError) as error:
        render_for_contact(settings, contact())
    assert str(error.value) == ("outreach.txt.j2, for alex.chen@example.com: stopped, the output "
                                "grew beyond 100000 characters")


def test_line_break_reaching_the_subject_is_refused(settings: Settings) -> None:
    """A multi-line field rendered into the Subject is header injection, not a broken email."""
    write_template(settings, "outreach.txt.j2", "Subject: About {{ contact.notes }}\n\nBody\n")
    Contact.update(notes="x\nBcc: victim@example.net").where(Contact.email == "alex.chen@example.com").execute()
    with pytest.raises(HeaderInjectionError) as error:
        render_for_contact(settings, contact())
    assert str(error.value) == (
        "outreach.txt.j2, line 2 for alex.chen@example.com: the subject line is followed by "
        "'Bcc: victim@example.net'; either a value with a line break reached the subject, or the blank line "
        "after it is missing")


def test_check_templates_lists_every_template(settings: Settings) -> None:
    """`outreach check` compiles every template and trial-renders the outreach and interview ones."""
    write_template(settings, "warm.txt.j2", "Subject: Hi {{ contact.first_name }}\n\nHello.\n")
    assert list(check_templates(settings)) == [
        "cancellation.txt.j2 (shipped; rendered for a sample interview)",
        "confirmation.txt.j2 (shipped; rendered for a sample interview)",
        "follow_up.txt.j2 (shipped; compiled)",
        "outreach.txt.j2 (shipped; rendered for a sample contact)",
        "prep.md.j2 (shipped; compiled)",
        "thank_you.txt.j2 (shipped; compiled)",
        "warm.txt.j2 (yours; rendered for a sample contact)",
    ]


def test_check_templates_catches_a_typo(settings: Settings) -> None:
    """A typo in a user's outreach template fails `outreach check`, before any contact is affected."""
    write_template(settings, "warm.txt.j2", "Subject: Hi {{ contact.frist_name }}\n\nHello.\n")
    with pytest.raises(TemplateError) as error:
        list(check_templates(settings))
    assert str(error.value) == ("warm.txt.j2, line 1, for a sample contact: missing field 'contact.frist_name' "
                                "('dict object' has no attribute 'frist_name')")


def test_check_templates_renders_your_confirmation_for_a_sample_interview(settings: Settings) -> None:
    """A typo in a user's copy of the confirmation fails `outreach check`, naming the field."""
    write_template(settings, "confirmation.txt.j2", "Subject: {{ thread.subject }}\n\nOn {{ interview.strats }}.\n")
    with pytest.raises(TemplateError) as error:
        list(check_templates(settings))
    assert str(error.value) == ("confirmation.txt.j2, line 3, for a sample interview: missing field "
                                "'interview.strats' ('dict object' has no attribute 'strats')")


def make_draft(settings: Settings, **fields: Any) -> Draft:
    from outreach.outgoing.drafts import create_draft

    return create_draft(contact(), "outreach", fields.pop("subject", "Hello"), fields.pop("body", "Hi.\n"),
                        NOW, "cli", settings, **fields)


def test_build_message_headers_and_body(settings: Settings) -> None:
    """The wire message carries From, To, Subject, Date, Message-ID, threading and the private header."""
    draft = make_draft(settings, subject="Maria Lopez suggested I reach out", body="Hi Alex,\n\nThanks!\n",
                       in_reply_to="<a1@example.com>", references="<a0@example.com> <a1@example.com>")
    text = message_text(build_message(draft, settings, NOW))
    assert text == (
        "From: Sam Rivera <sam.rivera@example.edu>\n"
        "To: Alex Chen <alex.chen@example.com>\n"
        "Subject: Maria Lopez suggested I reach out\n"
        "Date: Tue, 04 Mar 2025 10:00:00 -0500\n"
        f"Message-ID: {draft.message_id}\n"
        "In-Reply-To: <a1@example.com>\n"
        "References: <a0@example.com> <a1@example.com>\n"
        f"X-Outreach-Draft: {draft.identity}\n"
        'Content-Type: text/plain; charset="utf-8"\n'
        "Content-Transfer-Encoding: 7bit\n"
        "MIME-Version: 1.0\n"
        "\n"
        "Hi Alex,\n\nThanks!\n"
    )
    assert draft.message_id.endswith("@example.edu>")


def test_build_message_utf8_and_long_lines(settings: Settings) -> None:
    """Non-ASCII text and very long lines are quoted-printable; the wire stays 7-bit with short lines."""
    Contact.update(name="Zoë Müller").where(Contact.email == "alex.chen@example.com").execute()
    body = "Grüße — I’d love to talk.\n" + "word " * 300 + "\n"
    draft = make_draft(settings, subject="Café chat, 20 minutes?", body=body)
    msg = build_message(draft, settings, NOW)
    wire = msg.as_bytes()
    assert wire.isascii()
    assert max(len(line) for line in wire.split(b"\r\n")) <= 78
    assert msg["Content-Transfer-Encoding"] == "quoted-printable"
    assert msg["Subject"] == "Café chat, 20 minutes?"
    assert str(msg["To"]) == "Zoë Müller <alex.chen@example.com>"
    assert msg.get_body(("plain",)).get_content() == body


def test_build_message_with_calendar_attachment(settings: Settings) -> None:
    """A stored text/calendar attachment goes out as a MIME part with its method parameter."""
    ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
    draft = make_draft(settings, attachments=[{"filename": "invite.ics", "mime": "text/calendar",
                                               "params": {"method": "REQUEST"}, "content": ics}])
    msg = build_message(draft, settings, NOW)
    parts = list(msg.iter_attachments())
    assert [(p.get_content_type(), p.get_filename(), p.get_param("method")) for p in parts] == [
        ("text/calendar", "invite.ics", "REQUEST")]
    assert message_text(msg).endswith("Hi.\n\n[attachment: invite.ics (text/calendar)]\n")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "Alex\nBcc: victim@example.net", "the name of contact alex.chen@example.com contains a line break"),
    ("email", "alex@example.com\r\nBcc: victim@example.net", "the address of contact Alex Chen contains a line break"),
])
def test_header_injection_through_contact_is_refused(settings: Settings, field: str, value: str,
                                                     message: str) -> None:
    """A CR or LF in a contact's name or address never makes a draft."""
    Contact.update(**{field: value}).where(Contact.email == "alex.chen@example.com").execute()
    who = Contact.get(Contact.id == 1)
    from outreach.outgoing.drafts import create_draft

    with pytest.raises(HeaderInjectionError) as error:
        create_draft(who, "outreach", "Hello", "Hi.\n", NOW, "cli", settings)
    assert str(error.value).startswith(message)
    assert Draft.select().count() == 0


@pytest.mark.parametrize("subject", ["Hello\r\nBcc: victim@example.net", "Hello\nBcc: x@y", "Hi\rthere"])
def test_header_injection_through_subject_is_refused(settings: Settings, subject: str) -> None:
    """A CR or LF in a subject never makes a draft."""
    with pytest.raises(HeaderInjectionError):
        make_draft(settings, subject=subject)
    assert Draft.select().count() == 0


def test_header_injection_in_a_stored_draft_is_refused_at_build(settings: Settings) -> None:
    """Even a draft row altered behind our back cannot put a line break on the wire."""
    draft = make_draft(settings)
    Draft.update(subject="Hi\r\nBcc: victim@example.net").where(Draft.id == draft.id).execute()
    with pytest.raises(HeaderInjectionError):
        build_message(Draft.get_by_id(draft.id), settings, NOW)
