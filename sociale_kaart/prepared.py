"""Small queries of a fixed shape, put together by Django once and then run with new values.

The social map's list runs a handful of small queries (the ids its search finds, the page's
organisations, their themes and fixed contacts, two counts, the themes to choose from);
PostgreSQL answers each in a fraction of a millisecond, while building the queryset and
compiling it to SQL costs Django two to four times as long. `rows()` and `count()` build
such a query once per process and thread for its shape, with stand-in values (ids far below
any real one, days in the year 2900, texts like "zstandin3z"), compile it,
remember where each stand-in went among the parameters, and from then on run that SQL with
the real values in their places; the rows go through the query's own converters. Each
thread keeps the MAX_SHAPES shapes it used last.

`build(*values)` must use each value only as a parameter of the query (an id or a date to
compare with, a list of ids for `__in`, a text to compare with or to look for with
`__contains`/`__startswith`/`__endswith`), never to decide what the query looks like: the
SQL is compiled from the stand-ins. A list's length is part of the shape; whatever else
decides the shape belongs in `key`. On other databases than PostgreSQL the queryset runs as
it is.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date, datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models.query import ValuesListIterable

_STAND_IN_ID = -(10**12)
_STAND_IN_DAY = date(2900, 1, 1)
_compiled = threading.local()
# Compiled shapes kept per thread: a search of up to eight words with or without stems and
# four filters has thousands of shapes, of which a desk uses a few dozen.
MAX_SHAPES = 512


def stand_ins(values: tuple) -> tuple[tuple, tuple, dict]:
    """The stand-ins for `values` (a list gets a list of as many, nested lists likewise),
    the shape (the lists' lengths) and {stand-in: real value}. The same shape always gets
    the same stand-ins."""
    real: dict = {}

    def stand_in(value):
        if isinstance(value, list | tuple):
            pairs = [stand_in(item) for item in value]
            return [substitute for substitute, _shape in pairs], tuple(
                shape for _substitute, shape in pairs
            )
        if isinstance(value, bool | datetime) or not isinstance(value, int | date | str):
            raise TypeError(f"no stand-in for {value!r}: pass ids, dates, texts or lists")
        number = len(real)
        if isinstance(value, str):
            substitute = f"zstandin{number}z"  # nothing a LIKE pattern escapes
        elif isinstance(value, date):
            substitute = _STAND_IN_DAY + timedelta(days=number)
        else:
            substitute = _STAND_IN_ID - number
        real[substitute] = value
        return substitute, None

    substitutes, shape = [], []
    for value in values:
        substitute, value_shape = stand_in(value)
        substitutes.append(substitute)
        shape.append(value_shape)
    return tuple(substitutes), tuple(shape), real


def _positions(key: str, params, real: dict) -> list:
    """Where the stand-ins went among `params`: (index, stand-in, prefix, suffix); a text
    stand-in may also sit inside a LIKE pattern (`%text%`, `text%`, `%text`), which gets
    the real text escaped for LIKE as Django escapes it."""
    texts = [stand_in for stand_in in real if isinstance(stand_in, str)]
    positions, seen = [], set()
    for i, param in enumerate(params):
        if isinstance(param, bool) or not isinstance(param, int | date | str):
            continue
        if param in real:
            positions.append((i, param, None, None))
            seen.add(param)
            continue
        if not isinstance(param, str):
            continue
        for text in texts:
            if text not in param:
                continue
            prefix, _, suffix = param.partition(text)
            if prefix not in ("", "%") or suffix not in ("", "%") or not (prefix or suffix):
                raise ValueError(f"{key}: a text must be a parameter or a LIKE pattern")
            positions.append((i, text, prefix, suffix))
            seen.add(text)
    if seen != set(real):
        raise ValueError(f"{key}: every value must be a parameter of the query")
    return positions


def _entry(key: str, build, values: tuple, *, counting: bool):
    """What the cache holds for this shape of `build`: ("run", alias) off PostgreSQL,
    ("empty",) when the query matches nothing whatever the values (an empty `__in`), else
    ("sql", alias, compiler, sql, params, positions); and {stand-in: real value}."""
    substitutes, shape, real = stand_ins(values)
    cache = _compiled.__dict__.setdefault("queries", OrderedDict())
    cache_key = (key, counting, shape)
    if cache_key in cache:
        cache.move_to_end(cache_key)
    else:
        while len(cache) >= MAX_SHAPES:
            cache.popitem(last=False)  # the shape used longest ago
        queryset = build(*substitutes)
        if not counting and not issubclass(queryset._iterable_class, ValuesListIterable):
            raise TypeError(f"{key}: rows() takes a values_list() queryset")
        alias = router.db_for_read(queryset.model)
        if connections[alias].vendor != "postgresql":
            cache[cache_key] = ("run", alias)
        else:
            query = (queryset.order_by().values("pk") if counting else queryset).query
            compiler = query.get_compiler(alias)
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:
                cache[cache_key] = ("empty",)
            else:
                positions = _positions(key, params, real)
                if counting:
                    sql = f"SELECT COUNT(*) FROM ({sql}) counted"
                cache[cache_key] = ("sql", alias, compiler, sql, tuple(params), positions)
    return cache[cache_key], real


def _fetch(entry, real: dict) -> list:
    _sql, alias, _compiler, sql, params, positions = entry
    connection = connections[alias]
    params = list(params)
    for i, stand_in, prefix, suffix in positions:
        value = real[stand_in]
        if prefix is not None:
            value = f"{prefix}{connection.ops.prep_for_like_query(value)}{suffix}"
        params[i] = value
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def rows(key: str, build, *values) -> list[tuple]:
    """The rows of the values_list() queryset `build(*values)`, as tuples; compiled once
    per shape on PostgreSQL (see the module docstring). `key` names the query."""
    entry, real = _entry(key, build, values, counting=False)
    if entry[0] == "run":
        return [tuple(row) for row in build(*values)]
    if entry[0] == "empty":
        return []
    fetched = _fetch(entry, real)
    compiler = entry[2]
    compiler.connection = connections[entry[1]]
    return [tuple(row) for row in compiler.results_iter([fetched])]


def count(key: str, build, *values) -> int:
    """`build(*values).count()`, compiled once per shape on PostgreSQL (see the module
    docstring). `key` names the query."""
    entry, real = _entry(key, build, values, counting=True)
    if entry[0] == "run":
        return build(*values).count()
    if entry[0] == "empty":
        return 0
    return _fetch(entry, real)[0][0]
