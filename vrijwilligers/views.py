from django.shortcuts import render

from accounts.access import capability_required


@capability_required("is_volunteer")
def my_tasks(request):
    """The volunteer's phone page: invitations, upcoming and past tasks."""
    return render(request, "vrijwilligers/my_tasks.html")
