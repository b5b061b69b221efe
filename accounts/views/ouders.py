"""The schoolbeheerder helps parents of the school's pupils get in: resend the
invitation, or correct an e-mail address (the old address is told). No case content."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.forms import EmailadresForm, LeerlingZoekForm
from accounts.invoer import gekozen
from accounts.models import Organisatie, User
from accounts.permissions import beheerde_organisatie
from accounts.rollen import Soort
from accounts.uitnodigingen import (
    ouders_van_school,
    stuur_activatie,
    wijzig_email_door_beheerder,
    zoek_ouders,
)

MAX_RESULTATEN = 25


def _school(request: HttpRequest) -> Organisatie:
    school = beheerde_organisatie(request.user)
    if school is None or school.soort != Soort.SCHOOL:
        raise Http404("Niet gevonden.")
    return school


@login_required
@require_http_methods(["GET", "POST"])
def ouders(request: HttpRequest) -> HttpResponse:
    """Find a parent (by POST, never in the URL) and act on their account."""
    school = _school(request)
    actie = ACTIES.get(request.POST.get("actie"))
    if actie is not None:
        try:
            ouder = gekozen(request.POST, "ouder", ouders_van_school(school), "Niet gevonden.")
        except ValidationError:
            raise Http404("Niet gevonden.") from None
        actie(request, school, ouder)
        return redirect("accounts:ouders")

    form = LeerlingZoekForm(request.POST or None)
    form.fields["zoekterm"].label = "Zoek een ouder op naam of e-mailadres"
    form.fields["zoekterm"].help_text = "Een deel van de naam of het adres is genoeg."
    gevonden = None
    if form.is_bound and form.is_valid() and form.cleaned_data["zoekterm"].strip():
        gevonden = zoek_ouders(school, form.cleaned_data["zoekterm"], maximum=MAX_RESULTATEN)
    wachtend = ouders_van_school(school).filter(geactiveerd_op__isnull=True).count()
    return render(
        request,
        "beheer/ouders.html",
        {"school": school, "form": form, "gevonden": gevonden, "wachtend": wachtend},
    )


def _stuur_opnieuw(request: HttpRequest, school: Organisatie, ouder: User) -> None:
    if stuur_activatie(ouder, door=request.user, organisatie=school):
        messages.success(request, f"Nieuwe activatielink gestuurd aan {ouder.naam}.")
    else:
        messages.info(request, f"{ouder.naam} heeft het account al geactiveerd.")


def _wijzig_email(request: HttpRequest, school: Organisatie, ouder: User) -> None:
    form = EmailadresForm(request.POST)
    if not form.is_valid():
        # The field is one of many on the page (one per parent): the message names
        # whose address it is.
        messages.error(request, f"E-mailadres van {ouder.naam}: {' '.join(form.errors['email'])}")
        return
    try:
        wijzig_email_door_beheerder(
            ouder, form.cleaned_data["email"], door=request.user, organisatie=school
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(
            request,
            f"Het e-mailadres van {ouder.naam} is gewijzigd; het oude adres kreeg "
            "daarover een bericht.",
        )


# The form's hidden `actie` field picks one; each answers with a message on the list page.
ACTIES: dict[str, Callable[[HttpRequest, Organisatie, User], None]] = {
    "opnieuw": _stuur_opnieuw,
    "email": _wijzig_email,
}
