"""Approved drafts out: exactly once, in the window, under the caps, with a copy in Sent."""
