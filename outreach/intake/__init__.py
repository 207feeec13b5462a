"""Introductions in: introductions.yaml -> contacts -> outreach drafts."""
