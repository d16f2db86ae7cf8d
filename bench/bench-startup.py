#!/usr/bin/env python3
"""Start-up, memory and main-thread figures of the real app (issue 8).

    bench-startup.py RAPPORT ADW_MINIMAL EMPTY_DB LARGE_DB [RUNS]

Runs under a display (bench/run.sh starts Xvfb). Each program prints
"bench <name> <value>" lines (src/ui/rapport-bench-probe.c); this script
takes the median of RUNS start-ups of each, alternating them, and prints
each figure beside its target with PASS or FAIL. Then it counts the
main-loop iterations over 16 ms in TOURS tours of Rapport's views, and
in as many tours of the minimal window's pages of labels: the toolkit's
own floor for showing a new page. Last, one more tour of Rapport with the
large database dropped from the system's cache first, as after a reboot:
how much the main thread then reads from the disk itself. Beside the
tours it prints how much CPU time the virtual machine's host took during
each (steal), which no figure of the program's own shows.
"""
import mmap
import os
import statistics
import subprocess
import sys
import time

TOURS = 3
# Single start-ups of one binary spread by 70-120 ms on the development
# machines, more than the targets' margins: with five, one median in
# three runs missed a target that twelve alternated rounds met (1.23×
# against 1.07-1.08×)
RUNS = 11


def steal_ms():
    """The time the hypervisor gave the machine's CPUs to others, in ms
    (/proc/stat's "steal", in clock ticks): a wait no figure of the
    program's own shows. None where the system does not tell"""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
        return int(fields[8]) * 1000 // os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def run(argv, env_extra):
    env = dict(os.environ, GSETTINGS_BACKEND="memory", GSK_RENDERER="cairo", **env_extra)
    started = time.monotonic_ns() // 1000
    steal_before = steal_ms()
    out = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300).stdout
    steal_after = steal_ms()
    figures = {}
    slow = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] == "bench":
            if parts[1] == "slow-iteration-ms":
                # "bench slow-iteration-ms WALL cpu CPU faults N runq RUNQ sleeps N
                #  WHERE… at START END"
                where = " ".join(parts[11:]).rsplit(" at ", 1)[0]
                slow.append((float(parts[2]), float(parts[4]), int(parts[6]), float(parts[8]),
                             int(parts[10]), where))
            else:
                figures[parts[1]] = parts[2:]
    if "first-frame-us" not in figures:
        sys.exit(f"{argv[0]} printed no first frame:\n{out}")
    figures["startup-ms"] = (int(figures["first-frame-us"][0]) - started) / 1000
    figures["slow"] = slow
    figures["steal-ms"] = (steal_after - steal_before
                           if steal_before is not None and steal_after is not None else None)
    return figures


