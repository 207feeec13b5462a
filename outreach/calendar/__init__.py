"""Free time: the user's CalDAV calendar, slots to offer and holds on them."""
