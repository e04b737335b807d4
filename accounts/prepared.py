"""Queries of a fixed shape, put together by Django once per thread and run with new values.

Building a queryset and compiling it to SQL costs Django about as much time as PostgreSQL
needs to answer a small query, and several pages run the same queries for every request
with only other ids, dates and texts. `rows()`, `objects()` and `count()` take a name for
the query (`key`), a function that builds the queryset (`build`) and the values as keyword
arguments; each gives what the queryset `build(**values)` gives:

- `rows(key, build, **values)`: `list(queryset)` of a `values()`, `values_list()` or
  `values_list(flat=True)` queryset (dicts, tuples, single values; not `named=True`);
- `objects(key, build, **values)`: the model instances, with what the queryset selects
  related and its annotations set on them;
- `count(key, build, **values)`: `queryset.count()`.

Values:

- an int (not a bool), a text, a date, or an aware datetime: one value (an int's or a
  text's subclass, such as a choice, is sent as the plain int or text);
- a non-empty list of ints: one value sent as one array parameter, as
  `accounts.id_lists.in_ids` sends it (its length is not part of the shape; an empty list
  is refused, it is another query);
- a tuple of values (tuples within allowed): each item its own value, as `pk__in=(…)` sends
  one placeholder per item; the tuple's length is part of the shape (an empty tuple too).

On PostgreSQL, the first call of a shape (the key, the build function's code, the values'
names, kinds and tuple lengths) in a thread builds the queryset with a stand-in for each
value (ids far below any real one, days in the year 2900, texts like "zstandin3z"),
compiles it, and remembers where each stand-in went among the parameters. From then on a
call of that shape runs that SQL with the real values in the stand-ins' places, without
calling `build`: one query, or none when the shape matches nothing whatever the values
(an empty tuple for `__in`). A text found inside a LIKE pattern (`__contains`,
`__startswith`, `__endswith` and their case-insensitive forms) gets the real text escaped
for LIKE as Django escapes it. The rows go through the query's own converters. Each thread
keeps the MAX_SHAPES shapes it used last. Only SQL is kept, never rows: every call reads
the database.

What the caller must guarantee:

- `build` uses each value only as a value the query compares with or sends as it is (a
  filter's operand, a condition inside an aggregate, a raw SQL parameter): no arithmetic,
  no comparisons or other decisions in Python on it (a tuple's length may decide, it is
  part of the shape). What it derives from a stand-in would be the stand-in's, not the
  real value's.
- Everything else that decides the query (a yes or no, which filters apply, the queryset a
  closure holds) is the same for every call with the same `key` and the same `build` code:
  put it in `key`. The query always goes to the same database.

What the module checks, and refuses:

- on every database: values of other kinds (TypeError: bools, None, floats, naive
  datetimes, lists of anything but ints), an empty list (ValueError), a queryset of the
  wrong kind for `rows()` or `objects()`, and prefetch_related or known related objects
  (a reverse foreign key manager's queryset), which are not built here (TypeError);
- on PostgreSQL, when it compiles a shape: a value that does not come back among the
  parameters, and a text inside a parameter other than as itself or a LIKE pattern
  (ValueError). A value used both as it is and derived is not caught.

On other databases than PostgreSQL the queryset `build(**values)` runs as it is (after the
same checks; `build` is also called with the stand-ins once per shape and thread).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import UTC, date, datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)

# Far from any real id or day: nothing a query holds by itself equals one of them.
_STAND_IN_ID = -(10**12)
_STAND_IN_DAY = date(2900, 1, 1)
_STAND_IN_MOMENT = datetime(2900, 1, 1, tzinfo=UTC)
_compiled = threading.local()
# Compiled shapes kept per thread: the social map's search of up to eight words with or
# without stems and four filters has thousands of shapes, of which a desk uses a few dozen.
MAX_SHAPES = 512
# What the cache holds for a shape that runs the queryset (not PostgreSQL) or matches
# nothing whatever the values.
_RUN, _EMPTY = "run", "empty"


def _add(value, leaves: list):
    """The shape of `value` (its kind, or a tuple of its items' shapes); its values go to
    `leaves` in order."""
    kind = type(value)
    if kind is tuple:
        return tuple([_add(item, leaves) for item in value])
    if kind is int or kind is str or kind is date:
        leaves.append(value)
        return kind
    if kind is list:
        if not value:
            raise ValueError("an empty list is another query (IN nothing)")
        if not all(type(item) is int for item in value):
            raise TypeError(f"no stand-in for {value!r}: a list is one parameter of ids")
        leaves.append(value)
        return list
    if isinstance(value, bool):
        raise TypeError("a yes or no is part of the query's shape (its key), not a value")
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise TypeError(f"no stand-in for {value!r}: pass an aware datetime")
        leaves.append(value)
        return datetime
    if isinstance(value, date):
        leaves.append(value)
        return date
    if isinstance(value, int):
        leaves.append(int(value))
        return int
    if isinstance(value, str):
        leaves.append(str(value))
        return str
    raise TypeError(
        f"no stand-in for {value!r}: pass ids, texts, dates, aware datetimes, lists of ids "
        "or tuples of these"
    )


def _shape(values: dict) -> tuple[tuple, list]:
    """The shape of `values` ((name, shape) per value) and their values in order."""
    leaves: list = []
    return tuple([(name, _add(value, leaves)) for name, value in values.items()]), leaves


def _stand_in(kind, number: int):
    if kind is int:
        return _STAND_IN_ID - number
    if kind is str:
        return f"zstandin{number}z"  # nothing a LIKE pattern escapes, none inside another
    if kind is datetime:
        return _STAND_IN_MOMENT + timedelta(days=number)
    if kind is list:
        return [_STAND_IN_ID - number]
    return _STAND_IN_DAY + timedelta(days=number)


def _stand_ins_of(shape: tuple) -> tuple[dict, list, list]:
    """For a shape: the stand-in values by name, the stand-ins in order and their names
    (`pks[2]` for a tuple's item)."""
    leaves: list = []
    paths: list = []

    def build(kind, path):
        if type(kind) is tuple:
            return tuple(build(item, f"{path}[{k}]") for k, item in enumerate(kind))
        substitute = _stand_in(kind, len(leaves))
        leaves.append(substitute)
        paths.append(path)
        return substitute

    return {name: build(kind, name) for name, kind in shape}, leaves, paths


def stand_ins(values: dict) -> dict:
    """The stand-ins for `values` by name: of the same kinds and tuple lengths, each one
    apart from all others; the same shape always gets the same stand-ins."""
    return _stand_ins_of(_shape(values)[0])[0]


def _kind_of(param):
    """The kind of a parameter as `_add` names the values' kinds; None for other kinds."""
    if isinstance(param, bool):
        return None
    for kind in (datetime, date, int, str, list):
        if isinstance(param, kind):
            return kind
    return None


def _placements(key: str, params, leaves: list, paths: list) -> tuple[list, tuple]:
    """The parameters with the query's own in place, and where the values go:
    (parameter index, value index, LIKE prefix, LIKE suffix), the prefix None for a value
    sent as it is."""
    found = {}
    texts = {}
    for number, leaf in enumerate(leaves):
        kind = _kind_of(leaf)
        found[(kind, tuple(leaf) if kind is list else leaf)] = number
        if kind is str:
            texts[leaf] = number
    template, places, reached = list(params), [], set()
    for i, param in enumerate(params):
        kind = _kind_of(param)
        if kind is None:
            continue
        number = found.get((kind, tuple(param) if kind is list else param))
        if number is not None:
            places.append((i, number, None, None))
            reached.add(number)
            continue
        if kind is not str or "zstandin" not in param:
            continue
        for text, number in texts.items():
            if text not in param:
                continue
            prefix, _, suffix = param.partition(text)
            if prefix not in ("", "%") or suffix not in ("", "%") or not (prefix or suffix):
                raise ValueError(f"{key}: a text must be a parameter or a LIKE pattern")
            places.append((i, number, prefix, suffix))
            reached.add(number)
    missing = [path for number, path in enumerate(paths) if number not in reached]
    if missing:
        raise ValueError(
            f"{key}: every value must be a parameter of the query; {', '.join(missing)} "
            "did not reach it"
        )
    return template, tuple(places)


def _names(query) -> list[str]:
    return list(query.selected or ()) or [
        *query.extra_select,
        *query.values_select,
        *query.annotation_select,
    ]


_ROW_KINDS = (ValuesIterable, ValuesListIterable, FlatValuesListIterable)


def _compile(operation: str, key: str, build, shape: tuple):
    substitutes, leaves, paths = _stand_ins_of(shape)
    queryset = build(**substitutes)
    iterable = queryset._iterable_class
    if operation == "rows" and iterable not in _ROW_KINDS:
        raise TypeError(
            f"{key}: rows() takes a values() or values_list() queryset (not named=True)"
        )
    if operation == "objects" and iterable is not ModelIterable:
        raise TypeError(f"{key}: objects() takes a queryset of model instances")
    if operation != "count" and (
        queryset._prefetch_related_lookups or queryset._known_related_objects
    ):
        raise TypeError(f"{key}: only plain querysets are built here (no prefetch_related)")
    alias = queryset.db
    if connections[alias].vendor != "postgresql":
        return _RUN
    query = (queryset.order_by().values("pk") if operation == "count" else queryset).query
    compiler = query.get_compiler(alias)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return _EMPTY
    template, places = _placements(key, params, leaves, paths)
    if operation == "count":
        return (alias, f"SELECT COUNT(*) FROM ({sql}) counted", template, places, None)
    if operation == "rows":
        if iterable is ValuesIterable:
            made = ("dicts", _names(query))
        else:
            made = ("tuples" if iterable is ValuesListIterable else "flat", None)
        return (alias, sql, template, places, (compiler, *made))
    # What ModelIterable reads of the compiler once the SQL is made.
    klass_info, select = compiler.klass_info, compiler.select
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    return (
        alias,
        sql,
        template,
        places,
        (
            compiler,
            klass_info["model"],
            [column[0].target.attname for column in select[start:end]],
            start,
            end,
            get_related_populators(klass_info, select, alias),
            compiler.annotation_col_map or {},
        ),
    )


def _entry(operation: str, key: str, build, values: dict):
    """What the cache holds for this call's shape, and the call's values in order."""
    shape, leaves = _shape(values)
    cache = _compiled.__dict__.get("queries")
    if cache is None:
        cache = _compiled.queries = OrderedDict()
    cache_key = (operation, key, build.__code__, shape)
    entry = cache.get(cache_key)
    if entry is None:
        entry = _compile(operation, key, build, shape)
        while len(cache) >= MAX_SHAPES:
            cache.popitem(last=False)  # the shape used longest ago
        cache[cache_key] = entry
    else:
        cache.move_to_end(cache_key)
    return entry, leaves


def _fetch(entry, leaves: list) -> list:
    alias, sql, template, places, _made = entry
    connection = connections[alias]
    params = template.copy()
    for i, number, prefix, suffix in places:
        value = leaves[number]
        if prefix is not None:
            value = f"{prefix}{connection.ops.prep_for_like_query(value)}{suffix}"
        params[i] = value
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def rows(key: str, build, /, **values) -> list:
    """`list(build(**values))` of a values() or values_list() queryset (dicts, tuples, or
    single values with flat=True); compiled once per shape on PostgreSQL (see the module
    docstring). `key` names the query."""
    entry, leaves = _entry("rows", key, build, values)
    if entry is _RUN:
        return list(build(**values))
    if entry is _EMPTY:
        return []
    fetched = _fetch(entry, leaves)
    compiler, made, names = entry[4]
    compiler.connection = connections[entry[0]]
    if made == "tuples":
        return list(compiler.results_iter([fetched], tuple_expected=True))
    if made == "flat":
        return [row[0] for row in compiler.results_iter([fetched])]
    return [dict(zip(names, row, strict=True)) for row in compiler.results_iter([fetched])]


def objects(key: str, build, /, **values) -> list:
    """The model instances of the queryset `build(**values)`, with what it selects related
    and its annotations, built as Django builds them; compiled once per shape on PostgreSQL
    (see the module docstring). `key` names the query."""
    entry, leaves = _entry("objects", key, build, values)
    if entry is _RUN:
        return list(build(**values))
    if entry is _EMPTY:
        return []
    fetched = _fetch(entry, leaves)
    alias = entry[0]
    compiler, model_class, init_list, start, end, populators, annotations = entry[4]
    compiler.connection = connections[alias]
    built = []
    for row in compiler.results_iter([fetched]):
        instance = model_class.from_db(alias, init_list, row[start:end])
        for populator in populators:
            populator.populate(row, instance)
        for name, column in annotations.items():
            setattr(instance, name, row[column])
        built.append(instance)
    return built


def count(key: str, build, /, **values) -> int:
    """`build(**values).count()`; compiled once per shape on PostgreSQL (see the module
    docstring). `key` names the query."""
    entry, leaves = _entry("count", key, build, values)
    if entry is _RUN:
        return build(**values).count()
    if entry is _EMPTY:
        return 0
    return _fetch(entry, leaves)[0][0]
