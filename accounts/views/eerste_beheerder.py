"""The region's beheerder: organisations and their first beheerder; and the named
contact's confirmation page (no account needed). No pupil data here.

The contact's token leaves the URL at once and the session keeps only its hash (as in
accounts/views/account.py).
"""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.contactpersoon import contact_vast
from accounts.eerste_beheerder import (
    beeindig_vertrokken_beheerder,
    bevestig_door_contact,
    contactvoorstel,
    stel_eerste_beheerder_voor,
    stuur_contactlink_opnieuw,
    wijs_af_door_contact,
)
from accounts.forms import StyledFormMixin
from accounts.invoer import foutmeldingen
from accounts.middleware import two_factor_exempt
from accounts.models import Lidmaatschap, Organisatie, Roltoekenning, User
from accounts.models.beheer import token_hash
from accounts.permissions import is_regiobeheerder
from accounts.rolbeheer import hoort_bij, nodig_opnieuw_uit, open_voorstellen
from accounts.rollen import Rol, Soort
from accounts.views.rolbeheer import RedenForm, foutmelding, gebeurtenissen, met_uitnodiging

CONTACT_KEY = "samenplan_contactpersoon"
BEHEERDER = Rol.ORGANISATIEBEHEERDER


class EersteBeheerderForm(StyledFormMixin, forms.Form):
    naam = forms.CharField(label="Naam", max_length=200)
    email = forms.EmailField(
        label="E-mailadres",
        help_text="Niet dat van de vaste contactpersoon: die bevestigt de beheerder.",
    )


def _organisaties(request: HttpRequest) -> QuerySet[Organisatie]:
    if not is_regiobeheerder(request.user):
        raise Http404("Niet gevonden.")
    return Organisatie.objects.exclude(soort=Soort.REGIO)


@login_required
@require_GET
def organisaties(request: HttpRequest) -> HttpResponse:
    actieve_beheerders = Q(lidmaatschappen__rol=BEHEERDER, lidmaatschappen__user__is_active=True)
    lijst = _organisaties(request).annotate(
        aantal_beheerders=Count("lidmaatschappen__user", filter=actieve_beheerders, distinct=True)
    )
    wachtend = dict(
        Roltoekenning.objects.open()
        .filter(rol=BEHEERDER)
        .values_list("organisatie")
        .annotate(aantal=Count("pk"))
    )
    rijen = [(organisatie, wachtend.get(organisatie.pk, 0)) for organisatie in lijst]
    return render(request, "beheer/regio_organisaties.html", {"rijen": rijen})


def _render(
    request: HttpRequest, organisatie: Organisatie, form: EersteBeheerderForm | None = None
) -> HttpResponse:
    beheerders = list(
        Lidmaatschap.objects.filter(organisatie=organisatie, rol=BEHEERDER)
        .select_related("user")
        .order_by("user__naam")
    )
    voorstellen = open_voorstellen(organisatie, request.user, rol=BEHEERDER)
    met_uitnodiging(beheerders + voorstellen)
    # A switched-off beheerder still counts (accounts/eerste_beheerder.py).
    heeft_beheerder = bool(beheerders)
    context = {
        "organisatie": organisatie,
        "beheerders": beheerders,
        "voorstellen": voorstellen,
        "heeft_beheerder": heeft_beheerder,
        "heeft_actieve_beheerder": any(lid.user.is_active for lid in beheerders),
        "contact_vast": contact_vast(organisatie),
        # A refused proposal keeps its form (and message) even when it may not be shown.
        "form": form or (None if heeft_beheerder else EersteBeheerderForm()),
        "pagina": gebeurtenissen(request, organisatie, voor_regio=True),
    }
    return render(request, "beheer/regio_organisatie.html", context)


@login_required
@require_GET
def organisatie(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, get_object_or_404(_organisaties(request), pk=pk))


@login_required
@require_POST
def eerste_beheerder(request: HttpRequest, pk: int) -> HttpResponse:
    organisatie = get_object_or_404(_organisaties(request), pk=pk)
    form = EersteBeheerderForm(request.POST)
    if form.is_valid():
        try:
            toekenning = stel_eerste_beheerder_voor(
                organisatie, door=request.user, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, foutmelding(exc))
        else:
            messages.success(
                request,
                f"{toekenning.user.naam} is voorgesteld als beheerder van {organisatie}. "
                "De vaste contactpersoon heeft een e-mail gekregen om dit te bevestigen.",
            )
            return redirect("accounts:regio_organisatie", pk=organisatie.pk)
    return _render(request, organisatie, form=form)


