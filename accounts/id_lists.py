"""Filtering on a list of ids that was read before, as one parameter.

`field__in=[…150 ids…]` sends 150 placeholders, which psycopg parses anew for every such
query (a query that long is not in its cache) and PostgreSQL plans as a list of 150
constants. `in_ids(field, ids)` sends the list as one array on PostgreSQL (`IN (SELECT
unnest(%s))`), and the plain list elsewhere. The same rows either way.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL


def in_ids(field: str, ids: Iterable[int]) -> Q:
    """`Q(<field>__in=ids)`, with the ids as one array parameter on PostgreSQL."""
    ids = [int(pk) for pk in ids]
    if connection.vendor != "postgresql" or not ids:
        return Q(**{f"{field}__in": ids})
    return Q(**{f"{field}__in": RawSQL("SELECT unnest(%s::bigint[])", (ids,))})
