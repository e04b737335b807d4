"""Volunteers who also help a neighbouring village: among its candidates within that village's
boundaries, their load counted across villages, and neither desk seeing the other's residents."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hulpvragen.lifecycle import Status
from koppelingen import services
from koppelingen.models import Assignment
from koppelingen.ranking import CandidateFacts, Need, exclusions
from koppelingen.selectors import candidate_facts, ranked_candidates
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, category
from vrijwilligers import services as volunteer_services

from .factories import MatchableVolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(village):
    """Hendrik from Warffum: drives up to 60 km, offers rides and odd jobs."""
    return MatchableVolunteerFactory(
        village=village,
        first_name="Hendrik",
        last_name="Ubbens",
        street="Molenstraat",
        phone="0612121212",
        offers=[category("vervoer"), category("klus")],
    )


@pytest.fixture
def share(driver, other_village, coordinator):
    """Warffum agreed: Hendrik also drives for Usquert, at most 30 km."""
    return volunteer_services.volunteer_share_start(
        volunteer=driver,
        helps_in=other_village,
        categories=[category("vervoer")],
        max_km=30,
        by=coordinator,
    )


@pytest.fixture
def usquert_resident(other_village):
    return ResidentFactory(
        village=other_village,
        first_name="Trijntje",
        last_name="Bolhuis",
        street="Kerkstraat",
        house_number=3,
        postcode="9988 AA",
    )


def usquert_ride(resident, **kwargs):
    kwargs.setdefault("distance_km", 20)
    kwargs.setdefault("needed_on", timezone.localdate() + timedelta(days=3))
    return HelpRequestFactory(
        village=resident.village,
        resident=resident,
        category=kwargs.pop("category", category("vervoer")),
        time_from=time(10, 0),
        status=Status.SEARCHING,
        **kwargs,
    )


def facts_of(help_request, volunteer):
    today = timezone.localdate()
    return next(
        f for f in candidate_facts(help_request, today=today) if f.volunteer_id == volunteer.pk
    )


def test_a_shared_volunteer_is_a_candidate_there_marked_with_their_home_village(
    share, driver, usquert_resident
):
    facts = facts_of(usquert_ride(usquert_resident), driver)
    assert facts.home_village == "Warffum"
    eligible, _excluded = ranked_candidates(
        usquert_ride(usquert_resident), today=timezone.localdate()
    )
    assert driver.pk in [c.facts.volunteer_id for c in eligible]


def test_without_an_agreement_a_neighbours_volunteer_is_not_a_candidate(driver, usquert_resident):
    ride = usquert_ride(usquert_resident)
    assert driver.pk not in [
        f.volunteer_id for f in candidate_facts(ride, today=timezone.localdate())
    ]


def test_after_the_agreement_ended_they_are_no_candidate_there(
    share, driver, usquert_resident, coordinator
):
    volunteer_services.volunteer_share_end(share=share, by=coordinator)
    ride = usquert_ride(usquert_resident)
    assert driver.pk not in [
        f.volunteer_id for f in candidate_facts(ride, today=timezone.localdate())
    ]


def test_only_the_kinds_of_help_agreed_count_there(share, driver, usquert_resident):
    job = usquert_ride(usquert_resident, category=category("klus"), distance_km=None)
    facts = facts_of(job, driver)
    assert category("klus").pk not in facts.offers
    eligible, excluded = ranked_candidates(job, today=timezone.localdate())
    (mine,) = [c for c in excluded if c.facts.volunteer_id == driver.pk]
    assert mine.excluded_because == [
        "Biedt dit alleen aan in Warffum (niet afgesproken voor dit dorp)"
    ]


def test_the_other_villages_distance_limit_holds_there(share, driver, usquert_resident):
    far = usquert_ride(usquert_resident, distance_km=45)  # Hendrik drives 60 km at home
    _eligible, excluded = ranked_candidates(far, today=timezone.localdate())
    (mine,) = [c for c in excluded if c.facts.volunteer_id == driver.pk]
    assert mine.excluded_because == ["Rijdt hooguit 30 km, deze rit is 45 km"]


def test_the_agreed_weekdays_hold_there(driver, other_village, coordinator, usquert_resident):
    on = timezone.localdate() + timedelta(days=3)
    other_day = (on.weekday() + 1) % 7
    volunteer_services.volunteer_share_start(
        volunteer=driver,
        helps_in=other_village,
        categories=[category("vervoer")],
        weekdays=[other_day],
        by=coordinator,
    )
    facts = facts_of(usquert_ride(usquert_resident, needed_on=on), driver)
    assert not facts.available
    assert facts.unavailable_reason.startswith("Helpt in dit dorp alleen op ")


def test_tasks_in_the_home_village_count_towards_the_cap_there(
    share, driver, usquert_resident, resident, ride
):
    driver.monthly_cap = 1
    driver.save()
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[driver], by=None)
    services.invitation_accept(invitation=invitation)
    # The Warffum task is this month (the test ride is in three days, same month or not):
    Assignment.objects.filter(volunteer=driver).update(task_date=timezone.localdate())
    facts = facts_of(usquert_ride(usquert_resident), driver)
    assert facts.tasks_this_month == 1
    assert facts.asked_last_30 == 1
    assert "Maximum per maand bereikt (1 van 1)" in exclusions(
        Need(category_id=category("vervoer").pk, resident_id=usquert_resident.pk), facts
    )


def test_a_task_there_counts_at_home_as_well(share, driver, usquert_resident, ride):
    other = usquert_ride(usquert_resident)
    (invitation,) = services.invitations_send(help_request=other, volunteers=[driver], by=None)
    services.invitation_accept(invitation=invitation)
    Assignment.objects.filter(volunteer=driver).update(task_date=timezone.localdate())
    facts = facts_of(ride, driver)
    assert facts.tasks_this_month == 1
    assert facts.home_village == ""


def test_the_other_village_may_ask_a_shared_volunteer(share, driver, usquert_resident):
    (invitation,) = services.invitations_send(
        help_request=usquert_ride(usquert_resident), volunteers=[driver], by=None
    )
    assert invitation.village.name == "Usquert"


def test_a_volunteer_of_another_village_without_agreement_cannot_be_asked(driver, usquert_resident):
    with pytest.raises(ValidationError):
        services.invitations_send(
            help_request=usquert_ride(usquert_resident), volunteers=[driver], by=None
        )


def test_a_ranking_fact_of_another_village_explains_what_was_not_agreed():
    facts = CandidateFacts(
        volunteer_id=1,
        name="A",
        offers=frozenset(),
        home_village="Warffum",
        offers_at_home=frozenset({7}),
    )
    assert exclusions(Need(category_id=8, resident_id=1), facts) == [
        "Biedt deze soort hulp niet aan"
    ]


# --- the candidates page of the other village --------------------------------------------


def candidates_page(client, help_request):
    return client.get(reverse("koppelingen:candidates", args=[help_request.pk])).content.decode()


def test_the_other_village_sees_name_and_home_village_but_no_contact_details(
    client, other_coordinator, share, driver, usquert_resident
):
    client.force_login(other_coordinator)
    html = candidates_page(client, usquert_ride(usquert_resident))
    assert "Hendrik Ubbens" in html
    assert "uit Warffum" in html
    assert "Molenstraat" not in html
    assert "06 12 12 12 12" not in html


def test_after_accepting_the_other_village_sees_the_phone(
    client, other_coordinator, share, driver, usquert_resident
):
    ride = usquert_ride(usquert_resident, volunteers_needed=2)
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[driver], by=None)
    client.force_login(other_coordinator)
    assert "06 12 12 12 12" not in candidates_page(client, ride)
    services.invitation_accept(invitation=invitation)
    html = candidates_page(client, ride)
    assert "06 12 12 12 12" in html


def test_the_candidates_page_of_the_other_village_takes_a_fixed_number_of_queries(
    client,
    other_coordinator,
    other_village,
    coordinator,
    village,
    usquert_resident,
    django_assert_max_num_queries,
):
    def share_some(n):
        for _ in range(n):
            volunteer = MatchableVolunteerFactory(village=village, offers=[category("vervoer")])
            volunteer_services.volunteer_share_start(
                volunteer=volunteer,
                helps_in=other_village,
                categories=[category("vervoer")],
                by=coordinator,
            )

    ride = usquert_ride(usquert_resident)
    client.force_login(other_coordinator)
    share_some(2)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("koppelingen:candidates", args=[ride.pk]))
    share_some(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = candidates_page(client, ride)
    assert html.count("uit Warffum") == 12


# --- the home village -----------------------------------------------------------------------


def test_the_home_desk_sees_how_much_they_did_there_but_not_for_whom(
    client, coordinator, share, driver, usquert_resident
):
    ride = usquert_ride(usquert_resident)
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[driver], by=None)
    services.invitation_accept(invitation=invitation)
    Assignment.objects.filter(volunteer=driver).update(task_date=timezone.localdate())
    client.force_login(coordinator)
    html = client.get(reverse("vrijwilligers:detail", args=[driver.pk])).content.decode()
    assert "In Usquert: 1 taken in de laatste 90 dagen, 1 deze maand." in html
    assert "Trijntje" not in html and "Bolhuis" not in html


def test_stopping_counts_the_tasks_elsewhere_without_naming_the_residents(
    client, coordinator, share, driver, usquert_resident
):
    services.invitations_send(
        help_request=usquert_ride(usquert_resident), volunteers=[driver], by=None
    )
    client.force_login(coordinator)
    html = client.get(reverse("vrijwilligers:stop", args=[driver.pk])).content.decode()
    assert "In een ander dorp waar deze vrijwilliger helpt" in html
    assert "Trijntje" not in html


def test_the_pair_logbook_of_a_shared_volunteer_opens_for_the_other_village(
    client, other_coordinator, share, driver, usquert_resident
):
    client.force_login(other_coordinator)
    response = client.get(reverse("koppelingen:pair_log", args=[driver.pk, usquert_resident.pk]))
    assert response.status_code == 200


def test_the_volunteer_sees_which_village_a_task_is_for_and_the_read_is_logged_there(
    client, volunteer_user, other_village, usquert_resident
):
    from accounts.access_log_models import AccessLogEntry

    jan = volunteer_user.volunteer_record
    jan.categories.set([category("vervoer")])
    volunteer_services.volunteer_share_start(
        volunteer=jan, helps_in=other_village, categories=[category("vervoer")], by=None
    )
    services.invitations_send(
        help_request=usquert_ride(usquert_resident), volunteers=[jan], by=None
    )
    client.force_login(volunteer_user)
    html = client.get(reverse("vrijwilligers:my_tasks")).content.decode()
    assert "in Usquert" in html
    entry = AccessLogEntry.objects.filter(user=volunteer_user).latest("at")
    assert entry.village == other_village