@login_required
@require_POST
def contactlink_opnieuw(request: HttpRequest, uuid: UUID) -> HttpResponse:
    toekenning = get_object_or_404(
        Roltoekenning.objects.open().filter(organisatie__in=_organisaties(request), rol=BEHEERDER),
        uuid=uuid,
    )
    try:
        stuur_contactlink_opnieuw(toekenning, door=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, foutmelding(exc))
    else:
        messages.success(
            request, "De vaste contactpersoon heeft een nieuwe link; de vorige werkt niet meer."
        )
    return redirect("accounts:regio_organisatie", pk=toekenning.organisatie_id)


@login_required
@require_POST
def regio_opnieuw_uitnodigen(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    organisatie = get_object_or_404(_organisaties(request), pk=pk)
    user = get_object_or_404(User, pk=user_pk)
    if not hoort_bij(user, organisatie, rol=BEHEERDER):
        raise Http404("Niet gevonden.")
    try:
        nodig_opnieuw_uit(organisatie, user, door=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, foutmelding(exc))
    else:
        messages.success(request, f"Nieuwe uitnodiging gestuurd aan {user.naam}.")
    return redirect("accounts:regio_organisatie", pk=organisatie.pk)


@login_required
@require_POST
def beheerdersrol_beeindigen(request: HttpRequest, pk: int, lid_pk: int) -> HttpResponse:
    """The region ends the role of a departed beheerder (account switched off)."""
    organisatie = get_object_or_404(_organisaties(request), pk=pk)
    lidmaatschap = get_object_or_404(
        Lidmaatschap.objects.select_related("user"),
        organisatie=organisatie,
        rol=BEHEERDER,
        pk=lid_pk,
    )
    try:
        beeindig_vertrokken_beheerder(lidmaatschap, door=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, foutmelding(exc))
    else:
        messages.success(
            request,
            f"De beheerdersrol van {lidmaatschap.user.naam} is beëindigd; de vaste "
            "contactpersoon is per e-mail ingelicht.",
        )
    return redirect("accounts:regio_organisatie", pk=organisatie.pk)


# The named contact ---------------------------------------------------------------------


@two_factor_exempt
@never_cache
@require_GET
def contact_link(request: HttpRequest, token: str) -> HttpResponse:
    request.session[CONTACT_KEY] = token_hash(token)  # the hash only, never the token
    return redirect("accounts:contact_bevestigen")


def _contact_render(request: HttpRequest, **context: object) -> HttpResponse:
    status = 400 if "fout" in context else 200
    return render(request, "beheer/contactpersoon_bevestigen.html", context, status=status)


@two_factor_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def contact_bevestigen(request: HttpRequest) -> HttpResponse:
    """The named contact sees who is proposed as beheerder, and confirms (POST)."""
    token = request.session.get(CONTACT_KEY, "")
    try:
        link = contactvoorstel(token, request.user)
        if request.method == "POST":
            toekenning = bevestig_door_contact(token, request.user)
    except ValidationError as exc:
        return _contact_render(request, fout=" ".join(exc.messages))
    if request.method == "POST":
        request.session.pop(CONTACT_KEY, None)
        return _contact_render(request, klaar=toekenning)
    return _contact_render(request, toekenning=link.roltoekenning)


@two_factor_exempt
@never_cache
@require_POST
def contact_afwijzen(request: HttpRequest) -> HttpResponse:
    token = request.session.get(CONTACT_KEY, "")
    form = RedenForm(request.POST)
    if not form.is_valid():
        return _contact_render(
            request, fout=" ".join([*foutmeldingen(form), "Ga terug en pas de reden aan."])
        )
    try:
        toekenning = wijs_af_door_contact(
            token, reden=form.cleaned_data["reden"], bezoeker=request.user
        )
    except ValidationError as exc:
        return _contact_render(request, fout=" ".join(exc.messages))
    request.session.pop(CONTACT_KEY, None)
    return _contact_render(request, afgewezen=toekenning)
