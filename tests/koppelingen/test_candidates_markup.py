"""The candidates page's content built in Python (koppelingen.candidates_page): the same
markup as the template it replaced, kept here as the reference, for a request being looked
for, one found (with a report, a mismatch and a volunteer from elsewhere), one not yet
accepted, and a form sent back with an error."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from hulpvragen.lifecycle import Status
from koppelingen import candidates_page, rules, services, views
from koppelingen.forms import AskForm
from koppelingen.models import TAKEN_STATUSES, Assignment, Invitation, LogEntry, TaskReport

pytestmark = pytest.mark.django_db

# candidates.html's content block before it moved to Python.
CONTENT = """{% load i18n nl_format %}
<p class="d-print-none"><a href="{% url 'hulpvragen:board' %}">← {% translate "Board" %}</a></p>
<h1 class="h2">{% if is_filled %}{% blocktranslate count n=taken|length %}Volunteer found{% plural %}Volunteers found{% endblocktranslate %}{% elif can_ask %}{% translate "Find a volunteer" %}{% else %}{% translate "Matching and logbook" %}{% endif %}</h1>
<div class="card mb-4"><div class="card-body">
  <p class="mb-1"><strong>{{ help_request.category.name }}</strong> · {{ help_request.resident.first_name }} {{ help_request.resident.last_name }}, {{ help_request.resident.street }}</p>
  <p class="mb-1">{{ help_request.description }}</p>
  <p class="mb-0 text-muted">
    {% if help_request.needed_on %}{{ help_request.needed_on|nl_date:"heading" }}{% if help_request.time_from %} {{ help_request.time_from|time:"H:i" }}{% endif %}{% else %}{% translate "date not fixed yet" %}{% endif %}
    {% if help_request.distance_km %} · {% if help_request.destination %}{{ help_request.destination.name }}{% else %}{{ help_request.destination_text }}{% endif %} ({{ help_request.distance_km|km }}){% endif %}
    · {% blocktranslate count n=help_request.volunteers_needed %}{{ n }} volunteer needed{% plural %}{{ n }} volunteers needed{% endblocktranslate %}
    · {{ help_request.get_status_display }}
  </p>
</div></div>

{% if is_filled %}
<p class="alert alert-success" id="match-found">{% blocktranslate with taken=taken|length needed=help_request.volunteers_needed %}Enough volunteers have said yes ({{ taken }} of {{ needed }} needed): nobody else needs to be asked.{% endblocktranslate %}</p>
{% endif %}
{% if assignments %}
<h2 class="h4">{% translate "Matched" %}</h2>
<ul class="list-group mb-4" id="matches">
  {% for a in assignments %}
  <li class="list-group-item d-flex flex-wrap justify-content-between align-items-center gap-2">
    <span><strong>{{ a.volunteer.full_name }}</strong>{% if a.volunteer.village_id != help_request.village_id %} <span class="badge text-bg-info from-elsewhere">{% blocktranslate with village=a.volunteer.village.name %}from {{ village }}{% endblocktranslate %}</span>{% endif %}{% if a.shows_contact %} <span class="text-muted">({% include "koppelingen/_volunteer_tell_apart.html" with v=a.volunteer %})</span>{% endif %} · {{ a.get_status_display }}{% if a.report %} · {% translate "reported" %}: {{ a.report.get_outcome_display }}{% if a.report.how_it_went %}, {{ a.report.get_how_it_went_display }}{% endif %}{% if a.report.km_driven %}, {{ a.report.km_driven|km }}{% endif %}{% endif %}{% if a.is_mismatch %} · <span class="badge text-bg-danger">{% translate "mismatch" %}</span>{% endif %}</span>
    <span class="d-flex gap-2">
      <a class="btn btn-outline-secondary btn-sm" href="{% url 'koppelingen:pair_log' a.volunteer_id help_request.resident_id %}">{% translate "Logbook of this pair" %}</a>
      {% if not a.is_mismatch %}<a class="btn btn-outline-danger btn-sm" href="{% url 'koppelingen:mismatch' a.pk %}">{% translate "Mark as mismatch" %}</a>{% endif %}
    </span>
  </li>
  {% endfor %}
</ul>
{% endif %}

