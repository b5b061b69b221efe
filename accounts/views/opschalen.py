"""The escalation ladder: managed by the organisation's own beheerder, read by its
members; and the pages of one escalation that route and fasenmodel show for their case
(accounts/opschalen.py, docs/rollen.md "Opschalen"). No pupil data on the ladder pages.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import opschalen
from accounts.forms import StyledFormMixin
from accounts.invoer import Idkeuzes, bewaar_fouten, herstel
from accounts.models import Escalatieniveau, Opschaling, Organisatie, Toegangslog
from accounts.permissions import gronden
from accounts.services import log_toegang

from .rolbeheer import _organisatie, foutmelding


class NiveauForm(StyledFormMixin, forms.Form):
    functionaris = forms.CharField(
        label="Functionaris",
        max_length=200,
        help_text="De functie naar wie wordt opgeschaald, bijvoorbeeld Teamleider jeugdteam.",
    )
    houders = Idkeuzes(
        label="Personen met deze functie",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Zij krijgen een melding als er naar dit niveau wordt opgeschaald.",
    )

    def __init__(self, organisatie: Organisatie, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["houders"].queryset = opschalen.leden_van(organisatie)


class OpschalenForm(StyledFormMixin, forms.Form):
    reden = forms.CharField(
        label="Waarom schaalt u op?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text="Wat lukt er niet, wat is al geprobeerd, en wat vraagt u van de functionaris? "
        "Alleen wat nodig is: de functionaris ziet niet het hele dossier.",
        error_messages={"required": opschalen.REDEN_VERPLICHT},
    )
    niveau = forms.IntegerField(widget=forms.HiddenInput)


class OplossenForm(StyledFormMixin, forms.Form):
    afspraak = forms.CharField(
        label="Afspraak",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="Wat is afgesproken om de zaak weer vlot te trekken?",
        error_messages={"required": opschalen.AFSPRAAK_VERPLICHT},
    )


# The ladder in /beheer/ -----------------------------------------------------------------


def _ladderpagina(
    request: HttpRequest, organisatie: Organisatie, form: NiveauForm | None = None
) -> HttpResponse:
    return render(
        request,
        "beheer/escalatieladder.html",
        {
            "organisatie": organisatie,
            "ladder": opschalen.ladder(organisatie),
            "form": form or NiveauForm(organisatie),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def escalatieladder(request: HttpRequest) -> HttpResponse:
    """The beheerder's page: the rungs, and a form that adds one on top."""
    organisatie = _organisatie(request)
    form = NiveauForm(organisatie, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            niveau = opschalen.voeg_niveau_toe(organisatie, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, foutmelding(exc))
        else:
            messages.success(
                request, f"Niveau {niveau.niveau} ({niveau.functionaris}) is toegevoegd."
            )
            return redirect("accounts:beheer_escalatieladder")
    return _ladderpagina(request, organisatie, form if request.method == "POST" else None)


def _niveau(request: HttpRequest, pk: int) -> Escalatieniveau:
    return get_object_or_404(
        Escalatieniveau.objects.select_related("organisatie"),
        organisatie=_organisatie(request),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def niveau_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    niveau = _niveau(request, pk)
    form = NiveauForm(
        niveau.organisatie,
        request.POST or None,
        initial={"functionaris": niveau.functionaris, "houders": list(niveau.houders.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            opschalen.wijzig_niveau(niveau, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, foutmelding(exc))
        else:
            messages.success(request, f"Niveau {niveau.niveau} is gewijzigd.")
            return redirect("accounts:beheer_escalatieladder")
    return render(request, "beheer/escalatieniveau.html", {"niveau": niveau, "form": form})


@login_required
@require_POST
def niveau_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    niveau = _niveau(request, pk)
    opschalen.verwijder_niveau(niveau)
    messages.success(
        request,
        f"Niveau {niveau.niveau} ({niveau.functionaris}) is verwijderd; de niveaus erboven "
        "schuiven een plaats op.",
    )
    return redirect("accounts:beheer_escalatieladder")


@login_required
@require_GET
def mijn_escalatieladder(request: HttpRequest) -> HttpResponse:
    """Members read their organisation's ladder (the one of the role they act in)."""
    leden = gronden(request.user).leden
    if not leden:
        raise Http404("Niet gevonden.")
    organisatie = leden[0].organisatie
    return render(
        request,
        "accounts/escalatieladder.html",
        {"organisatie": organisatie, "ladder": opschalen.ladder(organisatie)},
    )


# One escalation of a case (called by route's and fasenmodel's views) --------------------


def opschalen_pagina(
    request: HttpRequest,
    model: type[Opschaling],
    zaak: Model,
    namens: Organisatie,
    *,
    context: dict,
    terug: str,
) -> HttpResponse:
    """Shows the next rung of `namens` before sending, and sends (POST)."""
    niveau, hoogste = opschalen.volgend_niveau(namens, model.objects.filter(**{model.ZAAK: zaak}))
    fout = opschalen.niveau_fout(namens, niveau, hoogste)
    form = OpschalenForm(
        request.POST or None, initial={"niveau": niveau.niveau if niveau else None}
    )
    if request.method == "POST" and form.is_valid():
        try:
            opschaling = opschalen.schaal_op(
                model,
                zaak,
                door=request.user,
                namens=namens,
                reden=form.cleaned_data["reden"],
                verwacht_niveau=form.cleaned_data["niveau"],
                link=lambda o: o.get_absolute_url(),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for veld, lijst in exc.error_dict.items():
                    form.add_error(veld if veld in form.fields else None, lijst)
            else:
                form.add_error(None, exc)
        else:
            namen = ", ".join(u.naam for u in opschaling.ontvangers.all())
            messages.success(
                request,
                f"Opgeschaald naar niveau {opschaling.niveau} ({opschaling.functionaris}): "
                f"{namen} heeft een melding gekregen.",
            )
            return redirect(terug)
    return render(
        request,
        "accounts/opschalen.html",
        {
            **context,
            "form": form,
            "niveau": niveau,
            "hoogste": hoogste,
            "fout": fout,
            "namens": namens,
            "terug": terug,
        },
    )


def opschaling_pagina(
    request: HttpRequest,
    opschaling: Opschaling,
    *,
    ziet_zaak: bool,
    grond: Callable | None = None,
    context: dict | None = None,
) -> HttpResponse:
    """The escalation's own page: reason, pupil's name, status, the resolve form. The
    addressee may lack reach of the pupil: she sees this and nothing else of the file,
    logged with the escalation as ground. Others with no part in it: 404."""
    partij = opschalen.is_partij(opschaling, request.user)
    if not (partij or ziet_zaak):
        raise Http404("Niet gevonden.")
    log_toegang(
        request,
        opschaling.leerling,
        Toegangslog.Actie.BEKIJKEN,
        f"Opschaling ({opschaling.soort_zaak})",
        aanvullend=opschalen.eerste(
            grond, opschalen.ontvangergrond(request.user, [opschaling]) if partij else None
        ),
    )
    return render(
        request,
        "accounts/opschaling.html",
        {
            **(context or {}),
            "o": opschaling,
            "ziet_zaak": ziet_zaak,
            "mag_oplossen": opschalen.mag_oplossen(opschaling, request.user),
            "form": herstel(request, OplossenForm(), bij=opschaling.uuid),
        },
    )


def oplossen(request: HttpRequest, opschaling: Opschaling) -> HttpResponse:
    """POST: the addressee or the escalator records the outcome (afspraak)."""
    if not opschalen.is_partij(opschaling, request.user):
        raise Http404("Niet gevonden.")
    form = OplossenForm(request.POST)
    if not form.is_valid():
        bewaar_fouten(request, form, bij=opschaling.uuid)
        return redirect(opschaling.get_absolute_url())
    try:
        opschalen.los_op(
            opschaling,
            door=request.user,
            afspraak=form.cleaned_data["afspraak"],
            link=opschaling.get_absolute_url(),
        )
    except ValidationError as exc:
        messages.error(request, foutmelding(exc))
    else:
        messages.success(request, "De opschaling is opgelost; de afspraak staat bij de zaak.")
    return redirect(opschaling.get_absolute_url())
