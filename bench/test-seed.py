#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Asserts that bench/rapport-seed writes data a freelancer could have.

- the same seed gives the same database;
- the app takes every row of it, as a backup merged into an empty database;
- nothing is made, changed, delivered, answered, reviewed or deleted after
  the moment the test runs, and nothing is deleted before it was made;
- a commitment is delivered exactly when it has a moment of delivery;
- a commitment's renegotiations follow one another, each from the date the
  one before moved it to, to another, and the last ends on the commitment's
  due date;
- rows trashed with their client or commitment share its deletion moment,
  so that restoring the client or the commitment restores them too.

Usage: test-seed.py RAPPORT_SEED RAPPORT
"""

import os
import sqlite3
import subprocess
import sys
import tempfile
import time

ROWS = 20000

# Every moment of each table (seconds since 1970)
MOMENTS = {
    'clients': ['created', 'updated', 'deleted_at'],
    'commitments': ['created', 'updated', 'deleted_at', 'delivered_at'],
    'deliverables': ['created', 'updated', 'deleted_at', 'delivered_at'],
    'renegotiations': ['created', 'updated', 'deleted_at', 'renegotiated_at'],
    'feedback': ['created', 'updated', 'deleted_at', 'received_at', 'acknowledged_at',
                 'resolved_at'],
    'lessons': ['created', 'updated', 'deleted_at', 'apologized_at', 'reviewed_at'],
    'interactions': ['created', 'updated', 'deleted_at', 'occurred_at'],
}

# (child table, its parent table, the column that names the parent)
TRASHED_TOGETHER = [
    ('commitments', 'clients', 'client_id'),
    ('deliverables', 'commitments', 'commitment_id'),
    ('renegotiations', 'commitments', 'commitment_id'),
    ('interactions', 'clients', 'client_id'),
]

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def seed(program, path):
    subprocess.run([program, '--database', path, '--rows', str(ROWS), '--seed', '7'],
                   check=True, stdout=subprocess.DEVNULL)


def dump(path):
    with sqlite3.connect(path) as db:
        return [row for table in MOMENTS
                for row in db.execute(f'SELECT * FROM {table} ORDER BY id')]


def check_app_takes_it(app, path, tmp):
    backup = os.path.join(tmp, 'backup.json')
    subprocess.run([app, '--database', path, '--export-backup', backup], check=True,
                   stdout=subprocess.DEVNULL)
    result = subprocess.run([app, '--database', os.path.join(tmp, 'copy.db'),
                             '--import-backup', backup], capture_output=True, text=True)
    check(result.returncode == 0, f'the app refused the seeded data: {result.stderr.strip()}')


def count(db, sql):
    return db.execute(sql).fetchone()[0]


def main():
    program, app = sys.argv[1], sys.argv[2]
    now = int(time.time())

    with tempfile.TemporaryDirectory() as tmp:
        first, second = os.path.join(tmp, 'first.db'), os.path.join(tmp, 'second.db')
        seed(program, first)
        seed(program, second)
        check(dump(first) == dump(second), 'the same seed gave two different databases')
        check_app_takes_it(app, first, tmp)

        with sqlite3.connect(first) as db:
            for table, columns in MOMENTS.items():
                check(count(db, f'SELECT count(*) FROM {table}') > 0, f'{table}: no rows')
                for column in columns:
                    n = count(db, f'SELECT count(*) FROM {table} WHERE {column} > {now}')
                    check(n == 0, f'{table}: {n} rows with {column} in the future')
                n = count(db, f'SELECT count(*) FROM {table} WHERE deleted_at < created')
                check(n == 0, f'{table}: {n} rows deleted before they were made')
                n = count(db, f'SELECT count(*) FROM {table} WHERE updated < created')
                check(n == 0, f'{table}: {n} rows changed before they were made')
                check(count(db, f'SELECT count(*) FROM {table} WHERE deleted_at IS NOT NULL') > 0,
                      f'{table}: nothing in the trash')

            n = count(db, "SELECT count(*) FROM commitments "
                          "WHERE (status = 'delivered') != (delivered_at IS NOT NULL)")
            check(n == 0, f'commitments: {n} delivered without a moment, or the other way round')

            # As the app would take them
            n = count(db, 'SELECT count(*) FROM renegotiations WHERE old_due = new_due')
            check(n == 0, f'renegotiations: {n} moves to the same date')
            # Each move starts where the one before ended; the last, at the due date
            n = count(db, 'SELECT count(*) FROM renegotiations r JOIN renegotiations later '
                          'ON later.commitment_id = r.commitment_id '
                          'AND (later.renegotiated_at, later.id) > (r.renegotiated_at, r.id) '
                          'WHERE NOT EXISTS (SELECT 1 FROM renegotiations between_ '
                          ' WHERE between_.commitment_id = r.commitment_id '
                          ' AND (between_.renegotiated_at, between_.id) > '
                          '     (r.renegotiated_at, r.id) '
                          ' AND (between_.renegotiated_at, between_.id) < '
                          '     (later.renegotiated_at, later.id)) '
                          'AND later.old_due != r.new_due')
            check(n == 0, f'renegotiations: {n} moves not from the date the one before set')
            n = count(db, 'SELECT count(*) FROM commitments c JOIN renegotiations r '
                          'ON r.commitment_id = c.id WHERE NOT EXISTS '
                          '(SELECT 1 FROM renegotiations later WHERE later.commitment_id = c.id '
                          ' AND (later.renegotiated_at, later.id) > (r.renegotiated_at, r.id)) '
                          'AND r.new_due != c.due')
            check(n == 0, f'commitments: {n} due dates not where their last move set them')
            check(count(db, 'SELECT count(*) FROM commitments c WHERE '
                            '(SELECT count(*) FROM renegotiations r '
                            ' WHERE r.commitment_id = c.id) > 1') > 0,
                  'no commitment moved more than once')

            for child, parent, column in TRASHED_TOGETHER:
                n = count(db, f'SELECT count(*) FROM {child} c JOIN {parent} p '
                              f'ON p.id = c.{column} WHERE p.deleted_at IS NOT NULL '
                              f'AND c.deleted_at IS NOT p.deleted_at')
                check(n == 0, f'{child}: {n} rows not trashed with their {parent[:-1]}')

    for failure in failures:
        print('FAIL:', failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
