"""The printed week: a letter per volunteer (large type, their tasks, the address once they
said yes, the desk's phone) and a sheet of the week for the weekly meeting, read back from the
PDF with pdftotext."""

import re
import shutil
import subprocess
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.access_log_models import AccessLogEntry
from accounts.calendar import AMSTERDAM
from hulpvragen.lifecycle import Status
from koppelingen import services, week_letter
from koppelingen.models import Occurrence
from tests.hulpvragen.factories import HelpRequestFactory, category

pytestmark = pytest.mark.django_db

# Word boxes are as high as the font's ascent plus descent: 1.164 em for DejaVu Sans.
EM_HEIGHT = 1.164


def pdf_text(pdf: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) is needed to read the PDF")
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def smallest_type(pdf: bytes) -> float:
    """The smallest font size on the pages, in points, from pdftotext's word boxes."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    heights = [
        float(y2) - float(y1)
        for y1, y2 in re.findall(r'<word [^>]*yMin="([\d.]+)"[^>]*yMax="([\d.]+)"', html)
    ]
    assert heights
    return min(heights) / EM_HEIGHT


@pytest.fixture
def week(village, ride, make_volunteer):
    village.desk_phone = "0595442453"
    village.save()
    grietje = make_volunteer(
        first_name="Grietje", last_name="Bos", email="", phone="0595123499", wants_week_letter=True
    )
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[grietje], by=None)
    services.invitation_accept(invitation=invitation)
    garden = HelpRequestFactory(
        village=village,
        resident=ride.resident,
        category=category("klus"),
        description="Heg knippen",
        needed_on=ride.needed_on + timedelta(days=1),
        time_from=time(14, 0),
        status=Status.SEARCHING,
    )
    services.invitations_send(help_request=garden, volunteers=[grietje], by=None)
    return grietje


def test_the_letter_lists_the_week_in_large_type_with_the_address_once_accepted(week, village):
    pdf = week_letter.letters_pdf(village, [week], start=timezone.localdate())
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Grietje Bos" in text and "Beste Grietje," in text
    assert "Vervoer voor Aaltje" in text and "09:30" in text
    assert "Hoofdstraat 7, Warffum" in text  # accepted: the house number
    assert "Martini Ziekenhuis Groningen" in text
    assert "Klussen voor Aaltje" in text and "14:00" in text
    # asked, not answered: the street only, and a request to call
    assert "Adres: Hoofdstraat, Warffum" in text and "bel het loket" in text.lower()
    assert "0595 44 24 53" in text
    assert "Wierenga" not in text  # the first name only
    assert round(smallest_type(pdf), 1) >= 14


def test_a_week_without_tasks_says_so(village, make_volunteer):
    piet = make_volunteer(first_name="Piet", wants_week_letter=True)
    text = pdf_text(week_letter.letters_pdf(village, [piet], start=timezone.localdate()))
    assert "geen taken" in text


def test_all_who_want_paper_get_a_page_each(client, coordinator, week, village, make_volunteer):
    make_volunteer(first_name="Klaas", last_name="Dijk", wants_week_letter=True)
    make_volunteer(first_name="Mail", last_name="Liever")  # no paper
    client.force_login(coordinator)
    response = client.get(reverse("koppelingen:week_letters_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert text.count("\f") >= 2 and "Klaas Dijk" in text and "Grietje Bos" in text
    assert "Mail Liever" not in text
    assert AccessLogEntry.objects.filter(object_ref="week_letter").exists()


def test_the_week_sheet_shows_every_day_and_who_does_what(client, coordinator, week, ride):
    turn_day = ride.needed_on + timedelta(days=2)
    Occurrence.objects.create(
        village=ride.village,
        help_request=HelpRequestFactory(
            village=ride.village,
            resident=ride.resident,
            category=category("vervoer"),
            is_recurring=True,
            status=Status.ACTIVE,
        ),
        volunteer=week,
        starts_at=datetime.combine(turn_day, time(10, 0), tzinfo=AMSTERDAM),
    )
    client.force_login(coordinator)
    response = client.get(reverse("koppelingen:week_sheet_pdf"))
    text = pdf_text(response.content)
    assert "Vervoer" in text and "Grietje Bos" in text and "10:00" in text
    assert "nog geen antwoord" in text
    assert text.count("Niets gepland.") == 4  # seven days, three with a task
    assert round(smallest_type(response.content), 1) >= 14


def test_a_bad_week_date_is_today_not_an_error(client, coordinator, week):
    client.force_login(coordinator)
    response = client.get(reverse("koppelingen:week_letters") + "?van=morgen")
    assert response.status_code == 200
    assert "Grietje Bos" in response.content.decode()
