"""The bounded Jinja2 sandbox: templates cannot reach Python internals, loop, grow, nest or run without limit.

Growth is bounded before it happens, because one C call (str.replace, str.join) can allocate gigabytes
before any signal or check runs: every value that reaches an operator, a filter, a method call or the output
is weighed (its characters as `str()` would expand them, shared references counted each time), and the few
operations that multiply their input (repetition, replace, join, translate, expandtabs, indent, wordwrap,
urlize) are refused when their result would be too large. Calls (macros, `loop()`) nest at most
MAX_CALL_DEPTH deep and a render loads at most MAX_TEMPLATE_LOADS templates (include, import, extends).

Jinja2 is imported inside the functions, never at module import.
"""

from __future__ import annotations

import logging
import re
import signal
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from outreach.errors import RenderLimitError, TemplateError
from outreach.outgoing.weights import (
    FILTER_SIZE,
    MAX_OUTPUT_CHARS,
    METHOD_SIZE,
    check_result,
    check_size,
    check_weight,
    text_weight,
)

if TYPE_CHECKING:
    from jinja2 import BaseLoader, Template
    from jinja2.sandbox import SandboxedEnvironment

MAX_RANGE = 1_000  # total items all range() calls in one render may produce
MAX_RENDER_SECONDS = 2.0
MAX_ARGUMENT = 1_000  # largest number a call or a padding filter may take (widths, counts)
MAX_CALL_DEPTH = 40  # macros calling macros, recursive loops
MAX_TEMPLATE_LOADS = 20  # include, import and extends in one render

logger = logging.getLogger(__name__)


def bounded_environment(loader: BaseLoader) -> SandboxedEnvironment:
    """An immutable sandbox with StrictUndefined, no autoescape, and every budget below applied."""
    from jinja2 import StrictUndefined

    env = _sandbox_class()(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        auto_reload=True,  # the daemon picks up template edits
        finalize=check_weight,  # every `{{ value }}` before it becomes text
    )
    env.filters = _BoundedFilters(env.filters)
    env.globals.pop("lipsum", None)
    env.globals["range"] = _budget_range
    return env


_budget = threading.local()


def _spend(items: int) -> None:
    left = getattr(_budget, "left", MAX_RANGE) - items
    _budget.left = left
    if left < 0:
        raise RenderLimitError(f"loops produced more than {MAX_RANGE} items")


def _budget_range(*args: int) -> range:
    values = range(*args)
    _spend(len(values))
    return values


def _sandbox_class() -> type[SandboxedEnvironment]:
    from jinja2.compiler import CodeGenerator, Frame
    from jinja2.nodes import Concat
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

    class BoundedCodeGenerator(CodeGenerator):
        def visit_Concat(self, node: Concat, frame: Frame) -> None:
            # `a ~ b`: each part is weighed before it is turned into text, and the result after.
            if frame.eval_ctx.volatile:
                join = "(markup_join if context.eval_ctx.volatile else str_join)"
            else:
                join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
            self.write(f"environment.checked({join}((")
            for part in node.nodes:
                self.write("environment.checked(")
                self.visit(part, frame)
                self.write("), ")
            self.write(")))")

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox, plus bounds on everything that can allocate, nest or load without limit:
        operators, `~`, calls (macros, `loop()`, methods such as str.replace), filters and template loads."""

        code_generator_class = BoundedCodeGenerator
        intercepted_binops = frozenset(["*", "**", "%", "+"])

        def checked(self, value: Any) -> Any:
            return check_size(value)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            left_weight, right_weight = text_weight(left), text_weight(right)
            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise RenderLimitError("exponent too large")
            if operator == "*":
                for value, weight, times in ((left, left_weight, right), (right, right_weight, left)):
                    if isinstance(value, str | bytes | list | tuple) and isinstance(times, int) \
                            and weight * times > MAX_OUTPUT_CHARS:
                        raise RenderLimitError("a repeated value would be too large")
            if operator == "%" and isinstance(left, str):
                _check_format(left)
            return check_size(super().call_binop(context, operator, left, right))

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            owner, name = getattr(__obj, "__self__", None), getattr(__obj, "__name__", "")
            if isinstance(owner, str) and name in ("format", "format_map"):
                raise SecurityError("str.format can pad to any width; use filters such as `format` instead")
            _check_arguments(args, kwargs)
            if isinstance(owner, str | bytes) and name in METHOD_SIZE:
                if name == "join" and args:
                    args = (_materialised(args[0]), *args[1:])
                check_result(f"{type(owner).__name__}.{name}()", METHOD_SIZE[name](owner, *args, **kwargs))
            depth = getattr(_budget, "depth", 0)
            if depth >= MAX_CALL_DEPTH:
                raise RenderLimitError(f"calls nested deeper than {MAX_CALL_DEPTH} (a macro or a recursive "
                                       "loop calling itself without end?)")
            _budget.depth = depth + 1
            try:
                return check_size(super().call(__context, __obj, *args, **kwargs))
            finally:
                _budget.depth = depth

        def get_template(self, *args: Any, **kwargs: Any) -> Any:
            _spend_template_load()
            return super().get_template(*args, **kwargs)

        def select_template(self, *args: Any, **kwargs: Any) -> Any:
            _spend_template_load()
            return super().select_template(*args, **kwargs)

    return BoundedSandbox


def _spend_template_load() -> None:
    left = getattr(_budget, "loads", None)
    if left is None:  # not rendering: render.py loading the template itself
        return
    if left <= 0:
        raise RenderLimitError(f"more than {MAX_TEMPLATE_LOADS} includes, imports or extends (a template "
                               "including itself?)")
    _budget.loads = left - 1


def _materialised(items: Any) -> Any:
    """A join's items as a list, so they can be weighed (a generator would be spent by weighing)."""
    return items if isinstance(items, str | bytes | list | tuple) else list(items)


