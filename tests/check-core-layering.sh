#!/bin/sh
# The core library must not use GTK, and only the store speaks SQL.
# Usage: check-core-layering.sh SOURCE_DIR CORE_LIBRARY
set -u
src="$1/src/core"
lib="$2"
status=0

if grep -n -E '#include <(gtk|adwaita)' "$src"/*.c "$src"/*.h; then
  echo "src/core includes GTK or libadwaita headers" >&2
  status=1
fi

if nm -u "$lib" | grep -E ' (gtk|gdk|adw|gsk)_'; then
  echo "the core library uses GTK symbols" >&2
  status=1
fi

for file in "$src"/*.c; do
  case "$(basename "$file")" in
    rapport-store*.c) continue ;;
  esac
  if grep -n -E 'sqlite3_|"(SELECT|INSERT|UPDATE|DELETE) ' "$file"; then
    echo "$file speaks SQL; only rapport-store*.c may" >&2
    status=1
  fi
done

exit $status
