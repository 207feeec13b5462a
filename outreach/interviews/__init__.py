"""After yes: interviews, prep briefs, notes, thank-yous, follow-ups and the calendar entries."""
