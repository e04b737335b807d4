"""The view across villages for a regional reader or coordinator: where help is short.

Aggregates for every village the user may read; the names behind them only for the villages
they coordinate (`selectors.region_view` loads nothing else). No resident is named on this
page, so it writes no access log.
"""

from django.shortcuts import render
from django.utils import timezone

from accounts.access import capability_required
from accounts.roles import Role

from .selectors import region_view


@capability_required("can_read_reports")
def region(request):
    access = request.access
    villages = access.report_villages
    coordinated = {v.pk for v in access.villages_with_role(Role.COORDINATOR)}
    today = timezone.localdate()
    return render(
        request,
        "regio/region.html",
        {
            "views": region_view(villages, coordinated_ids=coordinated, today=today),
            "active_village_id": access.village.pk if access.village else None,
            "today": today,
        },
    )
