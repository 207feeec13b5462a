"""outreach: informational-interview outreach from your own mailbox."""

__version__ = "0.1.0"
