from accounts.models import User
from accounts.names import full_name, short_name
from hulpvragen.models import Resident
from vrijwilligers.models import Volunteer


def test_a_full_name_has_one_space_and_no_empty_part():
    assert full_name("Jan", "van 't Hof") == "Jan van 't Hof"
    assert full_name("", "van 't Hof") == "van 't Hof"
    assert full_name(None, None) == ""


def test_a_short_name_is_the_first_word_or_the_address():
    assert short_name("Anke de Vries", "anke@example.org") == "Anke"
    assert short_name("  ", "desk@example.org") == "desk@example.org"


def test_the_models_write_names_by_the_same_rules():
    assert Resident(first_name="", last_name="van 't Hof").full_name == "van 't Hof"
    assert Volunteer(first_name="Jan", last_name="Smit").full_name == "Jan Smit"
    assert User(full_name="", email="desk@example.org").get_short_name() == "desk@example.org"
