/* layout-timer.c: which labels the main loop lays out, and for how long
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A library to preload into Rapport (or any GTK program) that logs every
 * query of a PangoLayout's size, and every wait of the main thread's
 * main loop, so that each layout falls in its main-loop iteration:
 *
 *   LAYOUT_TIMER_LOG=/tmp/layouts.log LD_PRELOAD=build-bench/bench/liblayout-timer.so \
 *     RAPPORT_BENCH=views build-bench/src/rapport --database DB
 *
 * Each line is "START_US DURATION_NS WHAT WIDTH TEXT": the monotonic
 * time of the call in µs, as the bench probe prints it; how long it took;
 * the function (pango_layout_get_size…), or "poll" for the main thread's
 * main loop waiting (its duration is the wait, WIDTH the number of file
 * descriptors: GLib's loop polls two or more, Xlib's round trips one);
 * the layout's width in Pango units (-1: not wrapped); and the first 40
 * bytes of its text, spaces as "_". A layout is laid out by the first
 * query after its text, attributes or width change: where a wrapping
 * label is measured at a dozen widths, this shows a dozen slow queries.
 * GTK calls its own functions directly, so only the calls into Pango,
 * and libc's poll(), can be seen this way.
 */
#define _GNU_SOURCE

#include <dlfcn.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pango/pango.h>

static FILE *log_file;

static long long
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

__attribute__ ((constructor)) static void
open_log (void)
{
  const char *path = getenv ("LAYOUT_TIMER_LOG");

  log_file = fopen (path != NULL ? path : "layout-timer.log", "w");
  /* Programs this one starts (the accessibility bus…) would empty the log */
  unsetenv ("LD_PRELOAD");
}

static void
log_layout (const char  *what,
            PangoLayout *layout,
            long long    start_ns)
{
  long long duration_ns = now_ns () - start_ns;
  const char *text = pango_layout_get_text (layout);
  char shown[41];
  size_t i;

  if (log_file == NULL)
    return;

  for (i = 0; i < sizeof shown - 1 && text[i] != '\0'; i++)
    shown[i] = text[i] == ' ' || text[i] == '\n' ? '_' : text[i];
  shown[i] = '\0';

  fprintf (log_file, "%lld %lld %s %d %s\n", start_ns / 1000, duration_ns, what,
           pango_layout_get_width (layout), shown);
}

/* The next definition of @name, Pango's or libc's */
#define REAL(name) ((__typeof__ (name) *) dlsym (RTLD_NEXT, #name))

/* A query of two results, as pango_layout_get_size () */
#define TIMED_QUERY(name, type)                                   \
  void                                                            \
  name (PangoLayout *layout,                                      \
        type         first,                                       \
        type         second)                                      \
  {                                                               \
    static __typeof__ (name) *real;                               \
    long long start = now_ns ();                                  \
                                                                  \
    if (real == NULL)                                             \
      real = REAL (name);                                         \
    real (layout, first, second);                                 \
    log_layout (#name, layout, start);                            \
  }

TIMED_QUERY (pango_layout_get_size, int *)
TIMED_QUERY (pango_layout_get_pixel_size, int *)
TIMED_QUERY (pango_layout_get_extents, PangoRectangle *)
TIMED_QUERY (pango_layout_get_pixel_extents, PangoRectangle *)

int
pango_layout_get_baseline (PangoLayout *layout)
{
  static __typeof__ (pango_layout_get_baseline) *real;
  long long start = now_ns ();
  int baseline;

  if (real == NULL)
    real = REAL (pango_layout_get_baseline);
  baseline = real (layout);
  log_layout ("pango_layout_get_baseline", layout, start);
  return baseline;
}

int
poll (struct pollfd *fds,
      nfds_t         n_fds,
      int            timeout)
{
  static __typeof__ (poll) *real;
  long long start = now_ns ();
  int ret;

  if (real == NULL)
    real = REAL (poll);
  ret = real (fds, n_fds, timeout);
  if (log_file != NULL && gettid () == getpid ())
    fprintf (log_file, "%lld %lld poll %d -\n", start / 1000, now_ns () - start, (int) n_fds);
  return ret;
}
