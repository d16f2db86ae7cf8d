/* rapport-frame-memory.c: the memory frames are drawn into, touched ahead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4's cairo renderer draws each frame into an image as large as the
 * part of the window it redraws, allocated from the heap, and on X11
 * cairo sends that image to the server through a shared-memory segment.
 * Both are fresh memory every time a view is shown: cairo destroys its
 * segment as soon as no image is in it and makes a new one for the next
 * frame, and the heap grows for each image as the widgets made since the
 * last one have taken its place. The first touch of each page of fresh
 * memory is a page fault, and a frame of the whole window took 1,100 to
 * 1,300 of them on the main thread, 13-17 µs each on the benchmark's
 * virtual machine (bench/README.md): up to 20 ms a frame.
 *
 * So the main thread no longer touches fresh memory for its frames:
 *
 * - Each window holds a small image in cairo's shared-memory pool, so
 *   that the pool lives as long as the window. It makes the pool with an
 *   image of a whole frame, which cairo clears, and frees that: the pool
 *   hands out the block freed last, so the next frame's block is one
 *   that has been touched. The X server reads that image once too, into
 *   a pixmap of its own, so that its first touch of the block is not the
 *   first frame's either.
 * - The heap grows by a reserve of twice a frame's image at a time, is
 *   not given back to the system while it holds less than twice that,
 *   and keeps images of up to 32 MB in the heap rather than mapping each
 *   on its own.
 * - A thread faults in, without changing a byte, each stretch the heap
 *   has grown by since the last frame (MADV_POPULATE_WRITE), while the
 *   main thread goes on.
 *
 * Nothing here changes what is drawn; on a system without these
 * facilities (Wayland has no cairo pool, an older kernel has no
 * MADV_POPULATE_WRITE) the part it lacks does nothing.
 */
#define G_LOG_DOMAIN "rapport-frame-memory"

#include "config.h"

#include "rapport-frame-memory.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <sys/mman.h>
#include <unistd.h>

#if defined(GDK_WINDOWING_X11) && defined(HAVE_CAIRO_XLIB)
#include <cairo-xlib.h>
#include <gdk/x11/gdkx.h>
#define KEEP_POOL 1
#endif

#if defined(__linux__) && !defined(MADV_POPULATE_WRITE)
#define MADV_POPULATE_WRITE 23
#endif

/* glibc's largest threshold for mapping an allocation on its own */
#define MMAP_THRESHOLD (32 * 1024 * 1024)

typedef struct
{
  guintptr start;
  gsize    length;
} Range;

static GThreadPool *populating;
static GMutex lock;
static GCond settled;
static guint pending;
static guintptr heap_faulted_in;
static gsize reserve;

static void
populate_cb (gpointer data,
             gpointer user_data)
{
  Range *range = data;

#ifdef MADV_POPULATE_WRITE
  /* Fails harmlessly on a kernel older than 5.14 (EINVAL) or on a
   * range given back to the system meanwhile (ENOMEM) */
  madvise ((void *) range->start, range->length, MADV_POPULATE_WRITE);
#endif
  g_free (range);

  g_mutex_lock (&lock);
  pending--;
  g_cond_broadcast (&settled);
  g_mutex_unlock (&lock);
}

static void
fault_in (guintptr start,
          guintptr end)
{
  guintptr page = (guintptr) sysconf (_SC_PAGESIZE);
  Range *range;

  start &= ~(page - 1);
  end = (end + page - 1) & ~(page - 1);
  if (end <= start)
    return;

  range = g_new (Range, 1);
  range->start = start;
  range->length = end - start;
  g_mutex_lock (&lock);
  pending++;
  g_mutex_unlock (&lock);
  g_thread_pool_push (populating, range, NULL);
}

/* Faults in what the heap has grown by since last asked */
static void
fault_in_heap (void)
{
  guintptr heap_end = (guintptr) sbrk (0);

  if (heap_end > heap_faulted_in)
    fault_in (heap_faulted_in, heap_end);
  heap_faulted_in = heap_end;
}

/* The heap keeps a reserve of twice a frame of @width × @height, and
 * has it from now on: it grows by a frame and the reserve, which the
 * frame's image then finds at its top */
static void
reserve_for (int width,
             int height)
{
  gsize frame = (gsize) width * (gsize) height * 4;

  if (2 * frame <= reserve)
    return;
  reserve = 2 * frame;
#if defined(__GLIBC__)
  mallopt (M_TOP_PAD, (int) MIN (reserve, G_MAXINT / 4));
  mallopt (M_TRIM_THRESHOLD, (int) MIN (2 * reserve, G_MAXINT / 4));
#endif
  g_free (g_malloc (frame));
}

/**
 * rapport_frame_memory_init:
 *
 * Sets how the heap grows and starts the thread that faults memory in.
 * Call it once, before the first window.
 */
void
rapport_frame_memory_init (void)
{
  if (populating != NULL)
    return;

#if defined(__GLIBC__)
  mallopt (M_MMAP_THRESHOLD, MMAP_THRESHOLD);
#endif
  populating = g_thread_pool_new (populate_cb, NULL, 1, FALSE, NULL);
  heap_faulted_in = (guintptr) sbrk (0);
}

