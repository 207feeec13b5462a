"""The first hour as the README tells it: links that resolve, init, the example's placeholders, templates."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_links_stay_inside_the_repository() -> None:
    """Every relative link and every `../` path in README.md and docs/ names a file in the repository."""
    broken = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text()
        targets = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text) + re.findall(r"`(\.\./[^`\s]+)`", text)
        broken += [f"{doc.name}: {t}" for t in targets
                   if not (doc.parent / t).resolve().is_relative_to(ROOT) or not (doc.parent / t).exists()]
    assert broken == []
