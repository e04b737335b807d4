"""Queries put together once per process and run with each call's values.

Building a queryset with half a dozen filtered counts and compiling it to SQL costs Django
time of the order of what PostgreSQL needs to run it, and the candidates page did that for
every request with only other ids and dates. `rows(key, build, **values)` builds and
compiles `build(**values)` once per process, thread and database with a stand-in for each
value, remembers at which parameters each stand-in went, and from then on runs that SQL
with the real values in their places; the rows go through the query's own converters, so
they are what the queryset gives. Other databases than PostgreSQL run the queryset.

`objects(key, build, **values)` does the same for a queryset of model instances (with
its select_related, as Django builds them).

`build` must use each value only as a value (a filter's operand; no arithmetic, no
comparisons): what it derives from a stand-in would not follow the real value. Every
stand-in has to come back among the parameters, else the query is refused (a value used
both as it is and derived is not caught: that is the contract of `build`).
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

from django.db import connections, router
from django.db.models.query import ModelIterable, get_related_populators

# Far from any real id or day: nothing a query holds by itself equals one of them.
_STAND_IN_ID = -(10**12)
_STAND_IN_DAY = date(2900, 1, 1)
_compiled = threading.local()


def stand_in(value, index: int):
    """A value of the same kind as `value` that no query holds by itself, one per index."""
    if isinstance(value, bool):
        raise TypeError("a yes or no is part of the query's shape, not a value")
    if isinstance(value, int):
        return _STAND_IN_ID - index
    if isinstance(value, datetime):
        return datetime.combine(_STAND_IN_DAY + timedelta(days=index), value.time(), UTC)
    if isinstance(value, date):
        return _STAND_IN_DAY + timedelta(days=index)
    if isinstance(value, list):
        return [_STAND_IN_ID - 1000 - index]
    if isinstance(value, tuple):
        # one placeholder per id (`pk__in=(…)`): as many stand-ins, apart from all others
        return tuple(_STAND_IN_ID - 10**6 * (index + 1) - k for k in range(len(value)))
    raise TypeError(f"no stand-in for {type(value).__name__}")


def _is(param, stand_in_value) -> bool:
    # A value equal to the stand-in and of its kind (True == 1, a date is not a datetime).
    return type(param) is type(stand_in_value) and param == stand_in_value


def rows(key: str, build, *, model, **values) -> list[dict]:
    """The rows (dicts) of the values() queryset `build(**values)`; `key` names the query
    (one per `build`), `model` routes it to its database.

    Ints, dates, aware datetimes, non-empty lists of ints (sent as one parameter, as
    `accounts.id_lists.in_ids` does) and tuples of ints (one placeholder each, as
    `pk__in=(…)` does; compiled once per length) can be values; the query's shape (which
    filters, how many placeholders) must not depend on them otherwise.
    """
    _refuse_empty_lists(key, values)
    using = router.db_for_read(model)
    connection = connections[using]
    if connection.vendor != "postgresql":
        return list(build(**values))
    cache = _compiled.__dict__.setdefault("queries", {})
    lengths = tuple(len(value) for value in values.values() if isinstance(value, tuple))
    shape = (using, key, lengths)
    if shape not in cache:
        stand_ins = {name: stand_in(value, i) for i, (name, value) in enumerate(values.items())}
        query = build(**stand_ins).query
        compiler = query.get_compiler(using)
        sql, params = compiler.as_sql()
        cache[shape] = (compiler, sql, _slots(key, stand_ins, params), _names(query))
    compiler, sql, slots, names = cache[shape]
    params = _params(slots, values)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    compiler.connection = connection
    return [dict(zip(names, row, strict=True)) for row in compiler.results_iter([fetched])]


def objects(key: str, build, *, model, **values) -> list:
    """The model instances of the queryset `build(**values)`, with what it selects related,
    like `rows` (the same values). A queryset with prefetch_related, known related objects
    (a related manager's) or another iterable than instances is refused: they are not
    built here."""
    _refuse_empty_lists(key, values)
    using = router.db_for_read(model)
    connection = connections[using]
    if connection.vendor != "postgresql":
        return list(build(**values))
    cache = _compiled.__dict__.setdefault("objects", {})
    lengths = tuple(len(value) for value in values.values() if isinstance(value, tuple))
    shape = (using, key, lengths)
    if shape not in cache:
        stand_ins = {name: stand_in(value, i) for i, (name, value) in enumerate(values.items())}
        queryset = build(**stand_ins)
        if (
            queryset._prefetch_related_lookups
            or queryset._known_related_objects
            or queryset._iterable_class is not ModelIterable
        ):
            raise ValueError(f"{key}: only plain model instances are built here")
        compiler = queryset.query.get_compiler(using)
        sql, params = compiler.as_sql()
        # What ModelIterable reads of the compiler once the SQL is made.
        klass_info, select = compiler.klass_info, compiler.select
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        cache[shape] = (
            compiler,
            sql,
            _slots(key, stand_ins, params),
            klass_info["model"],
            [column[0].target.attname for column in select[start:end]],
            (start, end),
            get_related_populators(klass_info, select, using),
            compiler.annotation_col_map,
        )
    compiler, sql, slots, model_class, init_list, (start, end), populators, annotations = cache[
        shape
    ]
    params = _params(slots, values)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    compiler.connection = connection
    built = []
    for row in compiler.results_iter([fetched]):
        instance = model_class.from_db(using, init_list, row[start:end])
        for populator in populators:
            populator.populate(row, instance)
        for name, column in (annotations or {}).items():
            setattr(instance, name, row[column])
        built.append(instance)
    return built


def _refuse_empty_lists(key: str, values: dict) -> None:
    if any(isinstance(value, list) and not value for value in values.values()):
        raise ValueError(f"{key}: an empty list is another query (IN nothing)")


def _params(slots: list[tuple], values: dict) -> list:
    return [
        own if name is None else values[name] if k is None else values[name][k]
        for name, k, own in slots
    ]


def _slots(key: str, stand_ins: dict, params) -> list[tuple]:
    """Where each parameter comes from: (name, None, None) a value, (name, k, None) the
    k-th item of a tuple, (None, None, param) the query's own."""
    items = {}
    for name, value in stand_ins.items():
        if isinstance(value, tuple):
            items.update({item: (name, k) for k, item in enumerate(value)})
    slots, reached = [], set()
    for param in params:
        names = [name for name, value in stand_ins.items() if _is(param, value)]
        if names:
            slots.append((names[0], None, None))
            reached.add((names[0], None))
        elif type(param) is int and param in items:
            slots.append((*items[param], None))
            reached.add(items[param])
        else:
            slots.append((None, None, param))
    wanted = set()
    for name, value in stand_ins.items():
        if isinstance(value, tuple):
            wanted.update((name, k) for k in range(len(value)))
        else:
            wanted.add((name, None))
    missing = sorted({name for name, _ in wanted - reached})
    if missing:
        raise ValueError(f"{key}: {missing} did not reach the query as values")
    return slots


def _names(query) -> list[str]:
    return list(query.selected or ()) or [
        *query.extra_select,
        *query.values_select,
        *query.annotation_select,
    ]