#ifdef KEEP_POOL
typedef struct
{
  cairo_surface_t *kept;
  int              width;
  int              height;
} Pool;

static void
pool_free (Pool *pool)
{
  g_clear_pointer (&pool->kept, cairo_surface_destroy);
  g_free (pool);
}

/* The X server's first touch of each page of @frame is a page fault of
 * its own, and the window's first frame waited for them (639 faults,
 * 8 ms on the benchmark's machine): copied into a pixmap of the
 * server's, @frame is read by the server now, while the window is built.
 * A clear image would not be read, so it gets one dark pixel first */
static void
show_to_server (Display         *xdisplay,
                cairo_surface_t *window,
                cairo_surface_t *frame,
                int              width,
                int              height)
{
  cairo_surface_t *pixmap;
  cairo_t *cr;

  cr = cairo_create (frame);
  cairo_rectangle (cr, 0, 0, 1, 1);
  cairo_fill (cr);
  cairo_destroy (cr);

  pixmap = cairo_surface_create_similar (window, CAIRO_CONTENT_COLOR_ALPHA, width, height);
  cr = cairo_create (pixmap);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, frame, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (pixmap);
  XFlush (xdisplay);
}

/* Has cairo's shared-memory pool for @surface's display hold frames of
 * @width × @height for as long as @surface lives, with the block the
 * next frame gets already touched */
static void
keep_pool (GdkSurface *surface,
           Pool       *pool,
           int         width,
           int         height)
{
  Display *xdisplay;
  cairo_surface_t *window;
  cairo_surface_t *frame;

  if (width <= pool->width && height <= pool->height)
    return;
  width = MAX (width, pool->width);
  height = MAX (height, pool->height);

  /* GTK 4.18 deprecates its X11 functions, the X11 backend still there */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  xdisplay = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));
  window = cairo_xlib_surface_create (xdisplay, gdk_x11_surface_get_xid (surface),
                                      DefaultVisual (xdisplay, DefaultScreen (xdisplay)),
                                      width, height);
  G_GNUC_END_IGNORE_DEPRECATIONS
  /* A frame's image: cairo makes a pool sized for it and clears it, and
   * a small image in the same pool then keeps the pool once it is
   * freed. The frame's block, touched, is the next one handed out */
  frame = cairo_surface_create_similar_image (window, CAIRO_FORMAT_ARGB32, width, height);
  g_clear_pointer (&pool->kept, cairo_surface_destroy);
  pool->kept = cairo_surface_create_similar_image (window, CAIRO_FORMAT_ARGB32, 64, 64);
  pool->width = width;
  pool->height = height;
  show_to_server (xdisplay, window, frame, width, height);
  cairo_surface_destroy (frame);
  cairo_surface_destroy (window);
}
#endif

/* Makes ready for frames of @width × @height of @surface */
static void
prepare_for_frames (GdkSurface *surface,
                    int         width,
                    int         height)
{
  int scale = gdk_surface_get_scale_factor (surface);

  reserve_for (width * scale, height * scale);
#ifdef KEEP_POOL
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (GDK_IS_X11_DISPLAY (gdk_surface_get_display (surface)))
    {
      Pool *pool = g_object_get_data (G_OBJECT (surface), "rapport-frame-memory-pool");

      if (pool == NULL)
        {
          pool = g_new0 (Pool, 1);
          g_object_set_data_full (G_OBJECT (surface), "rapport-frame-memory-pool",
                                  pool, (GDestroyNotify) pool_free);
        }
      keep_pool (surface, pool, width * scale, height * scale);
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif
}

static void
layout_cb (GdkSurface *surface,
           int         width,
           int         height,
           gpointer    user_data)
{
  prepare_for_frames (surface, width, height);
  fault_in_heap ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  fault_in_heap ();
}

static void
realize_cb (GtkWidget *widget,
            gpointer   user_data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));
  int width, height;


  /* The surface may not have its size yet */
  gtk_window_get_default_size (GTK_WINDOW (widget), &width, &height);
  prepare_for_frames (surface, MAX (width, gdk_surface_get_width (surface)),
                      MAX (height, gdk_surface_get_height (surface)));
  fault_in_heap ();
  g_signal_connect (surface, "layout", G_CALLBACK (layout_cb), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

/**
 * rapport_frame_memory_attach:
 * @window: a window not realized yet
 *
 * Keeps the memory @window's frames are drawn into faulted in ahead of
 * them, once rapport_frame_memory_init() has been called.
 */
void
rapport_frame_memory_attach (GtkWindow *window)
{
  g_return_if_fail (!gtk_widget_get_realized (GTK_WIDGET (window)));

  if (populating != NULL)
    g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
}

/**
 * _rapport_frame_memory_settle:
 *
 * Waits until the memory asked for so far has been faulted in: for tests.
 */
void
_rapport_frame_memory_settle (void)
{
  g_mutex_lock (&lock);
  while (pending > 0)
    g_cond_wait (&settled, &lock);
  g_mutex_unlock (&lock);
}
