"""E-mail that accounts asks for, handed to the outbox. accounts sits below meldingen and
does not import it: meldingen registers its sender here from its `AppConfig.ready()`. Without
one, asking to send is an error rather than a silent fallback to sending directly."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ImproperlyConfigured

# sender(user) -> None: puts the "choose a new password" e-mail in the outbox.
_password_reset_sender: Callable | None = None


def register_password_reset_sender(sender: Callable) -> None:
    global _password_reset_sender  # noqa: PLW0603 - one registration at start-up
    _password_reset_sender = sender


def password_reset_send(user) -> None:
    if _password_reset_sender is None:
        raise ImproperlyConfigured("No outbox registered for the password reset e-mail")
    _password_reset_sender(user)


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the e-mail goes through the outbox (the link in it is made
    when the outbox sends it, so no token is stored)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        password_reset_send(context["user"])
