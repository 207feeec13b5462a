"""Replies in: matched to a conversation, stored once and acted on."""
