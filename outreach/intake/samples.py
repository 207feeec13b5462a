"""An unedited `outreach init` must compose nothing: `check` and `sync` refuse the example's identity and
sample people, naming the line to edit. The placeholders are read from the shipped examples themselves."""

from __future__ import annotations

from collections.abc import Sequence

from outreach.config.scaffold import DATA
from outreach.config.settings import Settings
from outreach.config.yamlfile import load_yaml
from outreach.errors import ConfigError, IntroductionsError
from outreach.intake.contacts import Introduction


def refuse_example_identity(settings: Settings) -> None:
    """Raise ConfigError when me.email is still the example's."""
    example = load_yaml(DATA / "config" / "outreach.example.yaml", ConfigError).data["me"]["email"]
    if settings.me.email.lower() == example.lower():
        where = load_yaml(settings.source, ConfigError).where(("me", "email"))
        raise ConfigError(f"{where}: still the example's {example}; put the address you send from "
                          "(and your name, signature and stories under `me:`), then run `outreach check`")


def refuse_sample_introductions(settings: Settings, intros: Sequence[Introduction]) -> None:
    """Raise IntroductionsError when any introduction is one of the example's sample people."""
    samples = load_yaml(DATA / "config" / "introductions.example.yaml", IntroductionsError).data["introductions"]
    sample_emails = {entry["email"].lower() for entry in samples}
    found = [intro for intro in intros if intro.email in sample_emails]
    if found:
        raise IntroductionsError(
            f"{settings.paths.introductions}:{found[0].line}: {found[0].email} is one of the example's sample "
            f"people (lines {', '.join(str(i.line) for i in found)}); replace the samples with the people you "
            "want to reach, then run `outreach check`")
