from datetime import date

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from activiteiten.models import Activity
from activiteiten.selectors import activities_for_volunteer

from .factories import ActivityFactory, VolunteerFactory, kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_c(client, coordinator):
    client.force_login(coordinator)
    return client


def test_the_list_shows_this_years_activities_in_few_queries(
    client_c, village, other_village, django_assert_max_num_queries
):
    volunteers = VolunteerFactory.create_batch(4, village=village)
    this_year = date.today().year
    for month in range(1, 7):
        ActivityFactory(village=village, starts_on=date(this_year, month, 1), volunteers=volunteers)
    ActivityFactory(village=other_village, starts_on=date(this_year, 1, 1))
    with django_assert_max_num_queries(10):
        response = client_c.get(reverse("activiteiten:list"))
    assert response.status_code == 200
    assert len(response.context["activities"]) == 6
    assert response.context["activities"][0].volunteer_count == 4
    assert response.context["deployed_count"] == 4


def test_the_list_can_show_another_year(client_c, village):
    ActivityFactory(village=village, starts_on=date(2023, 5, 1), title="Fittest 2023")
    response = client_c.get(reverse("activiteiten:list"), {"year": "2023"})
    assert [a.title for a in response.context["activities"]] == ["Fittest 2023"]


def test_recording_an_activity_with_volunteers(client_c, village):
    one, two = VolunteerFactory.create_batch(2, village=village)
    response = client_c.post(
        reverse("activiteiten:create"),
        {
            "kind": kind("flyerronde").pk,
            "title": "Flyers dorpsloket",
            "starts_on": "2025-04-05",
            "volunteers": [one.pk, two.pk],
            "from_signal": "on",
            "signal_note": "Veel ouderen kennen het loket niet",
        },
    )
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert set(activity.volunteers.all()) == {one, two}
    assert activity.from_signal and activity.signal_note


def test_a_volunteer_of_another_village_cannot_be_chosen(client_c, village, other_village):
    stranger = VolunteerFactory(village=other_village)
    response = client_c.post(
        reverse("activiteiten:create"),
        {"kind": kind("fittest").pk, "starts_on": "2025-04-05", "volunteers": [stranger.pk]},
    )
    assert response.status_code == 200
    assert "volunteers" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_a_wrong_end_date_keeps_what_was_typed(client_c, village):
    response = client_c.post(
        reverse("activiteiten:create"),
        {"kind": kind("fittest").pk, "title": "Fittest sporthal", "starts_on": "2025-04-05",
         "ends_on": "2025-04-01"},
    )  # fmt: skip
    content = response.content.decode()
    assert response.status_code == 200
    assert "De einddatum kan niet vóór de begindatum liggen." in content
    assert "Fittest sporthal" in content


def test_editing_changes_the_volunteers(client_c, village):
    one, two = VolunteerFactory.create_batch(2, village=village)
    activity = ActivityFactory(village=village, volunteers=[one])
    response = client_c.post(
        reverse("activiteiten:edit", args=[activity.pk]),
        {"kind": activity.kind.pk, "starts_on": "2025-03-15", "volunteers": [two.pk]},
    )
    assert response.status_code == 302
    assert list(activity.volunteers.all()) == [two]


def test_the_volunteer_include_lists_their_activities(rf, village, coordinator):
    volunteer = VolunteerFactory(village=village)
    ActivityFactory(village=village, title="Collecte Spar", volunteers=[volunteer])
    request = rf.get("/")
    request.user = coordinator
    html = render_to_string(
        "activiteiten/_volunteer_activities.html",
        {"volunteer_activities": activities_for_volunteer(volunteer)},
        request=request,
    )
    assert "Collecte Spar" in html
