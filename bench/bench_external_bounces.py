"""The classifier on flufl.bounce's own test mail: 117 real bounce messages from many MTAs.

flufl.bounce 6.0.0's sdist ships the messages (``tests/data/*.txt``) and, in
``tests/test_detectors.py``, the expected failed addresses of each one and whether
it is only a temporary warning. This script fetches the sdist (``pip download`` into
``~/.cache/outreach-bench``, or ``--source`` an already extracted copy), reads those
expectations with ``ast`` (never a hand copy), runs
:func:`outreach.classify.classify_file` on every data file and prints:

* permanent failures recognised as ``bounce`` (n/N);
* failed recipient right: ``bounced_recipient`` in the expected set (n/N);
* temporary warnings classified ``unknown`` (the project's convention for a delay) (n/N);
* what we said on files expected to name nobody, and on files the lists leave out;
* taken for a person: files classified as a person's answer (accepted, declined,
  referral, later, question); this must be 0.

``--show`` lists the files behind every miss.

Note: this is flufl.bounce's own test data, and flufl.bounce is one of the
libraries the classifier uses (:mod:`outreach.classify.bounces` asks its
detectors). These figures check our integration and our own rules around it; they
are not an independent held-out measure.

    .venv/bin/python bench/bench_external_bounces.py [--show] [--source DIR]
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from outreach.classify import classify_file  # noqa: E402

NAME, VERSION = "flufl.bounce", "6.0.0"
CACHE = Path.home() / ".cache" / "outreach-bench"
EXTRACTED = f"flufl_bounce-{VERSION}"
TZ = "America/Chicago"
PERSON = {"accepted", "declined", "referral", "later", "question"}


@dataclass
class Expected:
    addresses: set[str]
    temporary: bool


def fetch(cache: Path) -> Path:
    """The extracted sdist under ``cache``, downloaded with pip the first time."""
    folder = cache / EXTRACTED
    if (folder / "tests" / "test_detectors.py").exists():
        return folder
    cache.mkdir(parents=True, exist_ok=True)
    archive = cache / f"{EXTRACTED}.tar.gz"
    if not archive.exists():
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
        subprocess.run([*cmd, "-d", str(cache), f"{NAME}=={VERSION}"], check=True, stdout=sys.stderr)
    with tarfile.open(archive) as tar:
        tar.extractall(cache, filter="data")
    return folder


def expectations(test_file: Path) -> dict[str, Expected]:
    """Per data file, from the DETECTORS list of (detector, file, addresses, is_temporary).

    A file listed for several detectors (groupwise_02: GroupWise finds nobody, Exchange
    finds the address) expects the union of what they find.
    """
    tree = ast.parse(test_file.read_text())
    table = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "DETECTORS" for t in node.targets):
            table = ast.literal_eval(node.value)
    if table is None:
        raise SystemExit(f"no DETECTORS list in {test_file}")
    out: dict[str, Expected] = {}
    for _detector, name, addresses, temporary in table:
        entry = out.setdefault(name, Expected(set(), False))
        entry.addresses |= {a.decode().lower() for a in addresses}
        entry.temporary = entry.temporary or bool(temporary)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="an extracted flufl.bounce sdist (default: download to cache)")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--show", action="store_true", help="list the files behind every miss")
    args = parser.parse_args()
    source = args.source or fetch(args.cache)
    expected = expectations(source / "tests" / "test_detectors.py")
    files = sorted((source / "tests" / "data").glob("*.txt"))

    started = time.perf_counter()
    said = {}
    for path in files:
        result = classify_file(str(path), user_tz=TZ)
        said[path.name] = (str(result.intent), result.confidence, result.bounced_recipient)
    elapsed = time.perf_counter() - started

    permanent = [n for n in said if n in expected and expected[n].addresses and not expected[n].temporary]
    temporary = [n for n in said if n in expected and expected[n].temporary]
    nobody = [n for n in said if n in expected and not expected[n].addresses]
    unlisted = [n for n in said if n not in expected]
    not_bounce = [n for n in permanent if said[n][0] != "bounce"]
    wrong_recipient = [n for n in permanent if (said[n][2] or "").lower() not in expected[n].addresses]
    not_unknown = [n for n in temporary if said[n][0] != "unknown"]
    person = [n for n in said if said[n][0] in PERSON]

    def ratio(misses: list[str], total: list[str]) -> str:
        return f"{len(total) - len(misses)}/{len(total)}"

    print(f"{NAME} {VERSION} test data: {len(files)} files ({source}), {len(files) / elapsed:.0f} msgs/s in process")
    print(f"  permanent failures recognised as bounce   {ratio(not_bounce, permanent)}")
    print(f"  failed recipient right                    {ratio(wrong_recipient, permanent)}")
    print(f"  temporary warnings classified unknown     {ratio(not_unknown, temporary)}")
    print(f"  taken for a person                        {len(person)}/{len(files)}")
    print("  expected to name nobody (intent, confidence, bounced_recipient):")
    for name in nobody:
        print(f"    {name:20} {said[name]}")
    print("  not in flufl's expected lists:")
    for name in unlisted:
        print(f"    {name:20} {said[name]}")
    if args.show:
        for label, names in (
            ("NOT BOUNCE", not_bounce),
            ("WRONG RECIPIENT", wrong_recipient),
            ("NOT UNKNOWN", not_unknown),
            ("PERSON", person),
        ):
            for name in names:
                want = sorted(expected[name].addresses) if name in expected else "?"
                print(f"{label:16} {name:20} said {said[name]} want {want}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
