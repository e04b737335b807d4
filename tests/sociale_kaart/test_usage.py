"""organisation_usage counts whatever reverse relations exist; zero for those that don't."""

from datetime import UTC, datetime

import pytest

from sociale_kaart import selectors
from sociale_kaart.models import LogAction, OrganisationLogEntry

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def log(org, village, year):
    OrganisationLogEntry.objects.create(
        organisation=org,
        village=village,
        kind=LogAction.UPDATED,
        at=datetime(year, 6, 1, tzinfo=UTC),
    )


def test_usage_counts_a_relation_by_village_and_year(monkeypatch, village, other_village):
    # Stand-in for a real referral relation: the history entries also have a village and a date.
    monkeypatch.setattr(selectors, "USAGE_RELATIONS", {"referrals": (("log_entries",), ("at",))})
    org = OrganisationFactory(villages=[village, other_village])
    log(org, village, 2026)
    log(org, village, 2026)
    log(org, village, 2025)
    log(org, other_village, 2026)
    log(OrganisationFactory(villages=[village]), village, 2026)
    assert selectors.organisation_usage(org, village, 2026) == {"referrals": 2}


def test_usage_is_zero_for_relations_that_do_not_exist(monkeypatch, village):
    monkeypatch.setattr(
        selectors, "USAGE_RELATIONS", {"signals": (("no_such_relation",), ("created_at",))}
    )
    org = OrganisationFactory(villages=[village])
    assert selectors.organisation_usage(org, village, 2026) == {"signals": 0}


def test_usage_has_the_keys_the_page_shows(village):
    org = OrganisationFactory(villages=[village])
    usage = selectors.organisation_usage(org, village, 2026)
    assert set(usage) == {"referrals", "referrals_received", "signals"}
