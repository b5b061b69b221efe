from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.berichten import eerste_berichten_na
from accounts.forms import getal
from accounts.models import Informatiesoort, Toegangslog
from accounts.services import log_toegang
from accounts.toestemming import Toestemmingen, regel_voor
from accounts.uploads import bijlage_response
from arrangeren.route import services
from arrangeren.route.forms import (
    GenodigdeForm,
    LeerlinggesprekForm,
    MdoForm,
    TijdslotForm,
    UploadForm,
)
from arrangeren.route.models import Genodigde, Mdo, Tijdslot, Voorbereidingsstuk
from arrangeren.route.permissions import rechten_voor
from arrangeren.route.services.common import CONFLICT
from arrangeren.route.services.mdo import UITNODIGING_SJABLOON, externen_zonder_toestemming
from arrangeren.route.uitkomsten import laatste_verslag

from .common import mdo_voor, meld_fout, traject_voor, vereis_bewerken


@login_required
@require_http_methods(["GET", "POST"])
def mdo_plannen(request, uuid):
    traject, _rechten = traject_voor(request, uuid, "MDO plannen", bewerken=True)
    form = MdoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mdo = services.plan_mdo(traject, form.service_data(), door=request.user)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(
                request,
                "Het MDO is aangemaakt. Ouders en school staan al op de lijst; voeg de andere "
                "genodigden toe en vraag de ouders om toestemming.",
            )
            return redirect("arrangeren:mdo_detail", mdo.uuid)
    return render(request, "arrangeren/mdo_form.html", {"traject": traject, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def mdo_bewerken(request, uuid):
    mdo, _rechten = mdo_voor(request, uuid, "MDO wijzigen", bewerken=True)
    form = MdoForm(request.POST or None, instance=mdo)
    if request.method == "POST" and form.is_valid():
        try:
            services.wijzig_mdo(
                mdo, form.service_data(), door=request.user, versie=form.cleaned_data["versie"]
            )
        except ValidationError as fout:
            form.add_error(None, fout)
            if fout.code == CONFLICT:
                mdo.refresh_from_db()
        else:
            messages.success(request, "Het MDO is bijgewerkt.")
            return redirect("arrangeren:mdo_detail", mdo.uuid)
    return render(
        request, "arrangeren/mdo_form.html", {"traject": mdo.traject, "form": form, "mdo": mdo}
    )


def _genodigde_van(mdo, user) -> Genodigde:
    genodigde = next((g for g in mdo.genodigden.all() if g.user_id == user.pk), None)
    if genodigde is None:
        raise Http404("Niet gevonden.")
    return genodigde


def _actie(request, mdo, rechten, actie):
    """One POST action on the MDO page; raises ValidationError with a Dutch message."""
    post, user = request.POST, request.user
    if actie == "antwoord":
        komt = post.get("antwoord") == Genodigde.Antwoord.KOMT
        services.beantwoord_uitnodiging(_genodigde_van(mdo, user), komt, door=user)
        return "Dank u wel, uw antwoord is doorgegeven."
    if actie == "beschikbaarheid":
        genodigde = _genodigde_van(mdo, user)
        kan = {slot.pk: post.get(f"slot_{slot.pk}") == "ja" for slot in mdo.tijdsloten.all()}
        services.geef_beschikbaarheid(genodigde, kan, door=user)
        return "Dank u wel, uw beschikbaarheid is doorgegeven."
    vereis_bewerken(rechten)
    if actie == "genodigde_toevoegen":
        form = GenodigdeForm(post)
        if not form.is_valid():
            raise ValidationError("Kies een persoon om uit te nodigen.")
        lid = form.cleaned_data["lidmaatschap"]
        genodigde = services.voeg_genodigde_toe(mdo, lid.user, lid.organisatie, door=user)
        return f"{genodigde.naam} staat op de lijst met genodigden."
    if actie == "genodigde_verwijderen":
        genodigde = mdo.genodigden.filter(pk=getal(post.get("genodigde"))).first()
        if genodigde is None:
            raise ValidationError("Deze genodigde staat niet (meer) op de lijst.")
        services.verwijder_genodigde(genodigde, door=user)
        return f"{genodigde.naam} is van de lijst gehaald."
    if actie == "toestemming_vragen":
        soorten = [s for s in post.getlist("soorten") if s in Informatiesoort.values]
        if not soorten:
            raise ValidationError("Kies waarvoor u de ouders om toestemming vraagt.")
        aantal = services.vraag_toestemming_voor_genodigden(mdo, soorten, door=user)
        if not aantal:
            if not regel_voor(mdo.traject.leerling).ouders:
                return (
                    "De leerling is 16 of ouder en beslist zelf: leg het antwoord van de "
                    "leerling vast op de pagina Toestemmingen."
                )
            return (
                "Er stond geen nieuwe vraag open: de ouders zijn al gevraagd of gaven al "
                "toestemming."
            )
        return f"De ouders hebben {aantal} vraag/vragen om toestemming gekregen."
    if actie == "tijd_voorstellen":
        form = TijdslotForm(post)
        if not form.is_valid():
            raise ValidationError("Vul de datum, de begintijd en de eindtijd in.")
        services.stel_tijdsloten_voor(mdo, form.tijden(), door=user)
        return "De tijd is voorgesteld aan de genodigden."
    if actie == "tijd_kiezen":
        slot = Tijdslot.objects.filter(mdo=mdo, pk=getal(post.get("tijdslot"))).first()
        if slot is None:
            raise ValidationError("Kies een van de voorgestelde tijden.")
        services.kies_tijdslot(mdo, slot, door=user, versie=getal(post.get("versie"), 0))
        return "De datum en tijd van het MDO liggen vast."
    if actie == "annuleren":
        services.annuleer_mdo(mdo, door=user, reden=post.get("reden", ""))
        return "Het MDO is geannuleerd; wie al was uitgenodigd krijgt bericht."
    if actie == "uitnodigen":
        aantal = services.verstuur_uitnodigingen(mdo, door=user)
        if not aantal:
            return "De uitnodigingen waren al verstuurd; er is niets opnieuw verstuurd."
        return f"De uitnodigingen zijn verstuurd ({aantal} genodigden)."
    if actie == "stuk_uploaden":
        form = UploadForm(post, request.FILES)
        if not form.is_valid():
            raise ValidationError("Kies een bestand om te uploaden.")
        stuk = services.upload_stuk(
            mdo, form.cleaned_data["titel"], form.cleaned_data["bestand"], door=user
        )
        return f"“{stuk.titel}” is toegevoegd aan de voorbereidingsstukken."
    raise Http404("Niet gevonden.")


@login_required
@require_http_methods(["GET", "POST"])
def mdo_detail(request, uuid):
    mdo, rechten = mdo_voor(request, uuid, "MDO")
    if request.method == "POST":
        try:
            messages.success(request, _actie(request, mdo, rechten, request.POST.get("actie")))
        except ValidationError as fout:
            meld_fout(request, fout)
        return redirect("arrangeren:mdo_detail", mdo.uuid)
    leerling = mdo.traject.leerling
    toestemmingen = Toestemmingen(leerling)
    genodigden = list(mdo.genodigden.all())
    zonder = {g.pk for g in externen_zonder_toestemming(mdo)}
    # Whether each invitation arrived, from the outbox (the school's own view).
    bezorging = (
        eerste_berichten_na(
            UITNODIGING_SJABLOON,
            {g.pk: (g.user.email if g.user_id else None, g.uitgenodigd_op) for g in genodigden},
        )
        if rechten.intern
        else {}
    )
    stukken_zichtbaar = rechten.ziet_stukken(mdo)
    verslag = laatste_verslag(mdo)
    if verslag and not rechten.ziet_verslag(verslag):
        verslag = mdo.verslagen.filter(status="definitief").order_by("-versie").first()
        if verslag and not rechten.ziet_verslag(verslag):
            verslag = None
    context = {
        "mdo": mdo,
        "traject": mdo.traject,
        "rechten": rechten,
        "genodigden": [(g, g.pk in zonder, bezorging.get(g.pk)) for g in genodigden],
        "mijn_uitnodiging": next((g for g in genodigden if g.user_id == request.user.pk), None),
        "tijdsloten": mdo.tijdsloten.prefetch_related("beschikbaarheden"),
        "stukken": mdo.stukken.all() if stukken_zichtbaar else None,
        "verslag": verslag,
        "leerlinggesprek": getattr(mdo, "leerlinggesprek", None) if rechten.intern else None,
        "genodigde_form": GenodigdeForm() if rechten.bewerken else None,
        "tijdslot_form": TijdslotForm() if rechten.bewerken else None,
        "upload_form": UploadForm() if rechten.bewerken else None,
        "soorten": Informatiesoort.choices,
        "toestemming_nodig": bool(zonder),
        "toestemmingen": toestemmingen,
        "MdoStatus": Mdo.Status,
    }
    return render(request, "arrangeren/mdo_detail.html", context)


@login_required
def stuk_downloaden(request, uuid):
    """Documents leave only through here: reach, consent and the access log first."""
    stuk = (
        Voorbereidingsstuk.objects.select_related("mdo__traject__leerling")
        .filter(uuid=uuid)
        .first()
    )
    if stuk is None:
        raise Http404("Niet gevonden.")
    traject = stuk.mdo.traject
    if not traject.__class__.objects.for_user(request.user).filter(pk=traject.pk).exists():
        raise Http404("Niet gevonden.")
    rechten = rechten_voor(request.user, traject)
    if not rechten.ziet_stukken(stuk.mdo):
        raise Http404("Niet gevonden.")
    log_toegang(request, traject.leerling, Toegangslog.Actie.EXPORTEREN, "MDO: voorbereidingsstuk")
    return bijlage_response(stuk.bestand, stuk.bestandsnaam, stuk.mimetype)


@login_required
@require_http_methods(["GET", "POST"])
def leerlinggesprek(request, uuid):
    mdo, _rechten = mdo_voor(request, uuid, "MDO: leerlinggesprek", bewerken=True)
    bestaand = getattr(mdo, "leerlinggesprek", None)
    form = LeerlinggesprekForm(request.POST or None, instance=bestaand)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in LeerlinggesprekForm.Meta.fields}
        try:
            services.leg_leerlinggesprek_vast(mdo, data, door=request.user)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "De visie van de leerling is vastgelegd.")
            return redirect("arrangeren:mdo_detail", mdo.uuid)
    return render(request, "arrangeren/leerlinggesprek.html", {"mdo": mdo, "form": form})
