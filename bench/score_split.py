"""Score one corpus's tuning or held-out files with the shared scorer, plus two automatic-mail figures.

    .venv/bin/python bench/score_split.py automatic-mixed --part tuning [--show]
    .venv/bin/python bench/score_split.py automatic --part held_out

The scorer (/work/shared/replies/score.py) runs on a temporary folder that links the
chosen files and their labels. Beside its output this prints:

* taken for a person: messages labelled bounce, auto_reply or unknown in the automatic
  corpora (and every message of `automatic/`) that came out as a person's answer
  (accepted, declined, referral, later, question);
* failed recipient right: bounces whose ``bounced_recipient`` matches, of those labelled.

``--show`` lists misses; on held-out files it prints only file names and fields, never text.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus_split import ROOT, split
from corpus_split import folder as corpus_folder

SCORER = Path("/work/shared/replies/score.py")
TZ = {
    "human-en": "Europe/London",
    "human-intl": "America/Toronto",
    "automatic-mixed": "America/Chicago",
    "automatic": "America/Chicago",
    "fresh-en": "America/Denver",
    "fresh-intl": "Europe/Brussels",
    "fresh-auto": "America/Toronto",
    "fresh-en2": "Europe/London",
    "fresh-en3": "Australia/Sydney",
    "fresh-intl2": "Europe/Madrid",
    "fresh-auto2": "Europe/Berlin",
    "fresh-en4": "America/Chicago",
    "fresh-intl3": "Europe/Paris",
    "fresh-en5": "America/New_York",
    "fresh-intl4": "Europe/Amsterdam",
    "fresh-auto3": "America/Chicago",
    "fresh-en6": "America/Los_Angeles",
    "fresh-intl5": "Europe/Berlin",
    "fresh-en7": "America/Toronto",
    "fresh-intl6": "Europe/Vienna",
    "fresh-en8": "Asia/Singapore",
    "fresh-intl7": "America/Santiago",
    "fresh-en9": "Europe/Dublin",
    "fresh-intl8": "Europe/Madrid",
    "fresh-en10": "America/Chicago",
    "fresh-intl9": "Europe/Rome",
    "fresh-intl10": "Europe/Lisbon",
    "fresh-en13": "America/Vancouver",
    "fresh-en11": "America/Phoenix",
    "fresh-en12": "Africa/Johannesburg",
    "fresh-intl11": "America/Mexico_City",
    "fresh-en14": "Pacific/Auckland",
    "fresh-intl13": "America/Sao_Paulo",
    "fresh-intl12": "Europe/Zurich",
    "fresh-auto4": "America/Denver",
    "fresh-en15": "Asia/Kolkata",
    "fresh-en17": "Europe/London",
    "fresh-en16": "America/New_York",
    "fresh-intl15": "Europe/Berlin",
    "fresh-intl14": "Europe/Paris",
    "fresh-auto5": "Australia/Sydney",
    "fresh-en18": "America/Edmonton",
    "fresh-en19": "America/New_York",
    "fresh-en20": "Asia/Dubai",
    "fresh-intl16": "Europe/Rome",
    "fresh-intl17": "Europe/Amsterdam",
    "fresh-auto6": "Europe/Madrid",
    "fresh-intl19": "America/Toronto",
    "fresh-intl18": "America/Argentina/Buenos_Aires",
    "fresh-en21": "America/Los_Angeles",
    "fresh-en22": "Europe/London",
    "fresh-intl20": "Europe/Vienna",
    "fresh-auto7": "America/Los_Angeles",
    "fresh-intl22": "Europe/Berlin",
    "fresh-en23": "Asia/Singapore",
    "fresh-intl21": "Europe/Lisbon",
    "fresh-en24": "America/Chicago",
    "fresh-en25": "America/Halifax",
    "fresh-en26": "America/New_York",
    "fresh-intl23": "America/Sao_Paulo",
    "fresh-intl24": "Europe/Brussels",
    "fresh-en27": "Pacific/Honolulu",
    "fresh-intl25": "Europe/Paris",
    "fresh-en28": "Africa/Johannesburg",
    "fresh-en30": "America/Halifax",
    "fresh-intl28": "America/Bogota",
    "fresh-intl27": "Europe/Amsterdam",
    "fresh-en29": "America/Los_Angeles",
    "fresh-en31": "America/Chicago",
    "fresh-en32": "Australia/Perth",
    "fresh-intl30": "Africa/Dakar",
    "fresh-intl29": "Europe/Vienna",
    "fresh-auto8": "Europe/Stockholm",
    "fresh-en33": "Asia/Manila",
    "fresh-en34": "Europe/London",
    "fresh-intl32": "Europe/Copenhagen",
    "fresh-intl31": "America/Lima",
    "fresh-intl26": "Europe/Rome",
    "fresh-en36": "Africa/Johannesburg",
    "fresh-intl33": "Europe/Madrid",
    "fresh-en35": "America/Phoenix",
    "fresh-auto9": "Asia/Kolkata",
    "fresh-en37": "America/Toronto",
    "fresh-intl34": "America/Sao_Paulo",
    "fresh-auto10": "America/Mexico_City",
    "fresh-en38": "America/Denver",
    "fresh-intl35": "Europe/Brussels",
    "fresh-auto11": "Asia/Tokyo",
    "fresh-intl36": "America/Santiago",
    "fresh-en39": "America/Chicago",
    "fresh-en40": "Asia/Singapore",
    "fresh-en41": "Europe/London",
    "fresh-intl37": "Europe/Berlin",
    "fresh-en42": "America/Los_Angeles",
    "fresh-intl38": "Europe/Paris",
    "fresh-en45": "Australia/Melbourne",
    "fresh-en44": "Europe/London",
    "fresh-en43": "America/New_York",
    "fresh-intl39": "Europe/Zurich",
    "fresh-intl40": "Europe/Lisbon",
    "fresh-auto12": "Europe/Berlin",
    "fresh-en46": "America/Chicago",
    "fresh-en47": "Asia/Singapore",
    "fresh-en48": "America/Denver",
    "fresh-intl41": "Europe/Madrid",
    "fresh-intl42": "Europe/Brussels",
    "fresh-auto13": "America/Sao_Paulo",
    "fresh-intl44": "Europe/Rome",
    "fresh-en50": "Africa/Johannesburg",
    "fresh-intl43": "Europe/Amsterdam",
    "fresh-en49": "America/Toronto",
    "fresh-auto14": "Europe/Paris",
    "fresh-en51": "America/Los_Angeles",
    "fresh-en52": "Europe/Dublin",
    "fresh-intl45": "Europe/Vienna",
    "fresh-intl46": "America/Argentina/Buenos_Aires",
    "fresh-auto15": "Asia/Kolkata",
    "fresh-en53": "America/New_York",
    "fresh-en54": "Pacific/Auckland",
    "fresh-intl47": "Europe/Paris",
    "fresh-intl48": "Europe/Lisbon",
    "fresh-en55": "Asia/Tokyo",
    "fresh-en56": "America/St_Johns",
    "fresh-intl50": "Europe/Luxembourg",
    "fresh-intl49": "Atlantic/Canary",
    "fresh-en58": "Asia/Dubai",
    "fresh-en57": "America/Anchorage",
    "fresh-intl51": "Africa/Casablanca",
    "fresh-intl52": "Europe/Warsaw",
    "fresh-intl53": "America/Bogota",
    "fresh-en60": "Africa/Lagos",
    "fresh-en59": "Australia/Adelaide",
    "fresh-intl54": "America/Toronto",
    "fresh-auto16": "Europe/Stockholm",
    "fresh-intl55": "Europe/Athens",
    "fresh-en61": "Asia/Seoul",
    "fresh-intl56": "America/Santiago",
    "fresh-en63": "Asia/Jakarta",
    "fresh-intl57": "Europe/Paris",
    "fresh-en62": "Europe/London",
    "fresh-intl58": "America/Mexico_City",
    "fresh-en64": "America/Los_Angeles",
    "fresh-intl59": "Europe/Berlin",
    "fresh-intl60": "Europe/Madrid",
    "fresh-en65": "America/Chicago",
    "fresh-auto17": "Australia/Melbourne",
    "fresh-en66": "Europe/Dublin",
    "fresh-auto18": "America/Denver",
    "fresh-intl61": "Europe/Brussels",
    "fresh-en67": "Asia/Singapore",
    "fresh-intl62": "Europe/Lisbon",
    "fresh-auto19": "Africa/Johannesburg",
    "fresh-auto20": "America/Vancouver",
    "fresh-en68": "America/Phoenix",
    "fresh-auto21": "America/Mexico_City",
    "fresh-auto22": "Europe/Berlin",
    "fresh-intl63": "Europe/Zurich",
    "fresh-auto24": "Europe/London",
    "fresh-en69": "Africa/Johannesburg",
    "fresh-intl64": "Europe/Rome",
    "fresh-auto23": "Asia/Tokyo",
    "fresh-en70": "America/Los_Angeles",
    "fresh-auto25": "America/Sao_Paulo",
    "fresh-auto26": "America/Chicago",
    "fresh-intl65": "Europe/Madrid",
    "fresh-intl66": "Europe/Amsterdam",
    "fresh-auto27": "Pacific/Auckland",
    "fresh-auto28": "Europe/Paris",
    "fresh-en71": "Asia/Kolkata",
    "fresh-intl67": "Europe/Paris",
    "fresh-en72": "Africa/Nairobi",
    "fresh-auto30": "America/Toronto",
    "fresh-auto29": "Europe/Istanbul",
}
PERSON = {"accepted", "declined", "referral", "later", "question"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", choices=sorted(TZ))
    parser.add_argument("--part", choices=("tuning", "held_out"), default="tuning")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    tuning, held = split(args.corpus)
    files = tuning if args.part == "tuning" else held
    labels = json.loads((corpus_folder(args.corpus) / "labels.json").read_text())
    cmd = f"{ROOT / '.venv/bin/outreach'} classify --json --tz {TZ[args.corpus]}"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for f in files:
            (folder / f.name).symlink_to(f)
        (folder / "labels.json").write_text(json.dumps({f.name: labels[f.name] for f in files}))
        score = [sys.executable, str(SCORER), str(folder), "--cmd", cmd] + (["--show"] if args.show else [])
        print(subprocess.run(score, capture_output=True, text=True, check=False).stdout, end="")
        proc = subprocess.run(shlex.split(cmd) + [str(folder / f.name) for f in files], capture_output=True, text=True)
    outs = {Path(o["file"]).name: o for o in map(json.loads, proc.stdout.splitlines())}
    automatic = {"bounce", "auto_reply", "unknown"} | ({"unsubscribe"} if args.corpus == "automatic" else set())
    taken = [n for n, o in outs.items() if labels[n]["intent"] in automatic and o["intent"] in PERSON]
    bounces = [n for n in outs if "bounced_recipient" in labels[n] and labels[n]["intent"] == "bounce"]
    right = [n for n in bounces if (outs[n]["bounced_recipient"] or "") == labels[n]["bounced_recipient"].lower()]
    print(f"{args.corpus} {args.part}: taken for a person {len(taken)}/{len(outs)}; "
          f"failed recipient right {len(right)}/{len(bounces)}")
    if args.show:
        for name in taken:
            print("PERSON", name, labels[name]["intent"], "->", outs[name]["intent"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
