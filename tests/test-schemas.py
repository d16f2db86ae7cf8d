#!/usr/bin/env python3
# test-schemas.py: real exports validate against data/*.schema.json, and
# broken ones do not
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-schemas.py SAMPLE-EXPORTS-PROGRAM DATA-FOLDER
# Needs python3-jsonschema (Debian package).

import copy
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    sys.exit("test-schemas.py needs python3-jsonschema: apt-get install python3-jsonschema")

failures = 0


def check(name, ok):
    global failures
    print(("ok" if ok else "not ok") + " - " + name)
    if not ok:
        failures += 1


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def errors(validator, document):
    return [e.message for e in validator.iter_errors(document)]


def main():
    program, data = sys.argv[1], sys.argv[2]
    backup_schema = load(os.path.join(data, "rapport-backup.schema.json"))
    summary_schema = load(os.path.join(data, "rapport-summary.schema.json"))

    for schema in (backup_schema, summary_schema):
        jsonschema.Draft202012Validator.check_schema(schema)
    check("schemas are valid draft 2020-12 schemas", True)

    backup_validator = jsonschema.Draft202012Validator(backup_schema)
    summary_validator = jsonschema.Draft202012Validator(summary_schema)

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([program, folder], check=True, stdout=subprocess.DEVNULL,
                       env=dict(os.environ, G_MESSAGES_DEBUG=""))

        for name in ("backup.json", "backup-empty.json"):
            found = errors(backup_validator, load(os.path.join(folder, name)))
            check(name + " matches the backup schema " + "; ".join(found), not found)

        for name in ("summary.json", "summary-confidential.json", "summary-empty.json"):
            found = errors(summary_validator, load(os.path.join(folder, name)))
            check(name + " matches the summary schema " + "; ".join(found), not found)

        backup = load(os.path.join(folder, "backup.json"))
        summary = load(os.path.join(folder, "summary.json"))

    check("the sample backup has rows in every table",
          all(backup[t] for t in ("clients", "commitments", "deliverables", "renegotiations",
                                  "feedback", "lessons", "interactions")))

    # The schemas must refuse what import refuses
    def broken_backup(change):
        document = copy.deepcopy(backup)
        change(document)
        return errors(backup_validator, document)

    check("a missing member is refused",
          broken_backup(lambda d: d["clients"][0].pop("name")))
    check("an unknown member is refused",
          broken_backup(lambda d: d["clients"][0].update(colour="blue")))
    check("an unknown nick is refused",
          broken_backup(lambda d: d["commitments"][0].update(status="finished")))
    check("a date that is not YYYY-MM-DD is refused",
          broken_backup(lambda d: d["commitments"][0].update(due="15/06/2026")))
    check("a moment that is not UTC is refused",
          broken_backup(lambda d: d["interactions"][0].update(
              occurred_at="2026-06-14T10:00:00+02:00")))
    check("an id instead of a UUID is refused",
          broken_backup(lambda d: d["commitments"][0].update(client=1)))
    check("agreeing without being told is refused",
          broken_backup(lambda d: d["renegotiations"][0].update(client_told=False,
                                                                client_agreed=True)))
    check("another format version is refused",
          broken_backup(lambda d: d.update(format_version=3)))

    def broken_summary(change):
        document = copy.deepcopy(summary)
        change(document)
        return errors(summary_validator, document)

    redacted = next(i for i, c in enumerate(summary["clients"]) if c["redacted"])
    check("a redacted client with an e-mail address is refused",
          broken_summary(lambda d: d["clients"][redacted].update(email="x@example.com")))
    check("a redacted client with a real name is refused",
          broken_summary(lambda d: d["clients"][redacted].update(name="Umbrella Corp")))
    check("a percent over 100 is refused",
          broken_summary(lambda d: d["overall"]["reliability"].update(percent=101)))

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
