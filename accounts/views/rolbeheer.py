"""The organisation's own beheerder: its people, their roles (four eyes) and the events.

Only the beheerder of the organisation, acting in that role, reaches these pages;
everyone else gets 404. No pupil data here. The rules live in accounts/rolbeheer.py.
"""

from collections.abc import Iterable
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.contactpersoon import wijzig_contactpersoon
from accounts.forms import StyledFormMixin
from accounts.invoer import foutmeldingen
from accounts.models import Beheergebeurtenis, Lidmaatschap, Organisatie, Roltoekenning, User
from accounts.permissions import beheerde_organisatie, is_regiobeheerder
from accounts.rolbeheer import (
    beeindig,
    bevestig,
    hoort_bij,
    laatste_uitnodigingen,
    nodig_medewerker_uit,
    nodig_opnieuw_uit,
    open_voorstellen,
    rollen_voor,
    trek_in,
    wijs_af,
)
from accounts.rollen import Soort

GEBEURTENISSEN_PER_PAGINA = 50


class UitnodigenForm(StyledFormMixin, forms.Form):
    naam = forms.CharField(label="Naam", max_length=200)
    email = forms.EmailField(
        label="E-mailadres",
        help_text="Het werkadres. Hier komt de link waarmee de medewerker zelf een "
        "wachtwoord kiest en de authenticator-app koppelt.",
    )
    rol = forms.ChoiceField(label="Rol")

    def __init__(self, organisatie: Organisatie, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rol"].choices = [("", "Kies een rol")] + [
            (rol.value, rol.label) for rol in rollen_voor(organisatie)
        ]
        if organisatie.soort == Soort.SCHOOL:
            self.fields["rol"].help_text = (
                "De ondersteuningscoördinator heet op school ook intern begeleider (IB'er) of "
                "zorgcoördinator."
            )


class ContactpersoonForm(StyledFormMixin, forms.Form):
    contactpersoon_naam = forms.CharField(label="Naam van de contactpersoon", max_length=200)
    contactpersoon_email = forms.EmailField(
        label="E-mailadres van de contactpersoon",
        help_text="Bijvoorbeeld de directeur of bestuurder. Niet uw eigen adres: de "
        "contactpersoon bevestigt een beheerder die niemand binnen de organisatie kan "
        "bevestigen.",
    )


class RedenForm(forms.Form):
    reden = forms.CharField(label="Reden", max_length=500, required=False)


