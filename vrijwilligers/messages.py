"""The volunteers' messages, registered as outbox message kinds (see vrijwilligers.apps): the
welcome with the link to choose a password, the sign-up notice to the coordinators, and the
confirmation round's question. Rendered from ids when they are sent (so a link in them is
made then, not stored), and cancelled (None) when they no longer apply."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import password_setting_link
from meldingen.messages import Message

from .availability import VolunteerStatus
from .confirmation import confirmation_token
from .models import ConfirmationRequest, Volunteer


def _message(prefix: str, subject: str, values: dict) -> Message:
    """The text part `<prefix>.txt` and the HTML part `<prefix>.html` (on the one base
    template of every e-mail), with the desk's name and phone under both."""
    values = values | {"subject": subject, "village_name": values["village"].name}
    return Message(
        subject=subject,
        text=render_to_string(f"{prefix}.txt", values),
        html=render_to_string(f"{prefix}.html", values),
    )


def build_volunteer_invitation(context) -> Message | None:
    volunteer = Volunteer.objects.select_related("village").filter(pk=context.get("volunteer"))
    volunteer = volunteer.first()
    user = User.objects.filter(pk=context.get("user"), is_active=True).first()
    if volunteer is None or user is None or volunteer.status == VolunteerStatus.STOPPED:
        return None
    with translation.override("nl"):
        values = {
            "volunteer": volunteer,
            "village": volunteer.village,
            "link": password_setting_link(user) if not user.has_usable_password() else "",
            "login_url": f"{settings.SITE_URL}{reverse('login')}",
            "email": user.email,
        }
        subject = _("Welcome as a volunteer at Dorpsloket %(village)s") % {
            "village": volunteer.village
        }
        return _message("vrijwilligers/email/invitation", subject, values)


def build_signup_notice(context) -> Message | None:
    volunteer = (
        Volunteer.objects.select_related("village")
        .prefetch_related("categories")
        .filter(pk=context.get("volunteer"))
        .first()
    )
    if volunteer is None:
        return None
    with translation.override("nl"):
        values = {
            "volunteer": volunteer,
            "village": volunteer.village,
            "categories": ", ".join(str(c) for c in volunteer.categories.all()),
            "url": f"{settings.SITE_URL}{reverse('vrijwilligers:detail', args=[volunteer.pk])}",
        }
        subject = _("New volunteer sign-up: %(name)s") % {"name": volunteer.full_name}
        return _message("vrijwilligers/email/signup_notice", subject, values)


def build_confirmation_request(context) -> Message | None:
    request = (
        ConfirmationRequest.objects.select_related("volunteer", "village", "round")
        .filter(pk=context.get("request"), responded_on__isnull=True)
        .first()
    )
    if request is None:
        return None  # answered before the e-mail went out
    path = reverse("vrijwilligers:confirm_token", args=[confirmation_token(request)])
    with translation.override("nl"):
        values = {
            "volunteer": request.volunteer,
            "village": request.village,
            "url": f"{settings.SITE_URL}{path}",
            "weeks": request.round.respond_within_weeks,
        }
        subject = _("Are your details still right? Dorpsloket %(village)s") % {
            "village": request.village
        }
        return _message("vrijwilligers/email/confirmation_request", subject, values)


MESSAGES = {
    "volunteer_invitation": build_volunteer_invitation,
    "signup_notice": build_signup_notice,
    "confirmation_request": build_confirmation_request,
}
