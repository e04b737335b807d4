from django.utils.functional import SimpleLazyObject

from .access import build_access


class AccessMiddleware:
    """Attach `request.access` (built lazily, once per request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access = SimpleLazyObject(lambda: build_access(request))
        return self.get_response(request)
