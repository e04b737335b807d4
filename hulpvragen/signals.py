"""What other apps may hear from help requests (they sit above hulpvragen and listen; this app
does not know them)."""

from django.dispatch import Signal

# Sent by `services.help_request_transition` inside its transaction, after the status has
# changed: help_request, from_status, to_status, by, now. A receiver that raises undoes the
# whole transition.
status_changed = Signal()
