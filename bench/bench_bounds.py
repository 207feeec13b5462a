"""Hostile YAML and templates: time and peak memory of `outreach sync` on each, in a fresh process.

    .venv/bin/python bench/bench_bounds.py [--src DIR] [--only NAME] [--limit-mb 3000] [--timeout 60]

`--src DIR` runs another copy of the package (e.g. `git archive HEAD | tar -x -C DIR` of an older commit)
to measure before and after. Each run is capped (address space, wall time) so a bomb cannot take the machine;
a capped run shows as `>=`. Peak memory is the child's ru_maxrss. The template cases give one of the two
introductions the hostile template: the line to look for is `1 composed, 1 failed`.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.helpers import write_config


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    """`width`**`levels` values from a few hundred bytes of anchors and aliases."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


TWO_CONTACTS = ("introductions:\n"
                "  - {name: Dana Fox, email: dana@fox.example, company: Fox Labs, referred_by: Kim Lee}\n"
                "  - {name: Lee Park, email: lee@park.example, company: Park Inc, referred_by: Kim Lee}\n")
HOSTILE_FOR_LEE = TWO_CONTACTS.replace("Kim Lee}\n", "Kim Lee, template: hostile}\n", 2).replace(
    "Kim Lee, template: hostile}", "Kim Lee}", 1)
DEEP = 900


def intro_file(extra: str) -> Callable[[Path], None]:
    def setup(config: Path) -> None:
        (config.parent / "introductions.yaml").write_text(extra + TWO_CONTACTS)
    return setup


def config_file(extra: str) -> Callable[[Path], None]:
    def setup(config: Path) -> None:
        config.write_text(extra + config.read_text())
    return setup


def template(body: str, extra: dict[str, str] | None = None) -> Callable[[Path], None]:
    def setup(config: Path) -> None:
        (config.parent / "introductions.yaml").write_text(HOSTILE_FOR_LEE)
        folder = config.parent / "templates"
        folder.mkdir(exist_ok=True)
        (folder / "hostile.txt.j2").write_text(f"Subject: hello\n\n{body}\n")
        for name, text in (extra or {}).items():
            (folder / name).write_text(text)
    return setup


CASES: dict[str, Callable[[Path], None]] = {
    "introductions: billion laughs (9 levels)": intro_file(billion_laughs()),
    "introductions: recursive alias": intro_file("bomb: &b [*b]\n"),
    f"introductions: {DEEP} nested lists": intro_file("deep: " + "[" * DEEP + "]" * DEEP + "\n"),
    "introductions: 50 MB file": intro_file("# " + "x" * 50_000_000 + "\n"),
    "outreach.yaml: billion laughs (9 levels)": config_file(billion_laughs()),
    "outreach.yaml: 7-level bomb (the SIGHUP one)": config_file(billion_laughs(7)),
    "outreach.yaml: recursive alias": config_file("bomb: &b [*b]\n"),
    "template: replace bomb": template("{% set a = 'x' * 99999 %}{{ a.replace('x', a)|length }}"),
    "template: replace filter bomb": template("{% set a = 'x' * 99999 %}{{ a|replace('x', a)|length }}"),
    "template: join bomb": template("{% set a = 'x' * 99999 %}{{ a.join(a)|length }}"),
    "template: join filter bomb": template("{% set a = 'x' * 99999 %}{{ a|join(a)|length }}"),
    "template: translate bomb": template("{% set a = 'x' * 50000 %}{{ a.translate({120: a})|length }}"),
    "template: expandtabs bomb": template("{% set a = '\\t' * 99999 %}{{ a.expandtabs(1000)|length }}"),
    "template: indent bomb": template("{% set a = '\\n' * 99999 %}{{ a|indent(1000, true, true)|length }}"),
    "template: nested lists as text": template("{% set a = 'x' * 1000 %}" + "".join(
        f"{{% set {name} = [{', '.join([previous] * 10)}] %}}" for previous, name in zip("abcdef", "bcdefg",
                                                                                          strict=True)) + "{{ g }}"),
    "template: macro recursion": template("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"),
    "template: recursive loop": template("{% for x in [1] recursive %}{{ loop([x]) }}{% endfor %}"),
    "template: self-include": template("{% include 'hostile.txt.j2' %}"),
    "template: include each other": template("{% include 'b.j2' %}", {"b.j2": "{% include 'hostile.txt.j2' %}"}),
    "template: nested loops (time)": template(
        "{% set a = 'x' * 99999 %}{% for i in a %}{% for j in a %}{% endfor %}{% endfor %}"),
}


def run(src: Path | None, setup: Callable[[Path], None], limit_mb: int, timeout: float) -> tuple[float, int, str]:
    """Seconds, peak MB and the last output line of `outreach sync` in a fresh, capped process."""
    env = {**os.environ, "OUTREACH_TEST_PASSWORD": "x"}
    if src is not None:
        env["PYTHONPATH"] = str(src.resolve())  # ahead of the editable install's finder

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb << 20, limit_mb << 20))

    with tempfile.TemporaryDirectory(prefix="bench-bounds-") as tmp:
        config = write_config(Path(tmp))
        setup(config)
        with tempfile.TemporaryFile() as log:
            started = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-m", "outreach", "-c", str(config), "sync"], env=env,
                                     stdout=log, stderr=subprocess.STDOUT, preexec_fn=cap, cwd=tmp)
            usage, killed = _wait(child.pid, started + timeout)
            seconds = time.perf_counter() - started
            log.seek(0)
            out = log.read().decode(errors="replace") + (f"(killed after {timeout:g} s)" if killed else "")
    lines = [line.replace(tmp + "/", "") for line in out.splitlines() if line.strip()]
    telling = [line for line in lines if line.startswith(("no draft:", "drafts:"))] or lines[-1:]
    return seconds, usage.ru_maxrss // 1024, " | ".join(line[:110] for line in telling)


def _wait(pid: int, deadline: float) -> tuple[resource.struct_rusage, bool]:
    """Reap `pid` with its own resource usage; kill it at `deadline`."""
    killed = False
    while True:
        done, _, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return usage, killed
        if time.perf_counter() > deadline and not killed:
            os.kill(pid, signal.SIGKILL)
            killed = True
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, help="package copy to run instead of this checkout")
    parser.add_argument("--only", help="run the cases whose name contains this")
    parser.add_argument("--limit-mb", type=int, default=3000, help="address-space cap per run")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run is killed")
    args = parser.parse_args()
    env = {**os.environ, **({"PYTHONPATH": str(args.src.resolve())} if args.src else {})}
    where = subprocess.run([sys.executable, "-c", "import outreach; print(outreach.__file__)"], env=env,
                           cwd=tempfile.gettempdir(), capture_output=True, text=True, check=True).stdout.strip()
    print(f"outreach from {where}; each run capped at {args.limit_mb} MB and {args.timeout:g} s")
    for name, setup in CASES.items():
        if args.only and args.only not in name:
            continue
        seconds, peak, last = run(args.src, setup, args.limit_mb, args.timeout)
        print(f"{name:45} {seconds:6.2f} s {peak:5d} MB  {last}", flush=True)


if __name__ == "__main__":
    main()
