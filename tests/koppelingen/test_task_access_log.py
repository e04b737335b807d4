"""The volunteer's task page writes the access log once the task is theirs: through the
link's session (no login) or their own login."""

import pytest
from django.urls import reverse

from accounts.access_log_models import AccessLogEntry
from koppelingen import services

pytestmark = pytest.mark.django_db


def test_the_task_page_logs_after_accepting_through_the_link(client, ride, make_volunteer):
    (invitation,) = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer()], by=None
    )
    link = services.invitation_link(invitation)
    client.get(link, follow=True)
    assert not AccessLogEntry.objects.exists()  # before accepting: first name and street only
    client.post(link, {"action": "accept"}, follow=True)
    entry = AccessLogEntry.objects.get()
    assert entry.resident_id == ride.resident_id
    assert (entry.user, entry.role, entry.via) == (None, "volunteer", "task_link")
    assert entry.view_name == "koppelingen:task"
    assert entry.object_ref == f"helprequest:{ride.pk}"
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in " ".join(str(v) for v in AccessLogEntry.objects.values().get().values())
    client.get(reverse("koppelingen:task_ics", args=[invitation.pk]))
    assert AccessLogEntry.objects.filter(action="export", via="task_link").count() == 1


def test_a_logged_in_volunteer_reads_through_their_session(client, ride, volunteer_user):
    from vrijwilligers.models import Volunteer

    volunteer = Volunteer.objects.get(user=volunteer_user)
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[volunteer], by=None)
    services.invitation_accept(invitation=invitation)
    client.force_login(volunteer_user)
    client.get(reverse("koppelingen:task", args=[invitation.pk]))
    entry = AccessLogEntry.objects.get(view_name="koppelingen:task")
    assert (entry.user, entry.role, entry.via) == (volunteer_user, "volunteer", "session")
    client.get(reverse("vrijwilligers:my_tasks"))
    assert AccessLogEntry.objects.filter(
        view_name="vrijwilligers:my_tasks", resident_id=ride.resident_id, action="search"
    ).exists()
