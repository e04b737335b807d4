"""Point 8 of issue 12: candidates with reasons both ways, namesakes told apart, and the match
once enough volunteers said yes."""

import re
from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpRequest
from koppelingen import services
from koppelingen.models import Invitation
from vrijwilligers.models import AvailabilitySlot, Volunteer

from .factories import MatchableVolunteerFactory

pytestmark = pytest.mark.django_db


def page(client, help_request):
    return client.get(reverse("koppelingen:candidates", args=[help_request.pk])).content.decode()


def candidate_item(html, volunteer):
    """The <li> of one candidate on the page."""
    match = re.search(
        rf'<li class="list-group-item[^"]*">\s*<input[^>]*value="{volunteer.pk}".*?</li>\s*</ul>'
        r".*?</label>\s*</li>",
        html,
        re.S,
    )
    assert match, f"{volunteer} is not on the page"
    return match.group(0)


def test_each_candidate_shows_what_speaks_for_and_against(
    client, coordinator, ride, make_volunteer
):
    ride.distance_km = "0.8"
    ride.save()
    make_volunteer(first_name="Geesje", last_name="van 't Hof", last_asked_on=None, monthly_cap=4)
    busy = make_volunteer(
        first_name="Bert",
        last_name="Kuipers",
        last_asked_on=timezone.localdate() - timedelta(days=3),
        monthly_cap=4,
    )
    client.force_login(coordinator)
    html = page(client, ride)
    geesje = candidate_item(html, Volunteer.objects.get(first_name="Geesje"))
    assert "Geesje van &#x27;t Hof" in geesje
    assert "Biedt deze soort hulp aan (Vervoer)" in geesje
    assert "Vrij op " in geesje and ", ochtend" in geesje
    assert "Rijdt tot 60 km; deze rit is 0,8 km" in geesje
    assert "Nog nooit gevraagd" in geesje
    assert "0 van 4 deze maand" in geesje
    bert = candidate_item(html, busy)
    assert "Kort geleden gevraagd: laatst op" in bert
    assert 'class="badge text-bg-light border" title="score">0<' in bert
    assert "reasons-for" in bert  # a 0 never stands there without its reasons


def test_volunteers_with_the_same_name_are_told_apart(client, coordinator, ride, make_volunteer):
    make_volunteer(
        first_name="Jan", last_name="de Vries", street="Schoolstraat", phone="0595 42 18 90"
    )
    make_volunteer(first_name="Jan", last_name="de Vries", street="Hoofdstraat", phone="0612345678")
    client.force_login(coordinator)
    html = page(client, ride)
    assert html.count("Jan de Vries") == 2
    assert "Schoolstraat · 0595 42 18 90" in html
    assert "Hoofdstraat · 06 12 34 56 78" in html


def test_once_enough_said_yes_the_page_shows_the_match_and_no_ask_buttons(
    client, coordinator, ride, make_volunteer
):
    first, second = make_volunteer(first_name="Hilje"), make_volunteer(first_name="Roelf")
    yes, waiting = services.invitations_send(
        help_request=ride, volunteers=[first, second], by=coordinator
    )
    client.force_login(coordinator)
    html = page(client, ride)
    assert '<h1 class="h2">Vrijwilliger zoeken</h1>' in html
    assert "<title>Vrijwilliger zoeken · Dorpsloket</title>" in html
    assert "Zei ja" in html

    services.invitation_accept(invitation=yes, by=coordinator)
    html = page(client, ride)
    assert '<h1 class="h2">Vrijwilliger gevonden</h1>' in html
    assert "<title>Vrijwilliger gevonden · Dorpsloket</title>" in html
    assert "Vrijwilliger zoeken" not in html
    assert "Er hebben genoeg vrijwilligers ja gezegd (1 van de 1 nodig)" in html
    assert re.search(r'id="matches".*Hilje', html, re.S)
    assert "Vraag de gekozen vrijwilligers" not in html
    assert "Zei ja" not in html and "Zei nee" not in html
    assert 'name="volunteer"' not in html


