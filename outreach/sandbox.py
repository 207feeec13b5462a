"""The bounded Jinja2 sandbox: templates cannot reach Python internals, loop, grow or run without limit.

Jinja2 is imported inside the functions, never at module import.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import TemplateError

if TYPE_CHECKING:
    from jinja2 import BaseLoader, Template
    from jinja2.sandbox import SandboxedEnvironment

MAX_OUTPUT_CHARS = 100_000  # a rendered message larger than this is a template bug
MAX_RANGE = 1_000  # total items all range() calls in one render may produce
MAX_RENDER_SECONDS = 2.0
MAX_ARGUMENT = 1_000  # largest number a call or a padding filter may take (widths, counts)


def bounded_environment(loader: BaseLoader) -> SandboxedEnvironment:
    """An immutable sandbox with StrictUndefined, no autoescape, and every budget below applied."""
    from jinja2 import StrictUndefined

    env = _sandbox_class()(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        auto_reload=True,  # the daemon picks up template edits
    )
    env.filters.update(_bounded_filters(env.filters))
    env.globals.pop("lipsum", None)
    env.globals["range"] = _budget_range
    return env



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


def bounded_render(template: Template, context: Mapping[str, Any], label: str, who: str) -> str:
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


