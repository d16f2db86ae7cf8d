#!/bin/sh
# Installs what Rapport needs to build and test on Debian 12 (as root), then
# configures and builds it in ./build. Safe to run again.
set -eu

cd "$(dirname "$0")/.."

packages="
  gcc pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libjson-glib-dev libsqlite3-dev sqlite3 librsvg2-common
  desktop-file-utils appstream python3 python3-jsonschema flatpak-builder valgrind
  xvfb xauth dbus dbus-x11 at-spi2-core clang libclang-rt-14-dev
"

missing=""
for package in $packages; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done

if [ -n "$missing" ]; then
  echo "Installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
fi

if [ -f build/build.ninja ]; then
  meson setup --reconfigure build "$@"
else
  meson setup build "$@"
fi
ninja -C build
