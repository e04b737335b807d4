"""The weekly meeting's and the residents list's rows, built in Python: the same markup as the
template loops they replace (kept here as the reference), escaped, logged, in as many queries
with referrals as without."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from accounts.access import Access
from accounts.access_log_models import AccessLogEntry
from accounts.models import Membership
from accounts.names import full_name, short_name
from accounts.templatetags.nl_format import format_nl_date
from hulpvragen import resident_rows, selectors
from hulpvragen.lifecycle import OPEN_STATUSES, Status
from hulpvragen.meeting_rows import MeetingRows, PageDates, truncate_chars
from hulpvragen.models import HelpRequest, ReasonCode, Resident
from hulpvragen.urgency import is_overdue
from tests.factories import user_with_role
from tests.sociale_kaart.factories import OrganisationFactory

from .factories import HelpRequestFactory, ResidentFactory

pytestmark = pytest.mark.django_db

# The loops of meeting.html and resident_list.html before their rows moved to Python.
OPEN_LOOP = """{% load i18n nl_format %}{% for item in items %}
    <tr{% if item.overdue %} class="is-overdue"{% endif %}>
      <td><a href="{% url 'hulpvragen:request_detail' item.pk %}">{{ item.resident.full_name }}</a><br><span class="small">{{ item.resident.street }} {{ item.resident.house }}</span></td>
      <td>{{ item.category.name }}{% if item.is_recurring %}<br><span class="small">{% translate "recurring" %}{% if item.review_on %}, {% translate "review" %} {{ item.review_on|nl_date }}{% endif %}</span>{% endif %}</td>
      <td>{{ item.description|truncatechars:90 }}</td>
      <td>{% if item.needed_on %}{{ item.needed_on|nl_date:"weekday" }}{% endif %}</td>
      <td>{{ item.created_at|nl_date }}{% if item.overdue %} <strong>{% translate "waiting too long" %}</strong>{% endif %}</td>
      <td>{{ item.assigned_to.get_short_name|default:"—" }}</td>
    </tr>
  {% endfor %}"""  # noqa: E501
FINISHED_LOOP = """{% load i18n nl_format %}{% for item in finished %}
    <tr><td><a href="{% url 'hulpvragen:request_detail' item.pk %}">{{ item.resident.full_name }}</a></td><td>{{ item.category.name }}</td><td>{{ item.description|truncatechars:70 }}</td><td>{{ item.get_status_display|capfirst }}{% if item.referred_to %}: {{ item.referred_to }}{% endif %}</td><td>{{ item.reason.label|default:"" }}{% if item.outcome_note %} – {{ item.outcome_note|truncatechars:60 }}{% endif %}</td><td>{{ item.status_changed_at|nl_date }}</td></tr>
  {% endfor %}"""  # noqa: E501
# meeting.html's loop over the open groups and the finished table's head, before they moved
# to Python; each group's rows are OPEN_LOOP's.
GROUPS_LOOP = """{% load i18n %}{% for group in groups %}
<h3 class="h5 mt-3">{{ group.label|capfirst }} ({{ group.count }})</h3>
<table class="table table-sm meeting-table">
  <thead><tr><th scope="col">{% translate "Resident" %}</th><th scope="col">{% translate "Kind of help" %}</th><th scope="col">{% translate "What" %}</th><th scope="col">{% translate "When" %}</th><th scope="col">{% translate "Taken in" %}</th><th scope="col">{% translate "Coordinator" %}</th></tr></thead>
  <tbody>
  {{ group.rows }}
  </tbody>
</table>
{% endfor %}"""  # noqa: E501
FINISHED_HEAD = """{% load i18n %}<thead><tr><th scope="col">{% translate "Resident" %}</th><th scope="col">{% translate "Kind of help" %}</th><th scope="col">{% translate "What" %}</th><th scope="col">{% translate "Outcome" %}</th><th scope="col">{% translate "Reason" %}</th><th scope="col">{% translate "Date" %}</th></tr></thead>"""  # noqa: E501
RESIDENT_LOOP = """{% for r in page %}
  <tr><td><a href="{% url 'hulpvragen:resident_detail' r.pk %}">{{ r.full_name }}</a></td><td>{{ r.street }} {{ r.house }}, {{ r.place }}</td><td>{{ r.phone_display }}</td></tr>
  {% endfor %}"""  # noqa: E501

# meeting.html's content before it moved to Python (MeetingRows.page_html).
MEETING_CONTENT = """{% load i18n nl_format %}
<div class="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3">
  <h1 class="h2 mb-0">{% blocktranslate with village=village_name date=now|nl_date:"heading" %}Weekly meeting {{ village }}, {{ date }}{% endblocktranslate %}</h1>
  <button type="button" class="btn btn-outline-secondary d-print-none" data-print>{% translate "Print" %}</button>
