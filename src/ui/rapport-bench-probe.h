/* rapport-bench-probe.h: measurements for bench/, switched on by RAPPORT_BENCH
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void rapport_bench_probe_attach (GtkWindow *window);

G_END_DECLS
