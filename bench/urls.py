"""The app's URLs plus one bare view, for bench/pages.py: the same server and middleware,
next to nothing in the view (the ceiling a page's requests per second are compared with)."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


handler500 = "dorpsloket.views.server_error"

urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("dorpsloket.urls")),
]