def test_asking_after_the_request_is_filled_is_refused_in_dutch(
    client, coordinator, ride, make_volunteer
):
    taker, late = make_volunteer(), make_volunteer()
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[taker], by=None)
    services.invitation_accept(invitation=invitation)
    client.force_login(coordinator)
    response = client.post(
        reverse("koppelingen:candidates", args=[ride.pk]), {"volunteer": [late.pk]}, follow=True
    )
    assert "Er hebben al genoeg vrijwilligers ja gezegd" in response.content.decode()
    assert not Invitation.objects.filter(volunteer=late).exists()
    with pytest.raises(ValidationError):
        services.invitations_send(help_request=ride, volunteers=[late], by=None)


def test_a_request_for_two_keeps_looking_after_the_first_yes(
    client, coordinator, ride, make_volunteer
):
    ride.volunteers_needed = 2
    ride.save()
    first, second = make_volunteer(), make_volunteer()
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[first], by=None)
    services.invitation_accept(invitation=invitation)
    client.force_login(coordinator)
    html = page(client, ride)
    assert '<h1 class="h2">Vrijwilliger zoeken</h1>' in html
    assert f'value="{second.pk}"' in html


def test_the_request_page_button_follows_the_match(client, coordinator, ride, make_volunteer):
    (invitation,) = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer()], by=None
    )
    client.force_login(coordinator)
    url = reverse("hulpvragen:request_detail", args=[ride.pk])
    assert ">Vrijwilliger zoeken</a>" in client.get(url).content.decode()
    services.invitation_accept(invitation=invitation)
    html = client.get(url).content.decode()
    assert ">Vrijwilliger zoeken</a>" not in html
    assert ">Koppelen en logboek</a>" in html


