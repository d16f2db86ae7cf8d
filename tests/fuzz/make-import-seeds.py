#!/usr/bin/env python3
# make-import-seeds.py: derives the import seed corpus from real backups
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: make-import-seeds.py BACKUP.json EMPTY-BACKUP.json OUTPUT-FOLDER
# where the two backups come from build/tests/rapport-sample-exports (the
# export API on the test database and on an empty one). Writes the two as
# they are, a one-client subset, and malformed variants of each kind the
# importer must refuse without changing the database.

import copy
import json
import os
import sys


def dump(obj):
    return json.dumps(obj, ensure_ascii=False, indent=1).encode('utf-8')


def main():
    backup_path, empty_path, out = sys.argv[1:4]
    with open(backup_path, 'rb') as f:
        raw = f.read()
    with open(empty_path, 'rb') as f:
        empty_raw = f.read()
    full = json.loads(raw)
    os.makedirs(out, exist_ok=True)
    seeds = {}

    seeds['backup-sample.json'] = raw
    seeds['backup-empty.json'] = empty_raw

    # One client with one commitment and its deliverable
    small = copy.deepcopy(full)
    client = small['clients'][0]
    commitment = next(c for c in small['commitments'] if c['client'] == client['uuid'])
    deliverables = [d for d in small['deliverables'] if d['commitment'] == commitment['uuid']]
    for table in ('clients', 'commitments', 'deliverables', 'renegotiations', 'feedback',
                  'lessons', 'interactions'):
        small[table] = []
    small['clients'] = [client]
    small['commitments'] = [commitment]
    small['deliverables'] = deliverables
    seeds['backup-one-client.json'] = dump(small)

    seeds['truncated.json'] = raw[:len(raw) // 2]
    seeds['truncated-header.json'] = raw[:40]

    v = copy.deepcopy(small)
    v['clients'][0]['cadence_days'] = '14'
    v['clients'][0]['confidential'] = 'yes'
    seeds['wrong-types.json'] = dump(v)

    v = copy.deepcopy(small)
    v['commitments'] = {'0': v['commitments'][0]}
    seeds['table-not-array.json'] = dump(v)

    v = copy.deepcopy(small)
    v['clients'].append(copy.deepcopy(v['clients'][0]))
    v['clients'][1]['name'] = 'Second with the same UUID'
    seeds['duplicate-uuid.json'] = dump(v)

    v = copy.deepcopy(small)
    v['commitments'][0]['due'] = '2026-02-30'
    v['clients'][0]['created'] = '2026-13-01T25:61:00Z'
    seeds['bad-dates.json'] = dump(v)

    v = copy.deepcopy(small)
    v['commitments'][0]['client'] = '00000000-0000-4000-8000-000000000000'
    seeds['dangling-reference.json'] = dump(v)

    v = copy.deepcopy(small)
    v['clients'][0]['cadence_days'] = 9223372036854775808
    v['commitments'][0]['status'] = 'not-a-status'
    seeds['out-of-range.json'] = dump(v)

    v = copy.deepcopy(small)
    v['clients'][0]['name'] = None
    del v['commitments'][0]['uuid']
    seeds['missing-required.json'] = dump(v)

    v = copy.deepcopy(small)
    v['format_version'] = 2
    seeds['newer-version.json'] = dump(v)

    v = copy.deepcopy(small)
    v['format'] = 'rapport-summary'
    seeds['wrong-format.json'] = dump(v)

    # A stray byte that is not UTF-8 inside a string
    seeds['invalid-utf8.json'] = dump(small).replace(b'Acme Ltd', b'Acme \xff\xfe Ltd', 1)

    # Nesting far deeper than any backup
    depth = 5000
    v = copy.deepcopy(small)
    v['clients'][0]['notes'] = '@DEEP@'
    seeds['deep-nesting.json'] = dump(v).replace(b'"@DEEP@"', b'[' * depth + b']' * depth)

    seeds['not-an-object.json'] = b'[1, 2, 3]\n'
    seeds['nul-byte.json'] = dump(small).replace(b'"Acme Ltd"', b'"Acme\x00Ltd"', 1)

    for name, data in seeds.items():
        with open(os.path.join(out, name), 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()
