"""`outreach status`: the funnel and what needs the user. Read-only, and quick: peewee only.

Each funnel stage counts people (contacts), so the bars only ever shrink from left to right.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import peewee

from outreach.intents import ANSWERS
from outreach.store.models import (
    Contact,
    Draft,
    DraftKind,
    DraftStatus,
    Interview,
    InterviewStatus,
    Reply,
    TheirAnswer,
)

if TYPE_CHECKING:
    from outreach.config.settings import Settings

logger = logging.getLogger(__name__)

STAGES = ("introductions", "drafted", "sent", "replied", "accepted", "held", "thanked")
BAR_WIDTH = 30


@dataclass
class Need:
    # sending_paused | approve | draft_problem | held | reply | schedule | their_answer | notes | follow_through
    kind: str
    text: str
    command: str
    id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "text": self.text, "command": self.command}


@dataclass
class Status:
    funnel: dict[str, int]
    needs: list[Need] = field(default_factory=list)
    waiting: list[Need] = field(default_factory=list)  # approved drafts not going out now: when and why

    def to_json(self) -> dict[str, Any]:
        return {"funnel": dict(self.funnel), "needs_you": [n.to_json() for n in self.needs],
                "waiting": [n.to_json() for n in self.waiting]}


def gather(now: datetime, zone: ZoneInfo, settings: Settings | None = None) -> Status:
    """Count the funnel and list what needs the user at `now` (dates shown in `zone`); with `settings`, also
    the approved drafts that wait."""
    return Status(funnel=funnel(now), needs=needs(now, zone),
                  waiting=waiting(settings, now, zone) if settings is not None else [])


def waiting(settings: Settings, now: datetime, zone: ZoneInfo) -> list[Need]:
    """Approved drafts that are not going out now, grouped by when and why (the sender's own check). A
    sending pause is already listed under needs."""
    from outreach.outgoing.drafts import list_drafts
    from outreach.sending.queue import holds_for
    from outreach.sending.sendpause import current_pause

    pause = current_pause(now)
    groups: dict[tuple[datetime, str], list[int]] = {}
    for draft_id, hold in holds_for(settings, now, list_drafts(DraftStatus.APPROVED)).items():
        if hold != pause:
            groups.setdefault((hold.until, hold.reason), []).append(draft_id)
    out = []
    for (until, reason), ids in sorted(groups.items()):
        who = f"draft {ids[0]} waits" if len(ids) == 1 else f"{len(ids)} drafts wait ({', '.join(map(str, ids))})"
        out.append(Need("waiting", f"{who} until {until.astimezone(zone):%Y-%m-%d %H:%M %Z}: {reason}",
                        "outreach drafts --status approved", ids[0] if len(ids) == 1 else None))
    return out


def funnel(now: datetime) -> dict[str, int]:
    """People at each stage at `now`; an interview that has ended counts as held unless it was cancelled."""
    def people(query: Any, column: Any) -> int:
        return int(query.select(peewee.fn.COUNT(column.distinct())).scalar() or 0)

    outreach = Draft.select().where(Draft.kind == DraftKind.OUTREACH)
    return {
        "introductions": Contact.select().count(),
        "drafted": people(outreach, Draft.contact),
        "sent": people(outreach.where(Draft.status == DraftStatus.SENT), Draft.contact),
        "replied": people(Reply.select().where(Reply.intent.in_(ANSWERS)), Reply.contact),
        "accepted": people(Interview.select(), Interview.contact),
        "held": people(Interview.select().where((Interview.status == InterviewStatus.HELD) | (
            (Interview.status == InterviewStatus.SCHEDULED) & (Interview.end <= now))), Interview.contact),
        "thanked": people(Draft.select().where(Draft.kind == DraftKind.THANK_YOU, Draft.status == DraftStatus.SENT),
                          Draft.contact),
    }


def needs(now: datetime, zone: ZoneInfo) -> list[Need]:
    from outreach.interviews.records import open_follow_through
    from outreach.sending.sendpause import current_pause

    out: list[Need] = []
    pause = current_pause(now)
    if pause is not None:
        out.append(Need("sending_paused", f"sending is paused until {pause.until.astimezone(zone):%Y-%m-%d %H:%M %Z}: "
                        f"{pause.reason}", "outreach check --connect"))
    pending: list[tuple[str, int]] = list(Draft.select(Draft.kind, peewee.fn.COUNT(Draft.id).alias("n"))
                   .where(Draft.status == DraftStatus.PENDING).group_by(Draft.kind).order_by(Draft.kind).tuples())  # type: ignore[arg-type]
    total = sum(n for _, n in pending)
    if total:
        kinds = ", ".join(f"{n} {kind.replace('_', '-')}" for kind, n in pending)
        out.append(Need("approve", f"{total} draft{'s' if total != 1 else ''} to approve ({kinds})",
                        "outreach drafts --status pending"))
    for draft in (Draft.select(Draft, Contact).join(Contact)
                  .where(Draft.status.in_([DraftStatus.FAILED, DraftStatus.NEEDS_REVIEW])).order_by(Draft.id)):
        why = draft.reason or draft.last_error or ""
        state = "failed" if draft.status == DraftStatus.FAILED else "may have been sent (needs review)"
        out.append(Need("draft_problem", f"draft {draft.id} to {draft.to_addr} {state}" + (f": {why}" if why else ""),
                        f"outreach drafts show {draft.id}", draft.id))
    for reply in (Reply.select(Reply, Contact).join(Contact)
                  .where(Reply.needs_attention == True, Reply.resolved_at.is_null())  # noqa: E712
                  .order_by(Reply.received_at, Reply.id)):
        held = (reply.result or {}).get("held")
        if held:
            out.append(Need("held", f"reply {reply.id} from {reply.from_addr or 'an unknown sender'} about "
                            f"{reply.contact.name} <{reply.contact.email}> was not acted on ({held}); "
                            f"resolve it as {reply.classified_intent} if it is genuine, else as ignored",
                            "outreach replies --attention", reply.id))
            continue
        out.append(Need("reply", f"reply {reply.id} from {reply.contact.name} <{reply.contact.email}> "
                        f"({reply.intent}) needs an answer", "outreach replies --attention", reply.id))
    out += _interview_needs(now, zone)
    today = now.astimezone(zone).date()
    for item in open_follow_through():
        when = ""
        if item.due is not None:
            when = f" (due {item.due:%b} {item.due.day}" + (", overdue)" if item.due < today else ")")
        out.append(Need("follow_through", f"for {item.interview.contact.name}: {item.text}{when}",
                        f"outreach interviews notes {item.interview.id}", item.id))
    return out


def _interview_needs(now: datetime, zone: ZoneInfo) -> list[Need]:
    """The interviews that need something: the contact asked to cancel (or declined our invitation), a
    time to pick (also when they proposed another one), or notes once it is over."""
    from outreach.interviews.records import ANSWER_PHRASES, LIVE, next_step

    live = Interview.status.in_(LIVE)
    rows = (Interview.select(Interview, Contact).join(Contact)
            .where((Interview.status == InterviewStatus.PROPOSED)
                   | (live & Interview.their_answer.in_(TheirAnswer.FLAGGED))
                   | ((Interview.status == InterviewStatus.SCHEDULED) & Interview.notes.is_null()
                      & (Interview.end <= now)))
            .order_by(Interview.id))
    out: list[Need] = []
    for interview in rows:
        who, step = interview.contact.name, next_step(interview)
        said = ANSWER_PHRASES.get(interview.their_answer or "")
        if interview.their_answer in TheirAnswer.FLAGGED and step:
            out.append(Need("their_answer", f"interview {interview.id} with {who} ({_day(interview.start, zone)}): "
                            f"{said} (reply {interview.their_answer_reply_id}); nothing is cancelled until you say so",
                            step, interview.id))
        elif interview.status == InterviewStatus.PROPOSED and step:
            options = len(interview.proposed_times or [])
            how = (f"pick one of {options} times" if options else
                   f"book at {interview.booking_url}" if interview.booking_url else "agree a time")
            lead = f"{said} (reply {interview.their_answer_reply_id}); " if said else ""
            out.append(Need("schedule", f"interview {interview.id} with {who}: {lead}{how}", step, interview.id))
        elif interview.end is not None and interview.end <= now and interview.notes is None:
            out.append(Need("notes", f"interview {interview.id} with {who} ({_day(interview.start, zone)}): "
                            "write your notes", f"outreach interviews notes {interview.id}", interview.id))
    return out


def render_text(status: Status, bars: bool) -> str:
    """The funnel as bars (a terminal) or as plain `stage count` lines, then the needs-you list."""
    width = max(len(stage) for stage in STAGES)
    top = max(status.funnel.values(), default=0) or 1
    lines = []
    for stage in STAGES:
        count = status.funnel[stage]
        if bars:
            eighths = round(count * BAR_WIDTH * 8 / top)
            bar = "█" * (eighths // 8) + (" ▏▎▍▌▋▊▉"[eighths % 8] if eighths % 8 else "")
            lines.append(f"{stage:<{width}} {bar:<{BAR_WIDTH}} {count}")
        else:
            lines.append(f"{stage:<{width}} {count}")
    lines.append("")
    def item(n: Need) -> str:
        return f"- {n.text}  → {n.command}" if bars else f"- {n.text}  ({n.command})"

    if not status.needs:
        lines.append("nothing needs you right now")
    else:
        lines.append("needs you:")
        lines += [item(n) for n in status.needs]
    if status.waiting:
        lines += ["", "waiting to be sent:", *(item(n) for n in status.waiting)]
    return "\n".join(lines) + "\n"


def _day(moment: datetime | None, zone: ZoneInfo) -> str:
    if moment is None:
        return "no time"
    local = moment.astimezone(zone)
    return f"{local:%a %b} {local.day}"
