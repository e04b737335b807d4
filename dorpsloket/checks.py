"""Nothing kept in one process that several would need to share (docs/operations.md).

Sessions kept in the cache (SESSION_ENGINE cache or cached_db) need a cache that every web
process shares: with the per-process memory cache (no REDIS_URL), a session ended in one
process would live on in the copies of the others. That is a system-check error.
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
CACHED_SESSION_ENGINES = {
    "django.contrib.sessions.backends.cache",
    "django.contrib.sessions.backends.cached_db",
}


@register()
def shared_state_check(app_configs=None, **kwargs):
    errors = []
    cache_backend = settings.CACHES[getattr(settings, "SESSION_CACHE_ALIAS", "default")]["BACKEND"]
    if settings.SESSION_ENGINE in CACHED_SESSION_ENGINES and cache_backend in PER_PROCESS_CACHES:
        errors.append(
            Error(
                f"SESSION_ENGINE is {settings.SESSION_ENGINE} but the cache is {cache_backend}: "
                "each process would keep its own copy of a session, and a logout in one "
                "would not reach the others.",
                hint="Set REDIS_URL (a cache all processes share), or leave SESSION_ENGINE "
                "at django.contrib.sessions.backends.db.",
                id="dorpsloket.E001",
            )
        )
    return errors
