"""Showing a service's refusal on the form that was sent, so nothing typed is lost."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.BaseForm, exc: ValidationError, prefix: str = "") -> None:
    """Put the errors of a service's ValidationError on `form`: on the field it names where
    the form has that field (`prefix` + name), else at the top of the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            field = f"{prefix}{name}"
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
