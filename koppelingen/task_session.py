"""The short task session that an invitation link is traded for.

The e-mailed (or texted) link carries a signed token. Opening it puts the invitation in the
browser's session for `rules.TASK_SESSION` and redirects to the task's own address, which has
no token in it; the task pages, the report and the calendar file then work from the session.
So the token shows up once in the server's log, and not in the browser's history of task
pages, in links on the page or in the addresses of every later click.
"""

from __future__ import annotations

from datetime import date, datetime

from . import rules

SESSION_KEY = "koppelingen.task_links"


def _open_links(session, now: datetime) -> dict:
    links = {}
    for key, value in (session.get(SESSION_KEY) or {}).items():
        try:
            opened_at = datetime.fromisoformat(value["at"])
        except (KeyError, TypeError, ValueError):
            continue
        if rules.task_session_open(opened_at=opened_at, now=now):
            links[key] = value
    return links


def grant(session, *, invitation_id: int, expires_on: date, now: datetime) -> None:
    """Let this session open the invitation's pages for `rules.TASK_SESSION` from `now`
    (the link's own last day still counts); sessions that have run out are dropped."""
    links = _open_links(session, now)
    links[str(invitation_id)] = {"at": now.isoformat(), "expires": expires_on.isoformat()}
    session[SESSION_KEY] = links


def link_expiry(session, *, invitation_id: int, now: datetime) -> date | None:
    """The last day of the link this session opened for the invitation, while its task
    session runs; None when the session never opened it or its time is up."""
    value = _open_links(session, now).get(str(invitation_id))
    return date.fromisoformat(value["expires"]) if value else None
