from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts import invoer
from accounts.models import Bericht, Toegangslog
from accounts.services import log_toegang
from accounts.toestemming import Toestemmingen
from accounts.uploads import bijlage_response
from arrangeren.route import personen, services
from arrangeren.route.forms import (
    GenodigdeForm,
    LeerlinggesprekForm,
    MdoForm,
    TijdslotForm,
    UploadForm,
)
from arrangeren.route.models import Genodigde, Mdo, Traject, Voorbereidingsstuk
from arrangeren.route.peiling import peiling_voor
from arrangeren.route.permissions import TrajectRechten, genodigdengrond, rechten_voor
from arrangeren.route.services.common import CONFLICT
from arrangeren.route.services.mdo import MDO_TOESTEMMINGEN
from arrangeren.route.services.uitnodigingen import (
    bezorging,
    externen_zonder_toestemming,
    ics,
    ouders_zonder_gezag,
)
from arrangeren.route.uitkomsten import mdo_voorinvulling, zichtbaar_verslag
from arrangeren.route.voorstellen import voorstellen

from .common import binnen_bereik_of_genodigd, mdo_voor, traject_voor
from .mdo_acties import voer_uit


@login_required
@require_http_methods(["GET", "POST"])
def mdo_plannen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    traject, _rechten = traject_voor(request, uuid, "MDO plannen", bewerken=True)
    form = MdoForm(request.POST or None, initial=mdo_voorinvulling(traject))
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
def mdo_bewerken(request: HttpRequest, uuid: UUID) -> HttpResponse:
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


@login_required
@require_http_methods(["GET", "POST"])
def mdo_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    mdo, rechten = mdo_voor(request, uuid, "MDO")
    if request.method == "POST":
        return voer_uit(request, mdo, rechten)
    return render(request, "arrangeren/mdo_detail.html", _mdo_context(request, mdo, rechten))


def _mdo_context(request: HttpRequest, mdo: Mdo, rechten: TrajectRechten) -> dict:
    genodigden = list(mdo.genodigden.all())  # with user and organisation (mdo_voor)
    toestemmingen = rechten.toestemmingen or Toestemmingen(mdo.traject.leerling)
    zonder = {
        g.pk
        for g in externen_zonder_toestemming(
            mdo, genodigden=genodigden, toestemmingen=toestemmingen
        )
    }
    # Whether each invitation arrived, from the outbox (the school's own view).
    bezorgd = bezorging(genodigden) if rechten.intern else {}
    # The slot poll: school staff and parents see every answer, an outsider her own.
    peiling = peiling_voor(
        mdo,
        genodigden,
        user_id=request.user.pk,
        alle_rijen=rechten.intern,
        niet_gevraagd=lambda: zonder | set(ouders_zonder_gezag(mdo).values_list("pk", flat=True)),
    )
    bewerken = rechten.bewerken
    return {
        "mdo": mdo,
        "traject": mdo.traject,
        "rechten": rechten,
        "genodigden": [(g, g.pk in zonder, bezorgd.get(g.pk)) for g in genodigden],
        "mijn_uitnodiging": next((g for g in genodigden if g.user_id == request.user.pk), None),
        "peiling": peiling,
        "stukken": mdo.stukken.all() if rechten.ziet_stukken(mdo) else None,
        "verslag": zichtbaar_verslag(mdo, rechten),
        "leerlinggesprek": getattr(mdo, "leerlinggesprek", None) if rechten.intern else None,
        **(_genodigde_formulier(request, mdo, toestemmingen) if bewerken else {}),
        "tijdslot_form": TijdslotForm() if bewerken and mdo.start is None else None,
        # Parties the pupil's situation requires (voorstellen.py): proposed, never invited.
        "voorstellen": voorstellen(mdo.traject, genodigden)
        if bewerken and mdo.status != Mdo.Status.GEHOUDEN
        else [],
        # A form whose post just failed shows again with its errors (accounts/invoer.py).
        "upload_form": invoer.herstel(request, UploadForm(), bij=mdo.pk) if bewerken else None,
        "soorten": [(s.value, s.label) for s in MDO_TOESTEMMINGEN],
        "toestemming_nodig": bool(zonder),
        "MdoStatus": Mdo.Status,
        "GenodigdeRol": Genodigde.Rol,
        "BerichtStatus": Bericht.Status,
    }


