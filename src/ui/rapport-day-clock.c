/* rapport-day-clock.c: tells rows that say "today" that a new day began
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows say "due tomorrow", "3 days ago", "Overdue": an app left open for
 * days kept yesterday's words. One clock for the process looks at the
 * local date every minute and emits "day-changed" when it is another.
 * It looks rather than waiting for midnight: a timeout runs on the
 * monotonic clock, which stops while the computer sleeps, and the time
 * zone may change in between.
 */
#define G_LOG_DOMAIN "rapport-day-clock"

#include "config.h"

#include "rapport-date.h"
#include "rapport-day-clock.h"

#define CHECK_SECONDS 60

struct _RapportDayClock
{
  GObject  parent_instance;

  GDate   *today;
  guint    check_id;
};

G_DEFINE_FINAL_TYPE (RapportDayClock, rapport_day_clock, G_TYPE_OBJECT)

enum {
  DAY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
check_cb (gpointer user_data)
{
  _rapport_day_clock_check (user_data);

  return G_SOURCE_CONTINUE;
}

static void
rapport_day_clock_finalize (GObject *object)
{
  RapportDayClock *self = RAPPORT_DAY_CLOCK (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_pointer (&self->today, g_date_free);

  G_OBJECT_CLASS (rapport_day_clock_parent_class)->finalize (object);
}

static void
rapport_day_clock_class_init (RapportDayClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_day_clock_finalize;

  /**
   * RapportDayClock::day-changed:
   *
   * The local date is another than when the clock last looked.
   */
  signals[DAY_CHANGED] = g_signal_new ("day-changed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);
}

static void
rapport_day_clock_init (RapportDayClock *self)
{
  self->today = rapport_date_new_today ();
  self->check_id = g_timeout_add_seconds (CHECK_SECONDS, check_cb, self);
}

/**
 * _rapport_day_clock_get_default:
 *
 * Returns: (transfer none): the clock of the main thread, made at the
 *   first call
 */
RapportDayClock *
_rapport_day_clock_get_default (void)
{
  static RapportDayClock *clock;

  if (clock == NULL)
    clock = g_object_new (RAPPORT_TYPE_DAY_CLOCK, NULL);

  return clock;
}

/**
 * _rapport_day_clock_check:
 *
 * Looks at the date now, as the clock does every minute, and emits
 * #RapportDayClock::day-changed if it is another.
 */
void
_rapport_day_clock_check (RapportDayClock *self)
{
  g_autoptr(GDate) today = rapport_date_new_today ();

  g_return_if_fail (RAPPORT_IS_DAY_CLOCK (self));

  if (rapport_date_equal (today, self->today))
    return;

  g_date_free (self->today);
  self->today = g_steal_pointer (&today);
  g_signal_emit (self, signals[DAY_CHANGED], 0);
}
