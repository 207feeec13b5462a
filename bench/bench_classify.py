"""Benchmark the reply classifier.

Prints: accuracy per labelled field on every labelled corpus (tests/data/replies, classify_cases,
classify_dev whole and batch by batch (bench/make_dev_corpus.BATCH_STARTS, so a new batch can be measured
before anything is fixed for it), and each of tests/data/corpora/* split into tuning and held-out files by
bench/corpus_split.py),
messages acted on with the wrong intent, and a reliability table (confidence bucket -> share
right); msgs/s for classification alone
(warm, in process); msgs/s for the whole `outreach classify` command including
start-up (43 files, 130 person replies and 430 files), and which heavy libraries the command imports (it needs
none of them); peak memory on the hostile set; import cost of the classifier and of the
libraries it uses or considered.

    .venv/bin/python bench/bench_classify.py [--cmd "outreach classify --json --tz America/Chicago"]
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CORPORA = ("replies", "classify_cases")
DEV = "classify_dev"  # bench/make_dev_corpus.py: replies written for this measure, in seven languages
DEV_TZ = "America/New_York"
PYTHON = sys.executable


def _instant(value: str | None) -> float | None:
    return None if value is None else datetime.fromisoformat(value).timestamp()


def _field(out: dict[str, Any], field: str) -> Any:
    if field.startswith("meeting."):
        return (out.get("meeting") or {}).get(field.split(".", 1)[1])
    return out.get(field)


def _same(field: str, want: Any, got: Any) -> bool:
    if field == "meeting.start":
        return _instant(want) == _instant(got)
    if field == "proposed_times":
        return sorted(map(_instant, want or [])) == sorted(map(_instant, got or []))
    if field == "referrals":
        return {w.lower() for w in want or []} == {r["email"].lower() for r in got or []}
    if field in ("meeting.url", "meeting.booking_url"):
        return (want or "").rstrip("/") == (got or "").rstrip("/")
    return bool(want == got)


BUCKETS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
ACT_AT = 0.6  # the daemon acts on a reply at or above this confidence; below it the user decides


def _dev_batches() -> dict[str, int]:
    """Each development reply's batch (bench/make_dev_corpus.py), so a batch can be measured alone."""
    spec = importlib.util.spec_from_file_location("make_dev_corpus", ROOT / "bench" / "make_dev_corpus.py")
    assert spec is not None and spec.loader is not None
    maker = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = maker  # its dataclasses look their module up by name
    spec.loader.exec_module(maker)
    return {reply.name: maker.batch(reply.name) for reply in maker.REPLIES}


