"""Reads for export and erasure: the rows about one resident, per model of the register.

`rows_about(label, resident)` follows the register's `resident` lookup; the models that name
a resident only by an id inside a JSON field (to-dos, the outbox) or by several links (the
matching logbook) have a function here, named in the register as "selector:<name>".
"""

from __future__ import annotations

from datetime import date

from django.apps import apps
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from .register import REGISTER


def _request_ids(resident) -> list[int]:
    return list(resident.help_requests.values_list("pk", flat=True))


def matching_log(resident) -> QuerySet:
    model = apps.get_model("koppelingen", "LogEntry")
    return model.objects.filter(Q(resident=resident) | Q(help_request__resident=resident))


def notifications(resident) -> QuerySet:
    model = apps.get_model("meldingen", "Notification")
    Assignment = apps.get_model("koppelingen", "Assignment")
    Invitation = apps.get_model("koppelingen", "Invitation")
    Occurrence = apps.get_model("koppelingen", "Occurrence")
    requests = _request_ids(resident)
    return model.objects.filter(
        Q(context__help_request__in=requests)
        | Q(
            context__assignment__in=list(
                Assignment.objects.filter(resident=resident).values_list("pk", flat=True)
            )
        )
        | Q(
            context__invitation__in=list(
                Invitation.objects.filter(help_request__in=requests).values_list("pk", flat=True)
            )
        )
        | Q(
            context__occurrence__in=list(
                Occurrence.objects.filter(help_request__in=requests).values_list("pk", flat=True)
            )
        ),
        village_id=resident.village_id,
    )


def retention_todos_listing(kind: str, object_id: int, *, village_id: int) -> list:
    """The retention notices of the village that list this resident or volunteer (their
    `about["items"]` holds [kind, id] pairs, one per line of the detail)."""
    model = apps.get_model("meldingen", "Todo")
    return [
        todo
        for todo in model.objects.filter(village_id=village_id, kind="retention")
        if [kind, object_id] in todo.about.get("items", [])
    ]


def todos(resident) -> QuerySet:
    model = apps.get_model("meldingen", "Todo")
    listing = [
        t.pk
        for t in retention_todos_listing("resident", resident.pk, village_id=resident.village_id)
    ]
    Loan = apps.get_model("uitleen", "Loan")
    loans = list(Loan.objects.filter(resident=resident).values_list("pk", flat=True))
    return model.objects.filter(
        Q(about__help_request__in=_request_ids(resident))
        | Q(about__loan__in=loans)
        | Q(about__resident=resident.pk)
        | Q(about__notification__in=list(notifications(resident).values_list("pk", flat=True)))
        | Q(pk__in=listing),
        village_id=resident.village_id,
    )


def erasures(resident) -> QuerySet:
    model = apps.get_model("privacy", "Erasure")
    return model.objects.filter(kind=model.Kind.RESIDENT, object_id=resident.pk)


SELECTORS = {
    "matching_log": matching_log,
    "notifications": notifications,
    "todos": todos,
    "erasures": erasures,
}


def rows_about(label: str, resident) -> QuerySet:
    """The rows of model `label` about `resident`, oldest first."""
    how = REGISTER[label].resident
    if how.startswith("selector:"):
        queryset = SELECTORS[how.removeprefix("selector:")](resident)
    else:
        lookup = "pk" if how == "pk" else how
        value = resident.pk
        model = apps.get_model(label)
        queryset = model.objects.filter(**{lookup: value})
    return queryset.order_by("pk")


def _as_date(value):
    if value is None:
        return None
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return timezone.localdate(value)
    return value


def last_contacts(village) -> dict[int, date]:
    """Per resident of `village`: the day of the last contact the desk recorded (intake,
    a status change, a task, a loan or its return, a signal). A handful of grouped queries."""
    found: dict[int, date] = {}

    def take(rows):
        for resident_id, *values in rows:
            for value in values:
                day = _as_date(value)
                if day is not None and (resident_id not in found or day > found[resident_id]):
                    found[resident_id] = day

    Resident = apps.get_model("hulpvragen", "Resident")
    HelpRequest = apps.get_model("hulpvragen", "HelpRequest")
    StatusChange = apps.get_model("hulpvragen", "StatusChange")
    Loan = apps.get_model("uitleen", "Loan")
    Signal = apps.get_model("koppelingen", "Signal")
    Assignment = apps.get_model("koppelingen", "Assignment")
    take(Resident.objects.filter(village=village).values_list("pk", "created_at", "updated_at"))
    take(
        HelpRequest.objects.filter(village=village)
        .values("resident")
        .annotate(a=Max("created_at"), b=Max("status_changed_at"))
        .values_list("resident", "a", "b")
    )
    take(
        StatusChange.objects.filter(village=village)
        .values("help_request__resident")
        .annotate(a=Max("at"))
        .values_list("help_request__resident", "a")
    )
    take(
        Loan.objects.filter(village=village)
        .values("resident")
        .annotate(a=Max("lent_on"), b=Max("returned_on"))
        .values_list("resident", "a", "b")
    )
    take(
        Signal.objects.filter(village=village)
        .values("resident")
        .annotate(a=Max("created_at"), b=Max("passed_on_at"))
        .values_list("resident", "a", "b")
    )
    take(
        Assignment.objects.filter(village=village)
        .values("resident")
        .annotate(a=Max("task_date"), b=Max("accepted_at"))
        .values_list("resident", "a", "b")
    )
    return found
