#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Asserts the keys of the compiled GSettings schema that the app relies on:
type, default, range or choices, and a summary for each.

Usage: test-gschema.py COMPILED_SCHEMA_DIR SCHEMA_ID
"""

import os
import subprocess
import sys

# key: (range as `gsettings range` prints it, default as `gsettings get` prints it)
KEYS = {
    'window-width': ('type i', '960'),
    'window-height': ('type i', '680'),
    'window-maximized': ('type b', 'false'),
    'last-view': ('type s', "'overview'"),
    'warning-days': ('range u 0 30', 'uint32 2'),
    'reminders': ('type b', 'true'),
    'feedback-threshold-days': ('range u 1 60', 'uint32 3'),
    'lesson-review-days': ('type u', 'uint32 7'),
    'reliability-period': ("enum\n'last-30'\n'last-90'\n'last-365'\n'all'", "'last-90'"),
    'discreet-mode': ('type b', 'false'),
    'summary-include-confidential': ('type b', 'false'),
}

failures = []


def gsettings(env, *args):
    result = subprocess.run(('gsettings',) + args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        failures.append('gsettings %s failed: %s' % (' '.join(args), result.stderr.strip()))
        return None
    return result.stdout.strip()


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    schema_dir, schema = argv[1:]
    env = dict(os.environ, GSETTINGS_SCHEMA_DIR=schema_dir, GSETTINGS_BACKEND='memory',
               LC_ALL='C.UTF-8', LANGUAGE='')

    keys = gsettings(env, 'list-keys', schema)
    if keys is not None:
        found = set(keys.split())
        for key in sorted(set(KEYS) - found):
            failures.append('the schema has no key %s' % key)
        for key in sorted(found - set(KEYS)):
            failures.append('the key %s is not known to this test: add it here' % key)

    for key, (expected_range, expected_default) in KEYS.items():
        if keys is not None and key not in keys.split():
            continue
        value_range = gsettings(env, 'range', schema, key)
        if value_range is not None and value_range != expected_range:
            failures.append('%s: range is %r, not %r' % (key, value_range, expected_range))
        default = gsettings(env, 'get', schema, key)
        if default is not None and default != expected_default:
            failures.append('%s: default is %s, not %s' % (key, default, expected_default))
        summary = gsettings(env, 'describe', schema, key)
        if summary is not None and summary == '':
            failures.append('%s has no summary or description' % key)

    for failure in failures:
        print('FAIL:', failure)
    if not failures:
        print('the %d keys of %s are as the app expects' % (len(KEYS), schema))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