def test_the_query_count_stays_the_same_with_namesakes_and_history(
    client, coordinator, ride, make_volunteer, django_assert_max_num_queries
):
    def add_volunteers(n):
        for _ in range(n):
            volunteer = make_volunteer(first_name="Jan", last_name="de Vries", monthly_cap=3)
            (invitation,) = services.invitations_send(
                help_request=ride, volunteers=[volunteer], by=None
            )
            services.invitation_decline(invitation=invitation)

    ride.volunteers_needed = 50
    ride.save()
    client.force_login(coordinator)
    add_volunteers(2)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("koppelingen:candidates", args=[ride.pk]))
    add_volunteers(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = page(client, ride)
    assert html.count("Jan de Vries") >= 17


def test_on_the_demo_the_candidates_show_their_reasons_and_a_namesake_is_told_apart(client):
    """The demo's own open request and matched request, with a namesake built here."""
    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    assert client.login(username="coordinator@warffum.example", password="dorpsloket-demo")
    # The newest open request that has candidates meeting every condition (a long ride on a
    # day few are free may have none: which one that is depends on the day the demo is built).
    open_requests = (
        HelpRequest.objects.filter(village__slug="warffum", status=Status.SEARCHING)
        .exclude(needed_on=None)
        .order_by("-needed_on")
    )
    searching, html = next(
        (request, html)
        for request in open_requests
        if "Niemand voldoet aan alle voorwaarden" not in (html := page(client, request))
    )
    assert '<h1 class="h2">Vrijwilliger zoeken</h1>' in html
    assert f"Biedt deze soort hulp aan ({searching.category.name})" in html
    assert "Vrij op " in html
    assert "deze maand" in html
    assert "Laatst gevraagd op" in html or "Nog nooit gevraagd" in html

    # the demo's top candidate gets a namesake in another street, with a landline
    top = re.search(r'<ol[^>]*id="candidates">.*?name="volunteer" value="(\d+)"', html, re.S)
    original = Volunteer.objects.get(pk=top.group(1))
    namesakes = html.count(f"<strong>{original.full_name}</strong>")
    twin = MatchableVolunteerFactory(
        village=original.village,
        first_name=original.first_name,
        last_name=original.last_name,
        street="Dorpsstraat",
        phone="0595 42 24 53",
        offers=list(original.categories.all()),
        every_day=False,
    )
    AvailabilitySlot.objects.bulk_create(
        AvailabilitySlot(volunteer=twin, weekday=s.weekday, daypart=s.daypart)
        for s in original.availability_slots.all()
    )
    html = page(client, searching)
    assert html.count(f"<strong>{original.full_name}</strong>") == namesakes + 1
    assert f"{original.street} · {original.phone_display}" in html
    assert "Dorpsstraat · 0595 42 24 53" in html

    # the top candidate is asked and says yes on the phone: the page shows the match
    client.post(reverse("koppelingen:candidates", args=[searching.pk]), {"volunteer": [twin.pk]})
    invitation = Invitation.objects.get(help_request=searching, volunteer=twin)
    client.post(reverse("koppelingen:phone_answer", args=[invitation.pk]), {"answer": "accept"})
    html = page(client, searching)
    assert '<h1 class="h2">Vrijwilliger gevonden</h1>' in html
    assert "Dorpsstraat · 0595 42 24 53" in html
    assert "Vraag de gekozen vrijwilligers" not in html


@time_machine.travel(date(2026, 12, 1))
def test_a_date_last_year_shows_its_year(client, coordinator, ride, make_volunteer):
    volunteer = make_volunteer(last_asked_on=date(2025, 11, 3))
    client.force_login(coordinator)
    assert "Laatst gevraagd op 3 nov 2025" in candidate_item(page(client, ride), volunteer)


def test_the_contact_details_read_with_the_facts_are_the_volunteers_own(ride, make_volunteer):
    """The page reaches and tells apart a candidate from the values read with the facts:
    the same channel and text as from the volunteer's own record."""
    from koppelingen.selectors import candidate_facts_and_contacts
    from koppelingen.views import tell_apart
    from vrijwilligers.channels import reach_volunteer

    texts = make_volunteer(
        first_name="Anne", email="", phone="0612345678", contact_channel="sms", street="Dijk 1"
    )
    mails = make_volunteer(first_name="Bert", email="bert@example.org", phone="0595123456")
    facts, contacts = candidate_facts_and_contacts(ride, today=timezone.localdate())
    assert {f.volunteer_id for f in facts} == set(contacts) == {texts.pk, mails.pk}
    for volunteer in (texts, mails):
        volunteer = Volunteer.objects.get(pk=volunteer.pk)
        contact = contacts[volunteer.pk]
        assert reach_volunteer(contact) == reach_volunteer(volunteer)
        assert contact.phone_display == volunteer.phone_display
        assert tell_apart(contact, "Warffum") == tell_apart(volunteer, "Warffum")
    assert reach_volunteer(contacts[texts.pk]).channel == "sms"
    assert reach_volunteer(contacts[mails.pk]).channel == "email"


def test_the_facts_count_asks_lately_and_the_no_to_this_resident_whenever(
    ride, coordinator, make_volunteer
):
    """Asks count for 90 days whoever they were for; a "no" to this resident counts
    whenever it was (its last moment too), a "no" to someone else does not."""
    from koppelingen.selectors import candidate_facts
    from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, category

    now = timezone.now()
    volunteer = make_volunteer()
    other = ResidentFactory(village=ride.village)

    def ask(resident, days_ago, *, decline):
        request = HelpRequestFactory(
            village=ride.village, resident=resident, category=category("klus"), status="searching"
        )
        (invitation,) = services.invitations_send(
            help_request=request,
            volunteers=[volunteer],
            by=coordinator,
            now=now - timedelta(days=days_ago),
        )
        if decline:
            services.invitation_decline(
                invitation=invitation, now=now - timedelta(days=days_ago - 1)
            )

    ask(ride.resident, 400, decline=True)  # long ago, but this resident
    ask(other, 300, decline=True)  # long ago, someone else: nothing
    ask(other, 10, decline=True)  # lately: an ask, not this resident's "no"
    ask(ride.resident, 60, decline=False)
    (facts,) = candidate_facts(ride, today=timezone.localdate())
    assert (facts.asked_last_30, facts.asked_31_90) == (1, 1)
    assert facts.declines_with_resident == 1
    assert facts.last_declined_on == timezone.localdate(now - timedelta(days=399))


def test_names_and_addresses_on_the_page_are_escaped(client, coordinator, ride, make_volunteer):
    volunteer = make_volunteer(
        first_name="Geesje <script>", last_name="van 't Hof", street="Kerk & Zn"
    )
    client.force_login(coordinator)
    item = candidate_item(page(client, ride), volunteer)
    assert "<script>" not in item
    assert "Geesje &lt;script&gt; van &#x27;t Hof" in item
    assert "Kerk &amp; Zn" in item
