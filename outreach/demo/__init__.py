"""The one-command demo (python -m outreach.demo)."""
