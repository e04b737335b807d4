"""The shared step of update services: set what changed, validate, save."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def model_update(
    *,
    instance: M,
    fields: Iterable[str],
    data: dict,
    prepare: Callable[[M], None] | None = None,
) -> tuple[M, list[str]]:
    """Set the `fields` of `instance` that `data` gives a different value; when any
    changed, run `prepare` (tidying, derived fields), `full_clean()` and `save()`.

    Returns the instance and the names of the fields that changed (empty, so false, when
    nothing did: then nothing is validated or saved). A key of `data` outside `fields` is
    a programming error and raises TypeError before anything is set.
    """
    fields = list(fields)
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"cannot update {sorted(unknown)} of {type(instance).__name__}")
    changed = [name for name in fields if name in data and getattr(instance, name) != data[name]]
    for name in changed:
        setattr(instance, name, data[name])
    if changed:
        if prepare is not None:
            prepare(instance)
        instance.full_clean()
        instance.save()
    return instance, changed


def field_labels(model: type[models.Model], names: Iterable[str]) -> str:
    """The verbose names of `names`, comma-separated (for a logbook line "what changed")."""
    return ", ".join(str(model._meta.get_field(name).verbose_name) for name in names)
