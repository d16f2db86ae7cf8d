#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Asserts that po/ is complete and consistent.

- every file under src/ and data/ with translatable strings is in
  po/POTFILES.in, which is sorted and lists only files that exist and have
  strings;
- xgettext extracts from every listed file (as the 'glib' preset does);
- po/LINGUAS and po/*.po agree, and every .po passes msgfmt --check.

Usage: test-potfiles.py SOURCE_ROOT
"""

import os
import re
import subprocess
import sys
import tempfile

SCAN_DIRS = ('src', 'data')

C_STRINGS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|ngettext|g_dngettext)\s*\(')
BUILDER_STRINGS = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
DESKTOP_STRINGS = re.compile(r'^(?:Name|GenericName|Comment|Keywords)\s*=', re.MULTILINE)
METAINFO_STRINGS = re.compile(r'<(?:name|summary|p|li|caption|keyword)(?:\s[^>]*)?>')
SCHEMA_STRINGS = re.compile(r'<(?:summary|description)>')

# Keywords of meson's i18n 'glib' preset
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
]

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def pattern_for(path):
    """The pattern that finds translatable strings in PATH, or None."""
    name = os.path.basename(path)
    if name.endswith(('.c', '.h')):
        return C_STRINGS
    if name.endswith(('.ui', '.ui.in')):
        return BUILDER_STRINGS
    if name.endswith(('.desktop', '.desktop.in')):
        return DESKTOP_STRINGS
    if name.endswith(('.metainfo.xml', '.metainfo.xml.in',
                      '.appdata.xml', '.appdata.xml.in')):
        return METAINFO_STRINGS
    if name.endswith(('.gschema.xml', '.gschema.xml.in')):
        return SCHEMA_STRINGS
    return None


def read_text(path):
    try:
        with open(path, encoding='utf-8') as f:
            return f.read()
    except UnicodeDecodeError:
        return ''


def files_with_strings(root):
    found = set()
    for top in SCAN_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for filename in filenames:
                path = os.path.join(dirpath, filename)
                pattern = pattern_for(path)
                if pattern is not None and pattern.search(read_text(path)):
                    found.add(os.path.relpath(path, root))
    return found


def read_potfiles(root):
    listed = []
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            if line.startswith('['):
                line = line.split(']', 1)[1].strip()
            listed.append(line)
    return listed


def check_potfiles(root):
    listed = read_potfiles(root)
    check(listed == sorted(listed), 'po/POTFILES.in is not sorted')
    check(len(listed) == len(set(listed)), 'po/POTFILES.in lists a file twice')
    for path in listed:
        check(os.path.isfile(os.path.join(root, path)),
              'po/POTFILES.in lists %s, which does not exist' % path)
    for path in sorted(files_with_strings(root) - set(listed)):
        failures.append('%s has translatable strings but is not in po/POTFILES.in' % path)
    return listed


def check_xgettext(root, listed):
    existing = [p for p in listed if os.path.isfile(os.path.join(root, p))]
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'rapport.pot')
        files_from = os.path.join(tmp, 'POTFILES')
        with open(files_from, 'w', encoding='utf-8') as f:
            f.write('\n'.join(existing) + '\n')
        result = subprocess.run(['xgettext'] + XGETTEXT_ARGS
                                + ['--files-from=' + files_from, '--output=' + pot],
                                cwd=root, capture_output=True, text=True)
        if not check(result.returncode == 0,
                     'xgettext failed on po/POTFILES.in:\n' + result.stderr):
            return
        check(result.stderr.strip() == '', 'xgettext warned:\n' + result.stderr)
        with open(pot, encoding='utf-8') as f:
            references = set(re.findall(r'^#: (.*)$', f.read(), re.MULTILINE))
    sources = set()
    for line in references:
        for ref in line.split():
            sources.add(ref.rsplit(':', 1)[0])
    for path in existing:
        check(path in sources,
              'xgettext found no string in %s, which po/POTFILES.in lists' % path)


def check_catalogs(root):
    podir = os.path.join(root, 'po')
    with open(os.path.join(podir, 'LINGUAS'), encoding='utf-8') as f:
        linguas = [w for line in f if not line.lstrip().startswith('#') for w in line.split()]
    check(linguas == sorted(linguas), 'po/LINGUAS is not sorted')
    catalogs = sorted(f[:-3] for f in os.listdir(podir) if f.endswith('.po'))
    for lang in sorted(set(linguas) - set(catalogs)):
        failures.append('po/LINGUAS lists %s but po/%s.po does not exist' % (lang, lang))
    for lang in sorted(set(catalogs) - set(linguas)):
        failures.append('po/%s.po exists but po/LINGUAS does not list %s' % (lang, lang))
    for lang in catalogs:
        path = os.path.join(podir, lang + '.po')
        check('charset=UTF-8' in read_text(path), 'po/%s.po is not UTF-8' % lang)
        result = subprocess.run(['msgfmt', '--check', '--output-file=' + os.devnull, path],
                                capture_output=True, text=True)
        check(result.returncode == 0,
              'msgfmt --check fails on po/%s.po:\n%s' % (lang, result.stderr))


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root = argv[1]
    listed = check_potfiles(root)
    check_xgettext(root, listed)
    check_catalogs(root)

    for failure in failures:
        print('FAIL:', failure)
    if not failures:
        print('po/ is complete and consistent')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
