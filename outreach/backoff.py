"""The one backoff: how long to wait after the n-th failure in a row, for the daemon's jobs and the
IMAP IDLE reconnect alike."""

from __future__ import annotations

import random


def exponential_delay(failures: int, base: float, cap: float) -> float:
    """base * 2**failures, at most `cap`: the wait after `failures` earlier failures in a row."""
    return min(cap, base * 2 ** min(max(failures, 0), 30))


class Backoff:
    """Exponential backoff: after n failures in a row wait d = base * 2**n, capped at `cap`. With `jitter`
    (equal jitter) the wait is between d/2 and d, so many clients coming back after one outage spread out."""

    def __init__(self, base: float = 1.0, cap: float = 300.0, *, jitter: bool = True,
                 rng: random.Random | None = None) -> None:
        self.base, self.cap, self.jitter, self.failures = base, cap, jitter, 0
        self.rng = rng or random.Random()

    def next_delay(self) -> float:
        """Count one more failure; seconds to wait before the next attempt."""
        delay = exponential_delay(self.failures, self.base, self.cap)
        self.failures += 1
        return delay / 2 + self.rng.uniform(0, delay / 2) if self.jitter else delay

    def reset(self) -> None:
        """A success: the next failure starts from `base` again."""
        self.failures = 0
