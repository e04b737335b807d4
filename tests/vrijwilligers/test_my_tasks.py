"""The volunteer's phone page lists what `tasks_for_volunteer` lists, as its template did."""

import re
from datetime import timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from hulpvragen.lifecycle import Status
from koppelingen.models import Invitation
from koppelingen.selectors import tasks_for_volunteer
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory
from tests.test_page_queries import World
from vrijwilligers import my_tasks

# The template of the phone page's tasks before they moved to Python (vrijwilligers.my_tasks).
MY_TASKS = """{% load i18n nl_format %}
{% if tasks.invitations %}
<h2 class="h3 mt-4">{% translate "Can you help?" %}</h2>
<div class="d-grid gap-3 mb-4">
  {% for inv in tasks.invitations %}
  <a class="card card-link-button text-decoration-none" href="{{ inv.link }}"><div class="card-body fs-5">
    <strong>{{ inv.help_request.category.name }}</strong> {% translate "for" %} {{ inv.help_request.resident.first_name }}{% if home_village_id and inv.village_id != home_village_id %} <span class="badge text-bg-info">{% blocktranslate with village=inv.village.name %}in {{ village }}{% endblocktranslate %}</span>{% endif %}<br>
    {% if inv.help_request.needed_on %}{{ inv.help_request.needed_on|nl_date:"heading" }}{% if inv.help_request.time_from %}, {{ inv.help_request.time_from|time:"H:i" }}{% endif %}{% else %}{% translate "date to be agreed" %}{% endif %}
    <span class="btn btn-primary mt-2 w-100">{% translate "Look and answer" %}</span>
  </div></a>
  {% endfor %}
</div>
{% endif %}
{% if tasks.to_report %}
<h2 class="h3 mt-4">{% translate "How did it go?" %}</h2>
<div class="d-grid gap-3 mb-4">
  {% for a in tasks.to_report %}
  <a class="card card-link-button text-decoration-none" href="{{ a.link }}verslag/"><div class="card-body fs-5">
    <strong>{{ a.help_request.category.name }}</strong> {% translate "for" %} {{ a.help_request.resident.first_name }}, {{ a.task_date|nl_date:"heading" }}
    <span class="btn btn-primary mt-2 w-100">{% translate "Report back" %}</span>
  </div></a>
  {% endfor %}
</div>
{% endif %}
<h2 class="h3 mt-4">{% translate "Coming up" %}</h2>
{% if tasks.upcoming %}
<div class="d-grid gap-3 mb-4">
  {% for a in tasks.upcoming %}
  <a class="card card-link-button text-decoration-none" href="{{ a.link }}"><div class="card-body fs-5">
    <strong>{{ a.help_request.category.name }}</strong> {% translate "for" %} {{ a.help_request.resident.first_name }}{% if home_village_id and a.village_id != home_village_id %} <span class="badge text-bg-info">{% blocktranslate with village=a.village.name %}in {{ village }}{% endblocktranslate %}</span>{% endif %}<br>
    {% if a.task_date %}{{ a.task_date|nl_date:"heading" }}{% if a.help_request.time_from %}, {{ a.help_request.time_from|time:"H:i" }}{% endif %}{% else %}{% translate "date to be agreed" %}{% endif %}
    <span class="btn btn-outline-primary mt-2 w-100">{% translate "Open the task" %}</span>
  </div></a>
  {% endfor %}
</div>
{% else %}
<p class="empty-state">{% translate "No tasks coming up. Thank you for being there!" %}</p>
{% endif %}
{% if tasks.occurrences %}
<h2 class="h3 mt-4">{% translate "Your regular tasks this week" %}</h2>
<ul class="list-group mb-4 fs-5">
  {% for o in tasks.occurrences %}<li class="list-group-item">{{ o.starts_at|nl_date:"heading" }}, {{ o.starts_at|time:"H:i" }} · {{ o.help_request.category.name }} {% translate "for" %} {{ o.help_request.resident.first_name }}</li>{% endfor %}
</ul>
{% endif %}
{% if tasks.past %}
<h2 class="h3 mt-4">{% translate "Done" %}</h2>
<ul class="list-group mb-4">
  {% for a in tasks.past %}<li class="list-group-item">{{ a.task_date|nl_date|default:"–" }} · {{ a.help_request.category.name }} · {{ a.get_status_display }}</li>{% endfor %}
</ul>
{% endif %}
"""  # noqa: E501

pytestmark = pytest.mark.django_db


