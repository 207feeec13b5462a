"""Bounded parsing: YAML bombs and oversized files in both YAML files (also on SIGHUP), and templates that
grow, recurse or include themselves; one failing contact never costs the others their drafts."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from bench.bench_bounds import billion_laughs
from outreach.config.reader import load_settings
from outreach.config.yamlfile import MAX_ALIAS_VALUES, MAX_DEPTH, MAX_FILE_BYTES
from outreach.errors import ConfigError, IntroductionsError, TemplateError
from outreach.intake.contacts import load_introductions
from outreach.interviews.followups import create_due_drafts
from outreach.outgoing.compose import compose_outreach_drafts
from outreach.outgoing.render import render_for_contact
from outreach.outgoing.sandbox import MAX_CALL_DEPTH
from outreach.store.models import Contact, Draft
from outreach.testing import MailRig
from outreach.testing.sendqueue import open_settings, sending_config
from tests.helpers import ALEX_INTRODUCTION, NOW, write_config, write_template
from tests.interview_fixtures import contact, make_settings, sent
from tests.test_cli import outreach
from tests.test_daemon import NotifySocket, notify, start_daemon, stop

__all__ = ["notify"]  # the fixture, imported for the SIGHUP test

RECURSIVE_ALIAS = "bomb: &b [*b]\n"
HANG_GUARD = 60  # seconds: a bomb that grew instead of being refused, never a slow machine


# ------------------------------------------------------------------ YAML


def test_billion_laughs_in_introductions_is_refused_before_expanding(tmp_path: Path) -> None:
    """`outreach sync` on a nine-level bomb: one line naming the file and the alias's line, nothing imported."""
    config = write_config(tmp_path, billion_laughs() + ALEX_INTRODUCTION)
    result = outreach("-c", str(config), "sync")  # its 60 s timeout is the hang guard; bench_bounds times it
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f"error: {tmp_path}/introductions.yaml:5: aliases expand this file by more than "
                             f"{MAX_ALIAS_VALUES:,} values (a YAML bomb?); write the values out instead of "
                             "nesting aliases\n")
    open_settings(config)
    assert Contact.select().count() == 0


def test_billion_laughs_in_the_config_is_refused(tmp_path: Path) -> None:
    """The same bomb in outreach.yaml is a ConfigError naming the file and line."""
    config = write_config(tmp_path)
    config.write_text(billion_laughs() + config.read_text())
    with pytest.raises(ConfigError) as error:
        load_settings(config)
    assert str(error.value) == (f"{config}:5: aliases expand this file by more than {MAX_ALIAS_VALUES:,} values "
                                "(a YAML bomb?); write the values out instead of nesting aliases")


def test_recursive_alias_is_refused_in_both_files(tmp_path: Path) -> None:
    """An alias inside the value it names is an error at its line, never a RecursionError."""
    config = write_config(tmp_path, ALEX_INTRODUCTION + "  - " + RECURSIVE_ALIAS)
    with pytest.raises(IntroductionsError) as error:
        load_introductions(tmp_path / "introductions.yaml")
    line = ALEX_INTRODUCTION.count("\n") + 1
    assert str(error.value) == (f"{tmp_path}/introductions.yaml:{line}: alias *b refers to the value that contains "
                                "it (a recursive alias); write the value out instead")
    config.write_text(config.read_text() + RECURSIVE_ALIAS)
    with pytest.raises(ConfigError) as config_error:
        load_settings(config)
    line = len(config.read_text().splitlines())
    assert str(config_error.value) == (f"{config}:{line}: alias *b refers to the value that contains it (a recursive "
                                "alias); write the value out instead")


