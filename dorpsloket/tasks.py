from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEALTH_CACHE_KEY = "celery:health:last-run"


@shared_task(name="dorpsloket.health_check")
def health_check(token: str = "") -> str:
    """Prove the wiring: a worker picked this up and can reach the cache.

    Stores when it ran (and the caller's token) so that whoever queued it can see it arrived.
    Running it twice only overwrites the same key.
    """
    cache.set(HEALTH_CACHE_KEY, {"token": token, "at": timezone.now().isoformat()}, 3600)
    return "ok"
