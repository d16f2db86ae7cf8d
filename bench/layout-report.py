#!/usr/bin/env python3
# layout-report.py: the busy main-loop iterations of a layout-timer log
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   bench/layout-report.py LOG [MIN_MS]
#
# For each iteration of the main thread's main loop busier than MIN_MS
# (12 by default), from one wait of GLib's loop to the next: when it
# started (µs, the bench probe's clock), how long it was busy, how much of
# that went to Pango laying text out, in how many queries, and the texts
# that cost the most. LOG is what bench/layout-timer.c wrote.

import collections
import sys


def main():
    path = sys.argv[1]
    min_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 12.0
    busy_since = None
    layouts = collections.Counter()
    counts = collections.Counter()
    with open(path, errors="replace") as log:
        for line in log:
            parts = line.rstrip("\n").split(" ", 4)
            if len(parts) < 5:
                continue
            start_us, duration_ns, what = int(parts[0]), int(parts[1]), parts[2]
            if what == "poll":
                # GLib's loop polls two descriptors or more; Xlib's round trips one
                if int(parts[3]) < 2:
                    continue
                if busy_since is not None and (start_us - busy_since) / 1000 > min_ms:
                    report(busy_since, (start_us - busy_since) / 1000, layouts, counts)
                busy_since = start_us + duration_ns // 1000
                layouts.clear()
                counts.clear()
            else:
                layouts[parts[4]] += duration_ns
                counts[parts[4]] += 1


def report(start_us, busy_ms, layouts, counts):
    print(f"{start_us}: busy {busy_ms:.1f} ms, laying out text {sum(layouts.values()) / 1e6:.1f} ms "
          f"in {sum(counts.values())} queries")
    for text, ns in layouts.most_common(5):
        print(f"    {ns / 1e6:.2f} ms, {counts[text]} × {text}")


if __name__ == "__main__":
    main()
