#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Asserts the application icons: sizes, a truly symbolic symbolic icon,
and both in the program's resources for uninstalled runs.

Usage: test-icons.py DATA_DIR APP_ID PROGRAM RESOURCE_PATH
"""

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
# Shapes GTK recolours in a symbolic icon (it sets their fill)
SHAPES = ('path', 'rect', 'circle', 'ellipse', 'polygon', 'polyline', 'line')

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def parse(path):
    try:
        return ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        failures.append('%s cannot be read as SVG: %s' % (path, e))
        return None


def check_size(root, path, size):
    check(root.tag == SVG + 'svg', '%s is not an SVG document' % path)
    for attr in ('width', 'height'):
        check(re.sub(r'px$', '', root.get(attr, '')) == str(size),
              '%s: %s is %r, not %d' % (path, attr, root.get(attr), size))
    check(root.get('viewBox', '').split() == ['0', '0', str(size), str(size)],
          '%s: viewBox is %r, not "0 0 %d %d"' % (path, root.get('viewBox'), size, size))


def main(argv):
    if len(argv) != 5:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    data_dir, app_id, program, resource_path = argv[1:]

    icon = os.path.join(data_dir, 'icons', 'hicolor', 'scalable', 'apps', app_id + '.svg')
    symbolic = os.path.join(data_dir, 'icons', 'hicolor', 'symbolic', 'apps',
                            app_id + '-symbolic.svg')

    root = parse(icon)
    if root is not None:
        check_size(root, icon, 128)
        check(not list(root.iter(SVG + 'text')), '%s contains text' % icon)
        check(not list(root.iter(SVG + 'image')), '%s embeds a bitmap' % icon)

    root = parse(symbolic)
    if root is not None:
        check_size(root, symbolic, 16)
        shapes = [e for e in root.iter() if e.tag[len(SVG):] in SHAPES]
        check(len(shapes) > 0, '%s draws nothing' % symbolic)
        colours = set()
        for shape in shapes:
            stroke = shape.get('stroke', 'none')
            check(stroke == 'none',
                  '%s: a %s is stroked; GTK recolours fills only'
                  % (symbolic, shape.tag[len(SVG):]))
            colours.add(shape.get('fill', '#000000').lower())
        check(len(colours) == 1, '%s is not monochrome: %s' % (symbolic, sorted(colours)))
        check(not list(root.iter(SVG + 'image')), '%s embeds a bitmap' % symbolic)

    # GtkApplication adds <resource-base-path>/icons to the icon theme
    result = subprocess.run(['gresource', 'list', program], capture_output=True, text=True)
    if check(result.returncode == 0,
             'gresource cannot list the resources of %s: %s' % (program, result.stderr)):
        listed = set(result.stdout.split())
        for name in ('icons/scalable/apps/%s.svg' % app_id,
                     'icons/symbolic/apps/%s-symbolic.svg' % app_id):
            path = resource_path + '/' + name
            check(path in listed, '%s is not in the resources of %s' % (path, program))

    for failure in failures:
        print('FAIL:', failure)
    if not failures:
        print('the icons are sized, symbolic and in the resources')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
