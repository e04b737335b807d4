"""A volunteer keeps their own details on the phone; every change is visible to coordinators."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hulpvragen.models import HelpCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def me(client, volunteer_user):
    client.force_login(volunteer_user)
    return volunteer_user.volunteer_record


def test_volunteer_sets_an_absence_and_it_is_in_the_history(client, me):
    start = timezone.localdate() + timedelta(days=10)
    response = client.post(
        reverse("vrijwilligers:absences", args=[me.pk]),
        {"starts_on": start.isoformat(), "ends_on": (start + timedelta(days=14)).isoformat()},
    )
    assert response.status_code == 302
    absence = me.absences.get()
    assert absence.ends_on == start + timedelta(days=14)
    change = me.changes.get()
    assert change.kind == "absence_added" and change.by_volunteer


def test_absence_ending_before_it_starts_is_refused_in_dutch(client, me):
    response = client.post(
        reverse("vrijwilligers:absences", args=[me.pk]),
        {"starts_on": "2030-08-17", "ends_on": "2030-08-03"},
    )
    assert "De laatste dag kan niet vóór de eerste dag liggen." in response.content.decode()
    assert 'value="2030-08-17"' in response.content.decode()
    assert not me.absences.exists()


def test_volunteer_changes_the_availability_grid(client, me):
    client.post(
        reverse("vrijwilligers:availability", args=[me.pk]), {"slots": ["0-morning", "5-evening"]}
    )
    assert me.weekly_slots == {(0, "morning"), (5, "evening")}
    change = me.changes.get()
    assert change.kind == "availability" and change.by_volunteer


def test_volunteer_keeps_their_boundaries(client, me):
    garden = HelpCategory.objects.get(code="tuin")
    transport = HelpCategory.objects.get(code="vervoer")
    client.post(
        reverse("vrijwilligers:my_boundaries"),
        {
            "categories": [transport.pk],
            "refused_categories": [garden.pk],
            "boundaries": "Niet naar het volgende dorp.",
            "max_km": "15",
            "has_car": "on",
        },
    )
    me.refresh_from_db()
    assert set(me.refused_categories.all()) == {garden}
    assert me.boundaries == "Niet naar het volgende dorp."
    assert me.changes.get().changes["refused_categories"] == ["", str(garden)]


def test_volunteer_edits_contact_details_but_not_notes(client, me):
    me.coordinator_notes = "Alleen voor de coördinator."
    me.save()
    client.post(
        reverse("vrijwilligers:my_details_edit"),
        {
            "first_name": "Jan",
            "last_name": "Huizinga",
            "phone": "06-28765432",
            "place": "Warffum",
            "coordinator_notes": "Gehackt",
        },
    )
    me.refresh_from_db()
    assert me.phone == "0628765432"
    assert me.coordinator_notes == "Alleen voor de coördinator."


def test_still_right_sets_last_confirmed_on(client, me):
    client.post(reverse("vrijwilligers:my_confirm"))
    me.refresh_from_db()
    assert me.last_confirmed_on == timezone.localdate()


def test_my_details_page_never_shows_coordinator_notes(client, me):
    me.coordinator_notes = "Geheime notitie"
    me.save()
    response = client.get(reverse("vrijwilligers:my_details"))
    assert response.status_code == 200
    assert "Geheime notitie" not in response.content.decode()


def test_my_details_page_has_a_plain_title_and_one_calendar_section(client, me):
    page = client.get(reverse("vrijwilligers:my_details")).content.decode()
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "Mijn gegevens" in title and "<" not in title
    assert page.count('id="calendar"') == 1


def test_coordinator_sees_the_volunteers_own_changes(client, me, coordinator):
    client.post(
        reverse("vrijwilligers:absences", args=[me.pk]),
        {"starts_on": "2030-08-03", "ends_on": "2030-08-17"},
    )
    client.force_login(coordinator)
    page = client.get(reverse("vrijwilligers:detail", args=[me.pk])).content.decode()
    assert "door de vrijwilliger" in page
    assert "3 augustus 2030" in page


def test_volunteer_without_a_record_gets_a_friendly_page(client, village):
    from accounts.roles import Role
    from tests.factories import user_with_role

    client.force_login(user_with_role(Role.VOLUNTEER, village))
    response = client.get(reverse("vrijwilligers:my_details"))
    assert response.status_code == 200
    assert "coördinator" in response.content.decode()


def test_get_volunteer_for_user_rules(rf, village, volunteer_user, coordinator, reader):
    from django.http import Http404

    from accounts.access import Access
    from accounts.models import Membership
    from vrijwilligers.selectors import get_volunteer_for_user

    from .factories import VolunteerFactory

    own = volunteer_user.volunteer_record
    someone = VolunteerFactory(village=village)

    def access(user):
        return Access(user=user, memberships=list(Membership.objects.filter(user=user)))

    assert get_volunteer_for_user(access(coordinator), someone.pk) == someone
    assert get_volunteer_for_user(access(volunteer_user), own.pk) == own
    for user, pk in [(volunteer_user, someone.pk), (reader, own.pk)]:
        with pytest.raises(Http404):
            get_volunteer_for_user(access(user), pk)


def test_is_available_reads_a_volunteers_absence_through_the_selector(me):
    from vrijwilligers.availability import is_available
    from vrijwilligers.models import Volunteer
    from vrijwilligers.selectors import with_availability
    from vrijwilligers.services import absence_add, volunteer_update

    monday = date(2030, 8, 5)
    volunteer_update(volunteer=me, by=None, slots=[(0, "morning")])
    absence_add(volunteer=me, by=None, starts_on=monday, ends_on=monday)
    loaded = with_availability(Volunteer.objects.filter(pk=me.pk), today=date(2030, 8, 1)).get()
    assert not is_available(loaded, monday, "morning")
    assert is_available(loaded, monday + timedelta(days=7), "morning")
