#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Asserts the Flatpak manifest: GNOME runtime, one module, no network and no home.

Usage: test-flatpak-manifest.py MANIFEST APP_ID
"""

import json
import sys

FINISH_ARGS = ['--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri']

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path, app_id = argv[1:]

    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print('FAIL: %s is not valid JSON: %s' % (path, e))
        return 1

    if not check(isinstance(manifest, dict), 'the manifest is not a JSON object'):
        manifest = {}

    check(manifest.get('id', manifest.get('app-id')) == app_id,
          'the id is %r, not %r' % (manifest.get('id', manifest.get('app-id')), app_id))
    check(manifest.get('runtime') == 'org.gnome.Platform',
          'the runtime is %r, not org.gnome.Platform' % manifest.get('runtime'))
    check(manifest.get('sdk') == 'org.gnome.Sdk',
          'the sdk is %r, not org.gnome.Sdk' % manifest.get('sdk'))
    version = str(manifest.get('runtime-version', ''))
    check(version.isdigit() and int(version) >= 50,
          'the runtime-version %r is not a current stable GNOME' % version)
    check(manifest.get('command') == 'rapport',
          'the command is %r, not rapport' % manifest.get('command'))

    finish_args = manifest.get('finish-args', [])
    check(sorted(finish_args) == sorted(FINISH_ARGS) and len(finish_args) == len(FINISH_ARGS),
          'finish-args are %r, not exactly %r' % (finish_args, FINISH_ARGS))
    for arg in finish_args:
        check(not arg.startswith('--filesystem'), 'finish-args give file access: %s' % arg)
        check(arg != '--share=network', 'finish-args give network access')

    modules = manifest.get('modules', [])
    if check(isinstance(modules, list) and len(modules) == 1,
             'expected exactly one module, found %r' % modules):
        module = modules[0]
        if check(isinstance(module, dict), 'the module is not inline in the manifest'):
            check(module.get('name') == 'rapport', 'the module is not named rapport')
            check(module.get('buildsystem') == 'meson', 'the module does not build with meson')
            check(not module.get('build-options', {}).get('build-args'),
                  'the module has build-args (network access while building?)')
            sources = module.get('sources', [])
            check(len(sources) == 1 and sources[0].get('type') == 'dir'
                  and sources[0].get('path') == '..',
                  'the module source is not the dir ".."')

    cleanup = manifest.get('cleanup', [])
    for entry in ('/include', '/lib/pkgconfig'):
        check(entry in cleanup, 'cleanup does not remove %s' % entry)

    for failure in failures:
        print('FAIL:', failure)
    if not failures:
        print('%s: runtime, finish-args and module are as expected' % path)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
