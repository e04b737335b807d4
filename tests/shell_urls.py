"""The project's URLs plus one page rendered both ways, for tests/accounts/test_page_shell.py:
through `render` and through `accounts.page_shell.render_page`, with the same content."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import override

from accounts.page_shell import render_page
from dorpsloket.urls import handler500  # noqa: F401
from dorpsloket.urls import urlpatterns as project_urlpatterns


def _page(request, how, template):
    for text in request.GET.getlist("message"):
        messages.success(request, text)
    if request.GET.get("error"):
        messages.error(request, request.GET["error"])
    content = format_html("<p>{}</p>", request.GET.get("content", "Hoofdstraat 1"))
    with override(request.GET.get("language", "nl")):
        if how == "render":
            return render(request, template, {"content": content})
        return render_page(request, template, content)


@login_not_required
def page(request, how, template):
    return _page(request, how, template)


urlpatterns = [
    path("_shell/<str:how>/<path:template>", page),
    *project_urlpatterns,
]
