def access(request):
    return {"access": getattr(request, "access", None)}


def session_limits(request):
    """The idle limit for static/js/session.js (see accounts.security)."""
    from django.conf import settings

    return {
        "idle_timeout_seconds": settings.SESSION_IDLE_TIMEOUT,
        "idle_warning_seconds": settings.SESSION_IDLE_WARNING,
        "idle_warning_minutes": settings.SESSION_IDLE_WARNING // 60,
    }
