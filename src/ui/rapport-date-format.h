/* rapport-date-format.h: dates in the words of the app's own language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *_rapport_date_time_format (GDateTime  *moment,
                                 const char *format);

G_END_DECLS
