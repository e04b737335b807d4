"""The permission table: every URL × every role → the expected status.

Fails when a named URL has no row, so a new view cannot ship without deciding who may see it.
"""

import importlib

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .permission_rows import ROLES, ROWS, Row

APP_ROW_MODULES = [
    "tests.accounts.permission_rows",
    "tests.sociale_kaart.permission_rows",
    "tests.vrijwilligers.permission_rows",
    "tests.hulpvragen.permission_rows",
    "tests.uitleen.permission_rows",
    "tests.activiteiten.permission_rows",
    "tests.koppelingen.permission_rows",
    "tests.meldingen.permission_rows",
    "tests.importeren.permission_rows",
    "tests.rapportage.permission_rows",
    "tests.regio.permission_rows",
    "tests.privacy.permission_rows",
]


def all_rows() -> list[Row]:
    rows = list(ROWS)
    for module_name in APP_ROW_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        rows.extend(module.ROWS)
    return rows


def named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns == "admin":
                continue  # the Django admin has its own staff-only checks
            prefix = f"{namespace}{ns}:" if ns else namespace
            yield from named_urls(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


ROWS_ALL = all_rows()
CASES = [(row, role) for row in ROWS_ALL for role in ROLES]


def test_every_named_url_has_a_row():
    missing = set(named_urls()) - {row.name for row in ROWS_ALL}
    assert not missing, f"URLs without a row in the permission table: {sorted(missing)}"


def test_every_row_covers_every_role():
    for row in ROWS_ALL:
        assert set(row.expected) == set(ROLES), row.label()


@pytest.mark.parametrize(
    ("row", "role"), CASES, ids=[f"{row.label()}-{role}" for row, role in CASES]
)
def test_permission(client, world, row, role):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    kwargs = row.kwargs(world) if row.kwargs else {}
    url = reverse(row.name, kwargs=kwargs)
    data = row.data(world) if callable(row.data) else (row.data or {})
    response = getattr(client, row.method)(url, data=data, **row.extra)
    assert response.status_code == row.expected[role], (
        f"{row.method.upper()} {url} as {role}: {response.status_code}, "
        f"expected {row.expected[role]}"
    )
