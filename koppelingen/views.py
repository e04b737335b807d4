from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import prepared
from accounts.access import capability_required
from accounts.access_log import Action, log_read, log_residents
from accounts.access_log_models import AccessLogEntry
from accounts.page_shell import csrf_input, render_page
from hulpvragen.selectors import get_help_request_for_user
from sociale_kaart.models import Organisation
from vrijwilligers import sharing
from vrijwilligers.channels import reach_volunteer
from vrijwilligers.models import Volunteer, VolunteerStatus
from vrijwilligers.selectors import get_volunteer_for_user

from . import candidates_page, rules, services, task_calendar, task_session, tokens, week_letter
from .candidate_html import CandidateList
from .forms import AskForm, FollowUpForm, MismatchForm, PassOnForm, ReportForm
from .models import TAKEN_STATUSES, Assignment, Invitation, LogEntry, Signal, TaskReport
from .phone_round import calls_for as phone_round_calls
from .ranking import rank_candidates
from .selectors import (
    candidate_facts_and_contacts,
    follow_up_assignment,
    get_assignment_for_coordinator,
    get_follow_up_for_user,
    get_invitation_for_coordinator,
    get_signal_for_coordinator,
    invitation_for_link,
    invitation_for_task_page,
    need_for,
    pair_log,
    signals_for,
)

# --- coordinators ---------------------------------------------------------------------------


def tell_apart(volunteer, village_name: str) -> str:
    """What tells two volunteers with the same name apart: street (or place) and phone.

    The same text as koppelingen/_volunteer_tell_apart.html, built in Python for the long
    candidate list (an include per candidate cost more than the rest of the line)."""
    where = ""
    if volunteer.street:
        where = volunteer.street
        if volunteer.place and volunteer.place != village_name:
            where += f", {volunteer.place}"
    elif volunteer.place:
        where = volunteer.place
    if volunteer.phone:
        return f"{where} · {volunteer.phone_display}" if where else volunteer.phone_display
    return where


def _chosen_volunteers(pks: list[int]) -> list[Volunteer]:
    """The volunteers chosen on the candidates page, in the order chosen, with what asking
    them reads (1 query)."""
    volunteers = {
        v.pk: v
        for v in Volunteer.objects.filter(pk__in=pks)
        .select_related("village")
        .only(
            "pk",
            "first_name",
            "last_name",
            "email",
            "phone",
            "contact_channel",
            "street",
            "place",
            "village_id",
            "village__name",
            "village__desk_phone",
        )
    }
    return [volunteers[pk] for pk in pks]


def _assignments(help_request_id):
    return (
        Assignment.objects.filter(help_request_id=help_request_id)
        .select_related("volunteer__village", "report")
        .order_by("accepted_at")
    )


def _invitations(help_request_id):
    return (
        Invitation.objects.filter(help_request_id=help_request_id)
        .select_related("volunteer__village")
        .order_by("asked_at")
    )


def _request_log(help_request_id):
    """selectors.request_log, for a request by its id."""
    return (
        LogEntry.objects.filter(help_request_id=help_request_id)
        .select_related("volunteer", "by")
        .order_by("at", "pk")
    )


