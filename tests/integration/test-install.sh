#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a temporary DESTDIR and asserts that every file is
# where GNOME looks for it.
#
# Usage: test-install.sh BUILD_DIR PREFIX BINDIR DATADIR LOCALEDIR APP_ID GETTEXT_PACKAGE

set -u

if [ $# -ne 7 ]; then
  echo "usage: $0 BUILD_DIR PREFIX BINDIR DATADIR LOCALEDIR APP_ID GETTEXT_PACKAGE" >&2
  exit 2
fi

build_dir=$1
prefix=$2
app_id=$6
package=$7

# bindir, datadir and localedir may be relative to the prefix or absolute
under_prefix () {
  case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$prefix" "$1" ;;
  esac
}
bindir=$(under_prefix "$3")
datadir=$(under_prefix "$4")
localedir=$(under_prefix "$5")

destdir=$(mktemp -d "${TMPDIR:-/tmp}/rapport-install-XXXXXX") || exit 1
trap 'rm -rf "$destdir"' EXIT

if ! meson install -C "$build_dir" --no-rebuild --quiet --destdir "$destdir" \
    > "$destdir.log" 2>&1; then
  echo "FAIL: meson install failed:"
  cat "$destdir.log"
  rm -f "$destdir.log"
  exit 1
fi
rm -f "$destdir.log"

root=$destdir
failed=0

expect () {
  # expect TEST PATH WHAT
  if [ "$1" "$root$2" ]; then
    echo "ok: $3: $2"
  else
    echo "FAIL: $3 is not installed at $2"
    failed=1
  fi
}

expect -x "$bindir/rapport" "the program"
expect -f "$datadir/applications/$app_id.desktop" "the desktop file"
expect -f "$datadir/metainfo/$app_id.metainfo.xml" "the metainfo"
expect -f "$datadir/glib-2.0/schemas/io.github.rapportapp.Rapport.gschema.xml" "the GSettings schema"
expect -f "$datadir/icons/hicolor/scalable/apps/$app_id.svg" "the application icon"
expect -f "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" "the symbolic icon"
expect -f "$datadir/dbus-1/services/$app_id.service" "the D-Bus service"
expect -f "$localedir/es/LC_MESSAGES/$package.mo" "the Spanish translation"

# The installed files point at each other
service="$root$datadir/dbus-1/services/$app_id.service"
if [ -f "$service" ]; then
  if grep -qx "Name=$app_id" "$service" \
      && grep -qx "Exec=$bindir/rapport --gapplication-service" "$service"; then
    echo "ok: the D-Bus service activates $bindir/rapport as $app_id"
  else
    echo "FAIL: the D-Bus service does not run $bindir/rapport --gapplication-service as $app_id:"
    cat "$service"
    failed=1
  fi
fi

desktop="$root$datadir/applications/$app_id.desktop"
if [ -f "$desktop" ]; then
  for line in "Icon=$app_id" "DBusActivatable=true" "Exec=rapport"; do
    if grep -qx "$line" "$desktop"; then
      echo "ok: the desktop file has $line"
    else
      echo "FAIL: the desktop file lacks $line"
      failed=1
    fi
  done
  # merge_file put in the Spanish translation that the installed catalog has
  comment=$(sed -n 's/^Comment=//p' "$desktop")
  translated=$(LC_ALL=C.UTF-8 LANGUAGE=es TEXTDOMAINDIR="$root$localedir" \
               gettext -d "$package" "$comment")
  if [ "$translated" = "$comment" ]; then
    echo "note: po/es.po does not translate \"$comment\" yet"
  elif grep -qxF "Comment[es]=$translated" "$desktop"; then
    echo "ok: the desktop file has the Spanish comment from the catalog"
  else
    echo "FAIL: the catalog translates the comment as \"$translated\" but the desktop file has:"
    grep '^Comment' "$desktop"
    failed=1
  fi
fi

metainfo="$root$datadir/metainfo/$app_id.metainfo.xml"
if [ -f "$metainfo" ]; then
  if grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo"; then
    echo "ok: the metainfo launches $app_id.desktop"
  else
    echo "FAIL: the metainfo does not launch $app_id.desktop"
    failed=1
  fi
fi

# The installed schema compiles on its own
schemas="$root$datadir/glib-2.0/schemas"
if [ -d "$schemas" ]; then
  if glib-compile-schemas --strict --dry-run "$schemas"; then
    echo "ok: the installed schemas compile"
  else
    echo "FAIL: the installed schemas do not compile"
    failed=1
  fi
fi

exit $failed
