/* rapport-seed.c: fills a database with realistic data for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   rapport-seed --database PATH [--rows N] [--seed S]
 *
 * Writes about N rows (1,000,000 by default) in the mix a freelancer's
 * years of work would have, per million rows: 5,000 clients, 250,000
 * commitments, 250,000 deliverables, 60,000 renegotiations, 150,000
 * feedback, 80,000 lessons and 205,000 interactions. Texts are composed
 * from Spanish and English phrase tables (one language per client), dates
 * spread over the ten years before 2026-11-23 (only due dates come after
 * it), some clients are confidential and some rows are in the trash (with
 * their children, as the store trashes them, and after everything about
 * them happened). The same seed gives the same database.
 *
 * Everything goes in one transaction through the core's bulk writer.
 */
#define G_LOG_DOMAIN "rapport-seed"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "rapport-store-bulk.h"

enum
{
  CLIENTS,
  COMMITMENTS,
  DELIVERABLES,
  RENEGOTIATIONS,
  FEEDBACK,
  LESSONS,
  INTERACTIONS,
  N_TABLES
};

/* Per million rows; the store's table order */
static const double mix[N_TABLES] = {
  5000, 250000, 250000, 60000, 150000, 80000, 205000,
};

/* The ten years of data end on this day, 2026-11-23 (days since 1970) */
#define LAST_DAY 20780
#define N_DAYS 3653
/* Due dates may lie up to this many days after the last day */
#define FUTURE_DAYS 180
#define SECONDS_PER_DAY 86400

/* Phrase tables; [0] English, [1] Spanish */

static const char * const first_names[] = {
  "Ana", "Lucía", "Carlos", "Javier", "María", "Sofía", "Diego", "Elena", "Pablo", "Marta",
  "John", "Emily", "Michael", "Sarah", "David", "Laura", "James", "Olivia", "Daniel", "Grace",
  "Andrés", "Inés", "Tomás", "Noelia", "Rubén", "Claire", "Henry", "Priya", "Kenji", "Amara",
};

static const char * const last_names[] = {
  "García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Fernández", "Ruiz", "Díaz",
  "Moreno", "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clarke", "Walker", "Patel",
  "Nakamura", "Okafor", "Ibáñez", "Castillo", "Navarro", "Herrera", "O'Brien", "Murphy",
};

/* ASCII stems, so that they make e-mail addresses too */
static const char * const company_stems[] = {
  "norte", "bluefield", "aurora", "cedar", "solana", "brightpath", "atalaya", "greenway",
  "mistral", "harbor", "lumen", "quercus", "northwind", "alba", "ironbridge", "vega",
  "redwood", "olivo", "summit", "marea", "oakline", "faro", "silverline", "ribera",
};

static const char * const company_kinds[2][6] = {
  { "Studio", "Labs", "Consulting", "Media", "Partners", "Group" },
  { "Estudio", "Consultores", "Comunicación", "Diseño", "Asociados", "Grupo" },
};

static const char * const company_suffixes[2][3] = {
  { "Ltd", "LLC", "Inc." },
  { "S.L.", "S.A.", "S.Coop." },
};

static const char * const verbs[2][12] = {
  { "Deliver", "Redesign", "Review", "Migrate", "Write", "Translate", "Prepare", "Fix",
    "Update", "Draft", "Audit", "Launch" },
  { "Entregar", "Rediseñar", "Revisar", "Migrar", "Redactar", "Traducir", "Preparar",
    "Corregir", "Actualizar", "Esbozar", "Auditar", "Lanzar" },
};

static const char * const objects[2][16] = {
  { "the landing page", "the quarterly report", "the brand guidelines", "the product catalogue",
    "the onboarding emails", "the mobile app mockups", "the annual budget", "the press kit",
    "the website copy", "the database schema", "the newsletter template", "the pitch deck",
    "the accessibility audit", "the invoice workflow", "the photo selection", "the user survey" },
  { "la página de inicio",
    "el informe trimestral", "el manual de marca", "el catálogo de productos",
    "los correos de bienvenida", "las maquetas de la app", "el presupuesto anual",
    "el dossier de prensa", "los textos de la web", "el esquema de la base de datos",
    "la plantilla del boletín", "la presentación comercial", "la auditoría de accesibilidad",
    "el flujo de facturas", "la selección de fotos", "la encuesta a usuarios" },
};

static const char * const purposes[2][10] = {
  { "for the spring campaign", "before the board meeting", "for the trade fair",
    "for the new shop", "ahead of the product launch", "for the investors",
    "for the summer sale", "for the annual conference", "for the partner portal",
    "for the Christmas campaign" },
  { "para la campaña de primavera", "antes de la junta directiva", "para la feria",
    "para la nueva tienda", "antes del lanzamiento", "para los inversores",
    "para las rebajas de verano", "para el congreso anual", "para el portal de socios",
    "para la campaña de Navidad" },
};