@capability_required("can_coordinate")
def candidates(request, pk):
    """Ranked candidates with their reasons; ask one or more with one click. Once enough
    volunteers said yes, the page shows the match instead."""
    help_request = get_help_request_for_user(request.access, pk)
    today = timezone.localdate()
    # The page's own queries are put together once per shape and thread (accounts.prepared).
    assignments = prepared.objects(
        "candidates.assignments", _assignments, help_request_id=help_request.pk
    )
    taken = [a for a in assignments if a.status in TAKEN_STATUSES]
    is_filled = rules.has_enough_volunteers(taken=len(taken), needed=help_request.volunteers_needed)
    can_ask = help_request.status in services.ASKABLE_STATUSES and not is_filled
    eligible, excluded, contacts = [], [], {}
    if can_ask:
        facts, contacts = candidate_facts_and_contacts(help_request, today=today)
        eligible, excluded = rank_candidates(need_for(help_request, today=today), facts)
    village_name = help_request.village.name
    for candidate in eligible + excluded:
        contact = contacts[candidate.facts.volunteer_id]
        # how they would be asked (the one channel rule), shown on the candidate
        candidate.asked_by = reach_volunteer(contact).channel
        candidate.tell_apart = tell_apart(contact, village_name)
    # The choices only check what is posted (the page lists the candidates itself): setting
    # 150 of them on a form costs about 1 ms, so a GET goes without.
    choices = []
    if request.method == "POST":
        choices = [(c.facts.volunteer_id, c.facts.name) for c in eligible + excluded]
    form = AskForm(request.POST or None, volunteer_choices=choices)
    if request.method == "POST" and not can_ask:
        messages.error(
            request,
            _("Enough volunteers have said yes already: nobody else is asked.")
            if is_filled
            else _("Volunteers can be asked once the request is accepted in triage."),
        )
        return redirect("koppelingen:candidates", pk=help_request.pk)
    if request.method == "POST" and form.is_valid():
        chosen = _chosen_volunteers(form.cleaned_data["volunteer"])
        try:
            asked = services.invitations_send(
                help_request=help_request,
                volunteers=chosen,
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            by_phone = [i.volunteer.full_name for i in asked if i.channel == "phone"]
            messages.success(request, _("Asked: %(n)d.") % {"n": len(asked)})
            if by_phone:
                messages.info(
                    request,
                    _("Call them and record the answer: %(names)s")
                    % {"names": ", ".join(by_phone)},
                )
            _log(
                request,
                help_request.village_id,
                help_request.resident_id,
                f"helprequest:{help_request.pk}",
                Action.EDIT,
            )
            return redirect("koppelingen:candidates", pk=help_request.pk)
    invitations = prepared.objects(
        "candidates.invitations", _invitations, help_request_id=help_request.pk
    )
    for a in assignments:
        # A volunteer from elsewhere: contact details only after accepting (sharing).
        a.shows_contact = a.volunteer.village_id == help_request.village_id or (
            sharing.contact_visible_elsewhere(
                has_planned_task=a.status == Assignment.Status.ACTIVE,
                last_task_on=a.task_date,
                today=today,
            )
        )
    _log(
        request, help_request.village_id, help_request.resident_id, f"helprequest:{help_request.pk}"
    )
    listed = CandidateList({i.volunteer_id for i in invitations})
    context = {
        "help_request": help_request,
        "heading": candidates_page.heading(is_filled=is_filled, taken=len(taken), can_ask=can_ask),
        "eligible": eligible,
        "excluded": excluded,
        "eligible_html": listed.html_of(eligible),
        "excluded_html": listed.html_of(excluded, is_excluded=True),
        "invitations": invitations,
        "assignments": assignments,
        "taken": taken,
        "is_filled": is_filled,
        "log": prepared.objects("candidates.log", _request_log, help_request_id=help_request.pk),
        "form": form,
        "can_ask": can_ask,
        "askable_status": help_request.status in services.ASKABLE_STATUSES,
    }
    context["content"] = candidates_page.content_html(
        context, csrf_input=csrf_input(request), tell_apart=tell_apart
    )
    return render_page(request, "koppelingen/candidates.html", context=context)


@capability_required("can_coordinate")
@require_POST
def phone_answer(request, pk):
    """The coordinator called the volunteer and records their yes or no."""
    invitation = get_invitation_for_coordinator(request.access, pk)
    help_request = invitation.help_request
    _log(
        request,
        invitation.village_id,
        help_request.resident_id,
        f"helprequest:{help_request.pk}",
        Action.EDIT,
    )
    answer = request.POST.get("answer")
    note = request.POST.get("note", "").strip()[:300]
    if answer in ("accept", "decline") and note:
        services.call_note(invitation=invitation, note=note, by=request.user)
    if answer == "accept":
        result = services.invitation_accept(invitation=invitation, by=request.user)
        if result is services.AcceptResult.TOO_LATE:
            messages.warning(request, _("Too late: the task has been given to someone else."))
        elif result is services.AcceptResult.TIME_PASSED:
            messages.warning(request, _("The time of this task has passed; nothing was changed."))
        elif result is services.AcceptResult.VOLUNTEER_PAUSED:
            messages.warning(
                request,
                _("%(name)s is on a pause and cannot take on tasks now.")
                % {"name": invitation.volunteer},
            )
        elif result is services.AcceptResult.NO_LONGER_THEIRS:
            messages.warning(
                request,
                _("%(name)s is no longer an active volunteer; the invitation was withdrawn.")
                % {"name": invitation.volunteer},
            )
        else:
            messages.success(request, _("%(name)s does it.") % {"name": invitation.volunteer})
    elif answer == "decline":
        services.invitation_decline(
            invitation=invitation, remark=request.POST.get("remark", "") or note, by=request.user
        )
        messages.success(request, _("Recorded: %(name)s cannot.") % {"name": invitation.volunteer})
    else:
        raise Http404
    if request.POST.get("next") == "phone_round":
        return redirect("koppelingen:phone_round")
    return redirect("koppelingen:candidates", pk=invitation.help_request_id)


@capability_required("can_coordinate")
def phone_round(request):
    """Everyone to ring today, most urgent first, with the number, what to say and one
    click to record the answer with a note (koppelingen.phone_round)."""
    calls = phone_round_calls(request.access.village, today=timezone.localdate())
    log_read(
        request,
        village=request.access.village,
        resident_ids=[c.resident_id for c in calls],
        action=Action.SEARCH,
        object_ref="phone_round",
    )
    return render(
        request,
        "koppelingen/phone_round.html",
        {"calls": calls, "how_it_went": TaskReport.HowItWent.choices},
    )


@capability_required("can_coordinate")
def mismatch(request, pk):
    assignment = get_assignment_for_coordinator(request.access, pk)
    _log(
        request,
        assignment.village_id,
        assignment.resident_id,
        f"assignment:{assignment.pk}",
        Action.EDIT if request.method == "POST" else Action.VIEW,
    )
    form = MismatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.assignment_mark_mismatch(
            assignment=assignment,
            note=form.cleaned_data["note"],
            do_not_pair_again=form.cleaned_data["do_not_pair_again"],
            by=request.user,
        )
        messages.success(request, _("Recorded as a mismatch. The ranking takes it into account."))
        return redirect("koppelingen:candidates", pk=assignment.help_request_id)
    return render(request, "koppelingen/mismatch.html", {"assignment": assignment, "form": form})


@capability_required("can_coordinate")
def signals(request):
    items = signals_for(request.access)
    open_signals = [s for s in items if s.status == Signal.Status.OPEN]
    done_signals = [s for s in items if s.status != Signal.Status.OPEN][:50]
    log_residents(request, [*open_signals, *done_signals])
    return render(
        request,
        "koppelingen/signals.html",
        {
            "open_signals": open_signals,
            "done_signals": done_signals,
        },
    )


@capability_required("can_coordinate")
def signal_detail(request, pk):
    signal = get_signal_for_coordinator(request.access, pk)
    _log(
        request,
        signal.village_id,
        signal.resident_id,
        f"signal:{signal.pk}",
        Action.EDIT if request.method == "POST" else Action.VIEW,
    )
    organisations = Organisation.objects.for_village(request.access.village).order_by("name")
    form = PassOnForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and signal.status == Signal.Status.OPEN and form.is_valid():
        try:
            signal = services.signal_pass_on(
                signal=signal,
                organisation=form.cleaned_data["organisation"],
                consent=form.cleaned_data["consent"],
                note=form.cleaned_data["note"],
                exception_note=form.cleaned_data["exception_note"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if signal.passed_on_as_exception:
                messages.warning(
                    request,
                    _(
                        "Recorded as an exception (acute danger / the resident cannot be asked):"
                        " the signal has been passed on to %(organisation)s without consent."
                        " The logbook keeps the reason."
                    )
                    % {"organisation": signal.passed_to.name},
                )
            else:
                messages.success(
                    request,
                    _(
                        "Recorded: the signal has been passed on to %(organisation)s, with the"
                        " resident's consent."
                    )
                    % {"organisation": signal.passed_to.name},
                )
            return redirect("koppelingen:signals")
    return render(request, "koppelingen/signal_detail.html", {"signal": signal, "form": form})


@capability_required("can_coordinate")
def pair_logbook(request, volunteer_pk, resident_pk):
    from hulpvragen.selectors import get_resident_for_user
    from vrijwilligers.selectors import get_volunteer_working_here

    volunteer = get_volunteer_working_here(request.access, volunteer_pk)
    resident = get_resident_for_user(request.access, resident_pk)
    _log(request, resident.village_id, resident.pk, f"volunteer:{volunteer.pk}")
    return render(
        request,
        "koppelingen/pair_log.html",
        {
            "volunteer": volunteer,
            "resident": resident,
            "log": pair_log(request.access.village, volunteer.pk, resident.pk),
            "assignments": Assignment.objects.filter(volunteer=volunteer, resident=resident)
            .select_related("help_request__category", "report")
            .order_by("-accepted_at"),
        },
    )


@capability_required("can_coordinate")
def follow_up(request, pk):
    """The follow-up call of a new pair ("hoe ging het?"): how it went, a note and whether it
    was a mismatch go into the pair's logbook; the to-do is ticked off and the request
    closed when this was its last step."""
    todo = get_follow_up_for_user(request.access, pk)
    assignment = follow_up_assignment(todo)
    if assignment is not None:
        _log(
            request,
            assignment.village_id,
            assignment.resident_id,
            f"assignment:{assignment.pk}",
            Action.EDIT if request.method == "POST" else Action.VIEW,
        )
    form = FollowUpForm(request.POST or None)
    can_record = todo.done_at is None and assignment is not None
    if request.method == "POST" and can_record and form.is_valid():
        try:
            result = services.follow_up_record(todo=todo, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            text = _("Recorded in the logbook of %(volunteer)s and %(resident)s.") % {
                "volunteer": result.assignment.volunteer.full_name,
                "resident": result.assignment.resident.first_name,
            }
            if result.request_closed:
                text += " " + _("The request is closed.")
            messages.success(request, text)
            return redirect("meldingen:todos")
    return render(
        request,
        "koppelingen/follow_up.html",
        {"todo": todo, "assignment": assignment, "form": form, "can_record": can_record},
    )


def _log(request, village, resident_id, object_ref, action=Action.VIEW):
    log_read(
        request, village=village, resident_ids=[resident_id], action=action, object_ref=object_ref
    )


# --- volunteers (signed links; no login needed) -------------------------------------------


def _log_task(request, invitation, action, *, shown=True):
    """A volunteer's task page names the resident once the task is theirs (before that, a
    first name and the place only, which is not logged): through the link's session, or
    their own login."""
    if not shown:
        return
    log_read(
        request,
        village=invitation.village_id,
        resident_ids=[invitation.help_request.resident_id],
        action=action,
        object_ref=f"helprequest:{invitation.help_request_id}",
        via=None if request.user.is_authenticated else AccessLogEntry.Via.TASK_LINK,
    )


#
# The e-mailed link (`invitation`, `report`, `ics`: the token in the address) is traded for a
# short task session (`task_session`) and redirects to the task's own address without the
# token (`task`, `task_report`, `task_ics`). A logged-in volunteer opens their own tasks there
# directly. A link whose task is no longer the volunteer's is dead at once (410).


class _SessionEnded(Exception):
    """The task page was opened without its link, or the task session has run out."""


def _is_dead(invitation) -> bool:
    assignment = getattr(invitation, "assignment", None)
    return rules.link_is_dead(
        standing=_task_access(invitation).standing,
        invitation_withdrawn=invitation.status == Invitation.Status.WITHDRAWN,
        # Taken back by the desk; a volunteer who gave it back themselves keeps the page (and
        # may still say yes).
        assignment_withdrawn=assignment is not None
        and assignment.status == Assignment.Status.WITHDRAWN
        and invitation.status == Invitation.Status.ACCEPTED,
    )


def _link_dead(request, invitation):
    """What is left of a link whose task is no longer the volunteer's: thanks, and the desk."""
    return render(
        request,
        "koppelingen/link_dead.html",
        {
            "desk_village": invitation.village,
            "volunteer_gone": _task_access(invitation).standing == rules.STANDING_GONE,
        },
        status=410,
    )


def _open_link(request, token, then):
    """The e-mailed link: check it, open a task session, and go on to the task's address
    without the token. A page still open from before posts here: `then` handles it."""
    payload = tokens.read_token(token)
    if payload is None:
        raise Http404
    invitation, expired = invitation_for_link(
        payload, user=request.user, today=timezone.localdate()
    )
    if invitation is None:
        raise Http404
    if _is_dead(invitation):
        return _link_dead(request, invitation)
    if expired:
        return _link_expired(request, invitation)
    if not request.user.is_authenticated:
        task_session.grant(
            request.session,
            invitation_id=invitation.pk,
            expires_on=payload.expires_on,
            now=timezone.now(),
        )
    if request.method == "POST":
        return then(request, invitation.pk)
    return redirect(f"koppelingen:{then.__name__}", pk=invitation.pk)


def _from_task_session(request, pk):
    """The invitation of a task page, and whether its link has expired. Raises Http404 for
    anything not this visitor's, and `_SessionEnded` without an open task session."""
    invitation = invitation_for_task_page(pk, user=request.user)
    if invitation is None:
        raise Http404
    if request.user.is_authenticated:
        expires_on = services.invitation_link_expires_on(invitation)
    else:
        expires_on = task_session.link_expiry(request.session, invitation_id=pk, now=timezone.now())
        if expires_on is None:
            raise _SessionEnded
    return invitation, timezone.localdate() > expires_on


def task_page(view):
    """A task page behind the task session: a dead link or an expired one says so (410);
    without an open session the visitor is asked to open the link in the e-mail again."""

    @login_not_required
    @wraps(view)
    def wrapper(request, pk):
        try:
            invitation, expired = _from_task_session(request, pk)
        except _SessionEnded:
            return render(request, "koppelingen/link_again.html", status=404)
        if _is_dead(invitation):
            return _link_dead(request, invitation)
        if expired:
            return _link_expired(request, invitation)
        return view(request, invitation)

    return wrapper


def _task_access(invitation) -> rules.TaskAccess:
    assignment = getattr(invitation, "assignment", None)
    accepted = invitation.status == Invitation.Status.ACCEPTED and assignment is not None
    volunteer = invitation.volunteer
    return rules.task_access(
        volunteer_status=volunteer.status,
        paused_until=volunteer.paused_until,
        accepted=accepted and assignment.status in TAKEN_STATUSES,
        task_date=invitation.help_request.needed_on,
        today=timezone.localdate(),
    )


def _link_expired(request, invitation):
    # The link names the village even when it has expired: say how to reach its desk.
    return render(
        request,
        "koppelingen/link_expired.html",
        {"desk_village": invitation.village},
        status=410,
    )


def _task_context(invitation):
    help_request = invitation.help_request
    assignment = getattr(invitation, "assignment", None)
    accepted = invitation.status == Invitation.Status.ACCEPTED and assignment is not None
    access = _task_access(invitation)
    time_passed = services.task_time_passed(help_request)
    declined = invitation.status == Invitation.Status.DECLINED
    return {
        "may_say_yes_after_all": rules.may_say_yes_after_all(
            declined=declined,
            task_passed=time_passed,
            request_open=declined and services.request_still_asks(help_request),
        )
        and access.may_accept,
        "may_give_back": accepted
        and rules.may_give_back(
            planned=assignment.status == Assignment.Status.ACTIVE,
            reported=hasattr(assignment, "report"),
            task_passed=time_passed,
        ),
        "time_passed": time_passed,
        "invitation": invitation,
        "help_request": help_request,
        "resident": help_request.resident,
        "assignment": assignment,
        "accepted": accepted,
        "show_contact": access.may_see_contact,
        "paused": access.standing == rules.STANDING_PAUSED,
        "paused_until": invitation.volunteer.paused_until,
    }


ACCEPT_MESSAGES = {
    services.AcceptResult.TOO_LATE: (
        messages.INFO,
        gettext_lazy("Already taken by someone else — thank you all the same!"),
    ),
    services.AcceptResult.VOLUNTEER_PAUSED: (
        messages.INFO,
        gettext_lazy(
            "You are on a pause at the moment, so we will not give you this task. "
            "Enjoy the rest, and let the desk know when you are back."
        ),
    ),
    services.AcceptResult.NO_LONGER_THEIRS: (
        messages.INFO,
        gettext_lazy("This task is no longer yours. Thank you for everything you have done!"),
    ),
    services.AcceptResult.TIME_PASSED: (
        messages.INFO,
        gettext_lazy(
            "The time of this task has passed, so it can no longer be accepted. Thank you for"
            " wanting to help!"
        ),
    ),
}


@task_page
def task(request, invitation):
    """The task: decide with one tap; after accepting, the details. A volunteer may change
    their mind both ways ("Toch wel? Ik doe het", "Ik kan toch niet") while the task's time
    has not passed."""
    if request.method == "POST":
        action = request.POST.get("action")
        by = request.user if request.user.is_authenticated else None
        if action == "accept":
            result = services.invitation_accept(invitation=invitation, by=by)
            if result in ACCEPT_MESSAGES:
                level, text = ACCEPT_MESSAGES[result]
                messages.add_message(request, level, text)
            else:
                messages.success(request, _("Thank you! You are doing this task."))
        elif action == "decline":
            if services.invitation_decline(
                invitation=invitation, remark=request.POST.get("remark", ""), by=by
            ):
                messages.success(request, _("Fine, thank you for letting us know."))
        elif action == "give_back":
            result = services.task_give_back(invitation=invitation, by=by)
            if result is services.GiveBackResult.GIVEN_BACK:
                messages.success(
                    request,
                    _(
                        "Thank you for letting us know in time. The desk will look for someone"
                        " else."
                    ),
                )
            else:
                messages.info(request, _("This task can no longer be given back here."))
        else:
            raise Http404
        return redirect("koppelingen:task", pk=invitation.pk)
    invitation.refresh_from_db()
    context = _task_context(invitation)
    _log_task(request, invitation, Action.VIEW, shown=context["accepted"])
    return render(request, "koppelingen/invitation.html", context)


def _accepted_assignment(invitation):
    assignment = getattr(invitation, "assignment", None)
    if invitation.status != Invitation.Status.ACCEPTED or assignment is None:
        raise Http404
    return assignment


@task_page
def task_report(request, invitation):
    """Report back after the task: done or not, time, km, how it went, any worry."""
    assignment = _accepted_assignment(invitation)
    help_request = invitation.help_request
    if hasattr(assignment, "report"):
        messages.info(request, _("This task has been reported already. Thank you!"))
        return redirect("koppelingen:task", pk=invitation.pk)
    _log_task(request, invitation, Action.EDIT if request.method == "POST" else Action.VIEW)
    form = ReportForm(request.POST or None, is_transport=help_request.category.is_transport)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.task_report_submit(
            assignment=assignment,
            outcome=data["outcome"],
            by=request.user if request.user.is_authenticated else None,
            not_happened_reason=data["not_happened_reason"],
            minutes_spent=data["minutes_spent"],
            km_driven=data.get("km_driven"),
            how_it_went=data["how_it_went"],
            remark=data["remark"],
            worry=data["worry"],
        )
        messages.success(request, _("Thank you for reporting back!"))
        return redirect("koppelingen:task", pk=invitation.pk)
    return render(
        request,
        "koppelingen/report.html",
        {"form": form, "help_request": help_request, "invitation": invitation},
    )


@task_page
def task_ics(request, invitation):
    """The task as a calendar file (see koppelingen.calendar: where it starts and ends)."""
    assignment = _accepted_assignment(invitation)
    event = task_calendar.task_event(
        assignment, show_contact=_task_context(invitation)["show_contact"]
    )
    if event is None:
        raise Http404
    _log_task(request, invitation, Action.EXPORT)
    body = task_calendar.build_calendar([event], stamp=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="dorpsloket-taak.ics"'
    return response


@login_not_required
def feed(request, token):
    """A volunteer's calendar feed: every task they took, at a secret address they can
    renew. An address that was renewed (or never existed) says so, kindly (410)."""
    volunteer = Volunteer.objects.filter(calendar_token=token).select_related("village").first()
    if volunteer is None or not token or volunteer.status == VolunteerStatus.STOPPED:
        return render(request, "koppelingen/feed_gone.html", status=410)
    response = HttpResponse(
        task_calendar.volunteer_feed(volunteer), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_not_required
def invitation(request, token):
    """The link in the invitation e-mail (and the reminder): opens the task."""
    return _open_link(request, token, task)


@login_not_required
def report(request, token):
    """The link in the e-mail that asks for a report."""
    return _open_link(request, token, task_report)


@login_not_required
def ics(request, token):
    """The calendar link of e-mails sent before task pages had their own address."""
    return _open_link(request, token, task_ics)


# --- the printed week -----------------------------------------------------------------------


def _week_start(request):
    """The first day of the printed week: ?van=YYYY-MM-DD, else today (a bad date: today)."""
    try:
        return date.fromisoformat(request.GET.get("van", ""))
    except ValueError:
        return timezone.localdate()


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@capability_required("can_coordinate")
def week_letters(request):
    """The printed week: who wants their week on paper, their letters (one or all at once)
    and the sheet of the week for the weekly meeting."""
    start = _week_start(request)
    village = request.access.village
    volunteers = list(week_letter.paper_volunteers(village))
    first, last = week_letter.week_bounds(start)
    return render(
        request,
        "koppelingen/week_letters.html",
        {"volunteers": volunteers, "start": start, "first": first, "last": last},
    )


@capability_required("can_coordinate")
def week_letter_pdf(request, volunteer_pk):
    """One volunteer's letter with the tasks of the coming week (PDF, large type)."""
    volunteer = get_volunteer_for_user(request.access, volunteer_pk)
    return _letters(request, [volunteer], f"weekbrief-{volunteer.pk}.pdf")


@capability_required("can_coordinate")
def week_letters_pdf(request):
    """The letters of everyone who wants paper, one page each, to print at once."""
    volunteers = week_letter.paper_volunteers(request.access.village)
    return _letters(request, volunteers, "weekbrieven.pdf")


def _letters(request, volunteers, filename):
    start = _week_start(request)
    village = request.access.village
    volunteers = list(volunteers)
    lines = week_letter.week_lines(village, start=start, volunteer_ids=[v.pk for v in volunteers])
    log_read(
        request,
        village=village,
        resident_ids=[line.resident_id for line in lines],
        action=Action.PRINT,
        object_ref="week_letter",
    )
    return _pdf_response(week_letter.letters_pdf(village, volunteers, start=start), filename)


@capability_required("can_coordinate")
def week_sheet_pdf(request):
    """The week on one sheet for the desk's weekly meeting (PDF)."""
    village = request.access.village
    pdf, lines = week_letter.sheet_pdf(village, start=_week_start(request))
    log_read(
        request,
        village=village,
        resident_ids=[line.resident_id for line in lines],
        action=Action.PRINT,
        object_ref="week_sheet",
    )
    return _pdf_response(pdf, "weekblad.pdf")
