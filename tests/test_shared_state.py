"""Settings that would break with several web processes are refused (dorpsloket.checks)."""

import pytest

from dorpsloket.checks import shared_state_check

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
    }
}


@pytest.mark.parametrize(
    "engine",
    ["django.contrib.sessions.backends.cached_db", "django.contrib.sessions.backends.cache"],
)
def test_sessions_in_a_per_process_cache_are_an_error(settings, engine):
    settings.SESSION_ENGINE = engine
    settings.CACHES = LOCMEM
    assert [e.id for e in shared_state_check()] == ["dorpsloket.E001"]


@pytest.mark.parametrize(
    ("engine", "caches"),
    [
        ("django.contrib.sessions.backends.cached_db", REDIS),
        ("django.contrib.sessions.backends.db", LOCMEM),
        ("django.contrib.sessions.backends.db", REDIS),
        ("accounts.sessions", LOCMEM),
    ],
)
def test_sessions_in_the_database_or_a_shared_cache_are_fine(settings, engine, caches):
    settings.SESSION_ENGINE = engine
    settings.CACHES = caches
    assert shared_state_check() == []
