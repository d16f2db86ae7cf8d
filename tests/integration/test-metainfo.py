#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Asserts what Flathub requires of the built metainfo file.

Usage: test-metainfo.py METAINFO DESKTOP_FILE SCREENSHOT_DIR APP_ID [VERSION]
"""

import datetime
import os
import re
import sys
import xml.etree.ElementTree as ET

SCREENSHOT_BASE = 'https://raw.githubusercontent.com/rapportapp/rapport/main/data/screenshots/'
PROJECT_URL = 'https://github.com/rapportapp/rapport'
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
PNG_MAGIC = b'\x89PNG\r\n\x1a\n'
COLOR_RE = re.compile(r'^#[0-9a-fA-F]{6}$')

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def untranslated(parent, tag):
    """The children named TAG of PARENT that carry no xml:lang."""
    return [e for e in parent.findall(tag) if XML_LANG not in e.attrib]


def text_of(element):
    return ''.join(element.itertext()).strip() if element is not None else ''


def main(argv):
    if len(argv) < 5:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    metainfo, desktop_file, screenshot_dir, app_id = argv[1:5]
    version = argv[5] if len(argv) > 5 else None

    root = ET.parse(metainfo).getroot()

    check(root.tag == 'component', 'the root element is not <component>')
    check(root.get('type') == 'desktop-application',
          'component type is %r, not desktop-application' % root.get('type'))
    check(text_of(root.find('id')) == app_id,
          '<id> is %r, not %r' % (text_of(root.find('id')), app_id))
    check(text_of(root.find('metadata_license')) != '', 'no <metadata_license>')
    check(text_of(root.find('project_license')) != '', 'no <project_license>')

    # Name and summary, as shown in software centres
    names = untranslated(root, 'name')
    if check(len(names) == 1, 'expected one untranslated <name>, found %d' % len(names)):
        name = text_of(names[0])
        check(0 < len(name) <= 20, 'name %r is empty or longer than 20 characters' % name)
    summaries = untranslated(root, 'summary')
    if check(len(summaries) == 1,
             'expected one untranslated <summary>, found %d' % len(summaries)):
        summary = text_of(summaries[0])
        check(0 < len(summary) <= 35,
              'summary %r is empty or longer than 35 characters' % summary)
        check(not summary.endswith('.'), 'summary %r ends with a dot' % summary)

    description = untranslated(root, 'description')
    check(len(description) == 1 and len(description[0].findall('p')) >= 1,
          'no untranslated <description> with at least one paragraph')

    # Developer
    developer = root.find('developer')
    if check(developer is not None, 'no <developer>'):
        check(developer.get('id', '') != '', '<developer> has no id')
        dev_names = untranslated(developer, 'name')
        check(len(dev_names) == 1 and text_of(dev_names[0]) != '',
              '<developer> has no untranslated <name>')

    # Launchable: the desktop file that is built and installed
    launchables = root.findall('launchable')
    desktop_id = os.path.basename(desktop_file)
    check(len(launchables) == 1
          and launchables[0].get('type') == 'desktop-id'
          and text_of(launchables[0]) == desktop_id,
          'expected one <launchable type="desktop-id">%s</launchable>' % desktop_id)
    check(os.path.isfile(desktop_file), 'the desktop file %s was not built' % desktop_file)

    binaries = [text_of(b) for b in root.findall('provides/binary')]
    check('rapport' in binaries, '<provides> does not list the binary rapport')

    # Content rating
    ratings = root.findall('content_rating')
    check(len(ratings) == 1 and ratings[0].get('type') == 'oars-1.1',
          'expected one <content_rating type="oars-1.1">')

    # URLs
    urls = {u.get('type'): text_of(u) for u in root.findall('url')}
    for kind in ('homepage', 'bugtracker', 'vcs-browser'):
        url = urls.get(kind, '')
        check(url.startswith(PROJECT_URL),
              'url %s is %r, not under %s' % (kind, url, PROJECT_URL))

    # Branding colours for both styles
    schemes = {}
    for color in root.findall('branding/color'):
        if color.get('type') == 'primary':
            schemes[color.get('scheme_preference')] = text_of(color)
    for scheme in ('light', 'dark'):
        value = schemes.get(scheme, '')
        check(COLOR_RE.match(value) is not None,
              'no primary branding colour #rrggbb for the %s style' % scheme)
    if 'light' in schemes and 'dark' in schemes:
        check(schemes['light'].lower() != schemes['dark'].lower(),
              'the light and dark branding colours are the same')

    # Screenshots: PNG, captioned, and the files are in the repository
    screenshots = root.findall('screenshots/screenshot')
    check(len(screenshots) >= 1, 'no screenshots')
    defaults = [s for s in screenshots if s.get('type') == 'default']
    check(len(defaults) == 1, 'expected one default screenshot, found %d' % len(defaults))
    for index, shot in enumerate(screenshots, 1):
        images = [i for i in shot.findall('image') if i.get('type', 'source') == 'source']
        if not check(len(images) == 1, 'screenshot %d has no source image' % index):
            continue
        url = text_of(images[0])
        check(url.endswith('.png'), 'screenshot %d (%s) is not a PNG' % (index, url))
        if check(url.startswith(SCREENSHOT_BASE),
                 'screenshot %d (%s) is not under %s' % (index, url, SCREENSHOT_BASE)):
            path = os.path.join(screenshot_dir, url[len(SCREENSHOT_BASE):])
            if check(os.path.isfile(path),
                     'screenshot %d: %s is missing from the repository' % (index, path)):
                with open(path, 'rb') as f:
                    check(f.read(8) == PNG_MAGIC,
                          'screenshot %d: %s is not a PNG file' % (index, path))
        captions = untranslated(shot, 'caption')
        check(len(captions) == 1 and text_of(captions[0]) != '',
              'screenshot %d has no caption' % index)

    # Releases, newest first, each dated
    releases = root.findall('releases/release')
    if check(len(releases) >= 1, 'no releases'):
        for release in releases:
            date = release.get('date', '')
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                failures.append('release %s has no valid date (%r)'
                                % (release.get('version'), date))
        if version is not None:
            check(releases[0].get('version') == version,
                  'the newest release is %s, but the project version is %s'
                  % (releases[0].get('version'), version))

    # Display length: usable on a phone
    lengths = [d for d in root.findall('requires/display_length')]
    check(any(d.get('compare') == 'ge' and text_of(d) == '360' for d in lengths),
          'no <requires><display_length compare="ge">360</display_length>')
    controls = {text_of(c) for c in root.findall('supports/control')}
    for control in ('keyboard', 'pointing', 'touch'):
        check(control in controls, 'the control %s is not in <supports>' % control)

    for failure in failures:
        print('FAIL:', failure)
    if not failures:
        print('%s meets the Flathub requirements' % metainfo)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
