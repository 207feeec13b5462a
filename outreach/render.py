"""Templates -> subject and body (Jinja2 sandbox), and stored drafts -> wire messages.

Jinja2 is imported inside the functions that render, so that commands which only
read drafts (`drafts list`, `drafts show`) never pay for it.

A template is a `Subject:` line, a blank line, then the body. The context is
`me`, `contact` (every introduction field, None when absent), `referrer`,
`thread` ({subject, sent_on, message_id}), `interview` ({on, starts, ends,
minutes, url, booking_url}) and `notes`; the last three are None unless the
caller passes them.
"""

from __future__ import annotations

import logging
import re
import signal
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import HeaderInjectionError, TemplateError

if TYPE_CHECKING:
    from email.message import EmailMessage

    from jinja2 import Template
    from jinja2.sandbox import SandboxedEnvironment

    from .config import Settings
    from .models import Contact, Draft

logger = logging.getLogger(__name__)

MAX_OUTPUT_CHARS = 100_000  # a rendered message larger than this is a template bug
MAX_RANGE = 1_000  # total items all range() calls in one render may produce
MAX_RENDER_SECONDS = 2.0
MAX_ARGUMENT = 1_000  # largest number a call or a padding filter may take (widths, counts)
MAX_LINE = 998  # RFC 5322 hard limit; longer lines are quoted-printable encoded
DEFAULT_TEMPLATE = "outreach"
# Templates that need a thread or an interview; `outreach check` only compiles these.
REPLY_TEMPLATES = ("follow_up", "thank_you", "prep")
TEMPLATE_SUFFIXES = (".txt.j2", ".md.j2", ".j2")


@dataclass(frozen=True)
class Rendered:
    template: str
    subject: str
    body: str


# ------------------------------------------------------------------ header safety


def check_header_value(what: str, value: str | None) -> None:
    """Refuse a value bound for a mail header if it holds CR, LF or another line break."""
    if value is not None and any(ch in value for ch in "\r\n\x0b\x0c\x85\u2028\u2029"):
        raise HeaderInjectionError(
            f"{what} contains a line break ({value!r}); header values must be one line, so nothing was written"
        )


# ------------------------------------------------------------------ context


def contact_context(contact: Contact) -> dict[str, Any]:
    """Every introduction field (None when absent) plus first_name."""
    from .contacts import TEXT_FIELDS

    fields: dict[str, Any] = {name: getattr(contact, name) for name in TEXT_FIELDS}
    fields.update(
        name=contact.name,
        email=contact.email,
        first_name=contact.name.split()[0] if contact.name.split() else contact.name,
        topics=list(contact.topics or []),
        referred_by_email=contact.referred_by_email,
        status=contact.status,
    )
    return fields


def me_context(settings: Settings) -> dict[str, Any]:
    me = settings.me
    return {
        "name": me.name,
        "first_name": me.name.split()[0],
        "email": me.email,
        "timezone": me.timezone,
        "signature": me.signature,
        "stories": {
            "tell_me_about_yourself": me.stories.tell_me_about_yourself,
            "why_this_field": me.stories.why_this_field,
            "what_im_looking_for": me.stories.what_im_looking_for,
        },
    }


def template_context(settings: Settings, contact: Contact, thread: Mapping[str, Any] | None = None,
                     interview: Mapping[str, Any] | None = None, notes: str | None = None) -> dict[str, Any]:
    fields = contact_context(contact)
    referrer = None
    if contact.referred_by:
        referrer = {"name": contact.referred_by, "email": contact.referred_by_email,
                    "relationship": contact.relationship}
    return {"me": me_context(settings), "contact": fields, "referrer": referrer,
            "thread": thread, "interview": interview, "notes": notes}


# ------------------------------------------------------------------ rendering


def render_for_contact(settings: Settings, contact: Contact, template: str | None = None,
                       thread: Mapping[str, Any] | None = None, interview: Mapping[str, Any] | None = None,
                       notes: str | None = None) -> Rendered:
    """Render `template` (default: the contact's own, else outreach) for one contact."""
    name = template or contact.template or DEFAULT_TEMPLATE
    context = template_context(settings, contact, thread, interview, notes)
    return render_template(settings, name, context, who=contact.email)


def render_template(settings: Settings, name: str, context: Mapping[str, Any], who: str) -> Rendered:
    """Render one template; raise TemplateError naming the template, line, contact (`who`) and field."""
    env = environment(settings.paths.templates)
    template = load_template(env, name)
    label = template.name or name
    text = _bounded_render(template, context, label, who)
    subject, body = split_message(text, label, who)
    return Rendered(template=label, subject=subject, body=body)


