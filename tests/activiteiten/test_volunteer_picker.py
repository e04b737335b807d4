"""Choosing volunteers for an activity by search and filter (the demo has 150 volunteers,
among them three called Hendrik Kamminga), with htmx and without JavaScript."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from activiteiten.models import Activity
from activiteiten.selectors import PICKER_LIMIT, volunteer_picker
from hulpvragen.models import HelpCategory
from tests.client import Client
from vrijwilligers.models import Volunteer

from .factories import kind

pytestmark = pytest.mark.django_db


def _boxes(html: str) -> list[tuple[str, bool]]:
    """(volunteer pk, checked) for every volunteer checkbox on the page."""
    return [
        (m.group(1), "checked" in m.group(0))
        for m in re.finditer(r'<input[^>]*name="volunteers" value="(\d+)"[^>]*>', html)
    ]


def test_choosing_volunteers_for_an_activity_in_the_demo(django_assert_max_num_queries):
    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    client = Client()
    assert client.login(username="coordinator@warffum.example", password="dorpsloket-demo")
    village = Volunteer.objects.get(user__email="vrijwilliger@warffum.example").village
    assert Volunteer.objects.filter(village=village).count() >= 140

    # No wall of 150 checkboxes: a search box, a filter and a short list.
    page = client.get(reverse("activiteiten:create")).content.decode()
    assert 'name="picker_q"' in page and 'name="picker_offers"' in page
    assert len(_boxes(page)) == PICKER_LIMIT
    assert "typ een naam, straat of plaats om ze te vinden" in page

    # Same name, told apart by street and phone.
    url = reverse("activiteiten:volunteer_picker")
    with django_assert_max_num_queries(8):
        found = client.get(url, {"picker_q": "hendrik kamminga"}, HTTP_HX_REQUEST="true")
    html = found.content.decode()
    assert "Gevonden: 3 vrijwilligers" in html
    for street, phone in [
        ("Schoolstraat 16", "0595 48 30 24"),
        ("Lageweg 91", "0595 48 29 33"),
        ("Hoofdstraat 4", "0595 48 47 26"),
    ]:
        assert street in html and phone in html
    tuin = HelpCategory.objects.get(code="tuin")
    html = client.get(url, {"picker_q": "kamminga", "picker_offers": tuin.pk}).content.decode()
    assert "Lageweg 91" in html and "Schoolstraat 16" not in html
    html = client.get(
        url, {"picker_q": "hendrik kamminga", "picker_available": "on"}
    ).content.decode()
    assert "Gevonden: 2 vrijwilligers" in html and "Schoolstraat 16" not in html  # paused

    # Ticking one keeps it on top, chosen, whatever is searched next.
    lageweg = Volunteer.objects.get(village=village, street="Lageweg", last_name="Kamminga")
    html = client.get(url, {"picker_q": "zijlstra", "volunteers": [lageweg.pk]}).content.decode()
    assert html.index("Lageweg 91") < html.index("Gevonden")
    assert (str(lageweg.pk), True) in _boxes(html)

    # Without JavaScript: "Zoeken" shows the results and keeps what was typed, saves nothing.
    fittest = kind("fittest")
    typed = {
        "kind": fittest.pk,
        "title": "Fittest in 't Dorpshuis",
        "starts_on": "2026-12-03",
        "volunteers": [lageweg.pk],
        "picker_q": "hoofdstraat hendrik kamminga",
        "pick": "search",
    }
    page = client.post(reverse("activiteiten:create"), typed).content.decode()
    assert 'value="Fittest in &#x27;t Dorpshuis"' in page
    assert "Gevonden: 1 vrijwilliger" in page and "Hoofdstraat 4" in page
    assert (str(lageweg.pk), True) in _boxes(page)
    assert not Activity.objects.filter(title__startswith="Fittest in").exists()

    hoofdstraat = Volunteer.objects.get(
        village=village, street="Hoofdstraat", first_name="Hendrik", last_name="Kamminga"
    )
    saved = dict(typed, volunteers=[lageweg.pk, hoofdstraat.pk])
    del saved["pick"]
    response = client.post(reverse("activiteiten:create"), saved, follow=True)
    assert "De activiteit is vastgelegd." in response.content.decode()
    activity = Activity.objects.get(title="Fittest in 't Dorpshuis")
    assert set(activity.volunteers.all()) == {lageweg, hoofdstraat}

    # Editing shows the chosen ones on top.
    page = client.get(reverse("activiteiten:edit", args=[activity.pk])).content.decode()
    assert "Gekozen: 2 vrijwilligers" in page
    assert page.index("Lageweg 91") < page.index('id="picker-found"')


def test_the_picker_finds_a_surname_with_a_prefix_word_by_word(village):
    from tests.vrijwilligers.factories import VolunteerFactory

    hof = VolunteerFactory(village=village, first_name="Jan", last_name="van 't Hof")
    VolunteerFactory(village=village, first_name="Jan", last_name="Hofstra", street="Kerkpad")
    VolunteerFactory(village=village, last_name="van 't Hof", status="stopped")
    pick = volunteer_picker(village, q="jan van 't hof")
    assert pick.found == [hof]
    assert volunteer_picker(village, q="hof kerkpad").total_found == 1
