"""Response headers that keep residents' data out of caches."""

from __future__ import annotations

from django.utils.cache import add_never_cache_headers, patch_cache_control


class NoStoreMiddleware:
    """Every page and every download the application itself makes carries
    `Cache-Control: no-store, private` (with `no-cache`, `must-revalidate` and `max-age=0`):
    no browser, proxy or shared computer keeps a copy of a page with an address, a health note
    or an export on disk. Static files are served before this middleware (WhiteNoise) and
    keep their long cache lifetimes; they hold no personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response