def squeeze(markup: str) -> str:
    """Runs of whitespace as one space, none between two tags."""
    return re.sub(r"\s+", " ", str(markup)).replace("> <", "><").strip()


@pytest.fixture
def world(village, other_village, volunteer_user):
    world = World(village, volunteer_user)
    world.grow(3)
    resident = world.residents[0]
    resident.first_name = "van 't Hof <script>"
    resident.save()
    world.klus.name = "Klussen & tuin"
    world.klus.save()
    # A question from the neighbouring village the volunteer also helps.
    elsewhere = HelpRequestFactory(
        resident=ResidentFactory(village=other_village, first_name="Grietje"),
        category=world.klus,
        status=Status.SEARCHING,
        needed_on=None,
    )
    Invitation.objects.create(
        village=other_village,
        help_request=elsewhere,
        volunteer=world.me,
        status=Invitation.Status.PENDING,
        channel=Invitation.Channel.EMAIL,
        asked_at=timezone.now() - timedelta(hours=1),
    )
    return world


def old_template(tasks, *, home_village_id):
    """What the page rendered before: the links as the view set them, and the template."""
    for invitation in tasks.invitations:
        invitation.link = reverse("koppelingen:task", kwargs={"pk": invitation.pk})
    for assignment in tasks.upcoming + tasks.past + tasks.to_report:
        assignment.link = (
            reverse("koppelingen:task", kwargs={"pk": assignment.invitation_id})
            if assignment.invitation_id
            else ""
        )
    return Template(MY_TASKS).render(Context({"tasks": tasks, "home_village_id": home_village_id}))


def test_the_same_tasks_in_the_same_order(world):
    today = timezone.localdate()
    old = tasks_for_volunteer(world.me, today=today)
    new = my_tasks.read(world.me, today=today)
    assert [r.pk for r in new.invitations] == [i.pk for i in old.invitations]
    for section in ("upcoming", "past", "to_report"):
        assert [r.pk for r in getattr(new, section)] == [a.pk for a in getattr(old, section)]
    assert [r.starts_at for r in new.occurrences] == [o.starts_at for o in old.occurrences]
    assert all(getattr(new, s) for s in ("invitations", "upcoming", "past", "to_report"))
    assert new.occurrences


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_markup_is_the_templates(world, language):
    from django.utils import translation

    today = timezone.localdate()
    home = world.me.village_id
    with translation.override(language):
        old = old_template(tasks_for_volunteer(world.me, today=today), home_village_id=home)
        new = my_tasks.html(my_tasks.read(world.me, today=today), home_village_id=home, today=today)
    assert squeeze(new) == squeeze(old)


def test_an_empty_list_still_says_nothing_is_coming_up(volunteer_user):
    from vrijwilligers.models import Volunteer

    me = Volunteer.objects.get(user=volunteer_user)
    today = timezone.localdate()
    tasks = my_tasks.read(me, today=today)
    new = my_tasks.html(tasks, home_village_id=me.village_id, today=today)
    old = old_template(tasks_for_volunteer(me, today=today), home_village_id=me.village_id)
    assert squeeze(new) == squeeze(old)
    assert "Er staan geen taken gepland" in new


def test_the_page_escapes_names_and_logs_each_village(client, world, volunteer_user):
    from accounts.access_log_models import AccessLogEntry

    client.force_login(volunteer_user)
    page = client.get(reverse("vrijwilligers:my_tasks")).content.decode()
    assert "<script>" not in page.split("<main", 1)[1].split("</main>")[0]
    assert "van &#x27;t Hof &lt;script&gt;" in page
    assert "Klussen &amp; tuin" in page
    assert '<span class="badge text-bg-info">in Usquert</span>' in page
    logged = AccessLogEntry.objects.filter(view_name="vrijwilligers:my_tasks")
    assert set(logged.values_list("village_id", flat=True)) == {
        world.village.pk,
        Invitation.objects.get(help_request__resident__first_name="Grietje").village_id,
    }
    assert set(logged.values_list("action", flat=True)) == {"search"}


def test_the_volunteer_read_is_the_selectors(volunteer_user, coordinator, village, other_village):
    from accounts.access import Access
    from accounts.models import Membership
    from vrijwilligers.selectors import own_volunteer

    found = []
    for user in (volunteer_user, coordinator):
        memberships = list(Membership.objects.filter(user=user).select_related("village"))
        for active in (None, village.pk, other_village.pk):
            access = Access(user=user, memberships=memberships, active_village_id=active)
            found.append(my_tasks.own_volunteer(access))
            assert found[-1] == own_volunteer(access)
    assert any(found) and not all(found)
