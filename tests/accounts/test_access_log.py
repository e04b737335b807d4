"""The access log's writing API (accounts.access_log) and its append-only table."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.urls import resolve

from accounts.access import build_access
from accounts.access_log import Action, log_read, log_residents
from accounts.access_log_models import AccessLogEntry, AppendOnlyError
from accounts.roles import Role
from tests.factories import MembershipFactory, UserFactory, VillageFactory
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory


def _request(user=None, path="/hulpvragen/hulpvragers/?q=van+%27t+Hof&token=abc"):
    request = RequestFactory().get(path)
    request.session = {}
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    request.user = user
    request.access = build_access(request)
    request.resolver_match = resolve(request.path)
    return request


@pytest.mark.django_db
def test_one_row_per_distinct_resident_in_one_query(
    coordinator, village, django_assert_num_queries
):
    residents = ResidentFactory.create_batch(3, village=village)
    request = _request(coordinator)
    ids = [r.pk for r in residents] + [residents[0].pk, None]
    with django_assert_num_queries(1):
        written = log_read(request, village=village, resident_ids=ids, action=Action.SEARCH)
    assert written == 3
    assert sorted(AccessLogEntry.objects.values_list("resident_id", flat=True)) == sorted(
        r.pk for r in residents
    )


@pytest.mark.django_db
def test_a_row_says_who_in_what_role_through_what_and_which_page(coordinator, village):
    resident = ResidentFactory(village=village)
    log_read(
        _request(coordinator),
        village=village,
        resident_ids=[resident.pk],
        object_ref=f"resident:{resident.pk}",
    )
    entry = AccessLogEntry.objects.get()
    assert entry.user == coordinator
    assert entry.role == Role.COORDINATOR
    assert entry.village == village
    assert entry.action == Action.VIEW
    assert entry.via == AccessLogEntry.Via.SESSION
    assert entry.view_name == "hulpvragen:resident_list"
    assert entry.object_ref == f"resident:{resident.pk}"


@pytest.mark.django_db
def test_no_query_string_token_or_typed_text_is_stored(coordinator, village):
    resident = ResidentFactory(village=village)
    log_read(_request(coordinator), village=village, resident_ids=[resident.pk])
    row = AccessLogEntry.objects.values().get()
    stored = " ".join(str(value) for value in row.values())
    assert "abc" not in stored
    assert "Hof" not in stored
    assert "token" not in stored


@pytest.mark.django_db
def test_nothing_shown_writes_nothing(coordinator, village, django_assert_num_queries):
    request = _request(coordinator)
    with django_assert_num_queries(0):
        assert log_read(request, village=village, resident_ids=[None]) == 0


@pytest.mark.django_db
def test_a_visitor_without_login_is_a_volunteer_on_a_task_link(village):
    resident = ResidentFactory(village=village)
    log_read(_request(), village=village, resident_ids=[resident.pk])
    entry = AccessLogEntry.objects.get()
    assert entry.user is None
    assert (entry.role, entry.via) == (Role.VOLUNTEER, AccessLogEntry.Via.TASK_LINK)


@pytest.mark.django_db
def test_the_role_is_the_one_held_in_the_village_of_the_resident(village):
    other = VillageFactory()
    user = UserFactory()
    MembershipFactory(user=user, village=village, role=Role.VOLUNTEER)
    MembershipFactory(user=user, village=other, role=Role.COORDINATOR)
    resident = ResidentFactory(village=village)
    log_read(_request(user), village=village, resident_ids=[resident.pk])
    assert AccessLogEntry.objects.get().role == Role.VOLUNTEER


@pytest.mark.django_db
def test_staff_in_the_admin_read_through_the_admin(client, village, beheerder):
    admin = beheerder
    admin.is_superuser = True
    admin.save()
    resident = ResidentFactory(village=village, last_name="van 't Hof")
    client.force_login(admin)
    response = client.get(f"/beheer/hulpvragen/resident/{resident.pk}/change/")
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.via, entry.role, entry.action) == (
        AccessLogEntry.Via.ADMIN,
        Role.BEHEERDER,
        Action.VIEW,
    )
    client.get("/beheer/hulpvragen/helprequest/")
    client.get("/beheer/hulpvragen/resident/")
    assert AccessLogEntry.objects.filter(action=Action.SEARCH).count() == 1


@pytest.mark.django_db
def test_a_list_of_requests_logs_their_residents(coordinator, village):
    requests = HelpRequestFactory.create_batch(2, village=village, resident__village=village)
    request = _request(coordinator)
    assert log_residents(request, requests) == 2


# --- append-only ------------------------------------------------------------------------


@pytest.fixture
def entry(coordinator, village):
    resident = ResidentFactory(village=village)
    log_read(_request(coordinator), village=village, resident_ids=[resident.pk])
    return AccessLogEntry.objects.get()


@pytest.mark.django_db
def test_the_model_refuses_to_change_or_delete_a_row(entry):
    entry.action = Action.EDIT
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(action=Action.EDIT)
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()
    entry.refresh_from_db()
    assert entry.action == Action.VIEW


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE accounts_accesslogentry SET action = 'edit'",
        "DELETE FROM accounts_accesslogentry",
    ],
)
def test_the_database_refuses_raw_update_and_delete(entry, sql):
    from django.db import DatabaseError

    with pytest.raises(DatabaseError, match="access_log_append_only"), connection.cursor() as cur:
        cur.execute(sql)
    assert AccessLogEntry.objects.filter(pk=entry.pk, action=Action.VIEW).exists()