def _parts() -> list[tuple[str, str, list[Path], str]]:
    """(corpus, part, files, user zone) for every labelled corpus; the new ones split tuning/held-out."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus_split import CORPORA_DIR, FRESH_CORPORA, FRESH_DIR, NEW_CORPORA, split
    from score_split import TZ

    parts = [(c, "all", sorted((DATA / c).glob("*.eml")), "America/Chicago") for c in CORPORA]
    dev = sorted((DATA / DEV).glob("*.eml"))
    parts.append((DEV, "all", dev, DEV_TZ))
    batch = _dev_batches()
    for number in sorted(set(batch.values())):
        parts.append((DEV, f"batch {number}", [f for f in dev if batch[f.stem] == number], DEV_TZ))
    for corpus in NEW_CORPORA + FRESH_CORPORA:
        tuning, held = split(corpus)
        parts += [(corpus, "tuning", tuning, TZ[corpus]), (corpus, "held-out", held, TZ[corpus])]
    assert all(f.parent.parent in (DATA, CORPORA_DIR, FRESH_DIR) for _, _, files, _ in parts for f in files)
    parts = [p for p in parts if p[2]]
    return parts


def accuracy() -> None:
    """Per corpus and part: accuracy of every labelled field, messages acted on with the wrong intent
    (confidence >= ACT_AT and intent wrong), and the reliability table (confidence bucket -> share right)."""
    from outreach.classify import classify_file

    reliability: dict[str, Counter[tuple[int, bool]]] = {}
    confusion: dict[str, Counter[tuple[str, str]]] = {}
    for corpus, part, files, tz in _parts():
        labels = json.loads((files[0].parent / "labels.json").read_text())
        tally: Counter[str] = Counter()
        hits: Counter[str] = Counter()
        acted = acted_wrong = 0
        table = reliability.setdefault(f"{corpus} {part}", Counter())
        confused = confusion.setdefault(f"{corpus} {part}", Counter())
        for path in files:
            out = classify_file(str(path), user_tz=tz).to_json()
            for field, want in labels[path.name].items():
                tally[field] += 1
                hits[field] += _same(field, want, _field(out, field))
            if labels[path.name]["intent"] == "bounce":
                tally["bounce recognised"] += 1
                hits["bounce recognised"] += out["intent"] == "bounce"
            right = out["intent"] == labels[path.name]["intent"]
            confused[(labels[path.name]["intent"], out["intent"])] += not right
            confused[("acted", labels[path.name]["intent"] + "->" + out["intent"])] += (
                not right and out["confidence"] >= ACT_AT
            )
            bucket = next(i for i in range(len(BUCKETS) - 1) if out["confidence"] < BUCKETS[i + 1])
            table[(bucket, right)] += 1
            if out["confidence"] >= ACT_AT:
                acted += 1
                acted_wrong += not right
        print(f"\naccuracy on {corpus} {part} ({len(files)} files, --tz {tz})")
        for field in sorted(tally):
            print(f"  {field:22s} {hits[field]:3d}/{tally[field]:<3d} {hits[field] / tally[field]:.3f}")
        share = acted_wrong / len(files)
        print(
            f"  {'acted on, wrong intent':22s} {acted_wrong:3d}/{len(files):<3d} {share:.3f}"
            f"  (right when acted on: {acted - acted_wrong}/{acted})"
        )
    _print_reliability(reliability)
    _print_confusion(confusion)


def _print_confusion(confusion: dict[str, Counter[tuple[str, str]]]) -> None:
    """Wrong intents as counts only (labelled -> predicted): the one view of held-out mail allowed."""
    print(f"\nintent confusions (labelled -> predicted: count, of which at >= {ACT_AT}), counts only")
    for key, table in confusion.items():
        wrong = sorted(((n, pair) for pair, n in table.items() if n and pair[0] != "acted"), reverse=True)
        if wrong:
            print(
                f"  {key:26s} " + ", ".join(f"{a}->{b}: {n} ({table[('acted', a + '->' + b)]})" for n, (a, b) in wrong)
            )


def _print_reliability(reliability: dict[str, Counter[tuple[int, bool]]]) -> None:
    names = [f"{lo:.1f}-{min(hi, 1.0):.1f}" for lo, hi in itertools.pairwise(BUCKETS)]
    print(f"\nreliability: share of intents right per confidence bucket (right/total); acting at >= {ACT_AT}")
    print(f"  {'corpus part':26s}" + "".join(f"{n:>12s}" for n in names) + f"{'>= ' + str(ACT_AT):>12s}")
    for key, table in reliability.items():
        cells = []
        for i in range(len(names)):
            right, total = table[(i, True)], table[(i, True)] + table[(i, False)]
            cells.append(f"{right}/{total}" if total else "-")
        high = [i for i in range(len(names)) if BUCKETS[i] >= ACT_AT]
        right = sum(table[(i, True)] for i in high)
        total = right + sum(table[(i, False)] for i in high)
        cells.append(f"{right / total:.3f}" if total else "-")
        print(f"  {key:26s}" + "".join(f"{c:>12s}" for c in cells))


def _files() -> list[Path]:
    return sorted(p for c in CORPORA for p in (DATA / c).glob("*.eml"))


def classify_only(rounds: int = 20) -> None:
    from outreach.classify import classify_message

    raws = [p.read_bytes() for p in _files()]
    started = time.perf_counter()
    for raw in raws:
        classify_message(raw, user_tz="America/Chicago")
    cold = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(rounds):
        for raw in raws:
            json.dumps(classify_message(raw, user_tz="America/Chicago").to_json())
    warm = time.perf_counter() - started
    print(
        f"\nclassify only: first pass {len(raws) / cold:.0f} msgs/s; warm {rounds * len(raws) / warm:.0f} msgs/s"
        f" ({len(raws)} messages x {rounds})"
    )


def whole_command(cmd: str, repeats: int = 5) -> None:
    """msgs/s for the whole command including start-up: 43 files, 130 person replies (the heaviest path:
    quotes, dates, times, cues) and 430 files. The command keeps its compiled regexes in a store
    (outreach.regex_store) under $XDG_CACHE_HOME: the first run, on an empty one, is shown apart. A long list
    is shared among worker processes (outreach.classify.batch); the 130 replies are also timed with --jobs 1."""
    corpus = sorted((DATA / "replies").glob("*.eml"))
    people = sorted((DATA / "corpora" / "human-en").glob("*.eml")) + sorted(
        (DATA / "corpora" / "human-intl").glob("*.eml")
    )
    print(f"\nwhole command: {cmd}")
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache_home:
        env = {**os.environ, "XDG_CACHE_HOME": cache_home}

        def run(arguments: list[str], count: int) -> float | None:
            started = time.perf_counter()
            proc = subprocess.run(shlex.split(cmd) + arguments, capture_output=True, text=True, check=False, env=env)
            elapsed = time.perf_counter() - started
            if proc.returncode != 0 or proc.stdout.count("\n") != count:
                print(f"  command failed (exit {proc.returncode}): {proc.stderr[-500:]}")
                return None
            return elapsed

        replies = [str(p) for p in people[:130]]
        first = run(replies, count=130)
        if first is None:
            return
        print(f"   130 files: first run, empty regex store {first * 1000:.0f} ms -> {130 / first:.0f} msgs/s")
        runs = [("", [str(p) for p in corpus]), ("", replies), ("", [str(p) for p in corpus] * 10),
                (", --jobs 1 (one process)", ["--jobs", "1", *replies])]
        for label, arguments in runs:
            files = len([a for a in arguments if a.endswith(".eml")])
            times = [run(arguments, count=files) for _ in range(repeats)]
            if None in times:
                return
            best = min(t for t in times if t is not None)
            print(f"  {files:4d} files{label}: best of {repeats} {best * 1000:.0f} ms -> {files / best:.0f} msgs/s")


NOT_NEEDED = (
    "peewee",
    "yaml",
    "jinja2",
    "imapclient",
    "icalendar",
    "outreach.config.settings",
    "outreach.store.db",
    "outreach.cli.drafts",
    "outreach.cli.interviews",
    "outreach.cli.replies",
    "outreach.cli.run",
)


def command_imports() -> None:
    """The modules `outreach classify` should never import (the command needs no config or database)."""
    code = (
        "import sys\nfrom outreach.cli.main import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        f"print('\\nLOADED=' + ','.join(m for m in {NOT_NEEDED!r} if m in sys.modules), file=sys.stderr)\n"
    )
    files = [str(p) for p in sorted((DATA / "replies").glob("*.eml"))]
    proc = subprocess.run(
        [PYTHON, "-c", code, "classify", "--json", "--tz", "America/Chicago", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    loaded = [x for x in proc.stderr.splitlines() if x.startswith("LOADED=")][-1][len("LOADED=") :]
    print(f"  imported by the command but not needed: {loaded or 'none'}")
    if os.environ.get("PYTHONDONTWRITEBYTECODE") or sys.flags.dont_write_bytecode:
        print("  note: PYTHONDONTWRITEBYTECODE is set, so every run compiles outreach's modules from source")


def hostile_memory() -> None:
    path = ROOT / "bench" / "hostile.py"
    spec = importlib.util.spec_from_file_location("hostile", path)
    assert spec is not None and spec.loader is not None
    hostile = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hostile)
    from outreach.classify import classify_message

    print("\nhostile set (per message: input size, time, traced peak memory of classification)")
    worst = 0
    for name, make in hostile.GENERATORS.items():
        raw = make()
        tracemalloc.start()
        started = time.perf_counter()
        out = classify_message(raw, user_tz="America/Chicago").to_json()
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        worst = max(worst, peak)
        print(
            f"  {name:26s} {len(raw) / 1e6:6.1f} MB in  {elapsed * 1000:7.1f} ms  peak {peak / 1e6:6.1f} MB"
            f"  -> {out['intent']}{' (error)' if 'error' in out else ''}"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  worst traced peak {worst / 1e6:.1f} MB; process max RSS {rss:.0f} MB (includes the generated inputs)")


def import_costs(repeats: int = 7) -> None:
    print(f"\nimport cost (fresh interpreter, best of {repeats}, ms)")
    for module in (
        "email.parser",
        "outreach.classify",
        "icalendar",
        "flufl.bounce",
        "dateparser",
        "click",
        "outreach.cli.main",
    ):
        code = f"import time; t=time.perf_counter(); import {module}; print(time.perf_counter()-t)"
        best = float("inf")
        for _ in range(repeats):
            proc = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                best = float("nan")
                break
            best = min(best, float(proc.stdout.strip()))
        print(f"  {module:20s} {best * 1000:6.1f}")
    started = time.perf_counter()
    subprocess.run([PYTHON, "-c", "pass"], check=False)
    print(f"  {'(interpreter start)':20s} {(time.perf_counter() - started) * 1000:6.1f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cmd", default=f"{ROOT / '.venv/bin/outreach'} classify --json --tz America/Chicago")
    parser.add_argument("--accuracy", action="store_true", help="accuracy, reliability and confusions only")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    accuracy()
    if args.accuracy:
        return 0
    classify_only()
    whole_command(args.cmd)
    command_imports()
    hostile_memory()
    import_costs()
    return 0


if __name__ == "__main__":
    sys.exit(main())