</div>

<h2 class="h3">{% blocktranslate count n=open_count %}Open: {{ n }} request{% plural %}Open: {{ n }} requests{% endblocktranslate %}</h2>
{% if groups %}{{ groups }}{% else %}<p>{% translate "There are no open help requests." %}</p>
{% endif %}

<h2 class="h3 mt-4">{% blocktranslate with since=since|nl_date %}Finished since {{ since }}{% endblocktranslate %}</h2>
{% if finished %}
<table class="table table-sm meeting-table">
  {{ finished_head }}
  <tbody>
  {{ finished }}
  </tbody>
</table>
{% else %}<p>{% translate "Nothing was finished this week." %}</p>{% endif %}
"""  # noqa: E501

TRICKY = "van 't Hof <script>"


@pytest.fixture
def coord_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def desk(village, coordinator):
    """Open and finished requests with everything a row may show, and names to escape."""
    now = timezone.now()
    hof = ResidentFactory(village=village, first_name="Jan", last_name=TRICKY, street="Dijk & Co")
    plain = ResidentFactory(village=village, first_name="", last_name="Smit")
    mailbox = user_with_role("coordinator", village, full_name="", email="desk@example.org")
    HelpRequestFactory(
        resident=hof,
        description="Boodschappen & <b>apotheek</b>",
        urgency="today",
        created_at=now - timedelta(days=3),
        assigned_to=coordinator,
    )
    HelpRequestFactory(
        resident=plain,
        description="x" * 120,
        status=Status.SEARCHING,
        needed_on=None,
        created_at=now - timedelta(days=400),
        assigned_to=mailbox,
    )
    HelpRequestFactory(
        resident=hof,
        description="Cafe\u0301 bezoek",  # a combining accent: NFC makes it one character
        status=Status.ACTIVE,
        is_recurring=True,
        review_on=date(2024, 3, 5),
    )
    HelpRequestFactory(
        resident=plain, status=Status.PAUSED, is_recurring=True, review_on=None, needed_on=None
    )
    HelpRequestFactory(resident=plain, status=Status.MATCHED, needed_on=date(2030, 1, 7))
    HelpRequestFactory(
        resident=hof,
        status=Status.REFERRED,
        referred_to=OrganisationFactory(villages=[village], name="Zorg & <Welzijn>"),
        status_changed_at=now - timedelta(days=1),
    )
    HelpRequestFactory(
        resident=plain,
        status=Status.REJECTED,
        reason=ReasonCode.objects.filter(applies_to="rejected").first(),
        outcome_note="Te groot & te ver " * 6,
        description="y" * 80,
        status_changed_at=now - timedelta(days=2),
    )
    HelpRequestFactory(
        resident=hof, status=Status.CLOSED, status_changed_at=now - timedelta(days=6)
    )
    HelpRequestFactory(
        resident=hof, status=Status.CLOSED, status_changed_at=now - timedelta(days=9)
    )
    return village


def _instances(qs):
    return list(selectors.with_card_data(qs).select_related("referred_to"))


def test_meeting_rows_are_what_the_template_made(desk, coordinator, other_village):
    now = timezone.now()
    since = now - timedelta(days=7)
    # Another village's open and finished requests are not the desk's.
    elsewhere = ResidentFactory(village=other_village)
    HelpRequestFactory(resident=elsewhere)
    HelpRequestFactory(resident=elsewhere, status=Status.CLOSED, status_changed_at=now)
    scoped = HelpRequest.objects.filter(village=desk)
    access = Access(
        user=coordinator,
        memberships=list(Membership.objects.filter(user=coordinator).select_related("village")),
    )
    with translation.override("nl"):
        rows = MeetingRows(now=now, today=timezone.localdate())
        open_items = _instances(selectors.open_requests(scoped).order_by("created_at"))
        for item in open_items:
            item.overdue = is_overdue(
                urgency=item.urgency, status=item.status, created_at=item.created_at, now=now
            )
        finished = _instances(
            selectors.finished_since(scoped, since).order_by("status", "-status_changed_at")
        )
        want_open = Template(OPEN_LOOP).render(Context({"items": open_items}))
        want_finished = Template(FINISHED_LOOP).render(Context({"finished": finished}))
        groups = [
            {
                "label": Status(status).label,
                "count": len(items),
                "rows": mark_safe(Template(OPEN_LOOP).render(Context({"items": items}))),
            }
            for status in OPEN_STATUSES
            if (items := [item for item in open_items if item.status == status])
        ]
        want_groups = Template(GROUPS_LOOP).render(Context({"groups": groups}))
        want_head = Template(FINISHED_HEAD).render(Context())
        open_rows = selectors.meeting_open(access)
        got_open = rows.open_html(open_rows)
        got_groups = rows.open_groups(open_rows)
        got_finished = rows.finished_html(selectors.meeting_finished(access, since))
        got_head = rows.finished_head()
    assert len(open_items) == 5 and len(finished) == 3 and len(groups) == 5
    assert got_open == want_open
    assert got_groups == want_groups
    assert got_finished == want_finished
    assert got_head == want_head and "Uitkomst" in got_head
    assert rows.open_groups([]) == ""
    # What the fixture was made to show is in there.
    assert 'class="is-overdue"' in got_open and "wacht te lang" in got_open
    assert "desk" in got_open and "Anneke" in got_open and "—" in got_open
    assert ": Zorg &amp; &lt;Welzijn&gt;" in got_finished


def test_the_meeting_page_escapes_names_and_texts(coord_client, desk):
    page = coord_client.get(reverse("hulpvragen:meeting")).content.decode()
    assert "Jan van &#x27;t Hof &lt;script&gt;" in page
    assert "Boodschappen &amp; &lt;b&gt;apotheek&lt;/b&gt;" in page
    assert "Dijk &amp; Co" in page
    assert "<script>" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_meeting_without_requests_says_so(coord_client, village):
    page = coord_client.get(reverse("hulpvragen:meeting")).content.decode()
    assert "Er zijn geen open hulpvragen." in page
    assert "Er is deze week niets afgerond." in page
    assert "<table" not in page.split("<main", 1)[1]


def test_the_meeting_logs_every_resident_it_shows_as_printed(coord_client, desk):
    long_ago = ResidentFactory(village=desk, last_name="Vroeger")
    HelpRequestFactory(
        resident=long_ago,
        status=Status.CLOSED,
        status_changed_at=timezone.now() - timedelta(days=20),
    )
    shown = set(
        Resident.objects.filter(village=desk).exclude(pk=long_ago.pk).values_list("pk", flat=True)
    )
    coord_client.get(reverse("hulpvragen:meeting"))
    entries = AccessLogEntry.objects.filter(view_name="hulpvragen:meeting")
    assert set(entries.values_list("resident_id", flat=True)) == shown
    assert entries.count() == len(shown)  # one row per resident, not per request
    assert set(entries.values_list("action", flat=True)) == {AccessLogEntry.Action.PRINT}


def test_the_meeting_takes_as_many_queries_with_referrals_as_without(coord_client, village):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        coord_client.get(reverse("hulpvragen:meeting"))
        with CaptureQueriesContext(connection) as ctx:
            coord_client.get(reverse("hulpvragen:meeting"))
        return len(ctx.captured_queries)

    resident = ResidentFactory(village=village)
    HelpRequestFactory(resident=resident, status=Status.CLOSED)
    without = count()
    for _ in range(3):
        HelpRequestFactory(
            resident=resident,
            status=Status.REFERRED,
            referred_to=OrganisationFactory(villages=[village]),
        )
    assert count() == without


def test_resident_rows_are_what_the_template_made(village):
    ResidentFactory(village=village, first_name="", last_name=TRICKY, place="Warffum & Usquert")
    ResidentFactory(village=village, house_number_addition="a", phone="0595442453")
    ResidentFactory(village=village, phone="")
    qs = Resident.objects.filter(village=village).order_by("last_name", "first_name")
    want = Template(RESIDENT_LOOP).render(Context({"page": list(qs)}))
    got = resident_rows.rows_html(list(qs.values(*resident_rows.FIELDS)))
    assert got == want
    assert "van &#x27;t Hof &lt;script&gt;" in got and "0595 44 24 53" in got


def test_the_residents_list_pages_escapes_and_logs_the_residents_shown(coord_client, village):
    for n in range(52):
        ResidentFactory(village=village, first_name=f"Piet{n:02d}", last_name="Aa")
    hof = ResidentFactory(village=village, first_name="Jan", last_name="Zz " + TRICKY)
    url = reverse("hulpvragen:resident_list")
    first = coord_client.get(url).content.decode()
    assert first.count("<tr><td><a href=") == 50 and "Pagina 1 van 2" in first
    second = coord_client.get(url, {"page": 2}).content.decode()
    assert second.count("<tr><td><a href=") == 3
    assert "Jan Zz van &#x27;t Hof &lt;script&gt;" in second
    assert reverse("hulpvragen:resident_detail", args=[hof.pk]) in second
    logged = AccessLogEntry.objects.filter(view_name="hulpvragen:resident_list")
    assert logged.count() == 53
    assert logged.filter(resident_id=hof.pk).count() == 1
    assert set(logged.values_list("action", flat=True)) == {AccessLogEntry.Action.SEARCH}


def test_the_resident_list_pages_the_villages_residents_by_name(
    village, other_village, coordinator, django_assert_num_queries
):
    made = [
        ResidentFactory(village=village, first_name=first, last_name=last)
        for first, last in [("Piet", "Smit"), ("Anna", "Bakker"), ("Jan", "Smit"), ("Els", "Aa")]
    ]
    elsewhere = ResidentFactory(village=other_village, last_name="Elders")
    access = Access(
        user=coordinator,
        memberships=list(Membership.objects.filter(user=coordinator).select_related("village")),
    )
    everyone = selectors.ResidentList(access)
    assert everyone.count() == 4
    names = [(row["first_name"], row["last_name"]) for row in everyone[0:10]]
    assert names == [("Els", "Aa"), ("Anna", "Bakker"), ("Jan", "Smit"), ("Piet", "Smit")]
    assert [row["last_name"] for row in everyone[1:3]] == ["Bakker", "Smit"]
    assert set(everyone[0:1][0]) == set(resident_rows.FIELDS)
    found = selectors.ResidentList(access, [made[0].pk, made[3].pk, elsewhere.pk])
    assert found.count() == 2  # the other village's resident is not found
    assert [row["pk"] for row in found[0:50]] == [made[3].pk, made[0].pk]
    with django_assert_num_queries(0):
        assert selectors.ResidentList(access, []).count() == 0
        assert selectors.ResidentList(access, [])[0:50] == []
        assert everyone[0:0] == []


def test_the_residents_search_finds_by_word_and_says_when_nothing_is_found(coord_client, village):
    ResidentFactory(village=village, first_name="Jan", last_name=TRICKY)
    ResidentFactory(village=village, first_name="Piet", last_name="Smit")
    url = reverse("hulpvragen:resident_list")
    found = coord_client.get(url, {"q": "hof"}).content.decode()
    assert "van &#x27;t Hof" in found and "Smit" not in found
    nothing = coord_client.get(url, {"q": "zzzz"}).content.decode()
    assert "Geen hulpvragers gevonden." in nothing


@pytest.mark.parametrize("language", ["nl", "en"])
def test_page_dates_are_format_nl_date(language):
    today = date(2026, 11, 23)
    dates = PageDates(today=today)
    day = date(2025, 1, 1)
    with translation.override(language):
        while day < date(2027, 2, 1):
            for style in ("short", "weekday", "heading"):
                assert dates.format(day, style) == format_nl_date(day, style, today=today)
            day += timedelta(days=1)
        # An aware moment is shown on its day in the Netherlands (the next one here).
        late = datetime(2026, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC"))
        assert dates.format(late) == format_nl_date(late, today=today)
        assert dates.format(None) == ""
    with translation.override("nl"):
        assert PageDates(today=today).format(date(2026, 3, 2), "weekday") == "ma 2 mrt"


@pytest.mark.parametrize(
    "text",
    ["", "kort", "x" * 90, "x" * 91, "Cafe\u0301 " * 30, "Cafe\u0301" * 18, "é" * 95],
)
@pytest.mark.parametrize("length", [1, 60, 90])
def test_truncate_chars_is_truncatechars(text, length):
    with translation.override("nl"):
        assert truncate_chars(text, length) == Truncator(text).chars(length)


def test_short_name_is_the_users(coordinator):
    assert short_name(coordinator.full_name, coordinator.email) == coordinator.get_short_name()
    assert short_name("", "desk@example.org") == "desk@example.org"
    assert full_name("", "Smit") == "Smit" and full_name(None, "van 't Hof") == "van 't Hof"


def test_meeting_rows_label_an_unknown_status_as_the_model_did():
    rows = MeetingRows(now=timezone.now(), today=timezone.localdate())
    row = {
        "pk": 7,
        "resident_id": 3,
        "resident__first_name": "Jan",
        "resident__last_name": "Smit",
        "category__name": "Klus",
        "description": "d",
        "status": "archived",
        "referred_to_id": None,
        "referred_to__name": None,
        "reason__label": None,
        "outcome_note": "",
        "status_changed_at": timezone.now(),
    }
    assert "<td>Archived</td><td></td>" in rows.finished_row(row)


def _squeezed(html) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize("which", ["both", "nothing open", "nothing finished"])
def test_the_meeting_page_is_what_its_template_made(desk, coordinator, which):
    now = timezone.now()
    since = now - timedelta(days=7)
    access = Access(
        user=coordinator,
        memberships=list(Membership.objects.filter(user=coordinator).select_related("village")),
    )
    desk.name = "Zandeweer & 't Hoogeland"
    with translation.override("nl"):
        rows = MeetingRows(now=now, today=timezone.localdate())
        open_rows = [] if which == "nothing open" else selectors.meeting_open(access)
        finished = [] if which == "nothing finished" else selectors.meeting_finished(access, since)
        want = Template(MEETING_CONTENT).render(
            Context(
                {
                    "village_name": desk.name,
                    "now": now,
                    "since": since,
                    "open_count": len(open_rows),
                    "groups": rows.open_groups(open_rows),
                    "finished_head": rows.finished_head(),
                    "finished": rows.finished_html(finished),
                }
            )
        )
        got = rows.page_html(
            village_name=desk.name, since=since, open_rows=open_rows, finished_rows=finished
        )
    assert _squeezed(got) == _squeezed(want)
    assert "Zandeweer &amp; &#x27;t Hoogeland" in got


# resident_list.html's content before it moved to Python (resident_rows.page_html).
RESIDENT_CONTENT = """{% load i18n %}
<h1 class="h2">{% translate "Residents" %}</h1>
<form method="get" class="row g-2 mb-3" role="search">
  <div class="col-md-6"><label for="q" class="form-label">{% translate "Search name, street, postcode or phone" %}</label>
  <input type="search" id="q" name="q" value="{{ query }}" class="form-control" autofocus></div>
  <div class="col-md-3 d-flex align-items-end"><button type="submit" class="btn btn-primary">{% translate "Search" %}</button></div>