def test_oversized_and_deeply_nested_files_are_refused(tmp_path: Path) -> None:
    """A file over the size limit names the line where the limit falls; nesting past the depth limit its line."""
    config = write_config(tmp_path, ALEX_INTRODUCTION + ("# padding\n" * (MAX_FILE_BYTES // 10)))
    with pytest.raises(IntroductionsError) as error:
        load_introductions(tmp_path / "introductions.yaml")
    line = ALEX_INTRODUCTION.count("\n") + (MAX_FILE_BYTES - len(ALEX_INTRODUCTION)) // 10 + 1
    assert str(error.value) == (f"{tmp_path}/introductions.yaml:{line}: the file is larger than "
                                f"{MAX_FILE_BYTES:,} bytes, the limit for outreach's YAML files; trim it (or split "
                                "the introductions and import them in turns)")
    config.write_text(config.read_text() + "deep:\n" + "".join(f"{'  ' * i}- \n" for i in range(MAX_DEPTH + 2)))
    with pytest.raises(ConfigError) as config_error:
        load_settings(config)
    first = config.read_text().splitlines().index("deep:") + 1
    assert str(config_error.value) == (f"{config}:{first + MAX_DEPTH}: nested deeper than {MAX_DEPTH} levels; "
                                "outreach's files need far fewer, so flatten it")


def test_aliases_within_the_budget_still_work(tmp_path: Path) -> None:
    """Ordinary anchors, aliases and merge keys load as before."""
    intros = ("introductions:\n"
              "  - {name: Alex Chen, email: alex.chen@example.com, topics: &topics [ML in production, careers]}\n"
              "  - {name: Priya Natarajan, email: priya.n@example.org, topics: *topics}\n")
    write_config(tmp_path, intros)
    loaded = load_introductions(tmp_path / "introductions.yaml")
    assert [(i.email, i.topics) for i in loaded] == [
        ("alex.chen@example.com", ("ML in production", "careers")),
        ("priya.n@example.org", ("ML in production", "careers"))]


def test_sighup_with_a_bomb_or_recursive_alias_keeps_the_daemon_and_its_config(
        postfix: MailRig, tmp_path: Path, notify: NotifySocket) -> None:
    """A 7-level bomb, then a recursive alias, on reload: both reported at their line, the daemon keeps running."""
    config = sending_config(tmp_path, postfix)
    good = config.read_text()
    proc = start_daemon(config, notify)
    try:
        notify.collect("READY=1")
        for bad in (billion_laughs(7) + good, good + RECURSIVE_ALIAS):
            seen = len(notify.messages)
            config.write_text(bad)
            proc.send_signal(signal.SIGHUP)
            deadline = time.monotonic() + 10
            while not any("READY=1" in m for m in notify.messages[seen:]) and time.monotonic() < deadline:
                notify.collect("READY=1", timeout=1)
                time.sleep(0.05)
            assert proc.poll() is None
        config.write_text(good)
    finally:
        code, err = stop(proc)
    assert code == 0, err
    refused = [line.split("keeping the running config: ", 1)[1] for line in err.splitlines()
               if "reload refused" in line]
    assert refused == [
        f"{config}:5: aliases expand this file by more than {MAX_ALIAS_VALUES:,} values (a YAML bomb?); write "
        "the values out instead of nesting aliases",
        f"{config}:{len(good.splitlines()) + 1}: alias *b refers to the value that contains it (a recursive "
        "alias); write the value out instead",
    ]


# ------------------------------------------------------------------ templates


# Six levels of ten references each to a 1,000-character string: str() of `g` would be about 10**9 characters.
NESTED = "{% set a = 'x' * 1000 %}" + "".join(
    f"{{% set {name} = [{', '.join([previous] * 10)}] %}}" for previous, name in zip("abcdef", "bcdefg", strict=True))

BOMBS = [
    ("{% set a = 'x' * 99999 %}{{ a.replace('x', a)|length }}",
     "stopped, str.replace() would build about 9999800001 characters (the limit is 100000)"),
    ("{% set a = 'x' * 99999 %}{{ a|replace('x', a)|length }}",
     "stopped, the replace filter would build about 9999800001 characters (the limit is 100000)"),
    ("{% set a = 'x' * 99999 %}{{ a.join(a)|length }}",
     "stopped, str.join() would build about 9999800001 characters (the limit is 100000)"),
    ("{% set a = 'x' * 99999 %}{{ a|join(a)|length }}",
     "stopped, the join filter would build about 9999800001 characters (the limit is 100000)"),
    ("{% set a = 'x' * 50000 %}{{ a.translate({120: a})|length }}",
     "stopped, str.translate() would build about 2500000000 characters (the limit is 100000)"),
    ("{% set a = '\\t' * 99999 %}{{ a.expandtabs(1000)|length }}",
     "stopped, str.expandtabs() would build about 100098999 characters (the limit is 100000)"),
    ("{% set a = '\\n' * 99999 %}{{ a|indent(1000, true, true)|length }}",
     "stopped, the indent filter would build about 100099999 characters (the limit is 100000)"),
    ("{% set a = 'x y ' * 20000 %}{{ a|wordwrap(1, wrapstring=a)|length }}",
     "stopped, the wordwrap filter would build about 6400160000 characters (the limit is 100000)"),
    (NESTED + "{{ g }}", "stopped, a value grew beyond 100000 characters"),
    (NESTED + "{{ '%s' % (g,) }}", "stopped, a value grew beyond 100000 characters"),
    (NESTED + "{{ g ~ '' }}", "stopped, a value grew beyond 100000 characters"),
    (NESTED + "{{ g|string }}", "stopped, a value grew beyond 100000 characters"),
    (NESTED + "{% set ns = namespace() %}{% set ns.x = g %}{{ ns }}", "stopped, a value grew beyond 100000 characters"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
     f"stopped, calls nested deeper than {MAX_CALL_DEPTH} (a macro or a recursive loop calling itself without "
     "end?)"),
    ("{% for x in [1] recursive %}{{ loop([x]) }}{% endfor %}",
     f"stopped, calls nested deeper than {MAX_CALL_DEPTH} (a macro or a recursive loop calling itself without "
     "end?)"),
    ("{% include 'outreach.txt.j2' %}",
     "stopped, more than 20 includes, imports or extends (a template including itself?)"),
    ("{% extends 'outreach.txt.j2' %}",
     "stopped, more than 20 includes, imports or extends (a template including itself?)"),
]


@pytest.mark.parametrize(("body", "reason"), BOMBS)
def test_template_bombs_stop_before_they_grow(tmp_path: Path, body: str, reason: str) -> None:
    """Each growth, recursion or include bomb is refused at once, as a TemplateError naming file and line."""
    settings = make_settings(tmp_path)
    write_template(settings, "outreach.txt.j2", f"Subject: Hi\n\n{body}\n")
    started = time.monotonic()
    with pytest.raises(TemplateError) as error:
        render_for_contact(settings, contact())
    assert time.monotonic() - started < HANG_GUARD  # how fast: bench/bench_bounds.py
    assert str(error.value) == f"outreach.txt.j2, line 3, for alex.chen@example.com: {reason}"


def test_an_error_in_an_included_template_names_that_template(tmp_path: Path) -> None:
    """A template including itself through another: the message names the included one and its line."""
    settings = make_settings(tmp_path)
    write_template(settings, "outreach.txt.j2", "Subject: Hi\n\n{% include 'part.j2' %}\n")
    write_template(settings, "part.j2", "Hello\n{% include 'part.j2' %}\n")
    with pytest.raises(TemplateError) as error:
        render_for_contact(settings, contact())
    assert str(error.value) == ("part.j2, line 2, for alex.chen@example.com: stopped, more than 20 includes, "
                                "imports or extends (a template including itself?)")


def test_ordinary_templates_still_render_within_the_budgets(tmp_path: Path) -> None:
    """Macros, includes, joins, replace and indent of ordinary size render as before."""
    settings = make_settings(tmp_path)
    write_template(settings, "part.j2", "{{ contact.topics|join(', ')|replace('ML', 'machine learning') }}")
    write_template(settings, "outreach.txt.j2",
                   "Subject: Hi {{ contact.first_name }}\n\n{% macro line(n) %}{{ ' - '.join(['item', n|string]) }}"
                   "{% endmacro %}{{ line(1) }}\n{% include 'part.j2' %}\n{{ 'a\nb'|indent(2, true) }}\n"
                   "{{ 'x' * 10 }}\n")
    rendered = render_for_contact(settings, contact())
    assert (rendered.subject, rendered.body) == (
        "Hi Alex", "item - 1\nmachine learning in production, moving from academia\n  a\n  b\nxxxxxxxxxx\n")


HOSTILE_FOR_ALEX = ("Subject: Hello {{ contact.first_name }}\n\n{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}"
                    "{% if contact.email == 'alex.chen@example.com' %}{{ f(0) }}{% endif %}Hello.\n")
ALEX_FAILS = (f"outreach.txt.j2, line 3, for alex.chen@example.com: stopped, calls nested deeper than "
              f"{MAX_CALL_DEPTH} (a macro or a recursive loop calling itself without end?)")


def test_one_recursing_contact_does_not_stop_the_others_drafts(tmp_path: Path) -> None:
    """Macro recursion for one contact: that contact is reported, the other gets a draft."""
    settings = make_settings(tmp_path)
    write_template(settings, "outreach.txt.j2", HOSTILE_FOR_ALEX)
    composed = compose_outreach_drafts(settings, NOW, "cli")
    assert [(d.to_addr, d.subject) for d in composed.created] == [("priya.n@example.org", "Hello Priya")]
    assert composed.errors == [ALEX_FAILS]


def test_sync_reports_the_failing_contact_and_exits_1(tmp_path: Path) -> None:
    """`outreach sync`: the other contact's draft, one `no draft:` line for the failing one, exit 1."""
    config = write_config(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "outreach.txt.j2").write_text(HOSTILE_FOR_ALEX)
    result = outreach("-c", str(config), "sync", env={"OUTREACH_TEST_PASSWORD": "x"})
    assert result.returncode == 1
    assert result.stdout == (
        f"introductions: 2 new, 0 updated, 0 unchanged ({tmp_path}/introductions.yaml)\n"
        "composed draft 1 (pending) for Priya Natarajan <priya.n@example.org>: Hello Priya\n"
        f"no draft: {ALEX_FAILS}\n"
        "drafts: 1 composed, 1 failed; review them with `outreach drafts` and approve with "
        "`outreach drafts approve ID`\n")
    assert result.stderr == ("error: 1 contact(s) got no draft; fix the template or the introduction named above "
                             "and run `outreach sync` again\n")


def test_one_recursing_follow_up_does_not_stop_the_others(tmp_path: Path) -> None:
    """The follow-up loop: the recursing contact is reported, the other gets its follow-up."""
    settings = make_settings(tmp_path, follow_up={"after_business_days": 3, "max": 1})
    write_template(settings, "follow_up.txt.j2", HOSTILE_FOR_ALEX.replace("Hello {{", "Re: {{"))
    sent_at = NOW.replace(year=2026, month=10, day=8, hour=14)
    for person in (contact(), contact("priya.n@example.org")):
        sent(person, settings, sent_at)
    lines = create_due_drafts(settings, sent_at.replace(day=13), "daemon")
    follow_up = Draft.get(Draft.kind == "follow_up")
    assert lines == [f"alex.chen@example.com: follow-up not drafted: {ALEX_FAILS.replace('outreach', 'follow_up')}",
                     f"follow-up draft {follow_up.id} for priya.n@example.org"]
