"""The project's URLs plus one page rendered each way, for tests/accounts/test_page_shell.py:
through `render` and through `accounts.page_shell.render_page` (with content, or with a
context), with the same values."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import override

from accounts.page_shell import render_page
from dorpsloket.urls import handler500  # noqa: F401
from dorpsloket.urls import urlpatterns as project_urlpatterns
from hulpvragen.models import HelpRequest


def _page(request, how, template):
    for text in request.GET.getlist("message"):
        messages.success(request, text)
    if request.GET.get("error"):
        messages.error(request, request.GET["error"])
    content = format_html("<p>{}</p>", request.GET.get("content", "Hoofdstraat 1"))
    context = {"content": content}
    if request.GET.get("request"):
        # A page with blocks of its own: the request it is about, in the names its
        # template reads it by.
        help_request = HelpRequest.objects.get(pk=request.GET["request"])
        context |= {"hr": help_request, "help_request": help_request, "can_ask": True}
    with override(request.GET.get("language", "nl")):
        if how == "render":
            return render(request, template, context)
        if how == "context":
            return render_page(request, template, context=context)
        return render_page(request, template, content)


@login_not_required
def page(request, how, template):
    return _page(request, how, template)


urlpatterns = [
    path("_shell/<str:how>/<path:template>", page),
    *project_urlpatterns,
]