static const char * const sentences[2][16] = {
  { "The client wants two rounds of changes included.",
    "Assets arrive from their marketing team by Monday.",
    "Keep the tone friendly but professional.",
    "They asked for a version in both languages.",
    "Budget approved by the finance department.",
    "Use the new colour palette from the brand refresh.",
    "Check the figures with the accountant before sending.",
    "The first draft goes to the product owner only.",
    "Remember to attach the source files and fonts.",
    "A short call is planned to walk them through it.",
    "The legal team must approve the final wording.",
    "Export everything at print resolution.",
    "They prefer feedback in a shared document.",
    "Invoice half on approval and half on delivery.",
    "Mind the accessibility contrast requirements.",
    "The deadline is tight because of the printer." },
  { "El cliente quiere incluir dos rondas de cambios.",
    "Su equipo de marketing envía los materiales el lunes.",
    "Mantener un tono cercano pero profesional.",
    "Pidieron una versión en los dos idiomas.",
    "Presupuesto aprobado por el departamento financiero.",
    "Usar la nueva paleta de colores de la marca.",
    "Revisar las cifras con la gestoría antes de enviarlo.",
    "El primer borrador va solo a la responsable de producto.",
    "Recordar adjuntar los archivos fuente y las tipografías.",
    "Hay prevista una llamada corta para explicárselo.",
    "El equipo legal debe aprobar la redacción final.",
    "Exportar todo a resolución de imprenta.",
    "Prefieren los comentarios en un documento compartido.",
    "Facturar la mitad al aprobar y la mitad al entregar.",
    "Cuidar los requisitos de contraste para accesibilidad.",
    "El plazo es justo por culpa de la imprenta." },
};

static const char * const parts[2][8] = {
  { "First draft", "Second round of changes", "Final files", "Wireframes", "Copy review",
    "Image selection", "Test version", "Handover documentation" },
  { "Primer borrador", "Segunda ronda de cambios", "Archivos finales", "Bocetos",
    "Revisión de textos", "Selección de imágenes", "Versión de prueba",
    "Documentación de entrega" },
};

static const char * const reasons[2][8] = {
  { "The client sent the materials a week late.", "I underestimated the translation work.",
    "They added three new pages to the scope.", "I was ill for four days.",
    "The printer moved the slot.", "Their legal review took longer than planned.",
    "We agreed to wait for the new logo.", "A server migration blocked the tests." },
  { "El cliente envió los materiales con una semana de retraso.",
    "Calculé mal el trabajo de traducción.", "Añadieron tres páginas nuevas al encargo.",
    "Estuve enfermo cuatro días.", "La imprenta cambió la fecha.",
    "Su revisión legal tardó más de lo previsto.", "Acordamos esperar al nuevo logotipo.",
    "Una migración del servidor bloqueó las pruebas." },
};

static const char * const feedback_texts[2][4][4] = {
  { { "Great work, the team loved the new design.", "Thanks for delivering early!",
      "The report was clear and well structured.", "Exactly what we needed, thank you." },
    { "Could the headings be a bit larger?", "Please use the formal greeting in the emails.",
      "Can we swap the second and third sections?", "The photos need warmer colours." },
    { "The copy feels too long for the landing page.", "Several figures did not match ours.",
      "The mockups missed the mobile layout.", "Some links in the newsletter were broken." },
    { "The delivery was late and we missed the fair.", "We were invoiced twice for March.",
      "Nobody answered our emails for a week.", "The files sent were the wrong version." } },
  { { "Gran trabajo, al equipo le encantó el diseño.", "¡Gracias por entregar antes de tiempo!",
      "El informe era claro y estaba bien estructurado.", "Justo lo que necesitábamos, gracias." },
    { "¿Podrían ser los títulos algo más grandes?",
      "Usad el saludo formal en los correos, por favor.",
      "¿Cambiamos de orden la segunda y la tercera sección?",
      "Las fotos necesitan colores más cálidos." },
    { "El texto es demasiado largo para la portada.",
      "Varias cifras no coincidían con las nuestras.",
      "A las maquetas les faltaba la versión móvil.",
      "Algunos enlaces del boletín no funcionaban." },
    { "La entrega llegó tarde y perdimos la feria.", "Nos facturaron dos veces marzo.",
      "Nadie respondió a nuestros correos en una semana.",
      "Los archivos enviados eran la versión equivocada." } },
};

