"""The inbox: one pass over new mail, and waiting for more with IDLE."""
