"""Why a request has no volunteer yet: one pure rule, read by the view across villages.

The order says what the desk can do about it: when nobody in the village (nor anyone from
elsewhere who helps it) offers this kind of help, asking harder does not help — the region
is short of volunteers for it. Otherwise the request waits for answers, everyone asked said
no (time to ask others or a neighbouring village), or nobody has been asked yet.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Why(models.TextChoices):
    NOBODY_OFFERS = "nobody_offers", _("nobody offers this kind of help")
    WAITING = "waiting", _("waiting for an answer")
    ALL_SAID_NO = "all_said_no", _("everyone asked said no")
    NOT_ASKED = "not_asked", _("nobody asked yet")


def why_unmatched(*, offered: bool, asked: int, pending: int) -> Why:
    """The reason a request that looks for a volunteer has none yet.

    `offered`: an active volunteer of the village, or one from elsewhere who helps it, offers
    this kind of help; `asked`: invitations sent for it; `pending`: of those, still waiting.
    """
    if not offered:
        return Why.NOBODY_OFFERS
    if pending:
        return Why.WAITING
    if asked:
        return Why.ALL_SAID_NO
    return Why.NOT_ASKED