def split_message(text: str, label: str, who: str | None = None) -> tuple[str, str]:
    """`Subject: ...`, blank line, body -> (subject, body). Used for rendered templates and edited drafts."""
    first, _, rest = text.partition("\n")
    first = first.rstrip("\r")
    whose = f" for {who}" if who else ""
    if not first.lower().startswith("subject:"):
        raise TemplateError(f"{label}, line 1{whose}: the first line must be `Subject: ...`, got {first[:60]!r}")
    subject = first[len("subject:"):].strip()
    if not subject:
        raise TemplateError(f"{label}, line 1{whose}: the subject is empty")
    second, _, body = rest.partition("\n")
    if second.strip():
        # The source's line 2 is blank (checked when loading), so a value with a line break reached the subject.
        raise HeaderInjectionError(
            f"{label}, line 2{whose}: the subject line is followed by {second[:60]!r}; either a value with a "
            "line break reached the subject, or the blank line after it is missing"
        )
    body = body.strip("\n").replace("\r\n", "\n")
    if not body.strip():
        raise TemplateError(f"{label}{whose}: the body is empty")
    return subject, body + "\n"


def check_templates(settings: Settings) -> Iterator[str]:
    """Compile every template (yours and the shipped ones) and trial-render the outreach ones.

    Yields one line per template; raises TemplateError at the first bad one."""
    from .scaffold import shipped_templates_dir

    env = environment(settings.paths.templates)
    user_dir = settings.paths.templates
    names = {p.name for p in shipped_templates_dir().glob("*.j2")}
    if user_dir.is_dir():
        names |= {p.name for p in user_dir.glob("*.j2")}
    sample = _sample_context(settings)
    for name in sorted(names):
        template = load_template(env, name)
        origin = "yours" if (user_dir / name).is_file() else "shipped"
        if _base_name(name) not in REPLY_TEMPLATES:
            render_template(settings, name, sample, who="a sample contact")
            yield f"{name} ({origin}; rendered for a sample contact)"
        else:
            yield f"{name} ({origin}; compiled)"
        del template


@lru_cache(maxsize=8)
def environment(user_dir: Path) -> SandboxedEnvironment:
    from jinja2 import FileSystemLoader, StrictUndefined

    from .scaffold import shipped_templates_dir

    env = _sandbox_class()(
        loader=FileSystemLoader([str(user_dir), str(shipped_templates_dir())]),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        auto_reload=True,  # the daemon picks up template edits
    )
    env.filters.update(_bounded_filters(env.filters))
    env.filters["join_words"] = join_words
    env.filters["a_or_an"] = a_or_an
    env.filters["reply_subject"] = reply_subject
    env.globals.pop("lipsum", None)
    env.globals["range"] = _budget_range
    return env