def _check_arguments(args: tuple[Any, ...], kwargs: Mapping[str, Any], numbers: bool = True) -> None:
    for value in (*args, *kwargs.values()):
        if numbers and isinstance(value, int) and not isinstance(value, bool) and value > MAX_ARGUMENT:
            raise RenderLimitError(f"argument {value} is too large")
        text_weight(value)


def _check_format(text: str) -> None:
    if re.search(r"%[-+ #0]*(\d{4,}|\*)|\.\d{4,}", text):
        raise RenderLimitError("format width too large")


# Filters whose numbers are widths or counts (padding, fill items): those are capped at MAX_ARGUMENT.
_COUNTING_FILTERS = frozenset(["center", "indent", "format", "batch", "slice"])


class _BoundedFilters(dict[str, Any]):
    """env.filters: every filter, including those added later (render.py's), wrapped by `_bounded_filter`."""

    def __init__(self, filters: Mapping[str, Any]) -> None:
        super().__init__()
        for name, function in filters.items():
            self[name] = function

    def __setitem__(self, name: str, function: Any) -> None:
        super().__setitem__(name, _bounded_filter(name, function))


def _bounded_filter(name: str, function: Any) -> Any:
    """Weigh a filter's value and arguments before it runs, refuse results that would be too large,
    and check the result after."""
    passes_first = hasattr(function, "jinja_pass_arg")  # context, eval context or environment first
    estimate = FILTER_SIZE.get(name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = args[1:] if passes_first else args
        if name == "join" and values:
            args = (*args[:len(args) - len(values)], _materialised(values[0]), *values[1:])
            values = args[1:] if passes_first else args
        _check_arguments(values[:1], {})
        _check_arguments(values[1:], kwargs, numbers=name in _COUNTING_FILTERS)
        if name == "format" and values and isinstance(values[0], str):
            _check_format(values[0])
        if estimate is not None:
            check_result(f"the {name} filter", estimate(*args, **kwargs))
        return check_size(function(*args, **kwargs))

    if passes_first:
        wrapper.jinja_pass_arg = function.jinja_pass_arg  # type: ignore[attr-defined]
    wrapper.__name__ = getattr(function, "__name__", name)
    wrapper.__doc__ = function.__doc__
    return wrapper


def bounded_render(template: Template, context: Mapping[str, Any], label: str, who: str) -> str:
    """Render `template` for `who` within every budget. Any failure of the template, whatever it raised,
    is a TemplateError naming the template (or the one it included), the line and `who`."""
    from jinja2 import TemplateError as JinjaError
    from jinja2 import UndefinedError
    from jinja2.sandbox import SecurityError

    _budget.left, _budget.depth, _budget.loads = MAX_RANGE, 0, MAX_TEMPLATE_LOADS
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
        name, line = _template_line(exc, template, label)
        field = _missing_field(exc, template, line if name == label else None)
        raise TemplateError(f"{_where(name, line, who)}: {field}") from None
    except SecurityError as exc:
        raise TemplateError(f"{_where(*_template_line(exc, template, label), who)}: not allowed in a template "
                            f"({exc})") from None
    except RenderLimitError as exc:
        raise TemplateError(f"{_where(*_template_line(exc, template, label), who)}: stopped, {exc}") from None
    except RecursionError as exc:
        raise TemplateError(f"{_where(*_template_line(exc, template, label), who)}: stopped, the template "
                            "nests too deeply (a macro, loop or include calling itself?)") from None
    except (JinjaError, TypeError, ValueError, ArithmeticError, AttributeError, LookupError) as exc:
        raise TemplateError(f"{_where(*_template_line(exc, template, label), who)}: "
                            f"{type(exc).__name__}: {exc}") from None
    except Exception as exc:  # anything else a template can provoke is still that template's failure
        logger.debug("rendering %s for %s failed", label, who, exc_info=True)
        raise TemplateError(f"{_where(*_template_line(exc, template, label), who)}: "
                            f"{type(exc).__name__}: {exc}") from exc
    finally:
        _budget.loads = None
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


def _template_line(exc: BaseException, template: Template, label: str) -> tuple[str, int | None]:
    """The template and line the error was raised at: Jinja rewrites tracebacks so that template code
    shows as frames of the template file. An error inside an included template names that one."""
    where: tuple[str, int | None] = (label, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename == template.filename:
            where = (label, tb.tb_lineno)
        elif "__jinja_exception__" in tb.tb_frame.f_globals:
            where = (Path(filename).name, tb.tb_lineno)
        tb = tb.tb_next
    return where


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


