#!/usr/bin/env python3
"""Writes a Rapport backup with a freelancer's believable week, dated
around today, for screenshots and for trying the app:

    python3 tools/demo-backup.py > /tmp/demo.json
    rapport --database /tmp/demo.db --import-backup /tmp/demo.json
"""
import datetime as dt
import json
import sys
import uuid

today = dt.date.today()
now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
ns = uuid.UUID("6f1c2a5e-0000-4000-8000-000000000000")


def uid(name):
    return str(uuid.uuid5(ns, name))


def day(offset):
    return (today + dt.timedelta(days=offset)).isoformat()


def moment(offset_days, hour=10):
    t = dt.datetime.combine(today + dt.timedelta(days=offset_days), dt.time(hour, 0),
                            tzinfo=dt.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def base(name, created=-60):
    return {"uuid": uid(name), "created": moment(created), "updated": moment(-1),
            "deleted_at": None}


clients = [
    ("Estudio Ñandú", "Ñandú Diseño S.L.", "hola@nandu.example", "video-call", 7, False,
     "Prefiere llamadas cortas los lunes por la mañana."),
    ("Northwind Traders", "Northwind Ltd", "ops@northwind.example", "email", 14, False,
     "Weekly status by e-mail; invoices to accounts@."),
    ("Clínica Albor", "Albor Salud", "direccion@albor.example", "phone", 10, True,
     "Confidential: new patient portal before the public announcement."),
    ("Lumen Books", "Lumen Publishing", "editor@lumen.example", "chat", 0, False,
     "Small team, replies fast on chat."),
]

backup = {"format": "rapport-backup", "format_version": 1, "generated": moment(0),
          "app_version": "0.1.0", "clients": [], "commitments": [], "deliverables": [],
          "renegotiations": [], "feedback": [], "lessons": [], "interactions": []}

for i, (name, company, email, channel, cadence, confidential, notes) in enumerate(clients):
    row = base(name)
    row.update({"name": name, "company": company, "email": email, "phone": None,
                "channel": channel, "cadence_days": cadence, "status": "active",
                "confidential": confidential, "notes": notes, "last_contact": None})
    backup["clients"].append(row)

commitments = [
    ("Estudio Ñandú", "Rediseño de la web", "Home, blog y contacto", -30, 2, "open", None),
    ("Estudio Ñandú", "Guía de estilo", "Colores y tipografías", -40, -5, "delivered", -6),
    ("Northwind Traders", "Quarterly sales dashboard", "Power users first", -20, -2, "open", None),
    ("Northwind Traders", "Data import script", "CSV from the old ERP", -50, -20, "delivered", -18),
    ("Clínica Albor", "Portal de pacientes: prototipo", "Citas y resultados", -25, 5, "open", None),
    ("Lumen Books", "Cover for “The Quiet Harbour”", "Three options", -15, 1, "open", None),
    ("Lumen Books", "Ebook conversion", "EPUB and Kindle", -60, -35, "delivered", -36),
    ("Northwind Traders", "Training session", "Cancelled by the client", -45, -10, "dropped", None),
]
for title_client, title, details, agreed, due, status, delivered in commitments:
    row = base(title)
    row.update({"client": uid(title_client), "title": title, "details": details,
                "agreed_on": day(agreed), "due": day(due), "status": status,
                "delivered_at": moment(delivered) if delivered is not None else None,
                "drop_reason": "The client postponed the training to next year"
                if status == "dropped" else None})
    backup["commitments"].append(row)

for title, parent, due, delivered in [
        ("Maqueta de la home", "Rediseño de la web", -10, -11),
        ("Plantilla del blog", "Rediseño de la web", -3, None),
        ("Formulario de contacto", "Rediseño de la web", 2, None)]:
    row = base(title)
    row.update({"commitment": uid(parent), "title": title, "due": day(due),
                "delivered_at": moment(delivered) if delivered is not None else None})
    backup["deliverables"].append(row)

row = base("reneg-dashboard")
row.update({"commitment": uid("Quarterly sales dashboard"), "old_due": day(-9), "new_due": day(-2),
            "reason": "Waiting for access to the sales database", "client_agreed": True,
            "renegotiated_at": moment(-12)})
backup["renegotiations"].append(row)

for key, client, commitment, kind, content, response, status, received in [
        ("fb1", "Estudio Ñandú", "Guía de estilo", "adjustment",
         "El verde del logotipo se ve apagado en móviles.", "Lo reviso con el perfil sRGB.",
         "acknowledged", -4),
        ("fb2", "Northwind Traders", "Data import script", "praise",
         "The import ran overnight without a single error. Thank you!", "Glad it helped.",
         "addressed", -17),
        ("fb3", "Lumen Books", None, "criticism",
         "Replies took two days last week.", None, "open", -5)]:
    row = base(key)
    row.update({"client": uid(client), "commitment": uid(commitment) if commitment else None,
                "received_at": moment(received), "kind": kind, "content": content,
                "response": response, "status": status,
                "acknowledged_at": moment(received + 1) if status != "open" else None,
                "resolved_at": moment(received + 2) if status == "addressed" else None,
                "decline_reason": None})
    backup["feedback"].append(row)

for key, client, what, cause, prevention, apology, tags, occurred in [
        ("l1", "Lumen Books", "Answered a client two days late",
         "Chat notifications were muted during a deadline",
         "Check client chats at 9:00 and 16:00 every day", "owed", "communication", -5),
        ("l2", "Northwind Traders", "Missed the first dashboard date",
         "Agreed a date before having database access",
         "Never promise a date before having the data", "made", "estimates", -12)]:
    row = base(key)
    row.update({"client": uid(client), "commitment": None, "feedback": None,
                "occurred_on": day(occurred), "what_happened": what, "cause": cause,
                "prevention": prevention, "apology": apology,
                "apologized_at": moment(occurred + 1) if apology == "made" else None,
                "tags": tags, "reviewed_at": None})
    backup["lessons"].append(row)

for key, client, channel, summary, when in [
        ("i1", "Estudio Ñandú", "video-call", "Revisión semanal del rediseño", -3),
        ("i2", "Northwind Traders", "email", "Sent the dashboard preview", -20),
        ("i3", "Lumen Books", "chat", "Agreed on the cover brief", -6)]:
    row = base(key)
    row.update({"client": uid(client), "occurred_at": moment(when), "channel": channel,
                "summary": summary})
    backup["interactions"].append(row)

json.dump(backup, sys.stdout, ensure_ascii=False, indent=1)
