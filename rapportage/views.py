from django.shortcuts import render

from accounts.access import capability_required


@capability_required("can_read_reports")
def overview(request):
    """The yearly overview for the klankbordgroep: aggregates only."""
    return render(request, "rapportage/overview.html")