def _genodigde_formulier(request: HttpRequest, mdo: Mdo, toestemmingen: Toestemmingen) -> dict:
    """Whom to invite: the short list, and those found by the search above it
    (`?persoon=` without JavaScript; with it, `personen_zoeken`)."""
    zoekterm = invoer.zoekterm(request.GET, "persoon")
    gevonden = personen.zoek(mdo.traject, zoekterm, toestemmingen)
    return {
        "genodigde_form": invoer.herstel(
            request,
            GenodigdeForm(
                traject=mdo.traject,
                betrokken=personen.betrokken(mdo.traject, toestemmingen),
                gevonden=gevonden,
            ),
            bij=mdo.pk,
        ),
        "persoon_zoekterm": zoekterm,
        "persoon_zoekstatus": personen.zoekstatus(zoekterm, gevonden) if zoekterm else "",
    }


@login_required
@require_GET
def personen_zoeken(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """People by name or organisation for the invite form (htmx fills its list in place).

    Only for whoever edits the MDO's traject (else 404). It answers with names of staff
    only, nothing about the pupil, so it writes no access-log row.
    """
    mdo = (
        Mdo.objects.select_related("traject__leerling__school", "traject__regievoerder")
        .filter(traject__in=Traject.objects.for_user(request.user), uuid=uuid)
        .first()
    )
    if mdo is None or not rechten_voor(request.user, mdo.traject).bewerken:
        raise Http404("Niet gevonden.")
    zoekterm = invoer.zoekterm(request.GET, "persoon")
    gevonden = personen.zoek(mdo.traject, zoekterm)
    return render(
        request,
        "arrangeren/_personen_gevonden.html",
        {"gevonden": gevonden, "zoekstatus": personen.zoekstatus(zoekterm, gevonden)},
    )


@login_required
@require_GET
def stuk_downloaden(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """Documents leave only through here: reach, consent and the access log first."""
    stuk = (
        Voorbereidingsstuk.objects.select_related("mdo__traject__leerling")
        .filter(uuid=uuid)
        .first()
    )
    if stuk is None:
        raise Http404("Niet gevonden.")
    traject = stuk.mdo.traject
    if not Mdo.objects.filter(binnen_bereik_of_genodigd(request.user), pk=stuk.mdo_id).exists():
        raise Http404("Niet gevonden.")
    rechten = rechten_voor(request.user, traject)
    if not rechten.ziet_stukken(stuk.mdo):
        raise Http404("Niet gevonden.")
    log_toegang(
        request,
        traject.leerling,
        Toegangslog.Actie.EXPORTEREN,
        "MDO: voorbereidingsstuk",
        aanvullend=genodigdengrond(rechten),
    )
    return bijlage_response(stuk.bestand, stuk.bestandsnaam, stuk.mimetype)


@login_required
@require_http_methods(["GET", "POST"])
def leerlinggesprek(request: HttpRequest, uuid: UUID) -> HttpResponse:
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


@login_required
@require_GET
def mdo_ics(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The "Zet in agenda" link: the appointment as the invitation's .ics, for whoever may open the
    MDO page, with her own address (docs/route.md, "Agenda")."""
    mdo, _rechten = mdo_voor(request, uuid, "MDO (agenda)")
    if mdo.start is None:
        raise Http404("Niet gevonden.")
    inhoud = ics(mdo, voor=request.user, geannuleerd=mdo.status == Mdo.Status.GEANNULEERD)
    response = HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mdo.ics"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
