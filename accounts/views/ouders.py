"""The schoolbeheerder helps parents of the school's pupils get in: resend the
invitation, or correct an e-mail address (the old address is told). No case content."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.forms import EmailadresForm, LeerlingZoekForm, getal
from accounts.models import Emaillink, Gezag, User
from accounts.permissions import beheerde_organisatie
from accounts.rollen import Soort
from accounts.uitnodigingen import stuur_activatie, wijzig_email_door_beheerder

MAX_RESULTATEN = 25


def ouders_van_school(school):
    ouder_ids = Gezag.objects.filter(
        leerling__school=school, leerling__uitgeschreven_op__isnull=True
    ).values("ouder_id")
    return User.objects.filter(pk__in=ouder_ids)


def _school(request):
    school = beheerde_organisatie(request.user)
    if school is None or school.soort != Soort.SCHOOL:
        raise Http404("Niet gevonden.")
    return school


@login_required
@require_http_methods(["GET", "POST"])
def ouders(request):
    """Find a parent (by POST, never in the URL) and act on their account."""
    school = _school(request)
    actie = request.POST.get("actie")
    if actie in {"opnieuw", "email"}:
        ouder = ouders_van_school(school).filter(pk=getal(request.POST.get("ouder"))).first()
        if ouder is None:
            raise Http404("Niet gevonden.")
        if actie == "opnieuw":
            if stuur_activatie(ouder, door=request.user, organisatie=school):
                messages.success(request, f"Nieuwe activatielink gestuurd aan {ouder.naam}.")
            else:
                messages.info(request, f"{ouder.naam} heeft het account al geactiveerd.")
            return redirect("accounts:ouders")
        form = EmailadresForm(request.POST)
        if form.is_valid():
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
        else:
            messages.error(request, " ".join(form.errors["email"]))
        return redirect("accounts:ouders")

    form = LeerlingZoekForm(request.POST or None)
    form.fields["zoekterm"].label = "Zoek een ouder op naam of e-mailadres"
    form.fields["zoekterm"].help_text = "Een deel van de naam of het adres is genoeg."
    gevonden = None
    if form.is_bound and form.is_valid() and form.cleaned_data["zoekterm"].strip():
        gevonden = ouders_van_school(school)
        for deel in form.cleaned_data["zoekterm"].split():
            gevonden = gevonden.filter(Q(naam__icontains=deel) | Q(email__icontains=deel))
        gevonden = list(gevonden.order_by("naam")[:MAX_RESULTATEN])
        open_links = dict(
            Emaillink.objects.bruikbaar()
            .filter(doel=Emaillink.Doel.ACTIVEREN, user__in=gevonden)
            .values_list("user_id", "verloopt_op")
        )
        for ouder in gevonden:
            ouder.link_geldig_tot = open_links.get(ouder.pk)
    wachtend = ouders_van_school(school).filter(geactiveerd_op__isnull=True).count()
    return render(
        request,
        "beheer/ouders.html",
        {"school": school, "form": form, "gevonden": gevonden, "wachtend": wachtend},
    )