def load_template(env: SandboxedEnvironment, name: str) -> Template:
    """Find `name` (with or without its .txt.j2 suffix) and check its Subject/blank-line shape."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError

    candidates = [name] if name.endswith(".j2") else [name + s for s in TEMPLATE_SUFFIXES]
    for candidate in candidates:
        try:
            template = env.get_template(candidate)
        except TemplateNotFound:
            continue
        except TemplateSyntaxError as exc:
            raise TemplateError(f"{exc.filename or candidate}, line {exc.lineno}: {exc.message}") from None
        _check_shape(template)
        return template
    raise TemplateError(
        f"no template named {name!r} (looked for {', '.join(candidates)} in your templates folder and the "
        "shipped ones); fix `template:` in introductions.yaml or add the file"
    )


def _check_shape(template: Template) -> None:
    if not template.filename:
        return
    lines = Path(template.filename).read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].lower().startswith("subject:"):
        raise TemplateError(f"{template.filename}, line 1: a template starts with a `Subject: ...` line")
    if len(lines) < 3 or lines[1].strip():
        raise TemplateError(f"{template.filename}, line 2: leave a blank line between the Subject and the body")


def _base_name(name: str) -> str:
    for suffix in TEMPLATE_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _sample_context(settings: Settings) -> dict[str, Any]:
    from .contacts import TEXT_FIELDS

    contact: dict[str, Any] = {name: f"sample {name}" for name in TEXT_FIELDS}
    contact.update(name="Alex Sample", first_name="Alex", email="alex@example.com",
                   topics=["a sample topic"], referred_by_email=None, status="new")
    return {"me": me_context(settings), "contact": contact,
            "referrer": {"name": contact["referred_by"], "email": None, "relationship": contact["relationship"]},
            "thread": None, "interview": None, "notes": None}


# ------------------------------------------------------------------ bounded sandbox

_budget = threading.local()


class RenderLimitError(Exception):
    """A template exceeded the time, size or iteration budget."""


def _spend(items: int) -> None:
    left = getattr(_budget, "left", MAX_RANGE) - items
    _budget.left = left
    if left < 0:
        raise RenderLimitError(f"loops produced more than {MAX_RANGE} items")


def _budget_range(*args: int) -> range:
    values = range(*args)
    _spend(len(values))
    return values


def _check_size(value: Any) -> Any:
    if isinstance(value, str | bytes | list | tuple) and len(value) > MAX_OUTPUT_CHARS:
        raise RenderLimitError(f"a value grew beyond {MAX_OUTPUT_CHARS} characters")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value).bit_length() > 256:
        raise RenderLimitError("a number grew beyond 256 bits")
    return value


def _sandbox_class() -> type[SandboxedEnvironment]:
    from jinja2.compiler import CodeGenerator, Frame
    from jinja2.nodes import Concat
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

    class BoundedCodeGenerator(CodeGenerator):
        def visit_Concat(self, node: Concat, frame: Frame) -> None:
            self.write("environment.checked(")
            super().visit_Concat(node, frame)
            self.write(")")

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox, plus bounds on everything that can allocate without limit:
        operators, `~`, calls (macros and methods such as str.ljust) and the filters that pad."""

        code_generator_class = BoundedCodeGenerator
        intercepted_binops = frozenset(["*", "**", "%", "+"])

        def checked(self, value: Any) -> Any:
            return _check_size(value)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise RenderLimitError("exponent too large")
            if operator == "*":
                for a, b in ((left, right), (right, left)):
                    if isinstance(a, str | list | tuple) and isinstance(b, int) and len(a) * b > MAX_OUTPUT_CHARS:
                        raise RenderLimitError("a repeated value would be too large")
            if operator == "%" and isinstance(left, str):
                _check_format(left)
            return _check_size(super().call_binop(context, operator, left, right))

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(getattr(__obj, "__self__", None), str) and \
                    getattr(__obj, "__name__", "") in ("format", "format_map"):
                raise SecurityError("str.format can pad to any width; use filters such as `format` instead")
            _check_arguments(args, kwargs)
            return _check_size(super().call(__context, __obj, *args, **kwargs))

    return BoundedSandbox