static const char * const responses[2][4] = {
  { "Thank you, I have passed it on to the team.", "Done, the new version is in the shared folder.",
    "I apologised and sent the corrected files the same day.",
    "We agreed on a discount for the delay." },
  { "Gracias, se lo he trasladado al equipo.",
    "Hecho, la nueva versión está en la carpeta compartida.",
    "Pedí disculpas y envié los archivos corregidos ese mismo día.",
    "Acordamos un descuento por el retraso." },
};

static const char * const lessons_happened[2][6] = {
  { "I sent the draft without checking the figures.", "I promised a date before seeing the scope.",
    "I forgot to confirm the meeting.", "I delivered the files in the wrong format.",
    "I did not answer their email for a week.", "I mixed up two clients' invoices." },
  { "Envié el borrador sin revisar las cifras.", "Prometí una fecha antes de ver el alcance.",
    "Olvidé confirmar la reunión.", "Entregué los archivos en el formato equivocado.",
    "No respondí a su correo en una semana.", "Confundí las facturas de dos clientes." },
};

static const char * const lessons_cause[2][4] = {
  { "Too many projects at the same time.", "No checklist for deliveries.",
    "I relied on memory instead of the calendar.", "The brief was unclear and I did not ask." },
  { "Demasiados proyectos a la vez.", "No tenía una lista de comprobación para entregas.",
    "Confié en la memoria en lugar del calendario.", "El encargo era confuso y no pregunté." },
};

static const char * const lessons_prevention[2][4] = {
  { "Use the delivery checklist every time.", "Quote dates only after reading the whole brief.",
    "Block an hour each Friday to answer pending emails.", "Ask two questions before starting." },
  { "Usar siempre la lista de comprobación de entregas.",
    "Dar fechas solo después de leer todo el encargo.",
    "Reservar una hora cada viernes para correos pendientes.",
    "Hacer dos preguntas antes de empezar." },
};

static const char * const tags[] = {
  "deadlines", "quality", "communication", "invoicing", "scope", "plazos", "calidad",
  "comunicación", "facturación", "alcance",
};

static const char * const interaction_texts[2][8] = {
  { "Weekly check-in about progress.", "Sent the invoice and the delivery note.",
    "Call to agree on the next milestones.", "They asked about the budget for next year.",
    "Shared the draft and collected comments.", "Quick chat about the colours.",
    "Meeting at their office with the marketing team.", "Followed up on the open questions." },
  { "Reunión semanal de seguimiento.", "Envié la factura y el albarán.",
    "Llamada para acordar los próximos hitos.", "Preguntaron por el presupuesto del año que viene.",
    "Compartí el borrador y recogí comentarios.", "Charla rápida sobre los colores.",
    "Reunión en su oficina con el equipo de marketing.", "Seguimiento de las preguntas abiertas." },
};

