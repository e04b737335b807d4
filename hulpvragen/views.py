from django.shortcuts import render

from accounts.access import capability_required


@capability_required("can_coordinate")
def board(request):
    """The coordinator's board of open requests."""
    return render(request, "hulpvragen/board.html")