def foutmelding(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or "Dit mag u niet."


def gebeurtenissen(
    request: HttpRequest, organisatie: Organisatie, *, voor_regio: bool = False
) -> Page:
    """The organisation's events, newest first; its own beheerders see all of them.

    The region's beheerder sees only those about staff (a role, a proposal, or no person:
    the organisation itself) and no import's file name: events about parents would tell
    her which family belongs to the school (docs/beheer.md, "Events").
    """
    regels = Beheergebeurtenis.objects.filter(organisatie=organisatie).select_related(
        "door", "betreft"
    )
    if voor_regio:
        medewerkers = Lidmaatschap.objects.filter(organisatie=organisatie).values("user_id")
        voorgesteld = Roltoekenning.objects.filter(organisatie=organisatie).values("user_id")
        regels = regels.filter(
            Q(betreft__isnull=True)
            | ~Q(rol="")
            | Q(betreft__in=medewerkers)
            | Q(betreft__in=voorgesteld)
        )
    pagina = Paginator(regels, GEBEURTENISSEN_PER_PAGINA).get_page(request.GET.get("pagina"))
    if voor_regio:
        pagina.object_list = list(pagina.object_list)
        for regel in pagina.object_list:
            if regel.soort == Beheergebeurtenis.Soort.GEIMPORTEERD:
                regel.toelichting = ""  # starts with the file's name, often the pupils'
    return pagina


def met_uitnodiging(rijen: Iterable[Lidmaatschap | Roltoekenning]) -> None:
    """Attach each row's newest activation link (for "uitnodiging verstuurd op ...")."""
    links = laatste_uitnodigingen({rij.user_id for rij in rijen})
    for rij in rijen:
        rij.uitnodiging = links.get(rij.user_id)


def _organisatie(request: HttpRequest) -> Organisatie:
    organisatie = beheerde_organisatie(request.user)
    if organisatie is None:
        raise Http404("Niet gevonden.")
    return organisatie


def _render(
    request: HttpRequest,
    organisatie: Organisatie,
    form: UitnodigenForm | None = None,
    contactform: ContactpersoonForm | None = None,
) -> HttpResponse:
    leden = list(
        Lidmaatschap.objects.filter(organisatie=organisatie)
        .select_related("user")
        .order_by("user__naam", "rol")
    )
    voorstellen = open_voorstellen(organisatie, request.user)
    met_uitnodiging(leden + voorstellen)
    context = {
        "organisatie": organisatie,
        "leden": leden,
        "voorstellen": voorstellen,
        "form": form or UitnodigenForm(organisatie),
        "contactform": contactform
        or ContactpersoonForm(
            initial={
                "contactpersoon_naam": organisatie.contactpersoon_naam,
                "contactpersoon_email": organisatie.contactpersoon_email,
            }
        ),
        "pagina": gebeurtenissen(request, organisatie),
    }
    return render(request, "beheer/organisatie.html", context)


@login_required
@require_GET
def organisatie(request: HttpRequest) -> HttpResponse:
    return _render(request, _organisatie(request))


@login_required
@require_POST
def uitnodigen(request: HttpRequest) -> HttpResponse:
    organisatie = _organisatie(request)
    form = UitnodigenForm(organisatie, request.POST)
    if form.is_valid():
        try:
            toekenning = nodig_medewerker_uit(organisatie, door=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, foutmelding(exc))
        else:
            messages.success(
                request,
                f"{toekenning.user.naam} is voorgesteld als {toekenning.get_rol_display()}. "
                "De rol gaat in zodra een andere beheerder hem bevestigt.",
            )
            return redirect("accounts:beheer_organisatie")
    return _render(request, organisatie, form=form)


@login_required
@require_POST
def contactpersoon(request: HttpRequest) -> HttpResponse:
    """The organisation's beheerder names its contact (no longer the region's to change)."""
    organisatie = _organisatie(request)
    form = ContactpersoonForm(request.POST)
    if form.is_valid():
        try:
            verteld = wijzig_contactpersoon(
                organisatie,
                naam=form.cleaned_data["contactpersoon_naam"],
                email=form.cleaned_data["contactpersoon_email"],
                door=request.user,
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, foutmelding(exc))
        else:
            melding = "De vaste contactpersoon is gewijzigd."
            if verteld:
                melding += " De vorige contactpersoon heeft daarover een e-mail gekregen."
            messages.success(request, melding)
            return redirect("accounts:beheer_organisatie")
    return _render(request, organisatie, contactform=form)


def _voorstel(request: HttpRequest, uuid: UUID) -> Roltoekenning:
    return get_object_or_404(Roltoekenning, organisatie=_organisatie(request), uuid=uuid)


@login_required
@require_POST
def bevestigen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    toekenning = _voorstel(request, uuid)
    try:
        bevestig(toekenning, door=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, foutmelding(exc))
    else:
        messages.success(
            request,
            f"De rol {toekenning.get_rol_display()} voor {toekenning.user.naam} is bevestigd "
            "en gaat nu in.",
        )
    return redirect("accounts:beheer_organisatie")


@login_required
@require_POST
def afwijzen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    toekenning = _voorstel(request, uuid)
    form = RedenForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(foutmeldingen(form))
        wijs_af(toekenning, door=request.user, reden=form.cleaned_data["reden"])
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, foutmelding(exc))
    else:
        messages.success(request, f"Het voorstel voor {toekenning.user.naam} is afgewezen.")
    return redirect("accounts:beheer_organisatie")


@login_required
@require_POST
def intrekken(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The proposer (an organisation's beheerder or the region) withdraws her proposal."""
    toekenning = get_object_or_404(Roltoekenning, voorgesteld_door=request.user, uuid=uuid)
    try:
        trek_in(toekenning, door=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, foutmelding(exc))
    else:
        messages.success(request, f"Het voorstel voor {toekenning.user.naam} is ingetrokken.")
    if is_regiobeheerder(request.user):
        return redirect("accounts:regio_organisatie", pk=toekenning.organisatie_id)
    return redirect("accounts:beheer_organisatie")


@login_required
@require_POST
def beeindigen(request: HttpRequest, pk: int) -> HttpResponse:
    lidmaatschap = get_object_or_404(
        Lidmaatschap.objects.select_related("user"), organisatie=_organisatie(request), pk=pk
    )
    form = RedenForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(foutmeldingen(form))
        beeindig(lidmaatschap, door=request.user, reden=form.cleaned_data["reden"])
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, foutmelding(exc))
    else:
        messages.success(
            request,
            f"De rol {lidmaatschap.get_rol_display()} van {lidmaatschap.user.naam} is beëindigd.",
        )
    return redirect("accounts:beheer_organisatie")


@login_required
@require_POST
def opnieuw_uitnodigen(request: HttpRequest, pk: int) -> HttpResponse:
    organisatie = _organisatie(request)
    user = get_object_or_404(User, pk=pk)
    if not hoort_bij(user, organisatie):
        raise Http404("Niet gevonden.")
    try:
        nodig_opnieuw_uit(organisatie, user, door=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, foutmelding(exc))
    else:
        messages.success(
            request, f"Nieuwe uitnodiging gestuurd aan {user.naam}; de vorige link werkt niet meer."
        )
    return redirect("accounts:beheer_organisatie")