def drop_from_cache(path):
    """Has the system forget what it keeps in memory of the file at @path"""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def page_fault_us(megabytes=64):
    """What a first touch of fresh memory costs on this machine, in µs per page:
    most of a first frame's time where it is high (some virtual machines)"""
    size, page = megabytes << 20, mmap.PAGESIZE
    memory = mmap.mmap(-1, size)
    timings = []
    for _ in range(2):
        # The second pass, on pages already there, is the loop's own cost
        started = time.perf_counter()
        for offset in range(0, size, page):
            memory[offset] = 1
        timings.append(time.perf_counter() - started)
    memory.close()
    return (timings[0] - timings[1]) / (size // page) * 1e6


def main():
    rapport, minimal, empty_db, large_db = sys.argv[1:5]
    runs = int(sys.argv[5]) if len(sys.argv) > 5 else RUNS
    results = {"minimal": [], "empty": [], "large": []}
    memory = {"empty": [], "large": []}
    # The longest main-loop iteration of each start-up: (wall ms, CPU ms, page faults)
    longest = {"minimal": [], "empty": [], "large": []}

    def note_longest(name, f):
        # "bench worst-iteration-ms WALL cpu CPU faults N WHERE…"
        worst = f["worst-iteration-ms"]
        longest[name].append((float(worst[0]), float(worst[2]), int(worst[4])))

    for _ in range(runs):
        f = run([minimal], {})
        results["minimal"].append(f["startup-ms"])
        note_longest("minimal", f)
        for name, db in (("empty", empty_db), ("large", large_db)):
            f = run([rapport, "--database", db], {"RAPPORT_BENCH": "startup"})
            results[name].append(f["startup-ms"])
            memory[name].append(int(f["resident-kb"][0]))
            note_longest(name, f)

    m = {k: statistics.median(v) for k, v in results.items()}
    mem = {k: statistics.median(v) / 1024 for k, v in memory.items()}
    ok = True

    def figure(label, value, target, passed):
        nonlocal ok
        ok = ok and passed
        print(f"{label}: {value} (target {target}) {'PASS' if passed else 'FAIL'}")

    print(f"start-up to first frame, median of {runs}: minimal libadwaita window "
          f"{m['minimal']:.0f} ms, Rapport empty {m['empty']:.0f} ms, Rapport large {m['large']:.0f} ms")
    figure("start-up, large database vs minimal window", f"{m['large'] / m['minimal']:.2f}×",
           "≤ 1.5×", m["large"] <= 1.5 * m["minimal"])
    figure("start-up, large database vs empty database", f"{m['large'] / m['empty']:.2f}×",
           "≤ 1.2×", m["large"] <= 1.2 * m["empty"])
    figure("resident memory after start-up, large minus empty",
           f"{mem['large'] - mem['empty']:.1f} MB ({mem['large']:.0f} vs {mem['empty']:.0f})",
           "≤ 50 MB", mem["large"] - mem["empty"] <= 50)

    # No target: the toolkit's own floor, beside which to read the next figure
    print(f"a page fault on this machine: {page_fault_us():.1f} µs")
    def med(k, i):
        return statistics.median(x[i] for x in longest[k])

    print(f"longest main-loop iteration of a start-up, median of {runs} "
          "(the main thread's CPU and page faults in brackets): "
          + ", ".join(f"{label} {med(k, 0):.1f} ms ({med(k, 1):.1f} ms, {med(k, 2):.0f} faults), "
                      f"over 16 ms in {sum(w > 16 for w, _, _ in longest[k])} of {runs}"
                      for k, label in (("minimal", "minimal libadwaita window"),
                                       ("empty", "Rapport empty"), ("large", "Rapport large"))))

    # The tours: Rapport's views on the large database, and the floor's
    # pages of plain labels (bench/adw-minimal.c), alternating
    tours = {"rapport": [], "minimal": []}
    for _ in range(TOURS):
        tours["rapport"].append(run([rapport, "--database", large_db], {"RAPPORT_BENCH": "views"}))
        tours["minimal"].append(run([minimal], {"RAPPORT_BENCH": "views"}))
    counts = {k: [len(f["slow"]) for f in v] for k, v in tours.items()}
    # The target is for every tour: the worst one decides
    n_slow = max(counts["rapport"])
    figure("main-loop iterations over 16 ms while opening every view and scrolling every list, "
           f"worst of {TOURS} tours", f"{n_slow} (each tour: "
           + ", ".join(str(n) for n in counts["rapport"]) + ")", "0", n_slow == 0)
    # No target: the toolkit's own floor, beside which to read the figure above
    print(f"the same in a minimal libadwaita window opening five pages of plain labels, worst of "
          f"{TOURS} tours: {max(counts['minimal'])} (each tour: "
          + ", ".join(str(n) for n in counts["minimal"]) + ")")
    # No target: what a database not in the system's cache costs the main
    # thread (src/core/rapport-store-list.c reads rows ahead in a thread)
    drop_from_cache(large_db)
    cold = run([rapport, "--database", large_db], {"RAPPORT_BENCH": "views"})
    print("the same tour of Rapport with the large database out of the system's cache: the main "
          f"thread read {int(cold['main-thread-disk-kb'][0]) / 1024:.1f} MB from the disk, "
          f"{len(cold['slow'])} iterations over 16 ms")
    tours["cold"] = [cold]

    labels = (("rapport", "Rapport"), ("minimal", "minimal window"),
              ("cold", "Rapport out of the cache"))
    # No target: a tour's slow iterations beside what the machine's host
    # took from it
    print("CPU time the virtual machine's host gave to others during each tour (steal): "
          + "; ".join(f"{label} " + ", ".join("unknown" if t["steal-ms"] is None
                                              else f"{t['steal-ms']} ms" for t in tours[name])
                      for name, label in labels))

    # Where each slow iteration was, in every tour: a miss in the last
    # tour is as much a miss as one in the first
    for name, label in labels:
        for number, tour in enumerate(tours[name], start=1):
            for ms, cpu, faults, runq, sleeps, where in tour["slow"][:20]:
                print(f"  {label}, tour {number}: {ms:.1f} ms (CPU {cpu:.1f} ms, waiting for a CPU "
                      f"{runq:.1f} ms, {sleeps} sleeps, {faults} page faults) in {where}")

    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