static const char * const channels[] = {
  "email", "phone", "video-call", "chat", "in-person", "other",
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

typedef struct
{
  GRand                  *rand;
  RapportStoreBulk       *bulk;
  RapportStoreBulkInsert *insert[N_TABLES];
  guint64                 written[N_TABLES];
  char                  **days;
  char                    uuid[37];
  GString                *text[4];
} Seeder;

/* A commitment as its children need it. Its due date moved from
 * @first_due by @n_moves renegotiations, the steps of which start at
 * @first_move in the client's array of steps. */
typedef struct
{
  gint64  id;
  gint64  made;
  int     first_due;
  int     due;
  guint   first_move;
  guint   n_moves;
  gint64  delivered_at;
  gint64  deleted_at;
} Commitment;

#define INT(v) { RAPPORT_STORE_BULK_INT, (v), NULL }
#define TEXT(v) { RAPPORT_STORE_BULK_TEXT, 0, (v) }
#define NUL { RAPPORT_STORE_BULK_NULL, 0, NULL }
#define MOMENT_OR_NULL(v) { (v) > 0 ? RAPPORT_STORE_BULK_INT : RAPPORT_STORE_BULK_NULL, (v), NULL }

static const char * const columns[N_TABLES][16] = {
  { "uuid", "created", "updated", "deleted_at", "name", "company", "email", "phone", "channel",
    "cadence_days", "status", "confidential", "notes", NULL },
  { "uuid", "created", "updated", "deleted_at", "client_id", "title", "details", "agreed_on",
    "due", "status", "delivered_at", "drop_reason", NULL },
  { "uuid", "created", "updated", "deleted_at", "commitment_id", "title", "due", "delivered_at",
    NULL },
  { "uuid", "created", "updated", "deleted_at", "commitment_id", "old_due", "new_due", "reason",
    "client_told", "client_agreed", "renegotiated_at", NULL },
  { "uuid", "created", "updated", "deleted_at", "client_id", "commitment_id", "received_at",
    "kind", "content", "response", "status", "acknowledged_at", "resolved_at", "decline_reason",
    NULL },
  { "uuid", "created", "updated", "deleted_at", "client_id", "commitment_id", "feedback_id",
    "occurred_on", "what_happened", "cause", "prevention", "apology", "apologized_at", "tags",
    "reviewed_at", NULL },
  { "uuid", "created", "updated", "deleted_at", "client_id", "occurred_at", "channel", "summary",
    NULL },
};

static const char *
new_uuid (Seeder *self)
{
  guint32 a = g_rand_int (self->rand);
  guint32 b = g_rand_int (self->rand);
  guint32 c = g_rand_int (self->rand);
  guint32 d = g_rand_int (self->rand);

  g_snprintf (self->uuid, sizeof self->uuid, "%08x-%04x-4%03x-%04x-%04x%08x",
              a, b >> 16, b & 0xfff, 0x8000 | (c >> 18), c & 0xffff, d);
  return self->uuid;
}

/* A moment on @day (days since 1970), in working hours, UTC */
static gint64
moment_on (Seeder *self,
           int     day)
{
  return (gint64) day * SECONDS_PER_DAY + g_rand_int_range (self->rand, 7 * 3600, 20 * 3600);
}

static const char *
day_text (Seeder *self,
          int     day)
{
  return self->days[CLAMP (day - (LAST_DAY - N_DAYS), 0, N_DAYS + FUTURE_DAYS)];
}

/* A moment late on @day, after every moment_on() that day: the end of a
 * client's story */
static gint64
end_of_day (int day)
{
  return (gint64) day * SECONDS_PER_DAY + 21 * 3600;
}

/* @moment, or @from or @to if it is outside them (a function, unlike
 * CLAMP(), so that a random @moment is drawn once) */
static gint64
within (gint64 moment,
        gint64 from,
        gint64 to)
{
  return CLAMP (moment, from, to);
}

/* When something made at @made is delivered, drawn as @moment: not before
 * it was made, and not yet (0) if that would be after @until */
static gint64
delivery (gint64 moment,
          gint64 made,
          gint64 until)
{
  moment = MAX (moment, made);
  return moment <= until ? moment : 0;
}

/* A day between @from and @to, weighted towards recent years as a business
 * grows */
static int
later_day (Seeder *self,
           int     from,
           int     to)
{
  double r = g_rand_double (self->rand);
  int span = MAX (to - from, 1);

  return from + (int) (span * (1.0 - r * r));
}

static gboolean
insert (Seeder                       *self,
        guint                         table,
        const RapportStoreBulkValue  *values,
        gint64                       *id,
        GError                      **error)
{
  gint64 new_id = _rapport_store_bulk_insert (self->insert[table], values, error);

  if (new_id == 0)
    return FALSE;
  if (id != NULL)
    *id = new_id;
  self->written[table]++;
  return TRUE;
}

static const char *
sentences_text (Seeder  *self,
                guint    slot,
                int      lang,
                guint    min,
                guint    max)
{
  GString *text = self->text[slot];
  guint n = g_rand_int_range (self->rand, min, max + 1);

  g_string_truncate (text, 0);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, PICK (self->rand, sentences[lang]));
    }
  return text->len > 0 ? text->str : NULL;
}

/* Distributes @total among @n by random weights, deterministically */
static guint *
share_out (GRand   *rand,
           guint    n,
           guint64  total)
{
  g_autofree double *weights = g_new (double, n);
  guint *shares = g_new0 (guint, n);
  double sum = 0;
  guint64 given = 0;

  for (guint i = 0; i < n; i++)
    {
      /* A few big clients, many small ones */
      double r = g_rand_double_range (rand, 0.2, 1.0);

      weights[i] = r * r;
      sum += weights[i];
    }
  for (guint i = 0; i < n; i++)
    {
      shares[i] = (guint) (total * weights[i] / sum);
      given += shares[i];
    }
  for (guint i = 0; given < total; i = (i + 1) % n, given++)
    shares[i]++;

  return shares;
}

