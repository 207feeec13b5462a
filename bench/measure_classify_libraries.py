"""Measure the library candidates for reply understanding against our own code, on *tuning* files only.

Candidates: dateparser (multilingual dates), mail-parser-reply and quotequail (quote stripping).
None of them is a dependency of outreach; run this with an interpreter that has them:

    python -m venv /tmp/libs && /tmp/libs/bin/pip install dateparser==1.5.0 mail-parser-reply==1.36 \
        quotequail==0.5.4 -e .
    /tmp/libs/bin/python bench/measure_classify_libraries.py

Figures:
- quote stripping on human-en and human-intl (the user's own quoted original always carries the user's
  name): *leaks* = the new text still holds the user's full name or a ``>`` line; *lost* = the new
  text is empty although the label says the contact wrote something (any intent but unknown);
- dates: on single-time acceptances (``meeting.start`` labelled), whether the labelled instant is
  among the datetimes found in the contact's new text (our split), and how many extra datetimes come
  with it; the time per message;
- import cost of each library in a fresh interpreter.
The result and the decision are in bench/classify_libraries.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus_split import CORPORA_DIR, split  # noqa: E402

from outreach.classify.mime import body_texts, read_mail  # noqa: E402
from outreach.classify.quotes import split_reply  # noqa: E402
from outreach.classify.times import find_times  # noqa: E402
from outreach.classify.zones import zone  # noqa: E402

USERS = {"human-en": ("Priya Nair", "Europe/London"), "human-intl": ("Lucas Moreau", "America/Toronto")}
LANGS = ["en", "de", "fr", "es", "pt", "it", "nl"]


def _ours(text: str) -> str:
    return split_reply(text).body


def _mail_parser_reply(text: str) -> str:
    from mailparser_reply import EmailReplyParser

    return str(EmailReplyParser(languages=LANGS).parse_reply(text=text) or "")


def _quotequail(text: str) -> str:
    import quotequail

    parts = quotequail.quote(text)
    return "\n".join(part for shown, part in parts if shown)


def quotes() -> None:
    print("quote stripping (tuning files): leaks / lost / ms per message")
    for name, strip in (("ours", _ours), ("mail-parser-reply", _mail_parser_reply), ("quotequail", _quotequail)):
        for corpus, (user, _) in USERS.items():
            labels = json.loads((CORPORA_DIR / corpus / "labels.json").read_text())
            files = split(corpus)[0]
            leaks = lost = 0
            elapsed = 0.0
            for path in files:
                plain, html = body_texts(read_mail(path.read_bytes()))
                started = time.perf_counter()
                try:
                    new = strip(plain or html)
                except Exception as exc:  # a library failing on a message counts as losing it
                    new = ""
                    print(f"  {name} failed on {path.name}: {type(exc).__name__}")
                elapsed += time.perf_counter() - started
                if user in new or any(line.lstrip().startswith(">") for line in new.splitlines()):
                    leaks += 1
                if not new.strip() and labels[path.name]["intent"] != "unknown":
                    lost += 1
            print(
                f"  {name:18s} {corpus:11s} leaks {leaks:3d}  lost {lost:3d}  of {len(files)}"
                f"  {elapsed / len(files) * 1000:.2f} ms"
            )


def _dateparser_times(text: str, ref: datetime, tz: str) -> list[datetime]:
    from dateparser.search import search_dates

    settings = {
        "RELATIVE_BASE": ref.replace(tzinfo=None),
        "PREFER_DATES_FROM": "future",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": ref.strftime("%z"),
        "DATE_ORDER": "DMY",
    }
    found = search_dates(text, languages=LANGS, settings=settings) or []  # type: ignore[arg-type]
    return [value for _, value in found if value.hour or value.minute]


def dates() -> None:
    print("\none fixed time (tuning files): labelled instant found / extra datetimes / ms per message")
    for corpus, (_, user_tz) in USERS.items():
        labels = json.loads((CORPORA_DIR / corpus / "labels.json").read_text())
        files = [p for p in split(corpus)[0] if labels[p.name].get("meeting.start")]
        for name in ("ours", "dateparser"):
            hits = extra = 0
            elapsed = 0.0
            for path in files:
                mail = read_mail(path.read_bytes())
                plain, html = body_texts(mail)
                body = split_reply(plain or html).body
                ref = mail.date
                if ref is None:
                    continue
                want = datetime.fromisoformat(labels[path.name]["meeting.start"]).timestamp()
                started = time.perf_counter()
                if name == "ours":
                    got = find_times(body, ref, zone(user_tz)).times
                else:
                    got = _dateparser_times(body, ref, user_tz)
                elapsed += time.perf_counter() - started
                stamps = [g.timestamp() for g in got]
                hits += want in stamps
                extra += len([s for s in stamps if s != want])
            print(
                f"  {name:11s} {corpus:11s} found {hits:3d}/{len(files):<3d} extra {extra:3d}"
                f"  {elapsed / max(1, len(files)) * 1000:.1f} ms"
            )


def import_costs() -> None:
    print("\nimport cost (fresh interpreter, best of 5, ms)")
    for module in ("dateparser", "dateparser.search", "mailparser_reply", "quotequail", "outreach.classify"):
        best = float("inf")
        for _ in range(5):
            code = f"import time; t=time.perf_counter(); import {module}; print(time.perf_counter()-t)"
            proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT)
            if proc.returncode != 0:
                best = float("nan")
                break
            best = min(best, float(proc.stdout))
        print(f"  {module:20s} {best * 1000:6.1f}")
    code = (
        "import time; from datetime import datetime; t=time.perf_counter(); from dateparser.search import "
        "search_dates; search_dates('jeudi 18 mars à 14 h', languages=['fr']); print(time.perf_counter()-t)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    print(f"  {'dateparser first search (import + first call)':20s} {float(proc.stdout) * 1000:6.1f}")


if __name__ == "__main__":
    quotes()
    dates()
    import_costs()
