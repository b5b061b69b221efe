"""Consent online: parents answer and withdraw; the coördinator sees the state and history."""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.aantallen import aantal
from accounts.forms import StyledFormMixin
from accounts.invoer import foutmeldingen
from accounts.meldingen import meld_fout
from accounts.models import Informatiesoort, Leerling, Lidmaatschap, Toegangslog, Toestemming
from accounts.permissions import get_object_for_user, kinderen_met
from accounts.rollen import Bereik, Ouderrecht, rollen_met_bereik
from accounts.services import (
    beantwoord_toestemming,
    geef_toestemmingen,
    leg_leerling_toestemming_vast,
    log_toegang,
    toestemming_vastleggen_toegestaan,
    toestemmingen_inzien_toegestaan,
    trek_toestemming_in,
    vraag_toestemming,
)
from accounts.toestemming import bundels, regel_voor


class AntwoordForm(forms.Form):
    """A parent's answer on one of `rijen`, her own consent rows."""

    toestemming = forms.ModelChoiceField(queryset=Toestemming.objects.none())
    actie = forms.ChoiceField(
        choices=[("geven", "geven"), ("weigeren", "weigeren"), ("intrekken", "intrekken")],
        error_messages={
            "required": "Kies geven, weigeren of intrekken.",
            "invalid_choice": "Kies geven, weigeren of intrekken.",
        },
    )
    geldig_tot = forms.DateField(label="Geldig tot en met", required=False)

    def __init__(self, *args, rijen: QuerySet[Toestemming], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["toestemming"].queryset = Toestemming.objects.filter(
            pk__in=rijen.values("pk")
        ).select_related("leerling", "ontvanger", "ontvanger_organisatie")


# Consent to hand the dossier to a new school is asked by the move itself, not by hand
# (docs/overstap.md).
VRAAGBARE_SOORTEN = [
    (waarde, label)
    for waarde, label in Informatiesoort.choices
    if waarde != Informatiesoort.OVERDRACHT
]


class BundelForm(forms.Form):
    """The form of "Alles toestaan voor dit MDO": which bundle, and its questions as shown."""

    bundel = forms.CharField(max_length=100)
    ids = forms.CharField(max_length=2000)


class VraagForm(StyledFormMixin, forms.Form):
    """The coördinator asks the parents' consent for one person and one or more kinds."""

    lidmaatschap = forms.ModelChoiceField(
        label="Wie mag het ontvangen",
        queryset=Lidmaatschap.objects.none(),
        empty_label="Kies een persoon",
    )
    soorten = forms.MultipleChoiceField(
        label="Wat", choices=VRAAGBARE_SOORTEN, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["lidmaatschap"]
        veld.queryset = (
            Lidmaatschap.objects.filter(rol__in=rollen_met_bereik(Bereik.MET_TOESTEMMING))
            .select_related("user", "organisatie")
            .order_by("organisatie__naam", "user__naam")
        )
        veld.label_from_instance = lambda lid: f"{lid.user.naam} — {lid.organisatie.naam}"


class LeerlingAntwoordForm(StyledFormMixin, forms.Form):
    lidmaatschap = forms.ModelChoiceField(
        label="Ontvanger", queryset=Lidmaatschap.objects.none(), empty_label="Kies een persoon"
    )
    soort = forms.ChoiceField(label="Waarvoor", choices=VRAAGBARE_SOORTEN)
    geven = forms.TypedChoiceField(
        label="Antwoord van de leerling",
        choices=[("1", "Geeft toestemming"), ("0", "Weigert toestemming")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    toelichting = forms.CharField(label="Toelichting", required=False)

    def __init__(self, *args, **kwargs) -> None:
        # Shown below VraagForm, which has a `lidmaatschap` too: ids of its own keep the
        # page's ids unique and each label on its own field.
        kwargs.setdefault("auto_id", "leerling_%s")
        super().__init__(*args, **kwargs)
        veld = self.fields["lidmaatschap"]
        veld.queryset = (
            Lidmaatschap.objects.exclude(organisatie__soort="school")
            .exclude(rol__in=rollen_met_bereik(Bereik.GEEN))
            .select_related("user", "organisatie")
        )
        veld.label_from_instance = lambda lid: f"{lid.user.naam} — {lid.organisatie.naam}"


@login_required
@require_http_methods(["GET", "POST"])
def mijn_toestemmingen(request: HttpRequest) -> HttpResponse:
    """A parent's consent for each child: open questions, given consent, history."""
    rolcontext = request.user.samenplan_rolcontext
    if not rolcontext.beslist_mee:  # no consent screen for a parent without custody
        raise Http404("Niet gevonden.")
    rijen = Toestemming.objects.filter(
        gever=request.user,
        leerling__gezagen__ouder=request.user,
        leerling__gezagen__heeft_gezag=True,
    ).select_related("leerling", "ontvanger", "ontvanger_organisatie")
    if request.method == "POST":
        if "bundel" in request.POST:
            _geef_bundel(request, rijen)
        else:
            _beantwoord(request, rijen)
        return redirect("accounts:toestemmingen")
    rijen = list(rijen)
    open_rijen = [r for r in rijen if r.status == Toestemming.Status.GEVRAAGD]
    log_toegang(
        request,
        list({r.leerling_id: r.leerling for r in rijen}.values()),
        Toegangslog.Actie.BEKIJKEN,
        "Toestemmingen",
    )
    return render(
        request,
        "accounts/toestemmingen.html",
        {
            "open": open_rijen,
            "bundels": bundels(open_rijen),
            "beantwoord": [r for r in rijen if r.status != Toestemming.Status.GEVRAAGD],
            "Status": Toestemming.Status,
        },
    )


def _geef_bundel(request: HttpRequest, rijen: QuerySet[Toestemming]) -> None:
    """Give every question of one bundle, exactly those the page listed, in one go."""
    form = BundelForm(request.POST)
    open_rijen = list(rijen.filter(status=Toestemming.Status.GEVRAAGD))
    gekozen = next(
        (b for b in bundels(open_rijen) if form.is_valid() and b.sleutel == form.data["bundel"]),
        None,
    )
    if gekozen is None or gekozen.ids != form.cleaned_data["ids"]:
        messages.error(
            request,
            "Deze vragen zijn intussen veranderd of al beantwoord; er is niets vastgelegd. "
            "Bekijk ze hieronder opnieuw.",
        )
        return
    try:
        gegeven = geef_toestemmingen(gekozen.rijen, door=request.user)
    except (ValidationError, PermissionDenied) as fout:
        meld_fout(request, fout)
        return
    lijst = "; ".join(f"{r.get_soort_display()} voor {r.ontvanger_label}" for r in gegeven)
    messages.success(
        request,
        f"U hebt toestemming gegeven voor {gekozen.titel}: {lijst}. U kunt elke toestemming "
        "hieronder los intrekken.",
    )


def _beantwoord(request: HttpRequest, rijen: QuerySet[Toestemming]) -> None:
    """The parent gives, refuses or withdraws one of their own rows; 404 for any other."""
    form = AntwoordForm(request.POST, rijen=rijen)
    if not form.is_valid():
        if "toestemming" in form.errors:
            raise Http404("Niet gevonden.")
        meld_fout(request, ValidationError(foutmeldingen(form)))
        return
    rij = form.cleaned_data["toestemming"]
    actie = form.cleaned_data["actie"]
    try:
        if actie == "intrekken":
            trek_toestemming_in(rij, door=request.user)
            messages.success(
                request,
                f"Uw toestemming voor {rij.ontvanger_label} is ingetrokken. Dit geldt meteen.",
            )
        else:
            beantwoord_toestemming(
                rij,
                door=request.user,
                geven=actie == "geven",
                geldig_tot=form.cleaned_data["geldig_tot"],
            )
            messages.success(request, "Dank u wel, uw antwoord is vastgelegd.")
    except (ValidationError, PermissionDenied) as fout:
        meld_fout(request, fout)


@login_required
@require_http_methods(["GET", "POST"])
def leerling_toestemming(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The school's view of a pupil's consent, its history, and the pupil's own answers."""
    leerling = get_object_for_user(
        request.user, Leerling.objects.select_related("school"), uuid=uuid
    )
    # Parents with custody decide on consent; a parent without custody does not (BW 1:377c).
    if not toestemmingen_inzien_toegestaan(request.user, leerling) and leerling.pk not in (
        kinderen_met(request.user, Ouderrecht.BESLISSEN)
    ):
        raise Http404("Niet gevonden.")
    log_toegang(request, leerling, Toegangslog.Actie.BEKIJKEN, "Toestemmingen")
    mag_vastleggen = toestemming_vastleggen_toegestaan(request.user, leerling)
    regel = regel_voor(leerling)
    # Two forms on one page; the hidden field `formulier` says which one was sent.
    vragen = request.POST.get("formulier") == "vragen"
    form = (
        LeerlingAntwoordForm(None if vragen else request.POST or None)
        if regel.leerling and mag_vastleggen
        else None
    )
    vraag_form = VraagForm(request.POST if vragen else None) if mag_vastleggen else None
    if request.method == "POST":
        verwerk, verstuurd = (_vraag, vraag_form) if vragen else (_leg_vast, form)
        if verstuurd is None:
            raise Http404("Niet gevonden.")
        if verstuurd.is_valid() and verwerk(request, leerling, verstuurd):
            return redirect("accounts:leerling_toestemming", leerling.uuid)
    # From 16 the pupil decides alone; the parents do not see the pupil's own choices.
    verberg_leerling = request.user.samenplan_rolcontext.is_ouder and not regel.ouders
    rijen, geschiedenis = _toestemmingen_en_geschiedenis(leerling, verberg_leerling)
    return render(
        request,
        "accounts/leerling_toestemming.html",
        {
            "leerling": leerling,
            "rijen": rijen,
            "geschiedenis": geschiedenis,
            "regel": regel,
            "form": form,
            "vraag_form": vraag_form,
        },
    )


def _als_formfout(fout: ValidationError | PermissionDenied) -> ValidationError | str:
    return fout if isinstance(fout, ValidationError) else str(fout)


def _vraag(request: HttpRequest, leerling: Leerling, form: VraagForm) -> bool:
    """Ask the parents' consent; True when done, else the form carries the reason."""
    lid = form.cleaned_data["lidmaatschap"]
    try:
        gevraagd = vraag_toestemming(
            leerling,
            door=request.user,
            ontvanger_organisatie=lid.organisatie,
            ontvanger=lid.user,
            soorten=form.cleaned_data["soorten"],
        )
    except (ValidationError, PermissionDenied) as fout:
        form.add_error(None, _als_formfout(fout))
        return False
    messages.success(
        request,
        f"De ouders hebben {aantal(len(gevraagd), 'vraag,vragen')} gekregen."
        if gevraagd
        else "Er stond geen nieuwe vraag open: de ouders zijn al gevraagd of gaven al toestemming.",
    )
    return True


def _leg_vast(request: HttpRequest, leerling: Leerling, form: LeerlingAntwoordForm) -> bool:
    """Record the pupil's own answer; True when done, else the form carries the reason."""
    lid = form.cleaned_data["lidmaatschap"]
    try:
        leg_leerling_toestemming_vast(
            leerling,
            door=request.user,
            ontvanger_organisatie=lid.organisatie,
            ontvanger=lid.user,
            soort=form.cleaned_data["soort"],
            geven=form.cleaned_data["geven"],
            toelichting=form.cleaned_data["toelichting"],
        )
    except (ValidationError, PermissionDenied) as fout:
        form.add_error(None, _als_formfout(fout))
        return False
    messages.success(request, "Het antwoord van de leerling is vastgelegd.")
    return True


def _toestemmingen_en_geschiedenis(leerling: Leerling, verberg_leerling: bool) -> tuple:
    rijen = leerling.toestemmingen.select_related(
        "gever", "ontvanger", "ontvanger_organisatie", "leerling"
    )
    geschiedenis = Toestemming.history.filter(leerling=leerling)
    if verberg_leerling:
        rijen = rijen.filter(gever__isnull=False)
        geschiedenis = geschiedenis.filter(gever__isnull=False)
    geschiedenis = geschiedenis.select_related(
        "history_user", "gever", "ontvanger_organisatie"
    ).order_by("-history_date")[:100]
    return rijen, geschiedenis