{% if invitations %}
<h2 class="h4">{% translate "Asked" %}</h2>
<table class="table align-middle mb-4">
  <thead><tr><th>{% translate "Volunteer" %}</th><th>{% translate "How" %}</th><th>{% translate "Answer" %}</th><th class="d-print-none"></th></tr></thead>
  <tbody>
  {% for i in invitations %}
  <tr>
    <td>{{ i.volunteer.full_name }}<br>{% if i.volunteer.village_id != help_request.village_id %}<span class="badge text-bg-info from-elsewhere">{% blocktranslate with village=i.volunteer.village.name %}from {{ village }}{% endblocktranslate %}</span>{% if i.channel == "phone" and i.status == "pending" %} <span class="small">{% blocktranslate with village=i.volunteer.village.name phone=i.volunteer.village.desk_phone_display %}Ask through the desk of {{ village }}: {{ phone }}{% endblocktranslate %}</span>{% endif %}{% else %}<span class="text-muted">{% include "koppelingen/_volunteer_tell_apart.html" with v=i.volunteer %}</span>{% endif %}</td>
    <td>{{ i.get_channel_display }} · {{ i.asked_at|nl_datetime }}</td>
    <td>{{ i.get_status_display }}{% if i.remark %} – “{{ i.remark }}”{% endif %}</td>
    <td class="d-print-none">
      {% if i.status == "pending" and not is_filled %}
      <form method="post" action="{% url 'koppelingen:phone_answer' i.pk %}" class="d-flex gap-2">
        {% csrf_token %}
        <button class="btn btn-success btn-sm" name="answer" value="accept">{% translate "Said yes" %}</button>
        <button class="btn btn-outline-secondary btn-sm" name="answer" value="decline">{% translate "Said no" %}</button>
      </form>
      {% endif %}
    </td>
  </tr>
  {% endfor %}
  </tbody>
</table>
{% endif %}