</form>
<table class="table">
  <thead><tr><th scope="col">{% translate "Name" %}</th><th scope="col">{% translate "Address" %}</th><th scope="col">{% translate "Phone" %}</th></tr></thead>
  <tbody>
  {% if rows %}{{ rows }}{% else %}<tr><td colspan="3">{% translate "No residents found." %}</td></tr>
  {% endif %}
  </tbody>
</table>
{{ pagination }}
"""  # noqa: E501


@pytest.mark.parametrize("query", ["", 'van \'t Hof "<b>"'])
@pytest.mark.parametrize("found", [True, False])
def test_the_residents_page_is_what_its_template_made(village, query, found):
    resident = ResidentFactory(village=village, first_name="Jan", last_name=TRICKY)
    row = {name: getattr(resident, name) for name in resident_rows.FIELDS}
    with translation.override("nl"):
        rows = resident_rows.rows_html([row] if found else [])
        pagination = mark_safe('<nav aria-label="Pagina\'s">…</nav>')
        want = Template(RESIDENT_CONTENT).render(
            Context({"query": query, "rows": rows, "pagination": pagination})
        )
        got = resident_rows.page_html(query, rows, pagination)
    assert _squeezed(got) == _squeezed(want)
    assert ("Geen hulpvragers gevonden." in got) != found
