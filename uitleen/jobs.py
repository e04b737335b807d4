"""The periodic job of lending, registered with meldingen (see uitleen.apps): aids not
returned on time. Idempotent: a second run adds nothing."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Village
from accounts.templatetags.nl_format import format_nl_date
from meldingen.models import Todo
from meldingen.services import todo_add

from .selectors import overdue_loans as overdue


def overdue_loans(now: datetime) -> int:
    """Aids not returned on time become a to-do."""
    today = timezone.localdate(now)
    added = 0
    for village in Village.objects.all():
        for loan in overdue(village, today=today).select_related("item", "resident"):
            with translation.override("nl"):
                title = _("%(item)s not returned by %(name)s (due %(date)s)") % {
                    "item": loan.item,
                    "name": loan.resident.first_name,
                    "date": format_nl_date(loan.due_on, "long"),
                }
            _todo, created = todo_add(
                village=village,
                kind=Todo.Kind.OVERDUE_LOAN,
                key=f"overdue-loan:{loan.pk}:{loan.due_on}",
                title=title,
                about={"loan": loan.pk},
                due_on=today,
            )
            added += created
    return added


JOBS = {"overdue_loans": overdue_loans}
