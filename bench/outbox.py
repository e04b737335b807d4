"""Benchmark of the outbox: due rows per second with one and with two workers, and duplicates.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dl_bench .venv/bin/python bench/outbox.py
    .venv/bin/python bench/outbox.py --rows 2000 --smtp locmem     # quick, Django's locmem

Fills a throwaway database (refuses one with villages other than `bench-…`) with due e-mail
rows of a benchmark message kind (rendered in one go per batch, like the invitations), then
runs real worker processes that claim batches (SELECT … FOR UPDATE SKIP LOCKED on
PostgreSQL), send them and mark them, until nothing is due. Mail goes to a small SMTP server
on localhost in this process (a thread per connection; it records every Message-ID), so the
figures include the SMTP conversation over one connection per batch. Not a test: run it by
hand, see bench/README.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import socket
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/dorpsloket-bench-outbox.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dorpsloket.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")


class FakeSMTP:
    """Just enough SMTP (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) to accept mail; keeps the
    Message-ID of every message received."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.ids: list[str] = []
        self.connections = 0
        self.lock = threading.Lock()
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with self.lock:
                self.connections += 1
            threading.Thread(target=self.talk, args=(conn,), daemon=True).start()

    def talk(self, conn):
        f = conn.makefile("rb")
        conn.sendall(b"220 bench ESMTP\r\n")
        while line := f.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                conn.sendall(b"250-bench\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                conn.sendall(b"354 go on\r\n")
                message_id = None
                while (data := f.readline()) not in (b".\r\n", b""):
                    if message_id is None and data.lower().startswith(b"message-id:"):
                        message_id = data.split(b":", 1)[1].strip().decode()
                with self.lock:
                    self.ids.append(message_id)
                conn.sendall(b"250 queued\r\n")
            elif verb == b"QUIT":
                conn.sendall(b"221 bye\r\n")
                break
            else:
                conn.sendall(b"250 ok\r\n")
        conn.close()


def setup_django(smtp_port: int | None):
    if smtp_port:
        os.environ["EMAIL_HOST"] = "127.0.0.1"
        os.environ["EMAIL_PORT"] = str(smtp_port)
        os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
    else:
        os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django

    django.setup()
    from meldingen import registry
    from meldingen.messages import Message

    def many(contexts):
        return [
            Message(
                subject=f"Herinnering voor morgen ({context['n']})",
                text="Beste vrijwilliger,\n\nMorgen om 9:30 rijden naar het ziekenhuis "
                f"({context['n']}).\n",
            )
            for context in contexts
        ]

    registry.register_message("bench", lambda context: many([context])[0])
    registry.register_message_many("bench", many)


def fill(rows: int):
    from django.core.management import call_command
    from django.utils import timezone

    from accounts.models import Village
    from meldingen.models import Notification

    call_command("migrate", verbosity=0)
    if Village.objects.exclude(slug__startswith="bench-").exists():
        sys.exit("This database holds real villages; use a throwaway one.")
    Notification.objects.filter(template="bench").delete()
    village, _ = Village.objects.get_or_create(slug="bench-outbox", defaults={"name": "Bench"})
    now = timezone.now()
    Notification.objects.bulk_create(
        [
            Notification(
                village=village,
                channel="email",
                recipient=f"vrijwilliger{n}@example.org",
                template="bench",
                context={"n": n},
                due_at=now,
                idempotency_key=f"bench:{now.timestamp()}:{n}",
            )
            for n in range(rows)
        ],
        batch_size=2000,
    )


def worker(smtp_port, batch, ready, start, out):
    setup_django(smtp_port)
    from django.db import connection

    from meldingen import services
    from meldingen.models import Notification

    Notification.objects.exists()  # connected before the clock starts
    ready.put(True)
    start.wait()
    claimed = 0
    while True:
        claim, picked = services.claim_batch(limit=batch)
        if not picked:
            break
        services.deliver_claimed(claim)
        claimed += len(picked)
    connection.close()
    out.put(claimed)


def run(workers: int, rows: int, batch: int, smtp: FakeSMTP | None) -> dict:
    from django.db import connection

    from meldingen.models import Notification

    fill(rows)
    connection.close()
    ctx = multiprocessing.get_context("spawn")
    ready, start, out = ctx.Queue(), ctx.Event(), ctx.Queue()
    port = smtp.port if smtp else None
    procs = [
        ctx.Process(target=worker, args=(port, batch, ready, start, out)) for _ in range(workers)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get()  # each has imported Django and connected
    if smtp:
        smtp.ids.clear()
    began = time.perf_counter()
    start.set()
    claimed = [out.get() for _ in procs]
    seconds = time.perf_counter() - began
    for p in procs:
        p.join()
    statuses = Counter(
        Notification.objects.filter(template="bench").values_list("status", flat=True)
    )
    duplicates = sum(n - 1 for n in Counter(smtp.ids).values() if n > 1) if smtp else "n/a (locmem)"
    return {
        "workers": workers,
        "rows": rows,
        "seconds": seconds,
        "rows_per_s": rows / seconds,
        "claimed": claimed,
        "sent": statuses.get("sent", 0),
        "received": len(smtp.ids) if smtp else "n/a",
        "duplicates": duplicates,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--smtp", choices=["fake", "locmem"], default="fake")
    args = parser.parse_args()
    smtp = FakeSMTP() if args.smtp == "fake" else None
    setup_django(smtp.port if smtp else None)
    from django.db import connection

    print(
        f"database: {connection.vendor}, {args.rows} due rows, batches of {args.batch}, "
        f"mail: {'fake SMTP server on localhost' if smtp else 'Django locmem'}"
    )
    for workers in (1, 2):
        r = run(workers, args.rows, args.batch, smtp)
        print(
            f"{r['workers']} worker(s): {r['rows_per_s']:,.0f} rows/s "
            f"({r['seconds']:.2f} s; claimed per worker {r['claimed']}; sent {r['sent']}; "
            f"received {r['received']}; duplicates {r['duplicates']})"
        )
    if smtp:
        print(f"SMTP connections opened: {smtp.connections}")


if __name__ == "__main__":
    main()
