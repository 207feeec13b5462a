"""The interview-notes format: the blank form, a full parse, and errors that name every bad line."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from outreach.errors import NotesError
from outreach.interviews.notes import blank_form, parse_notes

FILLED = textwrap.dedent("""\
    # Notes: Alex Chen (Example Corp), interview 1
    ## Trends
    Feature stores everywhere.
    # a comment inside a section is dropped

    Smaller models in production.

    ## Insights
    Academia trains you to be thorough; industry wants you to be timely.

    ## Advice
    ## Resources
    - The MLOps community Slack
    ## Assignments
    ## People to contact
    - Jane Roe <Jane.Roe@Example.com>, Example Health
    - "Raj Patel" <raj@example.org>
    - kim@example.net, Example Corp
    ## Follow through
    - [ ] 2026-10-20: send my thesis chapter
    - [x] 2026-10-09: connect on LinkedIn
    - read the paper on drift
    ## Mention in thank-you
    - your advice on asking for the scope of a project first
""")


def test_blank_form_has_every_section_and_parses_empty() -> None:
    """The form the editor opens lists every section and parses to empty notes."""
    form = blank_form("Alex Chen (Example Corp), interview 1")
    assert form == textwrap.dedent("""\
        # Notes: Alex Chen (Example Corp), interview 1
        # Lines starting with '# ' are comments. Leave a section empty if it does not apply.

        ## Trends


        ## Insights


        ## Advice


        ## Resources


        ## Assignments


        ## People to contact
        # one per line: - Name <email@example.com>, Company

        ## Follow through
        # one per line: - [ ] YYYY-MM-DD: what you promised   (tick [x] when done; the date is optional)

        ## Mention in thank-you
        # one per line: - something they said that helped
        """)
    assert parse_notes(form).to_json() == {
        "tiara": {"trends": "", "insights": "", "advice": "", "resources": "", "assignments": ""},
        "people": [], "follow_through": [], "mention": []}


def test_filled_notes_parse_whole() -> None:
    """Every section of a filled-in file comes back: prose, people (normalised), promises with dates and ticks."""
    notes = parse_notes(FILLED)
    assert notes.to_json() == {
        "tiara": {"trends": "Feature stores everywhere.\n\nSmaller models in production.",
                  "insights": "Academia trains you to be thorough; industry wants you to be timely.",
                  "advice": "", "resources": "- The MLOps community Slack", "assignments": ""},
        "people": [{"name": "Jane Roe", "email": "jane.roe@example.com", "company": "Example Health"},
                   {"name": "Raj Patel", "email": "raj@example.org", "company": None},
                   {"name": None, "email": "kim@example.net", "company": "Example Corp"}],
        "follow_through": [{"text": "send my thesis chapter", "due": "2026-10-20", "done": False},
                           {"text": "connect on LinkedIn", "due": "2026-10-09", "done": True},
                           {"text": "read the paper on drift", "due": None, "done": False}],
        "mention": ["your advice on asking for the scope of a project first"],
    }
    assert notes.follow_through[0].due == date(2026, 10, 20)


def test_every_bad_line_is_named_in_one_error() -> None:
    """Unknown sections, stray text, bad people, bad dates and duplicate sections are all reported with lines."""
    text = textwrap.dedent("""\
        stray words
        ## Trends
        fine
        ## Gossip
        ## People to contact
        - Jane Roe
        - Bob <not-an-address>
        just a name
        ## Follow through
        - 2026-02-30: impossible date
        - 20/10/2026 send it
        - 2026-10-20:
        ## Trends
        """)
    with pytest.raises(NotesError) as caught:
        parse_notes(text, where="notes for interview 4")
    assert str(caught.value).split("; ") == [
        "notes for interview 4, line 1: text before the first section heading ('stray words'), "
        "put it under a '## ...' heading",
        "notes for interview 4, line 4: unknown section '## Gossip' (expected one of '## Trends', '## Insights', "
        "'## Advice', '## Resources', '## Assignments', '## People to contact', '## Follow through', "
        "'## Mention in thank-you')",
        "notes for interview 4, line 6: write a person as 'Name <email@example.com>, Company', got 'Jane Roe'",
        "notes for interview 4, line 7: 'not-an-address' is not a valid e-mail address: "
        "An email address must have an @-sign.",
        "notes for interview 4, line 8: in '## People to contact' each entry is a line starting with '- ', "
        "got 'just a name'",
        "notes for interview 4, line 10: '2026-02-30' is not a real date (write YYYY-MM-DD)",
        "notes for interview 4, line 11: write the due date as YYYY-MM-DD followed by a colon, "
        "got '20/10/2026 send it'",
        "notes for interview 4, line 12: a follow-through item needs a description after the date",
        "notes for interview 4, line 13: section '## Trends' appears twice",
    ]


def test_headings_are_forgiving_about_case_and_colons() -> None:
    """'### follow through:' is the Follow through section; CRLF files parse the same."""
    notes = parse_notes("### follow through:\r\n- 2026-10-20: send it\r\n## MENTION IN THANK-YOU\r\n- the book\r\n")
    assert (notes.follow_through[0].text, notes.mention) == ("send it", ["the book"])


def test_oversized_notes_are_refused() -> None:
    """A file beyond the size limit is refused before parsing."""
    with pytest.raises(NotesError, match="longer than 50000 characters"):
        parse_notes("## Trends\n" + "x" * 50_001)
