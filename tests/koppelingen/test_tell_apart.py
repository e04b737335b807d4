"""The candidates page builds each candidate's tell-apart text in Python: the same text as the
template the other lists include."""

import pytest
from django.template.loader import render_to_string
from django.utils.html import escape

from koppelingen.views import tell_apart
from vrijwilligers.models import Volunteer


class Request:
    class village:  # noqa: N801 - stands in for help_request.village
        name = "Warffum"


@pytest.mark.parametrize(
    ("street", "place", "phone"),
    [
        ("Noorderstraat", "Warffum", "0612345678"),
        ("Noorderstraat", "Usquert", "0595442453"),
        ("", "Usquert", "0612345678"),
        ("", "", "0612345678"),
        ("Noorderstraat", "", ""),
        ("", "", ""),
        ("Van 't Hofweg & co", "Den <Andel>", ""),
    ],
)
def test_the_text_is_the_templates(street, place, phone):
    volunteer = Volunteer(
        first_name="Jan", last_name="Dijkstra", street=street, place=place, phone=phone
    )
    expected = render_to_string(
        "koppelingen/_volunteer_tell_apart.html", {"v": volunteer, "help_request": Request}
    )
    assert escape(tell_apart(volunteer, "Warffum")) == expected