{% if can_ask %}
<form method="post" novalidate>
  {% csrf_token %}
  {% if form.errors %}<div class="alert alert-danger">{{ form.volunteer.errors|join:" " }}</div>{% endif %}
  <h2 class="h4">{% translate "Best candidates" %}</h2>
  {% if not eligible %}<p class="empty-state">{% translate "Nobody meets all the conditions. Look at the others below: you can still ask anyone." %}</p>{% endif %}
  <ol class="list-group list-group-numbered mb-3" id="candidates">
    {{ eligible_html }}
  </ol>
  <details class="mb-3">
    <summary class="h5">{% blocktranslate count n=excluded|length %}{{ n }} other volunteer (does not meet a condition){% plural %}{{ n }} other volunteers (do not meet a condition){% endblocktranslate %}</summary>
    <ul class="list-group mt-2">
      {{ excluded_html }}
    </ul>
  </details>
  {# Optional and free: it has no errors to show, so no crispy field (it cost 3 ms). #}
  <div class="mb-3"><label class="form-label" for="{{ form.note.id_for_label }}">{{ form.note.label }}</label>{{ form.note }}</div>
  <button type="submit" class="btn btn-primary btn-lg">{% translate "Ask the chosen volunteers" %}</button>
</form>
{% elif not askable_status %}
<p class="alert alert-info">{% translate "Volunteers can be asked once the request is accepted in triage." %}</p>
{% endif %}

{% if log %}
<h2 class="h4 mt-5">{% translate "Matching logbook" %}</h2>
<ul class="list-unstyled">
  {% for entry in log %}<li>{{ entry.at|nl_datetime }} · {{ entry.get_kind_display }}{% if entry.volunteer %} · {{ entry.volunteer.full_name }}{% endif %}{% if entry.text %} · {{ entry.text }}{% endif %}{% if entry.by %} ({{ entry.by.get_short_name }}){% endif %}</li>{% endfor %}
</ul>
{% endif %}
"""  # noqa: E501
# The include it used (koppelingen/_volunteer_tell_apart.html), for the reference.
TELL_APART = """{% comment %}What tells two volunteers with the same name apart: their street (or place) and phone. Needs `v` and `help_request`.{% endcomment %}{% spaceless %}{% if v.street %}{{ v.street }}{% if v.place and v.place != help_request.village.name %}, {{ v.place }}{% endif %}{% elif v.place %}{{ v.place }}{% endif %}{% if v.phone %}{% if v.street or v.place %} · {% endif %}{{ v.phone_display }}{% endif %}{% endspaceless %}"""  # noqa: E501
CSRF = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', "t" * 64)
NASTY = "van 't Hof <b>& Zn</b>"


def _squeezed(html) -> str:
    return re.sub(r"\s+", " ", str(html)).replace("> <", "><").strip()


def _context(help_request, *, form=None, eligible=("x",)):
    """What the view gives the template, read as the view reads it."""
    assignments = list(views._assignments(help_request.pk))
    for a in assignments:
        a.shows_contact = a.volunteer.village_id == help_request.village_id
    taken = [a for a in assignments if a.status in TAKEN_STATUSES]
    is_filled = rules.has_enough_volunteers(taken=len(taken), needed=help_request.volunteers_needed)
    can_ask = help_request.status in services.ASKABLE_STATUSES and not is_filled
    return {
        "help_request": help_request,
        "heading": candidates_page.heading(is_filled=is_filled, taken=len(taken), can_ask=can_ask),
        "eligible": list(eligible),
        "excluded": ["y", "z"],
        "eligible_html": mark_safe("<li>een</li>"),
        "excluded_html": mark_safe("<li>twee</li>"),
        "invitations": list(views._invitations(help_request.pk)),
        "assignments": assignments,
        "taken": taken,
        "is_filled": is_filled,
        "log": list(views._request_log(help_request.pk)),
        "form": form or AskForm(None, volunteer_choices=[]),
        "can_ask": can_ask,
        "askable_status": help_request.status in services.ASKABLE_STATUSES,
    }


def _both(context):
    from django.template import engines

    engine = engines["django"].engine
    reference = CONTENT.replace(
        '{% include "koppelingen/_volunteer_tell_apart.html" with v=a.volunteer %}',
        "{% with v=a.volunteer %}" + TELL_APART + "{% endwith %}",
    ).replace(
        '{% include "koppelingen/_volunteer_tell_apart.html" with v=i.volunteer %}',
        "{% with v=i.volunteer %}" + TELL_APART + "{% endwith %}",
    )
    with translation.override("nl"):
        want = Template(reference, engine=engine).render(
            Context({**context, "csrf_token": "t" * 64})
        )
        got = candidates_page.content_html(context, csrf_input=CSRF, tell_apart=views.tell_apart)
    return _squeezed(got), _squeezed(want)


def test_a_request_being_looked_for_with_invitations_and_a_logbook(
    ride, coordinator, make_volunteer, other_village
):
    ride.resident.last_name = NASTY
    ride.resident.save()
    ride.description = "Naar de <b>huisarts</b>, 0,8 km"
    ride.distance_km = "0.8"
    ride.save()
    here = make_volunteer(first_name="Jan", last_name=NASTY, street="Dijk & Co", place="Usquert")
    elsewhere = make_volunteer(village=other_village, first_name="Piet")
    other_village.desk_phone = "0595 12 34 56"
    other_village.save()
    [first] = services.invitations_send(help_request=ride, volunteers=[here], by=coordinator)
    first.remark = "Liever 's ochtends & vroeg"
    first.save()
    # Asked by phone through the other desk (as sharing allows), still waiting.
    Invitation.objects.create(
        village=ride.village, help_request=ride, volunteer=elsewhere, channel="phone"
    )
    got, want = _both(_context(ride))
    assert got == want
    assert "Jan van &#x27;t Hof &lt;b&gt;&amp; Zn&lt;/b&gt;" in got and "<b>" not in got
    assert "Zei ja" in got and "0595 12 34 56" in got
    assert LogEntry.objects.filter(help_request=ride).exists()


def test_a_found_request_with_a_report_and_a_mismatch(ride, coordinator, make_volunteer):
    ride.volunteers_needed = 2
    ride.save()
    one, two = make_volunteer(first_name="Hilje"), make_volunteer(first_name="Roelf")
    invitations = services.invitations_send(
        help_request=ride, volunteers=[one, two], by=coordinator
    )
    for invitation in invitations:
        services.invitation_accept(invitation=invitation, by=coordinator)
    first, second = Assignment.objects.filter(help_request=ride).order_by("accepted_at")
    TaskReport.objects.create(
        assignment=first, outcome="done", how_it_went="good", km_driven="12.5"
    )
    second.is_mismatch = True
    second.save()
    got, want = _both(_context(ride))
    assert got == want
    assert 'id="match-found"' in got and "12,5 km" in got
    assert got.count(f"/koppelen/match/{second.pk}/") == 0 or "mismatch" in got


def test_a_request_not_yet_accepted_and_a_form_sent_back(ride):
    ride.status = Status.NEW
    ride.save()
    got, want = _both(_context(ride))
    assert got == want and "alert alert-info" in got
    ride.status = Status.SEARCHING
    ride.save()
    sent = AskForm({"note": "Bel eerst & klop hard <b>"}, volunteer_choices=[(1, "Jan")])
    assert not sent.is_valid()
    got, want = _both(_context(ride, form=sent, eligible=()))
    assert got == want
    assert "Bel eerst &amp; klop hard &lt;b&gt;" in got and "alert alert-danger" in got
    assert "empty-state" in got
