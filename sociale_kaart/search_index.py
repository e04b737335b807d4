"""The stored search text of each organisation (SearchDocument), and keeping it current.

The search box matches every word against `SearchDocument.text`, which holds the folded
words of an organisation's name, services, town, themes and contact persons followed by
their Dutch stems (sociale_kaart.search.document). The text is rebuilt here whenever one
of those changes: signals on Organisation, ContactPerson, Theme and the theme links cover
every write through the ORM (services, admin, imports, demo data). Bulk inserts send no
signals: after `bulk_create` call `refresh(ids)` or `refresh_all()` (the benchmark does).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import CharField, Value
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from .models import ContactPerson, Organisation, SearchDocument, Theme
from .search import document

# The organisation fields that go into the text (a save of other fields changes nothing).
TEXT_FIELDS = frozenset({"name", "services", "town"})
BATCH = 2000


def texts_for(ids: Iterable[int]) -> dict[int, str]:
    """{organisation id: search text} for `ids`, read in one query."""
    ids = list(ids)
    blank = Value("", output_field=CharField())
    own = (
        Organisation.objects.filter(pk__in=ids)
        .order_by()
        .values_list("pk", "name", "services", "town")
    )
    themes = Organisation.themes.through.objects.filter(organisation_id__in=ids)
    contacts = ContactPerson.objects.filter(organisation_id__in=ids).order_by()
    rows = own.union(
        themes.values_list("organisation_id", "theme__name", "theme__code", blank),
        contacts.values_list("organisation_id", "name", "role", blank),
        all=True,
    )
    parts: dict[int, list[str]] = {}
    for pk, *texts in rows:
        parts.setdefault(pk, []).extend(texts)
    return {pk: document(*texts) for pk, texts in parts.items()}


def refresh(ids: Iterable[int]) -> int:
    """Rebuild the search text of the organisations `ids` (those that still exist)."""
    ids = sorted(set(ids))
    written = 0
    for start in range(0, len(ids), BATCH):
        texts = texts_for(ids[start : start + BATCH])
        SearchDocument.objects.bulk_create(
            [SearchDocument(organisation_id=pk, text=text) for pk, text in texts.items()],
            update_conflicts=True,
            unique_fields=["organisation"],
            update_fields=["text"],
        )
        written += len(texts)
    return written


def refresh_all() -> int:
    """Rebuild every organisation's search text (after bulk inserts, or to repair)."""
    return refresh(Organisation.objects.values_list("pk", flat=True))


# --- signals (connected in SocialeKaartConfig.ready) ------------------------------------


def _organisation_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields is not None and not TEXT_FIELDS & set(update_fields)):
        return
    refresh([instance.pk])


def _themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        refresh([instance.pk])
    elif action == "post_clear":
        refresh(getattr(instance, "_search_organisation_ids", ()))
    else:
        refresh(pk_set or ())


def _themes_clearing(sender, instance, action, reverse, **kwargs):
    # Before a theme loses all its organisations: remember which ones (for post_clear).
    if action == "pre_clear" and reverse:
        instance._search_organisation_ids = list(
            instance.organisations.values_list("pk", flat=True)
        )


def _contact_changed(sender, instance, raw=False, origin=None, **kwargs):
    # A contact deleted because its organisation is deleted needs no new text (and writing
    # one would point at an organisation that is about to go).
    if raw or isinstance(origin, Organisation) or getattr(origin, "model", None) is Organisation:
        return
    refresh([instance.organisation_id])


def _theme_saved(sender, instance, created=False, raw=False, **kwargs):
    if not raw and not created:
        refresh(instance.organisations.values_list("pk", flat=True))


def _theme_deleting(sender, instance, **kwargs):
    instance._search_organisation_ids = list(instance.organisations.values_list("pk", flat=True))


def _theme_deleted(sender, instance, **kwargs):
    refresh(getattr(instance, "_search_organisation_ids", ()))


def connect() -> None:
    uid = "sociale_kaart.search_index"
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid=f"{uid}.org")
    m2m_changed.connect(
        _themes_changed, sender=Organisation.themes.through, dispatch_uid=f"{uid}.m2m"
    )
    m2m_changed.connect(
        _themes_clearing, sender=Organisation.themes.through, dispatch_uid=f"{uid}.m2m_pre"
    )
    post_save.connect(_contact_changed, sender=ContactPerson, dispatch_uid=f"{uid}.contact")
    post_delete.connect(_contact_changed, sender=ContactPerson, dispatch_uid=f"{uid}.contact_del")
    post_save.connect(_theme_saved, sender=Theme, dispatch_uid=f"{uid}.theme")
    pre_delete.connect(_theme_deleting, sender=Theme, dispatch_uid=f"{uid}.theme_pre_del")
    post_delete.connect(_theme_deleted, sender=Theme, dispatch_uid=f"{uid}.theme_del")