static gboolean
seed_client (Seeder   *self,
             guint     counts[N_TABLES],
             GError  **error)
{
  int lang = g_rand_int_range (self->rand, 0, 2);
  int start = LAST_DAY - N_DAYS + g_rand_int_range (self->rand, 0, N_DAYS - 30);
  gint64 created = moment_on (self, start);
  gboolean confidential = g_rand_int_range (self->rand, 0, 100) < 8;
  /* Trashed rows: a client with everything it has, or single rows. Nothing
   * about a client happens after it is trashed, or after the last day */
  gboolean trashed = g_rand_int_range (self->rand, 0, 100) < 2;
  int last_day = trashed ? later_day (self, start, LAST_DAY) : LAST_DAY;
  gint64 end = end_of_day (last_day);
  gint64 client_deleted = trashed ? end : 0;
  const char *first = PICK (self->rand, first_names);
  const char *last = PICK (self->rand, last_names);
  const char *stem = PICK (self->rand, company_stems);
  guint serial = g_rand_int_range (self->rand, 1, 10000);
  g_autofree char *name = g_strdup_printf ("%s %s", first, last);
  g_autofree char *company = g_strdup_printf ("%c%s %s %u %s", g_ascii_toupper (stem[0]),
                                              stem + 1, PICK (self->rand, company_kinds[lang]),
                                              serial, PICK (self->rand, company_suffixes[lang]));
  g_autofree char *email = g_strdup_printf ("contact%u@%s%u.example", serial % 97, stem, serial);
  g_autofree char *phone = g_strdup_printf (lang ? "+34 6%02u %03u %03u" : "+44 7%03u %06u",
                                            g_rand_int_range (self->rand, 0, 100),
                                            g_rand_int_range (self->rand, 0, 1000),
                                            g_rand_int_range (self->rand, 0, 1000));
  g_autofree Commitment *commitments = g_new0 (Commitment, MAX (counts[COMMITMENTS], 1));
  g_autofree int *move_days = g_new0 (int, MAX (counts[RENEGOTIATIONS], 1));
  guint n_moves = 0;
  g_autofree gint64 *feedback_ids = g_new0 (gint64, MAX (counts[FEEDBACK], 1));
  static const char * const statuses[] = { "active", "active", "active", "paused", "former" };
  static const guint cadences[] = { 0, 7, 14, 30, 90 };
  gint64 client_id = 0;

  {
    RapportStoreBulkValue values[] = {
      TEXT (new_uuid (self)), INT (created), INT (created), MOMENT_OR_NULL (client_deleted),
      TEXT (name), TEXT (company), TEXT (email), TEXT (phone),
      TEXT (PICK (self->rand, channels)), INT (PICK (self->rand, cadences)),
      TEXT (PICK (self->rand, statuses)), INT (confidential),
      TEXT (sentences_text (self, 0, lang, 0, 2)),
    };

    if (!insert (self, CLIENTS, values, &client_id, error))
      return FALSE;
  }

  /* Which commitments had their due date moved, and how many times */
  for (guint i = 0; i < counts[RENEGOTIATIONS] && counts[COMMITMENTS] > 0; i++)
    commitments[g_rand_int_range (self->rand, 0, counts[COMMITMENTS])].n_moves++;

  for (guint i = 0; i < counts[COMMITMENTS]; i++)
    {
      int agreed = later_day (self, start, last_day);
      int first_due = agreed + g_rand_int_range (self->rand, 3, 90);
      int due = first_due;
      int roll = g_rand_int_range (self->rand, 0, 100);
      const char *status = "open";
      gint64 delivered_at = 0;
      const char *drop_reason = NULL;
      gint64 made = moment_on (self, agreed);
      gint64 deleted = client_deleted;
      GString *title = self->text[1];

      /* Each renegotiation moved the date later, no further than the
       * days the seed writes: the row has the last */
      commitments[i].first_move = n_moves;
      for (guint k = 0; k < commitments[i].n_moves; k++)
        {
          int step = g_rand_int_range (self->rand, 1, 30);

          if (due + step > LAST_DAY + FUTURE_DAYS)
            {
              commitments[i].n_moves = k;
              break;
            }
          move_days[n_moves++] = step;
          due += step;
        }

      if (due < LAST_DAY - 30 || roll < 60)
        {
          if (roll < 92)
            {
              gint64 moment = moment_on (self, due + g_rand_int_range (self->rand, -10, 8));

              delivered_at = delivery (moment, made, end);
              if (delivered_at != 0)
                status = "delivered";
            }
          else
            {
              status = "dropped";
              drop_reason = PICK (self->rand, reasons[lang]);
            }
        }
      /* Trashed on its own, some time after its last change */
      if (deleted == 0 && g_rand_int_range (self->rand, 0, 100) < 2)
        {
          gint64 changed = MAX (made, delivered_at);
          gint64 after = g_rand_int_range (self->rand, 0, 300 * SECONDS_PER_DAY);

          deleted = changed < end ? changed + 1 + after % (end - changed) : end;
        }

      g_string_printf (title, "%s %s %s", PICK (self->rand, verbs[lang]),
                       PICK (self->rand, objects[lang]), PICK (self->rand, purposes[lang]));

      {
        RapportStoreBulkValue values[] = {
          TEXT (new_uuid (self)), INT (made), INT (MAX (made, delivered_at)),
          MOMENT_OR_NULL (deleted), INT (client_id), TEXT (title->str),
          TEXT (sentences_text (self, 0, lang, 0, 3)), TEXT (day_text (self, agreed)),
          TEXT (day_text (self, due)), TEXT (status), MOMENT_OR_NULL (delivered_at),
          TEXT (drop_reason),
        };

        if (!insert (self, COMMITMENTS, values, &commitments[i].id, error))
          return FALSE;
      }
      commitments[i].made = made;
      commitments[i].first_due = first_due;
      commitments[i].due = due;
      commitments[i].delivered_at = delivered_at;
      commitments[i].deleted_at = deleted;
    }

  for (guint i = 0; i < counts[DELIVERABLES] && counts[COMMITMENTS] > 0; i++)
    {
      Commitment *c = &commitments[g_rand_int_range (self->rand, 0, counts[COMMITMENTS])];
      /* Made with its commitment or later, before the commitment was trashed */
      gint64 until = c->deleted_at != 0 ? c->deleted_at : end;
      int due = c->due - g_rand_int_range (self->rand, 0, 20);
      gint64 made = within (moment_on (self, due - 30), c->made, until);
      gint64 delivered = due < LAST_DAY && g_rand_int_range (self->rand, 0, 100) < 85 ?
        delivery (moment_on (self, due + g_rand_int_range (self->rand, -5, 5)), made, until) : 0;
      RapportStoreBulkValue values[] = {
        TEXT (new_uuid (self)), INT (made), INT (MAX (made, delivered)),
        MOMENT_OR_NULL (c->deleted_at), INT (c->id), TEXT (PICK (self->rand, parts[lang])),
        TEXT (day_text (self, due)), MOMENT_OR_NULL (delivered),
      };

      if (!insert (self, DELIVERABLES, values, NULL, error))
        return FALSE;
    }

  /* A commitment's renegotiations one after the other, each a few days
   * before the date it moved, and before the commitment was delivered */
  for (guint i = 0; i < counts[COMMITMENTS]; i++)
    {
      Commitment *c = &commitments[i];
      int old_due = c->first_due;
      gint64 after = c->made;
      gint64 until = c->deleted_at != 0 ? c->deleted_at : end;

      if (c->delivered_at != 0)
        until = MIN (until, c->delivered_at);

      for (guint k = 0; k < c->n_moves; k++)
        {
          int new_due = old_due + move_days[c->first_move + k];
          gint64 when = within (moment_on (self, old_due - g_rand_int_range (self->rand, 1, 10)),
                                after, MAX (after, until));
          /* Three in four agreed; one in ten was never told */
          int answer = g_rand_int_range (self->rand, 0, 100);
          RapportStoreBulkValue values[] = {
            TEXT (new_uuid (self)), INT (when), INT (when), MOMENT_OR_NULL (c->deleted_at),
            INT (c->id), TEXT (day_text (self, old_due)), TEXT (day_text (self, new_due)),
            TEXT (PICK (self->rand, reasons[lang])),
            INT (answer < 90), INT (answer < 75), INT (when),
          };

          if (!insert (self, RENEGOTIATIONS, values, NULL, error))
            return FALSE;
          old_due = new_due;
          after = when;
        }
    }

  for (guint i = 0; i < counts[FEEDBACK]; i++)
    {
      int day = later_day (self, start, last_day);
      gint64 received = moment_on (self, day);
      int kind = g_rand_int_range (self->rand, 0, 4);
      static const char * const kinds[] = { "praise", "adjustment", "criticism", "complaint" };
      int roll = g_rand_int_range (self->rand, 0, 100);
      const char *status = "addressed";
      const char *response = NULL;
      const char *decline = NULL;
      gint64 acknowledged = 0;
      gint64 resolved = 0;
      gint64 deleted = client_deleted;
      gboolean about_commitment = counts[COMMITMENTS] > 0 && g_rand_boolean (self->rand);
      Commitment *c = about_commitment ?
        &commitments[g_rand_int_range (self->rand, 0, counts[COMMITMENTS])] : NULL;

      if (day > LAST_DAY - 60 && roll < 30)
        status = "open";
      else if (day > LAST_DAY - 60 && roll < 45)
        {
          status = "acknowledged";
          acknowledged = received + g_rand_int_range (self->rand, 600, 2 * SECONDS_PER_DAY);
        }
      else if (roll < 90)
        {
          response = PICK (self->rand, responses[lang]);
          acknowledged = received + g_rand_int_range (self->rand, 600, 2 * SECONDS_PER_DAY);
          resolved = acknowledged + g_rand_int_range (self->rand, 600, 10 * SECONDS_PER_DAY);
        }
      else
        {
          status = "declined";
          decline = PICK (self->rand, reasons[lang]);
          resolved = received + g_rand_int_range (self->rand, 600, 5 * SECONDS_PER_DAY);
        }
      acknowledged = MIN (acknowledged, end);
      resolved = MIN (resolved, end);
      if (deleted == 0 && g_rand_int_range (self->rand, 0, 100) < 1)
        deleted = MIN (MAX (received, resolved) + SECONDS_PER_DAY, end);

      {
        RapportStoreBulkValue values[] = {
          TEXT (new_uuid (self)), INT (received), INT (MAX (received, resolved)),
          MOMENT_OR_NULL (deleted), INT (client_id), MOMENT_OR_NULL (c != NULL ? c->id : 0),
          INT (received), TEXT (kinds[kind]), TEXT (PICK (self->rand, feedback_texts[lang][kind])),
          TEXT (response), TEXT (status), MOMENT_OR_NULL (acknowledged),
          MOMENT_OR_NULL (resolved), TEXT (decline),
        };

        if (!insert (self, FEEDBACK, values, &feedback_ids[i], error))
          return FALSE;
      }
    }

  for (guint i = 0; i < counts[LESSONS]; i++)
    {
      int day = later_day (self, start, last_day);
      gint64 made = moment_on (self, day);
      int roll = g_rand_int_range (self->rand, 0, 100);
      const char *apology = roll < 50 ? "not-needed" : roll < 60 ? "owed" : "made";
      gint64 apologized = g_str_equal (apology, "made") ?
                          within (made + g_rand_int_range (self->rand, 600, 3 * SECONDS_PER_DAY),
                                  made, end) : 0;
      gint64 reviewed = g_rand_int_range (self->rand, 0, 100) < 70 ?
                        made + g_rand_int_range (self->rand, 7, 60) * SECONDS_PER_DAY : 0;
      gboolean own_client = g_rand_int_range (self->rand, 0, 100) < 90;
      gint64 commitment_id = own_client && counts[COMMITMENTS] > 0 &&
                             g_rand_int_range (self->rand, 0, 100) < 40 ?
        commitments[g_rand_int_range (self->rand, 0, counts[COMMITMENTS])].id : 0;
      gint64 feedback_id = own_client && counts[FEEDBACK] > 0 &&
                           g_rand_int_range (self->rand, 0, 100) < 30 ?
        feedback_ids[g_rand_int_range (self->rand, 0, counts[FEEDBACK])] : 0;
      GString *tag_text = self->text[1];

      /* A review due after the end is not made yet */
      if (reviewed > end)
        reviewed = 0;
      g_string_assign (tag_text, PICK (self->rand, tags));
      if (g_rand_boolean (self->rand))
        g_string_append_printf (tag_text, ", %s", PICK (self->rand, tags));

      {
        RapportStoreBulkValue values[] = {
          TEXT (new_uuid (self)), INT (made), INT (MAX (made, MAX (apologized, reviewed))),
          MOMENT_OR_NULL (client_deleted), MOMENT_OR_NULL (own_client ? client_id : 0),
          MOMENT_OR_NULL (commitment_id), MOMENT_OR_NULL (feedback_id),
          TEXT (day_text (self, day)), TEXT (PICK (self->rand, lessons_happened[lang])),
          TEXT (PICK (self->rand, lessons_cause[lang])),
          TEXT (PICK (self->rand, lessons_prevention[lang])), TEXT (apology),
          MOMENT_OR_NULL (apologized), TEXT (tag_text->str), MOMENT_OR_NULL (reviewed),
        };

        /* A lesson of no client is not trashed with this one */
        if (!own_client)
          values[3].kind = RAPPORT_STORE_BULK_NULL;
        if (!insert (self, LESSONS, values, NULL, error))
          return FALSE;
      }
    }

  for (guint i = 0; i < counts[INTERACTIONS]; i++)
    {
      gint64 when = moment_on (self, later_day (self, start, last_day));
      gint64 deleted = client_deleted;
      RapportStoreBulkValue values[] = {
        TEXT (new_uuid (self)), INT (when), INT (when), NUL, INT (client_id), INT (when),
        TEXT (PICK (self->rand, channels)), TEXT (PICK (self->rand, interaction_texts[lang])),
      };

      if (deleted == 0 && g_rand_int_range (self->rand, 0, 100) < 1)
        deleted = MIN (when + SECONDS_PER_DAY, end);
      values[3] = (RapportStoreBulkValue) MOMENT_OR_NULL (deleted);
      if (!insert (self, INTERACTIONS, values, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static char **
day_texts (void)
{
  char **days = g_new0 (char *, N_DAYS + FUTURE_DAYS + 2);
  g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, 1970);

  g_date_add_days (date, LAST_DAY - N_DAYS);
  for (guint i = 0; i <= N_DAYS + FUTURE_DAYS; i++)
    {
      days[i] = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                                 g_date_get_month (date), g_date_get_day (date));
      g_date_add_days (date, 1);
    }
  return days;
}

static gboolean
seed (const char  *path,
      guint64      rows,
      guint32      seed_value,
      GError     **error)
{
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportStoreBulk) bulk = NULL;
  /* Not g_autofree: that frees only an array's first pointer */
  guint *per_client[N_TABLES] = { NULL };
  g_autoptr(GTimer) timer = g_timer_new ();
  Seeder self = { 0 };
  guint n_clients;
  guint64 total = 0;
  gboolean ok = TRUE;
  double seconds;

  /* Creates the file and its schema, as the app would */
  store = rapport_store_open (path, error);
  if (store == NULL)
    return FALSE;
  g_clear_object (&store);

  bulk = _rapport_store_bulk_open (path, error);
  if (bulk == NULL || !_rapport_store_bulk_begin_write (bulk, error))
    return FALSE;

  self.rand = g_rand_new_with_seed (seed_value);
  self.bulk = bulk;
  self.days = day_texts ();
  for (guint i = 0; i < G_N_ELEMENTS (self.text); i++)
    self.text[i] = g_string_sized_new (256);

  n_clients = MAX ((guint) (rows * mix[CLIENTS] / 1e6 + 0.5), 1);
  for (guint t = COMMITMENTS; t < N_TABLES; t++)
    per_client[t] = share_out (self.rand, n_clients, (guint64) (rows * mix[t] / 1e6 + 0.5));

  for (guint t = 0; t < N_TABLES && ok; t++)
    {
      self.insert[t] = _rapport_store_bulk_insert_new (bulk, t, columns[t], error);
      ok = self.insert[t] != NULL;
    }

  for (guint c = 0; c < n_clients && ok; c++)
    {
      guint counts[N_TABLES] = { 1 };

      for (guint t = COMMITMENTS; t < N_TABLES; t++)
        counts[t] = per_client[t][c];
      ok = seed_client (&self, counts, error);
    }

  for (guint t = 0; t < N_TABLES && ok; t++)
    ok = _rapport_store_bulk_insert_flush (self.insert[t], error);
  ok = ok && _rapport_store_bulk_sync_last_contacts (bulk, error);

  for (guint t = 0; t < N_TABLES; t++)
    g_clear_pointer (&self.insert[t], _rapport_store_bulk_insert_free);
  ok = ok && _rapport_store_bulk_commit (bulk, error);
  if (!ok)
    _rapport_store_bulk_rollback (bulk);

  seconds = g_timer_elapsed (timer, NULL);
  for (guint t = 0; t < N_TABLES; t++)
    {
      printf ("%-15s %9" G_GUINT64_FORMAT "\n", _rapport_store_bulk_table_name (t),
              self.written[t]);
      total += self.written[t];
    }
  if (ok)
    {
      struct rusage usage;
      double cpu = 0;

      /* On a shared machine, wall time is not all ours */
      if (getrusage (RUSAGE_SELF, &usage) == 0)
        cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
              usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
      printf ("seed: %" G_GUINT64_FORMAT " rows in %.1f s, CPU %.1f s (%.0f rows/s)\n",
              total, seconds, cpu, total / seconds);
    }

  g_rand_free (self.rand);
  g_strfreev (self.days);
  for (guint t = 0; t < N_TABLES; t++)
    g_free (per_client[t]);
  for (guint i = 0; i < G_N_ELEMENTS (self.text); i++)
    g_string_free (self.text[i], TRUE);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *database = NULL;
  gint64 rows = 1000000;
  int seed_value = 1;
  gboolean replace = FALSE;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, "The database to fill", "PATH" },
    { "rows", 'n', 0, G_OPTION_ARG_INT64, &rows, "About how many rows to write", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed_value, "The seed of the random data", "S" },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace, "Delete PATH first if it exists", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- fill a Rapport database");
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (database == NULL || rows < 1)
    {
      g_printerr ("Give the database to fill with --database PATH, and --rows N of 1 or more.\n");
      return 2;
    }

  if (replace)
    {
      g_autofree char *wal = g_strconcat (database, "-wal", NULL);
      g_autofree char *shm = g_strconcat (database, "-shm", NULL);

      g_unlink (database);
      g_unlink (wal);
      g_unlink (shm);
    }
  else if (g_file_test (database, G_FILE_TEST_EXISTS))
    {
      g_printerr ("The file “%s” exists: seed a new database, or pass --replace.\n", database);
      return 1;
    }

  if (!seed (database, (guint64) rows, (guint32) seed_value, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}
