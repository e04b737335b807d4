"""A lock that holds across worker processes and machines: one job runs once at a time.

With several workers, beat still sends each periodic job once, but a job can be delivered
again while it still runs (a worker lost, the broker's visibility timeout) or outlast its own
interval. The jobs are idempotent one after the other; this keeps two runs of the same job
from working side by side. On PostgreSQL it is a session advisory lock, which the server
drops by itself when the worker's connection goes; elsewhere a key added to the cache (Redis
with REDIS_URL: shared by all workers), which expires after the task time limit.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def held(name: str) -> Iterator[bool]:
    """Try to take the lock `name` without waiting; yields whether it was taken."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [name])
            taken = cursor.fetchone()[0]
        try:
            yield taken
        finally:
            if taken:
                try:
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [name])
                except DatabaseError:  # a broken connection has dropped the lock already
                    logger.warning("could not release the lock %s", name, exc_info=True)
        return
    key = f"lock:{name}"
    taken = cache.add(key, 1, timeout=settings.CELERY_TASK_TIME_LIMIT)
    try:
        yield taken
    finally:
        if taken:
            cache.delete(key)
