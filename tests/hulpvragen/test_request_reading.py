"""get_help_request_for_user: the request with what its pages show, for its own village only."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from accounts.access import Access
from accounts.models import Membership
from accounts.roles import Role
from hulpvragen.models import HelpRequest
from hulpvragen.selectors import REQUEST_PAGE_RELATED, get_help_request_for_user

from ..factories import user_with_role
from .factories import HelpRequestFactory, ResidentFactory, an_organisation, transport_request

pytestmark = pytest.mark.django_db


def access_of(user, village=None):
    memberships = list(Membership.objects.filter(user=user).select_related("village"))
    return Access(user=user, memberships=memberships, active_village_id=village and village.pk)


def test_a_ride_is_read_with_everything_its_page_shows_in_one_query(village, coordinator):
    resident = ResidentFactory(village=village, last_name="van 't Hof")
    ride = transport_request(
        resident=resident,
        assigned_to=coordinator,
        created_by=coordinator,
        destination=an_organisation(village, name="Huisartsenpraktijk Warffum"),
        distance_km="0.8",
    )
    plain = HelpRequestFactory(resident=ResidentFactory(village=village))
    access = access_of(coordinator)
    for request in (ride, plain, ride):  # the third time from the compiled query
        expected = HelpRequest.objects.select_related(*REQUEST_PAGE_RELATED).get(pk=request.pk)
        with CaptureQueriesContext(connection) as queries:
            found = get_help_request_for_user(access, request.pk)
            shown = [getattr(found, name) for name in REQUEST_PAGE_RELATED]
            assert found.resident.village == found.village  # no query for the resident's
        assert len(queries) <= 3  # the query, and SET LOCAL in its transaction on PostgreSQL
        assert sum("hulpvragen_helprequest" in q["sql"] for q in queries) == 1
        assert (found.pk, found.description, found.distance_km) == (
            expected.pk,
            expected.description,
            expected.distance_km,
        )
        assert shown == [getattr(expected, name) for name in REQUEST_PAGE_RELATED]
    assert get_help_request_for_user(access, str(ride.pk)).resident.last_name == "van 't Hof"


def test_another_villages_request_or_another_role_is_a_404(village, other_village, coordinator):
    theirs = HelpRequestFactory(resident=ResidentFactory(village=other_village))
    ours = HelpRequestFactory(resident=ResidentFactory(village=village))
    with pytest.raises(Http404):
        get_help_request_for_user(access_of(coordinator), theirs.pk)
    with pytest.raises(Http404):
        get_help_request_for_user(access_of(coordinator), 10**9)
    volunteer = user_with_role(Role.VOLUNTEER, village)
    with pytest.raises(Http404):
        get_help_request_for_user(access_of(volunteer), ours.pk)
    both = user_with_role(Role.COORDINATOR, village, other_village)
    assert get_help_request_for_user(access_of(both, other_village), theirs.pk) == theirs
    with pytest.raises(Http404):
        get_help_request_for_user(access_of(both, other_village), ours.pk)
