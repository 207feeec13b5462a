"""Named points in the send path where a test can make the process die on the spot.

`OUTREACH_CRASH_AT=after_claim` makes the first `crashpoint("after_claim")` call
`os._exit(86)`: no cleanup, no finally blocks, no flushed buffers, like a kill -9
or a power cut. `after_claim:3` dies at the third time that point is reached.
Unset (always, outside tests), a crashpoint does nothing.
"""

from __future__ import annotations

import os
from collections import Counter

ENV = "OUTREACH_CRASH_AT"
EXIT_CODE = 86
# In send order; tests iterate over these.
SEND_STEPS = (
    "after_claim",          # draft committed as `sending`, nothing on the wire yet
    "after_connect",        # SMTP logged in
    "after_rcpt",           # envelope accepted, DATA not sent
    "after_data_end_mark",  # reached_data_end committed, final dot not written
    "after_final_dot",      # content and final dot handed to the socket, no reply read
    "after_final_reply",    # the server's 250 read, no copy in Sent yet
    "after_sent_copy",      # copy appended to Sent, draft not yet marked sent
    "after_mark_sent",      # draft committed as `sent`
)
_seen: Counter[str] = Counter()


def crashpoint(name: str) -> None:
    """Exit at once with EXIT_CODE when OUTREACH_CRASH_AT names this point (and its count)."""
    target = os.environ.get(ENV)
    if not target:
        return
    step, _, count = target.partition(":")
    if step != name:
        return
    _seen[name] += 1
    if _seen[name] >= int(count or 1):
        os._exit(EXIT_CODE)