def _check_arguments(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_ARGUMENT:
            raise RenderLimitError(f"argument {value} is too large")


def _check_format(text: str) -> None:
    if re.search(r"%[-+ #0]*(\d{4,}|\*)|\.\d{4,}", text):
        raise RenderLimitError("format width too large")


def _bounded_filters(filters: Mapping[str, Any]) -> dict[str, Any]:
    """Filters that take a width or count: refuse numbers that would build huge strings."""

    def bounded(f: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            _check_arguments(args[1:], kwargs)
            if f.__name__ == "do_format" and isinstance(args[0], str):
                _check_format(args[0])
            return _check_size(f(*args, **kwargs))

        if hasattr(f, "jinja_pass_arg"):
            wrapper.jinja_pass_arg = f.jinja_pass_arg  # type: ignore[attr-defined]
        wrapper.__name__ = f.__name__
        return wrapper

    return {name: bounded(filters[name]) for name in ("center", "indent", "format")
            if name in filters}


def _bounded_render(template: Template, context: Mapping[str, Any], label: str, who: str) -> str:
    from jinja2 import TemplateError as JinjaError
    from jinja2 import UndefinedError
    from jinja2.sandbox import SecurityError

    _budget.left = MAX_RANGE
    out: list[str] = []
    size = 0
    try:
        with _deadline(MAX_RENDER_SECONDS):
            for chunk in template.generate(**context):
                size += len(chunk)
                if size > MAX_OUTPUT_CHARS:
                    raise RenderLimitError(f"the output grew beyond {MAX_OUTPUT_CHARS} characters")
                out.append(chunk)
    except UndefinedError as exc:
        line = _template_line(exc, template)
        raise TemplateError(f"{_where(label, line, who)}: {_missing_field(exc, template, line)}") from None
    except SecurityError as exc:
        raise TemplateError(f"{_where(label, _template_line(exc, template), who)}: not allowed in a template "
                            f"({exc})") from None
    except RenderLimitError as exc:
        raise TemplateError(f"{_where(label, _template_line(exc, template), who)}: stopped, {exc}") from None
    except (JinjaError, TypeError, ValueError, ArithmeticError, AttributeError, LookupError) as exc:
        raise TemplateError(f"{_where(label, _template_line(exc, template), who)}: "
                            f"{type(exc).__name__}: {exc}") from None
    return "".join(out)


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt a runaway render. Only possible in the main thread (signals); the range,
    operator and output budgets bound renders everywhere else."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise RenderLimitError(f"rendering took longer than {seconds:g} seconds")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _where(label: str, line: int | None, who: str) -> str:
    return f"{label}, line {line}, for {who}" if line else f"{label}, for {who}"


def _template_line(exc: BaseException, template: Template) -> int | None:
    """The template line the error was raised at (Jinja rewrites tracebacks to template lines)."""
    line: int | None = None
    tb = exc.__traceback__
    while tb is not None:
        if template.filename and tb.tb_frame.f_code.co_filename == template.filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _missing_field(exc: Exception, template: Template, line: int | None) -> str:
    message = str(exc)
    match = re.search(r"has no attribute '([^']+)'", message) or re.search(r"'([^']+)' is undefined", message)
    if not match:
        return f"undefined value ({message})"
    field = match.group(1)
    expression = field
    if line and template.filename:
        source = Path(template.filename).read_text(encoding="utf-8").splitlines()
        if 0 < line <= len(source):
            found = re.search(r"([A-Za-z_][\w.]*)\." + re.escape(field) + r"\b", source[line - 1])
            if found:
                expression = f"{found.group(1)}.{field}"
    return f"missing field {expression!r} ({message})"


def join_words(items: Any) -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    words = [str(i) for i in items or []]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def reply_subject(subject: Any) -> str:
    """'Hello' -> 'Re: Hello'; an existing 'Re:' is kept, not doubled."""
    text = str(subject).strip()
    return text if text.lower().startswith("re:") else f"Re: {text}"


def a_or_an(phrase: Any) -> str:
    text = str(phrase)
    return ("an " if text[:1].lower() in "aeiou" and text[:1] else "a ") + text


# ------------------------------------------------------------------ wire message


def build_message(draft: Draft, settings: Settings, now: datetime) -> EmailMessage:
    """The message as it goes on the wire: headers from the stored draft, Date = now."""
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime

    me = settings.me
    contact = draft.contact
    for what, value in (("your name (me.name)", me.name), (f"the name of {draft.to_addr}", contact.name),
                        ("the recipient address", draft.to_addr), (f"the subject of draft {draft.id}", draft.subject),
                        ("In-Reply-To", draft.in_reply_to), ("References", draft.references)):
        check_header_value(what, value)
    msg = EmailMessage(policy=SMTP)
    msg["From"] = Address(display_name=me.name, addr_spec=me.email)
    msg["To"] = Address(display_name=contact.name, addr_spec=draft.to_addr)
    msg["Subject"] = draft.subject
    msg["Date"] = format_datetime(now.astimezone(me.zone))
    msg["Message-ID"] = draft.message_id
    if draft.in_reply_to:
        msg["In-Reply-To"] = draft.in_reply_to
    if draft.references:
        msg["References"] = draft.references
    msg["X-Outreach-Draft"] = draft.identity
    body = draft.body
    long_lines = any(len(line) > MAX_LINE for line in body.splitlines())
    cte = "7bit" if body.isascii() and not long_lines else "quoted-printable"
    msg.set_content(body, charset="utf-8", cte=cte)
    for attachment in draft.attachments or []:
        _attach(msg, attachment)
    return msg


def _attach(msg: EmailMessage, attachment: Mapping[str, Any]) -> None:
    import base64

    filename = attachment.get("filename") or "attachment"
    mime = attachment.get("mime") or "application/octet-stream"
    check_header_value("an attachment's file name", filename)
    check_header_value("an attachment's type", mime)
    maintype, _, subtype = mime.partition("/")
    params = {k: str(v) for k, v in (attachment.get("params") or {}).items()}
    content = attachment.get("content") or ""
    if maintype == "text":
        msg.add_attachment(content, subtype=subtype, filename=filename, params=params, charset="utf-8")
    else:
        msg.add_attachment(base64.b64decode(content), maintype=maintype, subtype=subtype, filename=filename,
                           params=params)


def message_text(msg: EmailMessage) -> str:
    """Headers exactly as serialised, then each text part decoded, for a person to read."""
    head, _, _ = msg.as_string(policy=msg.policy.clone(linesep="\n")).partition("\n\n")
    parts = [head, ""]
    body = msg.get_body(("plain",))
    if body is not None:
        parts.append(body.get_content().rstrip("\n"))
    for part in msg.iter_attachments():
        parts.append(f"\n[attachment: {part.get_filename()} ({part.get_content_type()})]")
    return "\n".join(parts) + "\n"
