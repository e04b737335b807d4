"""A page in the layout kept for the process (accounts.page_shell): the same page as
`render` gives, for every one who sees it, with their own token, header and messages."""

import re

import pytest

from tests.factories import user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.shell_urls")]

# The page templates that go through render_page.
TEMPLATES = [
    "hulpvragen/board.html",
    "vrijwilligers/registry.html",
    "sociale_kaart/organisation_list.html",
    "hulpvragen/meeting.html",
    "hulpvragen/resident_list.html",
]


def both(client, template, how="shell", **query):
    """The page through `render` and through `render_page` (`how`: with content, "shell",
    or with a context, "context"), with the CSRF tokens (masked anew for every request)
    taken out, and the tokens."""
    pages = []
    for way in ("render", how):
        html = client.get(f"/_shell/{way}/{template}", query).content.decode()
        pages.append(html)
    tokens = [re.findall(r'(?:value="|"X-CSRFToken": ")([A-Za-z0-9]{64})"', p) for p in pages]
    plain = [re.sub(r'(value="|"X-CSRFToken": ")[A-Za-z0-9]{64}"', r"\1…", p) for p in pages]
    return plain, tokens


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_coordinator_gets_the_same_page_with_the_idle_warning_and_their_own_token(
    client, coordinator, template
):
    client.force_login(coordinator)
    (rendered, shell), (_, tokens) = both(client, template)
    assert shell == rendered
    assert "data-idle-seconds=" in shell and 'id="idle-warning"' in shell
    assert "<p>Hoofdstraat 1</p>" in shell and coordinator.get_full_name() in shell
    assert tokens and all(len(token) == 64 for token in tokens)
    assert not re.search("[\x01-\x05]", shell)


@pytest.mark.parametrize("template", TEMPLATES)
def test_messages_are_escaped_shown_once_and_the_same_both_ways(client, coordinator, template):
    client.force_login(coordinator)
    query = {"message": ["Opgeslagen: van 't Hof", "<b>twee</b>"], "error": "Mislukt & fout"}
    (rendered, shell), _ = both(client, template, **query)
    assert shell == rendered
    assert '<div class="alert alert-success">Opgeslagen: van &#x27;t Hof</div>' in shell
    assert '<div class="alert alert-success">&lt;b&gt;twee&lt;/b&gt;</div>' in shell
    assert '<div class="alert alert-danger">Mislukt &amp; fout</div>' in shell
    again = client.get(f"/_shell/shell/{template}").content.decode()
    assert "Opgeslagen" not in again and 'class="messages"' not in again


def test_each_user_sees_their_own_header_and_only_a_limited_session_the_idle_warning(
    client, coordinator, volunteer_user, village
):
    template = TEMPLATES[0]
    client.force_login(coordinator)
    first, _ = both(client, template)
    other = user_with_role("coordinator", village, full_name="Bert van 't Hof")
    client.force_login(other)
    second, _ = both(client, template)
    assert second[0] == second[1] and "Bert van &#x27;t Hof" in second[1]
    assert coordinator.get_full_name() not in second[1]
    client.force_login(volunteer_user)
    (rendered, shell), _ = both(client, template)
    assert shell == rendered
    assert 'href="/vrijwilligers/mijn-taken/"' in shell and 'href="/vrijwilligers/"' not in shell
    assert ("data-idle-seconds=" in shell) == ("data-idle-seconds=" in rendered)


def test_someone_not_logged_in_and_another_language_get_the_same_page(client):
    (rendered, shell), _ = both(client, TEMPLATES[0])
    assert shell == rendered and "data-idle-seconds" not in shell
    (rendered, shell), _ = both(client, TEMPLATES[0], language="en", content="Board & co")
    assert shell == rendered and '<html lang="en">' in shell
    assert "<p>Board &amp; co</p>" in shell


# The page templates that go through render_page with a context: their title and content
# blocks rendered per request.
WITH_CONTEXT = ["hulpvragen/request_detail.html", "koppelingen/candidates.html"]


@pytest.mark.parametrize("template", WITH_CONTEXT)
def test_a_page_with_its_own_title_and_content_is_the_same_for_each_request(
    client, coordinator, village, template
):
    from hulpvragen.models import HelpRequest
    from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory

    client.force_login(coordinator)
    first, second = (
        HelpRequestFactory(resident=ResidentFactory(village=village, last_name=name))
        for name in ("van 't Hof", "de Vries & Zn")
    )
    pages = {}
    for help_request in (first, second):
        (rendered, shell), _ = both(
            client, template, how="context", request=help_request.pk, message="Gevraagd"
        )
        assert shell == rendered
        assert '<div class="alert alert-success">Gevraagd</div>' in shell
        assert not re.search("[\x01-\x06]", shell)
        pages[help_request.pk] = shell
    title = re.compile(r"<title>(.*?)</title>", re.S)
    if template == WITH_CONTEXT[0]:
        assert "van &#x27;t Hof" in title.search(pages[first.pk]).group(1)
        assert "de Vries &amp; Zn" in title.search(pages[second.pk]).group(1)
    assert HelpRequest.objects.count() == 2


def test_a_changed_template_in_development_makes_the_layout_again(client, coordinator):
    from pathlib import Path

    from django.utils.autoreload import file_changed

    from accounts import page_shell
    from accounts.templatetags import layout

    client.force_login(coordinator)
    both(client, TEMPLATES[0])
    assert page_shell._shell.cache_info().currsize and layout._header.cache_info().currsize
    file_changed.send(sender=None, file_path=Path("dorpsloket/static/css/dorpsloket.css"))
    assert page_shell._shell.cache_info().currsize
    file_changed.send(sender=None, file_path=Path("templates/base.html"))
    assert page_shell._shell.cache_info().currsize == 0
    assert layout._header.cache_info().currsize == 0
