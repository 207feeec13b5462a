"""Free times from the user's CalDAV calendar in outreach drafts, against the session's real Radicale."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from outreach.calendar import slot_holds
from outreach.outgoing import drafts
from outreach.outgoing.compose import compose_outreach_drafts
from outreach.outgoing.sync import import_file
from outreach.store.models import SlotHold
from outreach.testing.radicale_rig import RadicaleRig
from tests.calendar_kit import NOW, PARIS_INTRODUCTION, TWO_INTRODUCTIONS, calendar_settings, utc


def held_starts() -> list[tuple[str, str]]:
    return [(h.contact.email, h.start.isoformat()) for h in SlotHold.select().order_by(SlotHold.start)]


def test_draft_offers_only_free_slots_in_the_contacts_zone_across_dst(tmp_path: Path, radicale: RadicaleRig,
                                                                      dav_user: str) -> None:
    """Busy events (and their buffer) are skipped; the times are in Paris time, across New York's DST change."""
    radicale.add_event(dav_user, "Work", "Team sync", utc("2026-03-06T14:00"), utc("2026-03-06T15:00"))
    radicale.add_event(dav_user, "Work", "Offsite", utc("2026-03-09T12:00"), utc("2026-03-09T23:00"))
    settings = calendar_settings(tmp_path, radicale, dav_user)
    import_file(settings, NOW)
    (draft,) = compose_outreach_drafts(settings, NOW, "cli").created
    assert draft.body == (
        "Hi Camille,\n\n"
        "Maria Lopez suggested I reach out to you. I study data science. I like evidence.\n\n"
        "I'd love to hear how you got to where you are. Would you have 20 minutes for a call in the next few "
        "weeks? Any of these times would work for me (in your time zone):\n\n"
        "- Friday, March 6 at 4:30 PM CET\n"
        "- Tuesday, March 10 at 2:00 PM CET\n"
        "- Wednesday, March 11 at 2:00 PM CET\n\n"
        "If none of them suits you, I'm happy to work around your schedule.\n\n"
        "If now isn't a good time, no worries at all; I completely understand.\n\n"
        "Thank you,\nSam Rivera\nExample University\n"
    )
    # 10:30 EST and 09:00 EDT: one hour apart in UTC, the same wall clock in New York
    assert held_starts() == [("camille@example.fr", "2026-03-06T15:30:00+00:00"),
                             ("camille@example.fr", "2026-03-10T13:00:00+00:00"),
                             ("camille@example.fr", "2026-03-11T13:00:00+00:00")]


def test_two_drafts_composed_at_once_never_share_a_slot(tmp_path: Path, radicale: RadicaleRig,
                                                        dav_user: str) -> None:
    """The second contact is offered the next free times, not the first contact's."""
    settings = calendar_settings(tmp_path, radicale, dav_user, introductions=TWO_INTRODUCTIONS)
    import_file(settings, NOW)
    created = compose_outreach_drafts(settings, NOW, "cli").created
    assert [d.to_addr for d in created] == ["camille@example.fr", "priya@example.org"]
    assert held_starts() == [("camille@example.fr", "2026-03-06T14:00:00+00:00"),
                             ("priya@example.org", "2026-03-06T15:00:00+00:00"),
                             ("camille@example.fr", "2026-03-09T13:00:00+00:00"),
                             ("priya@example.org", "2026-03-09T14:00:00+00:00"),
                             ("camille@example.fr", "2026-03-10T13:00:00+00:00"),
                             ("priya@example.org", "2026-03-10T14:00:00+00:00")]
    # Priya has no zone: her times are in the user's, New York
    assert "- Friday, March 6 at 10:00 AM EST\n" in created[1].body


def test_a_held_slot_is_offered_again_once_the_draft_is_rejected(tmp_path: Path, radicale: RadicaleRig,
                                                                 dav_user: str) -> None:
    """Held slots are kept from the next contact until the draft holding them is rejected."""
    settings = calendar_settings(tmp_path, radicale, dav_user)
    import_file(settings, NOW)
    (first,) = compose_outreach_drafts(settings, NOW, "cli").created
    offered = [b.start for b in slot_holds.active(NOW)]
    assert len(offered) == 3
    drafts.reject(first.id, NOW, "cli")
    assert slot_holds.active(NOW) == []
    settings.paths.introductions.write_text(TWO_INTRODUCTIONS)
    import_file(settings, NOW)
    (second,) = compose_outreach_drafts(settings, NOW, "cli").created
    assert second.to_addr == "priya@example.org"
    assert [b.start for b in slot_holds.active(NOW)] == offered


def test_holds_expire(tmp_path: Path, radicale: RadicaleRig, dav_user: str) -> None:
    """After hold_hours a held slot is free again for the next contact."""
    settings = calendar_settings(tmp_path, radicale, dav_user, calendar={"hold_hours": 1})
    import_file(settings, NOW)
    compose_outreach_drafts(settings, NOW, "cli")
    assert len(slot_holds.active(NOW + timedelta(minutes=59))) == 3
    assert slot_holds.active(NOW + timedelta(hours=1)) == []


def test_without_a_calendar_the_draft_is_as_before(tmp_path: Path) -> None:
    """No calendar section: no slots, no holds, and caldav is never imported."""
    import sys

    from outreach.config.reader import load_settings
    from outreach.store.db import open_database
    from tests.helpers import write_config

    settings = load_settings(write_config(tmp_path, PARIS_INTRODUCTION))
    open_database(settings.paths.database)
    import_file(settings, NOW)
    was_loaded = "caldav" in sys.modules
    (draft,) = compose_outreach_drafts(settings, NOW, "cli").created
    assert "Would you have 20 minutes for a call in the next few weeks? I'm happy to work around your " \
           "schedule.\n" in draft.body
    assert SlotHold.select().count() == 0
    assert was_loaded or "caldav" not in sys.modules


def test_calendar_unreachable_composes_nothing_and_says_why(tmp_path: Path, radicale: RadicaleRig,
                                                             dav_user: str) -> None:
    """A wrong password: no draft without real free times, and the error names the calendar login."""
    settings = calendar_settings(tmp_path, radicale, dav_user)
    (tmp_path / "dav-password").write_text("wrong\n")
    import_file(settings, NOW)
    result = compose_outreach_drafts(settings, NOW, "cli")
    assert (result.created, result.errors) == ([], [
        f"no outreach drafts composed: cannot read your calendar: calendar {radicale.url} as {dav_user}: the "
        f"server refused the login (AuthorizationError at '{radicale.url}', reason Unauthorized); check "
        f"calendar.username and the password from password_file {tmp_path}/dav-password"])


def test_a_hold_ends_when_the_contact_declines_or_an_interview_exists(tmp_path: Path, radicale: RadicaleRig,
                                                                      dav_user: str) -> None:
    """Declined: the held times are free again; the same once the contact has an interview."""
    from outreach.intake.contacts import get_contact, set_status
    from outreach.store.models import Contact, Interview

    settings = calendar_settings(tmp_path, radicale, dav_user, introductions=TWO_INTRODUCTIONS)
    import_file(settings, NOW)
    compose_outreach_drafts(settings, NOW, "cli")
    assert sorted({b.what for b in slot_holds.active(NOW)}) == ["offered to camille@example.fr",
                                                                "offered to priya@example.org"]
    set_status(get_contact("camille@example.fr"), "declined", NOW)
    assert {b.what for b in slot_holds.active(NOW)} == {"offered to priya@example.org"}
    Interview.create(contact=Contact.get(Contact.email == "priya@example.org"), created_at=NOW, updated_at=NOW)
    assert slot_holds.active(NOW) == []
