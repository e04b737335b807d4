"""The project's URLs plus views that fail on purpose, for tests/test_error_pages.py."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from dorpsloket.urls import handler500  # noqa: F401
from dorpsloket.urls import urlpatterns as project_urlpatterns


@login_not_required
def bad_request(request):
    raise SuspiciousOperation("test")


@login_not_required
def forbidden(request):
    raise PermissionDenied


@login_not_required
def server_error(request):
    # Like a real view: the capability check builds request.access before the failure.
    bool(request.access.can_coordinate)
    raise RuntimeError("a bug")


urlpatterns = [
    path("_fout/400/", bad_request),
    path("_fout/403/", forbidden),
    path("_fout/500/", server_error),
    *project_urlpatterns,
]
